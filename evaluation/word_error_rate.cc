#include "evaluation/word_error_rate.h"

#include <algorithm>
#include <cstddef>

namespace newsflow {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

}  // namespace

std::vector<std::string_view> SplitWords(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSpace(text[i])) ++i;
    const size_t begin = i;
    while (i < text.size() && !IsSpace(text[i])) ++i;
    if (i > begin) words.push_back(text.substr(begin, i - begin));
  }
  return words;
}

int64_t WordEditDistance(std::string_view reference, std::string_view hypothesis) {
  const std::vector<std::string_view> ref = SplitWords(reference);
  const std::vector<std::string_view> hyp = SplitWords(hypothesis);
  size_t prefix = 0;
  while (prefix < ref.size() && prefix < hyp.size() && ref[prefix] == hyp[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < ref.size() - prefix && suffix < hyp.size() - prefix &&
         ref[ref.size() - 1 - suffix] == hyp[hyp.size() - 1 - suffix]) {
    ++suffix;
  }
  const size_t n = ref.size() - prefix - suffix;
  const size_t m = hyp.size() - prefix - suffix;
  if (n == 0 || m == 0) return static_cast<int64_t>(n + m);
  // Two rows of the classic dynamic programme over the differing stretches.
  std::vector<int64_t> previous(m + 1);
  std::vector<int64_t> current(m + 1);
  for (size_t j = 0; j <= m; ++j) previous[j] = static_cast<int64_t>(j);
  for (size_t i = 1; i <= n; ++i) {
    current[0] = static_cast<int64_t>(i);
    const std::string_view r = ref[prefix + i - 1];
    for (size_t j = 1; j <= m; ++j) {
      const int64_t substitute = previous[j - 1] + (r == hyp[prefix + j - 1] ? 0 : 1);
      current[j] = std::min({substitute, previous[j] + 1, current[j - 1] + 1});
    }
    std::swap(previous, current);
  }
  return previous[m];
}

double WordErrorRate(std::string_view reference, std::string_view hypothesis) {
  const size_t words = SplitWords(reference).size();
  const int64_t distance = WordEditDistance(reference, hypothesis);
  if (words == 0) return static_cast<double>(distance);
  return static_cast<double>(distance) / static_cast<double>(words);
}

}  // namespace newsflow
