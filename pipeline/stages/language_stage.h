// Stage "language": identifies the language of `text` with CLD2
// (tagging/language_detector.h has the policy, including how the input's
// language hint is respected). Sets Article::language (ISO 639-1, "und" when
// unknown), language_confidence, language_reliable and language_source.
// Later English-only stages read Article::language and skip other languages,
// listing themselves in Article::skipped_taggers. Never dead-letters.
#pragma once

#include <memory>

#include "newsflow/stage.h"
#include "newsflow/stage_registry.h"

namespace newsflow {

class LanguageStage : public Stage {
 public:
  std::string_view Name() const override { return "language"; }
  StageResult Process(Article& article) override;
};

std::unique_ptr<Stage> MakeLanguageStage(const StageContext& context);

}  // namespace newsflow
