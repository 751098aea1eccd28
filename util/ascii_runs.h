// Runs of ASCII letters (or letters and digits) found eight bytes at a time,
// and the capitals among eight bytes.
//
// Tokenizers stop a word at its first non-letter. Testing byte by byte costs
// a mispredicted branch at the end of nearly every word (word lengths do not
// repeat); testing eight bytes at once and counting the leading letters
// (bit tricks on one 64-bit word, then a count of trailing zeros) ends most
// words in one step.
//
// Thread-safety: pure functions.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "util/ascii.h"

namespace newsflow {

static_assert(std::endian::native == std::endian::little,
              "LeadingAsciiLetters reads the first byte as the lowest");

// How many of the 8 bytes of `chunk`, as loaded from memory, are ASCII
// letters before the first other byte: 0 to 8.
inline int LeadingAsciiLetters(uint64_t chunk) {
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  // Bit 5 set folds capitals onto lowercase; bit 7 cleared keeps the sums
  // below from carrying into the next byte (bytes >= 0x80 are excluded
  // by ~chunk at the end).
  const uint64_t folded = (chunk | 0x2020202020202020ULL) & 0x7F7F7F7F7F7F7F7FULL;
  const uint64_t at_least_a = folded + 0x1F1F1F1F1F1F1F1FULL;  // bit 7: >= 'a'
  const uint64_t above_z = folded + 0x0505050505050505ULL;     // bit 7: > 'z'
  const uint64_t letters = at_least_a & ~above_z & ~chunk & kHigh;
  const uint64_t others = ~letters & kHigh;
  return others == 0 ? 8 : std::countr_zero(others) / 8;
}

// How many of the 8 bytes of `chunk` are ASCII letters or digits before the
// first other byte: 0 to 8.
inline int LeadingAsciiAlnums(uint64_t chunk) {
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const uint64_t low7 = chunk & 0x7F7F7F7F7F7F7F7FULL;
  const uint64_t folded = low7 | 0x2020202020202020ULL;
  const uint64_t letters = (folded + 0x1F1F1F1F1F1F1F1FULL) & ~(folded + 0x0505050505050505ULL);
  // Digits from the unfolded bytes (bit 5 set would take 0x10-0x19 too).
  const uint64_t digits = (low7 + 0x5050505050505050ULL) & ~(low7 + 0x4646464646464646ULL);
  const uint64_t others = ~((letters | digits) & ~chunk) & kHigh;
  return others == 0 ? 8 : std::countr_zero(others) / 8;
}

// Bit 7 of each byte of `chunk` that is an ASCII capital (A-Z), no other
// bit: bytes >= 0x80 never count.
inline uint64_t AsciiUpperBytes(uint64_t chunk) {
  const uint64_t low7 = chunk & 0x7F7F7F7F7F7F7F7FULL;
  const uint64_t at_least_a = low7 + 0x3F3F3F3F3F3F3F3FULL;  // bit 7: >= 'A'
  const uint64_t above_z = low7 + 0x2525252525252525ULL;     // bit 7: > 'Z'
  return at_least_a & ~above_z & ~chunk & 0x8080808080808080ULL;
}

namespace ascii_runs_detail {
// The end of the run of bytes `in_run` accepts from text[begin], eight
// bytes at a step (`leading` counts the run's bytes at the start of one
// 64-bit word), the last few one by one.
template <int (*leading)(uint64_t), bool (*in_run)(char)>
size_t RunEnd(std::string_view text, size_t begin) {
  size_t i = begin;
  while (i + 8 <= text.size()) {
    uint64_t chunk;
    std::memcpy(&chunk, text.data() + i, 8);
    const int count = leading(chunk);
    i += static_cast<size_t>(count);
    if (count < 8) return i;
  }
  while (i < text.size() && in_run(text[i])) ++i;
  return i;
}
}  // namespace ascii_runs_detail

// The end of the run of ASCII letters starting at text[begin] (begin itself
// when text[begin] is not one, or begin >= text.size()).
inline size_t AsciiLetterRunEnd(std::string_view text, size_t begin) {
  return ascii_runs_detail::RunEnd<LeadingAsciiLetters, IsAsciiAlpha>(text, begin);
}

// The same for a run of ASCII letters and digits.
inline size_t AsciiAlnumRunEnd(std::string_view text, size_t begin) {
  return ascii_runs_detail::RunEnd<LeadingAsciiAlnums, IsAsciiAlnum>(text, begin);
}

}  // namespace newsflow
