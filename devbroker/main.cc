// newsflow-devbroker: librdkafka's mock Kafka cluster in its own process, for
// development and tests. See docs/DEVBROKER.md.
#include <fcntl.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "devbroker/fault_commands.h"

namespace newsflow {
namespace {

constexpr std::string_view kProgram = "newsflow-devbroker";
constexpr size_t kMaxControlClients = 16;
constexpr int kClientSendTimeoutSec = 5;

void LogError(const std::string& message) {
  std::fprintf(stderr, "%s: %s\n", kProgram.data(), message.c_str());
  std::fflush(stderr);
}

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Writes `content` to `path` via a temporary file in the same directory and
// rename(), so readers never see a partial file.
bool WriteFileAtomically(const std::string& path, const std::string& content, std::string* error) {
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = Errno("cannot create " + tmp);
    return false;
  }
  bool ok = WriteAll(fd, content) && fsync(fd) == 0;
  if (!ok) *error = Errno("cannot write " + tmp);
  if (close(fd) != 0 && ok) {
    ok = false;
    *error = Errno("cannot close " + tmp);
  }
  if (ok && rename(tmp.c_str(), path.c_str()) != 0) {
    ok = false;
    *error = Errno("cannot rename " + tmp + " to " + path);
  }
  if (!ok) unlink(tmp.c_str());
  return ok;
}

// Level-triggered shutdown notification: once Trigger() has run, the read end
// stays readable forever, so every poll() loop that includes it wakes and
// sees it. Trigger() is async-signal-safe.
class ShutdownPipe {
 public:
  bool Open(std::string* error) {
    if (pipe2(fds_, O_CLOEXEC | O_NONBLOCK) != 0) {
      *error = Errno("pipe2");
      return false;
    }
    return true;
  }
  ~ShutdownPipe() {
    for (int fd : fds_) {
      if (fd >= 0) close(fd);
    }
  }
  void Trigger() const {
    char byte = 1;
    // A full pipe (EAGAIN) already means "triggered".
    [[maybe_unused]] ssize_t n = write(fds_[1], &byte, 1);
  }
  int read_fd() const { return fds_[0]; }

 private:
  int fds_[2] = {-1, -1};
};

bool Triggered(const pollfd& p) { return (p.revents & (POLLIN | POLLERR | POLLHUP)) != 0; }

// Serves FaultCommands on a Unix stream socket. Several clients may be
// connected at once; their lines are executed in arrival order.
class ControlSocketServer {
 public:
  ControlSocketServer(FaultCommands& commands, const ShutdownPipe& shutdown)
      : commands_(commands), shutdown_(shutdown) {}
  ~ControlSocketServer() { Close(); }

  // Binds and listens at `path`. A stale socket file (nobody accepting) is
  // replaced; a live one or a non-socket file is an error.
  bool Listen(const std::string& path, std::string* error) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof(addr.sun_path)) {
      *error = "control socket path too long: " + path;
      return false;
    }
    std::memcpy(addr.sun_path, path.data(), path.size());
    struct stat st {};
    if (lstat(path.c_str(), &st) == 0) {
      if (!S_ISSOCK(st.st_mode)) {
        *error = "control socket path exists and is not a socket: " + path;
        return false;
      }
      int probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
      bool live =
          probe >= 0 && connect(probe, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) == 0;
      if (probe >= 0) close(probe);
      if (live) {
        *error = "control socket is in use by another process: " + path;
        return false;
      }
      unlink(path.c_str());
    }
    listen_fd_ = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (listen_fd_ < 0) {
      *error = Errno("socket");
      return false;
    }
    if (bind(listen_fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0) {
      *error = Errno("cannot bind control socket " + path);
      Close();
      return false;
    }
    path_ = path;
    if (listen(listen_fd_, 16) != 0) {
      *error = Errno("cannot listen on control socket " + path);
      Close();
      return false;
    }
    return true;
  }

  void Start() {
    thread_ = std::thread([this] { Run(); });
  }

  // Joins the thread (the shutdown pipe must have been triggered), closes
  // every descriptor and removes the socket file.
  void Close() {
    if (thread_.joinable()) thread_.join();
    for (Client& client : clients_) close(client.fd);
    clients_.clear();
    if (listen_fd_ >= 0) {
      close(listen_fd_);
      listen_fd_ = -1;
    }
    if (!path_.empty()) {
      unlink(path_.c_str());
      path_.clear();
    }
  }

 private:
  struct Client {
    int fd;
    LineSplitter splitter;
  };

  void Run() {
    std::vector<pollfd> fds;
    while (true) {
      fds.clear();
      fds.push_back({shutdown_.read_fd(), POLLIN, 0});
      // Stop accepting while full; pending connections wait in the backlog.
      fds.push_back({clients_.size() < kMaxControlClients ? listen_fd_ : -1, POLLIN, 0});
      for (const Client& client : clients_) fds.push_back({client.fd, POLLIN, 0});
      if (poll(fds.data(), fds.size(), -1) < 0) {
        if (errno == EINTR) continue;
        LogError(Errno("control socket poll"));
        return;
      }
      if (Triggered(fds[0])) return;
      // Serve existing clients first: indices in fds match clients_ only
      // until a client is removed or added.
      std::vector<size_t> closed;
      for (size_t i = 0; i < clients_.size(); ++i) {
        if (fds[i + 2].revents != 0 && !Serve(clients_[i])) closed.push_back(i);
        if (Triggered(fds[0]) || ShutdownRequested()) break;
      }
      for (auto it = closed.rbegin(); it != closed.rend(); ++it) {
        close(clients_[*it].fd);
        clients_.erase(clients_.begin() + static_cast<std::ptrdiff_t>(*it));
      }
      if (ShutdownRequested()) return;
      if (fds[1].revents & POLLIN) Accept();
    }
  }

  bool ShutdownRequested() const {
    pollfd p{shutdown_.read_fd(), POLLIN, 0};
    return poll(&p, 1, 0) > 0 && Triggered(p);
  }

  void Accept() {
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) return;  // EAGAIN, ECONNABORTED...: nothing to do
    // A client that never reads its replies must not wedge the server.
    timeval timeout{kClientSendTimeoutSec, 0};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout));
    clients_.push_back(Client{fd, LineSplitter()});
  }

  // Reads what is available and answers complete lines. Returns false when
  // the client is gone or misbehaves.
  bool Serve(Client& client) {
    char buf[4096];
    ssize_t n = recv(client.fd, buf, sizeof(buf), MSG_DONTWAIT);
    if (n < 0) return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
    if (n == 0) {
      std::optional<LineSplitter::Line> last = client.splitter.Finish();
      if (last) Answer(client.fd, *last);
      return false;
    }
    for (const LineSplitter::Line& line :
         client.splitter.Feed(std::string_view(buf, static_cast<size_t>(n)))) {
      if (!Answer(client.fd, line)) return false;
      if (ShutdownRequested()) return true;
    }
    return true;
  }

  bool Answer(int fd, const LineSplitter::Line& line) {
    CommandReply reply;
    if (line.overlong) {
      reply.line = "ERR line too long (max " + std::to_string(kDevBrokerMaxLineBytes) + " bytes)";
    } else {
      reply = commands_.Execute(line.text);
    }
    reply.line += '\n';
    std::string_view data = reply.line;
    bool ok = true;
    while (!data.empty()) {
      ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
        ok = false;
        break;
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
    if (reply.quit) shutdown_.Trigger();
    return ok;
  }

  FaultCommands& commands_;
  const ShutdownPipe& shutdown_;
  int listen_fd_ = -1;
  std::string path_;
  std::vector<Client> clients_;  // only touched by the server thread while it runs
  std::thread thread_;
};

void PrintReply(const CommandReply& reply) {
  std::fprintf(stdout, "%s\n", reply.line.c_str());
  std::fflush(stdout);
}

// Reads commands from stdin until EOF (after which stdin is ignored, the
// broker keeps running), a signal, or a quit command (from here or the
// control socket). Returns the reason for stopping.
std::string ServeStdin(FaultCommands& commands, const ShutdownPipe& shutdown, int signal_fd) {
  LineSplitter splitter;
  bool stdin_open = true;
  while (true) {
    pollfd fds[3] = {
        {shutdown.read_fd(), POLLIN, 0},
        {signal_fd, POLLIN, 0},
        {stdin_open ? STDIN_FILENO : -1, POLLIN, 0},
    };
    if (poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      LogError(Errno("poll"));
      return "poll failure";
    }
    if (fds[1].revents & POLLIN) {
      signalfd_siginfo info{};
      if (read(signal_fd, &info, sizeof(info)) == static_cast<ssize_t>(sizeof(info))) {
        return std::string("signal ") + sigabbrev_np(static_cast<int>(info.ssi_signo));
      }
      return "signal";
    }
    if (Triggered(fds[0])) return "quit command";
    if (fds[2].revents == 0) continue;
    char buf[4096];
    ssize_t n = (fds[2].revents & POLLNVAL) ? 0 : read(STDIN_FILENO, buf, sizeof(buf));
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    std::vector<LineSplitter::Line> lines;
    if (n <= 0) {
      stdin_open = false;
      if (std::optional<LineSplitter::Line> last = splitter.Finish()) lines.push_back(*last);
    } else {
      lines = splitter.Feed(std::string_view(buf, static_cast<size_t>(n)));
    }
    for (const LineSplitter::Line& line : lines) {
      if (line.overlong) {
        PrintReply({"ERR line too long (max " + std::to_string(kDevBrokerMaxLineBytes) + " bytes)",
                    false});
        continue;
      }
      CommandReply reply = commands.Execute(line.text);
      PrintReply(reply);
      if (reply.quit) return "quit command";
    }
  }
}

// The host handle has no bootstrap.servers on purpose; librdkafka's warning
// about that would only confuse whoever reads our stderr.
void LogCallback(const rd_kafka_t* /*rk*/, int level, const char* facility, const char* message) {
  if (std::string_view(facility) == "CONFWARN") return;
  std::fprintf(stderr, "%s: librdkafka %d %s: %s\n", kProgram.data(), level, facility, message);
  std::fflush(stderr);
}

// rd_kafka_mock_cluster_new() needs a client handle for its bookkeeping; a
// producer that never gets a bootstrap list and never sends anything.
rd_kafka_t* NewHostHandle(std::string* error) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set_log_cb(conf, LogCallback);
  char errstr[512];
  if (rd_kafka_conf_set(conf, "client.id", "newsflow-devbroker", errstr, sizeof(errstr)) !=
      RD_KAFKA_CONF_OK) {
    *error = errstr;
    rd_kafka_conf_destroy(conf);
    return nullptr;
  }
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
  if (rk == nullptr) {
    *error = errstr;
    rd_kafka_conf_destroy(conf);  // not taken over on failure
  }
  return rk;
}

int Run(const DevBrokerOptions& options) {
  // Block the shutdown signals before any thread exists (librdkafka's
  // included) so they are only ever delivered through the signalfd.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  if (pthread_sigmask(SIG_BLOCK, &signals, nullptr) != 0) {
    LogError("cannot block signals");
    return 1;
  }
  signal(SIGPIPE, SIG_IGN);
  int signal_fd = signalfd(-1, &signals, SFD_CLOEXEC);
  if (signal_fd < 0) {
    LogError(Errno("signalfd"));
    return 1;
  }
  std::string error;
  ShutdownPipe shutdown;
  if (!shutdown.Open(&error)) {
    LogError(error);
    close(signal_fd);
    return 1;
  }

  rd_kafka_t* rk = NewHostHandle(&error);
  if (rk == nullptr) {
    LogError("cannot create librdkafka handle: " + error);
    close(signal_fd);
    return 1;
  }
  rd_kafka_mock_cluster_t* cluster = rd_kafka_mock_cluster_new(rk, options.brokers);
  if (cluster == nullptr) {
    LogError("cannot create mock cluster");
    rd_kafka_destroy(rk);
    close(signal_fd);
    return 1;
  }

  int status = 0;
  std::string reason;
  {
    RdKafkaMockClusterOps ops(cluster, options.brokers);
    FaultCommands commands(ops);
    ControlSocketServer server(commands, shutdown);
    const std::string bootstrap = ops.Bootstrap();
    bool bootstrap_written = false;

    for (const TopicSpec& topic : options.topics) {
      if (!commands.CreateTopic(topic, &error)) {
        LogError("cannot create " + error);
        status = 1;
        break;
      }
    }
    if (status == 0 && !options.control_socket.empty() &&
        !server.Listen(options.control_socket, &error)) {
      LogError(error);
      status = 1;
    }
    if (status == 0 && !options.bootstrap_file.empty()) {
      if (WriteFileAtomically(options.bootstrap_file, bootstrap + "\n", &error)) {
        bootstrap_written = true;
      } else {
        LogError("cannot write --bootstrap-file: " + error);
        status = 1;
      }
    }
    if (status == 0) {
      std::fprintf(stdout, "BOOTSTRAP=%s\nREADY\n", bootstrap.c_str());
      std::fflush(stdout);
      std::fprintf(stderr, "%s: %d broker(s) at %s%s%s\n", kProgram.data(), options.brokers,
                   bootstrap.c_str(), options.control_socket.empty() ? "" : ", control socket ",
                   options.control_socket.c_str());
      std::fflush(stderr);
      server.Start();
      reason = ServeStdin(commands, shutdown, signal_fd);
      std::fprintf(stderr, "%s: shutting down (%s)\n", kProgram.data(), reason.c_str());
      std::fflush(stderr);
    }
    shutdown.Trigger();
    server.Close();
    if (bootstrap_written) unlink(options.bootstrap_file.c_str());
  }
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(rk);
  close(signal_fd);
  return status;
}

}  // namespace
}  // namespace newsflow

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  std::string error;
  std::optional<newsflow::DevBrokerOptions> options = newsflow::ParseDevBrokerArgs(args, &error);
  if (!options) {
    std::fprintf(stderr, "newsflow-devbroker: %s (try --help)\n", error.c_str());
    return 2;
  }
  if (options->help) {
    std::fputs(newsflow::DevBrokerUsage().c_str(), stdout);
    return 0;
  }
  return newsflow::Run(*options);
}
