// The development broker's command language: command-line options, the
// line-oriented fault-injection commands (stdin and the control socket) and the
// seam to librdkafka's mock cluster.
//
// FaultCommands parses one command line and drives an abstract MockClusterOps,
// so parsing and replies can be tested with a fake; RdKafkaMockClusterOps is
// the adapter onto a real rd_kafka_mock_cluster_t.
#pragma once

#include <librdkafka/rdkafka.h>

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

// Forward declaration of the opaque type from <librdkafka/rdkafka_mock.h>, so
// this header does not pull the experimental mock API into every includer.
typedef struct rd_kafka_mock_cluster_s rd_kafka_mock_cluster_t;

namespace newsflow {

inline constexpr int kDevBrokerMaxBrokers = 64;
inline constexpr int kDevBrokerMaxPartitions = 10000;
inline constexpr int kDevBrokerMaxRttMs = 3'600'000;
inline constexpr size_t kDevBrokerMaxRequestErrors = 10000;
// Longest accepted command line, excluding the newline.
inline constexpr size_t kDevBrokerMaxLineBytes = 4096;

// A topic to create: NAME:PARTITIONS:REPLICATION.
struct TopicSpec {
  std::string name;
  int partitions = 0;
  int replication = 0;
};

// Kafka's topic name rules: 1..249 characters of [A-Za-z0-9._-], not "." or "..".
bool IsValidTopicName(std::string_view name);

// The replication factor used when none is given: min(3, broker_count).
int DefaultReplication(int broker_count);

// Parses "NAME:PARTITIONS[:REPLICATION]" (the --topic value). The replication
// factor defaults to DefaultReplication(broker_count) and must be in
// 1..broker_count. On failure returns nullopt and sets *error.
std::optional<TopicSpec> ParseTopicSpec(std::string_view spec, int broker_count,
                                        std::string* error);

// A Kafka protocol ApiKey: a number in 0..32767 or a request name such as
// "Produce", "Fetch", "OffsetCommit", "JoinGroup" (case-insensitive).
std::optional<int16_t> ParseApiKey(std::string_view text);

// Name of a known ApiKey ("Produce"), or "" if it has none in our table.
std::string_view ApiKeyName(int16_t api_key);

// A librdkafka error code: a number, or a name as listed by
// rd_kafka_get_err_descs() with or without the "RD_KAFKA_RESP_ERR_" prefix
// (e.g. "NOT_LEADER_FOR_PARTITION", "_TRANSPORT",
// "RD_KAFKA_RESP_ERR__TRANSPORT"; case-insensitive). Only codes librdkafka
// knows are accepted.
std::optional<rd_kafka_resp_err_t> ParseErrorCode(std::string_view text);

// Options of the newsflow-devbroker executable.
struct DevBrokerOptions {
  int brokers = 3;
  std::vector<TopicSpec> topics;
  std::string bootstrap_file;  // empty: none
  std::string control_socket;  // empty: none
  bool help = false;           // --help/-h given: print usage, nothing else
};

// Parses the arguments after argv[0]. Accepts "--opt VALUE" and "--opt=VALUE".
// On failure returns nullopt and sets *error to a message naming the argument.
std::optional<DevBrokerOptions> ParseDevBrokerArgs(const std::vector<std::string_view>& args,
                                                   std::string* error);

// The --help text (several lines, newline terminated).
std::string DevBrokerUsage();

// Splits a byte stream into lines ('\n' terminated, a trailing '\r' removed).
// Lines longer than kDevBrokerMaxLineBytes are reported as overlong once and
// their remaining bytes discarded up to the next newline. Not thread-safe.
class LineSplitter {
 public:
  struct Line {
    std::string text;
    bool overlong = false;  // text is empty; the line was discarded
  };

  // Feeds bytes and returns the lines completed by them, in order.
  std::vector<Line> Feed(std::string_view bytes);
  // End of stream: returns the unterminated last line, if any.
  std::optional<Line> Finish();

 private:
  std::string pending_;
  bool discarding_ = false;
};

// What FaultCommands needs from a mock cluster. Broker ids are 1..BrokerCount();
// -1 means "all brokers" where noted. Mutating calls return
// RD_KAFKA_RESP_ERR_NO_ERROR on success. Implementations must tolerate calls
// from any thread (FaultCommands serialises its own calls).
class MockClusterOps {
 public:
  virtual ~MockClusterOps() = default;
  virtual int BrokerCount() const = 0;
  virtual std::string Bootstrap() const = 0;
  virtual rd_kafka_resp_err_t SetBrokerDown(int32_t broker_id) = 0;             // -1: all
  virtual rd_kafka_resp_err_t SetBrokerUp(int32_t broker_id) = 0;               // -1: all
  virtual rd_kafka_resp_err_t SetBrokerRtt(int32_t broker_id, int rtt_ms) = 0;  // -1: all
  virtual rd_kafka_resp_err_t CreateTopic(const std::string& name, int partitions,
                                          int replication) = 0;
  // The next errors.size() requests of api_key fail with these codes, in order.
  virtual void PushRequestErrors(int16_t api_key,
                                 const std::vector<rd_kafka_resp_err_t>& errors) = 0;
  virtual void ClearRequestErrors(int16_t api_key) = 0;
  // Creates the topic (default partitions) if it does not exist.
  virtual void SetTopicError(const std::string& topic, rd_kafka_resp_err_t err) = 0;
  // broker_id -1 makes the partition leaderless. Creates the topic if missing.
  virtual rd_kafka_resp_err_t SetPartitionLeader(const std::string& topic, int32_t partition,
                                                 int32_t broker_id) = 0;
  // key_type is "group" or "transaction".
  virtual rd_kafka_resp_err_t SetCoordinator(const std::string& key_type, const std::string& key,
                                             int32_t broker_id) = 0;
};

// MockClusterOps onto a librdkafka mock cluster. Does not own the cluster,
// which must outlive this object. Thread-safe (librdkafka serialises the
// calls onto the cluster's own thread or under its lock).
class RdKafkaMockClusterOps final : public MockClusterOps {
 public:
  RdKafkaMockClusterOps(rd_kafka_mock_cluster_t* cluster, int broker_count);

  int BrokerCount() const override;
  std::string Bootstrap() const override;
  rd_kafka_resp_err_t SetBrokerDown(int32_t broker_id) override;
  rd_kafka_resp_err_t SetBrokerUp(int32_t broker_id) override;
  rd_kafka_resp_err_t SetBrokerRtt(int32_t broker_id, int rtt_ms) override;
  rd_kafka_resp_err_t CreateTopic(const std::string& name, int partitions,
                                  int replication) override;
  void PushRequestErrors(int16_t api_key, const std::vector<rd_kafka_resp_err_t>& errors) override;
  void ClearRequestErrors(int16_t api_key) override;
  void SetTopicError(const std::string& topic, rd_kafka_resp_err_t err) override;
  rd_kafka_resp_err_t SetPartitionLeader(const std::string& topic, int32_t partition,
                                         int32_t broker_id) override;
  rd_kafka_resp_err_t SetCoordinator(const std::string& key_type, const std::string& key,
                                     int32_t broker_id) override;

 private:
  rd_kafka_mock_cluster_t* cluster_;
  int broker_count_;
};

// One reply line (no newline) and whether the command asked to shut down.
struct CommandReply {
  std::string line;  // "OK[ detail]" or "ERR <message>", printable ASCII only
  bool quit = false;
};

// Parses and executes fault-injection commands against a MockClusterOps
// (not owned; must outlive this object). Thread-safe: commands from stdin and
// the control socket are executed one at a time. Never throws on bad input;
// every line gets exactly one reply.
class FaultCommands {
 public:
  explicit FaultCommands(MockClusterOps& ops);

  // Executes one command line (without its newline).
  CommandReply Execute(std::string_view line);

  // Creates a topic and records it for `status`. Returns false and sets
  // *error if the spec is invalid or the cluster refuses it.
  bool CreateTopic(const TopicSpec& spec, std::string* error);

  // Topics created through this object, in creation order.
  std::vector<TopicSpec> Topics() const;

 private:
  CommandReply Dispatch(const std::vector<std::string_view>& words);
  CommandReply Status() const;
  CommandReply BrokerUpDown(const std::vector<std::string_view>& words, bool up);
  CommandReply BrokerRtt(const std::vector<std::string_view>& words);
  CommandReply CreateTopicCommand(const std::vector<std::string_view>& words);
  CommandReply RequestErrors(const std::vector<std::string_view>& words);
  CommandReply ClearRequestErrors(const std::vector<std::string_view>& words);
  CommandReply TopicError(const std::vector<std::string_view>& words);
  CommandReply PartitionLeader(const std::vector<std::string_view>& words);
  CommandReply Coordinator(const std::vector<std::string_view>& words);
  std::optional<std::string> CreateTopicLocked(const TopicSpec& spec);
  // Parses "ID" (1..BrokerCount()) or "all" (-1).
  std::optional<int32_t> ParseBrokerId(std::string_view text) const;

  MockClusterOps& ops_;
  mutable std::mutex mu_;
  std::vector<TopicSpec> topics_;  // guarded by mu_
  std::set<int32_t> down_;         // guarded by mu_; brokers set down via this object
};

}  // namespace newsflow
