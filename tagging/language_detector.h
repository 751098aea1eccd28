// Language identification of article text with CLD2 (libcld2: 83 languages,
// the ones with most web text; Debian's 160-language libcld2_full does not
// link).
//
// Result codes are ISO 639-1 where the language has one ("en", "he", "jv",
// "zh"), else CLD2's code (ISO 639-2/3, e.g. "haw"); "und" when
// nothing could be identified. CLD2's legacy codes are mapped to the current
// ISO 639-1 ones (iw -> he, jw -> jv, in -> id, ji -> yi) and script or region
// variants are dropped (zh-Hant -> zh).
//
// Policy for a language hint (the input's `language`, or the HTML page's
// declared language), documented in docs/TAGGING.md:
//   - the hint is passed to CLD2 as a prior;
//   - the hint is the answer unless the text itself says otherwise with
//     confidence: a reliable detection of another language covering at least
//     kOverrideHintPercent of the text wins over it (a feed that labels every
//     item "en" is common; a Spanish article labelled "en" gets "es");
//   - a hint that is not a language code (e.g. "english", "x-klingon") is
//     ignored.
// Short texts (under kMinReliableChars characters of letters) are never
// reliable: CLD2 guesses from too little evidence.
// Only the first kMaxDetectBytes of a text are given to CLD2 (cut at a
// space): a news article's language is settled long before, and CLD2's cost
// is linear in what it reads (docs/TAGGING.md has the accuracy with the cap).
//
// Thread-safety: stateless; CLD2's tables are read-only and its detection is
// reentrant.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsflow {

inline constexpr int kMinReliableChars = 200;
inline constexpr int kOverrideHintPercent = 80;
inline constexpr size_t kMaxDetectBytes = 640;

struct LanguageGuess {
  std::string code = "und";  // see above
  double confidence = 0;     // 0..1: share of the text in that language, scaled down when short
  bool reliable = false;
  std::string source;  // "detected", "hint", or "none"
};

// `text` must be valid UTF-8 (cleaned article text). `hint` may be empty.
LanguageGuess DetectLanguage(std::string_view text, std::string_view hint);

// The ISO 639-1 (or CLD2) code of a BCP 47 tag or CLD2 code: "en-GB" -> "en",
// "iw" -> "he", "zh-Hant" -> "zh". Empty if `tag` does not look like a
// language tag (2-3 ASCII letters, then optional "-" or "_" subtags).
std::string NormalizeLanguageCode(std::string_view tag);

}  // namespace newsflow
