#include "util/utf8_repair.h"

#include <utf8proc.h>

#include <simdjson.h>

#include <cstdint>

namespace newsflow {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the sequence a lead byte announces (0: not a lead byte), and the
// allowed range of the second byte. Only the byte grammar of UTF-8 (Unicode
// Table 3-7, "Well-Formed UTF-8 Byte Sequences"); no character data.
struct LeadInfo {
  int length;
  uint8_t second_min;
  uint8_t second_max;
};

LeadInfo Lead(uint8_t b) {
  if (b < 0x80) return {1, 0, 0};
  if (b >= 0xC2 && b <= 0xDF) return {2, 0x80, 0xBF};
  if (b == 0xE0) return {3, 0xA0, 0xBF};
  if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) return {3, 0x80, 0xBF};
  if (b == 0xED) return {3, 0x80, 0x9F};  // excludes the surrogates D800..DFFF
  if (b == 0xF0) return {4, 0x90, 0xBF};
  if (b >= 0xF1 && b <= 0xF3) return {4, 0x80, 0xBF};
  if (b == 0xF4) return {4, 0x80, 0x8F};  // nothing above U+10FFFF
  return {0, 0, 0};                       // 80..BF, C0, C1, F5..FF
}

}  // namespace

bool IsValidUtf8(std::string_view bytes) { return simdjson::validate_utf8(bytes); }

Utf8RepairResult RepairUtf8(std::string_view bytes) {
  Utf8RepairResult result;
  if (IsValidUtf8(bytes)) {
    result.text.assign(bytes);
    return result;
  }
  result.text.reserve(bytes.size() + bytes.size() / 8 + 8);
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    const auto b = static_cast<uint8_t>(bytes[i]);
    const LeadInfo lead = Lead(b);
    if (lead.length == 1) {
      result.text.push_back(bytes[i]);
      ++i;
      continue;
    }
    // Count how many bytes of a well-formed sequence are present.
    size_t matched = lead.length == 0 ? 0 : 1;
    if (lead.length > 1) {
      while (matched < static_cast<size_t>(lead.length) && i + matched < n) {
        const auto c = static_cast<uint8_t>(bytes[i + matched]);
        const uint8_t lo = matched == 1 ? lead.second_min : 0x80;
        const uint8_t hi = matched == 1 ? lead.second_max : 0xBF;
        if (c < lo || c > hi) break;
        ++matched;
      }
    }
    if (lead.length > 1 && matched == static_cast<size_t>(lead.length)) {
      result.text.append(bytes.substr(i, matched));
      i += matched;
      continue;
    }
    // Ill-formed: the maximal subpart is the lead plus the continuation bytes
    // that fit, or one byte when the lead itself is invalid.
    const size_t subpart = matched == 0 ? 1 : matched;
    result.text.append(kReplacement);
    result.invalid_bytes += subpart;
    i += subpart;
  }
  return result;
}

size_t DecodeUtf8At(std::string_view text, size_t i, int32_t* cp) {
  if (i >= text.size()) return 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i);
  utf8proc_int32_t decoded = 0;
  const utf8proc_ssize_t n =
      utf8proc_iterate(p, static_cast<utf8proc_ssize_t>(text.size() - i), &decoded);
  if (n <= 0) return 0;
  *cp = decoded;
  return static_cast<size_t>(n);
}

}  // namespace newsflow
