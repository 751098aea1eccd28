#include "observability/http_server.h"

#include <civetweb.h>
#include <netdb.h>
#include <prometheus/text_serializer.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cstring>
#include <exception>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace newsflow {
namespace {

constexpr char kMetricsContentType[] = "text/plain; version=0.0.4; charset=utf-8";
constexpr char kTextContentType[] = "text/plain; charset=utf-8";

bool ParsePort(std::string_view text, std::string* error) {
  int port = -1;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, port);
  if (text.empty() || ec != std::errc() || ptr != end || port < 0 || port > 65535) {
    *error = "invalid port \"" + std::string(text) + "\"";
    return false;
  }
  return true;
}

const char* StatusText(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 503:
      return "Service Unavailable";
    default:
      return "Internal Server Error";
  }
}

// Writes a complete response and tells civetweb the request is handled.
int Respond(mg_connection* conn, int status, const char* content_type, std::string_view body,
            bool head_only, const char* extra_headers = "") {
  mg_printf(conn,
            "HTTP/1.1 %d %s\r\n"
            "Content-Type: %s\r\n"
            "Content-Length: %zu\r\n"
            "Cache-Control: no-store\r\n"
            "%s"
            "Connection: close\r\n\r\n",
            status, StatusText(status), content_type, body.size(), extra_headers);
  if (!head_only && !body.empty()) mg_write(conn, body.data(), body.size());
  return status;
}

// Where Stop() can reach the listener: the bound address, or loopback for
// the wildcard ones.
std::string WakeHost(const std::string& listening_ports) {
  std::string host = listening_ports.substr(0, listening_ports.rfind(':'));
  if (!host.empty() && host.front() == '[') host = host.substr(1, host.size() - 2);
  if (host == "0.0.0.0") return "127.0.0.1";
  if (host == "::") return "::1";
  return host;
}

// Opens and immediately closes a TCP connection; errors are irrelevant.
void PokeListener(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo* result = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &result) != 0) return;
  const int fd = socket(result->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd >= 0) {
    connect(fd, result->ai_addr, result->ai_addrlen);
    close(fd);
  }
  freeaddrinfo(result);
}

}  // namespace

bool ToListeningPorts(const std::string& address, std::string* listening_ports,
                      std::string* error) {
  std::string host;
  std::string port;
  if (!address.empty() && address.front() == '[') {
    const auto close = address.find(']');
    if (close == std::string::npos || close + 1 >= address.size() || address[close + 1] != ':') {
      *error = "invalid address \"" + address + "\": expected [ipv6]:port";
      return false;
    }
    host = address.substr(1, close - 1);
    port = address.substr(close + 2);
    if (host.empty()) {
      *error = "invalid address \"" + address + "\": empty IPv6 host";
      return false;
    }
  } else {
    const auto colon = address.rfind(':');
    if (colon == std::string::npos) {
      *error = "invalid address \"" + address + "\": expected host:port";
      return false;
    }
    host = address.substr(0, colon);
    port = address.substr(colon + 1);
    if (host.find(':') != std::string::npos) {
      *error = "invalid address \"" + address + "\": put IPv6 hosts in brackets";
      return false;
    }
  }
  if (!ParsePort(port, error)) {
    *error = "invalid address \"" + address + "\": " + *error;
    return false;
  }
  if (host.empty() || host == "*") {
    *listening_ports = "0.0.0.0:" + port;
    return true;
  }

  // Resolve names (and normalise literals) to one numeric address.
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* result = nullptr;
  const int rc = getaddrinfo(host.c_str(), nullptr, &hints, &result);
  if (rc != 0 || result == nullptr) {
    *error = "cannot resolve host \"" + host + "\": " + gai_strerror(rc);
    return false;
  }
  char numeric[NI_MAXHOST];
  const int name_rc = getnameinfo(result->ai_addr, result->ai_addrlen, numeric, sizeof(numeric),
                                  nullptr, 0, NI_NUMERICHOST);
  const bool ipv6 = result->ai_family == AF_INET6;
  freeaddrinfo(result);
  if (name_rc != 0) {
    *error = "cannot resolve host \"" + host + "\": " + gai_strerror(name_rc);
    return false;
  }
  if (ipv6 && std::strchr(numeric, '%') != nullptr) {
    *error = "invalid address \"" + address + "\": IPv6 scope ids are not supported";
    return false;
  }
  *listening_ports = ipv6 ? "[" + std::string(numeric) + "]:" + port : numeric + (":" + port);
  return true;
}

HttpServer::HttpServer(std::string address, std::shared_ptr<prometheus::Registry> registry,
                       Readiness& readiness)
    : address_(std::move(address)), registry_(std::move(registry)), readiness_(readiness) {}

HttpServer::~HttpServer() { Stop(); }

bool HttpServer::Start(std::string* error) {
  if (context_ != nullptr) return true;
  std::string listening_ports;
  if (!ToListeningPorts(address_, &listening_ports, error)) return false;
  if (listening_ports.front() == '[' && mg_check_feature(MG_FEATURES_IPV6) == 0) {
    *error = "this civetweb build has no IPv6 support: " + address_;
    return false;
  }

  // Reference counted by civetweb; paired with mg_exit_library in Stop().
  mg_init_library(0);
  const char* options[] = {"listening_ports",
                           listening_ports.c_str(),
                           "num_threads",
                           "2",
                           "enable_keep_alive",
                           "no",
                           "request_timeout_ms",
                           "10000",
                           nullptr};
  mg_callbacks callbacks{};
  callbacks.log_message = &HttpServer::LogMessage;
  mg_init_data init{};
  init.callbacks = &callbacks;
  init.user_data = this;
  init.configuration_options = options;
  char error_text[256] = {};
  unsigned error_code = 0;
  mg_error_data error_data{};
  error_data.code = &error_code;
  error_data.text = error_text;
  error_data.text_buffer_size = sizeof(error_text);

  {
    std::lock_guard<std::mutex> lock(start_log_mu_);
    start_log_.clear();
    starting_ = true;
  }
  context_ = mg_start2(&init, &error_data);
  std::vector<std::string> start_log;
  {
    std::lock_guard<std::mutex> lock(start_log_mu_);
    starting_ = false;
    start_log.swap(start_log_);
  }
  if (context_ == nullptr) {
    *error = "cannot serve HTTP on " + address_ + ": " +
             (error_text[0] != '\0' ? std::string(error_text) : std::string("civetweb failed"));
    for (const std::string& line : start_log) {
      if (line != error_text) *error += "; " + line;
    }
    mg_exit_library();
    return false;
  }
  // "**" matches every URI, so unknown paths get our 404 rather than
  // civetweb's file handler.
  mg_set_request_handler(context_, "**", &HttpServer::HandleRequest, this);

  mg_server_port ports[4] = {};
  const int count = mg_get_server_ports(context_, 4, ports);
  port_ = count > 0 ? ports[0].port : 0;
  wake_host_ = WakeHost(listening_ports);
  return true;
}

void HttpServer::Stop() {
  if (context_ == nullptr) return;
  // civetweb's master thread notices the stop flag only when its poll() on
  // the listening socket returns, which otherwise takes up to 2 s. Poking the
  // socket with empty connections while mg_stop waits ends that wait early;
  // a poke that lands before the flag is set is an empty request, closed.
  std::atomic<bool> stopped{false};
  std::thread waker([this, &stopped] {
    while (!stopped.load()) {
      PokeListener(wake_host_, port_);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  mg_stop(context_);
  stopped.store(true);
  waker.join();
  context_ = nullptr;
  port_ = 0;
  mg_exit_library();
}

int HttpServer::HandleRequest(mg_connection* conn, void* self) {
  // civetweb is C: nothing may propagate out of its worker threads.
  try {
    return static_cast<HttpServer*>(self)->Handle(conn);
  } catch (const std::exception& e) {
    spdlog::warn("HTTP handler failed: {}", e.what());
  } catch (...) {
    spdlog::warn("HTTP handler failed with an unknown exception");
  }
  return Respond(conn, 500, kTextContentType, "internal error\n", false);
}

int HttpServer::LogMessage(const mg_connection* conn, const char* message) {
  // During Start() this carries the real cause of a bind failure (mg_start2
  // only says "Failed to setup server ports"); afterwards it is client noise.
  auto* self =
      conn != nullptr ? static_cast<HttpServer*>(mg_get_user_data(mg_get_context(conn))) : nullptr;
  if (self != nullptr) {
    std::lock_guard<std::mutex> lock(self->start_log_mu_);
    if (self->starting_) {
      self->start_log_.emplace_back(message);
    }
  }
  spdlog::debug("civetweb: {}", message);
  return 1;  // handled: keep civetweb from printing to stderr
}

int HttpServer::Handle(mg_connection* conn) {
  const mg_request_info* request = mg_get_request_info(conn);
  const std::string_view method = request->request_method ? request->request_method : "";
  const std::string_view path = request->local_uri ? request->local_uri : "";
  const bool head_only = method == "HEAD";
  const bool known = path == "/metrics" || path == "/healthz" || path == "/readyz";

  if (!known) return Respond(conn, 404, kTextContentType, "not found\n", head_only);
  if (method != "GET" && !head_only) {
    return Respond(conn, 405, kTextContentType, "method not allowed\n", false,
                   "Allow: GET, HEAD\r\n");
  }
  if (path == "/healthz") return Respond(conn, 200, kTextContentType, "ok\n", head_only);
  if (path == "/readyz") {
    std::string reason;
    if (readiness_.Ready(std::chrono::steady_clock::now(), &reason)) {
      return Respond(conn, 200, kTextContentType, "ready\n", head_only);
    }
    return Respond(conn, 503, kTextContentType, reason + "\n", head_only);
  }
  const std::string body = prometheus::TextSerializer().Serialize(registry_->Collect());
  return Respond(conn, 200, kMetricsContentType, body, head_only);
}

}  // namespace newsflow
