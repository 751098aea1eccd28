// ASCII-only character tests and case-insensitive comparisons.
//
// For the parts of HTML, HTTP and feed formats that are defined on ASCII
// (tag and attribute names, class and id tokens, month names, language tags):
// bytes >= 0x80 are never letters, digits or space here and are compared
// exactly, so UTF-8 text passes through untouched. For Unicode properties use
// utf8proc (cleaning/text_normalize.h).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsflow {

constexpr char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Space, tab, LF, CR, form feed and vertical tab (C isspace in the "C" locale):
// one bit test instead of six comparisons (tokenizers ask it of every byte).
constexpr bool IsAsciiSpace(char c) {
  constexpr uint64_t kSpaces = uint64_t{1} << ' ' | uint64_t{1} << '\t' | uint64_t{1} << '\n' |
                               uint64_t{1} << '\r' | uint64_t{1} << '\f' | uint64_t{1} << '\v';
  const auto u = static_cast<unsigned char>(c);
  return u <= ' ' && ((kSpaces >> u) & 1) != 0;
}
// A-Z or a-z: setting bit 5 maps capitals onto lowercase letters and no
// other byte into 'a'..'z'.
constexpr bool IsAsciiAlpha(char c) {
  return static_cast<unsigned char>((static_cast<unsigned char>(c) | 0x20) - 'a') < 26;
}
constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
constexpr bool IsAsciiHexDigit(char c) {
  return IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// `s` without leading and trailing IsAsciiSpace characters.
constexpr std::string_view TrimAsciiSpace(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// `s` trimmed, with each run of IsAsciiSpace characters made one ' '.
inline std::string CollapseAsciiSpace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : TrimAsciiSpace(s)) {
    if (IsAsciiSpace(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

constexpr bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

constexpr bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

// Naive search: O(|haystack| * |needle|), meant for short needles (callers
// cap the haystack when it comes from untrusted input).
constexpr bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  if (needle.size() > haystack.size()) return false;
  for (size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
    if (EqualsIgnoreCase(haystack.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

}  // namespace newsflow
