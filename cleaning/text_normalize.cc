#include "cleaning/text_normalize.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

#include "util/unicode_class.h"
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

// Printable ASCII that is copied in bulk: everything but the two quote
// characters of the "``...''" convention, which need a look.
constexpr std::array<bool, 256> MakePlainRun() {
  std::array<bool, 256> plain{};
  for (int c = 0x21; c < 0x7F; ++c) plain[c] = c != '`' && c != '\'';
  return plain;
}

constexpr std::array<bool, 256> kPlainRun = MakePlainRun();

constexpr auto kCompose = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE);

constexpr std::string_view kEmDash = "\u2014";
constexpr std::string_view kLeftDoubleQuote = "\u201C";
constexpr std::string_view kRightDoubleQuote = "\u201D";

bool IsDoubleHyphen(std::string_view text, size_t begin, size_t end) {
  return end - begin == 2 && text[begin] == '-' && text[begin + 1] == '-';
}

CharKind KindOfCodePoint(utf8proc_int32_t cp) {
  switch (cp) {
    case 0x85:  // NEL, a C1 control that is also a line terminator
      return CharKind::kLineBreak;
    case 0xAD:    // soft hyphen
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

// KindOfCodePoint for a code point whose UTF-8 starts with `lead`. Every
// code point that is not kVisible (C1 controls, NBSP, soft hyphen, U+1680,
// U+2000..U+206F, U+3000, U+FEFF) starts with one of five lead bytes, so the
// others skip the property lookup.
CharKind KindOfNonAscii(unsigned char lead, utf8proc_int32_t cp) {
  const bool slow_lead =
      lead == 0xC2 || lead == 0xE1 || lead == 0xE2 || lead == 0xE3 || lead == 0xEF;
  return slow_lead ? KindOfCodePoint(cp) : CharKind::kVisible;
}

constexpr bool IsSeparator(CharKind kind) {
  return kind == CharKind::kSpace || kind == CharKind::kLineBreak ||
         kind == CharKind::kParagraphBreak;
}

// ---------------------------------------------------------------------------
// NFC quick check.
//
// Text is NFC when every character is NFC-stable on its own, is a starter
// (combining class 0) and cannot compose with a preceding character (UAX #15
// quick check). utf8proc exposes neither NFC_Quick_Check nor "may compose as
// second", so both are derived once from its public decomposition API: the
// last code point of every canonical decomposition may compose with what
// precedes it. Over-marking is harmless (the paragraph is normalized for
// nothing); under-marking would leave non-NFC text, so every doubtful case
// is marked.
class NfcMaybeTable {
 public:
  NfcMaybeTable() : bits_((kCodeSpace + 63) / 64, 0) {
    std::vector<utf8proc_int32_t> decomposable;
    std::vector<bool> second(kCodeSpace, false);
    std::array<utf8proc_int32_t, 8> buffer{};
    for (utf8proc_int32_t cp = 0x80; cp < kCodeSpace; ++cp) {
      const utf8proc_property_t* property = utf8proc_get_property(cp);
      if (property->combining_class != 0) Mark(cp);
      const bool hangul = cp >= kHangulFirst && cp <= kHangulLast;
      if (property->decomp_seqindex == UINT16_MAX && !hangul) continue;
      int boundclass = UTF8PROC_BOUNDCLASS_START;
      const utf8proc_ssize_t n = utf8proc_decompose_char(cp, buffer.data(), buffer.size(),
                                                         UTF8PROC_DECOMPOSE, &boundclass);
      if (n <= 0 || n > static_cast<utf8proc_ssize_t>(buffer.size())) {
        Mark(cp);
        continue;
      }
      if (n == 1 && buffer[0] == cp) continue;  // compatibility mapping only
      decomposable.push_back(cp);
      if (n >= 2) second[buffer[n - 1]] = true;
      // Stable alone only if it recomposes to itself.
      const utf8proc_ssize_t m = utf8proc_normalize_utf32(buffer.data(), n, kCompose);
      if (m != 1 || buffer[0] != cp) Mark(cp);
    }
    for (utf8proc_int32_t cp = 0; cp < kCodeSpace; ++cp) {
      if (second[cp]) Mark(cp);
    }
    // Conjoining jamo compose algorithmically; utf8proc also composes an LV
    // syllable with U+11A7, which no decomposition ends with.
    for (utf8proc_int32_t cp = kJamoFirst; cp <= kJamoLast; ++cp) Mark(cp);
    // A composite whose decomposition starts with a possible second element
    // may compose with the character before it.
    for (const utf8proc_int32_t cp : decomposable) {
      int boundclass = UTF8PROC_BOUNDCLASS_START;
      const utf8proc_ssize_t n = utf8proc_decompose_char(cp, buffer.data(), buffer.size(),
                                                         UTF8PROC_DECOMPOSE, &boundclass);
      if (n > 0 && second[buffer[0]]) Mark(cp);
    }
  }

  bool MayChange(utf8proc_int32_t cp) const {
    return (bits_[static_cast<size_t>(cp) >> 6] >> (cp & 63)) & 1;
  }

 private:
  static constexpr utf8proc_int32_t kCodeSpace = 0x110000;
  static constexpr utf8proc_int32_t kHangulFirst = 0xAC00;
  static constexpr utf8proc_int32_t kHangulLast = 0xD7A3;
  static constexpr utf8proc_int32_t kJamoFirst = 0x1100;
  static constexpr utf8proc_int32_t kJamoLast = 0x11FF;

  void Mark(utf8proc_int32_t cp) {
    bits_[static_cast<size_t>(cp) >> 6] |= uint64_t{1} << (cp & 63);
  }

  std::vector<uint64_t> bits_;
};

const NfcMaybeTable& NfcTable() {
  static const NfcMaybeTable table;
  return table;
}

// ---------------------------------------------------------------------------
// Builds normalized paragraphs from chunks of text. Whitespace seen since the
// last visible character only materializes (as " " or "\n\n") when another
// visible character follows, which trims paragraphs and drops empty ones for
// free. Rewrites that depend on what follows ("--" needs a space after it,
// "``" a closing "''") remember a position in the current paragraph and patch
// it later; both are at most one pending position, so the work stays linear.
class ParagraphWriter {
 public:
  explicit ParagraphWriter(size_t capacity) : nfc_(NfcTable()) { out_.reserve(capacity); }

  void Append(std::string_view text);

  // Caller-decided line break semantics (NormalizePlainText).
  void BreakParagraph() { pending_paragraph_ = true; }
  void JoinWithSpace() { pending_space_ = true; }
  void JoinTight() {
    pending_space_ = false;
    line_breaks_ = 0;
  }

  std::string Finish() {
    EndParagraph();
    return std::move(out_);
  }

 private:
  static constexpr size_t kNone = std::string::npos;

  void BeforeVisible();
  void EndParagraph();
  void AppendQuoteToken(char quote, bool followed_by_space);
  // Appends the visible non-ASCII characters starting at text[i]; returns
  // the offset after them.
  size_t AppendNonAsciiRun(std::string_view text, size_t i);

  const NfcMaybeTable& nfc_;
  std::string out_;
  bool pending_space_ = false;
  bool pending_paragraph_ = false;
  int line_breaks_ = 0;
  bool spaced_ = false;         // the last visible run was preceded by " "
  size_t paragraph_start_ = 0;  // offset of the current paragraph in out_
  bool needs_nfc_ = false;      // the current paragraph may not be NFC
  size_t dash_ = kNone;         // a " --" waiting for a following space
  size_t open_quote_ = kNone;   // a "``" waiting for its "''"
};

void ParagraphWriter::BeforeVisible() {
  spaced_ = false;
  if (!out_.empty()) {
    if (pending_paragraph_ || line_breaks_ >= 2) {
      EndParagraph();
      out_.append("\n\n");
      paragraph_start_ = out_.size();
    } else if (pending_space_ || line_breaks_ == 1) {
      if (dash_ != kNone) out_.replace(dash_, 2, kEmDash);
      out_.push_back(' ');
      spaced_ = true;
    }
  }
  dash_ = kNone;
  pending_space_ = pending_paragraph_ = false;
  line_breaks_ = 0;
}

void ParagraphWriter::EndParagraph() {
  dash_ = kNone;
  open_quote_ = kNone;
  if (!needs_nfc_) return;
  needs_nfc_ = false;
  utf8proc_uint8_t* normalized = nullptr;
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(out_.data() + paragraph_start_),
      static_cast<utf8proc_ssize_t>(out_.size() - paragraph_start_), &normalized, kCompose);
  if (length >= 0 && normalized != nullptr) {
    out_.resize(paragraph_start_);
    out_.append(reinterpret_cast<const char*>(normalized), static_cast<size_t>(length));
  }
  std::free(normalized);  // NOLINT(cppcoreguidelines-no-malloc): utf8proc allocates with malloc
}

void ParagraphWriter::AppendQuoteToken(char quote, bool followed_by_space) {
  if (quote == '`') {
    if (!followed_by_space) open_quote_ = out_.size();
    out_.append("``");
    return;
  }
  const bool after_text = out_.size() > paragraph_start_ && out_.back() != ' ';
  if (open_quote_ != kNone && after_text && out_.size() > open_quote_ + 2) {
    out_.replace(open_quote_, 2, kLeftDoubleQuote);
    out_.append(kRightDoubleQuote);
    open_quote_ = kNone;
    return;
  }
  out_.append("''");
}

void ParagraphWriter::Append(std::string_view text) {
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (kAsciiKinds[c]) {
        case CharKind::kSpace:
          pending_space_ = true;
          ++i;
          continue;
        case CharKind::kLineBreak:
          // CRLF is one line break: the LF counts it.
          if (!(c == '\r' && i + 1 < n && text[i + 1] == '\n') && line_breaks_ < 2) {
            ++line_breaks_;
          }
          ++i;
          continue;
        case CharKind::kRemoved:
          ++i;
          continue;
        default:
          break;
      }
      // A run of visible ASCII words separated by single spaces, copied in
      // bulk except for the rewrites of "``", "''" and " -- ".
      BeforeVisible();
      size_t copied = i;
      size_t end = i;
      size_t word = i;             // start of the current word
      bool word_spaced = spaced_;  // a space precedes it in this paragraph
      for (;;) {
        while (end < n && kPlainRun[static_cast<unsigned char>(text[end])]) ++end;
        if (end + 1 < n && text[end] == ' ' &&
            kPlainRun[static_cast<unsigned char>(text[end + 1])]) {
          if (word_spaced && IsDoubleHyphen(text, word, end)) {
            out_.append(text.data() + copied, word - copied);
            out_.append(kEmDash);
            copied = end;
          }
          word = ++end;
          word_spaced = true;
          continue;
        }
        if (end == n || (text[end] != '`' && text[end] != '\'')) break;
        const char quote = text[end];
        size_t after = end + 1;
        while (after < n && text[after] == quote) ++after;
        if (after - end == 2) {
          out_.append(text.data() + copied, end - copied);
          const bool followed_by_space =
              after == n || static_cast<unsigned char>(text[after]) <= 0x20;
          AppendQuoteToken(quote, followed_by_space);
          copied = after;
        }
        end = after;
      }
      out_.append(text.data() + copied, end - copied);
      // A final " --" waits for the whitespace after it (BeforeVisible).
      if (word_spaced && IsDoubleHyphen(text, word, end)) dash_ = out_.size() - 2;
      i = end;
      continue;
    }

    utf8proc_int32_t cp = 0;
    const size_t length = DecodeUtf8At(text, i, &cp);
    if (length == 0) {
      ++i;  // invalid byte: dropped
      continue;
    }
    switch (KindOfNonAscii(c, cp)) {
      case CharKind::kSpace:
        pending_space_ = true;
        break;
      case CharKind::kLineBreak:
        if (line_breaks_ < 2) ++line_breaks_;
        break;
      case CharKind::kParagraphBreak:
        pending_paragraph_ = true;
        break;
      case CharKind::kRemoved:
        break;
      case CharKind::kVisible:
        BeforeVisible();
        i = AppendNonAsciiRun(text, i);
        continue;
    }
    i += length;
  }
}

size_t ParagraphWriter::AppendNonAsciiRun(std::string_view text, size_t i) {
  const size_t n = text.size();
  size_t copied = i;
  while (i < n) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) break;
    utf8proc_int32_t cp = 0;
    const size_t length = DecodeUtf8At(text, i, &cp);
    if (length == 0 || KindOfNonAscii(lead, cp) != CharKind::kVisible) break;
    if (cp == 0x2010 || cp == 0x2011) {  // hyphen look-alikes
      out_.append(text.data() + copied, i - copied);
      out_.push_back('-');
      copied = i + length;
    } else if (nfc_.MayChange(cp)) {
      needs_nfc_ = true;
    }
    i += length;
  }
  out_.append(text.data() + copied, i - copied);
  return i;
}

// ---------------------------------------------------------------------------
// Plain-text line analysis.

constexpr int kMinWrapWidth = 30;
constexpr int kMaxWrapWidth = 140;
constexpr int kHistogramSize = 256;  // lengths above are counted in the last bin

struct LineInfo {
  size_t end = 0;            // offset of the terminator (or of the end of text)
  size_t next = 0;           // offset of the next line (after the terminator)
  size_t first_visible = 0;  // offset of the first visible character
  bool blank = true;
  int indent = 0;      // leading whitespace, a tab counting 4
  int length = 0;      // code points up to the last visible character
  int first_word = 0;  // code points of the first whitespace-delimited word
  utf8proc_int32_t first = 0;
  utf8proc_int32_t last = 0;
  utf8proc_int32_t before_last = 0;  // the character before `last` (' ' if white space)
  bool ends_sentence = false;
};

bool IsVisibleAscii(char c) { return static_cast<unsigned char>(c - 0x21) < 0x5E; }

// Lead bytes of the non-ASCII characters that may not be visible (see
// KindOfNonAscii).
bool IsSlowLead(unsigned char lead) {
  return lead == 0xC2 || lead == 0xE1 || lead == 0xE2 || lead == 0xE3 || lead == 0xEF;
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

int CountCodePoints(std::string_view s) {
  int count = 0;
  for (const char c : s) count += IsContinuationByte(c) ? 0 : 1;
  return count;
}

// The code point ending at *pos (> begin, valid UTF-8 in [begin, *pos));
// moves *pos to its start.
utf8proc_int32_t CodePointBefore(std::string_view text, size_t begin, size_t* pos) {
  const auto last = static_cast<unsigned char>(text[*pos - 1]);
  if (last < 0x80) {
    --*pos;
    return last;
  }
  size_t start = *pos - 1;
  while (start > begin && IsContinuationByte(text[start])) --start;
  *pos = start;
  utf8proc_int32_t cp = 0;
  DecodeUtf8At(text, start, &cp);
  return cp;
}

bool IsClosing(utf8proc_int32_t cp) {
  switch (cp) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case 0x2019:  // ’
    case 0x201D:  // ”
    case 0x00BB:  // »
      return true;
    default:
      return false;
  }
}

bool IsSentenceEnd(utf8proc_int32_t cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;  // …
}

bool IsLowercase(utf8proc_int32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

bool IsLetter(utf8proc_int32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  const utf8proc_category_t category = utf8proc_category(cp);
  return category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO;
}

bool IsWide(utf8proc_int32_t cp) { return cp >= 0x1100 && utf8proc_charwidth(cp) == 2; }

bool IsBullet(const LineInfo& line) {
  return line.first_word == 1 &&
         (line.first == '-' || line.first == '*' || line.first == 0x2022 || line.first == 0x2013);
}

// ScanLine for a line [begin, end) of printable ASCII and spaces only.
LineInfo ScanAsciiLine(std::string_view text, size_t begin, size_t end, size_t next) {
  LineInfo line;
  line.end = end;
  line.next = next;
  size_t first = begin;
  while (first < end && text[first] == ' ') ++first;
  if (first == end) return line;
  size_t last = end;
  while (text[last - 1] == ' ') --last;
  line.blank = false;
  line.indent = static_cast<int>(first - begin);
  line.first_visible = first;
  line.first = static_cast<unsigned char>(text[first]);
  size_t word_end = first;
  while (word_end < last && text[word_end] != ' ') ++word_end;
  line.first_word = static_cast<int>(word_end - first);
  line.length = static_cast<int>(last - begin);
  line.last = static_cast<unsigned char>(text[last - 1]);
  line.before_last = last - 1 > begin ? static_cast<unsigned char>(text[last - 2]) : 0;
  size_t k = last;
  while (k > first && IsClosing(static_cast<unsigned char>(text[k - 1]))) --k;
  line.ends_sentence = k > first && IsSentenceEnd(static_cast<unsigned char>(text[k - 1]));
  return line;
}

LineInfo ScanLineGeneral(std::string_view text, size_t pos);

// Scans the line starting at `pos`. Terminators: LF, CR, CRLF, NEL.
LineInfo ScanLine(std::string_view text, size_t pos) {
  const size_t n = text.size();
  size_t end = pos;
  while (end < n && static_cast<unsigned char>(text[end] - 0x20) < 0x5F) ++end;
  if (end == n) return ScanAsciiLine(text, pos, end, end);
  if (text[end] == '\n') return ScanAsciiLine(text, pos, end, end + 1);
  if (text[end] == '\r') {
    return ScanAsciiLine(text, pos, end, end + 1 < n && text[end + 1] == '\n' ? end + 2 : end + 1);
  }
  return ScanLineGeneral(text, pos);
}

// Any line: one code point at a time, visible runs in bulk.
LineInfo ScanLineGeneral(std::string_view text, size_t pos) {
  LineInfo line;
  const size_t n = text.size();
  int column = 0;  // code points so far
  bool in_first_word = false;
  utf8proc_int32_t previous = 0;  // the last character, white space as ' '
  constexpr size_t kNoSpace = std::string_view::npos;
  size_t i = pos;
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (IsVisibleAscii(static_cast<char>(c)) || (c >= 0x80 && !IsSlowLead(c))) {
      // Visible words separated by single spaces, in bulk.
      size_t end = i;
      size_t first_space = kNoSpace;
      int code_points = 0;
      for (;;) {
        for (;;) {
          const size_t ascii = end;
          while (end < n && IsVisibleAscii(text[end])) ++end;
          code_points += static_cast<int>(end - ascii);
          if (end == n) break;
          const auto b = static_cast<unsigned char>(text[end]);
          if (b < 0x80 || IsSlowLead(b)) break;
          utf8proc_int32_t ignored = 0;
          const size_t length = DecodeUtf8At(text, end, &ignored);
          if (length == 0) break;
          end += length;
          ++code_points;
        }
        if (end > i && end + 1 < n && text[end] == ' ' && text[end - 1] != ' ') {
          if (first_space == kNoSpace) first_space = end;
          ++end;
          ++code_points;
          continue;
        }
        break;
      }
      if (end > i && text[end - 1] == ' ') {  // nothing visible after the space
        --end;
        --code_points;
        if (first_space == end) first_space = kNoSpace;
      }
      if (end > i) {
        if (line.blank) {
          line.blank = false;
          if (c < 0x80) {
            line.first = c;
          } else {
            DecodeUtf8At(text, i, &line.first);
          }
          line.first_visible = i;
          in_first_word = true;
        }
        if (in_first_word) {
          line.first_word += first_space == kNoSpace
                                 ? code_points
                                 : CountCodePoints(text.substr(i, first_space - i));
          in_first_word = first_space == kNoSpace;
        }
        column += code_points;
        line.length = column;
        size_t back = end;
        line.last = CodePointBefore(text, i, &back);
        line.before_last = back > i ? CodePointBefore(text, i, &back) : previous;
        previous = line.last;
        for (back = end; back > i;) {
          const utf8proc_int32_t cp = CodePointBefore(text, i, &back);
          if (!IsClosing(cp)) {
            line.ends_sentence = IsSentenceEnd(cp);
            break;
          }
        }
        i = end;
        continue;
      }
    }
    utf8proc_int32_t cp = c;
    size_t length = 1;
    CharKind kind;
    if (c < 0x80) {
      kind = kAsciiKinds[c];
    } else {
      length = DecodeUtf8At(text, i, &cp);
      if (length == 0) {
        ++i;
        continue;
      }
      kind = KindOfNonAscii(c, cp);
    }
    if (kind == CharKind::kLineBreak) {
      line.end = i;
      line.next = i + length;
      if (c == '\r' && line.next < n && text[line.next] == '\n') ++line.next;
      return line;
    }
    if (kind == CharKind::kRemoved) {
      i += length;
      continue;
    }
    ++column;
    if (kind != CharKind::kVisible) {  // space or U+2028/U+2029
      if (line.blank) line.indent += c == '\t' ? 4 : 1;
      in_first_word = false;
      previous = ' ';
    } else {
      if (line.blank) {
        line.blank = false;
        line.first = cp;
        line.first_visible = i;
        in_first_word = true;
      }
      if (in_first_word) ++line.first_word;
      line.length = column;
      line.before_last = previous;
      line.last = previous = cp;
      if (!IsClosing(cp)) line.ends_sentence = IsSentenceEnd(cp);
    }
    i += length;
  }
  line.end = line.next = n;
  return line;
}

struct PlainTextLayout {
  bool hard_wrapped = false;
  bool blank_line_paragraphs = false;
  int width = 0;               // the wrap width W
  int min_indent = 0;          // of non-blank lines
  bool single_breaks = false;  // some non-blank line follows another directly
};

PlainTextLayout AnalyzeLayout(std::string_view text) {
  PlainTextLayout layout;
  std::array<int64_t, kHistogramSize> lengths{};
  std::array<int64_t, kHistogramSize> mid_sentence{};  // of lines followed by a line
  int64_t lines = 0;
  int64_t followed = 0;  // non-blank lines followed by a non-blank line
  bool blank_pending = false;
  bool previous_mid_sentence = false;
  int previous_length = -1;  // -1: no previous non-blank line
  layout.min_indent = INT32_MAX;
  for (size_t pos = 0; pos < text.size();) {
    const LineInfo line = ScanLine(text, pos);
    pos = line.next;
    if (line.blank) {
      blank_pending = previous_length >= 0;
      continue;
    }
    if (previous_length >= 0) {
      if (blank_pending) {
        layout.blank_line_paragraphs = true;
      } else {
        ++followed;
        if (previous_mid_sentence) ++mid_sentence[previous_length];
      }
    }
    blank_pending = false;
    const int bin = std::min(line.length, kHistogramSize - 1);
    ++lengths[bin];
    ++lines;
    previous_length = bin;
    previous_mid_sentence = !line.ends_sentence;
    layout.min_indent = std::min(layout.min_indent, line.indent);
  }
  layout.single_breaks = followed > 0;
  if (lines == 0) return layout;

  int64_t seen = 0;
  for (int length = 0; length < kHistogramSize; ++length) {
    seen += lengths[length];
    if (seen * 10 >= lines * 9) {
      layout.width = length;
      break;
    }
  }
  if (followed == 0 || layout.width < kMinWrapWidth || layout.width > kMaxWrapWidth) return layout;
  int64_t wrap_like = 0;
  for (int length = layout.width * 6 / 10; length < kHistogramSize; ++length) {
    wrap_like += mid_sentence[length];
  }
  layout.hard_wrapped = wrap_like * 2 >= followed;
  return layout;
}

// Whether the single line break between `a` and `b` starts a new paragraph.
bool IsParagraphBreak(const PlainTextLayout& layout, const LineInfo& a, const LineInfo& b) {
  if (layout.hard_wrapped) {
    if (b.indent > layout.min_indent) return true;
    return a.ends_sentence && !IsLowercase(b.first) && a.length + 1 + b.first_word <= layout.width;
  }
  if (!layout.blank_line_paragraphs) return true;
  return IsBullet(b) || (a.length > kMaxWrapWidth && a.ends_sentence);
}

}  // namespace

bool IsUnicodeSpace(char32_t cp) {
  if (cp < 0x80) return kAsciiKinds[cp] == CharKind::kSpace || cp == '\n' || cp == '\r';
  if (cp > 0x10FFFF) return false;
  return IsSeparator(KindOfCodePoint(static_cast<utf8proc_int32_t>(cp)));
}

std::string NormalizeParagraphs(std::string_view utf8_text) {
  ParagraphWriter writer(utf8_text.size());
  writer.Append(utf8_text);
  return writer.Finish();
}

std::string NormalizePlainText(std::string_view body) {
  const PlainTextLayout layout = AnalyzeLayout(body);
  // Only blank-line breaks: exactly what NormalizeParagraphs does, in one pass.
  if (!layout.single_breaks) return NormalizeParagraphs(body);
  ParagraphWriter writer(body.size());
  LineInfo previous;  // the last non-blank line
  bool have_previous = false;
  bool blank_between = false;
  size_t pos = 0;
  while (pos < body.size()) {
    const size_t start = pos;
    const LineInfo line = ScanLine(body, pos);
    pos = line.next;
    if (line.blank) {
      blank_between = have_previous;
      continue;
    }
    size_t from = start;
    if (have_previous) {
      if (blank_between || IsParagraphBreak(layout, previous, line)) {
        writer.BreakParagraph();
      } else if ((previous.last == '-' && IsLetter(previous.before_last) &&
                  IsLowercase(line.first)) ||
                 (IsWide(previous.last) && IsWide(line.first))) {
        writer.JoinTight();
        from = line.first_visible;
      } else {
        writer.JoinWithSpace();
      }
    }
    writer.Append(body.substr(from, line.end - from));
    previous = line;
    have_previous = true;
    blank_between = false;
  }
  return writer.Finish();
}

// Word-counting classes of the ASCII bytes, in one table so the ASCII loop
// below is a single lookup and no branch per byte.
enum WordClass : uint8_t { kWordOther = 0, kWordAlnum = 1, kWordSeparator = 2 };

constexpr std::array<uint8_t, 128> MakeAsciiWordClasses() {
  std::array<uint8_t, 128> classes{};
  for (size_t c = 0; c < 128; ++c) {
    classes[c] = IsSeparator(kAsciiKinds[c]) ? kWordSeparator
                 : kAsciiAlnum[c]            ? kWordAlnum
                                             : kWordOther;
  }
  return classes;
}
constexpr std::array<uint8_t, 128> kAsciiWordClasses = MakeAsciiWordClasses();

int64_t CountWords(std::string_view text) {
  int64_t words = 0;
  bool has_alnum = false;  // the current token contains a letter or digit
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      const uint8_t word_class = kAsciiWordClasses[c];
      const bool separator = word_class == kWordSeparator;
      words += static_cast<int64_t>(separator & has_alnum);
      has_alnum = (has_alnum | (word_class == kWordAlnum)) & !separator;
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

std::string NormalizeToOneLine(std::string_view text) {
  std::string repaired;
  if (!IsValidUtf8(text)) {
    repaired = RepairUtf8(text).text;
    text = repaired;
  }
  const std::string normalized = NormalizeParagraphs(text);
  std::string out;
  out.reserve(normalized.size());
  for (size_t i = 0; i < normalized.size();) {
    if (normalized[i] == '\n') {
      out.push_back(' ');
      while (i < normalized.size() && normalized[i] == '\n') ++i;
    } else {
      out.push_back(normalized[i++]);
    }
  }
  return out;
}

}  // namespace newsflow
