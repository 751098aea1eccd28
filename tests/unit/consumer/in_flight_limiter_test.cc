#include "consumer/in_flight_limiter.h"

#include <gtest/gtest.h>

namespace newsflow {
namespace {

TEST(InFlightLimiterTest, PausesAtRecordBoundAndResumesBelowLowWater) {
  InFlightLimiter limiter(10, 1 << 30, 0.5);
  for (int i = 0; i < 9; ++i) limiter.Acquire(100);
  EXPECT_FALSE(limiter.ShouldPause());
  limiter.Acquire(100);
  EXPECT_TRUE(limiter.ShouldPause());
  for (int i = 0; i < 4; ++i) limiter.Release(100);
  EXPECT_FALSE(limiter.ShouldResume()) << "6 in flight is above the low-water mark of 5";
  limiter.Release(100);
  EXPECT_TRUE(limiter.ShouldResume());
  EXPECT_EQ(limiter.records(), 5);
  EXPECT_EQ(limiter.bytes(), 500);
}

TEST(InFlightLimiterTest, PausesAtByteBound) {
  InFlightLimiter limiter(1000, 1000, 0.5);
  limiter.Acquire(600);
  EXPECT_FALSE(limiter.ShouldPause());
  limiter.Acquire(600);
  EXPECT_TRUE(limiter.ShouldPause());
  limiter.Release(600);
  EXPECT_TRUE(limiter.ShouldResume());
}

TEST(InFlightLimiterTest, OneOversizedRecordAloneDoesNotDeadlock) {
  InFlightLimiter limiter(1000, 1000, 0.5);
  limiter.Acquire(5000);
  EXPECT_FALSE(limiter.ShouldPause()) << "a lone oversized record must still be processed";
  EXPECT_TRUE(limiter.ShouldResume());
  limiter.Acquire(10);
  EXPECT_TRUE(limiter.ShouldPause());
}

}  // namespace
}  // namespace newsflow
