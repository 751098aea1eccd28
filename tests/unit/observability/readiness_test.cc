#include "observability/readiness.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace newsflow {
namespace {

using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

class ReadinessTest : public ::testing::Test {
 protected:
  // A ready baseline: in the group, producer connected, nothing tracked.
  void MakeReady() {
    readiness_.SetGroupState(GroupState::kAssigned);
    readiness_.SetProducerConnected(true);
  }

  Readiness readiness_{seconds(300)};
  Clock::time_point t0_ = Clock::time_point() + seconds(1000);
  std::string reason_;
};

TEST_F(ReadinessTest, NotReadyWhileStarting) {
  readiness_.SetProducerConnected(true);
  EXPECT_FALSE(readiness_.Ready(t0_, &reason_));
  EXPECT_EQ(reason_, "consumer group state is starting");
}

TEST_F(ReadinessTest, ReadyWhenAssignedAndProducerConnected) {
  MakeReady();
  reason_ = "stale";
  EXPECT_TRUE(readiness_.Ready(t0_, &reason_));
  EXPECT_TRUE(reason_.empty());
}

TEST_F(ReadinessTest, ReadyWhileWaitingForAssignment) {
  readiness_.SetGroupState(GroupState::kWaitingForAssignment);
  readiness_.SetProducerConnected(true);
  EXPECT_TRUE(readiness_.Ready(t0_, nullptr));
}

TEST_F(ReadinessTest, NotReadyWhileStopping) {
  MakeReady();
  readiness_.SetGroupState(GroupState::kStopping);
  EXPECT_FALSE(readiness_.Ready(t0_, &reason_));
  EXPECT_EQ(reason_, "consumer group state is stopping");
}

TEST_F(ReadinessTest, NotReadyWithoutProducerConnection) {
  MakeReady();
  readiness_.SetProducerConnected(false);
  EXPECT_FALSE(readiness_.Ready(t0_, &reason_));
  EXPECT_EQ(reason_, "producer is not connected to any broker");
}

TEST_F(ReadinessTest, PartitionWithLagAndNoProgressBeyondTimeoutIsStalled) {
  MakeReady();
  readiness_.OnPartitionProgress("articles.raw", 3, 500, 120, t0_);
  EXPECT_TRUE(readiness_.Ready(t0_ + seconds(300), &reason_)) << "exactly the timeout is allowed";
  EXPECT_FALSE(readiness_.Ready(t0_ + seconds(305), &reason_));
  EXPECT_EQ(reason_, "articles.raw[3] has lag 120 and no progress for 305s");
}

TEST_F(ReadinessTest, SameOffsetReportsDoNotRestartTheStallClock) {
  MakeReady();
  readiness_.OnPartitionProgress("articles.raw", 0, 500, 10, t0_);
  readiness_.OnPartitionProgress("articles.raw", 0, 500, 40, t0_ + seconds(200));
  EXPECT_FALSE(readiness_.Ready(t0_ + seconds(301), &reason_));
  EXPECT_EQ(reason_, "articles.raw[0] has lag 40 and no progress for 301s");
}

TEST_F(ReadinessTest, CommittedOffsetChangeRestartsTheStallClock) {
  MakeReady();
  readiness_.OnPartitionProgress("articles.raw", 0, 500, 10, t0_);
  readiness_.OnPartitionProgress("articles.raw", 0, 510, 10, t0_ + seconds(200));
  EXPECT_TRUE(readiness_.Ready(t0_ + seconds(400), &reason_)) << reason_;
  EXPECT_FALSE(readiness_.Ready(t0_ + seconds(501), &reason_));
}

TEST_F(ReadinessTest, PartitionWithoutLagNeverStalls) {
  MakeReady();
  readiness_.OnPartitionProgress("articles.raw", 1, 500, 0, t0_);
  EXPECT_TRUE(readiness_.Ready(t0_ + seconds(10000), &reason_)) << reason_;
}

TEST_F(ReadinessTest, UnknownLagNeverStalls) {
  MakeReady();
  readiness_.OnPartitionProgress("articles.raw", 1, -1001, -1, t0_);
  EXPECT_TRUE(readiness_.Ready(t0_ + seconds(10000), &reason_)) << reason_;
}

TEST_F(ReadinessTest, IdlePartitionThatGetsLagStartsAFreshStallClock) {
  MakeReady();
  readiness_.OnPartitionProgress("articles.raw", 1, 500, 0, t0_);
  readiness_.OnPartitionProgress("articles.raw", 1, 500, 25, t0_ + seconds(1000));
  EXPECT_TRUE(readiness_.Ready(t0_ + seconds(1200), &reason_)) << reason_;
  EXPECT_FALSE(readiness_.Ready(t0_ + seconds(1301), &reason_));
  EXPECT_EQ(reason_, "articles.raw[1] has lag 25 and no progress for 301s");
}

TEST_F(ReadinessTest, RemovedPartitionNoLongerCounts) {
  MakeReady();
  readiness_.OnPartitionProgress("articles.raw", 2, 500, 99, t0_);
  ASSERT_FALSE(readiness_.Ready(t0_ + seconds(400), nullptr));
  readiness_.RemovePartition("articles.raw", 2);
  EXPECT_TRUE(readiness_.Ready(t0_ + seconds(400), &reason_)) << reason_;
  readiness_.RemovePartition("articles.raw", 7);  // unknown: ignored
}

TEST_F(ReadinessTest, ReasonNamesFirstStalledPartitionAndCountsTheOthers) {
  MakeReady();
  readiness_.OnPartitionProgress("b", 0, 1, 5, t0_);
  readiness_.OnPartitionProgress("a", 4, 1, 7, t0_);
  readiness_.OnPartitionProgress("a", 5, 1, 0, t0_);
  EXPECT_FALSE(readiness_.Ready(t0_ + seconds(600), &reason_));
  EXPECT_EQ(reason_, "a[4] has lag 7 and no progress for 600s (and 1 more stalled partitions)");
}

TEST_F(ReadinessTest, GroupStateNamesAreStable) {
  EXPECT_EQ(GroupStateName(GroupState::kStarting), "starting");
  EXPECT_EQ(GroupStateName(GroupState::kWaitingForAssignment), "waiting_for_assignment");
  EXPECT_EQ(GroupStateName(GroupState::kAssigned), "assigned");
  EXPECT_EQ(GroupStateName(GroupState::kStopping), "stopping");
}

}  // namespace
}  // namespace newsflow
