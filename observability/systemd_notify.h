// systemd service notifications (sd_notify) for `Type=notify` units.
//
// SystemdNotifier wraps libsystemd's sd_notify(3) and sd_watchdog_enabled(3).
// It reads NOTIFY_SOCKET and WATCHDOG_USEC (and WATCHDOG_PID, which must be
// this process when set) at construction. When NOTIFY_SOCKET is unset, as
// outside systemd, every call is a no-op that returns false. The environment
// is left untouched, so child processes would see the same variables (newsflow
// starts none).
//
// SystemdNotifyLoop drives the protocol for the daemon from one background
// thread, so `newsflow run` needs two lines:
//   * READY=1 once, the first time Readiness::Ready() holds (the consumer is
//     in its group, the producer is connected, no partition is stalled);
//   * STATUS=<one line> whenever the state text changes ("starting",
//     "waiting: <readiness reason>", "ready", "stopping: SIGTERM");
//   * WATCHDOG=1 every half of WATCHDOG_USEC while the loop runs (systemd
//     restarts the unit when pings stop for WATCHDOG_USEC: WatchdogSec=);
//   * STOPPING=1 as soon as a stop is requested (SIGTERM), before draining.
// The loop wakes every 100 ms (or at the watchdog deadline when sooner).
//
// Thread-safety: SystemdNotifier's methods may be called from any thread
// (sd_notify opens a socket per call). SystemdNotifyLoop owns its thread;
// the referenced Readiness and Shutdown must outlive it. Errors from
// sd_notify (e.g. a vanished socket) are logged once at debug level and
// otherwise ignored: notifications are advisory.
#pragma once

#include <atomic>
#include <chrono>
#include <string>
#include <string_view>
#include <thread>

#include "newsflow/shutdown.h"
#include "observability/readiness.h"

namespace newsflow {

class SystemdNotifier {
 public:
  SystemdNotifier();

  // True when NOTIFY_SOCKET is set (running under a Type=notify unit).
  bool enabled() const { return enabled_; }
  // Half of WATCHDOG_USEC when the watchdog is on for this process, else 0.
  std::chrono::microseconds watchdog_interval() const { return watchdog_interval_; }

  // Each sends one datagram; true when it was sent. `status` is one line
  // (newlines are replaced by spaces) and may be empty (no STATUS= field).
  bool NotifyReady(std::string_view status);
  bool NotifyStopping(std::string_view status);
  bool NotifyStatus(std::string_view status);
  bool NotifyWatchdog();

 private:
  bool Send(std::string message);

  bool enabled_ = false;
  std::chrono::microseconds watchdog_interval_{0};
};

class SystemdNotifyLoop {
 public:
  // Starts the thread. Does nothing (no thread) when `notifier` is disabled.
  SystemdNotifyLoop(SystemdNotifier& notifier, const Readiness& readiness, Shutdown& shutdown);
  // Stops and joins the thread.
  ~SystemdNotifyLoop();
  SystemdNotifyLoop(const SystemdNotifyLoop&) = delete;
  SystemdNotifyLoop& operator=(const SystemdNotifyLoop&) = delete;

 private:
  void Loop();

  SystemdNotifier& notifier_;
  const Readiness& readiness_;
  Shutdown& shutdown_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace newsflow
