#include "pipeline/dead_letter.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <utility>

#include "pipeline/record_headers.h"
#include "util/feed_date.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

std::string ValidUtf8(std::string_view bytes) {
  if (IsValidUtf8(bytes)) return std::string(bytes);
  return RepairUtf8(bytes).text;
}

std::string ErrorMessageHeader(std::string_view message) {
  std::string text = ValidUtf8(message);
  if (text.size() <= kMaxErrorMessageBytes) return text;
  size_t cut = kMaxErrorMessageBytes - kEllipsis.size();
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  text.append(kEllipsis);
  return text;
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t group = (static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16) |
                           (static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8) |
                           static_cast<unsigned char>(bytes[i + 2]);
    out.push_back(kAlphabet[(group >> 18) & 63]);
    out.push_back(kAlphabet[(group >> 12) & 63]);
    out.push_back(kAlphabet[(group >> 6) & 63]);
    out.push_back(kAlphabet[group & 63]);
  }
  const size_t rest = bytes.size() - i;
  if (rest > 0) {
    uint32_t group = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (rest == 2) group |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out.push_back(kAlphabet[(group >> 18) & 63]);
    out.push_back(kAlphabet[(group >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(group >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

// The value of the last header called `name`, if any.
const std::string* LastHeader(const OutboundMessage& message, std::string_view name) {
  for (auto it = message.headers.rbegin(); it != message.headers.rend(); ++it) {
    if (it->first == name) return &it->second;
  }
  return nullptr;
}

std::optional<int64_t> ParseDecimal(const std::string* text) {
  if (text == nullptr) return std::nullopt;
  int64_t value = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// Every string reaching the writer is valid UTF-8 by construction.
void WriteString(JsonWriter& writer, std::string_view valid_utf8) {
  writer.String(valid_utf8.data(), static_cast<rapidjson::SizeType>(valid_utf8.size()));
}

void WriteHeaderString(JsonWriter& writer, const OutboundMessage& message, std::string_view key,
                       std::string_view header) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  const std::string* value = LastHeader(message, header);
  if (value == nullptr) {
    writer.Null();
  } else {
    WriteString(writer, ValidUtf8(*value));
  }
}

void WriteHeaderNumber(JsonWriter& writer, const OutboundMessage& message, std::string_view key,
                       std::string_view header) {
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  const std::optional<int64_t> value = ParseDecimal(LastHeader(message, header));
  if (value) {
    writer.Int64(*value);
  } else {
    writer.Null();
  }
}

// "name": "text" for valid UTF-8, else "name_base64": "...".
void WriteBytes(JsonWriter& writer, std::string_view name, std::string_view bytes) {
  if (IsValidUtf8(bytes)) {
    writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    WriteString(writer, bytes);
    return;
  }
  const std::string key = std::string(name) + "_base64";
  writer.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
  WriteString(writer, Base64(bytes));
}

}  // namespace

OutboundMessage MakeDeadLetter(const RawRecord& raw, Reason reason, std::string_view message,
                               std::string_view stage, int64_t now_ms) {
  OutboundMessage dead_letter;
  dead_letter.destination = Destination::kDeadLetter;
  dead_letter.key = raw.key;
  dead_letter.value = raw.value;
  dead_letter.headers.reserve(raw.headers.size() + 7);
  dead_letter.headers.assign(raw.headers.begin(), raw.headers.end());
  const Provenance& provenance = raw.provenance;
  dead_letter.headers.emplace_back(std::string(kHeaderErrorReason),
                                   std::string(ReasonName(reason)));
  dead_letter.headers.emplace_back(std::string(kHeaderErrorMessage), ErrorMessageHeader(message));
  dead_letter.headers.emplace_back(std::string(kHeaderErrorStage), ValidUtf8(stage));
  for (Header& header : ProvenanceHeaders(provenance)) {
    dead_letter.headers.push_back(std::move(header));
  }
  dead_letter.headers.emplace_back(std::string(kHeaderErrorTime), FormatRfc3339Utc(now_ms));
  dead_letter.timestamp_ms = provenance.timestamp_ms >= 0 ? provenance.timestamp_ms : now_ms;
  return dead_letter;
}

std::string DeadLetterJsonLine(const OutboundMessage& dead_letter) {
  rapidjson::StringBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  WriteHeaderString(writer, dead_letter, "reason", kHeaderErrorReason);
  WriteHeaderString(writer, dead_letter, "message", kHeaderErrorMessage);
  WriteHeaderString(writer, dead_letter, "stage", kHeaderErrorStage);
  writer.Key("source");
  writer.StartObject();
  WriteHeaderString(writer, dead_letter, "topic", kHeaderSourceTopic);
  WriteHeaderNumber(writer, dead_letter, "partition", kHeaderSourcePartition);
  WriteHeaderNumber(writer, dead_letter, "offset", kHeaderSourceOffset);
  writer.EndObject();
  WriteHeaderString(writer, dead_letter, "time", kHeaderErrorTime);
  if (dead_letter.key) {
    WriteBytes(writer, "key", *dead_letter.key);
  } else {
    writer.Key("key");
    writer.Null();
  }
  WriteBytes(writer, "value", dead_letter.value);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace newsflow
