// The token model of the rule-based English taggers (dates, amounts).
//
// A word is a run of ASCII letters, a number a run of ASCII digits; every
// other ASCII character is its own punctuation token. A run of non-ASCII
// letters/digits/marks is one kForeign token (so "éMay" is not "May"); any
// other non-ASCII code point (currency signs, dashes, quotes) is one kOther
// token, as is each invalid byte. Whitespace (ASCII, and Unicode Zs/Zl/Zp)
// separates tokens and is recorded on the token after it.
//
// Offsets are 32-bit: callers do not scan inputs of 4 GiB or more.
// Thread-safety: TokenizeText is a pure function; TokenizeTextShared keeps
// one memo per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {

enum class TextTokenKind : uint8_t { kWord, kNum, kPunct, kForeign, kOther };

struct TextToken {
  uint32_t b = 0;  // byte offsets [b, e)
  uint32_t e = 0;
  TextTokenKind kind = TextTokenKind::kOther;
  bool space = false;    // whitespace between the previous token and this one
  bool newline = false;  // ... containing a line break (LF, U+2028, U+2029)
};

std::vector<TextToken> TokenizeText(std::string_view text);

// TokenizeText through a memo of the last text tokenized on this thread:
// the keyword, date and amount taggers tokenize the same article text one
// after another. A hit needs the whole text to be equal (compared byte for
// byte), so it is always exact; texts over kSharedTokensMaxBytes are not
// remembered. The tokens stay valid as long as the caller holds the pointer,
// whatever this thread tokenizes next.
inline constexpr size_t kSharedTokensMaxBytes = size_t{1} << 20;
std::shared_ptr<const std::vector<TextToken>> TokenizeTextShared(std::string_view text);

}  // namespace newsflow
