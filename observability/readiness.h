// Readiness of the process for /readyz and the newsflow_ready gauge.
//
// The process is ready when it takes part in its consumer group, can publish
// and is making progress. Concretely, Ready() is true iff all of:
//   * the group state is kWaitingForAssignment or kAssigned (not while the
//     consumer is starting up or shutting down),
//   * the producer is connected (at least one broker up),
//   * no tracked partition is stalled: a partition is stalled when its lag
//     has stayed > 0 while its committed offset did not move for longer than
//     `stall_timeout`. The stall clock of a partition restarts whenever its
//     committed offset changes or its lag is observed <= 0 (caught up, or -1
//     when librdkafka does not know it), so a partition that was idle and
//     then receives records gets the full timeout to commit them.
//
// Time is passed in by the caller (`now`) so that tests need no sleeping; the
// HTTP handler uses std::chrono::steady_clock::now().
//
// Thread-safety: every method may be called from any thread. One mutex
// guards all state; invariant: `partitions_` holds exactly the partitions
// reported through OnPartitionProgress and not removed since, and each
// entry's `since` is never later than the latest `now` it was given.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace newsflow {

// Where the consumer stands in its group.
enum class GroupState {
  kStarting,              // created, not yet subscribed
  kWaitingForAssignment,  // subscribed, no partitions (yet, or more members than partitions)
  kAssigned,              // owns at least one partition
  kStopping,              // shutting down
};

// Stable lower-case name of a state, for reason texts and logs.
std::string_view GroupStateName(GroupState state);

class Readiness {
 public:
  using Clock = std::chrono::steady_clock;

  // `stall_timeout` is health.stall_timeout_s; it must be positive.
  explicit Readiness(Clock::duration stall_timeout);
  Readiness(const Readiness&) = delete;
  Readiness& operator=(const Readiness&) = delete;

  void SetGroupState(GroupState state);
  // True once a broker connection of the producer is up.
  void SetProducerConnected(bool connected);

  // Progress report for one assigned partition, typically from the consumer
  // statistics callback. `lag` is the consumer lag in records (-1 unknown).
  // The first report of a partition starts its stall clock at `now`.
  void OnPartitionProgress(const std::string& topic, int32_t partition, int64_t committed_offset,
                           int64_t lag, Clock::time_point now);
  // Forgets a partition (on revoke or loss). Unknown partitions are ignored.
  void RemovePartition(const std::string& topic, int32_t partition);

  // See the class comment. When not ready and `reason` is not null, stores a
  // one-line human-readable reason, e.g.
  // "articles.raw[3] has lag 120 and no progress for 305s". When ready,
  // `reason` is cleared.
  bool Ready(Clock::time_point now, std::string* reason) const;

 private:
  struct PartitionProgress {
    int64_t committed_offset = 0;
    int64_t lag = 0;
    Clock::time_point since;  // start of the current no-progress period
  };

  const Clock::duration stall_timeout_;
  mutable std::mutex mu_;
  GroupState group_state_ = GroupState::kStarting;                           // guarded by mu_
  bool producer_connected_ = false;                                          // guarded by mu_
  std::map<std::pair<std::string, int32_t>, PartitionProgress> partitions_;  // guarded by mu_
};

}  // namespace newsflow
