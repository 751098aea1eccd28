// Stage "keywords": fills Article::keywords with the key phrases of the
// article (tagging/keyword_extractor.h: TF-IDF against background document
// frequencies, early and title mentions weigh more), best first, at most
// `max_keywords`, with their byte spans in `text`.
//
// Input: `title` (adds weight only) and the cleaned `text`. Runs after the
// text stages and, when present, after the language stage.
//
// Language: the stopwords and the background are English. An article whose
// `language` is set to another code is not tagged: "keywords" is appended to
// Article::skipped_taggers and the article passes. An empty language (no
// language stage) or "und" (unknown) is tagged anyway.
//
// Background: loaded once by the factory from MakeKeywordsStageFactory and
// shared, immutable, by the instances of all workers (each instance has its
// own extractor and scratch buffers). A background file that cannot be
// found or read, or no configured path, makes the factory throw
// std::runtime_error naming the file and the reason, so the pipeline
// refuses to start (exit 2) instead of failing at the first article.
//
// Never dead-letters: an article without text gets no keywords.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "newsflow/stage.h"
#include "newsflow/stage_registry.h"
#include "tagging/keyword_extractor.h"

namespace newsflow {

struct KeywordsStageOptions {
  // Path of the background file (tagging/keyword_background.h), found by
  // ResolveDataFile (util/data_path.h); required.
  std::string model_path;
  // At most this many key phrases per article; <= 0: none.
  int max_keywords = 10;
};

class KeywordsStage : public Stage {
 public:
  KeywordsStage(std::shared_ptr<const KeywordBackground> background,
                const KeywordsStageOptions& options);
  std::string_view Name() const override { return "keywords"; }
  StageResult Process(Article& article) override;

 private:
  KeywordExtractor extractor_;
  int max_keywords_;
};

// Builds the factory to register as "keywords". `options_of` reads the
// stage's options from the config (called for every instance); the
// background is loaded on the first call and reused while the configured
// path stays the same. Thread-safe: the factory may be called from several
// threads.
StageFactory MakeKeywordsStageFactory(
    std::function<KeywordsStageOptions(const Config&)> options_of);

}  // namespace newsflow
