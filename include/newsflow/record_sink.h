// The seam between the pipeline and where records go.
//
// Implementations: the Kafka producer (pipeline/kafka_sink), JSON Lines files
// (pipeline/json_lines_sink) and fakes in tests. The pipeline never talks to
// librdkafka directly, so it can be driven without a broker.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "newsflow/article.h"

namespace newsflow {

enum class Destination {
  kOutput,      // the enriched-record topic / file
  kDeadLetter,  // the dead-letter topic / file
};

struct OutboundMessage {
  Destination destination = Destination::kOutput;
  std::optional<std::string> key;
  std::string value;
  std::vector<Header> headers;
  int64_t timestamp_ms = 0;  // 0: let the sink/broker choose
};

enum class DeliveryStatus {
  kDelivered,  // acknowledged by the broker (or durably written)
  kFailed,     // failed permanently; retriable errors never surface here
  kAborted,    // the sink was closed first: not delivered, not failed; the
               // record must stay unfinished so it is consumed again
};

// Receives the outcome of every Send(), exactly once per message.
class DeliveryListener {
 public:
  virtual ~DeliveryListener() = default;
  // Called from a sink-owned thread (or inline, for synchronous sinks).
  // `cookie` is the value given to Send(). `error` is empty on success.
  virtual void OnDelivery(void* cookie, const OutboundMessage& message, DeliveryStatus status,
                          std::string_view error) = 0;
};

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  // Thread-safe. Queues the message; blocks while the sink's local queue is
  // full (never drops). Retriable failures are retried inside the sink.
  // The listener hears about the message exactly once.
  virtual void Send(OutboundMessage message, void* cookie) = 0;
  // Waits up to timeout_ms for all queued messages to be delivered or failed.
  // Returns the number still outstanding.
  virtual int Flush(int timeout_ms) = 0;
};

}  // namespace newsflow
