#include "cleaning/text_normalize.h"

#include <utf8proc.h>

#include <array>
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

enum class CharKind : uint8_t {
  kVisible,
  kSpace,           // collapses to one space
  kLineBreak,       // two of them (with only spaces between) end a paragraph
  kParagraphBreak,  // ends a paragraph by itself
  kRemoved,         // dropped; does not interrupt a whitespace run
};

constexpr std::array<CharKind, 128> MakeAsciiKinds() {
  std::array<CharKind, 128> kinds{};
  for (int c = 0; c < 128; ++c) {
    kinds[c] = (c < 0x20 || c == 0x7F) ? CharKind::kRemoved : CharKind::kVisible;
  }
  kinds[' '] = kinds['\t'] = kinds['\v'] = kinds['\f'] = CharKind::kSpace;
  kinds['\n'] = kinds['\r'] = CharKind::kLineBreak;
  return kinds;
}

constexpr std::array<CharKind, 128> kAsciiKinds = MakeAsciiKinds();

constexpr std::array<bool, 128> MakeAsciiAlnum() {
  std::array<bool, 128> alnum{};
  for (int c = 0; c < 128; ++c) {
    alnum[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  return alnum;
}

constexpr std::array<bool, 128> kAsciiAlnum = MakeAsciiAlnum();

CharKind KindOfCodePoint(utf8proc_int32_t cp) {
  switch (cp) {
    case 0x85:  // NEL, a C1 control that is also a line terminator
      return CharKind::kLineBreak;
    case 0x200B:  // zero width space
    case 0x200C:  // zero width non-joiner
    case 0x200D:  // zero width joiner
    case 0x2060:  // word joiner
    case 0xFEFF:  // byte order mark / zero width no-break space
      return CharKind::kRemoved;
    default:
      break;
  }
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
      return CharKind::kSpace;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return CharKind::kParagraphBreak;
    case UTF8PROC_CATEGORY_CC:
      return CharKind::kRemoved;
    default:
      return CharKind::kVisible;
  }
}

bool IsLetterOrNumber(utf8proc_int32_t cp) {
  const utf8proc_category_t category = utf8proc_category(cp);
  return (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) ||
         (category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO);
}

bool IsSeparator(CharKind kind) {
  return kind == CharKind::kSpace || kind == CharKind::kLineBreak ||
         kind == CharKind::kParagraphBreak;
}

}  // namespace

std::string NormalizeParagraphs(std::string_view utf8_text) {
  std::string out;
  out.reserve(utf8_text.size());
  // Whitespace seen since the last visible character; it only materializes
  // (as " " or "\n\n") when another visible character follows, which trims
  // paragraphs and drops empty ones for free.
  bool pending_space = false;
  bool pending_paragraph = false;
  int line_breaks = 0;

  const size_t n = utf8_text.size();
  size_t i = 0;
  while (i < n) {
    const auto c = static_cast<unsigned char>(utf8_text[i]);
    CharKind kind;
    size_t length = 1;
    if (c < 0x80) {
      kind = kAsciiKinds[c];
      if (c == '\r' && i + 1 < n && utf8_text[i + 1] == '\n') {
        ++i;  // CRLF is one line break: let the LF count it
        continue;
      }
    } else {
      utf8proc_int32_t cp = 0;
      length = DecodeUtf8At(utf8_text, i, &cp);
      if (length == 0) {
        ++i;  // invalid byte: dropped
        continue;
      }
      kind = KindOfCodePoint(cp);
    }

    switch (kind) {
      case CharKind::kSpace:
        pending_space = true;
        break;
      case CharKind::kLineBreak:
        if (line_breaks < 2) ++line_breaks;
        break;
      case CharKind::kParagraphBreak:
        pending_paragraph = true;
        break;
      case CharKind::kRemoved:
        break;
      case CharKind::kVisible: {
        if (!out.empty()) {
          if (pending_paragraph || line_breaks >= 2) {
            out.append("\n\n");
          } else if (pending_space || line_breaks == 1) {
            out.push_back(' ');
          }
        }
        pending_space = pending_paragraph = false;
        line_breaks = 0;
        if (c < 0x80) {
          // Copy the whole run of printable ASCII at once.
          size_t end = i + 1;
          while (end < n) {
            const auto next = static_cast<unsigned char>(utf8_text[end]);
            if (next <= 0x20 || next >= 0x7F) break;
            ++end;
          }
          length = end - i;
        }
        out.append(utf8_text.data() + i, length);
        break;
      }
    }
    i += length;
  }
  return out;
}

int64_t CountWords(std::string_view text) {
  int64_t words = 0;
  bool has_alnum = false;  // the current token contains a letter or digit
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (IsSeparator(kAsciiKinds[c])) {
        words += has_alnum ? 1 : 0;
        has_alnum = false;
      } else if (kAsciiAlnum[c]) {
        has_alnum = true;
      }
      ++i;
      continue;
    }
    utf8proc_int32_t cp = 0;
    const size_t length = DecodeUtf8At(text, i, &cp);
    if (length == 0) {
      ++i;
      continue;
    }
    if (IsSeparator(KindOfCodePoint(cp))) {
      words += has_alnum ? 1 : 0;
      has_alnum = false;
    } else if (IsLetterOrNumber(cp)) {
      has_alnum = true;
    }
    i += length;
  }
  return words + (has_alnum ? 1 : 0);
}

}  // namespace newsflow
