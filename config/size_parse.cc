#include "config/size_parse.h"

#include <array>
#include <charconv>
#include <system_error>
#include <utility>

namespace newsflow {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

bool ParseInteger(std::string_view text, int64_t* value) {
  if (text.empty()) return false;
  int64_t parsed = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, parsed, 10);
  if (ec != std::errc() || ptr != end) return false;
  *value = parsed;
  return true;
}

bool ParseDouble(std::string_view text, double* value) {
  if (text.empty()) return false;
  double parsed = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, parsed, std::chars_format::general);
  if (ec != std::errc() || ptr != end) return false;
  *value = parsed;
  return true;
}

bool ParseByteSize(std::string_view text, int64_t* bytes, std::string* why) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0) {
    *why = "must start with a non-negative integer";
    return false;
  }
  int64_t number = 0;
  if (!ParseInteger(text.substr(0, digits), &number)) {
    *why = "is too large";
    return false;
  }
  std::string_view unit = text.substr(digits);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  if (unit.empty() && digits != text.size()) {
    *why = "has trailing spaces";
    return false;
  }

  static constexpr std::array<std::pair<std::string_view, int64_t>, 8> kUnits = {{
      {"", 1},
      {"B", 1},
      {"KiB", int64_t{1} << 10},
      {"MiB", int64_t{1} << 20},
      {"GiB", int64_t{1} << 30},
      {"KB", 1000},
      {"MB", 1000 * 1000},
      {"GB", 1000 * 1000 * 1000},
  }};
  for (const auto& [name, multiplier] : kUnits) {
    if (!EqualsIgnoreCase(unit, name)) continue;
    int64_t result = 0;
    if (__builtin_mul_overflow(number, multiplier, &result)) {
      *why = "is too large";
      return false;
    }
    *bytes = result;
    return true;
  }
  *why = "has an unknown unit (use B, KiB, MiB, GiB, KB, MB or GB)";
  return false;
}

}  // namespace newsflow
