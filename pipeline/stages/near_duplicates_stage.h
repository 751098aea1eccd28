// Stage "near_duplicates": fingerprints `text` (SimHash and content hash,
// tagging/simhash.h) and flags an article as a duplicate of an earlier one
// seen by this instance (tagging/duplicate_index.h): Article::duplicate_of,
// duplicate_distance, duplicate_exact. Never dead-letters or drops: flagging
// is for consumers to act on.
//
// All worker instances of the stage share one index, created with the first
// instance from config `tagging` (duplicate_window, duplicate_max_distance).
// Which of two copies processed at the same moment by different workers
// counts as "earlier" is the one that reaches the index first.
#pragma once

#include <memory>

#include "newsflow/stage.h"
#include "newsflow/stage_registry.h"
#include "tagging/duplicate_index.h"

namespace newsflow {

class NearDuplicatesStage : public Stage {
 public:
  explicit NearDuplicatesStage(std::shared_ptr<DuplicateIndex> index);
  std::string_view Name() const override { return "near_duplicates"; }
  StageResult Process(Article& article) override;

 private:
  std::shared_ptr<DuplicateIndex> index_;
};

// A factory whose stages share one index (one per registry: one per
// pipeline, i.e. per process).
StageFactory MakeNearDuplicatesStageFactory();

}  // namespace newsflow
