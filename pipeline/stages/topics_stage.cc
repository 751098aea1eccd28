#include "pipeline/stages/topics_stage.h"

#include <mutex>
#include <optional>
#include <stdexcept>
#include <utility>

#include "pipeline/stages/tagger_language.h"
#include "util/data_path.h"

namespace newsflow {
namespace {

// Loads the model once for all the stage instances one factory builds.
class SharedModel {
 public:
  std::shared_ptr<const TopicClassifier> Get(const std::string& path) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (classifier_ == nullptr || path != path_) {
      std::string error;
      const std::optional<std::string> file = ResolveDataFile(path, &error);
      if (!file) throw std::runtime_error("topics stage: model " + error);
      auto classifier = TopicClassifier::Load(*file, &error);
      if (classifier == nullptr) throw std::runtime_error("topics stage: " + error);
      classifier_ = std::move(classifier);
      path_ = path;
    }
    return classifier_;
  }

 private:
  std::mutex mutex_;
  std::string path_;                                   // guarded by mutex_
  std::shared_ptr<const TopicClassifier> classifier_;  // guarded by mutex_
};

}  // namespace

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
    // Reserved first, so appending the string to itself never reallocates.
    scratch_.reserve(2 * title_size + 2 + article.text.size() + article.text.size() / 4);
    scratch_.push_back(' ');
    scratch_.append(scratch_, 0, title_size);
    scratch_.push_back(' ');
  }
  AppendNormalizedTopicText(article.text, &scratch_);
  scratch_.push_back('\n');  // fastText's end of line; spares a copy
  article.topics = classifier_->PredictNormalized(scratch_, predict_options_);
  return StageResult::Pass();
}

StageFactory MakeTopicsStageFactory(std::function<TopicsStageOptions(const Config&)> options_of) {
  auto shared = std::make_shared<SharedModel>();
  return [shared, options_of = std::move(options_of)](const StageContext& context) {
    const TopicsStageOptions options = options_of(context.config);
    return std::make_unique<TopicsStage>(shared->Get(options.model_path), options);
  };
}

}  // namespace newsflow
