#include "cleaning/readability_page_facts.h"

#include <simdjson.h>

#include <cstring>
#include <initializer_list>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cleaning/html_entities.h"
#include "cleaning/html_text.h"
#include "cleaning/text_similarity.h"
#include "util/ascii.h"

namespace newsflow {
namespace {

// str.split(/\s+/).length
int WordCount(std::string_view s) {
  int count = 1;
  bool space = false;
  for (char c : s) {
    if (IsAsciiSpace(c)) {
      if (!space) ++count;
      space = true;
    } else {
      space = false;
    }
  }
  return count;
}

bool IsTitleSeparator(char c) { return c == '|' || c == '-' || c == '\\' || c == '/' || c == '>'; }

// The separators of Readability's title rules: | - \ / > and "»" (U+00BB).
// Returns the byte length of a separator at `at`, or 0.
size_t SeparatorAt(std::string_view s, size_t at, bool hierarchical_only) {
  if (at < s.size() && IsTitleSeparator(s[at])) {
    if (hierarchical_only && (s[at] == '|' || s[at] == '-')) return 0;
    return 1;
  }
  if (s.compare(at, 2, "\xC2\xBB") == 0) return 2;
  return 0;
}

// Whether `s` has " <separator> ".
bool HasSpacedSeparator(std::string_view s, bool hierarchical_only) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] != ' ') continue;
    const size_t length = SeparatorAt(s, i + 1, hierarchical_only);
    if (length > 0 && i + 1 + length < s.size() && s[i + 1 + length] == ' ') return true;
  }
  return false;
}

std::string ArticleTitle(std::string_view original, const std::vector<std::string>& headings,
                         const std::string& single_h1) {
  std::string current(original);
  bool hierarchical = false;
  if (HasSpacedSeparator(original, false)) {
    hierarchical = HasSpacedSeparator(original, true);
    // (.*)[sep] .* -> $1: everything before the last separator followed by a space.
    size_t cut = std::string::npos;
    for (size_t i = 0; i < original.size(); ++i) {
      const size_t length = SeparatorAt(original, i, false);
      if (length > 0 && i + length < original.size() && original[i + length] == ' ') cut = i;
    }
    if (cut != std::string::npos) current = std::string(original.substr(0, cut));
    if (WordCount(current) < 3) {
      // [^sep]*[sep](.*) -> $1: everything after the first separator.
      for (size_t i = 0; i < original.size(); ++i) {
        const size_t length = SeparatorAt(original, i, false);
        if (length > 0) {
          current = std::string(original.substr(i + length));
          break;
        }
      }
    }
  } else if (original.find(": ") != std::string_view::npos) {
    const std::string_view trimmed = TrimAsciiSpace(original);
    bool match = false;
    for (const std::string& heading : headings) {
      if (TrimAsciiSpace(heading) == trimmed) match = true;
    }
    if (!match) {
      const size_t last = original.rfind(':');
      const size_t first = original.find(':');
      current = std::string(original.substr(last + 1));
      if (WordCount(current) < 3) {
        current = std::string(original.substr(first + 1));
      } else if (WordCount(original.substr(0, first)) > 5) {
        current = std::string(original);
      }
    }
  } else if ((original.size() > 150 || original.size() < 15) && !single_h1.empty()) {
    current = single_h1;
  }
  current = CollapseAsciiSpace(current);
  const int words = WordCount(current);
  if (words <= 4) {
    std::string without_separators;
    for (size_t i = 0; i < original.size();) {
      const size_t length = SeparatorAt(original, i, false);
      if (length > 0) {
        i += length;
        continue;
      }
      without_separators.push_back(original[i++]);
    }
    if (!hierarchical || words != WordCount(without_separators) - 1) {
      current = std::string(original);
    }
  }
  return current;
}

// Readability's _unescapeHtmlEntities on meta values (it decodes the five XML
// entities and numeric references; this decodes every named reference).
std::string UnescapeBasicEntities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  return DecodeLeftoverEntities(s);
}

struct JsonLdFacts {
  std::string title;
  bool has_byline = false;
};

// schema.org types Readability reads (its jsonLdArticleTypes pattern,
// "^Article|...|APIReference$", matches the inner names anywhere).
bool IsArticleType(std::string_view type) {
  if (type.substr(0, 7) == "Article") return true;
  if (type.size() >= 12 && type.substr(type.size() - 12) == "APIReference") return true;
  for (std::string_view name :
       {"AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
        "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle",
        "Report", "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle",
        "SocialMediaPosting", "BlogPosting", "LiveBlogPosting", "DiscussionForumPosting",
        "TechArticle"}) {
    if (type.find(name) != std::string_view::npos) return true;
  }
  return false;
}

// Readability's _getJSONLD, the parts main-content extraction uses: the
// title (name or headline) and whether an author is named. The first script
// holding a schema.org article wins.
template <typename DocumentTitle>
JsonLdFacts ReadJsonLd(const std::vector<std::string_view>& scripts, DocumentTitle document_title) {
  JsonLdFacts facts;
  if (scripts.empty()) return facts;
  simdjson::dom::parser parser;
  for (std::string_view script : scripts) {
    std::string_view content = TrimAsciiSpace(script);
    if (content.substr(0, 9) == "<![CDATA[") content = TrimAsciiSpace(content.substr(9));
    if (content.size() >= 3 && content.substr(content.size() - 3) == "]]>") {
      content = TrimAsciiSpace(content.substr(0, content.size() - 3));
    }
    simdjson::dom::element root;
    if (parser.parse(content.data(), content.size()).get(root) != simdjson::SUCCESS) continue;
    simdjson::dom::object object;
    if (root.get(object) != simdjson::SUCCESS) continue;
    std::string_view context;
    if (object["@context"].get(context) != simdjson::SUCCESS) continue;
    if (context.substr(0, 7) == "http://") {
      context.remove_prefix(7);
    } else if (context.substr(0, 8) == "https://") {
      context.remove_prefix(8);
    } else {
      continue;
    }
    if (context != "schema.org" && context != "schema.org/") continue;
    simdjson::dom::element type_element;
    if (object["@type"].get(type_element) != simdjson::SUCCESS) {
      simdjson::dom::array graph;
      if (object["@graph"].get(graph) != simdjson::SUCCESS) continue;
      bool found = false;
      for (simdjson::dom::element item : graph) {
        simdjson::dom::object item_object;
        std::string_view item_type;
        if (item.get(item_object) == simdjson::SUCCESS &&
            item_object["@type"].get(item_type) == simdjson::SUCCESS && IsArticleType(item_type)) {
          object = item_object;
          found = true;
          break;
        }
      }
      if (!found) continue;
    }
    std::string_view type;
    if (object["@type"].get(type) != simdjson::SUCCESS || !IsArticleType(type)) continue;

    std::string_view name;
    std::string_view headline;
    const bool has_name = object["name"].get(name) == simdjson::SUCCESS;
    const bool has_headline = object["headline"].get(headline) == simdjson::SUCCESS;
    if (has_name && has_headline && name != headline) {
      const std::string& title = document_title();
      const bool name_matches = TextSimilarity(name, title, SimilarityWords::kAsciiWord) > 0.75;
      const bool headline_matches =
          TextSimilarity(headline, title, SimilarityWords::kAsciiWord) > 0.75;
      facts.title = std::string(headline_matches && !name_matches ? headline : name);
    } else if (has_name) {
      facts.title = std::string(TrimAsciiSpace(name));
    } else if (has_headline) {
      facts.title = std::string(TrimAsciiSpace(headline));
    }
    simdjson::dom::element author;
    if (object["author"].get(author) == simdjson::SUCCESS) {
      simdjson::dom::array authors;
      std::string_view author_name;
      if (author["name"].get(author_name) == simdjson::SUCCESS) {
        facts.has_byline = !TrimAsciiSpace(author_name).empty();
      } else if (author.get(authors) == simdjson::SUCCESS && authors.size() > 0 &&
                 authors.at(0)["name"].get(author_name) == simdjson::SUCCESS) {
        facts.has_byline = true;
      }
    }
    break;  // the first article's metadata, even if incomplete
  }
  return facts;
}

}  // namespace

ReadabilityPageFacts ReadReadabilityPageFacts(const GumboNode* root) {
  ReadabilityPageFacts facts;
  const GumboNode* html = root;
  if (html == nullptr) return facts;
  std::unordered_map<std::string, std::string> values;
  std::string title_text;
  bool have_title = false;
  std::vector<const GumboNode*> stack = {html};
  std::vector<const GumboNode*> h1s;
  std::vector<const GumboNode*> h1_h2;
  std::vector<std::string_view> json_ld;
  while (!stack.empty()) {
    const GumboNode* g = stack.back();
    stack.pop_back();
    if (g->type != GUMBO_NODE_ELEMENT) continue;
    const GumboTag tag = g->v.element.tag;
    if (tag == GUMBO_TAG_SCRIPT) {
      const GumboAttribute* type = gumbo_get_attribute(&g->v.element.attributes, "type");
      if (type != nullptr && std::strcmp(type->value, "application/ld+json") == 0 &&
          g->v.element.children.length > 0) {
        const auto* child = static_cast<const GumboNode*>(g->v.element.children.data[0]);
        if (child->type == GUMBO_NODE_TEXT) json_ld.emplace_back(child->v.text.text);
      }
      continue;
    }
    if (tag == GUMBO_TAG_STYLE) continue;
    if (tag == GUMBO_TAG_TITLE && !have_title) {
      have_title = true;
      for (unsigned int k = 0; k < g->v.element.children.length; ++k) {
        const auto* child = static_cast<const GumboNode*>(g->v.element.children.data[k]);
        if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) {
          title_text.append(child->v.text.text);
        }
      }
    } else if (tag == GUMBO_TAG_META) {
      const GumboAttribute* content = gumbo_get_attribute(&g->v.element.attributes, "content");
      if (content != nullptr && content->value[0] != '\0') {
        const GumboAttribute* property = gumbo_get_attribute(&g->v.element.attributes, "property");
        const GumboAttribute* name = gumbo_get_attribute(&g->v.element.attributes, "name");
        bool matched = false;
        if (property != nullptr) {
          // Space-separated list; the first "prefix:field" of interest wins.
          std::string lower;
          for (const char* p = property->value; *p != '\0'; ++p) lower.push_back(AsciiLower(*p));
          size_t start = 0;
          while (start < lower.size() && !matched) {
            size_t end = lower.find_first_of(" \t\n", start);
            if (end == std::string::npos) end = lower.size();
            const std::string token = lower.substr(start, end - start);
            const size_t colon = token.find(':');
            if (colon != std::string::npos) {
              const std::string prefix = token.substr(0, colon);
              const std::string field = token.substr(colon + 1);
              const bool prefix_ok = prefix == "article" || prefix == "dc" || prefix == "dcterm" ||
                                     prefix == "og" || prefix == "twitter";
              const bool field_ok = field == "author" || field == "creator" ||
                                    field == "description" || field == "published_time" ||
                                    field == "title" || field == "site_name";
              if (prefix_ok && field_ok) {
                values[token] = std::string(TrimAsciiSpace(content->value));
                matched = true;
              }
            }
            start = end + 1;
          }
        }
        if (!matched && name != nullptr) {
          std::string lower;
          for (const char* p = name->value; *p != '\0'; ++p) {
            if (IsAsciiSpace(*p)) continue;
            lower.push_back(*p == '.' ? ':' : AsciiLower(*p));
          }
          size_t field_start = 0;
          for (std::string_view prefix : {"dc:", "dcterm:", "og:", "twitter:", "parsely-",
                                          "weibo:article:", "weibo:webpage:"}) {
            if (lower.compare(0, prefix.size(), prefix) == 0) field_start = prefix.size();
          }
          const std::string field = lower.substr(field_start);
          if (field == "author" || field == "creator" || field == "pub-date" ||
              field == "description" || field == "title" || field == "site_name") {
            values[lower] = std::string(TrimAsciiSpace(content->value));
          }
        }
      }
    } else if (tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2) {
      h1_h2.push_back(g);
      if (tag == GUMBO_TAG_H1) h1s.push_back(g);
    }
    const GumboVector& children = g->v.element.children;
    for (unsigned int k = children.length; k > 0; --k) {
      stack.push_back(static_cast<const GumboNode*>(children.data[k - 1]));
    }
  }
  auto first_of = [&values](std::initializer_list<const char*> keys) -> std::string {
    for (const char* key : keys) {
      const auto it = values.find(key);
      if (it != values.end() && !it->second.empty()) return it->second;
    }
    return {};
  };
  // Readability's _getArticleTitle, computed when needed.
  std::string document_title;
  bool have_document_title = false;
  auto get_document_title = [&]() -> const std::string& {
    if (have_document_title) return document_title;
    have_document_title = true;
    std::vector<std::string> headings;
    constexpr size_t kHeadingLimit = 4096;
    constexpr size_t kMaxHeadings = 64;
    auto heading_text = [](const GumboNode* heading) {
      std::string raw;
      AppendSubtreeText(heading, {}, &raw);
      std::string text;
      for (char c : raw) text.push_back(c == '\n' ? ' ' : c);
      if (text.size() > kHeadingLimit) text.resize(kHeadingLimit);
      return text;
    };
    const std::string original = CollapseAsciiSpace(title_text);
    if (original.find(": ") != std::string::npos) {
      for (size_t k = 0; k < h1_h2.size() && k < kMaxHeadings; ++k) {
        headings.push_back(heading_text(h1_h2[k]));
      }
    }
    std::string single_h1;
    if (h1s.size() == 1) single_h1 = CollapseAsciiSpace(heading_text(h1s[0]));
    document_title = ArticleTitle(original, headings, single_h1);
    return document_title;
  };

  const JsonLdFacts json = ReadJsonLd(json_ld, get_document_title);
  facts.has_meta_byline =
      json.has_byline ||
      !first_of({"dc:creator", "dcterm:creator", "author", "parsely-author"}).empty();
  std::string title = json.title;
  if (title.empty()) {
    title = first_of({"dc:title", "dcterm:title", "og:title", "weibo:article:title",
                      "weibo:webpage:title", "title", "twitter:title", "parsely-title"});
  }
  if (title.empty()) title = get_document_title();
  facts.title = UnescapeBasicEntities(title);
  return facts;
}

}  // namespace newsflow
