// Equality of short byte strings (words, cache keys) without a call.
//
// A lookup of a word in a hash table ends in a comparison of a few bytes.
// std::string_view's operator== calls memcmp, whose call and dispatch cost
// more than the comparison itself for words; ShortBytesEqual compares up to
// 32 bytes inline with overlapping 8-byte loads (4-byte ones or single
// bytes below 8) and hands longer strings to memcmp. It reads only a[0, n)
// and b[0, n).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace newsflow {

namespace short_bytes_detail {
inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline uint32_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
}  // namespace short_bytes_detail

// Whether a[0, n) == b[0, n).
inline bool ShortBytesEqual(const char* a, const char* b, size_t n) {
  using short_bytes_detail::Load32;
  using short_bytes_detail::Load64;
  if (n >= 8) {
    if (n > 32) return std::memcmp(a, b, n) == 0;
    // The first and last 8 bytes cover up to 16; two more up to 32.
    uint64_t diff = (Load64(a) ^ Load64(b)) | (Load64(a + n - 8) ^ Load64(b + n - 8));
    if (n > 16) diff |= (Load64(a + 8) ^ Load64(b + 8)) | (Load64(a + n - 16) ^ Load64(b + n - 16));
    return diff == 0;
  }
  if (n >= 4) return ((Load32(a) ^ Load32(b)) | (Load32(a + n - 4) ^ Load32(b + n - 4))) == 0;
  if (n == 0) return true;
  // 1 to 3 bytes: the first, middle and last cover them all.
  return a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1];
}

inline bool ShortBytesEqual(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ShortBytesEqual(a.data(), b.data(), a.size());
}

}  // namespace newsflow
