#include "util/ascii_runs.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

namespace newsflow {
namespace {

size_t ByteByByteRunEnd(std::string_view text, size_t begin, bool digits) {
  size_t i = begin;
  while (i < text.size() && (digits ? IsAsciiAlnum(text[i]) : IsAsciiAlpha(text[i]))) ++i;
  return i;
}

// Calls check(chunk, word, b, at) for `base` with every byte value b put at
// every place `at`, `word` being the eight bytes as one load.
template <typename Check>
void ForEveryByteAtEveryPlace(const std::string& base, Check check) {
  for (int b = 0; b < 256; ++b) {
    for (size_t at = 0; at < 8; ++at) {
      std::string chunk = base;
      chunk[at] = static_cast<char>(b);
      uint64_t word;
      std::memcpy(&word, chunk.data(), 8);
      check(chunk, word, b, at);
    }
  }
}

TEST(AsciiRuns, EveryByteAtEveryPlaceOfAChunkEndsTheRunOrNot) {
  ForEveryByteAtEveryPlace("abcdWXYZ", [](const std::string&, uint64_t word, int b, size_t at) {
    const int letters = IsAsciiAlpha(static_cast<char>(b)) ? 8 : static_cast<int>(at);
    const int alnums = IsAsciiAlnum(static_cast<char>(b)) ? 8 : static_cast<int>(at);
    EXPECT_EQ(LeadingAsciiLetters(word), letters) << "byte " << b << " at " << at;
    EXPECT_EQ(LeadingAsciiAlnums(word), alnums) << "byte " << b << " at " << at;
  });
}

TEST(AsciiRuns, UpperBytesMarkExactlyTheCapitals) {
  // Among neighbours of every kind.
  ForEveryByteAtEveryPlace(
      "aZ@[\xC3\xA9Q`", [](const std::string& chunk, uint64_t word, int b, size_t at) {
        uint64_t expected = 0;
        for (size_t k = 0; k < 8; ++k) {
          if (chunk[k] >= 'A' && chunk[k] <= 'Z') expected |= uint64_t{0x80} << (8 * k);
        }
        EXPECT_EQ(AsciiUpperBytes(word), expected) << "byte " << b << " at " << at;
      });
}

TEST(AsciiRuns, RunEndsMatchAByteByByteScanAtEveryStartAndLength) {
  std::mt19937 random(11);
  const std::string alphabet = "azAZ@[`{09/:\x10\x19 .\xC3\xA9\x80\xFF";
  for (int trial = 0; trial < 5000; ++trial) {
    std::string text;
    const size_t size = random() % 40;
    for (size_t i = 0; i < size; ++i) {
      // Mostly letters, so that long runs and chunk boundaries occur.
      text.push_back(random() % 4 != 0 ? static_cast<char>('a' + random() % 26)
                                       : alphabet[random() % alphabet.size()]);
    }
    for (size_t begin = 0; begin <= text.size() + 1; ++begin) {
      ASSERT_EQ(AsciiLetterRunEnd(text, begin), ByteByByteRunEnd(text, begin, false))
          << "\"" << text << "\" from " << begin;
      ASSERT_EQ(AsciiAlnumRunEnd(text, begin), ByteByByteRunEnd(text, begin, true))
          << "\"" << text << "\" from " << begin;
    }
  }
}

}  // namespace
}  // namespace newsflow
