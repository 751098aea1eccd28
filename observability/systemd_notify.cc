#include "observability/systemd_notify.h"

#include <spdlog/spdlog.h>
#include <systemd/sd-daemon.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

namespace newsflow {
namespace {

std::string OneLine(std::string_view text) {
  std::string line(text);
  std::replace(line.begin(), line.end(), '\n', ' ');
  return line;
}

}  // namespace

SystemdNotifier::SystemdNotifier() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  enabled_ = socket != nullptr && *socket != '\0';
  uint64_t usec = 0;
  // > 0 only when WATCHDOG_USEC is set and WATCHDOG_PID is unset or ours.
  if (enabled_ && sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
    watchdog_interval_ = std::chrono::microseconds(usec / 2);
  }
}

bool SystemdNotifier::Send(std::string message) {
  if (!enabled_) return false;
  const int rc = sd_notify(0, message.c_str());
  if (rc <= 0) {
    static std::atomic<bool> logged{false};
    if (!logged.exchange(true)) spdlog::debug("sd_notify failed: {}", rc);
    return false;
  }
  return true;
}

bool SystemdNotifier::NotifyReady(std::string_view status) {
  return Send(status.empty() ? "READY=1" : "READY=1\nSTATUS=" + OneLine(status));
}

bool SystemdNotifier::NotifyStopping(std::string_view status) {
  return Send(status.empty() ? "STOPPING=1" : "STOPPING=1\nSTATUS=" + OneLine(status));
}

bool SystemdNotifier::NotifyStatus(std::string_view status) {
  return Send("STATUS=" + OneLine(status));
}

bool SystemdNotifier::NotifyWatchdog() { return Send("WATCHDOG=1"); }

SystemdNotifyLoop::SystemdNotifyLoop(SystemdNotifier& notifier, const Readiness& readiness,
                                     Shutdown& shutdown)
    : notifier_(notifier), readiness_(readiness), shutdown_(shutdown) {
  if (notifier_.enabled()) thread_ = std::thread([this] { Loop(); });
}

SystemdNotifyLoop::~SystemdNotifyLoop() {
  done_ = true;
  if (thread_.joinable()) thread_.join();
}

void SystemdNotifyLoop::Loop() {
  using Clock = std::chrono::steady_clock;
  const auto watchdog = notifier_.watchdog_interval();
  const std::chrono::milliseconds tick =
      watchdog.count() > 0
          ? std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(watchdog),
                       std::chrono::milliseconds(1), std::chrono::milliseconds(100))
          : std::chrono::milliseconds(100);
  bool ready_sent = false;
  bool stopping_sent = false;
  std::string last_status;
  auto next_ping = Clock::now();
  notifier_.NotifyStatus("starting");
  while (!done_) {
    const auto now = Clock::now();
    if (watchdog.count() > 0 && now >= next_ping) {
      notifier_.NotifyWatchdog();
      next_ping = now + watchdog;
    }
    if (shutdown_.StopRequested()) {
      if (!stopping_sent) {
        notifier_.NotifyStopping("stopping: " + shutdown_.reason());
        stopping_sent = true;
      }
    } else {
      std::string reason;
      const bool ready = readiness_.Ready(now, &reason);
      const std::string status = ready ? "ready" : "waiting: " + reason;
      if (ready && !ready_sent) {
        notifier_.NotifyReady(status);
        ready_sent = true;
        last_status = status;
      } else if (status != last_status) {
        notifier_.NotifyStatus(status);
        last_status = status;
      }
    }
    // Shutdown::WaitFor wakes at once on a stop request, so STOPPING=1
    // does not wait for the tick.
    if (!stopping_sent) {
      shutdown_.WaitFor(tick);
    } else {
      std::this_thread::sleep_for(tick);
    }
  }
}

}  // namespace newsflow
