#include "observability/readiness.h"

#include <string>

namespace newsflow {

std::string_view GroupStateName(GroupState state) {
  switch (state) {
    case GroupState::kStarting:
      return "starting";
    case GroupState::kWaitingForAssignment:
      return "waiting_for_assignment";
    case GroupState::kAssigned:
      return "assigned";
    case GroupState::kStopping:
      return "stopping";
  }
  return "unknown";
}

Readiness::Readiness(Clock::duration stall_timeout) : stall_timeout_(stall_timeout) {}

void Readiness::SetGroupState(GroupState state) {
  std::lock_guard<std::mutex> lock(mu_);
  group_state_ = state;
}

void Readiness::SetProducerConnected(bool connected) {
  std::lock_guard<std::mutex> lock(mu_);
  producer_connected_ = connected;
}

void Readiness::OnPartitionProgress(const std::string& topic, int32_t partition,
                                    int64_t committed_offset, int64_t lag, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = partitions_.try_emplace({topic, partition});
  PartitionProgress& progress = it->second;
  // A partition that was caught up (lag <= 0) until this report only starts
  // its no-progress period now.
  if (inserted || progress.committed_offset != committed_offset || lag <= 0 || progress.lag <= 0) {
    progress.since = now;
  }
  progress.committed_offset = committed_offset;
  progress.lag = lag;
}

void Readiness::RemovePartition(const std::string& topic, int32_t partition) {
  std::lock_guard<std::mutex> lock(mu_);
  partitions_.erase({topic, partition});
}

bool Readiness::Ready(Clock::time_point now, std::string* reason) const {
  std::string why;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (group_state_ != GroupState::kWaitingForAssignment &&
        group_state_ != GroupState::kAssigned) {
      why = "consumer group state is ";
      why += GroupStateName(group_state_);
    } else if (!producer_connected_) {
      why = "producer is not connected to any broker";
    } else {
      int stalled = 0;
      for (const auto& [key, progress] : partitions_) {
        if (progress.lag <= 0 || now - progress.since <= stall_timeout_) continue;
        if (++stalled > 1) continue;  // name the first; count the others
        const auto idle = std::chrono::duration_cast<std::chrono::seconds>(now - progress.since);
        why = key.first + "[" + std::to_string(key.second) + "] has lag " +
              std::to_string(progress.lag) + " and no progress for " +
              std::to_string(idle.count()) + "s";
      }
      if (stalled > 1) {
        why += " (and " + std::to_string(stalled - 1) + " more stalled partitions)";
      }
    }
  }
  const bool ready = why.empty();
  if (reason != nullptr) *reason = std::move(why);
  return ready;
}

}  // namespace newsflow
