// A stop request passed to every long-running loop (no global flag).
//
// Thread-safe. Signal handlers do not touch it directly: app/ turns signals
// into RequestStop() calls from a dedicated thread (sigwait).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>

namespace newsflow {

class Shutdown {
 public:
  // Asks everything to drain and stop. The first call wins the exit code.
  void RequestStop(int exit_code, std::string reason) {
    {
      std::lock_guard lock(mu_);
      if (!stop_requested_) {
        exit_code_ = exit_code;
        reason_ = std::move(reason);
      }
      stop_requested_ = true;
    }
    stopping_.store(true, std::memory_order_release);
    cv_.notify_all();
  }
  bool StopRequested() const { return stopping_.load(std::memory_order_acquire); }
  // Waits until stop is requested or the timeout passes; true if requested.
  bool WaitFor(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [this] { return stop_requested_; });
  }
  int exit_code() const {
    std::lock_guard lock(mu_);
    return exit_code_;
  }
  std::string reason() const {
    std::lock_guard lock(mu_);
    return reason_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  // Guarded by mu_.
  bool stop_requested_ = false;
  int exit_code_ = 0;
  std::string reason_;
  // Mirrors stop_requested_ for lock-free checks in hot loops.
  std::atomic<bool> stopping_{false};
};

// Documented process exit codes (docs/OPERATIONS.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeError = 1;   // unexpected failure at run time
inline constexpr int kExitConfigError = 2;    // bad configuration or arguments
inline constexpr int kExitDeliveryFatal = 3;  // a record could not be delivered anywhere
inline constexpr int kExitForced = 4;         // second signal: forced exit without drain

}  // namespace newsflow
