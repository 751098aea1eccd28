// Stage "dates": date expressions in `text` ("Jan. 4", "last May", "the end
// of December"), normalized against `published_at` by
// tagging/date_extractor.h, into Article::dates (byte spans; the output
// record converts them to character offsets). English only
// (pipeline/stages/tagger_language.h). Never dead-letters.
#pragma once

#include <memory>

#include "newsflow/stage.h"
#include "newsflow/stage_registry.h"

namespace newsflow {

class DatesStage : public Stage {
 public:
  std::string_view Name() const override { return "dates"; }
  StageResult Process(Article& article) override;
};

std::unique_ptr<Stage> MakeDatesStage(const StageContext& context);

}  // namespace newsflow
