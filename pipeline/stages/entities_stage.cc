#include "pipeline/stages/entities_stage.h"

#include <stdexcept>
#include <utility>

#include "pipeline/stages/shared_model.h"
#include "pipeline/stages/tagger_language.h"

namespace newsflow {
EntitiesStage::EntitiesStage(std::shared_ptr<const NerModel> model)
    : model_(std::move(model)), tagger_(*model_) {}

StageResult EntitiesStage::Process(Article& article) {
  article.entities = Entities{};
  if (SkipForLanguage(article, Name())) return StageResult::Pass();
  if (article.text.empty()) return StageResult::Pass();
  tokenizer_.Tokenize(article.text);
  const auto sentences = tokenizer_.sentences();
  tagger_.BeginDocument(sentences);
  mentions_.clear();
  for (size_t s = 0; s < sentences.size(); ++s) {
    tagger_.TagSentence(s, &tags_);
    AppendEntityMentions(article.text, sentences[s], tokenizer_.spans(s), tags_, &mentions_);
  }
  merger_.Merge(mentions_, &article.entities);
  return StageResult::Pass();
}

StageFactory MakeEntitiesStageFactory(std::function<std::string(const Config&)> model_of) {
  auto shared = std::make_shared<SharedModel<NerModel>>();
  return [shared, model_of = std::move(model_of)](const StageContext& context) {
    const std::string path = model_of(context.config);
    auto model = shared->Get(path, [&]() {
      if (path.empty()) throw std::runtime_error("entities stage: no NER model configured");
      const std::string file = ResolveModelFile("entities", "model", path);
      auto loaded = std::make_shared<NerModel>();
      std::string error;
      if (!NerModel::LoadFile(file, loaded.get(), &error)) {
        throw std::runtime_error("entities stage: " + error);
      }
      if (loaded->empty()) throw std::runtime_error("entities stage: model " + file + " is empty");
      return std::shared_ptr<const NerModel>(std::move(loaded));
    });
    return std::make_unique<EntitiesStage>(std::move(model));
  };
}

}  // namespace newsflow
