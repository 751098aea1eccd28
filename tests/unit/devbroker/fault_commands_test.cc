#include "devbroker/fault_commands.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <librdkafka/rdkafka_mock.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsflow {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// Records every call; returns `next_error` from the mutating calls.
class FakeOps : public MockClusterOps {
 public:
  explicit FakeOps(int brokers = 3) : brokers_(brokers) {}

  int BrokerCount() const override { return brokers_; }
  std::string Bootstrap() const override { return "127.0.0.1:1,127.0.0.1:2"; }
  rd_kafka_resp_err_t SetBrokerDown(int32_t id) override {
    return Record("down " + std::to_string(id));
  }
  rd_kafka_resp_err_t SetBrokerUp(int32_t id) override {
    return Record("up " + std::to_string(id));
  }
  rd_kafka_resp_err_t SetBrokerRtt(int32_t id, int ms) override {
    return Record("rtt " + std::to_string(id) + " " + std::to_string(ms));
  }
  rd_kafka_resp_err_t CreateTopic(const std::string& name, int partitions,
                                  int replication) override {
    return Record("create " + name + " " + std::to_string(partitions) + " " +
                  std::to_string(replication));
  }
  void PushRequestErrors(int16_t api_key, const std::vector<rd_kafka_resp_err_t>& errors) override {
    std::string call = "push " + std::to_string(api_key);
    for (rd_kafka_resp_err_t e : errors) call += " " + std::to_string(static_cast<int>(e));
    Record(call);
  }
  void ClearRequestErrors(int16_t api_key) override { Record("clear " + std::to_string(api_key)); }
  void SetTopicError(const std::string& topic, rd_kafka_resp_err_t err) override {
    Record("topic-error " + topic + " " + std::to_string(static_cast<int>(err)));
  }
  rd_kafka_resp_err_t SetPartitionLeader(const std::string& topic, int32_t partition,
                                         int32_t broker) override {
    return Record("leader " + topic + " " + std::to_string(partition) + " " +
                  std::to_string(broker));
  }
  rd_kafka_resp_err_t SetCoordinator(const std::string& type, const std::string& key,
                                     int32_t broker) override {
    return Record("coord " + type + " " + key + " " + std::to_string(broker));
  }

  std::vector<std::string> calls;
  rd_kafka_resp_err_t next_error = RD_KAFKA_RESP_ERR_NO_ERROR;

 private:
  rd_kafka_resp_err_t Record(std::string call) {
    calls.push_back(std::move(call));
    return next_error;
  }
  int brokers_;
};

class FaultCommandsTest : public ::testing::Test {
 protected:
  std::string Run(std::string_view line) { return commands_.Execute(line).line; }

  FakeOps ops_;
  FaultCommands commands_{ops_};
};

TEST_F(FaultCommandsTest, HelpListsEveryCommand) {
  std::string reply = Run("help");
  EXPECT_THAT(reply, StartsWith("OK "));
  for (const char* command : {"help", "status", "broker-down", "broker-up", "broker-rtt",
                              "create-topic", "request-errors", "clear-request-errors",
                              "topic-error", "partition-leader", "coordinator", "quit"}) {
    EXPECT_THAT(reply, HasSubstr(command));
  }
  EXPECT_EQ(reply.find('\n'), std::string::npos);
}

TEST_F(FaultCommandsTest, EmptyAndBlankLinesGetAnError) {
  EXPECT_THAT(Run(""), StartsWith("ERR empty command"));
  EXPECT_THAT(Run("  \t "), StartsWith("ERR empty command"));
  EXPECT_TRUE(ops_.calls.empty());
}

TEST_F(FaultCommandsTest, UnknownAndWrongCaseCommandsAreRejected) {
  EXPECT_THAT(Run("frobnicate 1"), StartsWith("ERR unknown command 'frobnicate'"));
  EXPECT_THAT(Run("HELP"), StartsWith("ERR unknown command 'HELP'"));
  EXPECT_THAT(Run("Broker-Down 1"), StartsWith("ERR unknown command"));
  EXPECT_TRUE(ops_.calls.empty());
}

TEST_F(FaultCommandsTest, RepliesContainOnlyPrintableCharacters) {
  std::string reply = Run(std::string("bad\x01\x1b[31m\xff"));
  EXPECT_THAT(reply, StartsWith("ERR unknown command"));
  for (char c : reply) {
    EXPECT_GE(static_cast<unsigned char>(c), 0x20);
    EXPECT_LT(static_cast<unsigned char>(c), 0x7f);
  }
}

TEST_F(FaultCommandsTest, LongUnknownCommandIsTruncatedInReply) {
  std::string reply = Run(std::string(1000, 'z'));
  EXPECT_THAT(reply, HasSubstr("..."));
  EXPECT_LT(reply.size(), 200u);
}

TEST_F(FaultCommandsTest, StatusReportsBrokersBootstrapTopicsAndDownBrokers) {
  EXPECT_EQ(Run("status"), "OK brokers=3 bootstrap=127.0.0.1:1,127.0.0.1:2 topics=none down=none");
  Run("create-topic a 2");
  Run("create-topic b 1 1");
  Run("broker-down 3");
  Run("broker-down 1");
  EXPECT_EQ(Run("status"),
            "OK brokers=3 bootstrap=127.0.0.1:1,127.0.0.1:2 topics=a:2:3,b:1:1 down=1,3");
  EXPECT_THAT(Run("status now"), StartsWith("ERR usage: status"));
}

TEST_F(FaultCommandsTest, BrokerDownAndUpCallTheClusterAndTrackState) {
  EXPECT_EQ(Run("broker-down 2"), "OK broker 2 down");
  EXPECT_THAT(Run("status"), HasSubstr("down=2"));
  EXPECT_EQ(Run("broker-up 2"), "OK broker 2 up");
  EXPECT_THAT(Run("status"), HasSubstr("down=none"));
  EXPECT_THAT(ops_.calls, ElementsAre("down 2", "up 2"));
}

TEST_F(FaultCommandsTest, BrokerAllMapsToMinusOne) {
  EXPECT_EQ(Run("broker-down all"), "OK all brokers down");
  EXPECT_THAT(Run("status"), HasSubstr("down=1,2,3"));
  EXPECT_EQ(Run("broker-up all"), "OK all brokers up");
  EXPECT_THAT(Run("status"), HasSubstr("down=none"));
  EXPECT_THAT(ops_.calls, ElementsAre("down -1", "up -1"));
}

TEST_F(FaultCommandsTest, BrokerDownRejectsBadIdsWithoutCallingTheCluster) {
  for (const char* line : {"broker-down 0", "broker-down 4", "broker-down -1", "broker-down x",
                           "broker-down 1x", "broker-down +1", "broker-up 99"}) {
    EXPECT_THAT(Run(line), HasSubstr("broker id must be 1..3 or 'all'")) << line;
  }
  EXPECT_THAT(Run("broker-down"), StartsWith("ERR usage: broker-down ID|all"));
  EXPECT_THAT(Run("broker-down 1 2"), StartsWith("ERR usage: broker-down ID|all"));
  EXPECT_THAT(Run("broker-up"), StartsWith("ERR usage: broker-up ID|all"));
  EXPECT_TRUE(ops_.calls.empty());
}

TEST_F(FaultCommandsTest, BrokerDownClusterErrorIsReportedAndNotTracked) {
  ops_.next_error = RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE;
  EXPECT_THAT(Run("broker-down 1"),
              AllOf(StartsWith("ERR broker-down broker 1: "), HasSubstr("BROKER_NOT_AVAILABLE")));
  EXPECT_THAT(Run("broker-up 1"), HasSubstr("BROKER_NOT_AVAILABLE"));
  ops_.next_error = RD_KAFKA_RESP_ERR_NO_ERROR;
  EXPECT_THAT(Run("status"), HasSubstr("down=none"));
}

TEST_F(FaultCommandsTest, BrokerRttSetsDelay) {
  EXPECT_EQ(Run("broker-rtt 1 250"), "OK broker 1 rtt 250 ms");
  EXPECT_EQ(Run("broker-rtt all 0"), "OK all brokers rtt 0 ms");
  EXPECT_THAT(ops_.calls, ElementsAre("rtt 1 250", "rtt -1 0"));
}

TEST_F(FaultCommandsTest, BrokerRttRejectsBadArguments) {
  EXPECT_THAT(Run("broker-rtt 1 -5"), HasSubstr("MS must be an integer"));
  EXPECT_THAT(Run("broker-rtt 1 3600001"), HasSubstr("MS must be an integer"));
  EXPECT_THAT(Run("broker-rtt 1 fast"), HasSubstr("MS must be an integer"));
  EXPECT_THAT(Run("broker-rtt 7 10"), HasSubstr("broker id must be"));
  EXPECT_THAT(Run("broker-rtt 1"), StartsWith("ERR usage: broker-rtt"));
  EXPECT_TRUE(ops_.calls.empty());
  ops_.next_error = RD_KAFKA_RESP_ERR__INVALID_ARG;
  EXPECT_THAT(Run("broker-rtt 1 10"), AllOf(StartsWith("ERR "), HasSubstr("_INVALID_ARG")));
}

TEST_F(FaultCommandsTest, CreateTopicDefaultsReplicationToMinOfThreeAndBrokers) {
  EXPECT_EQ(Run("create-topic news 6"), "OK created news:6:3");
  EXPECT_EQ(Run("create-topic dlq 1 2"), "OK created dlq:1:2");
  EXPECT_THAT(ops_.calls, ElementsAre("create news 6 3", "create dlq 1 2"));

  FakeOps one_broker(1);
  FaultCommands small(one_broker);
  EXPECT_EQ(small.Execute("create-topic t 2").line, "OK created t:2:1");
}

TEST_F(FaultCommandsTest, CreateTopicRejectsInvalidArguments) {
  EXPECT_THAT(Run("create-topic bad/name 1"), HasSubstr("invalid topic name"));
  EXPECT_THAT(Run("create-topic .. 1"), HasSubstr("invalid topic name"));
  EXPECT_THAT(Run("create-topic t 0"), HasSubstr("partitions must be"));
  EXPECT_THAT(Run("create-topic t 10001"), HasSubstr("partitions must be"));
  EXPECT_THAT(Run("create-topic t many"), HasSubstr("partitions must be"));
  EXPECT_THAT(Run("create-topic t 1 4"), HasSubstr("replication must be"));
  EXPECT_THAT(Run("create-topic t 1 0"), HasSubstr("replication must be"));
  EXPECT_THAT(Run("create-topic t"), StartsWith("ERR usage: create-topic"));
  EXPECT_THAT(Run("create-topic t 1 1 1"), StartsWith("ERR usage: create-topic"));
  EXPECT_TRUE(ops_.calls.empty());
}

TEST_F(FaultCommandsTest, CreateTopicClusterErrorIsReportedAndTopicNotListed) {
  ops_.next_error = RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS;
  EXPECT_THAT(Run("create-topic t 1"),
              AllOf(StartsWith("ERR create-topic: topic 't'"), HasSubstr("TOPIC_ALREADY_EXISTS")));
  EXPECT_TRUE(commands_.Topics().empty());
}

TEST_F(FaultCommandsTest, CreateTopicMethodValidatesAndRecords) {
  std::string error;
  EXPECT_TRUE(commands_.CreateTopic({"a", 3, 2}, &error));
  EXPECT_FALSE(commands_.CreateTopic({"b", 3, 9}, &error));
  EXPECT_THAT(error, HasSubstr("replication must be"));
  ASSERT_EQ(commands_.Topics().size(), 1u);
  EXPECT_EQ(commands_.Topics()[0].name, "a");
  EXPECT_THAT(ops_.calls, ElementsAre("create a 3 2"));
}

TEST_F(FaultCommandsTest, RequestErrorsAcceptsNumbersAndNames) {
  EXPECT_THAT(Run("request-errors 0 6"), StartsWith("OK next 1 request(s) of ApiKey 0 (Produce)"));
  EXPECT_THAT(Run("request-errors Produce NOT_LEADER_FOR_PARTITION,RD_KAFKA_RESP_ERR__TRANSPORT"),
              HasSubstr("fail with NOT_LEADER_FOR_PARTITION,_TRANSPORT"));
  EXPECT_THAT(Run("request-errors heartbeat rebalance_in_progress"),
              HasSubstr("ApiKey 12 (Heartbeat)"));
  EXPECT_THAT(Run("request-errors 1000 NO_ERROR"), HasSubstr("ApiKey 1000 fail with NO_ERROR"));
  EXPECT_THAT(ops_.calls,
              ElementsAre("push 0 6",
                          "push 0 " + std::to_string(RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION) +
                              " " + std::to_string(RD_KAFKA_RESP_ERR__TRANSPORT),
                          "push 12 " + std::to_string(RD_KAFKA_RESP_ERR_REBALANCE_IN_PROGRESS),
                          "push 1000 0"));
}

TEST_F(FaultCommandsTest, RequestErrorsRejectsUnknownKeysAndCodes) {
  EXPECT_THAT(Run("request-errors Bogus 6"), HasSubstr("unknown APIKEY 'Bogus'"));
  EXPECT_THAT(Run("request-errors 32768 6"), HasSubstr("unknown APIKEY"));
  EXPECT_THAT(Run("request-errors -1 6"), HasSubstr("unknown APIKEY"));
  EXPECT_THAT(Run("request-errors Produce NOT_A_REAL_ERROR"), HasSubstr("unknown ERRCODE"));
  EXPECT_THAT(Run("request-errors Produce 6,,7"), HasSubstr("unknown ERRCODE ''"));
  EXPECT_THAT(Run("request-errors Produce 6,"), HasSubstr("unknown ERRCODE ''"));
  EXPECT_THAT(Run("request-errors Produce 99999"), HasSubstr("unknown ERRCODE '99999'"));
  EXPECT_THAT(Run("request-errors Produce"), StartsWith("ERR usage: request-errors"));
  EXPECT_TRUE(ops_.calls.empty());
}

TEST_F(FaultCommandsTest, RequestErrorsCapsTheListLength) {
  std::string list = "6";
  for (size_t i = 0; i < kDevBrokerMaxRequestErrors; ++i) list += ",6";
  EXPECT_THAT(Run("request-errors Produce " + list), HasSubstr("at most"));
  EXPECT_TRUE(ops_.calls.empty());
}

TEST_F(FaultCommandsTest, ClearRequestErrors) {
  EXPECT_EQ(Run("clear-request-errors Fetch"), "OK cleared request errors of ApiKey 1");
  EXPECT_THAT(Run("clear-request-errors Nope"), HasSubstr("unknown APIKEY"));
  EXPECT_THAT(Run("clear-request-errors"), StartsWith("ERR usage"));
  EXPECT_THAT(ops_.calls, ElementsAre("clear 1"));
}

TEST_F(FaultCommandsTest, TopicErrorSetsAndValidates) {
  EXPECT_EQ(Run("topic-error news TOPIC_AUTHORIZATION_FAILED"),
            "OK topic news error TOPIC_AUTHORIZATION_FAILED");
  EXPECT_THAT(Run("topic-error bad/name 3"), HasSubstr("invalid topic name"));
  EXPECT_THAT(Run("topic-error news NOPE"), HasSubstr("unknown ERRCODE"));
  EXPECT_THAT(Run("topic-error news"), StartsWith("ERR usage"));
  EXPECT_THAT(
      ops_.calls,
      ElementsAre("topic-error news " +
                  std::to_string(static_cast<int>(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED))));
}

TEST_F(FaultCommandsTest, PartitionLeaderSetsLeaderOrNone) {
  EXPECT_EQ(Run("partition-leader news 0 2"), "OK news [0] leader 2");
  EXPECT_EQ(Run("partition-leader news 1 -1"), "OK news [1] leader none");
  EXPECT_THAT(ops_.calls, ElementsAre("leader news 0 2", "leader news 1 -1"));
}

TEST_F(FaultCommandsTest, PartitionLeaderValidatesArguments) {
  Run("create-topic news 2");
  ops_.calls.clear();
  EXPECT_THAT(Run("partition-leader news 2 1"), HasSubstr("has partitions 0..1"));
  EXPECT_THAT(Run("partition-leader news -1 1"), HasSubstr("PARTITION must be"));
  EXPECT_THAT(Run("partition-leader news 0 0"), HasSubstr("BROKER must be 1..3 or -1"));
  EXPECT_THAT(Run("partition-leader news 0 4"), HasSubstr("BROKER must be"));
  EXPECT_THAT(Run("partition-leader news 0 -2"), HasSubstr("BROKER must be"));
  EXPECT_THAT(Run("partition-leader b@d 0 1"), HasSubstr("invalid topic name"));
  EXPECT_THAT(Run("partition-leader news 0"), StartsWith("ERR usage"));
  EXPECT_TRUE(ops_.calls.empty());
  ops_.next_error = RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART;
  EXPECT_THAT(Run("partition-leader other 5 1"), HasSubstr("UNKNOWN_TOPIC_OR_PART"));
}

TEST_F(FaultCommandsTest, CoordinatorAcceptsGroupAndTransaction) {
  EXPECT_EQ(Run("coordinator group newsflow 2"), "OK group newsflow coordinator 2");
  EXPECT_EQ(Run("coordinator transaction tx-1 3"), "OK transaction tx-1 coordinator 3");
  EXPECT_THAT(ops_.calls, ElementsAre("coord group newsflow 2", "coord transaction tx-1 3"));
}

TEST_F(FaultCommandsTest, CoordinatorValidatesArguments) {
  EXPECT_THAT(Run("coordinator Group g 1"), HasSubstr("type must be 'group' or 'transaction'"));
  EXPECT_THAT(Run("coordinator group g one"), HasSubstr("BROKER must be an integer"));
  EXPECT_THAT(Run("coordinator group g"), StartsWith("ERR usage"));
  EXPECT_TRUE(ops_.calls.empty());
  ops_.next_error = RD_KAFKA_RESP_ERR__INVALID_ARG;
  EXPECT_THAT(Run("coordinator group g 1"), HasSubstr("_INVALID_ARG"));
}

TEST_F(FaultCommandsTest, QuitRequestsShutdown) {
  CommandReply reply = commands_.Execute("quit");
  EXPECT_TRUE(reply.quit);
  EXPECT_THAT(reply.line, StartsWith("OK"));
  CommandReply extra = commands_.Execute("quit now");
  EXPECT_FALSE(extra.quit);
  EXPECT_THAT(extra.line, StartsWith("ERR usage: quit"));
  EXPECT_FALSE(commands_.Execute("status").quit);
}

TEST_F(FaultCommandsTest, ExtraWhitespaceIsIgnored) {
  EXPECT_EQ(Run("  broker-down\t 1  "), "OK broker 1 down");
}

TEST(ParseApiKeyTest, NamesAndNumbers) {
  EXPECT_EQ(ParseApiKey("Produce"), 0);
  EXPECT_EQ(ParseApiKey("fetch"), 1);
  EXPECT_EQ(ParseApiKey("OffsetCommit"), 8);
  EXPECT_EQ(ParseApiKey("JoinGroup"), 11);
  EXPECT_EQ(ParseApiKey("Heartbeat"), 12);
  EXPECT_EQ(ParseApiKey("ApiVersions"), 18);
  EXPECT_EQ(ParseApiKey("32767"), 32767);
  EXPECT_FALSE(ParseApiKey("32768"));
  EXPECT_FALSE(ParseApiKey(""));
  EXPECT_FALSE(ParseApiKey("Produce2"));
  EXPECT_EQ(ApiKeyName(9), "OffsetFetch");
  EXPECT_EQ(ApiKeyName(999), "");
}

TEST(ParseErrorCodeTest, NamesPrefixesAndNumbers) {
  EXPECT_EQ(ParseErrorCode("NOT_LEADER_FOR_PARTITION"), RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION);
  EXPECT_EQ(ParseErrorCode("RD_KAFKA_RESP_ERR_NOT_COORDINATOR"), RD_KAFKA_RESP_ERR_NOT_COORDINATOR);
  EXPECT_EQ(ParseErrorCode("_TRANSPORT"), RD_KAFKA_RESP_ERR__TRANSPORT);
  EXPECT_EQ(ParseErrorCode("RD_KAFKA_RESP_ERR__TRANSPORT"), RD_KAFKA_RESP_ERR__TRANSPORT);
  EXPECT_EQ(ParseErrorCode("-195"), RD_KAFKA_RESP_ERR__TRANSPORT);
  EXPECT_EQ(ParseErrorCode("0"), RD_KAFKA_RESP_ERR_NO_ERROR);
  EXPECT_FALSE(ParseErrorCode("RD_KAFKA_RESP_ERR_"));
  EXPECT_FALSE(ParseErrorCode("TRANSPORT"));
  EXPECT_FALSE(ParseErrorCode("6x"));
  EXPECT_FALSE(ParseErrorCode("-"));
  EXPECT_FALSE(ParseErrorCode(""));
}

TEST(TopicSpecTest, ParsesNamePartitionsAndReplication) {
  std::string error;
  std::optional<TopicSpec> spec = ParseTopicSpec("news:6", 5, &error);
  ASSERT_TRUE(spec) << error;
  EXPECT_EQ(spec->name, "news");
  EXPECT_EQ(spec->partitions, 6);
  EXPECT_EQ(spec->replication, 3);
  spec = ParseTopicSpec("a.b_c-d:1:2", 2, &error);
  ASSERT_TRUE(spec) << error;
  EXPECT_EQ(spec->replication, 2);
  EXPECT_EQ(ParseTopicSpec("x:1", 2, &error)->replication, 2);
}

TEST(TopicSpecTest, RejectsMalformedSpecs) {
  std::string error;
  EXPECT_FALSE(ParseTopicSpec("news", 3, &error));
  EXPECT_THAT(error, HasSubstr("NAME:PARTITIONS"));
  EXPECT_FALSE(ParseTopicSpec("news:1:1:1", 3, &error));
  EXPECT_FALSE(ParseTopicSpec(":1", 3, &error));
  EXPECT_THAT(error, HasSubstr("invalid topic name"));
  EXPECT_FALSE(ParseTopicSpec("news:", 3, &error));
  EXPECT_THAT(error, HasSubstr("partitions"));
  EXPECT_FALSE(ParseTopicSpec("news:1:", 3, &error));
  EXPECT_THAT(error, HasSubstr("replication"));
  EXPECT_FALSE(ParseTopicSpec("news:1:4", 3, &error));
  EXPECT_FALSE(ParseTopicSpec(std::string(250, 'a') + ":1", 3, &error));
  EXPECT_TRUE(ParseTopicSpec(std::string(249, 'a') + ":1", 3, &error));
}

TEST(TopicNameTest, FollowsKafkaRules) {
  EXPECT_TRUE(IsValidTopicName("news.raw_v1-a"));
  EXPECT_FALSE(IsValidTopicName(""));
  EXPECT_FALSE(IsValidTopicName("."));
  EXPECT_FALSE(IsValidTopicName(".."));
  EXPECT_FALSE(IsValidTopicName("a b"));
  EXPECT_FALSE(IsValidTopicName("a:b"));
  EXPECT_FALSE(IsValidTopicName("a,b"));
}

std::optional<DevBrokerOptions> Parse(std::vector<std::string_view> args, std::string* error) {
  return ParseDevBrokerArgs(args, error);
}

TEST(DevBrokerArgsTest, DefaultsToThreeBrokersAndNothingElse) {
  std::string error;
  std::optional<DevBrokerOptions> options = Parse({}, &error);
  ASSERT_TRUE(options) << error;
  EXPECT_EQ(options->brokers, 3);
  EXPECT_TRUE(options->topics.empty());
  EXPECT_TRUE(options->bootstrap_file.empty());
  EXPECT_TRUE(options->control_socket.empty());
  EXPECT_FALSE(options->help);
}

TEST(DevBrokerArgsTest, ParsesEveryOptionInBothForms) {
  std::string error;
  std::optional<DevBrokerOptions> options =
      Parse({"--topic", "a:2", "--brokers=1", "--topic=b:3:1", "--bootstrap-file", "/tmp/bs",
             "--control-socket=/tmp/ctl"},
            &error);
  ASSERT_TRUE(options) << error;
  EXPECT_EQ(options->brokers, 1);
  ASSERT_EQ(options->topics.size(), 2u);
  // Default replication follows --brokers even when --brokers comes later.
  EXPECT_EQ(options->topics[0].replication, 1);
  EXPECT_EQ(options->topics[1].partitions, 3);
  EXPECT_EQ(options->bootstrap_file, "/tmp/bs");
  EXPECT_EQ(options->control_socket, "/tmp/ctl");
}

TEST(DevBrokerArgsTest, HelpWins) {
  std::string error;
  std::optional<DevBrokerOptions> options = Parse({"--brokers", "2", "-h"}, &error);
  ASSERT_TRUE(options);
  EXPECT_TRUE(options->help);
  EXPECT_THAT(DevBrokerUsage(), HasSubstr("--control-socket"));
}

TEST(DevBrokerArgsTest, ErrorsNameTheArgument) {
  struct Case {
    std::vector<std::string_view> args;
    std::string expected;
  };
  std::string long_path(200, 'p');
  for (const Case& c : std::vector<Case>{
           {{"--brokers", "0"}, "--brokers"},
           {{"--brokers", "65"}, "--brokers"},
           {{"--brokers=x"}, "--brokers"},
           {{"--brokers"}, "--brokers: missing value"},
           {{"--topic", "t"}, "--topic 't'"},
           {{"--topic", "t:1:3", "--brokers", "2"}, "--topic 't:1:3'"},
           {{"--topic", "t:1", "--topic", "t:2"}, "topic given twice"},
           {{"--bootstrap-file="}, "--bootstrap-file"},
           {{"--control-socket", long_path}, "--control-socket"},
           {{"--frob"}, "unknown option '--frob'"},
           {{"stray"}, "unexpected argument 'stray'"},
       }) {
    std::string error;
    EXPECT_FALSE(Parse(c.args, &error)) << c.expected;
    EXPECT_THAT(error, HasSubstr(c.expected));
  }
}

TEST(LineSplitterTest, SplitsLinesAcrossFeedsAndStripsCarriageReturn) {
  LineSplitter splitter;
  EXPECT_TRUE(splitter.Feed("sta").empty());
  std::vector<LineSplitter::Line> lines = splitter.Feed("tus\r\nhelp\n\nqu");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "status");
  EXPECT_EQ(lines[1].text, "help");
  EXPECT_EQ(lines[2].text, "");
  std::optional<LineSplitter::Line> last = splitter.Finish();
  ASSERT_TRUE(last);
  EXPECT_EQ(last->text, "qu");
  EXPECT_FALSE(splitter.Finish());
}

TEST(LineSplitterTest, ReportsOverlongLineOnceAndRecovers) {
  LineSplitter splitter;
  std::vector<LineSplitter::Line> lines = splitter.Feed(std::string(3000, 'x'));
  EXPECT_TRUE(lines.empty());
  lines = splitter.Feed(std::string(3000, 'x'));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(lines[0].overlong);
  lines = splitter.Feed(std::string(5000, 'y') + "\nstatus\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_FALSE(lines[0].overlong);
  EXPECT_EQ(lines[0].text, "status");
}

TEST(LineSplitterTest, AcceptsLineOfExactlyMaxLength) {
  LineSplitter splitter;
  std::vector<LineSplitter::Line> lines =
      splitter.Feed(std::string(kDevBrokerMaxLineBytes, 'a') + "\r\n" +
                    std::string(kDevBrokerMaxLineBytes + 1, 'b') + "\n");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_FALSE(lines[0].overlong);
  EXPECT_EQ(lines[0].text.size(), kDevBrokerMaxLineBytes);
  EXPECT_TRUE(lines[1].overlong);
}

// The adapter against librdkafka's real mock cluster, in-process.
class RdKafkaMockClusterOpsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char errstr[256];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "log_level", "0", errstr, sizeof(errstr));
    rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
    ASSERT_NE(rk_, nullptr) << errstr;
    cluster_ = rd_kafka_mock_cluster_new(rk_, 2);
    ASSERT_NE(cluster_, nullptr);
  }
  void TearDown() override {
    if (cluster_ != nullptr) rd_kafka_mock_cluster_destroy(cluster_);
    if (rk_ != nullptr) rd_kafka_destroy(rk_);
  }
  rd_kafka_t* rk_ = nullptr;
  rd_kafka_mock_cluster_t* cluster_ = nullptr;
};

TEST_F(RdKafkaMockClusterOpsTest, DrivesARealMockCluster) {
  RdKafkaMockClusterOps ops(cluster_, 2);
  FaultCommands commands(ops);
  EXPECT_EQ(ops.BrokerCount(), 2);
  EXPECT_THAT(ops.Bootstrap(), AllOf(StartsWith("127.0.0.1:"), HasSubstr(",")));
  EXPECT_EQ(commands.Execute("create-topic t 3").line, "OK created t:3:2");
  EXPECT_THAT(commands.Execute("create-topic t 3").line, HasSubstr("TOPIC_ALREADY_EXISTS"));
  EXPECT_EQ(commands.Execute("broker-down 1").line, "OK broker 1 down");
  EXPECT_EQ(commands.Execute("broker-up 1").line, "OK broker 1 up");
  EXPECT_EQ(commands.Execute("broker-rtt all 10").line, "OK all brokers rtt 10 ms");
  EXPECT_EQ(commands.Execute("partition-leader t 2 2").line, "OK t [2] leader 2");
  EXPECT_EQ(commands.Execute("coordinator group g 1").line, "OK group g coordinator 1");
  EXPECT_THAT(commands.Execute("request-errors Produce _TRANSPORT").line, StartsWith("OK "));
  EXPECT_THAT(commands.Execute("clear-request-errors Produce").line, StartsWith("OK "));
  EXPECT_THAT(commands.Execute("topic-error t NO_ERROR").line, StartsWith("OK "));
  // The mock refuses what it does not know about.
  EXPECT_EQ(ops.SetBrokerDown(7), RD_KAFKA_RESP_ERR_BROKER_NOT_AVAILABLE);
  EXPECT_EQ(ops.SetPartitionLeader("t", 9, 1), RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
  EXPECT_EQ(ops.SetCoordinator("cluster", "k", 1), RD_KAFKA_RESP_ERR__INVALID_ARG);
}

}  // namespace
}  // namespace newsflow
