#include "newsflow/metrics.h"

#include <prometheus/detail/builder.h>

#include <cstddef>
#include <string>

#include "newsflow/build_info.h"

namespace newsflow {
namespace {

using prometheus::Counter;
using prometheus::Family;
using prometheus::Gauge;
using prometheus::Histogram;
using prometheus::Registry;

// Roughly exponential (1-2.5-5 per decade), written out so that the `le`
// labels print as the short decimals operators type in queries.
const Histogram::BucketBoundaries& StageBuckets() {  // 10µs .. 1s
  static const Histogram::BucketBoundaries kBuckets = {
      0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025,
      0.005,   0.01,     0.025,   0.05,   0.1,     0.25,   0.5,   1.0};
  return kBuckets;
}

const Histogram::BucketBoundaries& ConsumeToAckBuckets() {  // 1ms .. 60s
  static const Histogram::BucketBoundaries kBuckets = {
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0};
  return kBuckets;
}

const Histogram::BucketBoundaries& FreshnessBuckets() {  // 1s .. 7 days
  static const Histogram::BucketBoundaries kBuckets = {
      1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 43200, 86400, 172800, 604800};
  return kBuckets;
}

Family<Counter>& CounterFamily(Registry& registry, const std::string& name,
                               const std::string& help) {
  return prometheus::BuildCounter().Name(name).Help(help).Register(registry);
}

Family<Gauge>& GaugeFamily(Registry& registry, const std::string& name, const std::string& help) {
  return prometheus::BuildGauge().Name(name).Help(help).Register(registry);
}

Family<Histogram>& HistogramFamily(Registry& registry, const std::string& name,
                                   const std::string& help) {
  return prometheus::BuildHistogram().Name(name).Help(help).Register(registry);
}

// The three rebalance counters share one family. The header keeps no member
// for it, so each initializer registers it again: Registry's default Merge
// behaviour hands back the existing family for an identical registration.
Counter& RebalanceCounter(Registry& registry, const std::string& event) {
  return CounterFamily(registry, "newsflow_rebalances_total",
                       "Consumer group rebalance events seen by this instance, by event "
                       "(assign, revoke, lost).")
      .Add({{"event", event}});
}

const char* ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kConsume:
      return "consume";
    case ErrorKind::kProduce:
      return "produce";
    case ErrorKind::kCommit:
      return "commit";
    case ErrorKind::kKafka:
      return "kafka";
    case ErrorKind::kStage:
      return "stage";
  }
  return "stage";
}

prometheus::Labels PartitionLabels(const std::string& topic, int32_t partition) {
  return {{"topic", topic}, {"partition", std::to_string(partition)}};
}

}  // namespace

Metrics::Metrics(std::shared_ptr<prometheus::Registry> registry,
                 const std::vector<std::string>& stage_names)
    : consumed(CounterFamily(*registry, "newsflow_records_consumed_total",
                             "Records received from the input topics.")
                   .Add({})),
      consumed_bytes(CounterFamily(*registry, "newsflow_consumed_bytes_total",
                                   "Bytes of record values received from the input topics.")
                         .Add({})),
      produced(CounterFamily(*registry, "newsflow_records_produced_total",
                             "Enriched records acknowledged by the broker on the output topic.")
                   .Add({})),
      dropped(CounterFamily(
                  *registry, "newsflow_records_dropped_total",
                  "Records a stage intentionally filtered out: not published, offset released.")
                  .Add({})),
      produce_retries(CounterFamily(*registry, "newsflow_produce_retries_total",
                                    "Produce attempts retried after a transient delivery error.")
                          .Add({})),
      commits(CounterFamily(*registry, "newsflow_offset_commits_total",
                            "Successful consumer offset commits.")
                  .Add({})),
      offset_resets(CounterFamily(*registry, "newsflow_offset_resets_total",
                                  "Offset resets (auto.offset.reset) because the position was no "
                                  "longer on the broker: possible data loss.")
                        .Add({})),
      offset_reset_skipped(
          CounterFamily(*registry, "newsflow_offset_reset_skipped_records_total",
                        "Records skipped because an offset reset jumped past them (data loss).")
              .Add({})),
      rebalance_assigned(RebalanceCounter(*registry, "assign")),
      rebalance_revoked(RebalanceCounter(*registry, "revoke")),
      rebalance_lost(RebalanceCounter(*registry, "lost")),
      consume_to_ack_seconds(
          HistogramFamily(*registry, "newsflow_consume_to_ack_seconds",
                          "Seconds from receiving a record to the broker acknowledging its "
                          "output (enriched or dead-letter).")
              .Add({}, ConsumeToAckBuckets())),
      freshness_seconds(HistogramFamily(*registry, "newsflow_freshness_seconds",
                                        "Seconds from the article's publication time "
                                        "(published_at) to its enriched output being "
                                        "acknowledged.")
                            .Add({}, FreshnessBuckets())),
      in_flight_records(GaugeFamily(*registry, "newsflow_in_flight_records",
                                    "Records consumed but not yet acknowledged downstream.")
                            .Add({})),
      in_flight_bytes(
          GaugeFamily(*registry, "newsflow_in_flight_bytes",
                      "Key and value bytes of the records counted in newsflow_in_flight_records.")
              .Add({})),
      paused_partitions(GaugeFamily(*registry, "newsflow_paused_partitions",
                                    "Assigned partitions currently paused for back-pressure.")
                            .Add({})),
      assigned_partitions(GaugeFamily(*registry, "newsflow_assigned_partitions",
                                      "Partitions currently assigned to this instance.")
                              .Add({})),
      ready(GaugeFamily(*registry, "newsflow_ready",
                        "1 when the instance is ready (/readyz returns 200), else 0.")
                .Add({})),
      workers(GaugeFamily(*registry, "newsflow_workers", "Pipeline worker threads.").Add({})),
      registry_(std::move(registry)),
      dead_lettered_family_(CounterFamily(*registry_, "newsflow_records_dead_lettered_total",
                                          "Records sent to the dead-letter topic, by reason.")),
      errors_family_(CounterFamily(*registry_, "newsflow_errors_total",
                                   "Errors by kind (consume, produce, commit, kafka, stage).")),
      stage_family_(HistogramFamily(*registry_, "newsflow_stage_duration_seconds",
                                    "Seconds spent in one pipeline stage per record, by stage; "
                                    "stages not configured at start-up share stage=\"other\".")),
      lag_family_(GaugeFamily(*registry_, "newsflow_consumer_lag_records",
                              "Records between the committed offset and the high watermark, per "
                              "assigned partition (from librdkafka statistics).")),
      committed_family_(GaugeFamily(*registry_, "newsflow_committed_offset",
                                    "Last committed offset per assigned partition.")) {
  for (Reason reason : kAllReasons) {
    dead_lettered_[reason] =
        &dead_lettered_family_.Add({{"reason", std::string(ReasonName(reason))}});
  }
  for (int i = 0; i < kErrorKindCount; ++i) {
    errors_[static_cast<std::size_t>(i)] =
        &errors_family_.Add({{"kind", ErrorKindName(static_cast<ErrorKind>(i))}});
  }
  for (const std::string& name : stage_names) {
    stages_[name] = &stage_family_.Add({{"stage", name}}, StageBuckets());
  }
  other_stage_ = &stage_family_.Add({{"stage", "other"}}, StageBuckets());

  GaugeFamily(*registry_, "newsflow_build_info",
              "Always 1; the labels carry the version and git commit of this binary.")
      .Add({{"version", kVersion}, {"commit", kGitCommit}})
      .Set(1);
}

prometheus::Counter& Metrics::DeadLettered(Reason reason) {
  auto it = dead_lettered_.find(reason);
  // A dead letter without a known reason is a stage bug: count it as one.
  if (it == dead_lettered_.end()) it = dead_lettered_.find(Reason::kStageError);
  return *it->second;
}

prometheus::Counter& Metrics::Errors(ErrorKind kind) {
  const auto index = static_cast<std::size_t>(kind);
  if (index >= errors_.size()) return *errors_[static_cast<std::size_t>(ErrorKind::kStage)];
  return *errors_[index];
}

prometheus::Histogram& Metrics::StageSeconds(const std::string& stage) {
  auto it = stages_.find(stage);
  return it == stages_.end() ? *other_stage_ : *it->second;
}

void Metrics::SetPartitionLag(const std::string& topic, int32_t partition, int64_t lag) {
  std::lock_guard<std::mutex> lock(partitions_mu_);
  auto& series = partitions_[{topic, partition}];
  if (series.first == nullptr) series.first = &lag_family_.Add(PartitionLabels(topic, partition));
  series.first->Set(static_cast<double>(lag));
}

void Metrics::SetCommittedOffset(const std::string& topic, int32_t partition, int64_t offset) {
  std::lock_guard<std::mutex> lock(partitions_mu_);
  auto& series = partitions_[{topic, partition}];
  if (series.second == nullptr) {
    series.second = &committed_family_.Add(PartitionLabels(topic, partition));
  }
  series.second->Set(static_cast<double>(offset));
}

void Metrics::RemovePartition(const std::string& topic, int32_t partition) {
  std::lock_guard<std::mutex> lock(partitions_mu_);
  auto it = partitions_.find({topic, partition});
  if (it == partitions_.end()) return;
  if (it->second.first != nullptr) lag_family_.Remove(it->second.first);
  if (it->second.second != nullptr) committed_family_.Remove(it->second.second);
  partitions_.erase(it);
}

}  // namespace newsflow
