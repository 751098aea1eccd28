#include <gtest/gtest.h>

#include "consumer/kafka_source.h"

namespace newsflow {
namespace {

TEST(OffsetResetLogTest, ParsesTopicPartitionAndLostOffset) {
  std::string topic;
  int32_t partition = -1;
  int64_t at = -1;
  ASSERT_TRUE(ParseOffsetResetLog(
      "[thrd:main]: articles.raw [3]: offset reset (at offset 8 (leader epoch 8), broker 1) to "
      "offset BEGINNING (leader epoch -1): fetch failed due to requested offset not available on "
      "the broker: Broker: Offset out of range",
      &topic, &partition, &at));
  EXPECT_EQ(topic, "articles.raw");
  EXPECT_EQ(partition, 3);
  EXPECT_EQ(at, 8);
}

TEST(OffsetResetLogTest, OlderFormatWithoutPrefix) {
  std::string topic;
  int32_t partition = -1;
  int64_t at = -1;
  ASSERT_TRUE(ParseOffsetResetLog(
      "news.in [12]: offset reset (at offset 1234567, broker 2) to END: fetch failed", &topic,
      &partition, &at));
  EXPECT_EQ(topic, "news.in");
  EXPECT_EQ(partition, 12);
  EXPECT_EQ(at, 1234567);
}

TEST(OffsetResetLogTest, RejectsUnrelatedLines) {
  std::string topic;
  int32_t partition = -1;
  int64_t at = -1;
  EXPECT_FALSE(ParseOffsetResetLog("articles.raw [3]: fetch backoff", &topic, &partition, &at));
  EXPECT_FALSE(
      ParseOffsetResetLog("articles.raw [x]: offset reset (at offset 1)", &topic, &partition, &at));
}

}  // namespace
}  // namespace newsflow
