// `newsflow run`: wires the daemon together. Composition only: every piece
// lives in the core library.
#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <thread>

#include "app/commands.h"
#include "consumer/kafka_source.h"
#include "newsflow/build_info.h"
#include "newsflow/metrics.h"
#include "newsflow/shutdown.h"
#include "newsflow/stage_registry.h"
#include "observability/http_server.h"
#include "observability/kafka_stats.h"
#include "observability/logging.h"
#include "observability/process_metrics.h"
#include "observability/readiness.h"
#include "observability/systemd_notify.h"
#include "pipeline/delivery_router.h"
#include "pipeline/kafka_sink.h"
#include "pipeline/worker_pool.h"

namespace newsflow {
namespace {

// Turns SIGTERM/SIGINT into a graceful stop; a second signal exits at once.
// The signals are blocked in every thread and received here with sigwait,
// so no code runs in signal-handler context.
class SignalWatcher {
 public:
  explicit SignalWatcher(Shutdown& shutdown) : shutdown_(shutdown) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGUSR1);  // used only to wake this thread at exit
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
    thread_ = std::thread([this] { Loop(); });
  }
  ~SignalWatcher() {
    done_ = true;
    pthread_kill(thread_.native_handle(), SIGUSR1);
    thread_.join();
  }

 private:
  void Loop() {
    int received = 0;
    while (!done_) {
      int signal = 0;
      if (sigwait(&set_, &signal) != 0 || signal == SIGUSR1) continue;
      if (++received == 1) {
        spdlog::info("received {}; draining (send it again to exit immediately)",
                     signal == SIGTERM ? "SIGTERM" : "SIGINT");
        shutdown_.RequestStop(kExitOk, signal == SIGTERM ? "SIGTERM" : "SIGINT");
      } else {
        spdlog::warn(
            "second signal: exiting without draining; uncommitted records will be "
            "consumed again");
        spdlog::default_logger()->flush();
        _exit(kExitForced);
      }
    }
  }

  Shutdown& shutdown_;
  sigset_t set_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace

int RunCommand(const Config& config) {
  if (!SetupLogging(config.log.level, config.log.format)) return kExitConfigError;
  spdlog::info("newsflow {} ({}) starting: {}", kVersion, kGitCommit, DescribeConfig(config));

  StageRegistry registry;
  RegisterBuiltinStages(registry);
  for (const auto& name : config.pipeline.stages) {
    if (!registry.Contains(name)) {
      spdlog::critical("configuration error: pipeline.stages: unknown stage '{}'", name);
      return kExitConfigError;
    }
  }
  std::vector<std::string> stage_names = config.pipeline.stages;
  stage_names.push_back("publish");

  Shutdown shutdown;
  SignalWatcher signals(shutdown);  // before any other thread starts

  // The registry also reports process CPU, memory and file descriptors.
  auto prometheus_registry = std::make_shared<RegistryWithProcessMetrics>();
  Metrics metrics(prometheus_registry, stage_names);
  Readiness readiness(std::chrono::seconds(config.health.stall_timeout_s));
  if (config.kafka.statistics_interval_ms == 0) readiness.SetProducerConnected(true);

  std::unique_ptr<HttpServer> http;
  if (!config.metrics.address.empty()) {
    http = std::make_unique<HttpServer>(config.metrics.address, prometheus_registry, readiness);
    std::string error;
    if (!http->Start(&error)) {
      spdlog::critical("metrics.address {}: {}", config.metrics.address, error);
      return kExitConfigError;
    }
    spdlog::info("serving /metrics, /healthz and /readyz on {} (port {})", config.metrics.address,
                 http->port());
  }

  // Type=notify units: READY=1, STATUS=, WATCHDOG=1 and STOPPING=1 from a
  // background thread; nothing without NOTIFY_SOCKET.
  SystemdNotifier notifier;
  SystemdNotifyLoop notify_loop(notifier, readiness, shutdown);

  std::string error;
  auto source = KafkaSource::Create(config, metrics, &readiness, shutdown, &error);
  if (!source) {
    spdlog::critical("configuration error: {}", error);
    return kExitConfigError;
  }
  DeliveryRouter router(*source, metrics, shutdown);
  KafkaStatsParser producer_stats;
  auto sink = KafkaSink::Create(
      config, router, metrics, shutdown,
      [&](const std::string& json) {
        std::string stats_error;
        const int up = producer_stats.UpBrokers(json, &stats_error);
        if (up >= 0) readiness.SetProducerConnected(up > 0);
      },
      &error);
  if (!sink) {
    spdlog::critical("configuration error: {}", error);
    return kExitConfigError;
  }
  auto pool = WorkerPool::Create(config, registry, *sink, *source, metrics, &error);
  if (!pool) {
    spdlog::critical("configuration error: {}", error);
    return kExitConfigError;
  }
  router.Start(sink.get());
  sink->Start();
  pool->Start();
  spdlog::info("pipeline running with {} workers", pool->size());

  const auto started = std::chrono::steady_clock::now();
  const bool subscribed = source->Run(*pool);  // until shutdown; drains and commits
  pool->Stop();
  router.Stop();
  const int left = sink->Flush(5000);
  if (left > 0)
    spdlog::warn("{} records not acknowledged at exit; they will be consumed again", left);
  sink->Close();
  if (!subscribed) return kExitRuntimeError;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  spdlog::info("stopped after {:.1f}s ({}): exit code {}", seconds, shutdown.reason(),
               shutdown.exit_code());
  return shutdown.exit_code();
}

}  // namespace newsflow
