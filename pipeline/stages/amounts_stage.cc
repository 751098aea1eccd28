#include "pipeline/stages/amounts_stage.h"

#include <utility>

#include "pipeline/stages/tagger_language.h"
#include "tagging/amount_extractor.h"

namespace newsflow {

StageResult AmountsStage::Process(Article& article) {
  article.amounts.clear();
  if (SkipForLanguage(article, Name())) return StageResult::Pass();
  for (const AmountMention& mention : ExtractAmounts(article.text)) {
    AmountTag tag;
    tag.span = {mention.begin, mention.end};
    tag.kind = AmountKindName(mention.kind);
    tag.value = mention.value;
    tag.upper_value = mention.upper_value;
    tag.currency = mention.currency;
    article.amounts.push_back(std::move(tag));
  }
  return StageResult::Pass();
}

std::unique_ptr<Stage> MakeAmountsStage(const StageContext& /*context*/) {
  return std::make_unique<AmountsStage>();
}

}  // namespace newsflow
