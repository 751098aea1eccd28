#include "pipeline/stages/lead_stage.h"

#include <utility>

#include "cleaning/article_text.h"
#include "cleaning/dateline.h"

namespace newsflow {

StageResult LeadStage::Process(Article& article) {
  LeadSplit split = SplitDatelineAndByline(article.text);
  if (split.dateline.empty() && split.authors.empty()) return StageResult::Pass();
  article.dateline = std::move(split.dateline);
  // Authors from the input (a later metadata stage) take precedence.
  if (article.authors.empty()) article.authors = std::move(split.authors);
  SetArticleText(article, std::move(split.text));
  return StageResult::Pass();
}

std::unique_ptr<Stage> MakeLeadStage(const StageContext& /*context*/) {
  return std::make_unique<LeadStage>();
}

}  // namespace newsflow
