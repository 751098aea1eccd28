#include "observability/kafka_stats.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsflow {
namespace {

// Shaped like librdkafka's consumer statistics (STATISTICS.md), trimmed, with
// the nested objects and extra fields the parser must skip.
constexpr char kConsumerStats[] = R"json({
  "name": "rdkafka#consumer-1", "client_id": "newsflow", "type": "consumer",
  "ts": 5016483227792, "time": 1527060869, "replyq": 0, "msg_cnt": 0,
  "brokers": {
    "127.0.0.1:9092/1": {
      "name": "127.0.0.1:9092/1", "nodeid": 1, "nodename": "127.0.0.1:9092",
      "source": "configured", "state": "UP", "stateage": 9057234,
      "rtt": {"min": 123, "max": 456, "avg": 200, "p99": 400},
      "toppars": {"articles.raw-0": {"topic": "articles.raw", "partition": 0}}
    },
    "GroupCoordinator": {"name": "GroupCoordinator", "nodeid": 1, "source": "logical",
                         "state": "UP"}
  },
  "topics": {
    "articles.raw": {
      "topic": "articles.raw", "age": 9001, "metadata_age": 9002,
      "batchsize": {"min": 0, "max": 0, "hdrsize": 14952},
      "partitions": {
        "0": {"partition": 0, "broker": 1, "leader": 1, "desired": true, "unknown": false,
              "fetch_state": "active", "query_offset": -1001, "next_offset": 355,
              "app_offset": 350, "stored_offset": 350, "committed_offset": 300,
              "eof_offset": 355, "lo_offset": 0, "hi_offset": 420, "ls_offset": 420,
              "consumer_lag": 120, "consumer_lag_stored": 70, "txmsgs": 0, "rxmsgs": 355},
        "3": {"partition": 3, "fetch_state": "none", "app_offset": -1001,
              "committed_offset": -1001, "hi_offset": -1, "consumer_lag": -1},
        "-1": {"partition": -1, "consumer_lag": -1, "committed_offset": -1001}
      }
    },
    "articles.other": {"topic": "articles.other", "partitions": {
      "1": {"partition": 1, "hi_offset": 5, "committed_offset": 5, "consumer_lag": 0,
            "app_offset": 5, "msgq_cnt": 0}}}
  },
  "cgrp": {"state": "up", "join_state": "steady", "assignment_size": 2}
})json";

constexpr char kProducerStats[] = R"json({
  "name": "rdkafka#producer-1", "type": "producer", "msg_cnt": 3,
  "brokers": {
    ":0/internal": {"name": ":0/internal", "nodeid": -1, "source": "internal", "state": "UP"},
    "b1:9092/1": {"name": "b1:9092/1", "nodeid": 1, "source": "configured", "state": "UP",
                  "int_latency": {"min": 1, "max": 9}},
    "b2:9092/2": {"name": "b2:9092/2", "nodeid": 2, "source": "learned", "state": "DOWN"},
    "b3:9092/3": {"state": "UP", "nodeid": 3, "source": "learned"},
    "TxnCoordinator": {"name": "TxnCoordinator", "source": "logical", "state": "UP"}
  },
  "topics": {}
})json";

class KafkaStatsTest : public ::testing::Test {
 protected:
  KafkaStatsParser parser_;
  std::vector<PartitionStats> partitions_;
  std::string error_;
};

TEST_F(KafkaStatsTest, ReadsEveryPartitionAndSkipsTheInternalOne) {
  ASSERT_TRUE(parser_.ParseConsumerStats(kConsumerStats, &partitions_, &error_)) << error_;
  ASSERT_EQ(partitions_.size(), 3u);

  const PartitionStats& p0 = partitions_[0];
  EXPECT_EQ(p0.topic, "articles.raw");
  EXPECT_EQ(p0.partition, 0);
  EXPECT_EQ(p0.consumer_lag, 120);
  EXPECT_EQ(p0.committed_offset, 300);
  EXPECT_EQ(p0.hi_offset, 420);
  EXPECT_EQ(p0.app_offset, 350);

  const PartitionStats& p3 = partitions_[1];
  EXPECT_EQ(p3.topic, "articles.raw");
  EXPECT_EQ(p3.partition, 3);
  EXPECT_EQ(p3.consumer_lag, -1);
  EXPECT_EQ(p3.committed_offset, -1001);
  EXPECT_EQ(p3.hi_offset, -1);
  EXPECT_EQ(p3.app_offset, -1001);

  EXPECT_EQ(partitions_[2].topic, "articles.other");
  EXPECT_EQ(partitions_[2].partition, 1);
  EXPECT_EQ(partitions_[2].consumer_lag, 0);
}

TEST_F(KafkaStatsTest, ParserIsReusableAndClearsTheOutput) {
  ASSERT_TRUE(parser_.ParseConsumerStats(kConsumerStats, &partitions_, &error_)) << error_;
  ASSERT_TRUE(parser_.ParseConsumerStats(kConsumerStats, &partitions_, &error_)) << error_;
  EXPECT_EQ(partitions_.size(), 3u);
  ASSERT_TRUE(parser_.ParseConsumerStats(R"({"topics": {}})", &partitions_, &error_));
  EXPECT_TRUE(partitions_.empty());
}

TEST_F(KafkaStatsTest, MissingFieldsReadAsMinusOne) {
  ASSERT_TRUE(parser_.ParseConsumerStats(R"({"topics": {"t": {"partitions": {"7": {}}}}})",
                                         &partitions_, &error_))
      << error_;
  ASSERT_EQ(partitions_.size(), 1u);
  EXPECT_EQ(partitions_[0].partition, 7);
  EXPECT_EQ(partitions_[0].consumer_lag, -1);
  EXPECT_EQ(partitions_[0].committed_offset, -1);
  EXPECT_EQ(partitions_[0].hi_offset, -1);
  EXPECT_EQ(partitions_[0].app_offset, -1);
}

TEST_F(KafkaStatsTest, DocumentWithoutTopicsHasNoPartitions) {
  EXPECT_TRUE(parser_.ParseConsumerStats(kProducerStats, &partitions_, &error_)) << error_;
  EXPECT_TRUE(parser_.ParseConsumerStats(R"({"name": "x"})", &partitions_, &error_)) << error_;
  EXPECT_TRUE(partitions_.empty());
}

TEST_F(KafkaStatsTest, MalformedJsonIsAnError) {
  const std::string truncated = std::string(kConsumerStats).substr(0, 900);
  EXPECT_FALSE(parser_.ParseConsumerStats(truncated, &partitions_, &error_));
  EXPECT_FALSE(error_.empty());

  for (const char* bad :
       {"", "{", "{\"topics\": {\"t\": {\"partitions\": {\"0\": {]}}}}",
        "{\"topics\": {\"t\": {\"partitions\": {\"0\": {\"consumer_lag\": 1,}}}}}",
        "not json at all"}) {
    error_.clear();
    EXPECT_FALSE(parser_.ParseConsumerStats(bad, &partitions_, &error_)) << bad;
    EXPECT_FALSE(error_.empty()) << bad;
  }
}

TEST_F(KafkaStatsTest, TrailingContentIsAnError) {
  EXPECT_FALSE(parser_.ParseConsumerStats(R"({"topics": {}} {"x": 1})", &partitions_, &error_));
  EXPECT_NE(error_.find("trailing"), std::string::npos) << error_;
}

TEST_F(KafkaStatsTest, RootThatIsNotAnObjectIsAnError) {
  EXPECT_FALSE(parser_.ParseConsumerStats("[1, 2]", &partitions_, &error_));
  EXPECT_NE(error_.find("at root"), std::string::npos) << error_;
}

TEST_F(KafkaStatsTest, WrongFieldTypeIsAnErrorNamingTheField) {
  EXPECT_FALSE(parser_.ParseConsumerStats(
      R"({"topics": {"t": {"partitions": {"2": {"consumer_lag": "many"}}}}})", &partitions_,
      &error_));
  EXPECT_NE(error_.find("t[2] \"consumer_lag\""), std::string::npos) << error_;
}

TEST_F(KafkaStatsTest, NonObjectTopicsOrPartitionsAreErrors) {
  EXPECT_FALSE(parser_.ParseConsumerStats(R"({"topics": []})", &partitions_, &error_));
  EXPECT_FALSE(parser_.ParseConsumerStats(R"({"topics": {"t": 1}})", &partitions_, &error_));
  EXPECT_FALSE(
      parser_.ParseConsumerStats(R"({"topics": {"t": {"partitions": 1}}})", &partitions_, &error_));
  EXPECT_FALSE(parser_.ParseConsumerStats(R"({"topics": {"t": {"partitions": {"0": 5}}}})",
                                          &partitions_, &error_));
}

TEST_F(KafkaStatsTest, BadPartitionIdIsAnError) {
  EXPECT_FALSE(parser_.ParseConsumerStats(R"({"topics": {"t": {"partitions": {"zero": {}}}}})",
                                          &partitions_, &error_));
  EXPECT_NE(error_.find("bad partition id \"zero\""), std::string::npos) << error_;
  EXPECT_FALSE(parser_.ParseConsumerStats(R"({"topics": {"t": {"partitions": {"": {}}}}})",
                                          &partitions_, &error_));
}

TEST_F(KafkaStatsTest, CountsUpBrokersExcludingInternalAndLogical) {
  EXPECT_EQ(parser_.UpBrokers(kProducerStats, &error_), 2) << error_;
  EXPECT_EQ(parser_.UpBrokers(kConsumerStats, &error_), 1) << error_;
}

TEST_F(KafkaStatsTest, NoBrokersMeansZeroUp) {
  EXPECT_EQ(parser_.UpBrokers(R"({"brokers": {}})", &error_), 0);
  EXPECT_EQ(parser_.UpBrokers(R"({"name": "p"})", &error_), 0);
  EXPECT_EQ(parser_.UpBrokers(
                R"({"brokers": {"b:1/1": {"source": "configured", "state": "CONNECT"}}})", &error_),
            0);
}

TEST_F(KafkaStatsTest, MalformedProducerStatsAreAnError) {
  for (const char* bad : {"", "{\"brokers\": {\"b\": {\"state\": \"UP\"", "[]", "{\"brokers\": []}",
                          "{\"brokers\": {\"b\": 3}}", "{\"brokers\": {\"b\": {\"state\": 1}}}",
                          "{\"brokers\": {}} 1"}) {
    error_.clear();
    EXPECT_EQ(parser_.UpBrokers(bad, &error_), -1) << bad;
    EXPECT_FALSE(error_.empty()) << bad;
  }
}

}  // namespace
}  // namespace newsflow
