// UTF-8 validation and repair.
//
// Repair follows the Unicode "substitution of maximal subparts" practice
// (Unicode Standard ch. 3, U+FFFD substitution; also the W3C/WHATWG decoder):
// every maximal subpart of an ill-formed sequence becomes one U+FFFD. A
// maximal subpart is the longest prefix of a well-formed sequence that the
// bytes start with, or a single byte if no well-formed sequence starts there.
// Overlong forms, encoded surrogates (ED A0..BF ..), code points above
// U+10FFFF, bytes C0, C1 and F5..FF are all ill-formed.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace newsflow {

struct Utf8RepairResult {
  std::string text;          // valid UTF-8
  size_t invalid_bytes = 0;  // input bytes that were replaced
};

// True if `bytes` is entirely well-formed UTF-8 (SIMD-accelerated).
bool IsValidUtf8(std::string_view bytes);

// Returns `bytes` with each maximal ill-formed subpart replaced by U+FFFD
// (EF BF BD). Valid input comes back unchanged with invalid_bytes == 0.
Utf8RepairResult RepairUtf8(std::string_view bytes);

// Decodes the code point starting at byte `i` of `text` into *cp. Returns its
// length in bytes, or 0 if the bytes there are not valid UTF-8 (or i is at
// the end). The one decoding loop primitive of the project (utf8proc).
size_t DecodeUtf8At(std::string_view text, size_t i, int32_t* cp);

}  // namespace newsflow
