// The standard Prometheus process metrics, which prometheus-cpp does not
// provide, read from procfs at scrape time:
//   process_cpu_seconds_total       user + system CPU time (counter)
//   process_resident_memory_bytes   resident set size (gauge)
//   process_virtual_memory_bytes    virtual memory size (gauge)
//   process_open_fds                open file descriptors (gauge)
//   process_max_fds                 soft RLIMIT_NOFILE; absent when unlimited (gauge)
//   process_start_time_seconds      start time, Unix epoch seconds (gauge)
// Names, types and units follow the other official client libraries, so
// dashboards written for Go or Java services work unchanged.
//
// Errors: a procfs file that cannot be read or parsed drops the metrics that
// come from it (the scrape still succeeds); nothing throws.
// Thread-safety: Collect() is const and keeps no mutable state; any thread may
// call it concurrently (civetweb serves scrapes on two threads).
#pragma once

#include <prometheus/collectable.h>
#include <prometheus/metric_family.h>
#include <prometheus/registry.h>

#include <string>
#include <vector>

namespace newsflow {

class ProcessCollector : public prometheus::Collectable {
 public:
  // `proc_dir` is the process's procfs directory ("/proc/self", or a fixture
  // directory in tests); `proc_root` holds the system-wide `stat` file whose
  // btime anchors the start time ("/proc").
  explicit ProcessCollector(std::string proc_dir = "/proc/self", std::string proc_root = "/proc");

  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  std::string proc_dir_;
  double boot_time_seconds_ = -1;  // btime from <proc_root>/stat; < 0 if unknown
  double ticks_per_second_;        // sysconf(_SC_CLK_TCK)
  double page_size_;               // sysconf(_SC_PAGESIZE)
};

// A Registry whose Collect() also returns ProcessCollector's families, so
// the process metrics reach every exporter of the registry (HttpServer
// serializes registry->Collect()) without a second collectable to plumb.
// Use it where the daemon creates its registry:
//   auto registry = std::make_shared<RegistryWithProcessMetrics>();
class RegistryWithProcessMetrics : public prometheus::Registry {
 public:
  std::vector<prometheus::MetricFamily> Collect() const override;

 private:
  ProcessCollector process_;
};

}  // namespace newsflow
