#include "pipeline/stages/dates_stage.h"

#include <utility>

#include "pipeline/stages/tagger_language.h"
#include "tagging/date_extractor.h"

namespace newsflow {

StageResult DatesStage::Process(Article& article) {
  article.dates.clear();
  if (SkipForLanguage(article, Name())) return StageResult::Pass();
  for (DateMention& mention : ExtractDates(article.text, article.published_at_ms)) {
    DateTag tag;
    tag.span = {mention.begin, mention.end};
    tag.resolved = mention.resolved;
    tag.value = std::move(mention.value);
    tag.end_value = std::move(mention.end_value);
    tag.resolution = DateResolutionName(mention.resolution);
    tag.qualifier = mention.qualifier;
    tag.relative = mention.relative;
    article.dates.push_back(std::move(tag));
  }
  return StageResult::Pass();
}

std::unique_ptr<Stage> MakeDatesStage(const StageContext& /*context*/) {
  return std::make_unique<DatesStage>();
}

}  // namespace newsflow
