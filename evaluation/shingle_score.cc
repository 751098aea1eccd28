#include "evaluation/shingle_score.h"

#include <utf8proc.h>
#include <xxhash.h>

#include <unordered_map>

#include "util/utf8_repair.h"

namespace newsflow {
namespace {

enum class WordClass { kNone, kWord, kMark };

WordClass ClassOf(int32_t cp) {
  if (cp < 0x80) {
    const bool word = (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
                      (cp >= 'A' && cp <= 'Z') || cp == '_';
    return word ? WordClass::kWord : WordClass::kNone;
  }
  const utf8proc_category_t category = utf8proc_category(cp);
  if ((category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) ||
      (category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO)) {
    return WordClass::kWord;
  }
  if (category == UTF8PROC_CATEGORY_MN || category == UTF8PROC_CATEGORY_MC) {
    return WordClass::kMark;
  }
  return WordClass::kNone;
}

// Calls on_token(std::string_view lowercased) for every token of `text`.
template <typename OnToken>
void ForEachToken(std::string_view text, OnToken on_token) {
  std::string token;
  const size_t n = text.size();
  size_t i = 0;
  while (i <= n) {
    int32_t cp = -1;
    size_t length = 1;
    if (i < n) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c < 0x80) {
        cp = c;
      } else {
        length = DecodeUtf8At(text, i, &cp);
        if (length == 0) {
          cp = -1;  // invalid byte: a separator
          length = 1;
        }
      }
    }
    const WordClass word_class = cp < 0 ? WordClass::kNone : ClassOf(cp);
    if (word_class == WordClass::kWord || (word_class == WordClass::kMark && !token.empty())) {
      const int32_t lower =
          cp < 0x80 ? ((cp >= 'A' && cp <= 'Z') ? cp + ('a' - 'A') : cp) : utf8proc_tolower(cp);
      utf8proc_uint8_t encoded[4];
      const utf8proc_ssize_t encoded_length = utf8proc_encode_char(lower, encoded);
      token.append(reinterpret_cast<const char*>(encoded), static_cast<size_t>(encoded_length));
    } else if (!token.empty()) {
      on_token(std::string_view(token));
      token.clear();
    }
    i += length;
  }
}

std::vector<uint64_t> TokenHashes(std::string_view text) {
  std::vector<uint64_t> hashes;
  ForEachToken(text, [&hashes](std::string_view token) {
    hashes.push_back(XXH3_64bits(token.data(), token.size()));
  });
  return hashes;
}

// Shingles of width `width` (1 or 4) as hashes.
std::vector<uint64_t> Shingles(const std::vector<uint64_t>& tokens, size_t width) {
  if (width == 1) return tokens;
  std::vector<uint64_t> shingles;
  if (tokens.size() < width) return shingles;
  shingles.reserve(tokens.size() - width + 1);
  for (size_t i = 0; i + width <= tokens.size(); ++i) {
    shingles.push_back(XXH3_64bits(tokens.data() + i, width * sizeof(uint64_t)));
  }
  return shingles;
}

}  // namespace

std::vector<std::string> ShingleTokens(std::string_view utf8_text) {
  std::vector<std::string> tokens;
  ForEachToken(utf8_text, [&tokens](std::string_view token) { tokens.emplace_back(token); });
  return tokens;
}

ShinglePageScore ShingleScore(std::string_view ours, std::string_view expected) {
  constexpr size_t kWidth = 4;
  const std::vector<uint64_t> our_tokens = TokenHashes(ours);
  const std::vector<uint64_t> expected_tokens = TokenHashes(expected);
  const size_t width = (our_tokens.size() < kWidth || expected_tokens.size() < kWidth) ? 1 : kWidth;
  const std::vector<uint64_t> our_shingles = Shingles(our_tokens, width);
  const std::vector<uint64_t> expected_shingles = Shingles(expected_tokens, width);

  ShinglePageScore score;
  score.ours = static_cast<int64_t>(our_shingles.size());
  score.expected = static_cast<int64_t>(expected_shingles.size());
  if (score.ours == 0 || score.expected == 0) {
    const double both_empty = (score.ours == 0 && score.expected == 0) ? 1.0 : 0.0;
    score.precision = score.recall = both_empty;
    return score;
  }
  std::unordered_map<uint64_t, int64_t> remaining;
  remaining.reserve(expected_shingles.size());
  for (uint64_t shingle : expected_shingles) ++remaining[shingle];
  for (uint64_t shingle : our_shingles) {
    const auto it = remaining.find(shingle);
    if (it != remaining.end() && it->second > 0) {
      --it->second;
      ++score.common;
    }
  }
  score.precision = static_cast<double>(score.common) / static_cast<double>(score.ours);
  score.recall = static_cast<double>(score.common) / static_cast<double>(score.expected);
  return score;
}

ShinglePageScore ShingleCorpusScore::Add(std::string_view ours, std::string_view expected) {
  const ShinglePageScore score = ShingleScore(ours, expected);
  ++pages_;
  precision_sum_ += score.precision;
  recall_sum_ += score.recall;
  return score;
}

double ShingleCorpusScore::mean_precision() const {
  return pages_ == 0 ? 0.0 : precision_sum_ / static_cast<double>(pages_);
}

double ShingleCorpusScore::mean_recall() const {
  return pages_ == 0 ? 0.0 : recall_sum_ / static_cast<double>(pages_);
}

double ShingleCorpusScore::f1() const {
  const double p = mean_precision();
  const double r = mean_recall();
  return (p + r) == 0 ? 0.0 : 2 * p * r / (p + r);
}

}  // namespace newsflow
