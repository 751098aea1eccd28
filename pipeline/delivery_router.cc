#include "pipeline/delivery_router.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <string>

#include "pipeline/dead_letter.h"
#include "util/clock.h"

namespace newsflow {
namespace {

bool IsSizeRejection(std::string_view error) {
  return error.find("too large") != std::string_view::npos ||
         error.find("TOO_LARGE") != std::string_view::npos;
}

bool HasHeader(const OutboundMessage& m, std::string_view name) {
  for (const auto& [k, v] : m.headers)
    if (k == name) return true;
  return false;
}

constexpr std::string_view kTruncatedHeader = "newsflow.error.value_truncated_from";

}  // namespace

DeliveryRouter::DeliveryRouter(WorkCompletion& completion, Metrics& metrics, Shutdown& shutdown)
    : completion_(completion), metrics_(metrics), shutdown_(shutdown) {}

DeliveryRouter::~DeliveryRouter() { Stop(); }

void DeliveryRouter::Start(RecordSink* sink) {
  sink_ = sink;
  thread_ = std::thread([this] { ResendLoop(); });
}

void DeliveryRouter::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DeliveryRouter::OnDelivery(void* cookie, const OutboundMessage& message, DeliveryStatus status,
                                std::string_view error) {
  auto* item = static_cast<WorkItem*>(cookie);
  if (status == DeliveryStatus::kDelivered) {
    if (message.destination == Destination::kOutput) {
      metrics_.produced.Increment();
      completion_.OnWorkDone(std::unique_ptr<WorkItem>(item), WorkOutcome::kPublished, &message);
    } else {
      metrics_.DeadLettered(item->reason).Increment();
      completion_.OnWorkDone(std::unique_ptr<WorkItem>(item), WorkOutcome::kDeadLettered, &message);
    }
    return;
  }

  if (status == DeliveryStatus::kAborted) {
    std::lock_guard lock(mu_);
    unfinished_.emplace_back(item);
    return;
  }

  metrics_.Errors(ErrorKind::kProduce).Increment();
  const auto& provenance = item->article.raw.provenance;
  if (message.destination == Destination::kOutput) {
    spdlog::warn("enriched record {} from {}[{}]@{} failed permanently ({}); dead-lettering it",
                 item->article.id, provenance.topic, provenance.partition, provenance.offset,
                 error);
    item->reason = Reason::kProduceFailed;
    item->stage = "publish";
    OutboundMessage dead_letter = MakeDeadLetter(item->article.raw, Reason::kProduceFailed,
                                                 std::string(error), "publish", UnixNowMs());
    {
      std::lock_guard lock(mu_);
      resend_.emplace_back(std::move(dead_letter), item);
    }
    cv_.notify_one();
    return;
  }

  if (IsSizeRejection(error) && !HasHeader(message, kTruncatedHeader) &&
      message.value.size() > kTruncatedValueBytes) {
    spdlog::warn(
        "dead-letter record from {}[{}]@{} rejected as too large ({} bytes); resending "
        "it truncated to {} bytes",
        provenance.topic, provenance.partition, provenance.offset, message.value.size(),
        kTruncatedValueBytes);
    OutboundMessage truncated = message;
    truncated.value.resize(kTruncatedValueBytes);
    truncated.headers.emplace_back(std::string(kTruncatedHeader),
                                   std::to_string(message.value.size()));
    {
      std::lock_guard lock(mu_);
      resend_.emplace_back(std::move(truncated), item);
    }
    cv_.notify_one();
    return;
  }

  spdlog::critical(
      "dead-letter record from {}[{}]@{} could not be delivered ({}); stopping without "
      "committing it: it will be consumed again after a restart",
      provenance.topic, provenance.partition, provenance.offset, error);
  {
    // Unfinished on purpose: its offset must never be committed.
    std::lock_guard lock(mu_);
    unfinished_.emplace_back(item);
  }
  shutdown_.RequestStop(kExitDeliveryFatal, "dead-letter delivery failed: " + std::string(error));
}

void DeliveryRouter::ResendLoop() {
  for (;;) {
    std::pair<OutboundMessage, WorkItem*> next;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !resend_.empty(); });
      if (resend_.empty()) return;
      next = std::move(resend_.front());
      resend_.pop_front();
    }
    sink_->Send(std::move(next.first), next.second);
  }
}

}  // namespace newsflow
