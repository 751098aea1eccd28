// Per-partition contiguous watermark: which offset may be committed.
//
// The source registers every offset it dispatches (in increasing order, gaps
// allowed: compaction and transaction markers leave holes). Workers and the
// producer's delivery thread complete offsets in any order. The committable
// offset is the smallest registered offset not yet completed, or one past the
// last registered offset when all are complete: it never moves past an
// unfinished record.
//
// Thread-safety: every method takes the internal mutex; safe from any thread.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

namespace newsflow {

class OffsetWatermark {
 public:
  OffsetWatermark(std::string topic, int32_t partition)
      : topic_(std::move(topic)), partition_(partition) {}

  const std::string& topic() const { return topic_; }
  int32_t partition() const { return partition_; }

  // Registers a dispatched offset. Returns false (and ignores it) if it is not
  // greater than the last registered offset.
  bool Add(int64_t offset);
  // Marks an offset done. Returns false if it was not pending (unknown or
  // already completed).
  bool Complete(int64_t offset);
  // Next offset to consume from after a restart; -1 before anything was added.
  int64_t Committable() const;
  // Offsets registered and not yet completed.
  int64_t Pending() const;
  // The highest offset ever registered, -1 if none.
  int64_t LastAdded() const;

  // Revocation: once set, workers skip queued records of this partition (the
  // next owner reprocesses them from the committed offset).
  void MarkRevoked();
  bool Revoked() const;

 private:
  struct Entry {
    int64_t offset;
    bool done;
  };
  const std::string topic_;
  const int32_t partition_;
  mutable std::mutex mu_;
  // Guarded by mu_. window_ holds registered offsets in increasing order from
  // the first incomplete one; its front is never done.
  std::deque<Entry> window_;
  int64_t committable_ = -1;
  int64_t last_added_ = -1;
  int64_t pending_ = 0;
  bool revoked_ = false;
};

}  // namespace newsflow
