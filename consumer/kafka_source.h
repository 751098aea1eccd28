// Kafka input: a consumer-group member that feeds the worker pool and commits
// only what is finished.
//
// Offsets: enable.auto.offset.store=false. Every dispatched record is
// registered in its partition's OffsetWatermark; the poll loop stores the
// watermark's committable offset (librdkafka commits stored offsets every
// kafka.commit_interval_ms) so a commit never passes a record whose enriched
// or dead-letter record has not been acknowledged.
// Rebalances: cooperative-sticky by default. On revoke, in-flight records of
// the revoked partitions get shutdown.revoke_timeout_ms to finish; what is
// finished is committed synchronously, the rest is abandoned (skipped by
// workers) and reprocessed by the next owner. Lost partitions are abandoned
// without a commit.
// Backpressure: when InFlightLimiter says so, every assigned partition is
// paused; the loop keeps polling (rebalances, max.poll.interval.ms) and
// resumes once the pipeline drained below the low-water mark.
// Shutdown: Run() returns after it stopped fetching, waited up to
// shutdown.drain_timeout_ms for in-flight records and committed.
//
// Thread-safety: Run() and the rebalance/commit callbacks run on the caller's
// thread; OnWorkDone() is called from workers and the producer's thread.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "consumer/in_flight_limiter.h"
#include "consumer/offset_watermark.h"
#include "newsflow/config.h"
#include "newsflow/metrics.h"
#include "newsflow/shutdown.h"
#include "observability/kafka_stats.h"
#include "observability/readiness.h"
#include "pipeline/work_item.h"
#include "pipeline/worker_pool.h"

namespace newsflow {

class KafkaSource : public WorkCompletion,
                    public RdKafka::RebalanceCb,
                    public RdKafka::EventCb,
                    public RdKafka::OffsetCommitCb {
 public:
  // Creates the consumer (not yet subscribed). nullptr and *error when
  // librdkafka rejects the configuration.
  static std::unique_ptr<KafkaSource> Create(const Config& config, Metrics& metrics,
                                             Readiness* readiness, Shutdown& shutdown,
                                             std::string* error);
  ~KafkaSource() override;

  // Subscribes, then polls and dispatches into `pool` until shutdown is
  // requested; drains, commits and closes the consumer (leaving the group).
  // Returns false if the subscription failed.
  bool Run(WorkerPool& pool);

  // WorkCompletion: releases the record's offset and in-flight budget.
  void OnWorkDone(std::unique_ptr<WorkItem> item, WorkOutcome outcome,
                  const OutboundMessage* delivered) override;

  // librdkafka callbacks.
  void rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                    std::vector<RdKafka::TopicPartition*>& partitions) override;
  void event_cb(RdKafka::Event& event) override;
  void offset_commit_cb(RdKafka::ErrorCode err,
                        std::vector<RdKafka::TopicPartition*>& offsets) override;

  int64_t InFlightRecords() const { return limiter_.records(); }

 private:
  using PartitionKey = std::pair<std::string, int32_t>;

  KafkaSource(const Config& config, Metrics& metrics, Readiness* readiness, Shutdown& shutdown);
  // Lag and committed offsets of assigned partitions, from librdkafka stats.
  void OnStatistics(const std::string& json);
  void Dispatch(RdKafka::Message& message);
  void ApplyBackpressure();
  void PauseAll();
  void ResumeAll();
  // Stores committable offsets of `keys` (all when empty). With `sync`, also
  // commits them now and waits for the broker.
  void StoreOffsets(const std::vector<PartitionKey>& keys, bool sync);
  void Assign(std::vector<RdKafka::TopicPartition*>& partitions);
  void Revoke(std::vector<RdKafka::TopicPartition*>& partitions, bool lost);
  void Drain();
  void NoteOffsetReset(const std::string& log_line);
  void CheckSkippedRecords(const PartitionKey& key, int64_t offset);
  uint64_t ShardOf(const RdKafka::Message& message) const;

  const Config& config_;
  Metrics& metrics_;
  Readiness* readiness_;
  Shutdown& shutdown_;
  KafkaStatsParser stats_parser_;
  InFlightLimiter limiter_;
  std::unique_ptr<RdKafka::KafkaConsumer> consumer_;
  WorkerPool* pool_ = nullptr;
  bool cooperative_ = true;
  bool paused_ = false;
  bool draining_ = false;

  // Owned by the poll thread (Run and the callbacks it triggers).
  std::map<PartitionKey, std::shared_ptr<OffsetWatermark>> partitions_;
  std::map<PartitionKey, int64_t> stored_;

  std::mutex resets_mu_;
  // Guarded by resets_mu_: partitions whose offset librdkafka reset, with the
  // offset it could not fetch (from its OFFSET log line; -1 when unknown).
  std::map<PartitionKey, int64_t> pending_resets_;
  // Mirrors !pending_resets_.empty() so the per-record check takes no lock.
  std::atomic<bool> has_pending_resets_{false};
};

// Extracts topic, partition and the lost offset from librdkafka's
// "<topic> [<partition>]: offset reset (at offset <n> ..." log line.
bool ParseOffsetResetLog(const std::string& line, std::string* topic, int32_t* partition,
                         int64_t* at_offset);

}  // namespace newsflow
