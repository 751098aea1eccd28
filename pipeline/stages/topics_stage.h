// Stage "topics": fills Article::topics with the labels of a fastText topic
// model (tagging/topic_classifier.h) whose probability is at least the
// configured threshold, best first, at most max_labels.
//
// Input: the title twice, then the cleaned `text`, normalized into one line
// (tools/topics_corpus.py builds training text the same way: "title . title
// . body", the '.' dropped by the normalization). Titles carry much of the
// topic; doubling their weight raised Reuters micro-F1 by about 0.01.
// Runs after the text stages and, when present, after the language stage.
//
// Language: the model is for one language (`model_language`, "en" for the
// shipped model). An article whose `language` is set to another code is not
// classified: "topics" is appended to Article::skipped_taggers and the
// article passes. An empty language (no language stage) or "und" (unknown)
// is classified anyway.
//
// Model: loaded once by the factory from MakeTopicsStageFactory and shared,
// immutable, by the instances of all workers (prediction is const and
// reentrant). A model that cannot be loaded, or no configured path, makes
// the factory throw std::runtime_error naming the file and the reason, so
// the pipeline refuses to start instead of failing at the first article.
//
// Never dead-letters: an article without text gets no topics.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "newsflow/stage.h"
#include "newsflow/stage_registry.h"
#include "tagging/topic_classifier.h"

namespace newsflow {

struct TopicsStageOptions {
  // Path of the fastText model (.bin or .ftz), found by ResolveDataFile
  // (util/data_path.h); required.
  std::string model_path;
  // Minimum probability of a reported label.
  double threshold = 0.3;
  // At most this many labels per article; <= 0: no limit.
  int max_labels = 5;
  // ISO 639-1 code of the model's training language.
  std::string model_language = "en";
};

// The normalized-text buffer a topics stage keeps between articles: enough
// for articles of about 300 KB (normalizing makes room for three bytes per
// input byte).
inline constexpr size_t kTopicsKeptScratchBytes = size_t{1} << 20;

class TopicsStage : public Stage {
 public:
  TopicsStage(std::shared_ptr<const TopicClassifier> classifier, const TopicsStageOptions& options);
  std::string_view Name() const override { return "topics"; }
  StageResult Process(Article& article) override;

  // Bytes of the normalized-text buffer kept for the next article: at most
  // kTopicsKeptScratchBytes after any article (a huge one lets it go).
  size_t kept_scratch_bytes() const { return scratch_.capacity(); }

 private:
  std::shared_ptr<const TopicClassifier> classifier_;
  TopicPredictOptions predict_options_;
  std::string model_language_;
  std::string scratch_;  // normalized text, reused between articles
};

// Builds the factory to register as "topics". `options_of` reads the stage's
// options from the config (called for every instance); the model is loaded
// on the first call and reused while the configured path stays the same.
// Thread-safe: the factory may be called from several threads.
StageFactory MakeTopicsStageFactory(std::function<TopicsStageOptions(const Config&)> options_of);

}  // namespace newsflow
