// A sink that acknowledges every message at once, on the caller's thread.
//
// Used by `newsflow process`, whose WorkCompletion writes the acknowledged
// messages to files in input order, and by tests. Thread-safe as long as the
// listener is.
#pragma once

#include "newsflow/record_sink.h"

namespace newsflow {

class ImmediateSink : public RecordSink {
 public:
  explicit ImmediateSink(DeliveryListener& listener) : listener_(listener) {}
  void Send(OutboundMessage message, void* cookie) override {
    listener_.OnDelivery(cookie, message, DeliveryStatus::kDelivered, {});
  }
  int Flush(int /*timeout_ms*/) override { return 0; }

 private:
  DeliveryListener& listener_;
};

}  // namespace newsflow
