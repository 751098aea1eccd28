#include "pipeline/stages/lead_stage.h"

#include <utility>

#include "cleaning/article_text.h"
#include "cleaning/dateline.h"
#include "cleaning/known_byline.h"

namespace newsflow {

StageResult LeadStage::Process(Article& article) {
  LeadSplit split = SplitDatelineAndByline(article.text);
  const bool changed = !split.dateline.empty() || !split.authors.empty();
  if (changed) {
    article.dateline = std::move(split.dateline);
    // Authors from the input or the page's metadata take precedence.
    if (article.authors.empty()) article.authors = std::move(split.authors);
  }
  // A byline in another form (or language) that names the known authors.
  KnownBylineSplit known = RemoveKnownByline(changed ? split.text : article.text, article.authors);
  if (!known.byline.empty()) {
    article.removed.push_back({"byline", std::move(known.byline)});
    SetArticleText(article, std::move(known.text));
  } else if (changed) {
    SetArticleText(article, std::move(split.text));
  }
  return StageResult::Pass();
}

std::unique_ptr<Stage> MakeLeadStage(const StageContext& /*context*/) {
  return std::make_unique<LeadStage>();
}

}  // namespace newsflow
