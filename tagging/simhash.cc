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

uint64_t SimHash64(std::string_view text) {
  // Token hashes, then shingle hashes combined from them (no string joins).
  std::vector<uint64_t> tokens;
  std::string scratch;
  ForEachToken(text, scratch, [&](std::string_view token) { tokens.push_back(Hash(token)); });
  if (tokens.empty()) return 0;
  std::array<int32_t, 64> votes{};
  auto vote = [&votes](uint64_t h) {
    for (int bit = 0; bit < 64; ++bit) votes[bit] += ((h >> bit) & 1) ? 1 : -1;
  };
  if (tokens.size() < kSimHashShingleWords) {
    for (uint64_t token : tokens) vote(token);
  } else {
    for (size_t i = 0; i + kSimHashShingleWords <= tokens.size(); ++i) {
      vote(XXH3_64bits(&tokens[i], kSimHashShingleWords * sizeof(uint64_t)));
    }
  }
  uint64_t fingerprint = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (votes[bit] > 0) fingerprint |= uint64_t{1} << bit;
  }
  return fingerprint;
}

std::string ContentHash(std::string_view text) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  std::string scratch;
  bool any = false;
  ForEachToken(text, scratch, [&](std::string_view token) {
    XXH3_64bits_update(state, token.data(), token.size());
    XXH3_64bits_update(state, " ", 1);
    any = true;
  });
  const uint64_t hash = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  if (!any) return {};
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

int HammingDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

}  // namespace newsflow
