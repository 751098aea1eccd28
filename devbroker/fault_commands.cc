#include "devbroker/fault_commands.h"

#include <librdkafka/rdkafka_mock.h>
#include <sys/un.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <limits>
#include <type_traits>
#include <utility>

namespace newsflow {
namespace {

// Kafka protocol request types. librdkafka defines them as RD_KAFKAP_* in its
// private rdkafka_protocol.h, which the Debian package does not install, so
// the numbers (fixed by the Kafka protocol) are listed here.
struct ApiKeyEntry {
  std::string_view name;
  int16_t key;
};
constexpr std::array<ApiKeyEntry, 33> kApiKeys = {{
    {"Produce", 0},
    {"Fetch", 1},
    {"ListOffsets", 2},
    {"Metadata", 3},
    {"LeaderAndIsr", 4},
    {"StopReplica", 5},
    {"UpdateMetadata", 6},
    {"ControlledShutdown", 7},
    {"OffsetCommit", 8},
    {"OffsetFetch", 9},
    {"FindCoordinator", 10},
    {"JoinGroup", 11},
    {"Heartbeat", 12},
    {"LeaveGroup", 13},
    {"SyncGroup", 14},
    {"DescribeGroups", 15},
    {"ListGroups", 16},
    {"SaslHandshake", 17},
    {"ApiVersion", 18},
    {"ApiVersions", 18},
    {"CreateTopics", 19},
    {"DeleteTopics", 20},
    {"DeleteRecords", 21},
    {"InitProducerId", 22},
    {"OffsetForLeaderEpoch", 23},
    {"AddPartitionsToTxn", 24},
    {"AddOffsetsToTxn", 25},
    {"EndTxn", 26},
    {"WriteTxnMarkers", 27},
    {"TxnOffsetCommit", 28},
    {"DescribeConfigs", 32},
    {"SaslAuthenticate", 36},
    {"DeleteGroups", 42},
}};

constexpr std::string_view kErrPrefix = "RD_KAFKA_RESP_ERR_";

constexpr std::string_view kHelpLine =
    "commands: help | status | broker-down ID|all | broker-up ID|all | broker-rtt ID|all MS | "
    "create-topic NAME PARTITIONS [REPLICATION] | request-errors APIKEY ERRCODE[,ERRCODE...] | "
    "clear-request-errors APIKEY | topic-error TOPIC ERRCODE | "
    "partition-leader TOPIC PARTITION BROKER|-1 | coordinator group|transaction KEY BROKER | quit";

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// Whole-string decimal integer; no sign other than a leading '-', no spaces.
template <typename T>
std::optional<T> ParseInt(std::string_view text) {
  static_assert(std::is_integral_v<T>);
  if (text.empty()) return std::nullopt;
  T value{};
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::optional<int> ParseIntInRange(std::string_view text, int lo, int hi) {
  std::optional<int> value = ParseInt<int>(text);
  if (!value || *value < lo || *value > hi) return std::nullopt;
  return value;
}

std::vector<std::string_view> SplitWords(std::string_view line) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    size_t start = i;
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    if (i > start) words.push_back(line.substr(start, i - start));
  }
  return words;
}

// Replies are single printable lines whatever the client sent us.
std::string Sanitize(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) c = '?';
  }
  return out;
}

// Echoes client-supplied text into a reply, bounded.
std::string Quote(std::string_view text) {
  constexpr size_t kMax = 64;
  std::string out = "'";
  out += text.substr(0, kMax);
  if (text.size() > kMax) out += "...";
  out += "'";
  return out;
}

std::string ErrName(rd_kafka_resp_err_t err) { return rd_kafka_err2name(err); }

std::string DescribeErr(rd_kafka_resp_err_t err) {
  return ErrName(err) + " (" + rd_kafka_err2str(err) + ")";
}

CommandReply Ok(std::string_view detail = {}) {
  CommandReply reply;
  reply.line = detail.empty() ? "OK" : "OK " + std::string(detail);
  return reply;
}

CommandReply Err(std::string_view message) {
  CommandReply reply;
  reply.line = "ERR " + std::string(message);
  return reply;
}

CommandReply Usage(std::string_view syntax) { return Err("usage: " + std::string(syntax)); }

std::string BrokerLabel(int32_t broker_id) {
  return broker_id == -1 ? "all brokers" : "broker " + std::to_string(broker_id);
}

std::string TopicSpecString(const TopicSpec& spec) {
  return spec.name + ":" + std::to_string(spec.partitions) + ":" + std::to_string(spec.replication);
}

// Validates a fully specified TopicSpec; returns an error message or nullopt.
std::optional<std::string> ValidateTopicSpec(const TopicSpec& spec, int broker_count) {
  if (!IsValidTopicName(spec.name)) {
    return "invalid topic name " + Quote(spec.name) +
           " (1..249 characters of A-Z a-z 0-9 . _ -, not '.' or '..')";
  }
  if (spec.partitions < 1 || spec.partitions > kDevBrokerMaxPartitions) {
    return "partitions must be in 1.." + std::to_string(kDevBrokerMaxPartitions);
  }
  if (spec.replication < 1 || spec.replication > broker_count) {
    return "replication must be in 1.." + std::to_string(broker_count) + " (the broker count)";
  }
  return std::nullopt;
}

// Reads partitions/replication words into a spec; returns an error message.
std::optional<std::string> FillCounts(std::string_view partitions,
                                      std::optional<std::string_view> replication, int broker_count,
                                      TopicSpec* spec) {
  std::optional<int> p = ParseIntInRange(partitions, 1, kDevBrokerMaxPartitions);
  if (!p) {
    return "partitions must be an integer in 1.." + std::to_string(kDevBrokerMaxPartitions) +
           ", got " + Quote(partitions);
  }
  spec->partitions = *p;
  spec->replication = DefaultReplication(broker_count);
  if (replication) {
    std::optional<int> r = ParseIntInRange(*replication, 1, broker_count);
    if (!r) {
      return "replication must be an integer in 1.." + std::to_string(broker_count) +
             " (the broker count), got " + Quote(*replication);
    }
    spec->replication = *r;
  }
  return ValidateTopicSpec(*spec, broker_count);
}

}  // namespace

bool IsValidTopicName(std::string_view name) {
  if (name.empty() || name.size() > 249 || name == "." || name == "..") return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

int DefaultReplication(int broker_count) { return std::min(3, broker_count); }

std::optional<TopicSpec> ParseTopicSpec(std::string_view spec, int broker_count,
                                        std::string* error) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t colon = spec.find(':', start);
    parts.push_back(spec.substr(start, colon == std::string_view::npos ? colon : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (parts.size() < 2 || parts.size() > 3) {
    *error = "expected NAME:PARTITIONS[:REPLICATION], got " + Quote(spec);
    return std::nullopt;
  }
  TopicSpec result;
  result.name = std::string(parts[0]);
  std::optional<std::string_view> replication;
  if (parts.size() == 3) replication = parts[2];
  if (!IsValidTopicName(result.name)) {
    *error = *ValidateTopicSpec(result, broker_count);
    return std::nullopt;
  }
  if (std::optional<std::string> e = FillCounts(parts[1], replication, broker_count, &result)) {
    *error = *e;
    return std::nullopt;
  }
  return result;
}

std::optional<int16_t> ParseApiKey(std::string_view text) {
  if (!text.empty() && std::isdigit(static_cast<unsigned char>(text[0]))) {
    std::optional<int> key = ParseIntInRange(text, 0, std::numeric_limits<int16_t>::max());
    if (!key) return std::nullopt;
    return static_cast<int16_t>(*key);
  }
  for (const ApiKeyEntry& entry : kApiKeys) {
    if (EqualsIgnoreCase(entry.name, text)) return entry.key;
  }
  return std::nullopt;
}

std::string_view ApiKeyName(int16_t api_key) {
  for (const ApiKeyEntry& entry : kApiKeys) {
    if (entry.key == api_key) return entry.name;
  }
  return {};
}

std::optional<rd_kafka_resp_err_t> ParseErrorCode(std::string_view text) {
  const rd_kafka_err_desc* descs = nullptr;
  size_t count = 0;
  rd_kafka_get_err_descs(&descs, &count);

  std::optional<int> number;
  if (!text.empty() && (text[0] == '-' || std::isdigit(static_cast<unsigned char>(text[0])))) {
    number = ParseInt<int>(text);
    if (!number) return std::nullopt;
  } else if (text.size() > kErrPrefix.size() &&
             EqualsIgnoreCase(text.substr(0, kErrPrefix.size()), kErrPrefix)) {
    text.remove_prefix(kErrPrefix.size());
  }
  // The table has gaps (entries without a name); only named codes are real.
  for (size_t i = 0; i < count; ++i) {
    if (descs[i].name == nullptr) continue;
    if (number ? static_cast<int>(descs[i].code) == *number
               : EqualsIgnoreCase(descs[i].name, text)) {
      return descs[i].code;
    }
  }
  return std::nullopt;
}

std::optional<DevBrokerOptions> ParseDevBrokerArgs(const std::vector<std::string_view>& args,
                                                   std::string* error) {
  DevBrokerOptions options;
  std::vector<std::string_view> topic_args;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "--help" || arg == "-h") {
      DevBrokerOptions help;
      help.help = true;
      return help;
    }
    std::string_view name = arg;
    std::optional<std::string_view> value;
    if (size_t eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
    }
    if (name != "--brokers" && name != "--topic" && name != "--bootstrap-file" &&
        name != "--control-socket") {
      *error = arg.starts_with("-") ? "unknown option " + Quote(arg)
                                    : "unexpected argument " + Quote(arg);
      return std::nullopt;
    }
    if (!value) {
      if (i + 1 >= args.size()) {
        *error = std::string(name) + ": missing value";
        return std::nullopt;
      }
      value = args[++i];
    }
    if (name == "--brokers") {
      std::optional<int> n = ParseIntInRange(*value, 1, kDevBrokerMaxBrokers);
      if (!n) {
        *error = "--brokers: expected an integer in 1.." + std::to_string(kDevBrokerMaxBrokers) +
                 ", got " + Quote(*value);
        return std::nullopt;
      }
      options.brokers = *n;
    } else if (name == "--topic") {
      topic_args.push_back(*value);
    } else if (name == "--bootstrap-file") {
      if (value->empty()) {
        *error = "--bootstrap-file: empty path";
        return std::nullopt;
      }
      options.bootstrap_file = std::string(*value);
    } else {
      constexpr size_t kMaxPath = sizeof(sockaddr_un::sun_path) - 1;
      if (value->empty() || value->size() > kMaxPath) {
        *error = "--control-socket: path must be 1.." + std::to_string(kMaxPath) + " bytes long";
        return std::nullopt;
      }
      options.control_socket = std::string(*value);
    }
  }
  // Topics are parsed last: their default replication depends on --brokers,
  // which may come after them.
  for (std::string_view topic_arg : topic_args) {
    std::string topic_error;
    std::optional<TopicSpec> spec = ParseTopicSpec(topic_arg, options.brokers, &topic_error);
    if (!spec) {
      *error = "--topic " + Quote(topic_arg) + ": " + topic_error;
      return std::nullopt;
    }
    for (const TopicSpec& existing : options.topics) {
      if (existing.name == spec->name) {
        *error = "--topic " + Quote(topic_arg) + ": topic given twice";
        return std::nullopt;
      }
    }
    options.topics.push_back(std::move(*spec));
  }
  return options;
}

std::string DevBrokerUsage() {
  return "Usage: newsflow-devbroker [--brokers N] [--topic NAME:PARTITIONS[:REPLICATION]]...\n"
         "                          [--bootstrap-file PATH] [--control-socket PATH] [--help]\n"
         "\n"
         "Runs librdkafka's in-memory mock Kafka cluster on 127.0.0.1 for development and\n"
         "tests (never production). Prints BOOTSTRAP=<host:port,...> and READY on stdout.\n"
         "\n"
         "  --brokers N          number of brokers, 1.." +
         std::to_string(kDevBrokerMaxBrokers) +
         " (default 3)\n"
         "  --topic SPEC         create a topic up front; REPLICATION defaults to min(3, N);\n"
         "                       repeatable\n"
         "  --bootstrap-file P   also write the bootstrap list to P (atomically)\n"
         "  --control-socket P   accept commands on a Unix stream socket at P\n"
         "  --help               show this text\n"
         "\n"
         "Commands are read one per line from stdin and the control socket; each gets one\n"
         "reply line, 'OK[ detail]' or 'ERR <message>'. Type 'help' for the list.\n"
         "SIGTERM/SIGINT or 'quit' shut down cleanly. See docs/DEVBROKER.md.\n";
}

std::vector<LineSplitter::Line> LineSplitter::Feed(std::string_view bytes) {
  std::vector<Line> lines;
  while (!bytes.empty()) {
    size_t nl = bytes.find('\n');
    std::string_view chunk = bytes.substr(0, nl);
    if (!discarding_) {
      if (pending_.size() + chunk.size() > kDevBrokerMaxLineBytes + 1) {
        // +1 leaves room for a '\r' that is stripped below.
        pending_.clear();
        discarding_ = true;
        lines.push_back(Line{"", true});
      } else {
        pending_.append(chunk);
      }
    }
    if (nl == std::string_view::npos) break;
    bytes.remove_prefix(nl + 1);
    if (discarding_) {
      discarding_ = false;
      continue;
    }
    if (!pending_.empty() && pending_.back() == '\r') pending_.pop_back();
    if (pending_.size() > kDevBrokerMaxLineBytes) {
      lines.push_back(Line{"", true});
    } else {
      lines.push_back(Line{std::move(pending_), false});
    }
    pending_.clear();
  }
  return lines;
}

std::optional<LineSplitter::Line> LineSplitter::Finish() {
  if (discarding_) {
    discarding_ = false;
    return std::nullopt;  // already reported as overlong
  }
  if (pending_.empty()) return std::nullopt;
  if (pending_.back() == '\r') pending_.pop_back();
  Line line;
  if (pending_.size() > kDevBrokerMaxLineBytes) {
    line.overlong = true;
  } else {
    line.text = std::move(pending_);
  }
  pending_.clear();
  return line;
}

RdKafkaMockClusterOps::RdKafkaMockClusterOps(rd_kafka_mock_cluster_t* cluster, int broker_count)
    : cluster_(cluster), broker_count_(broker_count) {}

int RdKafkaMockClusterOps::BrokerCount() const { return broker_count_; }

std::string RdKafkaMockClusterOps::Bootstrap() const {
  const char* bootstrap = rd_kafka_mock_cluster_bootstraps(cluster_);
  return bootstrap != nullptr ? bootstrap : "";
}

rd_kafka_resp_err_t RdKafkaMockClusterOps::SetBrokerDown(int32_t broker_id) {
  return rd_kafka_mock_broker_set_down(cluster_, broker_id);
}

rd_kafka_resp_err_t RdKafkaMockClusterOps::SetBrokerUp(int32_t broker_id) {
  return rd_kafka_mock_broker_set_up(cluster_, broker_id);
}

rd_kafka_resp_err_t RdKafkaMockClusterOps::SetBrokerRtt(int32_t broker_id, int rtt_ms) {
  return rd_kafka_mock_broker_set_rtt(cluster_, broker_id, rtt_ms);
}

rd_kafka_resp_err_t RdKafkaMockClusterOps::CreateTopic(const std::string& name, int partitions,
                                                       int replication) {
  return rd_kafka_mock_topic_create(cluster_, name.c_str(), partitions, replication);
}

void RdKafkaMockClusterOps::PushRequestErrors(int16_t api_key,
                                              const std::vector<rd_kafka_resp_err_t>& errors) {
  rd_kafka_mock_push_request_errors_array(cluster_, api_key, errors.size(), errors.data());
}

void RdKafkaMockClusterOps::ClearRequestErrors(int16_t api_key) {
  rd_kafka_mock_clear_request_errors(cluster_, api_key);
}

void RdKafkaMockClusterOps::SetTopicError(const std::string& topic, rd_kafka_resp_err_t err) {
  rd_kafka_mock_topic_set_error(cluster_, topic.c_str(), err);
}

rd_kafka_resp_err_t RdKafkaMockClusterOps::SetPartitionLeader(const std::string& topic,
                                                              int32_t partition,
                                                              int32_t broker_id) {
  return rd_kafka_mock_partition_set_leader(cluster_, topic.c_str(), partition, broker_id);
}

rd_kafka_resp_err_t RdKafkaMockClusterOps::SetCoordinator(const std::string& key_type,
                                                          const std::string& key,
                                                          int32_t broker_id) {
  return rd_kafka_mock_coordinator_set(cluster_, key_type.c_str(), key.c_str(), broker_id);
}

FaultCommands::FaultCommands(MockClusterOps& ops) : ops_(ops) {}

CommandReply FaultCommands::Execute(std::string_view line) {
  std::vector<std::string_view> words = SplitWords(line);
  CommandReply reply;
  {
    std::lock_guard<std::mutex> lock(mu_);
    reply = Dispatch(words);
  }
  reply.line = Sanitize(reply.line);
  return reply;
}

bool FaultCommands::CreateTopic(const TopicSpec& spec, std::string* error) {
  std::lock_guard<std::mutex> lock(mu_);
  if (std::optional<std::string> e = CreateTopicLocked(spec)) {
    *error = *e;
    return false;
  }
  return true;
}

std::vector<TopicSpec> FaultCommands::Topics() const {
  std::lock_guard<std::mutex> lock(mu_);
  return topics_;
}

CommandReply FaultCommands::Dispatch(const std::vector<std::string_view>& words) {
  if (words.empty()) return Err("empty command (try 'help')");
  std::string_view command = words[0];
  if (command == "help") return Ok(kHelpLine);
  if (command == "status") {
    if (words.size() != 1) return Usage("status");
    return Status();
  }
  if (command == "broker-down") return BrokerUpDown(words, false);
  if (command == "broker-up") return BrokerUpDown(words, true);
  if (command == "broker-rtt") return BrokerRtt(words);
  if (command == "create-topic") return CreateTopicCommand(words);
  if (command == "request-errors") return RequestErrors(words);
  if (command == "clear-request-errors") return ClearRequestErrors(words);
  if (command == "topic-error") return TopicError(words);
  if (command == "partition-leader") return PartitionLeader(words);
  if (command == "coordinator") return Coordinator(words);
  if (command == "quit") {
    if (words.size() != 1) return Usage("quit");
    CommandReply reply = Ok("shutting down");
    reply.quit = true;
    return reply;
  }
  return Err("unknown command " + Quote(command) + " (try 'help')");
}

CommandReply FaultCommands::Status() const {
  std::string topics;
  for (const TopicSpec& spec : topics_) {
    if (!topics.empty()) topics += ",";
    topics += TopicSpecString(spec);
  }
  std::string down;
  for (int32_t id : down_) {
    if (!down.empty()) down += ",";
    down += std::to_string(id);
  }
  return Ok("brokers=" + std::to_string(ops_.BrokerCount()) + " bootstrap=" + ops_.Bootstrap() +
            " topics=" + (topics.empty() ? "none" : topics) +
            " down=" + (down.empty() ? "none" : down));
}

std::optional<int32_t> FaultCommands::ParseBrokerId(std::string_view text) const {
  if (text == "all") return -1;
  std::optional<int> id = ParseIntInRange(text, 1, ops_.BrokerCount());
  if (!id) return std::nullopt;
  return *id;
}

CommandReply FaultCommands::BrokerUpDown(const std::vector<std::string_view>& words, bool up) {
  const std::string syntax = up ? "broker-up ID|all" : "broker-down ID|all";
  if (words.size() != 2) return Usage(syntax);
  std::optional<int32_t> id = ParseBrokerId(words[1]);
  if (!id) {
    return Err(std::string(words[0]) + ": broker id must be 1.." +
               std::to_string(ops_.BrokerCount()) + " or 'all', got " + Quote(words[1]));
  }
  rd_kafka_resp_err_t err = up ? ops_.SetBrokerUp(*id) : ops_.SetBrokerDown(*id);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Err(std::string(words[0]) + " " + BrokerLabel(*id) + ": " + DescribeErr(err));
  }
  if (up) {
    if (*id == -1) {
      down_.clear();
    } else {
      down_.erase(*id);
    }
  } else {
    if (*id == -1) {
      for (int32_t b = 1; b <= ops_.BrokerCount(); ++b) down_.insert(b);
    } else {
      down_.insert(*id);
    }
  }
  return Ok(BrokerLabel(*id) + (up ? " up" : " down"));
}

CommandReply FaultCommands::BrokerRtt(const std::vector<std::string_view>& words) {
  if (words.size() != 3) return Usage("broker-rtt ID|all MS");
  std::optional<int32_t> id = ParseBrokerId(words[1]);
  if (!id) {
    return Err("broker-rtt: broker id must be 1.." + std::to_string(ops_.BrokerCount()) +
               " or 'all', got " + Quote(words[1]));
  }
  std::optional<int> ms = ParseIntInRange(words[2], 0, kDevBrokerMaxRttMs);
  if (!ms) {
    return Err("broker-rtt: MS must be an integer in 0.." + std::to_string(kDevBrokerMaxRttMs) +
               ", got " + Quote(words[2]));
  }
  rd_kafka_resp_err_t err = ops_.SetBrokerRtt(*id, *ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Err("broker-rtt " + BrokerLabel(*id) + ": " + DescribeErr(err));
  }
  return Ok(BrokerLabel(*id) + " rtt " + std::to_string(*ms) + " ms");
}

std::optional<std::string> FaultCommands::CreateTopicLocked(const TopicSpec& spec) {
  if (std::optional<std::string> e = ValidateTopicSpec(spec, ops_.BrokerCount())) return e;
  rd_kafka_resp_err_t err = ops_.CreateTopic(spec.name, spec.partitions, spec.replication);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return "topic " + Quote(spec.name) + ": " + DescribeErr(err);
  }
  topics_.push_back(spec);
  return std::nullopt;
}

CommandReply FaultCommands::CreateTopicCommand(const std::vector<std::string_view>& words) {
  if (words.size() != 3 && words.size() != 4) {
    return Usage("create-topic NAME PARTITIONS [REPLICATION]");
  }
  TopicSpec spec;
  spec.name = std::string(words[1]);
  std::optional<std::string_view> replication;
  if (words.size() == 4) replication = words[3];
  std::optional<std::string> e;
  if (!IsValidTopicName(spec.name)) {
    e = ValidateTopicSpec(spec, ops_.BrokerCount());
  } else {
    e = FillCounts(words[2], replication, ops_.BrokerCount(), &spec);
  }
  if (!e) e = CreateTopicLocked(spec);
  if (e) return Err("create-topic: " + *e);
  return Ok("created " + TopicSpecString(spec));
}

CommandReply FaultCommands::RequestErrors(const std::vector<std::string_view>& words) {
  if (words.size() != 3) return Usage("request-errors APIKEY ERRCODE[,ERRCODE...]");
  std::optional<int16_t> api_key = ParseApiKey(words[1]);
  if (!api_key) {
    return Err("request-errors: unknown APIKEY " + Quote(words[1]) +
               " (a number 0..32767 or a name like Produce, Fetch, OffsetCommit)");
  }
  std::vector<rd_kafka_resp_err_t> errors;
  std::string_view list = words[2];
  while (true) {
    size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    std::optional<rd_kafka_resp_err_t> err = ParseErrorCode(item);
    if (!err) {
      return Err("request-errors: unknown ERRCODE " + Quote(item) +
                 " (a librdkafka error code or name like NOT_LEADER_FOR_PARTITION)");
    }
    errors.push_back(*err);
    if (errors.size() > kDevBrokerMaxRequestErrors) {
      return Err("request-errors: at most " + std::to_string(kDevBrokerMaxRequestErrors) +
                 " errors per command");
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  ops_.PushRequestErrors(*api_key, errors);
  std::string names;
  for (rd_kafka_resp_err_t err : errors) {
    if (!names.empty()) names += ",";
    names += ErrName(err);
  }
  std::string api = std::to_string(*api_key);
  if (std::string_view name = ApiKeyName(*api_key); !name.empty()) {
    api += " (" + std::string(name) + ")";
  }
  return Ok("next " + std::to_string(errors.size()) + " request(s) of ApiKey " + api +
            " fail with " + names);
}

CommandReply FaultCommands::ClearRequestErrors(const std::vector<std::string_view>& words) {
  if (words.size() != 2) return Usage("clear-request-errors APIKEY");
  std::optional<int16_t> api_key = ParseApiKey(words[1]);
  if (!api_key) {
    return Err("clear-request-errors: unknown APIKEY " + Quote(words[1]) +
               " (a number 0..32767 or a name like Produce, Fetch, OffsetCommit)");
  }
  ops_.ClearRequestErrors(*api_key);
  return Ok("cleared request errors of ApiKey " + std::to_string(*api_key));
}

CommandReply FaultCommands::TopicError(const std::vector<std::string_view>& words) {
  if (words.size() != 3) return Usage("topic-error TOPIC ERRCODE");
  std::string topic(words[1]);
  if (!IsValidTopicName(topic)) return Err("topic-error: invalid topic name " + Quote(topic));
  std::optional<rd_kafka_resp_err_t> err = ParseErrorCode(words[2]);
  if (!err) {
    return Err("topic-error: unknown ERRCODE " + Quote(words[2]) +
               " (a librdkafka error code or name; NO_ERROR clears)");
  }
  ops_.SetTopicError(topic, *err);
  return Ok("topic " + topic + " error " + ErrName(*err));
}

CommandReply FaultCommands::PartitionLeader(const std::vector<std::string_view>& words) {
  if (words.size() != 4) return Usage("partition-leader TOPIC PARTITION BROKER|-1");
  std::string topic(words[1]);
  if (!IsValidTopicName(topic)) {
    return Err("partition-leader: invalid topic name " + Quote(topic));
  }
  std::optional<int> partition = ParseIntInRange(words[2], 0, std::numeric_limits<int32_t>::max());
  if (!partition) {
    return Err("partition-leader: PARTITION must be a non-negative integer, got " +
               Quote(words[2]));
  }
  for (const TopicSpec& spec : topics_) {
    if (spec.name == topic && *partition >= spec.partitions) {
      return Err("partition-leader: topic " + topic + " has partitions 0.." +
                 std::to_string(spec.partitions - 1));
    }
  }
  std::optional<int> broker = ParseIntInRange(words[3], -1, ops_.BrokerCount());
  if (!broker || *broker == 0) {
    return Err("partition-leader: BROKER must be 1.." + std::to_string(ops_.BrokerCount()) +
               " or -1 (no leader), got " + Quote(words[3]));
  }
  rd_kafka_resp_err_t err = ops_.SetPartitionLeader(topic, *partition, *broker);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Err("partition-leader " + topic + " [" + std::to_string(*partition) +
               "]: " + DescribeErr(err));
  }
  return Ok(topic + " [" + std::to_string(*partition) + "] leader " +
            (*broker == -1 ? std::string("none") : std::to_string(*broker)));
}

CommandReply FaultCommands::Coordinator(const std::vector<std::string_view>& words) {
  if (words.size() != 4) return Usage("coordinator group|transaction KEY BROKER");
  std::string_view type = words[1];
  if (type != "group" && type != "transaction") {
    return Err("coordinator: type must be 'group' or 'transaction', got " + Quote(type));
  }
  std::optional<int32_t> broker = ParseInt<int32_t>(words[3]);
  if (!broker) return Err("coordinator: BROKER must be an integer, got " + Quote(words[3]));
  std::string key(words[2]);
  rd_kafka_resp_err_t err = ops_.SetCoordinator(std::string(type), key, *broker);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Err("coordinator " + std::string(type) + " " + Quote(key) + ": " + DescribeErr(err));
  }
  return Ok(std::string(type) + " " + key + " coordinator " + std::to_string(*broker));
}

}  // namespace newsflow
