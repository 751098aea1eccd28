#include "observability/systemd_notify.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace newsflow {
namespace {

// A unix datagram socket standing in for systemd's notification socket;
// sets NOTIFY_SOCKET (and optionally WATCHDOG_USEC) for the test's lifetime.
class FakeSystemd {
 public:
  explicit FakeSystemd(const char* watchdog_usec = nullptr) {
    path_ = "/tmp/newsflow-notify-test-" + std::to_string(getpid()) + ".sock";
    unlink(path_.c_str());
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    path_.copy(addr.sun_path, sizeof(addr.sun_path) - 1);
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
    timeval timeout{0, 200000};  // 200 ms per receive
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
    setenv("NOTIFY_SOCKET", path_.c_str(), 1);
    if (watchdog_usec != nullptr) {
      setenv("WATCHDOG_USEC", watchdog_usec, 1);
    } else {
      unsetenv("WATCHDOG_USEC");
    }
    unsetenv("WATCHDOG_PID");
  }
  ~FakeSystemd() {
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    close(fd_);
    unlink(path_.c_str());
  }
  // The next datagram, or "" after the receive timeout.
  std::string Receive() {
    char buffer[4096];
    const ssize_t n = recv(fd_, buffer, sizeof(buffer), 0);
    return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : std::string();
  }
  // Every datagram that arrives within `duration`.
  std::vector<std::string> ReceiveFor(std::chrono::milliseconds duration) {
    std::vector<std::string> messages;
    const auto end = std::chrono::steady_clock::now() + duration;
    while (std::chrono::steady_clock::now() < end) {
      std::string message = Receive();
      if (!message.empty()) messages.push_back(std::move(message));
    }
    return messages;
  }

 private:
  std::string path_;
  int fd_ = -1;
};

int Count(const std::vector<std::string>& messages, const std::string& needle) {
  int n = 0;
  for (const auto& m : messages) n += m.find(needle) != std::string::npos ? 1 : 0;
  return n;
}

TEST(SystemdNotifierTest, SendsReadyStoppingStatusAndWatchdogToNotifySocket) {
  FakeSystemd systemd;
  SystemdNotifier notifier;
  ASSERT_TRUE(notifier.enabled());
  EXPECT_TRUE(notifier.NotifyReady("ready"));
  EXPECT_EQ(systemd.Receive(), "READY=1\nSTATUS=ready");
  EXPECT_TRUE(notifier.NotifyStatus("two\nlines"));
  EXPECT_EQ(systemd.Receive(), "STATUS=two lines");
  EXPECT_TRUE(notifier.NotifyWatchdog());
  EXPECT_EQ(systemd.Receive(), "WATCHDOG=1");
  EXPECT_TRUE(notifier.NotifyStopping(""));
  EXPECT_EQ(systemd.Receive(), "STOPPING=1");
}

TEST(SystemdNotifierTest, IsNoOpWithoutNotifySocket) {
  unsetenv("NOTIFY_SOCKET");
  setenv("WATCHDOG_USEC", "1000000", 1);
  SystemdNotifier notifier;
  EXPECT_FALSE(notifier.enabled());
  EXPECT_EQ(notifier.watchdog_interval().count(), 0);
  EXPECT_FALSE(notifier.NotifyReady("ready"));
  EXPECT_FALSE(notifier.NotifyWatchdog());
  unsetenv("WATCHDOG_USEC");
}

TEST(SystemdNotifierTest, WatchdogIntervalIsHalfOfWatchdogUsec) {
  FakeSystemd systemd("400000");
  SystemdNotifier notifier;
  EXPECT_EQ(notifier.watchdog_interval(), std::chrono::microseconds(200000));
}

TEST(SystemdNotifierTest, WatchdogOffWithoutWatchdogUsec) {
  FakeSystemd systemd;
  SystemdNotifier notifier;
  EXPECT_EQ(notifier.watchdog_interval().count(), 0);
}

TEST(SystemdNotifyLoopTest, SendsReadyOnlyOnceReadinessHoldsThenStoppingOnStop) {
  FakeSystemd systemd("100000");  // ping every 50 ms
  SystemdNotifier notifier;
  Readiness readiness(std::chrono::seconds(60));
  Shutdown shutdown;
  SystemdNotifyLoop loop(notifier, readiness, shutdown);

  auto before = systemd.ReceiveFor(std::chrono::milliseconds(400));
  EXPECT_EQ(Count(before, "READY=1"), 0);
  EXPECT_GE(Count(before, "STATUS=waiting: "), 1);
  EXPECT_GE(Count(before, "WATCHDOG=1"), 3);

  readiness.SetGroupState(GroupState::kAssigned);
  readiness.SetProducerConnected(true);
  auto ready = systemd.ReceiveFor(std::chrono::milliseconds(400));
  EXPECT_EQ(Count(ready, "READY=1"), 1);
  EXPECT_EQ(Count(ready, "STOPPING=1"), 0);

  shutdown.RequestStop(kExitOk, "SIGTERM");
  auto stopping = systemd.ReceiveFor(std::chrono::milliseconds(300));
  EXPECT_EQ(Count(stopping, "STOPPING=1\nSTATUS=stopping: SIGTERM"), 1);
  EXPECT_EQ(Count(stopping, "READY=1"), 0);
}

TEST(SystemdNotifyLoopTest, SendsNoWatchdogPingsWhenWatchdogIsOff) {
  FakeSystemd systemd;
  SystemdNotifier notifier;
  Readiness readiness(std::chrono::seconds(60));
  Shutdown shutdown;
  SystemdNotifyLoop loop(notifier, readiness, shutdown);
  auto messages = systemd.ReceiveFor(std::chrono::milliseconds(300));
  EXPECT_EQ(Count(messages, "WATCHDOG=1"), 0);
  EXPECT_GE(Count(messages, "STATUS=starting"), 1);
}

}  // namespace
}  // namespace newsflow
