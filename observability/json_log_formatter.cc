#include "observability/json_log_formatter.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "util/feed_date.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

// Invalid UTF-8 would make the line unparsable for log shippers: repair it
// with the project's one policy (util/utf8_repair.h).
std::string_view ValidUtf8(std::string_view text, std::string* scratch) {
  if (IsValidUtf8(text)) return text;
  *scratch = RepairUtf8(text).text;
  return *scratch;
}

template <typename Writer>
void WriteString(Writer& writer, std::string_view text, std::string* scratch) {
  const std::string_view valid = ValidUtf8(text, scratch);
  writer.String(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
}

// "2024-05-01T12:34:56.789Z": always with milliseconds, so lines align.
std::string Rfc3339Utc(spdlog::log_clock::time_point time) {
  return FormatRfc3339Utc(
      std::chrono::floor<std::chrono::milliseconds>(time.time_since_epoch()).count(), true);
}

}  // namespace

void JsonLogFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  std::string scratch;
  const std::string ts = Rfc3339Utc(msg.time);
  const spdlog::string_view_t level = spdlog::level::to_string_view(msg.level);

  writer.StartObject();
  writer.Key("ts");
  writer.String(ts.data(), static_cast<rapidjson::SizeType>(ts.size()));
  writer.Key("level");
  writer.String(level.data(), static_cast<rapidjson::SizeType>(level.size()));
  writer.Key("logger");
  WriteString(writer, std::string_view(msg.logger_name.data(), msg.logger_name.size()), &scratch);
  writer.Key("msg");
  WriteString(writer, std::string_view(msg.payload.data(), msg.payload.size()), &scratch);
  writer.Key("thread");
  writer.Uint64(static_cast<std::uint64_t>(msg.thread_id));
  writer.EndObject();

  dest.append(buffer.GetString(), buffer.GetString() + buffer.GetSize());
  dest.push_back('\n');
}

std::unique_ptr<spdlog::formatter> JsonLogFormatter::clone() const {
  return std::make_unique<JsonLogFormatter>();
}

}  // namespace newsflow
