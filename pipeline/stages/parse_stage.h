// The parse stage: raw record bytes -> Article fields.
//
// Implements the input contract of docs/INPUT.md: size limit, invalid UTF-8
// policy, JSON syntax and depth, the known fields and their types, unknown
// fields kept under `extra`, the id derivation rule and published_at parsing.
// Every rejected record gets StageResult::DeadLetter with one of kTooLarge,
// kInvalidUtf8, kMalformedJson, kTooDeep, kNotAnObject, kInvalidField or
// kMissingBody and a message naming the problem. Bad input never throws or
// crashes; nesting is walked iteratively, so depth is bounded only by
// limits.max_json_depth, not by the thread's stack.
//
// Thread-safety: none. One instance per worker thread (see stage.h); it owns
// a simdjson On Demand parser and a padded input buffer that grow to the
// largest record seen and are reused, never reallocated per record. Memory
// per instance is about 6x the largest record parsed plus a few dozen bytes
// per level of limits.max_json_depth.
#pragma once

#include <memory>
#include <string_view>

#include "newsflow/config.h"
#include "newsflow/stage.h"
#include "newsflow/stage_registry.h"

namespace newsflow {

class ParseStage : public Stage {
 public:
  // Copies config.limits; `config` need not outlive the stage.
  explicit ParseStage(const Config& config);
  ~ParseStage() override;
  ParseStage(const ParseStage&) = delete;
  ParseStage& operator=(const ParseStage&) = delete;

  std::string_view Name() const override { return "parse"; }

  // Reads article.raw.value (never modifies it) and fills id, id_source, url,
  // source, title, language_hint, body, html, published_at_raw,
  // published_at_ms and extra (all reset first), and appends repair notes
  // ("invalid_utf8", "unparsed_date") to article.repairs.
  StageResult Process(Article& article) override;

 private:
  struct Impl;  // keeps simdjson out of this header
  std::unique_ptr<Impl> impl_;
};

// Factory for the stage registry (registered as "parse").
std::unique_ptr<Stage> MakeParseStage(const StageContext& context);

}  // namespace newsflow
