#include "pipeline/stages/topics_stage.h"

#include <stdexcept>
#include <utility>

#include "pipeline/stages/shared_model.h"
#include "pipeline/stages/tagger_language.h"

namespace newsflow {
TopicsStage::TopicsStage(std::shared_ptr<const TopicClassifier> classifier,
                         const TopicsStageOptions& options)
    : classifier_(std::move(classifier)),
      predict_options_{options.threshold, options.max_labels},
      model_language_(options.model_language) {}

StageResult TopicsStage::Process(Article& article) {
  article.topics.clear();
  if (SkipForLanguage(article, Name(), model_language_)) return StageResult::Pass();
  scratch_.clear();
  // The title twice, as tools/topics_corpus.py writes training text: titles
  // carry much of the topic (+0.01 micro-F1 on Reuters).
  AppendNormalizedTopicText(article.title, &scratch_);
  if (!scratch_.empty()) {
    const size_t title_size = scratch_.size();
    // Reserved first, so appending the string to itself never reallocates
    // (AppendNormalizedTopicText makes its own room for the text).
    scratch_.reserve(2 * title_size + 2);
    scratch_.push_back(' ');
    scratch_.append(scratch_, 0, title_size);
    scratch_.push_back(' ');
  }
  AppendNormalizedTopicText(article.text, &scratch_);
  scratch_.push_back('\n');  // fastText's end of line; spares a copy
  article.topics = classifier_->PredictNormalized(scratch_, predict_options_);
  // Normalizing makes room for three bytes per input byte: a rare huge
  // article must not pin that for the life of the worker.
  if (scratch_.capacity() > kTopicsKeptScratchBytes) std::string().swap(scratch_);
  return StageResult::Pass();
}

StageFactory MakeTopicsStageFactory(std::function<TopicsStageOptions(const Config&)> options_of) {
  auto shared = std::make_shared<SharedModel<TopicClassifier>>();
  return [shared, options_of = std::move(options_of)](const StageContext& context) {
    const TopicsStageOptions options = options_of(context.config);
    auto classifier = shared->Get(options.model_path, [&]() {
      const std::string file = ResolveModelFile("topics", "model", options.model_path);
      std::string error;
      std::shared_ptr<const TopicClassifier> loaded = TopicClassifier::Load(file, &error);
      if (loaded == nullptr) throw std::runtime_error("topics stage: " + error);
      return loaded;
    });
    return std::make_unique<TopicsStage>(std::move(classifier), options);
  };
}

}  // namespace newsflow
