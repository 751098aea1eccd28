#include "cleaning/main_content.h"

#include <gumbo.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cleaning/html_entities.h"
#include "cleaning/html_text.h"
#include "cleaning/readability_page_facts.h"
#include "cleaning/readability_text_measure.h"
#include "cleaning/text_normalize.h"
#include "cleaning/text_similarity.h"
#include "util/ascii.h"

namespace newsflow {
namespace {

constexpr int32_t kNil = -1;

// Text is only read out of subtrees up to this many nodes (headings compared
// with the title, ad-word blocks), so nested elements cannot make the
// walks quadratic.
constexpr int32_t kMaxSmallSubtree = 256;

// ---------------------------------------------------------------------------
// Small string helpers (ASCII case folding: class names and ids are matched
// as Readability's /i regular expressions do).

bool IsAsciiWord(char c) {
  return IsAsciiAlnum(c) || c == '_';  // JavaScript's \w
}

bool ContainsAny(std::string_view lower, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (lower.find(word) != std::string_view::npos) return true;
  }
  return false;
}

// /^hid$| hid$| hid |^hid / : "hid" as a space-separated word.
bool HasHidWord(std::string_view lower) {
  size_t at = 0;
  while ((at = lower.find("hid", at)) != std::string_view::npos) {
    const bool start = at == 0 || lower[at - 1] == ' ';
    const bool end = at + 3 == lower.size() || lower[at + 3] == ' ';
    if (start && end) return true;
    at += 3;
  }
  return false;
}

bool IsUnlikely(std::string_view lower) {
  return ContainsAny(
      lower,
      {"-ad-",       "ai2html", "banner",    "breadcrumbs",  "combx",    "comment",  "community",
       "cover-wrap", "disqus",  "extra",     "footer",       "gdpr",     "header",   "legends",
       "menu",       "related", "remark",    "replies",      "rss",      "shoutbox", "sidebar",
       "skyscraper", "social",  "sponsor",   "supplemental", "ad-break", "agegate",  "pagination",
       "pager",      "popup",   "yom-remote"});
}

bool IsMaybeCandidate(std::string_view lower) {
  return ContainsAny(lower, {"and", "article", "body", "column", "content", "main", "shadow"});
}

bool IsPositive(std::string_view lower) {
  return ContainsAny(lower, {"article", "body", "content", "entry", "hentry", "h-entry", "main",
                             "page", "pagination", "post", "text", "blog", "story"});
}

// Without Readability's "foot" and "footnote": the reference outputs this
// was measured on keep footnote blocks (only "footer" is negative there).
bool IsNegative(std::string_view lower) {
  return HasHidWord(lower) ||
         ContainsAny(lower, {"-ad-",     "hidden",     "banner",  "combx",    "comment", "com-",
                             "contact",  "footer",     "gdpr",    "masthead", "media",   "meta",
                             "outbrain", "promo",      "related", "scroll",   "share",   "shoutbox",
                             "sidebar",  "skyscraper", "sponsor", "shopping", "tags",    "widget"});
}

bool IsBylineLike(std::string_view lower) {
  return ContainsAny(lower, {"byline", "author", "dateline", "writtenby", "p-author"});
}

// /(\b|_)(share|sharedaddy)(\b|_)/i
bool IsShareLike(std::string_view lower) {
  size_t at = 0;
  while ((at = lower.find("share", at)) != std::string_view::npos) {
    const bool start = at == 0 || !IsAsciiWord(lower[at - 1]) || lower[at - 1] == '_';
    if (start) {
      for (size_t length : {size_t{5}, size_t{10}}) {
        if (length == 10 && lower.compare(at, 10, "sharedaddy") != 0) continue;
        const size_t after = at + length;
        if (after == lower.size() || !IsAsciiWord(lower[after]) || lower[after] == '_') return true;
      }
    }
    at += 5;
  }
  return false;
}

// Readability's videos regex: //(www.)?(dailymotion|youtube|...).com etc.
bool MentionsVideoHost(std::string_view value) {
  std::string lower(value.substr(0, 2048));
  for (char& c : lower) c = AsciiLower(c);
  std::string_view v = lower;
  size_t at = 0;
  while ((at = v.find("//", at)) != std::string_view::npos) {
    std::string_view rest = v.substr(at + 2);
    if (rest.substr(0, 4) == "www.") rest.remove_prefix(4);
    for (std::string_view host :
         {"dailymotion.com", "youtube.com", "youtube-nocookie.com", "player.vimeo.com", "v.qq.com",
          "archive.org", "upload.wikimedia.org", "player.twitch.tv"}) {
      if (rest.substr(0, host.size()) == host) return true;
    }
    at += 2;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Tags.

bool IsPhrasingTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_B:
    case GUMBO_TAG_BDO:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_DATA:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_DFN:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_I:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_METER:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_OUTPUT:
    case GUMBO_TAG_PROGRESS:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_RUBY:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_WBR:
      return true;
    default:
      return false;
  }
}

// Readability's DIV_TO_P_ELEMS: a div holding none of these becomes a p.
bool IsDivToPBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

bool IsHeading(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 ||
         tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

bool IsTextish(GumboTag tag) {
  return tag == GUMBO_TAG_SPAN || tag == GUMBO_TAG_LI || tag == GUMBO_TAG_TD || IsDivToPBlock(tag);
}

bool IsTagToScore(GumboTag tag) {
  return tag == GUMBO_TAG_SECTION || tag == GUMBO_TAG_P || tag == GUMBO_TAG_TD ||
         tag == GUMBO_TAG_PRE || (IsHeading(tag) && tag != GUMBO_TAG_H1);
}

bool IsEmbed(GumboTag tag) {
  return tag == GUMBO_TAG_OBJECT || tag == GUMBO_TAG_EMBED || tag == GUMBO_TAG_IFRAME;
}

// ---------------------------------------------------------------------------
// Per-element facts read from attributes once per document.

struct ElementInfo {
  uint32_t match_begin = 0;  // into the lowercase arena: class + " " + id
  uint32_t class_length = 0;
  uint32_t id_length = 0;
  const char* class_attr = nullptr;  // raw, for className equality
  int32_t rowspan = 0;
  int32_t colspan = 0;
  bool invisible = false;
  bool modal_dialog = false;
  bool unlikely_role = false;
  bool byline_attr = false;
  bool hash_href = false;
  bool video = false;
  uint8_t table_hint = 0;  // 1: layout table (role=presentation, datatable=0); 2: summary
};

bool StyleHides(std::string_view style) {
  size_t start = 0;
  while (start <= style.size()) {
    size_t end = style.find(';', start);
    if (end == std::string_view::npos) end = style.size();
    const std::string_view declaration = style.substr(start, end - start);
    const size_t colon = declaration.find(':');
    if (colon != std::string_view::npos) {
      const std::string_view name = TrimAsciiSpace(declaration.substr(0, colon));
      std::string_view value = TrimAsciiSpace(declaration.substr(colon + 1));
      const size_t bang = value.find('!');
      if (bang != std::string_view::npos) value = TrimAsciiSpace(value.substr(0, bang));
      if (EqualsIgnoreCase(name, "display") && EqualsIgnoreCase(value, "none")) return true;
      if (EqualsIgnoreCase(name, "visibility") && EqualsIgnoreCase(value, "hidden")) return true;
    }
    start = end + 1;
  }
  return false;
}

int32_t ParseSpan(const char* value) {
  int32_t result = 0;
  const char* p = value;
  while (IsAsciiSpace(*p)) ++p;
  while (*p >= '0' && *p <= '9' && result < 100000) result = result * 10 + (*p++ - '0');
  return result;
}

// ---------------------------------------------------------------------------
// The working tree: a mutable copy of the gumbo tree (elements and text).

struct Node {
  const GumboNode* source = nullptr;  // null for paragraphs we create
  int32_t info = kNil;                // ElementInfo, elements from the page only
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  bool is_text = false;
  bool initialized = false;  // has a content score
  bool data_table = false;
  bool in_data_table = false;
  int32_t parent = kNil;
  int32_t first = kNil;
  int32_t last = kNil;
  int32_t prev = kNil;
  int32_t next = kNil;
  double score = 0;
  // Text nodes.
  TextMeasure text;
};

// Subtree sums, recomputed by passes (bottom-up) when the tree has changed.
struct Aggregate {
  TextStats text;
  int32_t ascii_commas = 0;
  int32_t commas = 0;
  double link_length = 0;
  int32_t p = 0;
  int32_t img = 0;
  int32_t li = 0;
  int32_t input = 0;
  int32_t embeds = 0;
  int32_t heading_length = 0;
  int32_t list_length = 0;
  int32_t textish_length = 0;
  int32_t element_children = 0;
  int32_t br_hr = 0;
  int32_t size = 0;  // descendant nodes
  bool video = false;
  bool has_block = false;       // a DIV_TO_P_ELEMS descendant
  bool phrasing_only = true;    // every child is phrasing content
  bool has_table = false;       // a table descendant
  bool has_data_table = false;  // a data-table descendant
  bool has_data_cells = false;  // col, colgroup, tfoot, thead or th descendant
  bool has_caption = false;     // a caption with content
};

enum Flag : uint32_t {
  kStripUnlikelys = 1,
  kWeightClasses = 2,
  kCleanConditionally = 4,
};

class Extractor {
 public:
  Extractor(const HtmlDocument& document, const MainContentOptions& options)
      : document_(document), options_(options) {}

  std::string Run();

 private:
  // Building.
  void BuildPristine();
  int32_t AddElementInfo(const GumboNode* element);
  int32_t NewNode(const Node& node);

  // Tree edits.
  void Unlink(int32_t i);
  void AppendChild(int32_t parent, int32_t child);
  void InsertBefore(int32_t node, int32_t reference);
  int32_t FirstElementChild(int32_t i) const;
  int32_t NextElementSibling(int32_t i) const;
  int32_t NextNode(int32_t i, bool skip_children) const;
  int32_t RemoveAndGetNext(int32_t i);
  void PreOrder(int32_t root, std::vector<int32_t>* order) const;

  // Measures.
  void AggregateOne(int32_t i);
  void AggregateSubtree(int32_t root);
  bool IsPhrasing(int32_t i) const;
  bool IsWhitespaceNode(int32_t i) const;
  double LinkDensity(int32_t i) const;
  int32_t InnerLength(int32_t i) const {
    return nodes_[i].is_text ? nodes_[i].text.stats.Inner() : agg_[i].text.Inner();
  }
  std::string_view MatchString(int32_t i) const;
  std::string_view ClassLower(int32_t i) const;
  std::string_view IdLower(int32_t i) const;
  int ClassWeight(int32_t i) const;
  bool HasAncestorTag(int32_t i, GumboTag tag, int max_depth) const;
  std::string TextOf(int32_t i, size_t limit) const;
  const ElementInfo* Info(int32_t i) const {
    return nodes_[i].info == kNil ? nullptr : &infos_[nodes_[i].info];
  }

  // The algorithm.
  void ReplaceBrs();
  bool CheckByline(int32_t i, std::string_view match);
  bool HeaderDuplicatesTitle(int32_t i) const;
  void InitializeNode(int32_t i);
  int32_t GrabArticle();
  void PrepArticle(int32_t article);
  void MarkDataTables(int32_t article);
  void CleanConditionally(int32_t article, GumboTag tag);
  bool ShouldRemoveConditionally(int32_t i, GumboTag tag) const;
  void CleanTags(int32_t article, std::initializer_list<GumboTag> tags);
  void CleanShareElements(int32_t article);
  void CleanHeaders(int32_t article);
  void Emit(int32_t root, std::string* raw) const;
  std::string Fallback() const;

  bool FlagActive(Flag flag) const { return (flags_ & flag) != 0; }

  const HtmlDocument& document_;
  const MainContentOptions& options_;
  uint32_t flags_ = kStripUnlikelys | kWeightClasses | kCleanConditionally;

  std::vector<ElementInfo> infos_;
  std::string arena_;  // lowercase class/id strings
  std::vector<Node> pristine_;
  int32_t pristine_root_ = kNil;
  int32_t pristine_body_ = kNil;

  std::vector<Node> nodes_;
  std::vector<Aggregate> agg_;
  int32_t root_ = kNil;
  int32_t body_ = kNil;
  ReadabilityPageFacts facts_;
  bool byline_found_ = false;
  std::vector<int32_t> scratch_;
};

// ---------------------------------------------------------------------------
// Building.

int32_t Extractor::AddElementInfo(const GumboNode* element) {
  ElementInfo info;
  const GumboVector& attributes = element->v.element.attributes;
  std::string_view class_value;
  std::string_view id_value;
  std::string_view role;
  std::string_view aria_hidden;
  bool aria_modal = false;
  for (unsigned int k = 0; k < attributes.length; ++k) {
    const auto* attribute = static_cast<const GumboAttribute*>(attributes.data[k]);
    const std::string_view name = attribute->name;  // gumbo lowercases names
    const char* value_ptr = attribute->value;
    const std::string_view value = value_ptr;
    if (name == "class") {
      class_value = value;
      info.class_attr = value_ptr;
    } else if (name == "id") {
      id_value = value;
    } else if (name == "style") {
      if (StyleHides(value)) info.invisible = true;
    } else if (name == "hidden") {
      info.invisible = true;
    } else if (name == "aria-hidden") {
      aria_hidden = value;
    } else if (name == "aria-modal") {
      aria_modal = value == "true";
    } else if (name == "role") {
      role = value;
    } else if (name == "rel") {
      if (value == "author") info.byline_attr = true;
    } else if (name == "itemprop") {
      if (value.find("author") != std::string_view::npos) info.byline_attr = true;
    } else if (name == "href") {
      if (value.size() > 1 && value[0] == '#') info.hash_href = true;
    } else if (name == "rowspan") {
      info.rowspan = ParseSpan(value_ptr);
    } else if (name == "colspan") {
      info.colspan = ParseSpan(value_ptr);
    } else if (name == "datatable") {
      if (value == "0") info.table_hint = 1;
    } else if (name == "summary") {
      if (!value.empty() && info.table_hint == 0) info.table_hint = 2;
    }
    if (IsEmbed(element->v.element.tag) && !info.video && MentionsVideoHost(value)) {
      info.video = true;
    }
  }
  if (aria_hidden == "true" && class_value.find("fallback-image") == std::string_view::npos) {
    info.invisible = true;
  }
  if (aria_modal && role == "dialog") info.modal_dialog = true;
  for (std::string_view unlikely :
       {"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"}) {
    if (role == unlikely) info.unlikely_role = true;
  }
  if (role == "presentation") info.table_hint = 1;
  info.match_begin = static_cast<uint32_t>(arena_.size());
  info.class_length = static_cast<uint32_t>(class_value.size());
  info.id_length = static_cast<uint32_t>(id_value.size());
  for (char c : class_value) arena_.push_back(AsciiLower(c));
  arena_.push_back(' ');
  for (char c : id_value) arena_.push_back(AsciiLower(c));
  infos_.push_back(info);
  return static_cast<int32_t>(infos_.size() - 1);
}

int32_t Extractor::NewNode(const Node& node) {
  nodes_.push_back(node);
  agg_.emplace_back();
  return static_cast<int32_t>(nodes_.size() - 1);
}

void Extractor::BuildPristine() {
  nodes_.clear();
  agg_.clear();
  const GumboNode* html = document_.root();
  if (html == nullptr || html->type != GUMBO_NODE_ELEMENT) return;
  struct Frame {
    const GumboNode* node;
    int32_t parent;
  };
  std::vector<Frame> stack;
  stack.push_back({html, kNil});
  while (!stack.empty()) {
    const Frame frame = stack.back();
    stack.pop_back();
    const GumboNode* g = frame.node;
    Node node;
    node.source = g;
    const GumboVector* children = nullptr;
    switch (g->type) {
      case GUMBO_NODE_ELEMENT: {
        const GumboTag tag = g->v.element.tag;
        if (tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_NOSCRIPT ||
            tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_TEMPLATE) {
          continue;
        }
        node.tag = tag;
        node.info = AddElementInfo(g);
        children = &g->v.element.children;
        break;
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        node.is_text = true;
        node.text = MeasureText(g->v.text.text);
        break;
      default:
        continue;
    }
    const int32_t index = NewNode(node);
    if (frame.parent != kNil) {
      AppendChild(frame.parent, index);
    }
    if (node.tag == GUMBO_TAG_HTML && frame.parent == kNil) root_ = index;
    if (node.tag == GUMBO_TAG_BODY && body_ == kNil) body_ = index;
    if (children == nullptr) continue;
    for (unsigned int k = children->length; k > 0; --k) {
      stack.push_back({static_cast<const GumboNode*>(children->data[k - 1]), index});
    }
  }
  pristine_ = nodes_;
  pristine_root_ = root_;
  pristine_body_ = body_;
}

// ---------------------------------------------------------------------------
// Tree edits.

void Extractor::Unlink(int32_t i) {
  Node& node = nodes_[i];
  if (node.parent == kNil) return;
  Node& parent = nodes_[node.parent];
  if (node.prev != kNil) {
    nodes_[node.prev].next = node.next;
  } else {
    parent.first = node.next;
  }
  if (node.next != kNil) {
    nodes_[node.next].prev = node.prev;
  } else {
    parent.last = node.prev;
  }
  node.parent = node.prev = node.next = kNil;
}

void Extractor::AppendChild(int32_t parent, int32_t child) {
  Unlink(child);
  Node& p = nodes_[parent];
  Node& c = nodes_[child];
  c.parent = parent;
  c.prev = p.last;
  c.next = kNil;
  if (p.last != kNil) {
    nodes_[p.last].next = child;
  } else {
    p.first = child;
  }
  p.last = child;
}

void Extractor::InsertBefore(int32_t node, int32_t reference) {
  Unlink(node);
  Node& r = nodes_[reference];
  Node& n = nodes_[node];
  n.parent = r.parent;
  n.next = reference;
  n.prev = r.prev;
  if (r.prev != kNil) {
    nodes_[r.prev].next = node;
  } else {
    nodes_[r.parent].first = node;
  }
  r.prev = node;
}

int32_t Extractor::FirstElementChild(int32_t i) const {
  int32_t c = nodes_[i].first;
  while (c != kNil && nodes_[c].is_text) c = nodes_[c].next;
  return c;
}

int32_t Extractor::NextElementSibling(int32_t i) const {
  int32_t c = nodes_[i].next;
  while (c != kNil && nodes_[c].is_text) c = nodes_[c].next;
  return c;
}

// Readability's _getNextNode: depth-first over elements.
int32_t Extractor::NextNode(int32_t i, bool skip_children) const {
  if (!skip_children) {
    const int32_t child = FirstElementChild(i);
    if (child != kNil) return child;
  }
  int32_t node = i;
  while (node != kNil) {
    const int32_t sibling = NextElementSibling(node);
    if (sibling != kNil) return sibling;
    node = nodes_[node].parent;
  }
  return kNil;
}

int32_t Extractor::RemoveAndGetNext(int32_t i) {
  const int32_t next = NextNode(i, true);
  Unlink(i);
  return next;
}

void Extractor::PreOrder(int32_t root, std::vector<int32_t>* order) const {
  order->clear();
  int32_t i = root;
  while (i != kNil) {
    order->push_back(i);
    if (nodes_[i].first != kNil) {
      i = nodes_[i].first;
      continue;
    }
    while (i != kNil && i != root && nodes_[i].next == kNil) i = nodes_[i].parent;
    if (i == kNil || i == root) break;
    i = nodes_[i].next;
  }
}

// ---------------------------------------------------------------------------
// Measures.

void Extractor::AggregateOne(int32_t i) {
  Aggregate a;
  for (int32_t c = nodes_[i].first; c != kNil; c = nodes_[c].next) {
    const Node& child = nodes_[c];
    ++a.size;
    if (child.is_text) {
      a.text.Append(child.text.stats);
      a.ascii_commas += child.text.ascii_commas;
      a.commas += child.text.commas;
      continue;
    }
    const Aggregate& b = agg_[c];
    const GumboTag tag = child.tag;
    a.text.Append(b.text);
    a.ascii_commas += b.ascii_commas;
    a.commas += b.commas;
    a.link_length += b.link_length;
    a.p += b.p + (tag == GUMBO_TAG_P ? 1 : 0);
    a.img += b.img + (tag == GUMBO_TAG_IMG ? 1 : 0);
    a.li += b.li + (tag == GUMBO_TAG_LI ? 1 : 0);
    a.input += b.input + (tag == GUMBO_TAG_INPUT ? 1 : 0);
    a.embeds += b.embeds + (IsEmbed(tag) ? 1 : 0);
    a.br_hr += b.br_hr + ((tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR) ? 1 : 0);
    a.size += b.size;
    a.video = a.video || b.video;
    const int32_t inner = b.text.Inner();
    a.heading_length += b.heading_length + (IsHeading(tag) ? inner : 0);
    a.list_length += b.list_length + ((tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL) ? inner : 0);
    a.textish_length += b.textish_length + (IsTextish(tag) ? inner : 0);
    ++a.element_children;
    a.has_block = a.has_block || b.has_block || IsDivToPBlock(tag);
    if (tag == GUMBO_TAG_A) {
      const ElementInfo* info = Info(c);
      a.link_length += inner * ((info != nullptr && info->hash_href) ? 0.3 : 1.0);
    }
    if (IsEmbed(tag)) {
      const ElementInfo* info = Info(c);
      if (info != nullptr && info->video) a.video = true;
    }
    const bool phrasing =
        IsPhrasingTag(tag) ||
        ((tag == GUMBO_TAG_A || tag == GUMBO_TAG_DEL || tag == GUMBO_TAG_INS) && b.phrasing_only);
    a.phrasing_only = a.phrasing_only && phrasing;
    a.has_table = a.has_table || b.has_table || tag == GUMBO_TAG_TABLE;
    a.has_data_table =
        a.has_data_table || b.has_data_table || (tag == GUMBO_TAG_TABLE && child.data_table);
    a.has_data_cells = a.has_data_cells || b.has_data_cells || tag == GUMBO_TAG_COL ||
                       tag == GUMBO_TAG_COLGROUP || tag == GUMBO_TAG_TFOOT ||
                       tag == GUMBO_TAG_THEAD || tag == GUMBO_TAG_TH;
    a.has_caption =
        a.has_caption || b.has_caption || (tag == GUMBO_TAG_CAPTION && child.first != kNil);
  }
  agg_[i] = a;
}

void Extractor::AggregateSubtree(int32_t root) {
  PreOrder(root, &scratch_);
  for (size_t k = scratch_.size(); k > 0; --k) {
    const int32_t i = scratch_[k - 1];
    if (!nodes_[i].is_text) AggregateOne(i);
  }
}

bool Extractor::IsPhrasing(int32_t i) const {
  const Node& node = nodes_[i];
  if (node.is_text) return true;
  if (IsPhrasingTag(node.tag)) return true;
  return (node.tag == GUMBO_TAG_A || node.tag == GUMBO_TAG_DEL || node.tag == GUMBO_TAG_INS) &&
         agg_[i].phrasing_only;
}

bool Extractor::IsWhitespaceNode(int32_t i) const {
  const Node& node = nodes_[i];
  if (node.is_text) return node.text.stats.Inner() == 0;
  return node.tag == GUMBO_TAG_BR;
}

double Extractor::LinkDensity(int32_t i) const {
  const int32_t length = InnerLength(i);
  if (length == 0 || nodes_[i].is_text) return 0;
  return agg_[i].link_length / length;
}

std::string_view Extractor::MatchString(int32_t i) const {
  const ElementInfo* info = Info(i);
  if (info == nullptr) return " ";
  return std::string_view(arena_).substr(info->match_begin,
                                         info->class_length + 1 + info->id_length);
}

std::string_view Extractor::ClassLower(int32_t i) const {
  const ElementInfo* info = Info(i);
  if (info == nullptr) return {};
  return std::string_view(arena_).substr(info->match_begin, info->class_length);
}

std::string_view Extractor::IdLower(int32_t i) const {
  const ElementInfo* info = Info(i);
  if (info == nullptr) return {};
  return std::string_view(arena_).substr(info->match_begin + info->class_length + 1,
                                         info->id_length);
}

int Extractor::ClassWeight(int32_t i) const {
  if (!FlagActive(kWeightClasses)) return 0;
  int weight = 0;
  const std::string_view class_name = ClassLower(i);
  if (!class_name.empty()) {
    if (IsNegative(class_name)) weight -= 25;
    if (IsPositive(class_name)) weight += 25;
  }
  const std::string_view id = IdLower(i);
  if (!id.empty()) {
    if (IsNegative(id)) weight -= 25;
    if (IsPositive(id)) weight += 25;
  }
  return weight;
}

// Readability's _hasAncestorTag: parents up to max_depth + 1 levels up
// (max_depth < 0: any level).
bool Extractor::HasAncestorTag(int32_t i, GumboTag tag, int max_depth) const {
  int depth = 0;
  for (int32_t p = nodes_[i].parent; p != kNil; p = nodes_[p].parent) {
    if (max_depth >= 0 && depth > max_depth) return false;
    if (nodes_[p].tag == tag && !nodes_[p].is_text) return true;
    ++depth;
  }
  return false;
}

// textContent of a subtree, at most about `limit` bytes.
std::string Extractor::TextOf(int32_t i, size_t limit) const {
  std::string text;
  if (nodes_[i].is_text) {
    text = nodes_[i].source->v.text.text;
  } else {
    int32_t node = nodes_[i].first;
    while (node != kNil && text.size() < limit) {
      if (nodes_[node].is_text) text.append(nodes_[node].source->v.text.text);
      if (!nodes_[node].is_text && nodes_[node].first != kNil) {
        node = nodes_[node].first;
        continue;
      }
      while (node != kNil && node != i && nodes_[node].next == kNil) node = nodes_[node].parent;
      if (node == kNil || node == i) break;
      node = nodes_[node].next;
    }
  }
  if (text.size() > limit) text.resize(limit);
  return text;
}

// ---------------------------------------------------------------------------
// The algorithm (Readability.js names in comments).

// _replaceBrs: two or more <br> in a row start a paragraph holding the
// inline content that follows.
void Extractor::ReplaceBrs() {
  if (body_ == kNil) return;
  std::vector<int32_t> order;
  PreOrder(body_, &order);
  auto next_significant = [this](int32_t n) {
    while (n != kNil && nodes_[n].is_text && nodes_[n].text.stats.Inner() == 0) n = nodes_[n].next;
    return n;
  };
  for (int32_t br : order) {
    if (nodes_[br].is_text || nodes_[br].tag != GUMBO_TAG_BR || nodes_[br].parent == kNil) {
      continue;
    }
    bool replaced = false;
    int32_t next = nodes_[br].next;
    while ((next = next_significant(next)) != kNil && !nodes_[next].is_text &&
           nodes_[next].tag == GUMBO_TAG_BR) {
      replaced = true;
      const int32_t after = nodes_[next].next;
      Unlink(next);
      next = after;
    }
    if (!replaced) continue;
    Node paragraph;
    paragraph.tag = GUMBO_TAG_P;
    const int32_t p = NewNode(paragraph);
    InsertBefore(p, br);
    Unlink(br);
    next = nodes_[p].next;
    while (next != kNil) {
      if (!nodes_[next].is_text && nodes_[next].tag == GUMBO_TAG_BR) {
        const int32_t following = next_significant(nodes_[next].next);
        if (following != kNil && !nodes_[following].is_text &&
            nodes_[following].tag == GUMBO_TAG_BR) {
          break;
        }
      }
      if (!IsPhrasing(next)) break;
      const int32_t sibling = nodes_[next].next;
      AppendChild(p, next);
      next = sibling;
    }
    while (nodes_[p].last != kNil && IsWhitespaceNode(nodes_[p].last)) Unlink(nodes_[p].last);
    const int32_t parent = nodes_[p].parent;
    if (parent != kNil && nodes_[parent].tag == GUMBO_TAG_P) nodes_[parent].tag = GUMBO_TAG_DIV;
  }
}

// _checkByline
bool Extractor::CheckByline(int32_t i, std::string_view match) {
  if (byline_found_ || facts_.has_meta_byline) return false;
  const ElementInfo* info = Info(i);
  const bool candidate = (info != nullptr && info->byline_attr) || IsBylineLike(match);
  if (!candidate) return false;
  const int32_t length = nodes_[i].is_text ? 0 : agg_[i].text.Trimmed();
  if (length > 0 && length < 100) {
    byline_found_ = true;
    return true;
  }
  return false;
}

// _headerDuplicatesTitle
bool Extractor::HeaderDuplicatesTitle(int32_t i) const {
  const GumboTag tag = nodes_[i].tag;
  if (tag != GUMBO_TAG_H1 && tag != GUMBO_TAG_H2) return false;
  if (facts_.title.empty()) return false;
  // Bounded work per heading (headings can nest): a title-like heading is
  // small.
  if (agg_[i].size > kMaxSmallSubtree) return false;
  const std::string heading = TextOf(i, 4 * facts_.title.size() + 256);
  return TextSimilarity(facts_.title, heading, SimilarityWords::kAsciiWord) > 0.75;
}

// _initializeNode
void Extractor::InitializeNode(int32_t i) {
  Node& node = nodes_[i];
  node.initialized = true;
  node.score = 0;
  switch (node.tag) {
    case GUMBO_TAG_DIV:
      node.score += 5;
      break;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_BLOCKQUOTE:
      node.score += 3;
      break;
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_FORM:
      node.score -= 3;
      break;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TH:
      node.score -= 5;
      break;
    default:
      break;
  }
  node.score += ClassWeight(i);
}

// _grabArticle (one attempt with the current flags). Returns the article
// root (a detached div), or kNil when the page has no body.
int32_t Extractor::GrabArticle() {
  nodes_ = pristine_;
  nodes_.reserve(pristine_.size() + pristine_.size() / 4 + 16);
  agg_.assign(nodes_.size(), Aggregate{});
  root_ = pristine_root_;
  body_ = pristine_body_;
  if (root_ == kNil || body_ == kNil) return kNil;

  AggregateSubtree(root_);
  ReplaceBrs();  // before <font> becomes <span>, as in Readability
  for (Node& n : nodes_) {
    if (n.tag == GUMBO_TAG_FONT && !n.is_text) n.tag = GUMBO_TAG_SPAN;
  }
  AggregateSubtree(root_);

  // Node prepping: remove hidden, unlikely and empty nodes; turn divs that
  // hold only inline content into paragraphs.
  std::vector<int32_t> to_score;
  const bool strip_unlikelys = FlagActive(kStripUnlikelys);
  bool should_remove_title_header = true;
  int32_t node = root_;
  while (node != kNil) {
    const ElementInfo* info = Info(node);
    const std::string_view match = MatchString(node);
    if (info != nullptr && (info->invisible || info->modal_dialog)) {
      node = RemoveAndGetNext(node);
      continue;
    }
    if (CheckByline(node, match)) {
      node = RemoveAndGetNext(node);
      continue;
    }
    if (should_remove_title_header && HeaderDuplicatesTitle(node)) {
      should_remove_title_header = false;
      node = RemoveAndGetNext(node);
      continue;
    }
    const GumboTag tag = nodes_[node].tag;
    if (strip_unlikelys) {
      if (IsUnlikely(match) && !IsMaybeCandidate(match) &&
          !HasAncestorTag(node, GUMBO_TAG_TABLE, 3) && !HasAncestorTag(node, GUMBO_TAG_CODE, 3) &&
          tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_A) {
        node = RemoveAndGetNext(node);
        continue;
      }
      if (info != nullptr && info->unlikely_role) {
        node = RemoveAndGetNext(node);
        continue;
      }
    }
    if ((tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION || tag == GUMBO_TAG_HEADER ||
         IsHeading(tag)) &&
        agg_[node].text.Inner() == 0 &&
        (agg_[node].element_children == 0 || agg_[node].element_children == agg_[node].br_hr)) {
      node = RemoveAndGetNext(node);
      continue;
    }
    if (IsTagToScore(tag)) to_score.push_back(node);

    if (tag == GUMBO_TAG_DIV) {
      // Put phrasing content into paragraphs.
      int32_t paragraph = kNil;
      bool wrapped = false;
      int32_t child = nodes_[node].first;
      while (child != kNil) {
        const int32_t next_sibling = nodes_[child].next;
        if (IsPhrasing(child)) {
          if (paragraph != kNil) {
            AppendChild(paragraph, child);
          } else if (!IsWhitespaceNode(child)) {
            Node p;
            p.tag = GUMBO_TAG_P;
            paragraph = NewNode(p);
            wrapped = true;
            InsertBefore(paragraph, child);
            AppendChild(paragraph, child);
          }
        } else if (paragraph != kNil) {
          while (nodes_[paragraph].last != kNil && IsWhitespaceNode(nodes_[paragraph].last)) {
            Unlink(nodes_[paragraph].last);
          }
          paragraph = kNil;
        }
        child = next_sibling;
      }
      // A div holding a single paragraph (and no text) is that paragraph.
      int32_t single = kNil;
      int elements = 0;
      bool has_text = false;
      for (int32_t c = nodes_[node].first; c != kNil; c = nodes_[c].next) {
        if (nodes_[c].is_text) {
          const TextStats& s = nodes_[c].text.stats;
          if (!s.empty && !s.trail_space) has_text = true;
        } else {
          ++elements;
          single = c;
        }
      }
      if (elements == 1 && !has_text && nodes_[single].tag == GUMBO_TAG_P &&
          LinkDensity(node) < 0.25) {
        InsertBefore(single, node);
        Unlink(node);
        // The paragraph takes the div's measures (same text).
        agg_[single] = agg_[node];
        node = single;
        to_score.push_back(node);
      } else if (!wrapped && !agg_[node].has_block) {
        nodes_[node].tag = GUMBO_TAG_P;
        to_score.push_back(node);
      }
    }
    node = NextNode(node, false);
  }

  // Score paragraphs into their ancestors.
  AggregateSubtree(root_);
  std::vector<int32_t> candidates;
  for (int32_t element : to_score) {
    const int32_t parent = nodes_[element].parent;
    if (parent == kNil) continue;
    const int32_t length = InnerLength(element);
    if (length < 25) continue;
    const double content_score = 1 + (agg_[element].commas + 1) + std::min(length / 100, 3);
    int32_t ancestor = parent;
    for (int level = 0; level < 5 && ancestor != kNil;
         ++level, ancestor = nodes_[ancestor].parent) {
      if (nodes_[ancestor].parent == kNil) continue;  // <html> or a detached root
      if (!nodes_[ancestor].initialized) {
        InitializeNode(ancestor);
        candidates.push_back(ancestor);
      }
      const double divider = level == 0 ? 1 : (level == 1 ? 2 : level * 3);
      nodes_[ancestor].score += content_score / divider;
    }
  }

  constexpr size_t kTopCandidates = 5;
  std::vector<int32_t> top;
  for (int32_t candidate : candidates) {
    Node& c = nodes_[candidate];
    c.score *= (1 - LinkDensity(candidate));
    for (size_t t = 0; t < kTopCandidates; ++t) {
      if (t >= top.size() || c.score > nodes_[top[t]].score) {
        top.insert(top.begin() + static_cast<std::ptrdiff_t>(t), candidate);
        if (top.size() > kTopCandidates) top.pop_back();
        break;
      }
    }
  }

  int32_t top_candidate = top.empty() ? kNil : top[0];
  if (top_candidate == kNil || nodes_[top_candidate].tag == GUMBO_TAG_BODY) {
    Node div;
    div.tag = GUMBO_TAG_DIV;
    top_candidate = NewNode(div);
    while (nodes_[body_].first != kNil) AppendChild(top_candidate, nodes_[body_].first);
    AppendChild(body_, top_candidate);
    InitializeNode(top_candidate);
  } else {
    // An ancestor shared by at least three near-best candidates.
    std::vector<uint8_t> shared(nodes_.size(), 0);
    int alternatives = 0;
    for (size_t t = 1; t < top.size(); ++t) {
      if (nodes_[top[t]].score / nodes_[top_candidate].score >= 0.75) {
        ++alternatives;
        for (int32_t a = nodes_[top[t]].parent; a != kNil; a = nodes_[a].parent) {
          if (shared[a] < 255) ++shared[a];
        }
      }
    }
    constexpr int kMinimumTopCandidates = 3;
    if (alternatives >= kMinimumTopCandidates) {
      int32_t parent = nodes_[top_candidate].parent;
      while (parent != kNil && nodes_[parent].tag != GUMBO_TAG_BODY) {
        if (shared[parent] >= kMinimumTopCandidates) {
          top_candidate = parent;
          break;
        }
        parent = nodes_[parent].parent;
      }
    }
    if (!nodes_[top_candidate].initialized) InitializeNode(top_candidate);

    // A parent scoring higher than the candidate gathers more content.
    int32_t parent = nodes_[top_candidate].parent;
    double last_score = nodes_[top_candidate].score;
    const double score_threshold = last_score / 3;
    while (parent != kNil && nodes_[parent].tag != GUMBO_TAG_BODY) {
      if (!nodes_[parent].initialized) {
        parent = nodes_[parent].parent;
        continue;
      }
      const double parent_score = nodes_[parent].score;
      if (parent_score < score_threshold) break;
      if (parent_score > last_score) {
        top_candidate = parent;
        break;
      }
      last_score = parent_score;
      parent = nodes_[parent].parent;
    }

    // An only child gives way to its parent, for the sibling join below.
    parent = nodes_[top_candidate].parent;
    while (parent != kNil && nodes_[parent].tag != GUMBO_TAG_BODY) {
      int children = 0;
      for (int32_t c = nodes_[parent].first; c != kNil && children < 2; c = nodes_[c].next) {
        if (!nodes_[c].is_text) ++children;
      }
      if (children != 1) break;
      top_candidate = parent;
      parent = nodes_[top_candidate].parent;
    }
    if (!nodes_[top_candidate].initialized) InitializeNode(top_candidate);
  }

  // Join the siblings that look like content.
  Node article_node;
  article_node.tag = GUMBO_TAG_DIV;
  const int32_t article = NewNode(article_node);
  const double top_score = nodes_[top_candidate].score;
  const double sibling_threshold = std::max(10.0, top_score * 0.2);
  const int32_t parent_of_top = nodes_[top_candidate].parent;
  std::vector<int32_t> siblings;
  if (parent_of_top == kNil) {
    siblings.push_back(top_candidate);
  } else {
    for (int32_t c = nodes_[parent_of_top].first; c != kNil; c = nodes_[c].next) {
      if (!nodes_[c].is_text) siblings.push_back(c);
    }
  }
  const ElementInfo* top_info = Info(top_candidate);
  const std::string_view top_class =
      (top_info != nullptr && top_info->class_attr != nullptr) ? top_info->class_attr : "";
  for (int32_t sibling : siblings) {
    bool append = false;
    if (sibling == top_candidate) {
      append = true;
    } else {
      double bonus = 0;
      const ElementInfo* info = Info(sibling);
      const std::string_view sibling_class =
          (info != nullptr && info->class_attr != nullptr) ? info->class_attr : "";
      if (!top_class.empty() && sibling_class == top_class) bonus += top_score * 0.2;
      if (nodes_[sibling].initialized && nodes_[sibling].score + bonus >= sibling_threshold) {
        append = true;
      } else if (nodes_[sibling].tag == GUMBO_TAG_P) {
        const double link_density = LinkDensity(sibling);
        const int32_t length = InnerLength(sibling);
        if (length > 80 && link_density < 0.25) {
          append = true;
        } else if (length < 80 && length > 0 && link_density == 0) {
          const std::string text = CollapseAsciiSpace(TextOf(sibling, 4096));
          // /\.( |$)/
          for (size_t k = 0; k < text.size(); ++k) {
            if (text[k] == '.' && (k + 1 == text.size() || text[k + 1] == ' ')) {
              append = true;
              break;
            }
          }
        }
      }
    }
    if (!append) continue;
    const GumboTag tag = nodes_[sibling].tag;
    if (tag != GUMBO_TAG_DIV && tag != GUMBO_TAG_ARTICLE && tag != GUMBO_TAG_SECTION &&
        tag != GUMBO_TAG_P) {
      nodes_[sibling].tag = GUMBO_TAG_DIV;
    }
    AppendChild(article, sibling);
  }

  PrepArticle(article);
  return article;
}

// _markDataTables
void Extractor::MarkDataTables(int32_t article) {
  std::vector<int32_t> order;
  PreOrder(article, &order);
  for (int32_t table : order) {
    if (nodes_[table].is_text || nodes_[table].tag != GUMBO_TAG_TABLE) continue;
    const ElementInfo* info = Info(table);
    const Aggregate& a = agg_[table];
    bool data = false;
    if (info != nullptr && info->table_hint == 1) {
      data = false;
    } else if (info != nullptr && info->table_hint == 2) {
      data = true;
    } else if (a.has_caption || a.has_data_cells) {
      data = true;
    } else if (a.has_table) {
      data = false;
    } else {
      // Rows and columns (no nested tables here, so subtrees are disjoint).
      int64_t rows = 0;
      int64_t columns = 0;
      std::vector<int32_t> inner;
      PreOrder(table, &inner);
      std::vector<std::pair<int32_t, int64_t>> row_columns;  // (tr, columns)
      for (int32_t n : inner) {
        if (nodes_[n].is_text) continue;
        if (nodes_[n].tag == GUMBO_TAG_TR) {
          const ElementInfo* row_info = Info(n);
          rows += (row_info != nullptr && row_info->rowspan > 0) ? row_info->rowspan : 1;
          row_columns.emplace_back(n, 0);
        } else if (nodes_[n].tag == GUMBO_TAG_TD && !row_columns.empty()) {
          const ElementInfo* cell_info = Info(n);
          row_columns.back().second +=
              (cell_info != nullptr && cell_info->colspan > 0) ? cell_info->colspan : 1;
        }
      }
      for (const auto& row : row_columns) columns = std::max(columns, row.second);
      if (columns == 1 || rows == 1) {
        data = false;
      } else if (rows >= 10 || columns > 4) {
        data = true;
      } else {
        data = rows * columns > 10;
      }
    }
    nodes_[table].data_table = data;
  }
}

// Readability's adWords and loadingWords: the whole text is one of these
// (case-insensitive; "loading" words may end in "..." or "…").
bool IsAdOrLoadingText(std::string_view text) {
  std::string lower;
  for (char c : text) lower.push_back(AsciiLower(c));
  auto strip_suffix = [](std::string_view s, std::string_view suffix) {
    if (s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix) {
      s.remove_suffix(suffix.size());
    }
    return s;
  };
  for (std::string_view word :
       {"ad", "advertising", "advertisement", "pub", "publicit\xC3\xA9", "werb", "werbung",
        "\xE5\xB9\xBF\xE5\x91\x8A", "\xD0\xA0\xD0\xB5\xD0\xBA\xD0\xBB\xD0\xB0\xD0\xBC\xD0\xB0",
        "\xD1\x80\xD0\xB5\xD0\xBA\xD0\xBB\xD0\xB0\xD0\xBC\xD0\xB0", "anuncio"}) {
    if (lower == word) return true;
  }
  std::string_view stem = strip_suffix(strip_suffix(lower, "..."), "\xE2\x80\xA6");
  for (std::string_view word : {"loading", "\xE6\xAD\xA3\xE5\x9C\xA8\xE5\x8A\xA0\xE8\xBD\xBD",
                                "\xD0\x97\xD0\xB0\xD0\xB3\xD1\x80\xD1\x83\xD0\xB7\xD0\xBA\xD0\xB0",
                                "\xD0\xB7\xD0\xB0\xD0\xB3\xD1\x80\xD1\x83\xD0\xB7\xD0\xBA\xD0\xB0",
                                "chargement", "cargando"}) {
    if (stem == word) return true;
  }
  return false;
}

// _cleanConditionally's test for one node (aggregates of its subtree current).
bool Extractor::ShouldRemoveConditionally(int32_t i, GumboTag tag) const {
  const Aggregate& a = agg_[i];
  const int32_t inner = a.text.Inner();
  bool is_list = tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL;
  if (!is_list && inner > 0) {
    is_list = static_cast<double>(a.list_length) / inner > 0.9;
  }
  if (tag == GUMBO_TAG_TABLE && nodes_[i].data_table) return false;
  if (nodes_[i].in_data_table) return false;
  if (HasAncestorTag(i, GUMBO_TAG_CODE, 3)) return false;
  if (a.has_data_table) return false;
  const int weight = ClassWeight(i);
  if (weight < 0) return true;
  if (a.ascii_commas >= 10) return false;

  const int32_t p = a.p;
  const int32_t img = a.img;
  const int32_t li = a.li - 100;
  const int32_t input = a.input;
  const double heading_density = inner == 0 ? 0 : static_cast<double>(a.heading_length) / inner;
  if (a.video) return false;
  const int32_t embed_count = a.embeds;

  // Only advertising or "loading" words.
  if (inner > 0 && inner <= 32 && a.size <= kMaxSmallSubtree &&
      IsAdOrLoadingText(CollapseAsciiSpace(TextOf(i, 256)))) {
    return true;
  }

  const int32_t content_length = inner;
  const double link_density = LinkDensity(i);
  const bool textish = a.textish_length > 0;
  const bool figure_child = HasAncestorTag(i, GUMBO_TAG_FIGURE, 3);

  bool remove = false;
  if (!figure_child && img > 1 && static_cast<double>(p) / img < 0.5) remove = true;
  if (!is_list && li > p) remove = true;
  if (input > p / 3) remove = true;
  if (!is_list && !figure_child && heading_density < 0.9 && content_length < 25 &&
      (img == 0 || img > 2) && link_density > 0) {
    remove = true;
  }
  if (!is_list && weight < 25 && link_density > 0.2) remove = true;
  if (weight >= 25 && link_density > 0.5) remove = true;
  if ((embed_count == 1 && content_length < 75) || embed_count > 1) remove = true;
  if (img == 0 && !textish) remove = true;

  // Lists of images may stay.
  if (is_list && remove) {
    for (int32_t c = nodes_[i].first; c != kNil; c = nodes_[c].next) {
      if (!nodes_[c].is_text && agg_[c].element_children > 1) return true;
    }
    if (img == a.li) return false;
  }
  return remove;
}

// _cleanConditionally: children before parents, so a parent is judged
// without the parts already removed from it.
void Extractor::CleanConditionally(int32_t article, GumboTag tag) {
  if (!FlagActive(kCleanConditionally)) return;
  std::vector<int32_t> order;
  PreOrder(article, &order);
  for (int32_t i : order) {
    const int32_t parent = nodes_[i].parent;
    nodes_[i].in_data_table =
        i != article && parent != kNil &&
        (nodes_[parent].in_data_table ||
         (nodes_[parent].tag == GUMBO_TAG_TABLE && nodes_[parent].data_table));
  }
  for (size_t k = order.size(); k > 0; --k) {
    const int32_t i = order[k - 1];
    if (nodes_[i].is_text) continue;
    AggregateOne(i);
    if (i == article || nodes_[i].tag != tag) continue;
    if (ShouldRemoveConditionally(i, tag)) Unlink(i);
  }
}

// _clean: every descendant with one of `tags`.
void Extractor::CleanTags(int32_t article, std::initializer_list<GumboTag> tags) {
  std::vector<int32_t> order;
  PreOrder(article, &order);
  for (int32_t i : order) {
    if (i == article || nodes_[i].is_text) continue;
    for (GumboTag tag : tags) {
      if (nodes_[i].tag == tag) {
        Unlink(i);  // descendants go with it; their own unlinking is harmless
        break;
      }
    }
  }
}

// Share blocks under each top-level piece (not the pieces themselves).
void Extractor::CleanShareElements(int32_t article) {
  AggregateSubtree(article);
  constexpr int32_t kShareThreshold = 500;
  for (int32_t piece = FirstElementChild(article); piece != kNil;
       piece = NextElementSibling(piece)) {
    const int32_t end = NextNode(piece, true);
    int32_t node = NextNode(piece, false);
    while (node != kNil && node != end) {
      if (IsShareLike(MatchString(node)) && agg_[node].text.raw_length < kShareThreshold) {
        node = RemoveAndGetNext(node);
      } else {
        node = NextNode(node, false);
      }
    }
  }
}

// _cleanHeaders
void Extractor::CleanHeaders(int32_t article) {
  std::vector<int32_t> order;
  PreOrder(article, &order);
  for (int32_t i : order) {
    if (i == article || nodes_[i].is_text) continue;
    if ((nodes_[i].tag == GUMBO_TAG_H1 || nodes_[i].tag == GUMBO_TAG_H2) && ClassWeight(i) < 0) {
      Unlink(i);
    }
  }
}

// _prepArticle, the parts that change the text.
void Extractor::PrepArticle(int32_t article) {
  AggregateSubtree(article);
  MarkDataTables(article);
  CleanConditionally(article, GUMBO_TAG_FORM);
  CleanConditionally(article, GUMBO_TAG_FIELDSET);
  CleanTags(article, {GUMBO_TAG_OBJECT, GUMBO_TAG_EMBED, GUMBO_TAG_FOOTER, GUMBO_TAG_LINK,
                      GUMBO_TAG_ASIDE, GUMBO_TAG_NAV});
  CleanShareElements(article);
  CleanTags(article, {GUMBO_TAG_IFRAME, GUMBO_TAG_INPUT, GUMBO_TAG_TEXTAREA, GUMBO_TAG_SELECT,
                      GUMBO_TAG_BUTTON});
  CleanHeaders(article);
  CleanConditionally(article, GUMBO_TAG_TABLE);
  CleanConditionally(article, GUMBO_TAG_UL);
  CleanConditionally(article, GUMBO_TAG_DIV);
  // Empty paragraphs go (their neighbours' text then meets without a break).
  AggregateSubtree(article);
  for (int32_t i : scratch_) {
    if (nodes_[i].is_text || nodes_[i].tag != GUMBO_TAG_P) continue;
    const Aggregate& a = agg_[i];
    if (a.text.Trimmed() == 0 && a.img == 0 && a.embeds == 0) Unlink(i);
  }
  AggregateSubtree(article);
}

// Text of the subtree, as HtmlToText would render the same elements.
void Extractor::Emit(int32_t root, std::string* raw) const {
  struct Frame {
    int32_t node;
    bool leaving;
  };
  std::vector<Frame> stack;
  stack.push_back({root, false});
  int line_break_keepers = 0;
  while (!stack.empty()) {
    const Frame frame = stack.back();
    stack.pop_back();
    const Node& node = nodes_[frame.node];
    if (node.is_text) {
      AppendTextNode(node.source->v.text.text, line_break_keepers > 0, raw);
      continue;
    }
    const HtmlTextRole role = HtmlTextRoleOf(node.tag);
    if (frame.leaving) {
      if (KeepsSourceLineBreaks(node.tag)) --line_break_keepers;
      if (role == HtmlTextRole::kBlock) raw->append("\n\n");
      if (role == HtmlTextRole::kCell) raw->push_back(' ');
      continue;
    }
    if (role == HtmlTextRole::kSkip) continue;
    if (role == HtmlTextRole::kBlock) raw->append("\n\n");
    if (role == HtmlTextRole::kCell) raw->push_back(' ');
    if (KeepsSourceLineBreaks(node.tag)) ++line_break_keepers;
    stack.push_back({frame.node, true});
    // Children pushed in reverse order.
    const size_t mark = stack.size();
    for (int32_t c = node.first; c != kNil; c = nodes_[c].next) stack.push_back({c, false});
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(mark), stack.end());
  }
}

bool IsHiddenElement(const GumboNode& element) {
  const GumboVector& attributes = element.v.element.attributes;
  if (gumbo_get_attribute(&attributes, "hidden") != nullptr) return true;
  const GumboAttribute* aria = gumbo_get_attribute(&attributes, "aria-hidden");
  if (aria != nullptr && std::strcmp(aria->value, "true") == 0) return true;
  const GumboAttribute* style = gumbo_get_attribute(&attributes, "style");
  return style != nullptr && StyleHides(style->value);
}

std::string_view AttributeValue(const GumboNode& element, const char* name) {
  const GumboAttribute* attribute = gumbo_get_attribute(&element.v.element.attributes, name);
  return attribute == nullptr ? std::string_view() : std::string_view(attribute->value);
}

// Hidden elements and the obvious page furniture.
bool IsBoilerplateElement(const GumboNode& element) {
  const GumboTag tag = element.v.element.tag;
  if (tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_ASIDE || tag == GUMBO_TAG_FOOTER ||
      tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_FORM) {
    return true;
  }
  const std::string_view role = AttributeValue(element, "role");
  if (role == "navigation" || role == "menu" || role == "menubar" || role == "complementary" ||
      role == "contentinfo" || role == "banner") {
    return true;
  }
  return IsHiddenElement(element);
}

// <article>, <main>, itemprop~articleBody, role=main.
bool IsSemanticMain(const GumboNode& element) {
  const GumboTag tag = element.v.element.tag;
  if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) return true;
  if (AttributeValue(element, "role") == "main") return true;
  return AttributeValue(element, "itemprop").find("articleBody") != std::string_view::npos;
}

// Used when every attempt came out empty: the first semantic main container
// with text, else the visible text without page furniture, else all visible
// text.
std::string Extractor::Fallback() const {
  const GumboNode* start = document_.document();
  if (start == nullptr) return {};
  std::string raw;
  constexpr int kMaxSemanticTries = 4;  // bounds the work on nested containers
  int tries = 0;
  std::vector<const GumboNode*> stack = {document_.root()};
  while (!stack.empty() && tries < kMaxSemanticTries) {
    const GumboNode* g = stack.back();
    stack.pop_back();
    if (g == nullptr || g->type != GUMBO_NODE_ELEMENT || IsBoilerplateElement(*g)) continue;
    if (IsSemanticMain(*g)) {
      ++tries;
      raw.clear();
      AppendSubtreeText(g, IsBoilerplateElement, &raw);
      std::string text = NormalizeParagraphs(raw);
      if (!text.empty()) return text;
    }
    const GumboVector& children = g->v.element.children;
    for (unsigned int k = children.length; k > 0; --k) {
      stack.push_back(static_cast<const GumboNode*>(children.data[k - 1]));
    }
  }
  raw.clear();
  AppendSubtreeText(start, IsBoilerplateElement, &raw);
  std::string text = NormalizeParagraphs(raw);
  if (!text.empty()) return text;
  raw.clear();
  AppendSubtreeText(start, IsHiddenElement, &raw);
  return NormalizeParagraphs(raw);
}

std::string Extractor::Run() {
  BuildPristine();
  facts_ = ReadReadabilityPageFacts(document_.root());
  std::string best_raw;
  int32_t best_length = -1;
  for (int attempt = 0; attempt < 4; ++attempt) {
    const int32_t article = GrabArticle();
    if (article == kNil) break;
    const int32_t length = agg_[article].text.Inner();
    if (length >= options_.min_article_chars) {
      best_raw.clear();
      Emit(article, &best_raw);
      best_length = length;
      break;
    }
    if (length > best_length) {
      best_raw.clear();
      Emit(article, &best_raw);
      best_length = length;
    }
    if (FlagActive(kStripUnlikelys)) {
      flags_ &= ~kStripUnlikelys;
    } else if (FlagActive(kWeightClasses)) {
      flags_ &= ~kWeightClasses;
    } else if (FlagActive(kCleanConditionally)) {
      flags_ &= ~kCleanConditionally;
    } else {
      break;
    }
  }
  std::string text;
  if (best_length > 0) {
    if (options_.decode_leftover_entities && best_raw.find('&') != std::string::npos) {
      best_raw = DecodeLeftoverEntities(best_raw);
    }
    text = NormalizeParagraphs(best_raw);
  }
  if (text.empty()) {
    text = Fallback();
    if (options_.decode_leftover_entities && text.find('&') != std::string::npos) {
      text = NormalizeParagraphs(DecodeLeftoverEntities(text));
    }
  }
  return text;
}

}  // namespace

std::string ExtractMainContent(const HtmlDocument& document, const MainContentOptions& options) {
  if (document.root() == nullptr) return {};
  Extractor extractor(document, options);
  return extractor.Run();
}

}  // namespace newsflow
