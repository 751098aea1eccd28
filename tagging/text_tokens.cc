#include "tagging/text_tokens.h"

#include <utf8proc.h>

#include "util/ascii.h"
#include "util/ascii_runs.h"
#include "util/unicode_class.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

bool IsWordLike(utf8proc_category_t c) {
  return IsLetterCategory(c) || IsMarkCategory(c) || IsNumberCategory(c);
}

}  // namespace

std::vector<TextToken> TokenizeText(std::string_view s) {
  std::vector<TextToken> toks;
  toks.reserve(s.size() / 4 + 8);
  bool space = false;
  bool newline = false;
  size_t i = 0;
  const size_t n = s.size();
  auto push = [&](size_t b, size_t e, TextTokenKind k) __attribute__((always_inline)) {
    toks.push_back(
        TextToken{static_cast<uint32_t>(b), static_cast<uint32_t>(e), k, space, newline});
    space = newline = false;
  };
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (IsAsciiSpace(static_cast<char>(c))) {
      space = true;
      newline = newline || c == '\n';
      ++i;
    } else if (IsAsciiAlpha(static_cast<char>(c))) {
      const size_t j = AsciiLetterRunEnd(s, i + 1);
      push(i, j, TextTokenKind::kWord);
      i = j;
    } else if (IsAsciiDigit(static_cast<char>(c))) {
      size_t j = i + 1;
      while (j < n && IsAsciiDigit(s[j])) ++j;
      push(i, j, TextTokenKind::kNum);
      i = j;
    } else if (c < 0x80) {
      push(i, i + 1, TextTokenKind::kPunct);
      ++i;
    } else {
      int32_t cp = 0;
      size_t len = DecodeUtf8At(s, i, &cp);
      if (len == 0) {
        push(i, i + 1, TextTokenKind::kOther);
        ++i;
        continue;
      }
      const auto cat = utf8proc_category(cp);
      if (cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
          cat == UTF8PROC_CATEGORY_ZP) {
        space = true;
        newline = newline || cat != UTF8PROC_CATEGORY_ZS;
        i += len;
      } else if (IsWordLike(cat)) {
        size_t j = i + len;
        while (j < n && static_cast<unsigned char>(s[j]) >= 0x80) {
          const size_t l = DecodeUtf8At(s, j, &cp);
          if (l == 0 || !IsWordLike(utf8proc_category(cp))) break;
          j += l;
        }
        push(i, j, TextTokenKind::kForeign);
        i = j;
      } else {
        push(i, i + len, TextTokenKind::kOther);
        i += len;
      }
    }
  }
  return toks;
}

std::shared_ptr<const std::vector<TextToken>> TokenizeTextShared(std::string_view text) {
  struct Memo {
    std::string text;
    std::shared_ptr<const std::vector<TextToken>> tokens;
  };
  thread_local Memo memo;
  if (memo.tokens != nullptr && memo.text == text) return memo.tokens;
  auto tokens = std::make_shared<const std::vector<TextToken>>(TokenizeText(text));
  if (text.size() <= kSharedTokensMaxBytes) {
    memo.text.assign(text);
    memo.tokens = tokens;
  } else {
    memo.text.clear();
    memo.tokens.reset();
  }
  return tokens;
}

}  // namespace newsflow
