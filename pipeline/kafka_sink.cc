#include "pipeline/kafka_sink.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "pipeline/delivery_errors.h"
#include "util/kafka_conf.h"

namespace newsflow {

// A message owned by the sink from Send() until its delivery report.
struct KafkaSink::Pending {
  OutboundMessage message;
  void* cookie;
  int attempts = 0;
};

KafkaSink::KafkaSink(const Config& config, DeliveryListener& listener, Metrics& metrics,
                     Shutdown& shutdown, StatsHandler stats_handler)
    : output_topic_(config.kafka.output_topic),
      dead_letter_topic_(config.kafka.dead_letter_topic),
      listener_(listener),
      metrics_(metrics),
      shutdown_(shutdown),
      stats_handler_(std::move(stats_handler)) {}

std::unique_ptr<KafkaSink> KafkaSink::Create(const Config& config, DeliveryListener& listener,
                                             Metrics& metrics, Shutdown& shutdown,
                                             StatsHandler stats_handler, std::string* error) {
  std::unique_ptr<KafkaSink> sink(
      new KafkaSink(config, listener, metrics, shutdown, std::move(stats_handler)));
  const KafkaProperties managed = {
      {"bootstrap.servers", config.kafka.brokers},
      {"client.id", "newsflow-producer"},
      {"enable.idempotence", "true"},
      {"compression.type", config.kafka.compression},
      {"linger.ms", "5"},
      {"statistics.interval.ms", std::to_string(config.kafka.statistics_interval_ms)},
  };
  auto conf = BuildKafkaConf(
      managed, MergeProperties(config.kafka.properties, config.kafka.producer_properties), error);
  if (!conf) return nullptr;
  std::string message;
  if (conf->set("dr_cb", static_cast<RdKafka::DeliveryReportCb*>(sink.get()), message) !=
          RdKafka::Conf::CONF_OK ||
      conf->set("event_cb", static_cast<RdKafka::EventCb*>(sink.get()), message) !=
          RdKafka::Conf::CONF_OK) {
    *error = "producer callbacks: " + message;
    return nullptr;
  }
  sink->producer_.reset(RdKafka::Producer::create(conf.get(), message));
  if (!sink->producer_) {
    *error = "creating the Kafka producer failed: " + message;
    return nullptr;
  }
  return sink;
}

KafkaSink::~KafkaSink() { Close(); }

void KafkaSink::Start() {
  poll_thread_ = std::thread([this] { PollLoop(); });
}

RdKafka::ErrorCode KafkaSink::Produce(Pending* pending) {
  const OutboundMessage& m = pending->message;
  RdKafka::Headers* headers = RdKafka::Headers::create();
  for (const auto& [name, value] : m.headers) headers->add(name, value.data(), value.size());
  const std::string& topic =
      m.destination == Destination::kOutput ? output_topic_ : dead_letter_topic_;
  // Flag 0: librdkafka neither copies nor frees the payload; it lives in
  // `pending` until the delivery report.
  const RdKafka::ErrorCode err = producer_->produce(
      topic, RdKafka::Topic::PARTITION_UA, 0, const_cast<char*>(m.value.data()), m.value.size(),
      m.key ? m.key->data() : nullptr, m.key ? m.key->size() : 0, m.timestamp_ms, headers, pending);
  if (err != RdKafka::ERR_NO_ERROR) delete headers;  // ownership passes only on success
  return err;
}

void KafkaSink::Send(OutboundMessage message, void* cookie) {
  auto* pending = new Pending{std::move(message), cookie};
  outstanding_.fetch_add(1);
  for (;;) {
    if (closing_.load()) {
      outstanding_.fetch_sub(1);
      listener_.OnDelivery(cookie, pending->message, DeliveryStatus::kAborted, "sink closed");
      delete pending;
      return;
    }
    const RdKafka::ErrorCode err = Produce(pending);
    if (err == RdKafka::ERR_NO_ERROR) return;
    if (err == RdKafka::ERR__QUEUE_FULL) {
      // Never drop: wait for delivery reports to free queue space.
      std::unique_lock lock(mu_);
      space_cv_.wait_for(lock, std::chrono::milliseconds(50));
      continue;
    }
    metrics_.Errors(ErrorKind::kProduce).Increment();
    if (IsRetriableDeliveryError(err)) {
      spdlog::warn(
          "produce to {} failed ({}), retrying in 1s",
          pending->message.destination == Destination::kOutput ? output_topic_ : dead_letter_topic_,
          RdKafka::err2str(err));
      metrics_.produce_retries.Increment();
      std::unique_lock lock(mu_);
      space_cv_.wait_for(lock, std::chrono::seconds(1));
      continue;
    }
    outstanding_.fetch_sub(1);
    listener_.OnDelivery(cookie, pending->message, DeliveryStatus::kFailed, RdKafka::err2str(err));
    delete pending;
    return;
  }
}

void KafkaSink::dr_cb(RdKafka::Message& message) {
  auto* pending = static_cast<Pending*>(message.msg_opaque());
  space_cv_.notify_all();
  const RdKafka::ErrorCode err = message.err();
  if (err == RdKafka::ERR_NO_ERROR) {
    outstanding_.fetch_sub(1);
    listener_.OnDelivery(pending->cookie, pending->message, DeliveryStatus::kDelivered, {});
    delete pending;
    return;
  }
  if (err == RdKafka::ERR__PURGE_QUEUE || err == RdKafka::ERR__PURGE_INFLIGHT) {
    outstanding_.fetch_sub(1);
    listener_.OnDelivery(pending->cookie, pending->message, DeliveryStatus::kAborted,
                         RdKafka::err2str(err));
    delete pending;
    return;
  }
  metrics_.Errors(ErrorKind::kProduce).Increment();
  if (IsRetriableDeliveryError(err) && !closing_.load()) {
    ++pending->attempts;
    metrics_.produce_retries.Increment();
    spdlog::warn("delivery to {} failed ({}), attempt {}; producing again", message.topic_name(),
                 message.errstr(), pending->attempts);
    std::lock_guard lock(mu_);
    retry_.push_back(pending);
    return;
  }
  outstanding_.fetch_sub(1);
  const DeliveryStatus status = closing_.load() && IsRetriableDeliveryError(err)
                                    ? DeliveryStatus::kAborted
                                    : DeliveryStatus::kFailed;
  listener_.OnDelivery(pending->cookie, pending->message, status, message.errstr());
  delete pending;
}

void KafkaSink::event_cb(RdKafka::Event& event) {
  switch (event.type()) {
    case RdKafka::Event::EVENT_STATS:
      if (stats_handler_) stats_handler_(event.str());
      break;
    case RdKafka::Event::EVENT_ERROR:
      metrics_.Errors(ErrorKind::kKafka).Increment();
      if (event.fatal()) {
        spdlog::critical("fatal producer error: {} ({})", event.str(),
                         RdKafka::err2str(event.err()));
        shutdown_.RequestStop(kExitDeliveryFatal, "fatal producer error: " + event.str());
      } else {
        spdlog::warn("producer: {} ({})", event.str(), RdKafka::err2str(event.err()));
      }
      break;
    case RdKafka::Event::EVENT_LOG:
      if (event.severity() <= RdKafka::Event::EVENT_SEVERITY_WARNING)
        spdlog::warn("librdkafka producer {}: {}", event.fac(), event.str());
      else
        spdlog::debug("librdkafka producer {}: {}", event.fac(), event.str());
      break;
    default:
      break;
  }
}

void KafkaSink::PollLoop() {
  while (!stop_polling_.load()) {
    producer_->poll(100);
    std::deque<Pending*> retry;
    {
      std::lock_guard lock(mu_);
      retry.swap(retry_);
    }
    while (!retry.empty()) {
      Pending* pending = retry.front();
      const RdKafka::ErrorCode err = closing_.load() ? RdKafka::ERR__PURGE_QUEUE : Produce(pending);
      if (err == RdKafka::ERR_NO_ERROR) {
        retry.pop_front();
        continue;
      }
      if (err == RdKafka::ERR__QUEUE_FULL || (IsRetriableDeliveryError(err) && !closing_.load())) {
        break;  // try again after the next poll
      }
      retry.pop_front();
      outstanding_.fetch_sub(1);
      listener_.OnDelivery(pending->cookie, pending->message,
                           closing_.load() ? DeliveryStatus::kAborted : DeliveryStatus::kFailed,
                           RdKafka::err2str(err));
      delete pending;
    }
    if (!retry.empty()) {
      std::lock_guard lock(mu_);
      retry_.insert(retry_.begin(), retry.begin(), retry.end());
    }
  }
}

int KafkaSink::Flush(int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (outstanding_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    producer_->flush(100);
  }
  return static_cast<int>(outstanding_.load());
}

void KafkaSink::Close() {
  if (!producer_ || closing_.exchange(true)) return;
  producer_->purge(RdKafka::Producer::PURGE_QUEUE | RdKafka::Producer::PURGE_INFLIGHT);
  // Serve the purge reports on the poll thread, then stop it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (outstanding_.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    if (!poll_thread_.joinable())
      producer_->poll(50);
    else
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop_polling_.store(true);
  if (poll_thread_.joinable()) poll_thread_.join();
  producer_->poll(0);
  std::deque<Pending*> left;
  {
    std::lock_guard lock(mu_);
    left.swap(retry_);
  }
  for (Pending* pending : left) {
    outstanding_.fetch_sub(1);
    listener_.OnDelivery(pending->cookie, pending->message, DeliveryStatus::kAborted,
                         "sink closed");
    delete pending;
  }
  producer_.reset();
}

}  // namespace newsflow
