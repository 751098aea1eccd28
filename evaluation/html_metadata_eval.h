// Scores extracted page metadata against expected values (the
// expected-metadata.json files of an evaluation set, written by
// Readability.js: title, byline, siteName, publishedTime, lang, excerpt, dir,
// readerable).
//
// A field is compared only on pages where its expected value is a non-empty
// string (null, absent or "" are skipped). "Collapsed" means: whitespace runs
// (any Unicode space, line breaks) become one space, invisible characters
// are removed, ends trimmed (cleaning/text_normalize.h).
//   title           equal after collapsing (case-sensitive).
//   byline          authors: expected byline and the extracted authors are
//                   collapsed and case-folded (Unicode, utf8proc). A match if
//                   the byline equals the authors joined with ", ", or if at
//                   least one author was extracted and the byline contains
//                   every extracted author name (so "By A and B, Staff" matches
//                   {A, B}; a missing author still fails).
//   site_name       equal after collapsing (case-sensitive).
//   published_time  when both the expected value and the extracted one
//                   (published_at_ms, else published_raw) parse with
//                   ParseFeedDate: the same instant; otherwise the trimmed
//                   strings are equal.
//   lang            the primary subtags (before the first '-' or '_') are
//                   equal, ASCII case-insensitive ("en-US" matches "en").
//   excerpt         description equal after collapsing (case-sensitive).
// Scores() lists title, byline, site_name, published_time, lang, excerpt in
// that order, always all six (compared 0 when no page had that field).
//
// Thread-safety: one evaluator per thread; no shared state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cleaning/html_metadata.h"

namespace newsflow {

struct MetadataFieldScore {
  std::string field;     // "title", "byline", "site_name", "published_time", "lang", "excerpt"
  int64_t compared = 0;  // pages where the expected value is present
  int64_t correct = 0;
};

// One failed comparison, for reports and debugging.
struct MetadataMismatch {
  int64_t page = 0;  // 0-based index of the AddPage call that succeeded
  std::string field;
  std::string expected;
  std::string extracted;  // authors joined with ", "; a date as published_raw
};

class MetadataEvaluator {
 public:
  MetadataEvaluator();

  // Compares `extracted` with one page's expected-metadata.json text. Returns
  // false and sets *error (when not null) if that JSON cannot be read: not
  // JSON, not an object, or a compared field that is neither a string nor
  // null. Nothing is counted for such a page.
  bool AddPage(const HtmlMetadata& extracted, std::string_view expected_json, std::string* error);
  std::vector<MetadataFieldScore> Scores() const;
  // Every failed comparison so far, in order.
  const std::vector<MetadataMismatch>& Mismatches() const { return mismatches_; }

 private:
  std::vector<MetadataFieldScore> scores_;
  std::vector<MetadataMismatch> mismatches_;
  int64_t pages_ = 0;
};

}  // namespace newsflow
