// Fingerprints of article text for duplicate detection.
//
// Both work on the same token stream: runs of ASCII letters and digits,
// lowercased, and runs of non-ASCII bytes (so other scripts count too);
// everything else (punctuation, spacing, case) is ignored, so re-flowed or
// re-punctuated copies of a story get the same tokens.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsflow {

// Words per shingle for SimHash. 2 measured best on edited BBC articles
// (tools/eval_duplicates.py, docs/TAGGING.md): 3-word shingles miss a quarter
// of one-word edits; single words flag unrelated stories.
inline constexpr int kSimHashShingleWords = 2;

// 64-bit SimHash (Charikar) over 2-word shingles, each hashed with XXH3;
// texts with fewer than 2 words use their words. Near-identical texts differ
// in few bits: replacing one word of a BBC article changes 3 bits or fewer
// for 87% of them. 0 for a text without tokens.
uint64_t SimHash64(std::string_view text);

// Hex XXH3-64 of the token stream: equal for texts that differ only in case,
// punctuation and spacing. "" for a text without tokens.
std::string ContentHash(std::string_view text);

struct TextFingerprint {
  uint64_t simhash = 0;      // SimHash64(text)
  std::string content_hash;  // ContentHash(text)
};

// Both fingerprints from one pass over the text (what the stage uses).
TextFingerprint FingerprintText(std::string_view text);

// Number of differing bits.
int HammingDistance(uint64_t a, uint64_t b);

}  // namespace newsflow
