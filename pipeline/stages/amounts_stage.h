// Stage "amounts": money ("$7 billion", "£600m", "millions of shekels") with
// value and ISO 4217 currency, and percentages, found in `text` by
// tagging/amount_extractor.h, into Article::amounts (byte spans; the output
// record converts them to character offsets). English only
// (pipeline/stages/tagger_language.h). Never dead-letters.
#pragma once

#include <memory>

#include "newsflow/stage.h"
#include "newsflow/stage_registry.h"

namespace newsflow {

class AmountsStage : public Stage {
 public:
  std::string_view Name() const override { return "amounts"; }
  StageResult Process(Article& article) override;
};

std::unique_ptr<Stage> MakeAmountsStage(const StageContext& context);

}  // namespace newsflow
