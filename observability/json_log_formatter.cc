#include "observability/json_log_formatter.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <utf8proc.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>
#include <string_view>

namespace newsflow {
namespace {

// RapidJSON escapes but does not repair encodings; invalid UTF-8 would make
// the line unparsable for log shippers, so substitute U+FFFD per bad byte.
std::string_view ValidUtf8(std::string_view text, std::string* scratch) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  utf8proc_ssize_t pos = 0;
  bool repaired = false;
  while (pos < size) {
    utf8proc_int32_t codepoint = 0;
    const utf8proc_ssize_t length = utf8proc_iterate(bytes + pos, size - pos, &codepoint);
    if (length > 0) {
      if (repaired) scratch->append(text.data() + pos, static_cast<std::size_t>(length));
      pos += length;
      continue;
    }
    if (!repaired) {
      scratch->assign(text.data(), static_cast<std::size_t>(pos));
      repaired = true;
    }
    scratch->append("\xEF\xBF\xBD");
    ++pos;
  }
  return repaired ? std::string_view(*scratch) : text;
}

template <typename Writer>
void WriteString(Writer& writer, std::string_view text, std::string* scratch) {
  const std::string_view valid = ValidUtf8(text, scratch);
  writer.String(valid.data(), static_cast<rapidjson::SizeType>(valid.size()));
}

// "2024-05-01T12:34:56.789Z"
std::string Rfc3339Utc(spdlog::log_clock::time_point time) {
  const auto since_epoch = time.time_since_epoch();
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds).count();
  if (millis < 0) {  // before 1970: floor, not truncate
    millis += 1000;
    seconds -= std::chrono::seconds(1);
  }
  const std::time_t t = static_cast<std::time_t>(seconds.count());
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[40];
  const std::size_t n = std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &utc);
  std::string out(buf, n);
  char frac[8];
  std::snprintf(frac, sizeof(frac), ".%03dZ", static_cast<int>(millis));
  out += frac;
  return out;
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
