// What a worker carries: one article plus what the source needs back.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "newsflow/article.h"
#include "newsflow/record_sink.h"
#include "newsflow/stage.h"

namespace newsflow {

class OffsetWatermark;

// How a record left the pipeline.
enum class WorkOutcome {
  kPublished,     // enriched record acknowledged
  kDeadLettered,  // dead-letter record acknowledged
  kDropped,       // a stage filtered it out on purpose
  kAbandoned,     // its partition was revoked before it was processed
};

struct WorkItem {
  Article article;
  // Set by the Kafka source: the partition's watermark (kept alive here after
  // a revoke) and the record's size as charged to the in-flight limiter.
  std::shared_ptr<OffsetWatermark> watermark;
  int64_t charged_bytes = 0;
  // Set by the worker: the stage verdict (reason for dead letters).
  Reason reason = Reason::kNone;
  std::string stage;  // the stage that dead-lettered or dropped it
};

// Hears about every WorkItem exactly once, when it is finished for good.
// Called from a worker thread (drop, abandon) or the sink's delivery thread.
class WorkCompletion {
 public:
  virtual ~WorkCompletion() = default;
  // `delivered` is the message the sink acknowledged (nullptr for kDropped
  // and kAbandoned).
  virtual void OnWorkDone(std::unique_ptr<WorkItem> item, WorkOutcome outcome,
                          const OutboundMessage* delivered) = 0;
};

}  // namespace newsflow
