#include "pipeline/stages/near_duplicates_stage.h"

#include <mutex>
#include <utility>

#include "newsflow/config.h"
#include "tagging/simhash.h"

namespace newsflow {

NearDuplicatesStage::NearDuplicatesStage(std::shared_ptr<DuplicateIndex> index)
    : index_(std::move(index)) {}

StageResult NearDuplicatesStage::Process(Article& article) {
  TextFingerprint fingerprint = FingerprintText(article.text);
  article.simhash = fingerprint.simhash;
  article.content_hash = std::move(fingerprint.content_hash);
  article.duplicate_of.clear();
  article.duplicate_distance = -1;
  article.duplicate_exact = false;
  if (std::optional<DuplicateMatch> match =
          index_->CheckAndAdd(article.id, article.simhash, article.content_hash)) {
    article.duplicate_of = std::move(match->id);
    article.duplicate_distance = match->distance;
    article.duplicate_exact = match->exact;
  }
  return StageResult::Pass();
}

StageFactory MakeNearDuplicatesStageFactory() {
  struct Shared {
    std::once_flag once;
    std::shared_ptr<DuplicateIndex> index;
  };
  auto shared = std::make_shared<Shared>();
  return [shared](const StageContext& context) -> std::unique_ptr<Stage> {
    std::call_once(shared->once, [&] {
      shared->index = std::make_shared<DuplicateIndex>(
          static_cast<size_t>(context.config.tagging.duplicate_window),
          context.config.tagging.duplicate_max_distance);
    });
    return std::make_unique<NearDuplicatesStage>(shared->index);
  };
}

}  // namespace newsflow
