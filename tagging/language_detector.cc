#include "tagging/language_detector.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>
#include <vector>

#include "cleaning/text_normalize.h"
#include "util/ascii.h"

namespace newsflow {
namespace {

// CLD2 counts letters only; so do we, for the "short text" rule.
int LetterCount(std::string_view text, int stop_at) {
  int letters = 0;
  for (size_t i = 0; i < text.size() && letters < stop_at; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    // ASCII letters, and the lead byte of every multi-byte character (nearly
    // all of them are letters in news text).
    if (IsAsciiAlpha(static_cast<char>(c)) || c >= 0xC0) ++letters;
  }
  return letters;
}

}  // namespace

std::string NormalizeLanguageCode(std::string_view tag) {
  size_t primary = 0;
  while (primary < tag.size() && IsAsciiAlpha(tag[primary])) ++primary;
  if (primary < 2 || primary > 3) return {};
  if (primary < tag.size() && tag[primary] != '-' && tag[primary] != '_') return {};
  std::string code;
  for (size_t i = 0; i < primary; ++i) code.push_back(AsciiLower(tag[i]));
  if (code == "iw") return "he";
  if (code == "jw") return "jv";
  if (code == "in") return "id";
  if (code == "ji") return "yi";
  if (code == "un" || code == "xx" || code == "und" || code == "zxx" || code == "mul") return {};
  return code;
}

LanguageGuess DetectLanguage(std::string_view text, std::string_view hint) {
  const std::string hint_code = NormalizeLanguageCode(hint);
  CLD2::CLDHints hints = {hint_code.empty() ? nullptr : hint_code.c_str(), nullptr,
                          CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language top3[3];
  int percent3[3] = {0, 0, 0};
  double scores3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  size_t length = text.size();
  if (length > kMaxDetectBytes) {
    // Cut at the last space in the window (else at a UTF-8 boundary), so no
    // word or character is split.
    const size_t space = text.rfind(' ', kMaxDetectBytes);
    length =
        space != std::string_view::npos && space > kMaxDetectBytes / 2 ? space : kMaxDetectBytes;
    while (length > 0 && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) --length;
  }
  const CLD2::Language detected =
      CLD2::ExtDetectLanguageSummary(text.data(), static_cast<int>(length), /*is_plain_text=*/true,
                                     &hints, /*flags=*/0, top3, percent3, scores3,
                                     /*resultchunkvector=*/nullptr, &text_bytes, &reliable);

  LanguageGuess guess;
  const std::string detected_code = detected == CLD2::UNKNOWN_LANGUAGE
                                        ? std::string()
                                        : NormalizeLanguageCode(CLD2::LanguageCode(detected));
  const int letters = LetterCount(text, kMinReliableChars);
  const bool long_enough = letters >= kMinReliableChars;
  const double share = std::clamp(percent3[0] / 100.0, 0.0, 1.0);
  // Short texts keep their answer but with a confidence scaled by how much
  // evidence there was.
  const double evidence = std::min(1.0, static_cast<double>(letters) / kMinReliableChars);

  const bool confident_detection = !detected_code.empty() && reliable && long_enough;
  if (!hint_code.empty() &&
      !(confident_detection && detected_code != hint_code && percent3[0] >= kOverrideHintPercent)) {
    guess.code = hint_code;
    guess.source = "hint";
    guess.reliable = confident_detection && detected_code == hint_code;
    guess.confidence = detected_code == hint_code ? std::max(share * evidence, 0.5) : 0.5;
    return guess;
  }
  if (detected_code.empty()) {
    guess.source = "none";
    return guess;
  }
  guess.code = detected_code;
  guess.source = "detected";
  guess.reliable = confident_detection;
  guess.confidence = share * evidence;
  return guess;
}

}  // namespace newsflow
