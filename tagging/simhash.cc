#include "tagging/simhash.h"

#include <xxhash.h>

#include <array>
#include <bit>
#include <cstdio>
#include <vector>

#include "util/ascii.h"

namespace newsflow {
namespace {

// Calls `on_token(std::string_view lowered)` for each token of `text`.
template <typename OnToken>
void ForEachToken(std::string_view text, std::string& scratch, OnToken&& on_token) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const size_t begin = i;
      while (i < n && static_cast<unsigned char>(text[i]) >= 0x80) ++i;
      on_token(text.substr(begin, i - begin));
      continue;
    }
    if (!IsAsciiAlnum(static_cast<char>(c))) {
      ++i;
      continue;
    }
    scratch.clear();
    while (i < n && IsAsciiAlnum(text[i])) scratch.push_back(AsciiLower(text[i++]));
    on_token(scratch);
  }
}

uint64_t Hash(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

}  // namespace

TextFingerprint FingerprintText(std::string_view text) {
  // Token hashes first; shingle hashes and the content hash are both made
  // from them (no string joins, one tokenizing pass).
  std::vector<uint64_t> tokens;
  tokens.reserve(text.size() / 5);
  std::string scratch;
  ForEachToken(text, scratch, [&](std::string_view token) { tokens.push_back(Hash(token)); });
  TextFingerprint fingerprint;
  if (tokens.empty()) return fingerprint;
  std::array<int32_t, 64> votes{};
  auto vote = [&votes](uint64_t h) {
    for (int bit = 0; bit < 64; ++bit) votes[bit] += static_cast<int32_t>((h >> bit) & 1) * 2 - 1;
  };
  if (tokens.size() < kSimHashShingleWords) {
    for (uint64_t token : tokens) vote(token);
  } else {
    for (size_t i = 0; i + kSimHashShingleWords <= tokens.size(); ++i) {
      vote(XXH3_64bits(&tokens[i], kSimHashShingleWords * sizeof(uint64_t)));
    }
  }
  for (int bit = 0; bit < 64; ++bit) {
    if (votes[bit] > 0) fingerprint.simhash |= uint64_t{1} << bit;
  }
  // The token hash sequence stands for the token stream: equal streams give
  // equal hashes; different ones collide with probability ~2^-64 per token.
  const uint64_t content = XXH3_64bits(tokens.data(), tokens.size() * sizeof(uint64_t));
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(content));
  fingerprint.content_hash = hex;
  return fingerprint;
}

uint64_t SimHash64(std::string_view text) { return FingerprintText(text).simhash; }

std::string ContentHash(std::string_view text) { return FingerprintText(text).content_hash; }

int HammingDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

}  // namespace newsflow
