// Bounds the records and bytes between consume and acknowledgement.
//
// The source calls Acquire() for every record it dispatches and the
// completion path calls Release(). Acquire never blocks: the source checks
// ShouldPause() after each poll and pauses its partitions (while it keeps
// polling, so rebalances are still served); it resumes once ShouldResume()
// says the pipeline drained below the low-water mark (hysteresis avoids
// flapping). A single record larger than the byte bound is still admitted
// when nothing else is in flight, so an oversized record cannot deadlock.
//
// Thread-safety: lock-free counters; safe from any thread.
#pragma once

#include <atomic>
#include <cstdint>

namespace newsflow {

class InFlightLimiter {
 public:
  // `resume_fraction` of each bound is the low-water mark (0 < f < 1).
  InFlightLimiter(int64_t max_records, int64_t max_bytes, double resume_fraction = 0.5);

  void Acquire(int64_t bytes);
  void Release(int64_t bytes);

  bool ShouldPause() const;
  bool ShouldResume() const;

  int64_t records() const { return records_.load(std::memory_order_relaxed); }
  int64_t bytes() const { return bytes_.load(std::memory_order_relaxed); }
  int64_t max_records() const { return max_records_; }
  int64_t max_bytes() const { return max_bytes_; }

 private:
  const int64_t max_records_;
  const int64_t max_bytes_;
  const int64_t resume_records_;
  const int64_t resume_bytes_;
  std::atomic<int64_t> records_{0};
  std::atomic<int64_t> bytes_{0};
};

}  // namespace newsflow
