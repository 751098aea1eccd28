#include "evaluation/html_metadata_eval.h"

namespace newsflow {

bool MetadataEvaluator::AddPage(const HtmlMetadata& /*extracted*/,
                                std::string_view /*expected_json*/, std::string* /*error*/) {
  return true;
}

std::vector<MetadataFieldScore> MetadataEvaluator::Scores() const { return scores_; }

}  // namespace newsflow
