#include "consumer/offset_watermark.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <thread>
#include <vector>

namespace newsflow {
namespace {

TEST(OffsetWatermarkTest, NothingCommittableBeforeFirstRecord) {
  OffsetWatermark wm("t", 0);
  EXPECT_EQ(wm.Committable(), -1);
  EXPECT_EQ(wm.Pending(), 0);
}

TEST(OffsetWatermarkTest, CommittableStaysAtFirstUnfinishedRecord) {
  OffsetWatermark wm("t", 0);
  for (int64_t o = 10; o < 15; ++o) ASSERT_TRUE(wm.Add(o));
  EXPECT_EQ(wm.Committable(), 10);
  ASSERT_TRUE(wm.Complete(12));
  ASSERT_TRUE(wm.Complete(13));
  EXPECT_EQ(wm.Committable(), 10) << "out-of-order completion must not move the watermark";
  ASSERT_TRUE(wm.Complete(10));
  EXPECT_EQ(wm.Committable(), 11);
  ASSERT_TRUE(wm.Complete(11));
  EXPECT_EQ(wm.Committable(), 14) << "10..13 done, 14 pending";
  ASSERT_TRUE(wm.Complete(14));
  EXPECT_EQ(wm.Committable(), 15) << "all done: one past the last";
  EXPECT_EQ(wm.Pending(), 0);
}

TEST(OffsetWatermarkTest, GapsInOffsetsDoNotBlockCommits) {
  OffsetWatermark wm("t", 3);
  ASSERT_TRUE(wm.Add(5));
  ASSERT_TRUE(wm.Add(9));  // 6..8 were compacted away or are transaction markers
  ASSERT_TRUE(wm.Add(20));
  ASSERT_TRUE(wm.Complete(5));
  EXPECT_EQ(wm.Committable(), 9);
  ASSERT_TRUE(wm.Complete(20));
  EXPECT_EQ(wm.Committable(), 9);
  ASSERT_TRUE(wm.Complete(9));
  EXPECT_EQ(wm.Committable(), 21);
}

TEST(OffsetWatermarkTest, NewRecordAfterAllDoneBecomesTheWatermark) {
  OffsetWatermark wm("t", 0);
  ASSERT_TRUE(wm.Add(1));
  ASSERT_TRUE(wm.Complete(1));
  EXPECT_EQ(wm.Committable(), 2);
  ASSERT_TRUE(wm.Add(7));
  EXPECT_EQ(wm.Committable(), 7);
}

TEST(OffsetWatermarkTest, RejectsNonIncreasingAddsAndUnknownCompletions) {
  OffsetWatermark wm("t", 0);
  ASSERT_TRUE(wm.Add(4));
  EXPECT_FALSE(wm.Add(4));
  EXPECT_FALSE(wm.Add(3));
  EXPECT_FALSE(wm.Complete(5));
  ASSERT_TRUE(wm.Complete(4));
  EXPECT_FALSE(wm.Complete(4)) << "double completion";
  EXPECT_EQ(wm.Pending(), 0);
}

TEST(OffsetWatermarkTest, RevokedFlagIsSticky) {
  OffsetWatermark wm("t", 0);
  EXPECT_FALSE(wm.Revoked());
  wm.MarkRevoked();
  EXPECT_TRUE(wm.Revoked());
  // Late acknowledgements after a revoke are still accepted harmlessly.
  ASSERT_TRUE(wm.Add(1));
  EXPECT_TRUE(wm.Complete(1));
}

TEST(OffsetWatermarkTest, RandomCompletionOrderNeverPassesAnUnfinishedRecord) {
  std::mt19937 rng(42);
  for (int round = 0; round < 50; ++round) {
    OffsetWatermark wm("t", 0);
    std::vector<int64_t> offsets;
    int64_t o = 0;
    for (int i = 0; i < 200; ++i) {
      o += 1 + static_cast<int64_t>(rng() % 3);
      offsets.push_back(o);
      ASSERT_TRUE(wm.Add(o));
    }
    std::vector<int64_t> order = offsets;
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<bool> done(offsets.size(), false);
    for (int64_t c : order) {
      ASSERT_TRUE(wm.Complete(c));
      done[std::lower_bound(offsets.begin(), offsets.end(), c) - offsets.begin()] = true;
      size_t first_open = 0;
      while (first_open < done.size() && done[first_open]) ++first_open;
      const int64_t expected = first_open == done.size() ? offsets.back() + 1 : offsets[first_open];
      ASSERT_EQ(wm.Committable(), expected);
    }
  }
}

TEST(OffsetWatermarkTest, ConcurrentCompletionsFromManyThreads) {
  OffsetWatermark wm("t", 0);
  constexpr int kRecords = 20000;
  for (int i = 0; i < kRecords; ++i) ASSERT_TRUE(wm.Add(i));
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&wm, t] {
      for (int i = t; i < kRecords; i += 4) wm.Complete(i);
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wm.Pending(), 0);
  EXPECT_EQ(wm.Committable(), kRecords);
}

}  // namespace
}  // namespace newsflow
