#include "consumer/kafka_source.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <thread>

#include "util/clock.h"
#include "util/kafka_conf.h"

namespace newsflow {
namespace {

using Clock = std::chrono::steady_clock;

// Frees the TopicPartition objects of a list built here.
struct PartitionList {
  std::vector<RdKafka::TopicPartition*> items;
  ~PartitionList() { RdKafka::TopicPartition::destroy(items); }
};

}  // namespace

bool ParseOffsetResetLog(const std::string& line, std::string* topic, int32_t* partition,
                         int64_t* at_offset) {
  // "<topic> [<partition>]: offset reset (at offset <n> ..."
  const auto marker = line.find("]: offset reset");
  if (marker == std::string::npos) return false;
  const auto open = line.rfind(" [", marker);
  if (open == std::string::npos) return false;
  *topic = line.substr(0, open);
  const auto space = topic->rfind(' ');  // drop a "[thrd:...]: " style prefix if present
  if (space != std::string::npos) *topic = topic->substr(space + 1);
  char* end = nullptr;
  *partition = static_cast<int32_t>(std::strtol(line.c_str() + open + 2, &end, 10));
  if (end != line.c_str() + marker) return false;
  *at_offset = -1;
  const std::string at = "(at offset ";
  const auto at_pos = line.find(at, marker);
  if (at_pos != std::string::npos) {
    const char* start = line.c_str() + at_pos + at.size();
    const long long value = std::strtoll(start, &end, 10);
    if (end != start) *at_offset = value;
  }
  return true;
}

KafkaSource::KafkaSource(const Config& config, Metrics& metrics, Readiness* readiness,
                         Shutdown& shutdown)
    : config_(config),
      metrics_(metrics),
      readiness_(readiness),
      shutdown_(shutdown),
      limiter_(config.pipeline.max_in_flight_records, config.pipeline.max_in_flight_bytes) {}

std::unique_ptr<KafkaSource> KafkaSource::Create(const Config& config, Metrics& metrics,
                                                 Readiness* readiness, Shutdown& shutdown,
                                                 std::string* error) {
  std::unique_ptr<KafkaSource> source(new KafkaSource(config, metrics, readiness, shutdown));
  const KafkaProperties managed = {
      {"bootstrap.servers", config.kafka.brokers},
      {"group.id", config.kafka.group_id},
      {"client.id", "newsflow-consumer"},
      {"enable.auto.offset.store", "false"},
      {"enable.auto.commit", "true"},
      {"auto.commit.interval.ms", std::to_string(config.kafka.commit_interval_ms)},
      {"auto.offset.reset", "earliest"},
      {"partition.assignment.strategy", "cooperative-sticky"},
      {"enable.partition.eof", "false"},
      {"statistics.interval.ms", std::to_string(config.kafka.statistics_interval_ms)},
  };
  auto conf = BuildKafkaConf(
      managed, MergeProperties(config.kafka.properties, config.kafka.consumer_properties), error);
  if (!conf) return nullptr;
  std::string message;
  if (conf->set("rebalance_cb", static_cast<RdKafka::RebalanceCb*>(source.get()), message) !=
          RdKafka::Conf::CONF_OK ||
      conf->set("event_cb", static_cast<RdKafka::EventCb*>(source.get()), message) !=
          RdKafka::Conf::CONF_OK ||
      conf->set("offset_commit_cb", static_cast<RdKafka::OffsetCommitCb*>(source.get()), message) !=
          RdKafka::Conf::CONF_OK) {
    *error = "consumer callbacks: " + message;
    return nullptr;
  }
  source->consumer_.reset(RdKafka::KafkaConsumer::create(conf.get(), message));
  if (!source->consumer_) {
    *error = "creating the Kafka consumer failed: " + message;
    return nullptr;
  }
  return source;
}

KafkaSource::~KafkaSource() {
  if (consumer_) consumer_->close();
}

bool KafkaSource::Run(WorkerPool& pool) {
  pool_ = &pool;
  const RdKafka::ErrorCode err = consumer_->subscribe(config_.kafka.input_topics);
  if (err != RdKafka::ERR_NO_ERROR) {
    spdlog::error("subscribing to the input topics failed: {}", RdKafka::err2str(err));
    return false;
  }
  cooperative_ = consumer_->rebalance_protocol() != "EAGER";
  if (readiness_) readiness_->SetGroupState(GroupState::kWaitingForAssignment);
  spdlog::info("consumer joined group '{}'; waiting for partitions", config_.kafka.group_id);

  auto last_store = Clock::now();
  while (!shutdown_.StopRequested()) {
    std::unique_ptr<RdKafka::Message> message(consumer_->consume(100));
    switch (message->err()) {
      case RdKafka::ERR_NO_ERROR:
        Dispatch(*message);
        break;
      case RdKafka::ERR__TIMED_OUT:
      case RdKafka::ERR__PARTITION_EOF:
        break;
      case RdKafka::ERR__AUTO_OFFSET_RESET:
        metrics_.offset_resets.Increment();
        spdlog::error("DATA LOSS: offset reset on {} [{}]: {}", message->topic_name(),
                      message->partition(), message->errstr());
        break;
      default:
        metrics_.Errors(ErrorKind::kConsume).Increment();
        spdlog::warn("consumer error: {}", message->errstr());
        break;
    }
    ApplyBackpressure();
    const auto now = Clock::now();
    if (now - last_store >= std::chrono::milliseconds(50)) {
      StoreOffsets({}, false);
      last_store = now;
      metrics_.in_flight_records.Set(static_cast<double>(limiter_.records()));
      metrics_.in_flight_bytes.Set(static_cast<double>(limiter_.bytes()));
    }
  }
  Drain();
  return true;
}

uint64_t KafkaSource::ShardOf(const RdKafka::Message& message) const {
  if (config_.pipeline.ordering == Ordering::kKey && message.key_len() > 0) {
    return std::hash<std::string_view>{}(
        std::string_view(static_cast<const char*>(message.key_pointer()), message.key_len()));
  }
  return std::hash<std::string>{}(message.topic_name()) ^
         (static_cast<uint64_t>(message.partition()) * 0x9E3779B97F4A7C15ULL);
}

void KafkaSource::Dispatch(RdKafka::Message& message) {
  PartitionKey key(message.topic_name(), message.partition());
  auto it = partitions_.find(key);
  if (it == partitions_.end()) {
    spdlog::debug("ignoring a record of unassigned partition {} [{}]", key.first, key.second);
    return;
  }
  CheckSkippedRecords(key, message.offset());
  if (!it->second->Add(message.offset())) {
    spdlog::warn("ignoring out-of-order record {} [{}] @ {}", key.first, key.second,
                 message.offset());
    return;
  }
  auto item = std::make_unique<WorkItem>();
  RawRecord& raw = item->article.raw;
  if (message.key_pointer() != nullptr) {
    raw.key.emplace(static_cast<const char*>(message.key_pointer()), message.key_len());
  }
  raw.value.assign(static_cast<const char*>(message.payload()), message.len());
  if (RdKafka::Headers* headers = message.headers()) {
    for (const auto& header : headers->get_all()) {
      raw.headers.emplace_back(
          header.key(), header.value() ? std::string(static_cast<const char*>(header.value()),
                                                     header.value_size())
                                       : std::string());
    }
  }
  raw.provenance.topic = key.first;
  raw.provenance.partition = key.second;
  raw.provenance.offset = message.offset();
  const RdKafka::MessageTimestamp ts = message.timestamp();
  raw.provenance.timestamp_ms =
      ts.type == RdKafka::MessageTimestamp::MSG_TIMESTAMP_NOT_AVAILABLE ? -1 : ts.timestamp;
  item->article.consumed_at_ns = SteadyNowNs();
  item->watermark = it->second;
  item->charged_bytes = static_cast<int64_t>(message.len() + message.key_len());
  limiter_.Acquire(item->charged_bytes);
  metrics_.consumed.Increment();
  metrics_.consumed_bytes.Increment(static_cast<double>(message.len()));
  pool_->Submit(std::move(item), ShardOf(message));
}

void KafkaSource::OnWorkDone(std::unique_ptr<WorkItem> item, WorkOutcome outcome,
                             const OutboundMessage* /*delivered*/) {
  if (item->watermark) item->watermark->Complete(item->article.raw.provenance.offset);
  limiter_.Release(item->charged_bytes);
  switch (outcome) {
    case WorkOutcome::kPublished:
    case WorkOutcome::kDeadLettered: {
      const double seconds =
          static_cast<double>(SteadyNowNs() - item->article.consumed_at_ns) / 1e9;
      metrics_.consume_to_ack_seconds.Observe(seconds);
      if (outcome == WorkOutcome::kPublished && item->article.published_at_ms) {
        const int64_t age_ms = UnixNowMs() - *item->article.published_at_ms;
        if (age_ms >= 0) metrics_.freshness_seconds.Observe(static_cast<double>(age_ms) / 1e3);
      }
      break;
    }
    case WorkOutcome::kDropped:
      metrics_.dropped.Increment();
      break;
    case WorkOutcome::kAbandoned:
      break;
  }
}

void KafkaSource::ApplyBackpressure() {
  if (!paused_ && limiter_.ShouldPause()) {
    PauseAll();
  } else if (paused_ && !draining_ && limiter_.ShouldResume()) {
    ResumeAll();
  }
}

void KafkaSource::PauseAll() {
  PartitionList list;
  for (const auto& [key, wm] : partitions_)
    list.items.push_back(RdKafka::TopicPartition::create(key.first, key.second));
  if (!list.items.empty()) consumer_->pause(list.items);
  paused_ = true;
  metrics_.paused_partitions.Set(static_cast<double>(list.items.size()));
  spdlog::debug("paused {} partitions: {} records / {} bytes in flight", list.items.size(),
                limiter_.records(), limiter_.bytes());
}

void KafkaSource::ResumeAll() {
  PartitionList list;
  for (const auto& [key, wm] : partitions_)
    list.items.push_back(RdKafka::TopicPartition::create(key.first, key.second));
  if (!list.items.empty()) consumer_->resume(list.items);
  paused_ = false;
  metrics_.paused_partitions.Set(0);
  spdlog::debug("resumed {} partitions", list.items.size());
}

void KafkaSource::StoreOffsets(const std::vector<PartitionKey>& keys, bool sync) {
  PartitionList to_store;
  PartitionList to_commit;
  auto consider = [&](const PartitionKey& key, const OffsetWatermark& wm) {
    const int64_t committable = wm.Committable();
    if (committable < 0) return;
    auto stored = stored_.find(key);
    if (stored == stored_.end() || stored->second != committable) {
      to_store.items.push_back(RdKafka::TopicPartition::create(key.first, key.second, committable));
    }
    if (sync) {
      to_commit.items.push_back(
          RdKafka::TopicPartition::create(key.first, key.second, committable));
    }
  };
  if (keys.empty()) {
    for (const auto& [key, wm] : partitions_) consider(key, *wm);
  } else {
    for (const auto& key : keys) {
      auto it = partitions_.find(key);
      if (it != partitions_.end()) consider(key, *it->second);
    }
  }
  if (!to_store.items.empty()) {
    const RdKafka::ErrorCode err = consumer_->offsets_store(to_store.items);
    if (err != RdKafka::ERR_NO_ERROR) {
      spdlog::debug("storing offsets: {}", RdKafka::err2str(err));
    }
    for (const auto* tp : to_store.items) {
      if (tp->err() == RdKafka::ERR_NO_ERROR)
        stored_[{tp->topic(), tp->partition()}] = tp->offset();
    }
  }
  if (sync && !to_commit.items.empty()) {
    const RdKafka::ErrorCode err = consumer_->commitSync(to_commit.items);
    if (err != RdKafka::ERR_NO_ERROR && err != RdKafka::ERR__NO_OFFSET) {
      metrics_.Errors(ErrorKind::kCommit).Increment();
      spdlog::warn("synchronous commit failed: {}", RdKafka::err2str(err));
    }
  }
}

void KafkaSource::Assign(std::vector<RdKafka::TopicPartition*>& partitions) {
  metrics_.rebalance_assigned.Increment();
  std::string names;
  for (auto* tp : partitions) {
    PartitionKey key(tp->topic(), tp->partition());
    partitions_[key] = std::make_shared<OffsetWatermark>(key.first, key.second);
    stored_.erase(key);
    names += " " + key.first + "[" + std::to_string(key.second) + "]";
  }
  RdKafka::Error* error = nullptr;
  if (cooperative_) {
    error = consumer_->incremental_assign(partitions);
  } else {
    const RdKafka::ErrorCode err = consumer_->assign(partitions);
    if (err != RdKafka::ERR_NO_ERROR) spdlog::error("assign failed: {}", RdKafka::err2str(err));
  }
  if (error) {
    spdlog::error("incremental assign failed: {}", error->str());
    delete error;
  }
  if (paused_ && !partitions.empty()) consumer_->pause(partitions);
  if (paused_) metrics_.paused_partitions.Set(static_cast<double>(partitions_.size()));
  metrics_.assigned_partitions.Set(static_cast<double>(partitions_.size()));
  if (readiness_) {
    readiness_->SetGroupState(partitions_.empty() ? GroupState::kWaitingForAssignment
                                                  : GroupState::kAssigned);
  }
  spdlog::info("assigned{} ({} partitions now)", names, partitions_.size());
}

void KafkaSource::Revoke(std::vector<RdKafka::TopicPartition*>& partitions, bool lost) {
  (lost ? metrics_.rebalance_lost : metrics_.rebalance_revoked).Increment();
  std::vector<PartitionKey> keys;
  std::vector<std::shared_ptr<OffsetWatermark>> watermarks;
  for (auto* tp : partitions) {
    PartitionKey key(tp->topic(), tp->partition());
    auto it = partitions_.find(key);
    if (it == partitions_.end()) continue;
    keys.push_back(key);
    watermarks.push_back(it->second);
  }
  if (!lost && !draining_) {
    // Let in-flight records of these partitions finish, so their offsets can
    // be committed before the next owner starts from them.
    const auto deadline =
        Clock::now() + std::chrono::milliseconds(config_.shutdown.revoke_timeout_ms);
    auto pending = [&] {
      int64_t total = 0;
      for (const auto& wm : watermarks) total += wm->Pending();
      return total;
    };
    while (pending() > 0 && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (const int64_t left = pending(); left > 0) {
      spdlog::warn(
          "revoke: {} records still in flight after {} ms; the next owner reprocesses them", left,
          config_.shutdown.revoke_timeout_ms);
    }
  }
  for (const auto& wm : watermarks) wm->MarkRevoked();
  if (!lost) StoreOffsets(keys, true);

  if (cooperative_) {
    if (RdKafka::Error* error = consumer_->incremental_unassign(partitions)) {
      spdlog::error("incremental unassign failed: {}", error->str());
      delete error;
    }
  } else {
    consumer_->unassign();
  }
  std::string names;
  for (const auto& key : keys) {
    partitions_.erase(key);
    stored_.erase(key);
    metrics_.RemovePartition(key.first, key.second);
    if (readiness_) readiness_->RemovePartition(key.first, key.second);
    names += " " + key.first + "[" + std::to_string(key.second) + "]";
  }
  metrics_.assigned_partitions.Set(static_cast<double>(partitions_.size()));
  if (paused_) metrics_.paused_partitions.Set(static_cast<double>(partitions_.size()));
  if (readiness_ && !draining_) {
    readiness_->SetGroupState(partitions_.empty() ? GroupState::kWaitingForAssignment
                                                  : GroupState::kAssigned);
  }
  spdlog::info("{}{} ({} partitions left)", lost ? "lost" : "revoked", names, partitions_.size());
}

void KafkaSource::rebalance_cb(RdKafka::KafkaConsumer* consumer, RdKafka::ErrorCode err,
                               std::vector<RdKafka::TopicPartition*>& partitions) {
  if (err == RdKafka::ERR__ASSIGN_PARTITIONS) {
    Assign(partitions);
  } else if (err == RdKafka::ERR__REVOKE_PARTITIONS) {
    Revoke(partitions, consumer->assignment_lost());
  } else {
    metrics_.Errors(ErrorKind::kConsume).Increment();
    spdlog::error("rebalance error: {}", RdKafka::err2str(err));
    Revoke(partitions, true);
  }
}

void KafkaSource::Drain() {
  draining_ = true;
  if (readiness_) readiness_->SetGroupState(GroupState::kStopping);
  PauseAll();
  spdlog::info("draining: {} records in flight, up to {} ms", limiter_.records(),
               config_.shutdown.drain_timeout_ms);
  const auto deadline = Clock::now() + std::chrono::milliseconds(config_.shutdown.drain_timeout_ms);
  while (limiter_.records() > 0 && Clock::now() < deadline) {
    // Keep serving the group protocol; records fetched now are not dispatched
    // and, being uncommitted, are consumed again after a restart.
    std::unique_ptr<RdKafka::Message> message(consumer_->consume(20));
    StoreOffsets({}, false);
  }
  if (limiter_.records() > 0) {
    spdlog::warn("drain timeout: {} records unfinished; they will be consumed again",
                 limiter_.records());
    for (const auto& [key, wm] : partitions_) wm->MarkRevoked();
  }
  StoreOffsets({}, true);
  metrics_.in_flight_records.Set(static_cast<double>(limiter_.records()));
  metrics_.in_flight_bytes.Set(static_cast<double>(limiter_.bytes()));
  const RdKafka::ErrorCode err = consumer_->close();
  if (err != RdKafka::ERR_NO_ERROR) spdlog::warn("consumer close: {}", RdKafka::err2str(err));
  consumer_.reset();
  spdlog::info("consumer closed and left the group");
}

void KafkaSource::CheckSkippedRecords(const PartitionKey& key, int64_t offset) {
  if (!has_pending_resets_.load(std::memory_order_acquire)) return;  // the per-record fast path
  std::lock_guard lock(resets_mu_);
  auto it = pending_resets_.find(key);
  if (it == pending_resets_.end()) return;
  if (it->second >= 0 && offset > it->second) {
    const int64_t skipped = offset - it->second;
    metrics_.offset_reset_skipped.Increment(static_cast<double>(skipped));
    spdlog::error(
        "DATA LOSS: {} [{}]: {} records ({}..{}) were no longer on the broker and "
        "were skipped",
        key.first, key.second, skipped, it->second, offset - 1);
  }
  pending_resets_.erase(it);
  has_pending_resets_.store(!pending_resets_.empty(), std::memory_order_release);
}

void KafkaSource::NoteOffsetReset(const std::string& line) {
  metrics_.offset_resets.Increment();
  std::string topic;
  int32_t partition = -1;
  int64_t at = -1;
  if (ParseOffsetResetLog(line, &topic, &partition, &at)) {
    std::lock_guard lock(resets_mu_);
    pending_resets_[{topic, partition}] = at;
    has_pending_resets_.store(true, std::memory_order_release);
  }
  spdlog::error("offset reset: {}", line);
}

void KafkaSource::event_cb(RdKafka::Event& event) {
  switch (event.type()) {
    case RdKafka::Event::EVENT_STATS:
      OnStatistics(event.str());
      break;
    case RdKafka::Event::EVENT_ERROR:
      metrics_.Errors(ErrorKind::kKafka).Increment();
      if (event.fatal()) {
        spdlog::critical("fatal consumer error: {}", event.str());
        shutdown_.RequestStop(kExitRuntimeError, "fatal consumer error: " + event.str());
      } else {
        spdlog::warn("consumer: {} ({})", event.str(), RdKafka::err2str(event.err()));
      }
      break;
    case RdKafka::Event::EVENT_LOG:
      if (event.fac() == "OFFSET" && event.str().find("offset reset") != std::string::npos) {
        NoteOffsetReset(event.str());
      } else if (event.severity() <= RdKafka::Event::EVENT_SEVERITY_WARNING) {
        spdlog::warn("librdkafka consumer {}: {}", event.fac(), event.str());
      } else {
        spdlog::debug("librdkafka consumer {}: {}", event.fac(), event.str());
      }
      break;
    default:
      break;
  }
}

void KafkaSource::OnStatistics(const std::string& json) {
  std::vector<PartitionStats> stats;
  std::string error;
  if (!stats_parser_.ParseConsumerStats(json, &stats, &error)) {
    spdlog::warn("unreadable consumer statistics: {}", error);
  }
  const auto now = Clock::now();
  for (const auto& p : stats) {
    // Statistics list every known partition; only assigned ones get series
    // (stats arrive on the poll thread, which owns partitions_).
    if (partitions_.count({p.topic, p.partition}) == 0) continue;
    if (p.consumer_lag >= 0) metrics_.SetPartitionLag(p.topic, p.partition, p.consumer_lag);
    if (readiness_) {
      readiness_->OnPartitionProgress(p.topic, p.partition, p.committed_offset,
                                      std::max<int64_t>(p.consumer_lag, 0), now);
    }
  }
  if (readiness_) metrics_.ready.Set(readiness_->Ready(now, nullptr) ? 1 : 0);
}

void KafkaSource::offset_commit_cb(RdKafka::ErrorCode err,
                                   std::vector<RdKafka::TopicPartition*>& offsets) {
  if (err == RdKafka::ERR__NO_OFFSET) return;
  if (err != RdKafka::ERR_NO_ERROR) {
    metrics_.Errors(ErrorKind::kCommit).Increment();
    spdlog::warn("offset commit failed: {}", RdKafka::err2str(err));
    return;
  }
  metrics_.commits.Increment();
  for (const auto* tp : offsets) {
    // Only partitions still assigned: a revoked partition's series is gone.
    if (tp->err() == RdKafka::ERR_NO_ERROR && tp->offset() >= 0 &&
        partitions_.count({tp->topic(), tp->partition()}) != 0) {
      metrics_.SetCommittedOffset(tp->topic(), tp->partition(), tp->offset());
    }
  }
}

}  // namespace newsflow
