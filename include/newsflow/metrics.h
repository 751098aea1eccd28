// Every Prometheus metric newsflow exports, built once at start-up.
//
// Hot paths hold the references below; nothing here calls Family::Add per
// record except the per-partition gauges, which are touched on statistics
// callbacks and rebalances only. Label sets are small and fixed (reason,
// stage, error kind) or bounded by the number of assigned partitions.
// Names follow Prometheus conventions: `newsflow_` prefix, base units
// (seconds, bytes), `_total` for counters. docs/METRICS.md lists them all.
//
// Thread-safety: prometheus-cpp metrics are safe to update from any thread;
// the partition-gauge helpers take an internal lock.
#pragma once

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "newsflow/reason.h"

namespace newsflow {

// Kinds of error counted in newsflow_errors_total{kind}.
enum class ErrorKind {
  kConsume,  // consumer errors reported by librdkafka
  kProduce,  // delivery failures (including retried ones)
  kCommit,   // offset commit failures
  kKafka,    // other client errors (broker down, auth, ...)
  kStage,    // exceptions escaping a stage
};
inline constexpr int kErrorKindCount = 5;

class Metrics {
 public:
  // `stage_names` are the configured stages (plus "publish"), used to
  // pre-create the per-stage histograms.
  Metrics(std::shared_ptr<prometheus::Registry> registry,
          const std::vector<std::string>& stage_names);
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  const std::shared_ptr<prometheus::Registry>& registry() const { return registry_; }

  prometheus::Counter& consumed;                  // newsflow_records_consumed_total
  prometheus::Counter& consumed_bytes;            // newsflow_consumed_bytes_total
  prometheus::Counter& produced;                  // newsflow_records_produced_total
  prometheus::Counter& dropped;                   // newsflow_records_dropped_total
  prometheus::Counter& produce_retries;           // newsflow_produce_retries_total
  prometheus::Counter& commits;                   // newsflow_offset_commits_total
  prometheus::Counter& offset_resets;             // newsflow_offset_resets_total
  prometheus::Counter& offset_reset_skipped;      // newsflow_offset_reset_skipped_records_total
  prometheus::Counter& rebalance_assigned;        // newsflow_rebalances_total{event="assign"}
  prometheus::Counter& rebalance_revoked;         // newsflow_rebalances_total{event="revoke"}
  prometheus::Counter& rebalance_lost;            // newsflow_rebalances_total{event="lost"}
  prometheus::Histogram& consume_to_ack_seconds;  // newsflow_consume_to_ack_seconds
  prometheus::Histogram& freshness_seconds;       // newsflow_freshness_seconds
  prometheus::Gauge& in_flight_records;           // newsflow_in_flight_records
  prometheus::Gauge& in_flight_bytes;             // newsflow_in_flight_bytes
  prometheus::Gauge& paused_partitions;           // newsflow_paused_partitions
  prometheus::Gauge& assigned_partitions;         // newsflow_assigned_partitions
  prometheus::Gauge& ready;                       // newsflow_ready (1 when /readyz is OK)
  prometheus::Gauge& workers;                     // newsflow_workers

  // newsflow_records_dead_lettered_total{reason}
  prometheus::Counter& DeadLettered(Reason reason);
  // newsflow_errors_total{kind}
  prometheus::Counter& Errors(ErrorKind kind);
  // newsflow_stage_duration_seconds{stage}; unknown names share "other".
  prometheus::Histogram& StageSeconds(const std::string& stage);

  // newsflow_consumer_lag_records{topic,partition} and
  // newsflow_committed_offset{topic,partition}. Remove drops both series
  // (on revoke), so the label set stays bounded by the assignment.
  void SetPartitionLag(const std::string& topic, int32_t partition, int64_t lag);
  void SetCommittedOffset(const std::string& topic, int32_t partition, int64_t offset);
  void RemovePartition(const std::string& topic, int32_t partition);

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>& dead_lettered_family_;
  prometheus::Family<prometheus::Counter>& errors_family_;
  prometheus::Family<prometheus::Histogram>& stage_family_;
  prometheus::Family<prometheus::Gauge>& lag_family_;
  prometheus::Family<prometheus::Gauge>& committed_family_;
  std::map<Reason, prometheus::Counter*> dead_lettered_;
  std::array<prometheus::Counter*, kErrorKindCount> errors_{};
  std::map<std::string, prometheus::Histogram*, std::less<>> stages_;
  prometheus::Histogram* other_stage_ = nullptr;

  std::mutex partitions_mu_;
  // Guarded by partitions_mu_: series per (topic, partition).
  std::map<std::pair<std::string, int32_t>, std::pair<prometheus::Gauge*, prometheus::Gauge*>>
      partitions_;
};

}  // namespace newsflow
