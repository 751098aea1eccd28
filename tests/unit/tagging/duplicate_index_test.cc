#include "tagging/duplicate_index.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace newsflow {
namespace {

constexpr uint64_t kA = 0x0123456789abcdefULL;

TEST(DuplicateIndexTest, FirstArticleIsNoDuplicate) {
  DuplicateIndex index(10, 3);
  EXPECT_FALSE(index.CheckAndAdd("a", kA, "h1").has_value());
  EXPECT_EQ(index.size(), 1u);
}

TEST(DuplicateIndexTest, ExactCopyIsFlaggedExact) {
  DuplicateIndex index(10, 3);
  index.CheckAndAdd("a", kA, "h1");
  const auto match = index.CheckAndAdd("b", kA, "h1");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->id, "a");
  EXPECT_EQ(match->distance, 0);
  EXPECT_TRUE(match->exact);
}

TEST(DuplicateIndexTest, NearCopyWithinTheDistanceIsFlagged) {
  DuplicateIndex index(10, 3);
  index.CheckAndAdd("a", kA, "h1");
  // Three bits flipped, one in each of three different 16-bit blocks.
  const uint64_t near = kA ^ (uint64_t{1} << 3) ^ (uint64_t{1} << 20) ^ (uint64_t{1} << 40);
  const auto match = index.CheckAndAdd("b", near, "h2");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->id, "a");
  EXPECT_EQ(match->distance, 3);
  EXPECT_FALSE(match->exact);
}

TEST(DuplicateIndexTest, FourBitsApartIsNotFlagged) {
  DuplicateIndex index(10, 3);
  index.CheckAndAdd("a", kA, "h1");
  const uint64_t far =
      kA ^ (uint64_t{1} << 3) ^ (uint64_t{1} << 20) ^ (uint64_t{1} << 40) ^ (uint64_t{1} << 60);
  EXPECT_FALSE(index.CheckAndAdd("b", far, "h2").has_value());
}

TEST(DuplicateIndexTest, MaxDistanceIsConfigurableAndClamped) {
  DuplicateIndex strict(10, 0);
  strict.CheckAndAdd("a", kA, "h1");
  EXPECT_FALSE(strict.CheckAndAdd("b", kA ^ 1, "h2").has_value());
  EXPECT_TRUE(strict.CheckAndAdd("c", kA, "h3").has_value()) << "distance 0 still matches";
  DuplicateIndex clamped(10, 64);
  clamped.CheckAndAdd("a", kA, "h1");
  EXPECT_FALSE(clamped.CheckAndAdd("b", kA ^ 0xF, "h2").has_value()) << "4 bits: beyond 3";
}

TEST(DuplicateIndexTest, TheSameIdDeliveredAgainIsNotItsOwnDuplicate) {
  DuplicateIndex index(10, 3);
  index.CheckAndAdd("a", kA, "h1");
  EXPECT_FALSE(index.CheckAndAdd("a", kA, "h1").has_value());
  EXPECT_EQ(index.size(), 1u) << "not added twice";
}

TEST(DuplicateIndexTest, ExactMatchBeatsACloserLookingNearOne) {
  DuplicateIndex index(10, 3);
  index.CheckAndAdd("near", kA ^ 1, "other");
  index.CheckAndAdd("exact", kA ^ 3, "h1");
  const auto match = index.CheckAndAdd("new", kA, "h1");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->id, "exact");
  EXPECT_TRUE(match->exact);
}

TEST(DuplicateIndexTest, OldestArticlesAreForgottenBeyondCapacity) {
  DuplicateIndex index(3, 3);
  index.CheckAndAdd("a", kA, "ha");
  index.CheckAndAdd("b", ~kA, "hb");
  index.CheckAndAdd("c", 0x5555555555555555ULL, "hc");
  index.CheckAndAdd("d", 0x3333333333333333ULL, "hd");  // evicts a
  EXPECT_EQ(index.size(), 3u);
  EXPECT_FALSE(index.CheckAndAdd("e", kA, "ha").has_value()) << "a was evicted";
  const auto match = index.CheckAndAdd("f", 0x3333333333333333ULL, "hd");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->id, "d");
}

TEST(DuplicateIndexTest, ConcurrentUseFlagsEveryCopyButOne) {
  DuplicateIndex index(100000, 3);
  std::vector<std::thread> threads;
  std::vector<int> flagged(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&index, &flagged, t] {
      for (int i = 0; i < 2000; ++i) {
        const uint64_t fingerprint = 0x9E3779B97F4A7C15ULL * static_cast<uint64_t>(i + 1);
        const std::string id = std::to_string(t) + "-" + std::to_string(i);
        if (index.CheckAndAdd(id, fingerprint, "h" + std::to_string(i))) ++flagged[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  // Each of the 2000 stories arrives 4 times: exactly 3 copies are flagged.
  EXPECT_EQ(flagged[0] + flagged[1] + flagged[2] + flagged[3], 3 * 2000);
}

}  // namespace
}  // namespace newsflow
