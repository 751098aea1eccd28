// Scores extracted page metadata against expected values (the
// expected-metadata.json files of an evaluation set).
// STUB: interface fixed; the implementation is being written.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cleaning/html_metadata.h"

namespace newsflow {

struct MetadataFieldScore {
  std::string field;     // "title", "byline", "published_time", "site_name", "lang"
  int64_t compared = 0;  // pages where the expected value is present
  int64_t correct = 0;
};

class MetadataEvaluator {
 public:
  // Compares `extracted` with one page's expected-metadata.json text. Returns
  // false and sets *error if that JSON cannot be read.
  bool AddPage(const HtmlMetadata& extracted, std::string_view expected_json, std::string* error);
  std::vector<MetadataFieldScore> Scores() const;

 private:
  std::vector<MetadataFieldScore> scores_;
};

}  // namespace newsflow
