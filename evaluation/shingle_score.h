// Word 4-gram shingle overlap between an extracted text and the expected one:
// the measure `newsflow eval html` reports for main-content extraction.
//
// Tokens are runs of word characters, lowercased (utf8proc simple case
// mapping): letters and digits (general categories L* and N*), the underscore,
// and combining marks (Mn, Mc) that follow a word character (a mark after a
// non-word character is not a word character, so "\u0301abc" is one token
// "abc"). Everything else separates tokens; invalid UTF-8 bytes do too.
//
// Shingles are the consecutive 4-token tuples of a text, counted as a
// MULTISET: a shingle that occurs twice in the expected text matches at most
// two occurrences in ours. If either text has fewer than 4 tokens, both texts
// use single tokens as shingles instead (so a 3-word page is still comparable).
// Shingles are compared through 64-bit hashes of their tokens; a collision
// (probability ~ n^2 / 2^64) could only inflate the overlap.
//
//   precision = |ours ∩ expected| / |ours|
//   recall    = |ours ∩ expected| / |expected|
// Both texts empty: precision = recall = 1. Exactly one empty: both 0.
//
// Over a set of pages, precision and recall are averaged per page (each page
// weighs the same whatever its length) and F1 is the harmonic mean of the two
// averages.
//
// Thread-safety: ShingleScore is a pure function; a ShingleCorpusScore is used
// by one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {

struct ShinglePageScore {
  double precision = 0;
  double recall = 0;
  int64_t ours = 0;      // shingles in the extracted text
  int64_t expected = 0;  // shingles in the expected text
  int64_t common = 0;    // multiset intersection size
};

// The lowercased tokens of `utf8_text` as defined above (for tests and
// diagnostics).
std::vector<std::string> ShingleTokens(std::string_view utf8_text);

// Scores `ours` against `expected`.
ShinglePageScore ShingleScore(std::string_view ours, std::string_view expected);

// Averages page scores.
class ShingleCorpusScore {
 public:
  // Scores one page, adds it to the averages and returns its score.
  ShinglePageScore Add(std::string_view ours, std::string_view expected);

  size_t pages() const { return pages_; }
  double mean_precision() const;  // 0 when no page was added
  double mean_recall() const;
  double f1() const;  // harmonic mean of the means; 0 when both are 0

 private:
  size_t pages_ = 0;
  double precision_sum_ = 0;
  double recall_sum_ = 0;
};

}  // namespace newsflow
