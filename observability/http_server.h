// The operations HTTP endpoint, served with civetweb:
//   GET /metrics  Prometheus text exposition (format 0.0.4) of the registry
//   GET /healthz  200 "ok\n" while the process is alive
//   GET /readyz   200 "ready\n", or 503 with Readiness's reason and "\n"
// Any other path is 404; other methods than GET and HEAD are 405.
#pragma once

#include <prometheus/registry.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "observability/readiness.h"

struct mg_context;
struct mg_connection;

namespace newsflow {

// Translates a "host:port" bind address into civetweb's listening_ports
// syntax. `host` may be an IPv4 literal, an IPv6 literal in brackets
// ("[::1]:9464"), a name (resolved now, first address wins), or empty / "*"
// for every IPv4 interface. Port 0 asks the kernel for a free port.
// Returns false and sets `error` on a malformed address or unknown name.
bool ToListeningPorts(const std::string& address, std::string* listening_ports, std::string* error);

// Owns a civetweb context with two worker threads. The registry and the
// readiness must outlive the server. Handlers run on civetweb's threads;
// they only read the registry and Readiness, both thread-safe.
// Not copyable; Start/Stop are not to be called concurrently.
class HttpServer {
 public:
  HttpServer(std::string address, std::shared_ptr<prometheus::Registry> registry,
             Readiness& readiness);
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  ~HttpServer();  // Stop()s

  // Binds and starts serving. Returns false and sets `error` if the address
  // is invalid or cannot be bound (port in use, no permission). Calling it
  // on a running server returns true and does nothing.
  bool Start(std::string* error);
  // Stops serving; waits for requests in progress. Idempotent.
  void Stop();

  // The bound port (the kernel's choice when the address said 0); 0 when
  // not running.
  int port() const { return port_; }

 private:
  static int HandleRequest(mg_connection* conn, void* self);
  static int LogMessage(const mg_connection* conn, const char* message);
  int Handle(mg_connection* conn);

  const std::string address_;
  const std::shared_ptr<prometheus::Registry> registry_;
  Readiness& readiness_;
  mg_context* context_ = nullptr;
  int port_ = 0;
  std::string wake_host_;  // numeric host Stop() connects to
  // civetweb's log lines while Start() runs, for its error message.
  std::mutex start_log_mu_;
  bool starting_ = false;               // guarded by start_log_mu_
  std::vector<std::string> start_log_;  // guarded by start_log_mu_
};

}  // namespace newsflow
