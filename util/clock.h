// The two clocks newsflow reads, in the units its records and metrics use.
#pragma once

#include <chrono>
#include <cstdint>

namespace newsflow {

// Wall-clock time in milliseconds since the Unix epoch (record timestamps).
inline int64_t UnixNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Monotonic time in nanoseconds (latencies; never compared across processes).
inline int64_t SteadyNowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace newsflow
