#include "tagging/simhash.h"

// Header-only XXH3 (same hashes as the library): inlined per token.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <vector>

#include "util/ascii.h"
#include "util/ascii_runs.h"

namespace newsflow {
namespace {

uint64_t Hash(const char* bytes, size_t size) { return XXH3_64bits(bytes, size); }

// Byte classes of the tokenizer: ASCII lowercase letters and digits,
// ASCII capitals, non-ASCII bytes, and separators (0: everything else).
enum : uint8_t { kLowerOrDigit = 1, kUpper = 2, kNonAscii = 4 };

constexpr std::array<uint8_t, 256> kByteClass = [] {
  std::array<uint8_t, 256> table{};
  for (size_t c = 0; c < 256; ++c) {
    if (c >= 0x80) {
      table[c] = kNonAscii;
    } else if (c >= 'A' && c <= 'Z') {
      table[c] = kUpper;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      table[c] = kLowerOrDigit;
    }
  }
  return table;
}();

uint8_t ByteClass(char c) { return kByteClass[static_cast<unsigned char>(c)]; }

// Whether text[begin, end) has an ASCII capital, eight bytes at a time; a
// last partial chunk is one load, masked, while the text goes on for eight
// bytes (byte by byte at its very end).
bool HasAsciiUpper(std::string_view text, size_t begin, size_t end) {
  uint64_t upper = 0;
  size_t i = begin;
  for (; i + 8 <= end; i += 8) {
    uint64_t chunk;
    std::memcpy(&chunk, text.data() + i, 8);
    upper |= AsciiUpperBytes(chunk);
  }
  if (i < end && text.size() - i >= 8) {
    uint64_t chunk;
    std::memcpy(&chunk, text.data() + i, 8);
    upper |= AsciiUpperBytes(chunk) & (~uint64_t{0} >> (8 * (8 - (end - i))));
  } else {
    for (; i < end; ++i) upper |= (text[i] >= 'A' && text[i] <= 'Z') ? 1 : 0;
  }
  return upper != 0;
}

// Calls `on_token(uint64_t hash)` with the XXH3 hash of each token of `text`
// (ASCII alphanumerics lowercased). Tokens without capitals, most of them,
// are hashed in place; others are lowercased into `scratch` first.
template <typename OnToken>
void ForEachTokenHash(std::string_view text, std::string& scratch, OnToken&& on_token) {
  size_t i = 0;
  const size_t n = text.size();
  const char* data = text.data();
  while (i < n) {
    uint8_t byte_class = ByteClass(data[i]);
    if (byte_class == 0) {
      ++i;
      continue;
    }
    const size_t begin = i;
    if (byte_class == kNonAscii) {
      while (++i < n && ByteClass(data[i]) == kNonAscii) {
      }
      on_token(Hash(data + begin, i - begin));
      continue;
    }
    i = AsciiAlnumRunEnd(text, i + 1);
    if (!HasAsciiUpper(text, begin, i)) {
      on_token(Hash(data + begin, i - begin));
      continue;
    }
    scratch.assign(data + begin, i - begin);
    for (char& ch : scratch) ch = AsciiLower(ch);
    on_token(Hash(scratch.data(), scratch.size()));
  }
}

// kSpread[b] has byte j equal to bit j of b: adding kSpread of each byte of
// a hash to eight 64-bit words counts, in 64 byte-wide lanes, how many
// hashes have each bit set (8 additions per hash instead of 64 votes).
constexpr std::array<uint64_t, 256> kSpread = [] {
  std::array<uint64_t, 256> table{};
  for (size_t b = 0; b < 256; ++b) {
    for (int j = 0; j < 8; ++j) table[b] |= static_cast<uint64_t>((b >> j) & 1) << (8 * j);
  }
  return table;
}();

// Charikar's SimHash of the hashes hash_at(0) .. hash_at(count - 1): bit i
// set when more than half of them have bit i set (the sign of the sum of
// +1/-1 votes). Counts in blocks of at most 255 hashes, so a byte lane never
// overflows; the eight lane words stay in registers.
template <typename HashAt>
uint64_t MajorityBits(size_t count, HashAt&& hash_at) {
  std::array<uint64_t, 64> ones{};
  for (size_t done = 0; done < count;) {
    const size_t block = std::min<size_t>(count - done, 255);
    uint64_t l0 = 0, l1 = 0, l2 = 0, l3 = 0, l4 = 0, l5 = 0, l6 = 0, l7 = 0;
    for (size_t i = done; i < done + block; ++i) {
      const uint64_t h = hash_at(i);
      l0 += kSpread[h & 0xFF];
      l1 += kSpread[(h >> 8) & 0xFF];
      l2 += kSpread[(h >> 16) & 0xFF];
      l3 += kSpread[(h >> 24) & 0xFF];
      l4 += kSpread[(h >> 32) & 0xFF];
      l5 += kSpread[(h >> 40) & 0xFF];
      l6 += kSpread[(h >> 48) & 0xFF];
      l7 += kSpread[h >> 56];
    }
    const std::array<uint64_t, 8> lanes = {l0, l1, l2, l3, l4, l5, l6, l7};
    for (size_t b = 0; b < 8; ++b) {
      for (size_t j = 0; j < 8; ++j) ones[8 * b + j] += (lanes[b] >> (8 * j)) & 0xFF;
    }
    done += block;
  }
  uint64_t result = 0;
  for (size_t bit = 0; bit < 64; ++bit) {
    if (2 * ones[bit] > count) result |= uint64_t{1} << bit;
  }
  return result;
}

}  // namespace

TextFingerprint FingerprintText(std::string_view text) {
  // Token hashes first; shingle hashes and the content hash are both made
  // from them (no string joins, one tokenizing pass).
  std::vector<uint64_t> tokens;
  tokens.reserve(text.size() / 5);
  std::string scratch;
  ForEachTokenHash(text, scratch, [&](uint64_t hash) { tokens.push_back(hash); });
  TextFingerprint fingerprint;
  if (tokens.empty()) return fingerprint;
  if (tokens.size() < kSimHashShingleWords) {
    fingerprint.simhash = MajorityBits(tokens.size(), [&](size_t i) { return tokens[i]; });
  } else {
    fingerprint.simhash = MajorityBits(tokens.size() + 1 - kSimHashShingleWords, [&](size_t i) {
      return XXH3_64bits(&tokens[i], kSimHashShingleWords * sizeof(uint64_t));
    });
  }
  // The token hash sequence stands for the token stream: equal streams give
  // equal hashes; different ones collide with probability ~2^-64 per token.
  const uint64_t content = XXH3_64bits(tokens.data(), tokens.size() * sizeof(uint64_t));
  static constexpr char kHex[] = "0123456789abcdef";
  fingerprint.content_hash.resize(16);
  for (int i = 0; i < 16; ++i) {
    fingerprint.content_hash[static_cast<size_t>(i)] = kHex[(content >> (60 - 4 * i)) & 0xF];
  }
  return fingerprint;
}

uint64_t SimHash64(std::string_view text) { return FingerprintText(text).simhash; }

std::string ContentHash(std::string_view text) { return FingerprintText(text).content_hash; }

int HammingDistance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

}  // namespace newsflow
