#include "cleaning/text_similarity.h"

#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "util/ascii.h"

namespace newsflow {
namespace {

std::vector<std::string> Tokens(std::string_view text, SimilarityWords words) {
  std::vector<std::string> tokens;
  std::string token;
  for (char c : text) {
    const bool in_word =
        IsAsciiAlnum(c) || c == '_' ||
        (words == SimilarityWords::kAsciiWordOrNonAscii && static_cast<unsigned char>(c) >= 0x80);
    if (in_word) {
      token.push_back(AsciiLower(c));
    } else if (!token.empty()) {
      tokens.push_back(std::move(token));
      token.clear();
    }
  }
  if (!token.empty()) tokens.push_back(std::move(token));
  return tokens;
}

}  // namespace

double TextSimilarity(std::string_view a, std::string_view b, SimilarityWords words) {
  const std::vector<std::string> tokens_a = Tokens(a, words);
  const std::vector<std::string> tokens_b = Tokens(b, words);
  if (tokens_a.empty() || tokens_b.empty()) return 0;
  const std::unordered_set<std::string> set_a(tokens_a.begin(), tokens_a.end());
  size_t unique_length = 0;
  size_t unique_count = 0;
  size_t total_length = 0;
  for (const std::string& token : tokens_b) {
    total_length += token.size();
    if (set_a.count(token) == 0) {
      unique_length += token.size();
      ++unique_count;
    }
  }
  total_length += tokens_b.size() - 1;
  if (unique_count > 0) unique_length += unique_count - 1;
  return 1.0 - static_cast<double>(unique_length) / static_cast<double>(total_length);
}

}  // namespace newsflow
