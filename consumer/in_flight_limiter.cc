#include "consumer/in_flight_limiter.h"

#include <algorithm>

namespace newsflow {

InFlightLimiter::InFlightLimiter(int64_t max_records, int64_t max_bytes, double resume_fraction)
    : max_records_(std::max<int64_t>(1, max_records)),
      max_bytes_(std::max<int64_t>(1, max_bytes)),
      resume_records_(static_cast<int64_t>(static_cast<double>(max_records_) * resume_fraction)),
      resume_bytes_(static_cast<int64_t>(static_cast<double>(max_bytes_) * resume_fraction)) {}

void InFlightLimiter::Acquire(int64_t bytes) {
  records_.fetch_add(1, std::memory_order_relaxed);
  bytes_.fetch_add(bytes, std::memory_order_relaxed);
}

void InFlightLimiter::Release(int64_t bytes) {
  records_.fetch_sub(1, std::memory_order_relaxed);
  bytes_.fetch_sub(bytes, std::memory_order_relaxed);
}

bool InFlightLimiter::ShouldPause() const {
  const int64_t r = records();
  // An oversized record alone in flight must not block progress forever: the
  // byte bound only pauses when more than one record is in flight.
  return r >= max_records_ || (r > 1 && bytes() >= max_bytes_);
}

bool InFlightLimiter::ShouldResume() const {
  return records() <= resume_records_ && (bytes() <= resume_bytes_ || records() <= 1);
}

}  // namespace newsflow
