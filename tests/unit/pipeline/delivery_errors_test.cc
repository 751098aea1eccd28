#include "pipeline/delivery_errors.h"

#include <gtest/gtest.h>

namespace newsflow {
namespace {

TEST(DeliveryErrorsTest, TransientBrokerConditionsAreRetried) {
  EXPECT_TRUE(IsRetriableDeliveryError(RdKafka::ERR__MSG_TIMED_OUT));
  EXPECT_TRUE(IsRetriableDeliveryError(RdKafka::ERR__TRANSPORT));
  EXPECT_TRUE(IsRetriableDeliveryError(RdKafka::ERR_NOT_ENOUGH_REPLICAS));
  EXPECT_TRUE(IsRetriableDeliveryError(RdKafka::ERR_LEADER_NOT_AVAILABLE));
  EXPECT_TRUE(IsRetriableDeliveryError(RdKafka::ERR_NOT_LEADER_FOR_PARTITION));
  EXPECT_TRUE(IsRetriableDeliveryError(RdKafka::ERR_UNKNOWN_TOPIC_OR_PART));
  EXPECT_TRUE(IsRetriableDeliveryError(RdKafka::ERR__ALL_BROKERS_DOWN));
}

TEST(DeliveryErrorsTest, ErrorsThatFailTheSameWayEveryTimeAreNotRetried) {
  EXPECT_FALSE(IsRetriableDeliveryError(RdKafka::ERR_MSG_SIZE_TOO_LARGE));
  EXPECT_FALSE(IsRetriableDeliveryError(RdKafka::ERR_TOPIC_AUTHORIZATION_FAILED));
  EXPECT_FALSE(IsRetriableDeliveryError(RdKafka::ERR_INVALID_RECORD));
  EXPECT_FALSE(IsRetriableDeliveryError(RdKafka::ERR__FATAL));
}

}  // namespace
}  // namespace newsflow
