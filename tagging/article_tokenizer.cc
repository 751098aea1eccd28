#include "tagging/article_tokenizer.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <iterator>

#include "cleaning/text_normalize.h"
#include "util/ascii.h"
#include "util/ascii_runs.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

enum class Cls : uint8_t { kSpace, kLetter, kDigit, kMark, kOther };

struct Cp {
  int32_t cp = -1;  // -1: an invalid byte
  uint32_t len = 1;
  Cls cls = Cls::kOther;
  bool lower = false;  // a lowercase letter
};

// Class of each ASCII byte (bit 3: lowercase letter).
constexpr std::array<uint8_t, 128> kAsciiClass = [] {
  std::array<uint8_t, 128> table{};
  for (int b = 0; b < 128; ++b) {
    const char ch = static_cast<char>(b);
    Cls cls = Cls::kOther;
    if (IsAsciiSpace(ch)) {
      cls = Cls::kSpace;
    } else if (IsAsciiAlpha(ch)) {
      cls = Cls::kLetter;
    } else if (IsAsciiDigit(ch)) {
      cls = Cls::kDigit;
    }
    table[b] = static_cast<uint8_t>(static_cast<uint8_t>(cls) | (ch >= 'a' && ch <= 'z' ? 8 : 0));
  }
  return table;
}();

Cp DecodeNonAscii(std::string_view text, size_t i);

// Inlined: returning the struct through memory from a call costs a
// store-forwarding stall per character.
[[gnu::always_inline]] inline Cp At(std::string_view text, size_t i) {
  const unsigned char b = static_cast<unsigned char>(text[i]);
  if (b >= 0x80) return DecodeNonAscii(text, i);
  Cp c;
  c.cp = b;
  c.cls = static_cast<Cls>(kAsciiClass[b] & 7);
  c.lower = (kAsciiClass[b] & 8) != 0;
  return c;
}

Cp DecodeNonAscii(std::string_view text, size_t i) {
  Cp c;
  int32_t cp = 0;
  const size_t n = DecodeUtf8At(text, i, &cp);
  if (n == 0) return c;  // invalid byte: a one-byte symbol
  c.cp = cp;
  c.len = static_cast<uint32_t>(n);
  if (IsUnicodeSpace(static_cast<char32_t>(cp))) {
    c.cls = Cls::kSpace;
    return c;
  }
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LL:
      c.lower = true;
      c.cls = Cls::kLetter;
      break;
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      c.cls = Cls::kLetter;
      break;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      c.cls = Cls::kDigit;
      break;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      c.cls = Cls::kMark;
      break;
    default:
      break;
  }
  return c;
}

bool IsWordChar(Cls cls) { return cls == Cls::kLetter || cls == Cls::kDigit || cls == Cls::kMark; }
bool IsCurrency(int32_t cp) {
  return cp == '$' || (cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_SC);
}

// The ASCII form CoNLL uses for a typographic punctuation character; empty
// when the character is its own form.
std::string_view PunctForm(int32_t cp) {
  switch (cp) {
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
    case 0x2033:
    case 0x2036:
      return "\"";
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x2035:
    case 0x2039:
    case 0x203A:
      return "'";
    case 0x2014:
    case 0x2015:
      return "--";
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2212:
      return "-";
    case 0x2026:
      return "...";
    default:
      return IsCurrency(cp) ? std::string_view("$") : std::string_view();
  }
}

enum class Abbrev : uint8_t { kNone, kTitle, kOther };

// Abbreviations written with a final period, case-sensitive. Titles come
// before a name and never end a sentence; the others may.
constexpr std::string_view kTitleAbbrevs[] = {
    "Mr",  "Mrs", "Ms",  "Messrs", "Dr",   "Prof", "Rev",  "Hon", "Sen",  "Rep", "Gov",
    "Gen", "Lt",  "Col", "Maj",    "Capt", "Cmdr", "Sgt",  "Adm", "Cpl",  "Pvt", "Brig",
    "Fr",  "St",  "Mt",  "Ft",     "Pres", "Supt", "Insp", "Det", "Atty", "Gens"};
constexpr std::string_view kOtherAbbrevs[] = {
    "Inc",  "Corp", "Co",   "Ltd", "Bros", "Jr",   "Sr",    "Cos",  "etc",  "vs",   "approx",
    "est",  "dept", "Dept", "Ala", "Ariz", "Ark",  "Calif", "Colo", "Conn", "Del",  "Fla",
    "Ga",   "Ill",  "Ind",  "Kan", "Kans", "Ky",   "La",    "Md",   "Mass", "Mich", "Minn",
    "Miss", "Mo",   "Mont", "Neb", "Nev",  "Okla", "Ore",   "Pa",   "Tenn", "Tex",  "Va",
    "Vt",   "Wash", "Wis",  "Wyo", "Ave",  "Blvd", "Rd",    "Univ", "Assn", "Intl", "Govt"};
// Abbreviations only before a number ("Jan. 4", "No. 10"): elsewhere the
// period ends a sentence ("hosts Ant and Dec.").
constexpr std::string_view kNumberAbbrevs[] = {"Jan", "Feb",  "Mar", "Apr", "Jun",  "Jul",   "Aug",
                                               "Sep", "Sept", "Oct", "Nov", "Dec",  "No",    "Nos",
                                               "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri"};

// Capitalized words that usually open a sentence: after an abbreviation
// that may end one ("U.S.", "Inc."), the sentence ends only before these.
constexpr std::string_view kSentenceOpeners[] = {
    "The",       "A",     "An",    "He",    "She",     "It",   "They", "We",   "I",
    "You",       "His",   "Her",   "Its",   "Their",   "Our",  "This", "That", "These",
    "Those",     "There", "But",   "And",   "However", "In",   "On",   "At",   "For",
    "If",        "When",  "While", "After", "Before",  "As",   "Some", "Many", "Most",
    "Meanwhile", "Yet",   "So",    "Also",  "Still",   "What", "Why",  "How"};

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

// "U.S", "a.m", "Ph.D": letters in segments of at most two, joined by '.'.
bool IsDotted(std::string_view word) {
  if (word.find('.') == std::string_view::npos) return false;
  size_t segment = 0;
  for (char ch : word) {
    if (ch == '.') {
      if (segment == 0) return false;
      segment = 0;
    } else if (IsAsciiAlpha(ch) && ++segment <= 2) {
      continue;
    } else {
      return false;
    }
  }
  return segment > 0;
}

bool StartsWithCi(std::string_view text, size_t i, std::string_view prefix) {
  return StartsWithIgnoreCase(text.substr(i), prefix);
}

// Length of the apostrophe ending at `end` (exclusive) in `text`, or 0.
size_t ApostropheBefore(std::string_view text, size_t begin, size_t end) {
  if (end > begin && text[end - 1] == '\'') return 1;
  if (end >= begin + 3 && text[end - 3] == '\xE2' && text[end - 2] == '\x80' &&
      (text[end - 1] == '\x99' || text[end - 1] == '\x98')) {
    return 3;
  }
  return 0;
}

// Where a clitic ("'s", "n't", "'re", ...) starts in word [begin, end), or
// `end` when there is none. The stem before it is never empty.
size_t CliticStart(std::string_view text, size_t begin, size_t end) {
  auto lower = [&](size_t i) { return AsciiLower(text[i]); };
  // One letter after the apostrophe: 's 'd 'm; n't.
  if (end - begin >= 3) {
    const char last = lower(end - 1);
    if (last == 's' || last == 'd' || last == 'm' || last == 't') {
      const size_t a = ApostropheBefore(text, begin, end - 1);
      if (a > 0) {
        const size_t apostrophe = end - 1 - a;
        if (last != 't') return apostrophe > begin ? apostrophe : end;
        if (apostrophe > begin + 1 && lower(apostrophe - 1) == 'n') return apostrophe - 1;
        return end;
      }
    }
  }
  // Two letters: 're 've 'll.
  if (end - begin >= 4) {
    const char a1 = lower(end - 2);
    const char a2 = lower(end - 1);
    if ((a1 == 'r' && a2 == 'e') || (a1 == 'v' && a2 == 'e') || (a1 == 'l' && a2 == 'l')) {
      const size_t a = ApostropheBefore(text, begin, end - 2);
      if (a > 0 && end - 2 - a > begin) return end - 2 - a;
    }
  }
  return end;
}

bool IsCloserForm(std::string_view form) {
  return form == "\"" || form == "'" || form == ")" || form == "]" || form == "}" || form == "''";
}

}  // namespace

ArticleTokenizer::ArticleTokenizer(ArticleTokenizerOptions options) : options_(options) {
  if (options_.sentence_max_words == 0) options_.sentence_max_words = 1;
}

void ArticleTokenizer::Tokenize(std::string_view text) {
  text_ = text;
  sentence_count_ = 0;
  if (sentences_.empty()) sentences_.emplace_back();
  sentences_[0].clear();
  spans_.clear();
  sentence_begin_.clear();
  arena_.clear();
  pending_ = Pending::kNone;
  last_end_ = 0;
  paragraph_start_ = true;

  size_t line_breaks = 0;
  size_t i = 0;
  while (i < text.size()) {
    const Cp c = At(text, i);
    if (c.cls == Cls::kSpace) {
      // CR LF is one break: the LF counts.
      if (c.cp == '\n' || c.cp == 0x85 || c.cp == 0x2028 ||
          (c.cp == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
        ++line_breaks;
      } else if (c.cp == 0x2029) {
        line_breaks += 2;
      }
      i += c.len;
      continue;
    }
    if (line_breaks >= 2) {
      if (pending_ == Pending::kWeak) SplitFinalPeriod();
      EndSentence();
      paragraph_start_ = true;
    }
    line_breaks = 0;
    // A chunk of ASCII letters and digits only (most of them) is one word
    // as it is: no punctuation to split or join, no clitic, no URL.
    bool plain = c.cp < 0x80 && (c.cls == Cls::kLetter || c.cls == Cls::kDigit);
    size_t end = i + c.len;
    if (plain) end = AsciiAlnumRunEnd(text, end);  // the same as the loop, 8 bytes a step
    while (end < text.size()) {
      const Cp d = At(text, end);
      if (d.cls == Cls::kSpace) break;
      plain = plain && d.cp < 0x80 && (d.cls == Cls::kLetter || d.cls == Cls::kDigit);
      end += d.len;
    }
    if (plain) {
      Add(i, end, text.substr(i, end - i), Pending::kNone);
    } else {
      TokenizeChunk(i, end);
    }
    i = end;
  }
  if (pending_ == Pending::kWeak) SplitFinalPeriod();
  EndSentence();
}

void ArticleTokenizer::TokenizeChunk(size_t begin, size_t end) {
  size_t p = begin;
  const char first = AsciiLower(text_[p]);
  if ((first == 'h' || first == 'w') &&
      (StartsWithCi(text_, p, "http://") || StartsWithCi(text_, p, "https://") ||
       StartsWithCi(text_, p, "www."))) {
    size_t e = end;
    while (e > p) {
      const char ch = text_[e - 1];
      if (ch == '.' || ch == ',' || ch == ';' || ch == ':' || ch == '!' || ch == '?' || ch == ')' ||
          ch == ']' || ch == '"' || ch == '\'') {
        --e;
      } else if (e >= p + 3 && text_[e - 3] == '\xE2' && text_[e - 2] == '\x80' &&
                 (text_[e - 1] == '\x9D' || text_[e - 1] == '\x99')) {
        e -= 3;  // a closing curly quote
      } else {
        break;
      }
    }
    if (e > p) {
      Add(p, e, text_.substr(p, e - p), Pending::kNone);
      p = e;
    }
  }
  while (p < end) {
    const Cp c = At(text_, p);
    if (IsWordChar(c.cls)) {
      bool needs_form = false;
      const size_t word_end = ScanWord(p, end, &needs_form);
      p = EmitWord(p, word_end, end, needs_form);
      continue;
    }
    if ((c.cp == '.' || c.cp == '+') && p == begin && p + 1 < end && IsAsciiDigit(text_[p + 1])) {
      // ".496" (a batting average), "+44" (a dialling code or a change): one
      // number.
      bool needs_form = false;
      const size_t word_end = ScanWord(p + 1, end, &needs_form);
      p = EmitWord(p, word_end, end, needs_form);
      continue;
    }
    if (c.cp >= 0 && c.cp < 0x80) {
      const char ch = static_cast<char>(c.cp);
      size_t q = p + 1;
      if (ch == '.' || ch == '-' || ch == '?' || ch == '!' || ch == '*' || ch == '=' || ch == '`' ||
          ch == '\'') {
        while (q < end && text_[q] == ch) ++q;
      }
      std::string_view form = text_.substr(p, q - p);
      if (ch == '`' || ch == '\'') {
        // "``" and "''" are double quotes; a lone backtick a single one.
        if (q - p == 2) {
          form = "\"";
        } else if (ch == '`' && q - p == 1) {
          form = "'";
        }
      }
      const bool ends = ch == '.' || ch == '?' || ch == '!';
      Add(p, q, form, ends ? Pending::kStrong : Pending::kNone);
      p = q;
      continue;
    }
    const std::string_view form = c.cp < 0 ? std::string_view() : PunctForm(c.cp);
    const size_t q = p + c.len;
    Add(p, q, form.empty() ? text_.substr(p, c.len) : form,
        c.cp == 0x2026 ? Pending::kStrong : Pending::kNone);
    p = q;
  }
}

size_t ArticleTokenizer::ScanWord(size_t begin, size_t end, bool* needs_form) {
  Cp prev = At(text_, begin);
  size_t q = begin + prev.len;
  while (q < end) {
    const Cp c = At(text_, q);
    if (IsWordChar(c.cls)) {
      prev = c;
      q += c.len;
      continue;
    }
    // "US$", "HK$" before a number (or alone): the sign ends the word.
    if (IsCurrency(c.cp) && q - begin <= 3) {
      bool upper = true;
      for (size_t k = begin; k < q; ++k) upper = upper && text_[k] >= 'A' && text_[k] <= 'Z';
      if (upper && (q + c.len >= end || At(text_, q + c.len).cls == Cls::kDigit)) {
        *needs_form = *needs_form || c.cp != '$';
        return q + c.len;
      }
      return q;
    }
    const size_t after = q + c.len;
    if (after >= end) return q;
    const Cp next = At(text_, after);
    const bool next_alnum = next.cls == Cls::kLetter || next.cls == Cls::kDigit;
    const bool prev_letter = prev.cls == Cls::kLetter || prev.cls == Cls::kMark;
    const bool prev_digit = prev.cls == Cls::kDigit;
    bool join = false;
    switch (c.cp) {
      case '.':
        // "U.S.-based": a period before a hyphenated continuation.
        join = next_alnum || (next.cp == '-' && after + 1 < end &&
                              IsWordChar(At(text_, after + 1).cls) && prev_letter);
        break;
      case ',':
      case ':':
        join = prev_digit && next.cls == Cls::kDigit;
        break;
      case '-':
      case 0x2010:
      case 0x2011:
        join = next_alnum;
        if (join && c.cp != '-') *needs_form = true;
        break;
      case '\'':
      case 0x2018:
      case 0x2019:
        join = (prev_letter || prev_digit) && next.cls == Cls::kLetter;
        if (join && c.cp != '\'') *needs_form = true;
        break;
      case '/':
        join = (prev_letter || prev_digit) && next_alnum;
        break;
      case '&':
        join = prev_letter && next.cls == Cls::kLetter;
        break;
      case '@':
      case '_':
        join = next_alnum;
        break;
      default:
        break;
    }
    if (!join) return q;
    prev = c;
    prev.cls = Cls::kOther;
    q = after;
  }
  return q;
}

size_t ArticleTokenizer::EmitWord(size_t begin, size_t word_end, size_t chunk_end,
                                  bool needs_form) {
  auto form_of = [&](size_t b, size_t e) {
    return needs_form ? ArenaForm(b, e) : text_.substr(b, e - b);
  };
  // A final period on an abbreviation (not the first of "..").
  if (word_end < chunk_end && text_[word_end] == '.' &&
      (word_end + 1 >= chunk_end || text_[word_end + 1] != '.')) {
    const std::string_view word = text_.substr(begin, word_end - begin);
    Abbrev kind = Abbrev::kNone;
    if (Contains(kTitleAbbrevs, word)) {
      kind = Abbrev::kTitle;
    } else if (IsDotted(word) || Contains(kOtherAbbrevs, word) ||
               (word.size() == 1 && word[0] >= 'A' && word[0] <= 'Z')) {
      kind = Abbrev::kOther;
    } else if (paragraph_start_ && word.size() <= 2 && IsAsciiDigit(word[0]) &&
               IsAsciiDigit(word.back())) {
      // A list or ranking number opening a paragraph ("1. Schumacher").
      kind = Abbrev::kTitle;
    } else if (Contains(kNumberAbbrevs, word)) {
      size_t k = word_end + 1;
      while (k < text_.size() && text_[k] == ' ') ++k;
      if (k < text_.size() && IsAsciiDigit(text_[k])) kind = Abbrev::kTitle;
    }
    if (kind != Abbrev::kNone) {
      Add(begin, word_end + 1, form_of(begin, word_end + 1),
          kind == Abbrev::kOther ? Pending::kWeak : Pending::kNone);
      return word_end + 1;
    }
  }
  const size_t clitic = CliticStart(text_, begin, word_end);
  if (clitic < word_end) {
    Add(begin, clitic, form_of(begin, clitic), Pending::kNone);
    Add(clitic, word_end, form_of(clitic, word_end), Pending::kNone);
  } else {
    Add(begin, word_end, form_of(begin, word_end), Pending::kNone);
  }
  return word_end;
}

std::string_view ArticleTokenizer::ArenaForm(size_t begin, size_t end) {
  // Reserved once per text before the first view into it exists; a form is
  // never longer than its bytes (each replaced character has 2 or more), so
  // the arena never reallocates after.
  if (arena_.empty() && arena_.capacity() < text_.size()) arena_.reserve(text_.size());
  const size_t start = arena_.size();
  for (size_t i = begin; i < end;) {
    if (static_cast<unsigned char>(text_[i]) < 0x80) {
      arena_.push_back(text_[i]);
      ++i;
      continue;
    }
    const Cp c = At(text_, i);
    if (c.cp == 0x2018 || c.cp == 0x2019) {
      arena_.push_back('\'');
    } else if (c.cp == 0x2010 || c.cp == 0x2011) {
      arena_.push_back('-');
    } else if (c.cp >= 0 && IsCurrency(c.cp)) {
      arena_.push_back('$');
    } else {
      arena_.append(text_.substr(i, c.len));
    }
    i += c.len;
  }
  return std::string_view(arena_).substr(start);
}

void ArticleTokenizer::Add(size_t begin, size_t end, std::string_view form, Pending sets) {
  if (pending_ != Pending::kNone) {
    const bool attached = begin == last_end_;
    if (pending_ == Pending::kStrong && attached && IsCloserForm(form)) {
      sentences_[sentence_count_].push_back(form);
      spans_.push_back(TextSpan{begin, end});
      last_end_ = end;
      return;
    }
    bool split = false;
    if (pending_ == Pending::kStrong) {
      split = !At(text_, begin).lower && form != "," && form != ";" && form != ":";
    } else {
      split = Contains(kSentenceOpeners, form);
    }
    if (split) {
      if (pending_ == Pending::kWeak) SplitFinalPeriod();
      EndSentence();
    }
    pending_ = Pending::kNone;
  }
  paragraph_start_ = false;
  std::vector<std::string_view>& sentence = sentences_[sentence_count_];
  sentence.push_back(form);
  spans_.push_back(TextSpan{begin, end});
  last_end_ = end;
  pending_ = sets;
  if (sentence.size() >= options_.sentence_max_words) EndSentence();
}

void ArticleTokenizer::SplitFinalPeriod() {
  // CoNLL writes a sentence-final "Inc." as "Inc" ".".
  std::vector<std::string_view>& sentence = sentences_[sentence_count_];
  if (sentence.empty() || sentence.back().size() < 2 || sentence.back().back() != '.') return;
  sentence.back().remove_suffix(1);
  TextSpan& span = spans_.back();
  --span.end;
  sentence.push_back(text_.substr(span.end, 1));
  spans_.push_back(TextSpan{span.end, span.end + 1});
}

void ArticleTokenizer::EndSentence() {
  pending_ = Pending::kNone;
  const std::vector<std::string_view>& sentence = sentences_[sentence_count_];
  if (sentence.empty()) return;
  sentence_begin_.push_back(spans_.size() - sentence.size());
  ++sentence_count_;
  if (sentences_.size() <= sentence_count_) sentences_.emplace_back();
  sentences_[sentence_count_].clear();
}

}  // namespace newsflow
