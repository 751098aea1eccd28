// Reading librdkafka's statistics JSON (statistics.interval.ms, see
// librdkafka's STATISTICS.md) for the lag metrics and for readiness.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {

// One partition of a consumer statistics document. Values are librdkafka's:
// offsets are -1001 when invalid, consumer_lag is -1 when unknown. A field
// missing from the document reads as -1.
struct PartitionStats {
  std::string topic;
  int32_t partition = -1;
  int64_t consumer_lag = -1;
  int64_t committed_offset = -1;
  int64_t hi_offset = -1;
  int64_t app_offset = -1;
};

// Owns one simdjson On Demand parser (and its padded input buffer) so
// repeated statistics callbacks reuse the allocations.
//
// Thread-safety: none; use one instance per client, from the thread that
// runs that client's statistics callback. Never throws; malformed or
// unexpected input is reported through the return value.
class KafkaStatsParser {
 public:
  KafkaStatsParser() = default;
  KafkaStatsParser(const KafkaStatsParser&) = delete;
  KafkaStatsParser& operator=(const KafkaStatsParser&) = delete;

  // Fills `out` (cleared first) with every partition under "topics" ->
  // <topic> -> "partitions", skipping librdkafka's internal partition "-1".
  // The document lists every partition the client knows of, not only the
  // assigned ones: callers filter by their assignment. A document without
  // "topics" yields no partitions. Returns false and sets `error` if the
  // JSON is malformed or a field has an unexpected type; `out` then holds
  // the partitions read before the problem.
  bool ParseConsumerStats(std::string_view json, std::vector<PartitionStats>* out,
                          std::string* error);

  // Number of brokers in a (producer or consumer) statistics document whose
  // "state" is "UP", not counting librdkafka's internal broker nor logical
  // ones (GroupCoordinator, TxnCoordinator), which alias real brokers.
  // Returns -1 and sets `error` on malformed JSON.
  int UpBrokers(std::string_view json, std::string* error);

 private:
  // Copies `json` into the padded buffer and starts a document.
  simdjson::error_code Load(std::string_view json, simdjson::ondemand::document* doc);
  // Loads `json` and calls `fn(value)` for each root member called `name`;
  // trailing content after the root object is an error. Defined in the .cc.
  template <typename Fn>
  simdjson::error_code VisitRootMember(std::string_view json, std::string_view name,
                                       std::string* where, Fn&& fn);

  simdjson::ondemand::parser parser_;
  std::string buffer_;
};

}  // namespace newsflow
