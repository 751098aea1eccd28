#include "pipeline/stages/language_stage.h"

#include <utility>

#include "tagging/language_detector.h"

namespace newsflow {

StageResult LanguageStage::Process(Article& article) {
  LanguageGuess guess = DetectLanguage(article.text, article.language_hint);
  article.language = std::move(guess.code);
  article.language_confidence = guess.confidence;
  article.language_reliable = guess.reliable;
  article.language_source = std::move(guess.source);
  return StageResult::Pass();
}

std::unique_ptr<Stage> MakeLanguageStage(const StageContext& /*context*/) {
  return std::make_unique<LanguageStage>();
}

}  // namespace newsflow
