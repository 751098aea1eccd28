// Stage "entities": fills Article::entities with the English named entities
// of the cleaned `text`: people, organizations, locations and misc, each
// with a canonical name and its mentions as byte spans of `text`.
//
// Per article: tagging/article_tokenizer.h splits the text into sentences
// of CoNLL-style words, the NER tagger (tagging/ner_tagger.h) tags them as
// one document, and tagging/entity_mentions.h turns the tags into mentions
// and merges them ("Benjamin Netanyahu" ... "Netanyahu" is one person).
// Locations leave country_code/lat/lon empty (the places stage fills them).
// Runs after the text stages and, when present, after the language stage.
//
// Language: the model is English. An article whose `language` is set to
// another code is not tagged: "entities" is appended to
// Article::skipped_taggers and the article passes with no entities. An empty
// language (no language stage) or "und" (unknown) is tagged anyway.
//
// Model: loaded once by the factory from MakeEntitiesStageFactory and
// shared, immutable, by the instances of all workers; each instance has its
// own tagger and scratch buffers. A model that cannot be found or loaded
// makes the factory throw std::runtime_error("entities stage: ...") naming
// the file and the reason, so the pipeline refuses to start (exit 2)
// instead of failing at the first article.
//
// Never dead-letters: an article without text gets no entities.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "newsflow/stage.h"
#include "newsflow/stage_registry.h"
#include "tagging/article_tokenizer.h"
#include "tagging/entity_mentions.h"
#include "tagging/ner_model.h"
#include "tagging/ner_tagger.h"

namespace newsflow {

class EntitiesStage : public Stage {
 public:
  // `model` must not be null.
  explicit EntitiesStage(std::shared_ptr<const NerModel> model);
  std::string_view Name() const override { return "entities"; }
  StageResult Process(Article& article) override;

 private:
  std::shared_ptr<const NerModel> model_;  // outlives tagger_, which refers to it
  NerTagger tagger_;
  ArticleTokenizer tokenizer_;
  std::vector<uint8_t> tags_;
  std::vector<EntityMention> mentions_;
  EntityMentionMerger merger_;
};

// Builds the factory to register as "entities". `model_of` reads the model
// path from the config (called for every instance; the path is found by
// ResolveDataFile, util/data_path.h); the model is loaded on the first call
// and reused while the path stays the same. Thread-safe.
StageFactory MakeEntitiesStageFactory(std::function<std::string(const Config&)> model_of);

}  // namespace newsflow
