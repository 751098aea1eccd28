// Readability.js _textSimilarity, shared by the title choices of
// cleaning/main_content.cc and cleaning/html_metadata.cc: how much of `b` is
// made of words that also occur in `a`.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <string_view>

namespace newsflow {

// What a word is. Words are compared ASCII-lowercased.
enum class SimilarityWords : uint8_t {
  // Runs of [A-Za-z0-9_]; every other byte separates, as Readability's
  // split on /\W+/ does (main content: its output is compared with
  // Readability's).
  kAsciiWord,
  // Also every byte >= 0x80, so words in other scripts count (metadata: a
  // title in Greek or Chinese would otherwise have no words at all).
  kAsciiWordOrNonAscii,
};

// 1 - (bytes of b's words not among a's words, plus one per gap between
// them) / (bytes of all b's words, plus one per gap between them). 0 when
// either text has no word; 1 when every word of b occurs in a.
double TextSimilarity(std::string_view a, std::string_view b, SimilarityWords words);

}  // namespace newsflow
