// Turns sink delivery reports into finished work.
//
// Success: counts the record (produced, or dead-lettered by reason) and hands
// the item to WorkCompletion, which releases its offset.
// Permanent failure of an enriched record: the record is dead-lettered with
// reason produce_failed (through a helper thread, since a sink's delivery
// thread must not block on its own queue).
// Permanent failure of a dead-letter record: if the broker rejected it as too
// large, it is sent once more with its value truncated (header
// newsflow.error.value_truncated_from); otherwise nothing else can take it,
// so the offset is never released and Shutdown is requested with
// kExitDeliveryFatal: the record is consumed again after a restart.
//
// Thread-safety: OnDelivery may be called from any thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "newsflow/metrics.h"
#include "newsflow/record_sink.h"
#include "newsflow/shutdown.h"
#include "pipeline/work_item.h"

namespace newsflow {

class DeliveryRouter : public DeliveryListener {
 public:
  DeliveryRouter(WorkCompletion& completion, Metrics& metrics, Shutdown& shutdown);
  ~DeliveryRouter() override;

  // Must be called once before the first delivery; starts the resend thread.
  void Start(RecordSink* sink);
  // Stops the resend thread after it sent what is queued.
  void Stop();

  void OnDelivery(void* cookie, const OutboundMessage& message, DeliveryStatus status,
                  std::string_view error) override;

  // Largest dead-letter value sent after a size rejection.
  static constexpr size_t kTruncatedValueBytes = 512 * 1024;

 private:
  void ResendLoop();

  WorkCompletion& completion_;
  Metrics& metrics_;
  Shutdown& shutdown_;
  RecordSink* sink_ = nullptr;
  std::thread thread_;

  std::mutex mu_;
  std::condition_variable cv_;
  // Guarded by mu_: dead letters waiting to be sent by the resend thread.
  std::deque<std::pair<OutboundMessage, WorkItem*>> resend_;
  bool stopping_ = false;
  // Items that can never be finished (aborted, or undeliverable): kept, never
  // completed, so their offsets are not committed; freed with the router.
  std::vector<std::unique_ptr<WorkItem>> unfinished_;
};

}  // namespace newsflow
