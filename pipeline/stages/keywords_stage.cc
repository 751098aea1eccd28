#include "pipeline/stages/keywords_stage.h"

#include <stdexcept>
#include <utility>

#include "pipeline/stages/shared_model.h"
#include "pipeline/stages/tagger_language.h"

namespace newsflow {
KeywordsStage::KeywordsStage(std::shared_ptr<const KeywordBackground> background,
                             const KeywordsStageOptions& options)
    : extractor_(std::move(background)), max_keywords_(options.max_keywords) {}

StageResult KeywordsStage::Process(Article& article) {
  if (SkipForLanguage(article, Name())) {
    article.keywords.clear();
    return StageResult::Pass();
  }
  extractor_.Extract(article.title, article.text, max_keywords_, &article.keywords);
  return StageResult::Pass();
}

StageFactory MakeKeywordsStageFactory(
    std::function<KeywordsStageOptions(const Config&)> options_of) {
  auto shared = std::make_shared<SharedModel<KeywordBackground>>();
  return [shared, options_of = std::move(options_of)](const StageContext& context) {
    const KeywordsStageOptions options = options_of(context.config);
    auto background = shared->Get(options.model_path, [&]() {
      if (options.model_path.empty()) {
        throw std::runtime_error(
            "keywords stage: no background file configured (tagging.keywords_model)");
      }
      const std::string file = ResolveModelFile("keywords", "background", options.model_path);
      std::string error;
      std::shared_ptr<const KeywordBackground> loaded = KeywordBackground::Load(file, &error);
      if (loaded == nullptr) throw std::runtime_error("keywords stage: " + error);
      return loaded;
    });
    return std::make_unique<KeywordsStage>(std::move(background), options);
  };
}

}  // namespace newsflow
