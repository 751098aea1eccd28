#include "evaluation/html_metadata_eval.h"

#include <simdjson.h>
#include <utf8proc.h>

#include <cstdlib>
#include <optional>
#include <utility>

#include "cleaning/text_normalize.h"
#include "util/feed_date.h"

namespace newsflow {
namespace {

enum Field { kTitle, kByline, kSiteName, kPublishedTime, kLang, kExcerpt, kFieldCount };

constexpr const char* kFieldNames[kFieldCount] = {"title",          "byline", "site_name",
                                                  "published_time", "lang",   "excerpt"};
constexpr const char* kJsonKeys[kFieldCount] = {"title",         "byline", "siteName",
                                                "publishedTime", "lang",   "excerpt"};

std::string_view Trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string CaseFold(const std::string& text) {
  utf8proc_uint8_t* folded = nullptr;
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
      static_cast<utf8proc_ssize_t>(text.size()), &folded,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  if (length < 0) return text;  // not reachable for valid UTF-8
  std::string result(reinterpret_cast<const char*>(folded), static_cast<size_t>(length));
  std::free(folded);
  return result;
}

std::string JoinAuthors(const std::vector<std::string>& authors) {
  std::string joined;
  for (const std::string& author : authors) {
    if (!joined.empty()) joined.append(", ");
    joined.append(author);
  }
  return joined;
}

bool BylineMatches(std::string_view expected, const std::vector<std::string>& authors) {
  const std::string byline = CaseFold(NormalizeToOneLine(expected));
  if (byline == CaseFold(NormalizeToOneLine(JoinAuthors(authors)))) return true;
  if (authors.empty()) return false;
  for (const std::string& author : authors) {
    const std::string name = CaseFold(NormalizeToOneLine(author));
    if (name.empty() || byline.find(name) == std::string::npos) return false;
  }
  return true;
}

bool PublishedMatches(std::string_view expected, const HtmlMetadata& extracted) {
  const std::optional<int64_t> expected_ms = ParseFeedDate(expected);
  std::optional<int64_t> extracted_ms = extracted.published_at_ms;
  if (!extracted_ms) extracted_ms = ParseFeedDate(extracted.published_raw);
  if (expected_ms && extracted_ms) return *expected_ms == *extracted_ms;
  return Trim(expected) == Trim(extracted.published_raw);
}

std::string_view PrimarySubtag(std::string_view tag) {
  tag = Trim(tag);
  return tag.substr(0, tag.find_first_of("-_"));
}

bool LangMatches(std::string_view expected, std::string_view extracted) {
  const std::string_view a = PrimarySubtag(expected);
  const std::string_view b = PrimarySubtag(extracted);
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

MetadataEvaluator::MetadataEvaluator() {
  for (const char* name : kFieldNames) scores_.push_back({name, 0, 0});
}

bool MetadataEvaluator::AddPage(const HtmlMetadata& extracted, std::string_view expected_json,
                                std::string* error) {
  const auto fail = [error](std::string message) {
    if (error != nullptr) *error = std::move(message);
    return false;
  };
  simdjson::dom::parser parser;
  const simdjson::padded_string buffer(expected_json);
  simdjson::dom::element root;
  if (const auto code = parser.parse(buffer).get(root); code != simdjson::SUCCESS) {
    return fail(std::string("expected metadata is not valid JSON: ") +
                simdjson::error_message(code));
  }
  simdjson::dom::object object;
  if (root.get_object().get(object) != simdjson::SUCCESS) {
    return fail("expected metadata is not a JSON object");
  }
  // Read every compared field first, so that a bad page counts nothing.
  std::string_view expected[kFieldCount];
  for (int field = 0; field < kFieldCount; ++field) {
    simdjson::dom::element value;
    if (object[kJsonKeys[field]].get(value) != simdjson::SUCCESS || value.is_null()) continue;
    if (value.get_string().get(expected[field]) != simdjson::SUCCESS) {
      return fail(std::string("expected metadata field \"") + kJsonKeys[field] +
                  "\" is neither a string nor null");
    }
  }
  for (int field = 0; field < kFieldCount; ++field) {
    if (Trim(expected[field]).empty()) continue;
    const std::string_view want = expected[field];
    bool correct = false;
    std::string got;
    switch (field) {
      case kTitle:
        correct = NormalizeToOneLine(want) == NormalizeToOneLine(extracted.title);
        got = extracted.title;
        break;
      case kByline:
        correct = BylineMatches(want, extracted.authors);
        got = JoinAuthors(extracted.authors);
        break;
      case kSiteName:
        correct = NormalizeToOneLine(want) == NormalizeToOneLine(extracted.site_name);
        got = extracted.site_name;
        break;
      case kPublishedTime:
        correct = PublishedMatches(want, extracted);
        got = extracted.published_raw;
        break;
      case kLang:
        correct = LangMatches(want, extracted.language);
        got = extracted.language;
        break;
      case kExcerpt:
        correct = NormalizeToOneLine(want) == NormalizeToOneLine(extracted.description);
        got = extracted.description;
        break;
      default:
        break;
    }
    ++scores_[field].compared;
    if (correct) {
      ++scores_[field].correct;
    } else {
      mismatches_.push_back({pages_, kFieldNames[field], std::string(want), std::move(got)});
    }
  }
  ++pages_;
  return true;
}

std::vector<MetadataFieldScore> MetadataEvaluator::Scores() const { return scores_; }

}  // namespace newsflow
