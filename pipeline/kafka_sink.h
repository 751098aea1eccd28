// The pipeline's last stage: publishes to Kafka with librdkafka's producer.
//
// Idempotent producer (enable.idempotence=true unless overridden), key =
// article id, configurable compression. A full local queue makes Send() wait,
// never drop. Retriable delivery failures (IsRetriableDeliveryError) are
// produced again by the sink's poll thread; permanent ones reach the listener
// as kFailed; messages purged at shutdown reach it as kAborted.
//
// Thread-safety: Send() and Flush() from any thread. Delivery reports and
// statistics arrive on the sink's own poll thread.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "newsflow/config.h"
#include "newsflow/metrics.h"
#include "newsflow/record_sink.h"
#include "newsflow/shutdown.h"

namespace newsflow {

class KafkaSink : public RecordSink, public RdKafka::DeliveryReportCb, public RdKafka::EventCb {
 public:
  using StatsHandler = std::function<void(const std::string& json)>;

  // Creates the producer. Returns nullptr and sets *error when librdkafka
  // rejects the configuration (the message names the property).
  static std::unique_ptr<KafkaSink> Create(const Config& config, DeliveryListener& listener,
                                           Metrics& metrics, Shutdown& shutdown,
                                           StatsHandler stats_handler, std::string* error);
  ~KafkaSink() override;

  // Starts the poll thread that serves delivery reports.
  void Start();
  void Send(OutboundMessage message, void* cookie) override;
  int Flush(int timeout_ms) override;
  // Purges what is still queued (reported as kAborted) and stops polling.
  void Close();

  // RdKafka callbacks (poll thread).
  void dr_cb(RdKafka::Message& message) override;
  void event_cb(RdKafka::Event& event) override;

 private:
  struct Pending;
  KafkaSink(const Config& config, DeliveryListener& listener, Metrics& metrics, Shutdown& shutdown,
            StatsHandler stats_handler);
  RdKafka::ErrorCode Produce(Pending* pending);
  void PollLoop();

  const std::string output_topic_;
  const std::string dead_letter_topic_;
  DeliveryListener& listener_;
  Metrics& metrics_;
  Shutdown& shutdown_;
  StatsHandler stats_handler_;
  std::unique_ptr<RdKafka::Producer> producer_;
  std::thread poll_thread_;
  std::atomic<bool> closing_{false};
  std::atomic<bool> stop_polling_{false};
  std::atomic<int64_t> outstanding_{0};

  std::mutex mu_;
  std::condition_variable space_cv_;  // signalled when a delivery frees queue space
  // Guarded by mu_: retriable failures waiting to be produced again.
  std::deque<Pending*> retry_;
};

}  // namespace newsflow
