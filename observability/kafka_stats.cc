#include "observability/kafka_stats.h"

#include <charconv>
#include <cstring>
#include <utility>

namespace newsflow {
namespace {

namespace od = simdjson::ondemand;

// Calls `fn(key, value)` for every member of `object`, in document order;
// stops at the first error from simdjson or from `fn`. Members `fn` does not
// read are skipped by the iterator.
template <typename Fn>
simdjson::error_code ForEachMember(od::object& object, Fn&& fn) {
  for (auto member_result : object) {
    od::field member;
    std::string_view key;
    if (auto code = std::move(member_result).get(member)) return code;
    if (auto code = member.unescaped_key().get(key)) return code;
    if (auto code = fn(key, member.value())) return code;
  }
  return simdjson::SUCCESS;
}

// Reads the members of an object-valued `value` with ForEachMember.
template <typename Fn>
simdjson::error_code ForEachMemberOf(od::value& value, Fn&& fn) {
  od::object object;
  if (auto code = value.get_object().get(object)) return code;
  return ForEachMember(object, std::forward<Fn>(fn));
}

// After the root object has been iterated to its end, anything left is junk.
bool HasTrailingContent(od::document& doc) {
  return doc.current_location().error() != simdjson::OUT_OF_BOUNDS;
}

void SetError(std::string* error, const std::string& where, simdjson::error_code code) {
  if (error == nullptr) return;
  *error = "statistics JSON";
  if (!where.empty()) *error += " at " + where;
  *error += ": ";
  *error += simdjson::error_message(code);
}

}  // namespace

simdjson::error_code KafkaStatsParser::Load(std::string_view json, od::document* doc) {
  // On Demand reads up to SIMDJSON_PADDING bytes past the end; the callback's
  // buffer gives no such guarantee, so copy into our own.
  buffer_.resize(json.size() + simdjson::SIMDJSON_PADDING);
  if (!json.empty()) std::memcpy(buffer_.data(), json.data(), json.size());
  return parser_.iterate(buffer_.data(), json.size(), buffer_.size()).get(*doc);
}

template <typename Fn>
simdjson::error_code KafkaStatsParser::VisitRootMember(std::string_view json, std::string_view name,
                                                       std::string* where, Fn&& fn) {
  od::document doc;
  od::object root;
  simdjson::error_code code = Load(json, &doc);
  if (!code) {
    *where = "root";
    code = doc.get_object().get(root);
  }
  if (!code) {
    code = ForEachMember(root, [&](std::string_view key, od::value& value) {
      return key == name ? fn(value) : simdjson::SUCCESS;
    });
  }
  if (!code && HasTrailingContent(doc)) {
    *where = "the end of the root object (trailing content)";
    code = simdjson::TRAILING_CONTENT;
  }
  return code;
}

bool KafkaStatsParser::ParseConsumerStats(std::string_view json, std::vector<PartitionStats>* out,
                                          std::string* error) {
  out->clear();
  std::string where;  // names the place of a failure
  bool bad_id = false;

  auto read_partition = [&](const std::string& topic, std::string_view id,
                            od::value& value) -> simdjson::error_code {
    PartitionStats stats;
    stats.topic = topic;
    const char* end = id.data() + id.size();
    const auto [ptr, ec] = std::from_chars(id.data(), end, stats.partition);
    if (id.empty() || ec != std::errc() || ptr != end) {
      where = "\"" + std::string(id) + "\" in topic " + topic;
      bad_id = true;
      return simdjson::INCORRECT_TYPE;
    }
    if (stats.partition < 0) return simdjson::SUCCESS;  // -1: librdkafka's internal queue
    auto code = ForEachMemberOf(value, [&](std::string_view key, od::value& field) {
      int64_t* target = key == "consumer_lag"       ? &stats.consumer_lag
                        : key == "committed_offset" ? &stats.committed_offset
                        : key == "hi_offset"        ? &stats.hi_offset
                        : key == "app_offset"       ? &stats.app_offset
                                                    : nullptr;
      if (target == nullptr) return simdjson::SUCCESS;
      where =
          stats.topic + "[" + std::to_string(stats.partition) + "] \"" + std::string(key) + "\"";
      return field.get_int64().get(*target);
    });
    if (code) return code;
    out->push_back(std::move(stats));
    return simdjson::SUCCESS;
  };

  auto read_topic = [&](std::string_view name, od::value& value) -> simdjson::error_code {
    const std::string topic(name);
    where = "topic " + topic;
    return ForEachMemberOf(value, [&](std::string_view key, od::value& member) {
      if (key != "partitions") return simdjson::SUCCESS;
      where = "topic " + topic + " \"partitions\"";
      return ForEachMemberOf(member, [&](std::string_view id, od::value& partition) {
        return read_partition(topic, id, partition);
      });
    });
  };

  const simdjson::error_code code = VisitRootMember(json, "topics", &where, [&](od::value& value) {
    where = "\"topics\"";
    return ForEachMemberOf(value, read_topic);
  });
  if (bad_id) {
    if (error != nullptr) *error = "statistics JSON: bad partition id " + where;
    return false;
  }
  if (code) {
    SetError(error, where, code);
    return false;
  }
  return true;
}

int KafkaStatsParser::UpBrokers(std::string_view json, std::string* error) {
  std::string where;
  int up = 0;

  auto read_broker = [&](std::string_view name, od::value& value) -> simdjson::error_code {
    bool is_up = false;
    bool is_alias = false;
    where = "broker " + std::string(name);
    auto code = ForEachMemberOf(value, [&](std::string_view key, od::value& member) {
      if (key != "state" && key != "source") return simdjson::SUCCESS;
      std::string_view text;
      where = "broker " + std::string(name) + " \"" + std::string(key) + "\"";
      if (auto string_code = member.get_string().get(text)) return string_code;
      if (key == "state") {
        is_up = text == "UP";
      } else {
        is_alias = text == "internal" || text == "logical";
      }
      return simdjson::SUCCESS;
    });
    if (!code && is_up && !is_alias) ++up;
    return code;
  };

  const simdjson::error_code code = VisitRootMember(json, "brokers", &where, [&](od::value& value) {
    where = "\"brokers\"";
    return ForEachMemberOf(value, read_broker);
  });
  if (code) {
    SetError(error, where, code);
    return -1;
  }
  return up;
}

}  // namespace newsflow
