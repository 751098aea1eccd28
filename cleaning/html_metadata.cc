#include "cleaning/html_metadata.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "cleaning/html_entities.h"
#include "cleaning/text_normalize.h"
#include "cleaning/text_similarity.h"
#include "util/ascii.h"
#include "util/feed_date.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

// Bounds on what one page can make us store or read.
constexpr size_t kMaxMetaEntries = 2000;
constexpr size_t kMaxHeadings = 32;
constexpr size_t kMaxBylineCandidates = 64;
constexpr size_t kMaxBylineChars = 100;  // Readability.js: a byline is under 100 characters
constexpr size_t kMaxJsonLdNodes = 512;  // JSON values visited per script
constexpr size_t kMaxJsonLdAuthors = 64;
constexpr size_t kMaxDateTextBytes = 200;
constexpr size_t kMaxDateElements = 32;  // itemprop=datePublished elements kept
// Nodes one bounded text read or descendant search may visit: a short
// element can hold any number of empty ones.
constexpr size_t kMaxVisitedNodes = 4096;
// Class, id and style values are matched on this prefix only, so that huge
// attributes cost nothing per word looked for.
constexpr size_t kMaxMatchedAttributeBytes = 256;
constexpr double kTitleSimilarity = 0.75;

// True if the whitespace-separated list `list` holds `token` (ASCII
// case-insensitive).
bool HasToken(std::string_view list, std::string_view token) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && IsAsciiSpace(list[i])) ++i;
    const size_t start = i;
    while (i < list.size() && !IsAsciiSpace(list[i])) ++i;
    if (i > start && EqualsIgnoreCase(list.substr(start, i - start), token)) return true;
  }
  return false;
}

// Longest prefix of `s` of at most `max_bytes` that does not split a UTF-8
// sequence.
std::string_view CutAtCodePoint(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t end = max_bytes;
  for (int back = 0; back < 3 && end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80;
       ++back) {
    --end;
  }
  return s.substr(0, end);
}

size_t CountCodePoints(std::string_view s) {
  size_t count = 0;
  for (char c : s) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

// ---------------------------------------------------------------------------
// Gumbo helpers.

std::string_view Attribute(const GumboNode* node, const char* name) {
  if (node->type != GUMBO_NODE_ELEMENT) return {};
  const GumboAttribute* attribute = gumbo_get_attribute(&node->v.element.attributes, name);
  return attribute == nullptr ? std::string_view() : std::string_view(attribute->value);
}

bool HasAttribute(const GumboNode* node, const char* name) {
  return node->type == GUMBO_NODE_ELEMENT &&
         gumbo_get_attribute(&node->v.element.attributes, name) != nullptr;
}

const GumboVector* ChildrenOf(const GumboNode* node) {
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  if (node->type == GUMBO_NODE_ELEMENT) return &node->v.element.children;
  return nullptr;
}

// Pushes the children of `node` (at most `limit`, the first ones) so that
// they pop in document order.
void PushChildren(const GumboNode* node, size_t limit, std::vector<const GumboNode*>* stack) {
  const GumboVector* children = ChildrenOf(node);
  if (children == nullptr) return;
  for (size_t k = std::min<size_t>(children->length, limit); k > 0; --k) {
    stack->push_back(static_cast<const GumboNode*>(children->data[k - 1]));
  }
}

bool AddsSpace(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_BR:
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
      return true;
    default:
      return false;
  }
}

bool IsTextSkipped(GumboTag tag) {
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
         tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_TEXTAREA || tag == GUMBO_TAG_SELECT;
}

// Raw text of the subtree at `node` (block elements separated by a space),
// without script/style content. Unlike SubtreeText (cleaning/html_text.h) it
// stops as soon as the text passes `max_bytes` and returns false then: a
// byline candidate can be the ancestor of a whole article.
bool BoundedText(const GumboNode* node, size_t max_bytes, std::string* out) {
  out->clear();
  std::vector<const GumboNode*> stack{node};
  size_t budget = kMaxVisitedNodes;
  while (!stack.empty()) {
    if (budget-- == 0) return false;
    const GumboNode* current = stack.back();
    stack.pop_back();
    if (current == nullptr) {  // end of a block element
      out->push_back(' ');
      continue;
    }
    switch (current->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        out->append(current->v.text.text);
        if (out->size() > max_bytes) return false;
        continue;
      case GUMBO_NODE_ELEMENT:
        if (current != node && IsTextSkipped(current->v.element.tag)) continue;
        if (AddsSpace(current->v.element.tag)) {
          out->push_back(' ');
          stack.push_back(nullptr);
        }
        break;
      case GUMBO_NODE_DOCUMENT:
        break;
      default:
        continue;
    }
    PushChildren(current, budget, &stack);
  }
  return true;
}

// Concatenated text children of an RCDATA element (<title>).
std::string DirectText(const GumboNode* node) {
  std::string text;
  const GumboVector* children = ChildrenOf(node);
  if (children == nullptr) return text;
  for (unsigned k = 0; k < children->length; ++k) {
    const auto* child = static_cast<const GumboNode*>(children->data[k]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE ||
        child->type == GUMBO_NODE_CDATA) {
      text.append(child->v.text.text);
    }
  }
  return text;
}

// ---------------------------------------------------------------------------
// Text cleanup.

// Entities decoded (when `decode`), valid UTF-8, whitespace collapsed,
// invisible characters removed, trimmed, cut to `max_bytes`.
std::string CleanText(std::string_view raw, size_t max_bytes, bool decode = true) {
  // Entities and whitespace only shrink text, so 4x the cap is plenty.
  raw = CutAtCodePoint(raw, max_bytes * 4 + 64);
  std::string out = NormalizeToOneLine(decode && MayHoldHtmlEntity(raw) ? DecodeHtmlEntities(raw)
                                                                        : std::string(raw));
  out.resize(CutAtCodePoint(out, max_bytes).size());
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

size_t CountTitleWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    const bool space = IsAsciiSpace(c);
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

bool LooksLikeUrl(std::string_view s) {
  s = TrimAsciiSpace(s);
  return s.find("://") != std::string_view::npos || StartsWithIgnoreCase(s, "www.") ||
         StartsWithIgnoreCase(s, "mailto:") || (!s.empty() && s.front() == '/');
}

bool LooksLikeEmail(std::string_view s) {
  const size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0) return false;
  return s.find(' ') == std::string_view::npos && s.find('.', at) != std::string_view::npos;
}

bool HasLetter(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    int32_t cp = 0;
    const size_t length = DecodeUtf8At(s, i, &cp);
    if (length == 0) return false;
    if (cp < 0x80 ? IsAsciiAlpha(static_cast<char>(cp)) : true) return true;  // non-ASCII: letters
    i += length;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Titles.

struct Separator {
  size_t begin;  // the space before the mark
  size_t end;    // after the space following the mark
  bool hierarchical;
};

// " | ", " - ", " \ ", " / ", " > ", " » ", " :: ", " – ", " — ".
std::vector<Separator> FindSeparators(std::string_view title) {
  static constexpr std::array<std::pair<std::string_view, bool>, 9> kMarks = {{
      {"|", false},
      {"-", false},
      {"\\", true},
      {"/", true},
      {">", true},
      {"\xC2\xBB", true},  // »
      {"::", false},
      {"\xE2\x80\x93", false},  // en dash
      {"\xE2\x80\x94", false},  // em dash
  }};
  std::vector<Separator> found;
  for (size_t i = 0; i < title.size(); ++i) {
    if (title[i] != ' ') continue;
    for (const auto& [mark, hierarchical] : kMarks) {
      const size_t after = i + 1 + mark.size();
      if (after < title.size() && title[after] == ' ' &&
          title.compare(i + 1, mark.size(), mark) == 0) {
        found.push_back({i, after + 1, hierarchical});
        break;
      }
    }
  }
  return found;
}

// The <title> without a site name, after Readability.js _getArticleTitle.
// `title` is already cleaned (whitespace collapsed).
std::string StripSiteName(const std::string& title, const std::vector<std::string>& h1s,
                          const std::vector<std::string>& h2s, size_t h1_count) {
  std::string current = title;
  bool hierarchical = false;
  const std::vector<Separator> separators = FindSeparators(title);
  if (!separators.empty()) {
    for (const Separator& separator : separators) hierarchical |= separator.hierarchical;
    current = title.substr(0, separators.back().begin);
    if (CountTitleWords(current) < 3) current = title.substr(separators.front().end);
  } else if (title.find(": ") != std::string::npos) {
    const bool heading_matches = std::find(h1s.begin(), h1s.end(), title) != h1s.end() ||
                                 std::find(h2s.begin(), h2s.end(), title) != h2s.end();
    if (!heading_matches) {
      current = title.substr(title.rfind(':') + 1);
      if (CountTitleWords(current) < 3) {
        current = title.substr(title.find(':') + 1);
      } else if (CountTitleWords(std::string_view(title).substr(0, title.find(':'))) > 5) {
        current = title;
      }
    }
  } else if ((title.size() > 150 || title.size() < 15) && h1_count == 1 && !h1s.empty()) {
    current = h1s.front();
  }
  current = std::string(TrimAsciiSpace(current));
  const size_t words = CountTitleWords(current);
  if (words <= 4 && (!hierarchical || words + 1 != CountTitleWords(title) - separators.size() ||
                     current.empty())) {
    // Readability: keep the whole title unless exactly one hierarchical part
    // of the title was removed.
    current = title;
  }
  return current;
}

// ---------------------------------------------------------------------------
// Authors.

std::string_view StripBylinePrefix(std::string_view s) {
  static constexpr std::array<std::string_view, 6> kPrefixes = {
      "written by", "posted by", "authors:", "author:", "by:", "by"};
  s = TrimAsciiSpace(s);
  for (std::string_view prefix : kPrefixes) {
    if (StartsWithIgnoreCase(s, prefix) &&
        (s.size() == prefix.size() || prefix.back() == ':' || IsAsciiSpace(s[prefix.size()]))) {
      return TrimAsciiSpace(s.substr(prefix.size()));
    }
  }
  return s;
}

class AuthorList {
 public:
  bool full() const { return authors_.size() >= kMaxAuthors; }
  bool empty() const { return authors_.empty(); }
  std::vector<std::string> Take() { return std::move(authors_); }

  // Cleans `raw`, splits it into names and adds the usable ones.
  void AddRaw(std::string_view raw, bool decode = true, bool split_commas = true) {
    // URLs are dropped word by word: "Jane Doe (https://example.com/jane)"
    // keeps "Jane Doe".
    const std::string cleaned = CleanText(raw, kMaxAuthorBytes * 8, decode);
    std::string without_urls;
    for (size_t i = 0; i < cleaned.size();) {
      const size_t end = std::min(cleaned.find(' ', i), cleaned.size());
      const std::string_view word = std::string_view(cleaned).substr(i, end - i);
      std::string_view bare = word;
      while (!bare.empty() && (bare.front() == '(' || bare.front() == '<' || bare.front() == '[')) {
        bare.remove_prefix(1);
      }
      if (!LooksLikeUrl(bare) && !LooksLikeEmail(bare)) {
        if (!without_urls.empty()) without_urls.push_back(' ');
        without_urls.append(word);
      }
      i = end + 1;
    }
    std::string_view text = without_urls;
    // Split at ",", ";", "|", " & " and " and ".
    size_t start = 0;
    for (size_t i = 0; i <= text.size() && !full(); ++i) {
      size_t skip = 0;
      if (i == text.size()) {
        skip = 0;
      } else if ((text[i] == ',' && split_commas) || text[i] == ';' || text[i] == '|') {
        skip = 1;
      } else if (text.compare(i, 3, " & ") == 0) {
        skip = 3;
      } else if (i + 5 <= text.size() && EqualsIgnoreCase(text.substr(i, 5), " and ")) {
        skip = 5;
      } else {
        continue;
      }
      AddName(text.substr(start, i - start));
      start = i + skip;
      if (skip > 0) i += skip - 1;
    }
  }

 private:
  void AddName(std::string_view name) {
    name = StripBylinePrefix(name);
    if (name.empty() || name.size() > kMaxAuthorBytes || LooksLikeUrl(name) ||
        LooksLikeEmail(name) || !HasLetter(name)) {
      return;
    }
    for (const std::string& existing : authors_) {
      if (EqualsIgnoreCase(existing, name)) return;
    }
    authors_.emplace_back(name);
  }

  std::vector<std::string> authors_;
};

// ---------------------------------------------------------------------------
// Dates.

// ParseFeedDate after one documented normalization: "YYYYMMDD" and
// "YYYY/MM/DD[...]" are read as "YYYY-MM-DD[...]" (ParseFeedDate would take
// eight digits for epoch seconds and does not know slashes). Other digit
// strings shorter than 9 digits ("2018", a year) are not dates here: as epoch
// seconds they would land in 1970. "NN/NN/YYYY[ time]" is read as month/day
// or day/month only when one of the two numbers is over 12; otherwise it is
// ambiguous and not parsed.
std::optional<int64_t> ParsePageDate(std::string_view text) {
  text = TrimAsciiSpace(text);
  const auto digits = [&](size_t from, size_t count) {
    for (size_t i = from; i < from + count; ++i) {
      if (i >= text.size() || !IsAsciiDigit(text[i])) return false;
    }
    return true;
  };
  if (text.size() == 8 && digits(0, 8)) {
    std::string iso;
    iso.append(text.substr(0, 4)).append("-").append(text.substr(4, 2)).append("-");
    iso.append(text.substr(6, 2));
    return ParseFeedDate(iso);
  }
  if (text.size() < 9 && digits(0, text.size())) return std::nullopt;
  if (text.size() >= 10 && digits(0, 2) && text[2] == '/' && digits(3, 2) && text[5] == '/' &&
      digits(6, 4) && (text.size() == 10 || text[10] == ' ' || text[10] == 'T')) {
    const int first = (text[0] - '0') * 10 + (text[1] - '0');
    const int second = (text[3] - '0') * 10 + (text[4] - '0');
    if ((first > 12) == (second > 12)) return std::nullopt;  // ambiguous, or no month
    const std::string_view month = first > 12 ? text.substr(3, 2) : text.substr(0, 2);
    const std::string_view day = first > 12 ? text.substr(0, 2) : text.substr(3, 2);
    std::string iso;
    iso.append(text.substr(6, 4)).append("-").append(month).append("-").append(day);
    iso.append(text.substr(10));
    return ParseFeedDate(iso);
  }
  if (text.size() >= 10 && digits(0, 4) && text[4] == '/' && digits(5, 2) && text[7] == '/' &&
      digits(8, 2)) {
    std::string iso(text);
    iso[4] = '-';
    iso[7] = '-';
    return ParseFeedDate(iso);
  }
  return ParseFeedDate(text);
}

// ---------------------------------------------------------------------------
// The page walk.

struct MetaEntry {
  std::string key;
  std::string_view content;
  bool from_property;
};

struct PageScan {
  std::vector<MetaEntry> metas;
  std::string_view html_lang;
  const GumboNode* title = nullptr;
  std::vector<const GumboNode*> h1s;
  std::vector<const GumboNode*> h2s;
  size_t h1_count = 0;
  std::vector<std::string_view> json_ld;
  std::vector<const GumboNode*> byline_candidates;           // outside unlikely blocks
  std::vector<const GumboNode*> unlikely_byline_candidates;  // inside them
  std::vector<const GumboNode*> itemprop_dates;
  std::string_view time_pubdate;
  std::string_view time_in_header;
  std::string_view time_in_article;

  std::string_view Meta(std::string_view key) const {
    std::string_view by_name;
    for (const MetaEntry& entry : metas) {
      if (entry.key != key || TrimAsciiSpace(entry.content).empty()) continue;
      if (entry.from_property) return entry.content;
      if (by_name.empty()) by_name = entry.content;
    }
    return by_name;
  }

  // Every value of `key` given through `property`, or if there are none,
  // through `name` (unless `property_only`).
  std::vector<std::string_view> MetaAll(std::string_view key, bool property_only = false) const {
    std::vector<std::string_view> values;
    for (int pass = 0; pass < (property_only ? 1 : 2) && values.empty(); ++pass) {
      for (const MetaEntry& entry : metas) {
        if (entry.key == key && entry.from_property == (pass == 0) &&
            !TrimAsciiSpace(entry.content).empty()) {
          values.push_back(entry.content);
        }
      }
    }
    return values;
  }
};

std::string NormalizeMetaKey(std::string_view raw) {
  std::string key;
  for (char c : raw) {
    if (IsAsciiSpace(c)) continue;
    key.push_back(c == '.' ? ':' : AsciiLower(c));
  }
  return key;
}

void AddMeta(const GumboNode* node, PageScan* scan) {
  const std::string_view content = Attribute(node, "content");
  if (content.empty() || scan->metas.size() >= kMaxMetaEntries) return;
  const std::string_view property = Attribute(node, "property");
  size_t i = 0;
  while (i < property.size() && scan->metas.size() < kMaxMetaEntries) {
    while (i < property.size() && IsAsciiSpace(property[i])) ++i;
    const size_t start = i;
    while (i < property.size() && !IsAsciiSpace(property[i])) ++i;
    if (i > start) {
      std::string key = NormalizeMetaKey(property.substr(start, i - start));
      // "og:article:author" is also read as "article:author".
      if (key.size() > 3 && key.compare(0, 3, "og:") == 0 &&
          key.find(':', 3) != std::string::npos) {
        scan->metas.push_back({key.substr(3), content, true});
      }
      scan->metas.push_back({std::move(key), content, true});
    }
  }
  const std::string_view name = Attribute(node, "name");
  if (!name.empty()) scan->metas.push_back({NormalizeMetaKey(name), content, false});
  const std::string_view http_equiv = Attribute(node, "http-equiv");
  if (!http_equiv.empty()) {
    scan->metas.push_back({"http-equiv:" + NormalizeMetaKey(http_equiv), content, false});
  }
}

bool IsHidden(const GumboNode* node) {
  if (HasAttribute(node, "hidden") || Attribute(node, "aria-hidden") == "true") return true;
  const std::string_view style = Attribute(node, "style").substr(0, kMaxMatchedAttributeBytes);
  if (style.empty()) return false;
  std::string compact;
  for (char c : style) {
    if (!IsAsciiSpace(c)) compact.push_back(AsciiLower(c));
  }
  return compact.find("display:none") != std::string::npos ||
         compact.find("visibility:hidden") != std::string::npos;
}

// Blocks whose "author" elements are less likely the article's byline:
// <nav>, navigation-like ARIA roles, and class/id words from Readability.js
// (unlikelyCandidates, unless okMaybeItsACandidate also matches). <html>,
// <body> and links are never unlikely.
bool IsUnlikelyBlock(const GumboNode* node) {
  const GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_A) return false;
  if (tag == GUMBO_TAG_NAV) return true;
  const std::string_view role = TrimAsciiSpace(Attribute(node, "role"));
  for (std::string_view unlikely_role :
       {"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"}) {
    if (EqualsIgnoreCase(role, unlikely_role)) return true;
  }
  std::string match(Attribute(node, "class").substr(0, kMaxMatchedAttributeBytes));
  match.push_back(' ');
  match.append(Attribute(node, "id").substr(0, kMaxMatchedAttributeBytes));
  if (match.size() == 1) return false;
  static constexpr std::array<std::string_view, 31> kUnlikelyWords = {
      "-ad-",       "ai2html", "banner",    "breadcrumbs",  "combx",    "comment",  "community",
      "cover-wrap", "disqus",  "extra",     "footer",       "gdpr",     "header",   "legends",
      "menu",       "related", "remark",    "replies",      "rss",      "shoutbox", "sidebar",
      "skyscraper", "social",  "sponsor",   "supplemental", "ad-break", "agegate",  "pagination",
      "pager",      "popup",   "yom-remote"};
  static constexpr std::array<std::string_view, 8> kLikelyWords = {
      "and", "article", "body", "column", "content", "main", "mathjax", "shadow"};
  bool unlikely = false;
  for (std::string_view word : kUnlikelyWords) {
    unlikely = unlikely || ContainsIgnoreCase(match, word);
  }
  if (!unlikely) return false;
  for (std::string_view word : kLikelyWords) {
    if (ContainsIgnoreCase(match, word)) return false;
  }
  return true;
}

bool IsBylineCandidate(const GumboNode* node) {
  if (HasToken(Attribute(node, "rel"), "author")) return true;
  if (ContainsIgnoreCase(Attribute(node, "itemprop"), "author")) return true;
  for (const char* attribute : {"class", "id"}) {
    const std::string_view value = Attribute(node, attribute).substr(0, kMaxMatchedAttributeBytes);
    for (std::string_view word : {"byline", "author", "writtenby", "p-author"}) {
      if (ContainsIgnoreCase(value, word)) return true;
    }
  }
  return false;
}

enum WalkFlag : uint8_t {
  kInBody = 1 << 0,
  kUnlikely = 1 << 1,
  kHidden = 1 << 4,
  kInHeader = 1 << 2,
  kInArticle = 1 << 3,
};

PageScan ScanPage(const GumboNode* document) {
  PageScan scan;
  struct Frame {
    const GumboNode* node;
    uint8_t flags;
  };
  std::vector<Frame> stack{{document, 0}};
  while (!stack.empty()) {
    const Frame frame = stack.back();
    stack.pop_back();
    const GumboNode* node = frame.node;
    uint8_t flags = frame.flags;
    if (node->type == GUMBO_NODE_ELEMENT) {
      const GumboTag tag = node->v.element.tag;
      switch (tag) {
        case GUMBO_TAG_HTML:
          if (scan.html_lang.empty()) scan.html_lang = Attribute(node, "lang");
          if (scan.html_lang.empty()) scan.html_lang = Attribute(node, "xml:lang");
          break;
        case GUMBO_TAG_BODY:
          flags |= kInBody;
          break;
        case GUMBO_TAG_TITLE:
          if (scan.title == nullptr) scan.title = node;
          continue;
        case GUMBO_TAG_META:
          AddMeta(node, &scan);
          break;
        case GUMBO_TAG_SCRIPT:
          if (EqualsIgnoreCase(TrimAsciiSpace(Attribute(node, "type")), "application/ld+json") &&
              scan.json_ld.size() < kMaxJsonLdScripts) {
            const GumboVector& children = node->v.element.children;
            if (children.length > 0) {
              const auto* text = static_cast<const GumboNode*>(children.data[0]);
              if (text->type == GUMBO_NODE_TEXT || text->type == GUMBO_NODE_WHITESPACE) {
                scan.json_ld.emplace_back(text->v.text.text);
              }
            }
          }
          continue;
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_TEMPLATE:
          continue;
        case GUMBO_TAG_H1:
          ++scan.h1_count;
          if (scan.h1s.size() < kMaxHeadings) scan.h1s.push_back(node);
          break;
        case GUMBO_TAG_H2:
          if (scan.h2s.size() < kMaxHeadings) scan.h2s.push_back(node);
          break;
        case GUMBO_TAG_HEADER:
          flags |= kInHeader;
          break;
        case GUMBO_TAG_ARTICLE:
          flags |= kInArticle;
          break;
        case GUMBO_TAG_TIME: {
          const std::string_view datetime = Attribute(node, "datetime");
          if (datetime.empty()) break;
          if (HasAttribute(node, "pubdate")) {
            if (scan.time_pubdate.empty()) scan.time_pubdate = datetime;
          } else if (flags & kInHeader) {
            if (scan.time_in_header.empty()) scan.time_in_header = datetime;
          } else if (flags & kInArticle) {
            if (scan.time_in_article.empty()) scan.time_in_article = datetime;
          }
          break;
        }
        default:
          break;
      }
      if (HasToken(Attribute(node, "itemprop"), "datePublished") &&
          scan.itemprop_dates.size() < kMaxDateElements) {
        scan.itemprop_dates.push_back(node);
      }
      if ((flags & kInBody) && !(flags & kHidden)) {
        if (IsHidden(node)) {
          flags |= kHidden;
        } else {
          auto& candidates =
              (flags & kUnlikely) ? scan.unlikely_byline_candidates : scan.byline_candidates;
          if (candidates.size() < kMaxBylineCandidates && IsBylineCandidate(node)) {
            candidates.push_back(node);
          }
          if (IsUnlikelyBlock(node)) flags |= kUnlikely;
        }
      }
    }
    const GumboVector* children = ChildrenOf(node);
    if (children == nullptr) continue;
    for (unsigned k = children->length; k > 0; --k) {
      stack.push_back({static_cast<const GumboNode*>(children->data[k - 1]), flags});
    }
  }
  return scan;
}

// ---------------------------------------------------------------------------
// JSON-LD.

struct JsonLdData {
  bool found = false;
  std::string headline;
  std::string name;
  std::string description;
  std::string date_published;
  std::string publisher;
  std::string language;
  std::vector<std::string> authors;
};

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

std::string_view StripSchemaPrefix(std::string_view type) {
  for (std::string_view prefix : {"http://schema.org/", "https://schema.org/",
                                  "schema:", "http://schema.org", "https://schema.org"}) {
    if (type.substr(0, prefix.size()) == prefix) return type.substr(prefix.size());
  }
  return type;
}

// 2: an article type, 1: a web page type, 0: anything else.
int TypeRank(std::string_view type) {
  static constexpr std::array<std::string_view, 9> kArticleTypes = {
      "Report",       "SocialMediaPosting",     "BlogPosting", "LiveBlogPosting",
      "APIReference", "DiscussionForumPosting", "TechArticle", "Article",
      "NewsArticle"};
  type = StripSchemaPrefix(TrimAsciiSpace(type));
  for (std::string_view article : kArticleTypes) {
    if (type == article) return 2;
  }
  if (type.size() > 7 && type.substr(type.size() - 7) == "Article") return 2;  // *Article
  if (type == "WebPage" || (type.size() > 4 && type.substr(type.size() - 4) == "Page")) return 1;
  return 0;
}

int ObjectRank(object obj) {
  element type;
  if (obj["@type"].get(type) != simdjson::SUCCESS) return 0;
  std::string_view name;
  if (type.get_string().get(name) == simdjson::SUCCESS) return TypeRank(name);
  array types;
  int best = 0;
  if (type.get_array().get(types) == simdjson::SUCCESS) {
    for (element item : types) {
      if (item.get_string().get(name) == simdjson::SUCCESS) best = std::max(best, TypeRank(name));
    }
  }
  return best;
}

std::string_view StringField(object obj, std::string_view key) {
  std::string_view value;
  element field;
  if (obj[key].get(field) != simdjson::SUCCESS) return {};
  if (field.get_string().get(value) == simdjson::SUCCESS) return value;
  array items;
  if (field.get_array().get(items) == simdjson::SUCCESS) {  // ["2024-01-02"]: the first string
    for (element item : items) {
      if (item.get_string().get(value) == simdjson::SUCCESS) return value;
    }
  }
  return {};
}

class JsonLdReader {
 public:
  // Updates *article (first article object of the page) and *page (first web
  // page object) from one script. Returns false if the script is not JSON.
  bool Read(std::string_view script, JsonLdData* article, JsonLdData* page) {
    element root;
    if (!Parse(script, &root)) return false;
    ids_.clear();
    std::vector<element> queue{root};
    object best_article;
    object best_page;
    bool have_article = false;
    bool have_page = false;
    for (size_t next = 0; next < queue.size() && next < kMaxJsonLdNodes; ++next) {
      const element value = queue[next];
      array items;
      if (value.get_array().get(items) == simdjson::SUCCESS) {
        for (element item : items) {
          if (queue.size() >= kMaxJsonLdNodes) break;
          queue.push_back(item);
        }
        continue;
      }
      object obj;
      if (value.get_object().get(obj) != simdjson::SUCCESS) continue;
      std::string_view id;
      if (obj["@id"].get_string().get(id) == simdjson::SUCCESS && obj.size() > 1) {
        ids_.emplace(id, obj);
      }
      const int rank = ObjectRank(obj);
      if (rank == 2 && !have_article) {
        best_article = obj;
        have_article = true;
      } else if (rank == 1 && !have_page) {
        best_page = obj;
        have_page = true;
      }
      for (std::string_view key : {"@graph", "mainEntity"}) {
        element child;
        if (obj[key].get(child) == simdjson::SUCCESS && queue.size() < kMaxJsonLdNodes) {
          queue.push_back(child);
        }
      }
    }
    if (have_article && !article->found) Extract(best_article, article);
    if (have_page && !page->found) Extract(best_page, page);
    return true;
  }

 private:
  bool Parse(std::string_view script, element* root) {
    script = TrimAsciiSpace(script);
    // Readability.js strips CDATA markers; some pages also wrap JSON in a comment.
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 2> kWrappers = {
        {{"<![CDATA[", "]]>"}, {"<!--", "-->"}}};
    for (const auto& [open, close] : kWrappers) {
      if (script.substr(0, open.size()) == open) {
        script.remove_prefix(open.size());
        const size_t end = script.rfind(close);
        if (end != std::string_view::npos) script = script.substr(0, end);
        script = TrimAsciiSpace(script);
      }
    }
    if (script.empty() || script.size() > kMaxJsonLdBytes) return false;
    buffer_ = simdjson::padded_string(script);
    if (parser_.parse(buffer_).get(*root) == simdjson::SUCCESS) return true;
    // Second chance for two common faults: HTML-escaped JSON (&quot;) and raw
    // control characters (line breaks) inside strings, which become spaces:
    // outside strings they are whitespace already.
    std::string repaired =
        MayHoldHtmlEntity(script) ? DecodeHtmlEntities(script) : std::string(script);
    bool changed = repaired != script;
    for (char& c : repaired) {
      if (static_cast<unsigned char>(c) < 0x20) {
        c = ' ';
        changed = true;
      }
    }
    if (!changed) return false;
    buffer_ = simdjson::padded_string(repaired);
    return parser_.parse(buffer_).get(*root) == simdjson::SUCCESS;
  }

  // The object an {"@id": ...} reference stands for, when the script has it.
  object Resolve(object obj) const {
    std::string_view id;
    if (obj["@id"].get_string().get(id) == simdjson::SUCCESS) {
      const auto it = ids_.find(id);
      if (it != ids_.end()) return it->second;
    }
    return obj;
  }

  void AddAuthor(element value, std::vector<std::string>* authors) const {
    std::string_view name;
    if (value.get_string().get(name) == simdjson::SUCCESS) {
      authors->emplace_back(name);
      return;
    }
    object obj;
    if (value.get_object().get(obj) == simdjson::SUCCESS) {
      name = StringField(Resolve(obj), "name");
      if (!name.empty()) authors->emplace_back(name);
    }
  }

  void Extract(object obj, JsonLdData* data) const {
    data->found = true;
    data->headline = StringField(obj, "headline");
    data->name = StringField(obj, "name");
    data->description = StringField(obj, "description");
    data->date_published = StringField(obj, "datePublished");
    data->language = StringField(obj, "inLanguage");
    element author;
    if (obj["author"].get(author) == simdjson::SUCCESS) {
      array items;
      if (author.get_array().get(items) == simdjson::SUCCESS) {
        for (element item : items) {
          if (data->authors.size() >= kMaxJsonLdAuthors) break;
          AddAuthor(item, &data->authors);
        }
      } else {
        AddAuthor(author, &data->authors);
      }
    }
    element publisher;
    if (obj["publisher"].get(publisher) == simdjson::SUCCESS) {
      std::string_view name;
      object publisher_object;
      if (publisher.get_string().get(name) == simdjson::SUCCESS) {
        data->publisher = name;
      } else if (publisher.get_object().get(publisher_object) == simdjson::SUCCESS) {
        data->publisher = StringField(Resolve(publisher_object), "name");
      }
    }
  }

  simdjson::dom::parser parser_;
  simdjson::padded_string buffer_;
  std::unordered_map<std::string_view, object> ids_;
};

void ReadJsonLd(const std::vector<std::string_view>& scripts, JsonLdData* article,
                JsonLdData* page) {
  if (scripts.empty()) return;
  JsonLdReader reader;
  for (std::string_view script : scripts) {
    if (article->found) break;
    reader.Read(script, article, page);
  }
}

// ---------------------------------------------------------------------------
// Field selection.

std::string CleanLanguage(std::string_view raw) {
  raw = TrimAsciiSpace(raw);
  const size_t end = raw.find_first_of(", ;\t\n");
  if (end != std::string_view::npos) raw = raw.substr(0, end);
  if (raw.empty() || raw.size() > kMaxLanguageBytes || !IsAsciiAlpha(raw.front())) return {};
  std::string language;
  for (char c : raw) {
    if (c == '_') c = '-';
    if (!IsAsciiAlpha(c) && !IsAsciiDigit(c) && c != '-') return {};
    language.push_back(c);
  }
  return language;
}

// The <title> without its site name (StripSiteName), else the first <h1>.
std::string DocumentTitle(const PageScan& scan) {
  std::vector<std::string> h1s;
  std::vector<std::string> h2s;
  std::string text;
  for (const GumboNode* h1 : scan.h1s) {
    h1s.push_back(BoundedText(h1, kMaxTitleBytes * 4, &text)
                      ? CleanText(text, kMaxTitleBytes * 4, /*decode=*/false)
                      : std::string());
  }
  for (const GumboNode* h2 : scan.h2s) {
    h2s.push_back(BoundedText(h2, kMaxTitleBytes * 4, &text)
                      ? CleanText(text, kMaxTitleBytes * 4, /*decode=*/false)
                      : std::string());
  }
  const std::string html_title =
      scan.title == nullptr
          ? std::string()
          : CleanText(DirectText(scan.title), kMaxTitleBytes * 4, /*decode=*/false);
  if (!html_title.empty()) {
    const std::string stripped = StripSiteName(html_title, h1s, h2s, scan.h1_count);
    return std::string(CutAtCodePoint(stripped, kMaxTitleBytes));
  }
  for (const std::string& h1 : h1s) {
    if (!h1.empty()) return std::string(CutAtCodePoint(h1, kMaxTitleBytes));
  }
  return {};
}

std::string ChooseTitle(const PageScan& scan, const JsonLdData& article, const JsonLdData& page) {
  if (article.found) {
    std::string headline = CleanText(article.headline, kMaxTitleBytes);
    std::string name = CleanText(article.name, kMaxTitleBytes);
    // Readability.js: both should be the title, but some pages put the site
    // in "name", others a summary in "headline". The name wins unless only
    // the headline resembles the document title.
    if (!headline.empty() && !name.empty() && headline != name) {
      const std::string document_title = DocumentTitle(scan);
      if (TextSimilarity(headline, document_title, SimilarityWords::kAsciiWordOrNonAscii) >
              kTitleSimilarity &&
          TextSimilarity(name, document_title, SimilarityWords::kAsciiWordOrNonAscii) <=
              kTitleSimilarity) {
        return headline;
      }
    }
    if (!name.empty()) return name;
    if (!headline.empty()) return headline;
  }
  for (std::string_view key : {"dc:title", "dcterm:title", "dcterms:title", "og:title", "title",
                               "twitter:title", "parsely-title", "sailthru:title"}) {
    std::string title = CleanText(scan.Meta(key), kMaxTitleBytes);
    if (!title.empty()) return title;
  }
  if (page.found) {
    std::string title =
        CleanText(page.headline.empty() ? page.name : page.headline, kMaxTitleBytes);
    if (!title.empty()) return title;
  }
  return DocumentTitle(scan);
}

// The text of a byline element if it is short enough to be one (under 100
// characters), preferring an itemprop="name" descendant as Readability.js
// does; empty otherwise.
std::string BylineText(const GumboNode* candidate) {
  std::string text;
  if (!BoundedText(candidate, kMaxBylineChars * 4, &text)) return {};
  std::string cleaned = CleanText(text, kMaxBylineChars * 4, /*decode=*/false);
  if (cleaned.empty() || CountCodePoints(cleaned) >= kMaxBylineChars) return {};
  std::vector<const GumboNode*> stack{candidate};
  for (size_t budget = kMaxVisitedNodes; !stack.empty() && budget > 0; --budget) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT) continue;
    if (node != candidate && HasToken(Attribute(node, "itemprop"), "name")) {
      if (BoundedText(node, kMaxBylineChars * 4, &text)) {
        std::string name = CleanText(text, kMaxBylineChars * 4, /*decode=*/false);
        if (!name.empty()) return name;
      }
      break;
    }
    PushChildren(node, budget, &stack);
  }
  return cleaned;
}

std::vector<std::string> ChooseAuthors(const PageScan& scan, const JsonLdData& article) {
  AuthorList list;
  for (const std::string& author : article.authors) list.AddRaw(author);
  if (!list.empty()) return list.Take();
  for (std::string_view key : {"dc:creator", "dcterm:creator", "dcterms:creator", "author",
                               "parsely-author", "sailthru:author", "article:author"}) {
    // Dublin Core writes one creator per element as "Family, Given"; Open
    // Graph article:* keys are properties by definition.
    const bool dublin_core = key.find("creator") != std::string_view::npos;
    for (std::string_view value : scan.MetaAll(key, key == "article:author")) {
      if (list.full()) break;
      list.AddRaw(value, /*decode=*/true, /*split_commas=*/!dublin_core);
    }
    if (!list.empty()) return list.Take();
  }
  for (const auto* candidates : {&scan.byline_candidates, &scan.unlikely_byline_candidates}) {
    for (const GumboNode* candidate : *candidates) {
      std::string byline = BylineText(candidate);
      if (byline.empty()) continue;
      list.AddRaw(byline, /*decode=*/false);
      if (!list.empty()) return list.Take();
    }
  }
  return {};
}

void ChoosePublished(const PageScan& scan, const JsonLdData& article, const JsonLdData& page,
                     HtmlMetadata* metadata) {
  std::vector<std::string> candidates;
  candidates.push_back(article.date_published);
  for (std::string_view key :
       {"article:published_time", "og:published_time", "parsely-pub-date", "sailthru:date",
        "dc:date", "dcterm:date", "dcterms:date", "dc:date:issued", "dcterms:created",
        "dcterms:issued", "date", "pubdate", "publishdate", "publish-date", "publish_date"}) {
    candidates.emplace_back(scan.Meta(key));
  }
  std::string text;
  for (const GumboNode* node : scan.itemprop_dates) {
    std::string_view value = Attribute(node, "content");
    if (value.empty()) value = Attribute(node, "datetime");
    if (!value.empty()) {
      candidates.emplace_back(value);
    } else if (BoundedText(node, kMaxDateTextBytes, &text)) {
      candidates.push_back(text);
    }
  }
  candidates.emplace_back(scan.time_pubdate);
  candidates.emplace_back(scan.time_in_header);
  candidates.emplace_back(scan.time_in_article);
  candidates.push_back(page.date_published);
  for (const std::string& candidate : candidates) {
    std::string raw = CleanText(candidate, kMaxPublishedRawBytes);
    if (raw.empty()) continue;
    if (const auto ms = ParsePageDate(raw)) {
      metadata->published_raw = std::move(raw);
      metadata->published_at_ms = ms;
      return;
    }
    if (metadata->published_raw.empty()) metadata->published_raw = std::move(raw);
  }
}

std::string ChooseSiteName(const PageScan& scan, const JsonLdData& article) {
  std::string site = CleanText(article.publisher, kMaxSiteNameBytes);
  if (site.empty()) site = CleanText(scan.Meta("og:site_name"), kMaxSiteNameBytes);
  if (site.empty()) site = CleanText(scan.Meta("application-name"), kMaxSiteNameBytes);
  if (site.empty()) {
    std::string handle = CleanText(scan.Meta("twitter:site"), kMaxSiteNameBytes);
    if (!LooksLikeUrl(handle)) {
      site = handle.substr(handle.find_first_not_of('@') == std::string::npos
                               ? handle.size()
                               : handle.find_first_not_of('@'));
    }
  }
  return site;
}

std::string ChooseLanguage(const PageScan& scan, const JsonLdData& article,
                           const JsonLdData& page) {
  for (std::string_view raw :
       {scan.html_lang, scan.Meta("http-equiv:content-language"), scan.Meta("og:locale"),
        scan.Meta("dc:language"), scan.Meta("dcterms:language"), std::string_view(article.language),
        std::string_view(page.language)}) {
    std::string language = CleanLanguage(raw);
    if (!language.empty()) return language;
  }
  return {};
}

std::string ChooseDescription(const PageScan& scan, const JsonLdData& article) {
  std::string from_json_ld = CleanText(article.description, kMaxDescriptionBytes);
  if (!from_json_ld.empty()) return from_json_ld;
  for (std::string_view key : {"dc:description", "dcterm:description", "dcterms:description",
                               "og:description", "description", "twitter:description"}) {
    std::string description = CleanText(scan.Meta(key), kMaxDescriptionBytes);
    if (!description.empty()) return description;
  }
  return {};
}

}  // namespace

HtmlMetadata ExtractHtmlMetadata(const HtmlDocument& document) {
  HtmlMetadata metadata;
  if (document.document() == nullptr) return metadata;
  const PageScan scan = ScanPage(document.document());
  JsonLdData article;
  JsonLdData page;
  ReadJsonLd(scan.json_ld, &article, &page);
  metadata.title = ChooseTitle(scan, article, page);
  metadata.authors = ChooseAuthors(scan, article);
  ChoosePublished(scan, article, page, &metadata);
  metadata.site_name = ChooseSiteName(scan, article);
  metadata.language = ChooseLanguage(scan, article, page);
  metadata.description = ChooseDescription(scan, article);
  return metadata;
}

}  // namespace newsflow
