#include "tagging/date_extractor.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>

#include "tagging/text_tokens.h"
#include "util/ascii.h"

namespace newsflow {
namespace {

namespace chr = std::chrono;

using TokKind = TextTokenKind;
using Tok = TextToken;

constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdays = {  // ISO order, Monday = 1
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

// Words that can start a date mention, as a bitmap of lengths per
// lower-cased first two letters: lets the scanner skip the ~95% of words
// that cannot start one with one table lookup.
class StartWords {
 public:
  StartWords() {
    for (std::string_view w : kMonths) {
      Add(w);
      Add(w.substr(0, 3));
    }
    for (auto w : kWeekdays) Add(w);
    for (std::string_view w :
         {"sept", "yesterday", "today", "tomorrow", "tonight", "last", "next", "this", "past",
          "the", "end", "start", "beginning", "middle", "close", "turn", "early", "late", "mid"}) {
      Add(w);
    }
  }
  bool Contains(std::string_view w) const {
    if (w.size() < 2 || w.size() > 31) return false;
    return (mask_[Index(w)] >> w.size()) & 1u;
  }

 private:
  static size_t Index(std::string_view w) {
    return static_cast<size_t>(((w[0] | 0x20) - 'a') * 26 + ((w[1] | 0x20) - 'a'));
  }
  void Add(std::string_view w) { mask_[Index(w)] |= 1u << w.size(); }
  std::array<uint32_t, 26 * 26> mask_{};
};

bool InList(std::string_view w, std::initializer_list<std::string_view> list) {
  for (auto l : list) {
    if (EqualsIgnoreCase(w, l)) return true;
  }
  return false;
}

// "votes", "people"-like counted nouns; "gross", "census", "basis" are not.
bool LooksPlural(std::string_view w) {
  if (EqualsIgnoreCase(w, "people")) return true;
  if (w.size() < 3 || w.back() != 's') return false;
  const char p = static_cast<char>(w[w.size() - 2] | 0x20);
  return p != 's' && p != 'u' && p != 'i';
}

// "May" or "MAY", not "may" or "mAY".
bool IsCapitalizedOrCaps(std::string_view w) {
  if (w.empty() || w[0] < 'A' || w[0] > 'Z') return false;
  bool all_lower = true;
  bool all_upper = true;
  for (size_t i = 1; i < w.size(); ++i) {
    if (w[i] >= 'a' && w[i] <= 'z') all_upper = false;
    if (w[i] >= 'A' && w[i] <= 'Z') all_lower = false;
  }
  return all_lower || all_upper;
}

std::string Format(const char* fmt, int a, int b = 0, int c = 0) {
  char buf[32];
  std::snprintf(buf, sizeof buf, fmt, a, b, c);
  return buf;
}

std::string DayValue(chr::year_month_day d) {
  return Format("%04d-%02d-%02d", static_cast<int>(d.year()),
                static_cast<int>(static_cast<unsigned>(d.month())),
                static_cast<int>(static_cast<unsigned>(d.day())));
}

std::string WeekValue(chr::sys_days d) {
  const unsigned iso = chr::weekday(d).iso_encoding();  // 1..7
  const chr::sys_days thursday = d - chr::days(iso - 1) + chr::days(3);
  const chr::year y = chr::year_month_day(thursday).year();
  const chr::sys_days jan1 = chr::sys_days(y / chr::January / 1);
  const int week = static_cast<int>((thursday - jan1).count() / 7 + 1);
  return Format("%04d-W%02d", static_cast<int>(y), week);
}

// How a match turns into a value.
enum class Rel : uint8_t {
  kAbsoluteDay,     // year, month, day
  kAbsoluteMonth,   // year, month
  kAbsoluteYear,    // year
  kNearestDay,      // month, day
  kNearestMonth,    // month
  kNearestWeekday,  // weekday
  kLastWeekday,
  kNextWeekday,
  kLastMonth,  // month name
  kNextMonth,
  kThisMonth,
  kDayOffset,  // offset days
  kWeekOffset,
  kMonthOffset,
  kYearOffset,
};

struct Match {
  size_t end_tok = 0;  // one past the last token
  Rel rel = Rel::kAbsoluteDay;
  int year = 0;
  int month = 0;
  int day = 0;
  int day2 = 0;  // range end, 0 if none
  int weekday = 0;
  int offset = 0;
  std::string_view qualifier;
};

DateResolution ResolutionOf(Rel r) {
  switch (r) {
    case Rel::kAbsoluteDay:
    case Rel::kNearestDay:
    case Rel::kNearestWeekday:
    case Rel::kLastWeekday:
    case Rel::kNextWeekday:
    case Rel::kDayOffset:
      return DateResolution::kDay;
    case Rel::kWeekOffset:
      return DateResolution::kWeek;
    case Rel::kAbsoluteMonth:
    case Rel::kNearestMonth:
    case Rel::kLastMonth:
    case Rel::kNextMonth:
    case Rel::kThisMonth:
    case Rel::kMonthOffset:
      return DateResolution::kMonth;
    case Rel::kAbsoluteYear:
    case Rel::kYearOffset:
      return DateResolution::kYear;
  }
  return DateResolution::kDay;
}

bool IsRelative(Rel r) {
  return r != Rel::kAbsoluteDay && r != Rel::kAbsoluteMonth && r != Rel::kAbsoluteYear;
}

class DateParser {
 public:
  DateParser(std::string_view text, std::optional<int64_t> published_at_ms)
      : s_(text), shared_toks_(TokenizeTextShared(text)), toks_(*shared_toks_) {
    // Years 1..9999 only: beyond that the calendar arithmetic would
    // overflow (an absurd timestamp is treated as unknown).
    constexpr int64_t kMinMs = -62135596800000;  // 0001-01-01
    constexpr int64_t kMaxMs = 253402214400000;  // 9999-12-31
    if (published_at_ms && *published_at_ms >= kMinMs && *published_at_ms < kMaxMs) {
      const auto t = chr::sys_time<chr::milliseconds>(chr::milliseconds(*published_at_ms));
      pub_ = chr::floor<chr::days>(t);
      pub_ymd_ = chr::year_month_day(*pub_);
    }
  }

  std::vector<DateMention> Run() {
    static const StartWords start_words;
    std::vector<DateMention> out;
    size_t i = 0;
    while (i < toks_.size()) {
      if (!AtWordBoundary(i)) {
        ++i;
        continue;
      }
      if (toks_[i].kind == TokKind::kWord && !start_words.Contains(Text(i))) {
        ++i;
        continue;
      }
      size_t start = i;
      std::optional<Match> m = TryQualified(i);
      if (!m) m = TryCore(i, /*context_ok=*/false);
      if (!m) {
        ++i;
        continue;
      }
      Emit(start, *m, &out);
      last_end_tok_ = m->end_tok;
      i = m->end_tok;
    }
    return out;
  }

 private:
  std::string_view Text(size_t i) const { return s_.substr(toks_[i].b, toks_[i].e - toks_[i].b); }
  bool Valid(size_t i) const { return i < toks_.size(); }
  bool IsWord(size_t i) const { return Valid(i) && toks_[i].kind == TokKind::kWord; }
  bool IsNum(size_t i) const { return Valid(i) && toks_[i].kind == TokKind::kNum; }
  bool IsPunct(size_t i, char c) const {
    return Valid(i) && toks_[i].kind == TokKind::kPunct && s_[toks_[i].b] == c;
  }
  bool IsDash(size_t i) const {
    if (IsPunct(i, '-')) return true;
    if (!Valid(i) || toks_[i].kind != TokKind::kOther) return false;
    const auto t = Text(i);
    return t == "\u2013" || t == "\u2014";
  }
  // Token i directly follows token i-1 (no whitespace).
  bool Glued(size_t i) const { return Valid(i) && i > 0 && !toks_[i].space; }
  bool WordIs(size_t i, std::string_view lower) const {
    return IsWord(i) && EqualsIgnoreCase(Text(i), lower);
  }
  bool WordIn(size_t i, std::initializer_list<std::string_view> l) const {
    return IsWord(i) && InList(Text(i), l);
  }

  // A word or number can start a mention only if it is not glued to a
  // preceding word, number or non-ASCII letter.
  bool AtWordBoundary(size_t i) const {
    if (toks_[i].kind != TokKind::kWord && toks_[i].kind != TokKind::kNum) return false;
    if (i == 0 || toks_[i].space) return true;
    const TokKind p = toks_[i - 1].kind;
    return p == TokKind::kPunct || p == TokKind::kOther;
  }
  // Nothing glued after the token i that would make it part of a longer word.
  bool EndsWord(size_t i) const {
    if (!Valid(i + 1) || toks_[i + 1].space) return true;
    const TokKind k = toks_[i + 1].kind;
    return k == TokKind::kPunct || k == TokKind::kOther;
  }

  bool SentenceStart(size_t i) const {
    if (i == 0 || toks_[i].newline) return true;
    const Tok& p = toks_[i - 1];
    if (p.kind == TokKind::kOther) return true;  // quotes, dashes
    if (p.kind != TokKind::kPunct) return false;
    const char c = s_[p.b];
    return c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == '(' || c == '\'';
  }

  int MonthAt(size_t i, bool* abbrev) const {
    if (!IsWord(i)) return 0;
    const std::string_view w = Text(i);
    if (w.size() < 3 || w.size() > 9 || !IsCapitalizedOrCaps(w)) return 0;
    for (int m = 0; m < 12; ++m) {
      if (EqualsIgnoreCase(w, kMonths[m])) {
        *abbrev = false;
        return m + 1;
      }
    }
    if (w.size() == 3 || (w.size() == 4 && EqualsIgnoreCase(w, "sept"))) {
      for (int m = 0; m < 12; ++m) {
        if (m == 4) continue;  // "May" is its own abbreviation
        if (EqualsIgnoreCase(w, kMonths[m].substr(0, 3)) ||
            (m == 8 && EqualsIgnoreCase(w, "sept"))) {
          *abbrev = true;
          return m + 1;
        }
      }
    }
    return 0;
  }
  int WeekdayAt(size_t i) const {
    if (!IsWord(i)) return 0;
    const std::string_view w = Text(i);
    if (w.size() < 6 || w.size() > 9 || !IsCapitalizedOrCaps(w)) return 0;
    for (int d = 0; d < 7; ++d) {
      if (EqualsIgnoreCase(w, kWeekdays[d])) return d + 1;
    }
    return 0;
  }
  // Value of number token i if it has at most `max_digits` digits.
  int NumValue(size_t i, size_t max_digits) const {
    if (!IsNum(i)) return -1;
    const auto t = Text(i);
    if (t.size() > max_digits) return -1;
    int v = 0;
    for (char c : t) v = v * 10 + (c - '0');
    return v;
  }
  // Number token i is a standalone number: not "2,013", "20.13", "12:30",
  // "1/2", "5%", "5m" and not preceded by "$" or a digit group.
  bool StandaloneNumber(size_t i) const {
    if (Glued(i)) {
      const size_t p = i - 1;
      if (toks_[p].kind == TokKind::kPunct) {
        const char c = s_[toks_[p].b];
        const bool mid_dash = c == '-' && WordIs(p - 1, "mid") && Glued(p);  // "mid-2015"
        if (c != '(' && c != '"' && c != '\'' && c != '[' && !mid_dash) return false;
      } else if (toks_[p].kind == TokKind::kOther) {
        if (!IsOpeningPunct(p)) return false;  // "£2013", "€20"
      } else {
        return false;  // glued to a word or number
      }
    }
    if (Glued(i + 1)) {
      const Tok& nx = toks_[i + 1];
      if (nx.kind == TokKind::kNum || nx.kind == TokKind::kForeign) return false;
      if (nx.kind == TokKind::kPunct) {
        const char c = s_[nx.b];
        if (c == '%') return false;
        if ((c == '.' || c == ',' || c == ':' || c == '/') && Glued(i + 2) && IsNum(i + 2)) {
          return false;
        }
      }
    }
    return true;
  }
  bool IsOpeningPunct(size_t i) const {
    const auto t = Text(i);
    return t == "\u201C" || t == "\u2018" || t == "\u2013" || t == "\u2014";
  }

  bool IsYearNumber(size_t i, int* year) const {
    const int v = NumValue(i, 4);
    if (v < 1000 || Text(i).size() != 4) return false;
    *year = v;
    return StandaloneNumber(i);
  }
  // A spelled-out unit after a number makes it a quantity, not a year.
  bool QuantityFollows(size_t i) const {
    return WordIn(i + 1, {"million", "billion", "trillion", "thousand", "percent", "pct", "per",
                          "bn", "mn", "m", "k", "km", "kg", "tonnes", "tons", "points", "times"});
  }

  // A word before token i that introduces a bare month or year.
  bool DateContextBefore(size_t i) const {
    if (i == 0 || !toks_[i].space) return false;
    const size_t p = i - 1;
    if (WordIn(p, {"in",     "since",    "from",       "until",  "till",  "by",  "before",  "after",
                   "during", "through",  "throughout", "early",  "late",  "mid", "between", "circa",
                   "around", "starting", "beginning",  "ending", "fiscal"})) {
      return true;
    }
    if (WordIs(p, "of") && p > 0 &&
        WordIn(p - 1,
               {"end",    "start",  "beginning", "middle", "half",  "quarter", "summer", "spring",
                "autumn", "winter", "fall",      "rest",   "month", "course",  "class",  "part",
                "week",   "weeks",  "days",      "months", "most",  "close",   "turn"})) {
      return true;
    }
    // Second element of a range or list: "from May to July", "2010 and 2013".
    if (last_end_tok_ == p && WordIn(p, {"to", "and", "or", "through"})) return true;
    if (last_end_tok_ == p && IsDash(p)) return true;
    return false;
  }

  std::optional<Match> TryQualified(size_t i) const {
    std::string_view q;
    size_t j = i;
    if (WordIs(j, "the")) ++j;
    if (WordIn(j, {"end", "start", "beginning", "middle", "close", "turn"}) &&
        WordIs(j + 1, "of")) {
      if (WordIs(j, "end") || WordIs(j, "close")) q = "end";
      if (WordIs(j, "start") || WordIs(j, "beginning") || WordIs(j, "turn")) q = "start";
      if (WordIs(j, "middle")) q = "mid";
      j += 2;
    } else if (j == i && WordIn(j, {"early", "late", "mid"})) {
      q = WordIs(j, "early") ? "early" : WordIs(j, "late") ? "late" : "mid";
      ++j;
      if (IsDash(j) && Glued(j)) ++j;
    } else {
      return std::nullopt;
    }
    std::optional<Match> m;
    if (WordIs(j, "the") && WordIn(j + 1, {"year", "month", "week"})) {
      m = Match{};
      m->end_tok = j + 2;
      m->rel = WordIs(j + 1, "year")    ? Rel::kYearOffset
               : WordIs(j + 1, "month") ? Rel::kMonthOffset
                                        : Rel::kWeekOffset;
    } else {
      m = TryCore(j, /*context_ok=*/true);
    }
    if (!m) return std::nullopt;
    const DateResolution r = ResolutionOf(m->rel);
    if (r == DateResolution::kDay) return std::nullopt;
    m->qualifier = q;
    return m;
  }

  std::optional<Match> TryCore(size_t i, bool context_ok) const {
    if (!Valid(i)) return std::nullopt;
    if (IsWord(i)) {
      if (auto m = TryRelativeWord(i)) return m;
      if (auto m = TryWeekday(i)) return m;
      bool abbrev = false;
      if (MonthAt(i, &abbrev) != 0) return TryMonthFirst(i, context_ok);
      return std::nullopt;
    }
    if (IsNum(i)) {
      if (auto m = TryIso(i)) return m;
      if (auto m = TrySlashed(i)) return m;
      if (auto m = TryDayFirst(i)) return m;
      return TryYear(i, context_ok);
    }
    return std::nullopt;
  }

  std::optional<Match> TryRelativeWord(size_t i) const {
    const std::string_view w = Text(i);
    Match m;
    if (InList(w, {"yesterday", "today", "tomorrow", "tonight"})) {
      if (!EndsWord(i) && !IsPunct(i + 1, '\'')) return std::nullopt;
      // "Today" (the programme), "USA Today", "Tomorrow's World".
      if (w[0] >= 'A' && w[0] <= 'Z' && !SentenceStart(i)) return std::nullopt;
      m.rel = Rel::kDayOffset;
      m.offset = EqualsIgnoreCase(w, "yesterday") ? -1 : EqualsIgnoreCase(w, "tomorrow") ? 1 : 0;
      m.end_tok = i + 1;
      return m;
    }
    if (!InList(w, {"last", "next", "this", "past"})) return std::nullopt;
    const size_t k = i + 1;
    if (!IsWord(k) || !toks_[k].space || !EndsWordOrPossessive(k)) return std::nullopt;
    const int dir = EqualsIgnoreCase(w, "last") || EqualsIgnoreCase(w, "past") ? -1
                    : EqualsIgnoreCase(w, "next")                              ? 1
                                                                               : 0;
    m.end_tok = k + 1;
    if (const int wd = WeekdayAt(k); wd != 0) {
      if (EqualsIgnoreCase(w, "past")) return std::nullopt;
      m.weekday = wd;
      m.rel = dir < 0 ? Rel::kLastWeekday : dir > 0 ? Rel::kNextWeekday : Rel::kNearestWeekday;
      return m;
    }
    bool abbrev = false;
    if (const int mo = MonthAt(k, &abbrev); mo != 0 && !abbrev) {
      if (EqualsIgnoreCase(w, "past")) return std::nullopt;
      m.month = mo;
      m.rel = dir < 0 ? Rel::kLastMonth : dir > 0 ? Rel::kNextMonth : Rel::kThisMonth;
      return m;
    }
    if (EqualsIgnoreCase(w, "past")) return std::nullopt;  // "the past year" is a duration
    m.offset = dir;
    if (WordIs(k, "year")) {
      m.rel = Rel::kYearOffset;
    } else if (WordIs(k, "month")) {
      m.rel = Rel::kMonthOffset;
    } else if (WordIs(k, "week")) {
      m.rel = Rel::kWeekOffset;
    } else {
      return std::nullopt;
    }
    return m;
  }
  bool EndsWordOrPossessive(size_t i) const { return EndsWord(i) || IsPunct(i + 1, '\''); }

  std::optional<Match> TryWeekday(size_t i) const {
    const int wd = WeekdayAt(i);
    if (wd == 0 || !EndsWordOrPossessive(i)) return std::nullopt;
    const std::initializer_list<std::string_view> kFunctionWords = {
        "on",       "last",   "next",  "this", "since", "by",      "until",   "till",
        "from",     "before", "after", "and",  "or",    "to",      "between", "every",
        "each",     "late",   "early", "that", "of",    "through", "said",    "says",
        "for",      "as",     "at",    "than", "over",  "during",  "around",  "about",
        "starting", "but",    "so",    "then", "when"};
    const bool prev_word = i > 0 && IsWord(i - 1) && toks_[i].space;
    // Sentence-initial too: "Bloody Sunday." The words that may start a
    // sentence before a weekday ("On", "Last", "By") are function words.
    const bool prev_is_name = prev_word && Text(i - 1)[0] >= 'A' && Text(i - 1)[0] <= 'Z' &&
                              !InList(Text(i - 1), kFunctionWords) &&
                              !WordIn(i - 1, {"the", "a", "an"});
    if (prev_is_name) return std::nullopt;  // "Bloody Sunday", "Super Tuesday"
    if (prev_word && WordIs(i - 1, "on") && i > 1 &&
        WordIn(i - 2, {"mail", "independent", "observer"})) {
      return std::nullopt;  // "Mail on Sunday"
    }
    // Sunday, Jan. 4 [2015]: one mention.
    size_t j = i + 1;
    if (IsPunct(j, ',') && Glued(j)) ++j;
    bool abbrev = false;
    if (MonthAt(j, &abbrev) != 0) {
      if (auto m = TryMonthFirst(j, /*context_ok=*/false); m && m->day != 0) return m;
    }
    if (IsNum(j)) {
      if (auto m = TryDayFirst(j)) return m;
    }
    // "The Sunday Times", "Sunday Telegraph": a name when a capitalized word
    // follows and nothing before says it is a date.
    const bool prev_function = prev_word && InList(Text(i - 1), kFunctionWords);
    if (!prev_function && IsWord(i + 1) && toks_[i + 1].space && !toks_[i + 1].newline &&
        Text(i + 1)[0] >= 'A' && Text(i + 1)[0] <= 'Z') {
      return std::nullopt;
    }
    Match m;
    m.rel = Rel::kNearestWeekday;
    m.weekday = wd;
    m.end_tok = i + 1;
    return m;
  }

  // Day number at token j (1..31, optionally with an ordinal suffix); returns
  // the token after it, or 0.
  size_t DayAt(size_t j, int* day, bool after_dash = false) const {
    if (!IsNum(j) || Text(j).size() > 2) return 0;
    const int v = NumValue(j, 2);
    if (v < 1 || v > 31) return 0;
    size_t k = j + 1;
    if (IsWord(k) && Glued(k)) {
      if (!WordIn(k, {"st", "nd", "rd", "th"})) return 0;
      if (!EndsWord(k)) return 0;
      ++k;
    } else if (!StandaloneNumber(j) && !(after_dash && Glued(j) && IsDash(j - 1))) {
      return 0;
    }
    *day = v;
    return k;
  }
  // A year after a date: ", 2015" or " 2015". Returns the token after it, or 0.
  size_t YearAfter(size_t j, int* year) const {
    size_t k = j;
    if (IsPunct(k, ',') && Glued(k)) ++k;
    if (!IsNum(k) || !toks_[k].space) return 0;
    int y = 0;
    if (!IsYearNumber(k, &y) || y < 1800 || y > 2199 || QuantityFollows(k)) return 0;
    *year = y;
    return k + 1;
  }

  std::optional<Match> TryMonthFirst(size_t i, bool context_ok) const {
    bool abbrev = false;
    const int month = MonthAt(i, &abbrev);
    size_t j = i + 1;
    const bool dotted = IsPunct(j, '.') && Glued(j);
    if (dotted) {
      ++j;
    } else if (!EndsWordOrPossessive(i)) {
      return std::nullopt;
    }
    Match m;
    m.month = month;
    int day = 0;
    if (toks_.size() > j && toks_[j].space) {
      if (size_t k = DayAt(j, &day); k != 0) {
        m.day = day;
        m.end_tok = k;
        // Range "Jan. 4-6".
        if (IsDash(k) && IsNum(k + 1)) {
          int day2 = 0;
          if (size_t k2 = DayAt(k + 1, &day2, /*after_dash=*/true); k2 != 0 && day2 > day) {
            m.day2 = day2;
            m.end_tok = k2;
            k = k2;
          }
        }
        int year = 0;
        if (size_t k3 = YearAfter(k, &year); k3 != 0) {
          m.year = year;
          m.end_tok = k3;
          m.rel = Rel::kAbsoluteDay;
        } else {
          m.rel = Rel::kNearestDay;
        }
        if (DayExists(m)) return m;
        m.day = m.day2 = m.year = 0;
      }
      int year = 0;
      size_t y = j;
      if (WordIs(y, "of") && Valid(y + 1) && toks_[y + 1].space) ++y;
      if (IsNum(y) && IsYearNumber(y, &year) && year >= 1800 && year <= 2199 &&
          !QuantityFollows(y)) {
        m.year = year;
        m.end_tok = y + 1;
        m.rel = Rel::kAbsoluteMonth;
        return m;
      }
    }
    // A bare month.
    if (abbrev && !dotted) return std::nullopt;
    if (!context_ok && !DateContextBefore(i)) return std::nullopt;
    m.rel = Rel::kNearestMonth;
    m.end_tok = abbrev ? j : i + 1;
    return m;
  }

  // "4 January", "4th of January 2015", "25 Dec.".
  std::optional<Match> TryDayFirst(size_t i) const {
    int day = 0;
    size_t k = DayAt(i, &day);
    if (k == 0) return std::nullopt;
    int day2 = 0;  // "22-23 June"
    if (IsDash(k) && Glued(k) && Glued(k + 1)) {
      if (size_t k2 = DayAt(k + 1, &day2, /*after_dash=*/true); k2 != 0 && day2 > day) {
        k = k2;
      } else {
        return std::nullopt;  // "3-2 June Street": a score, not a range
      }
    }
    if (WordIs(k, "of") && toks_[k].space) ++k;
    if (!Valid(k) || !toks_[k].space) return std::nullopt;
    bool abbrev = false;
    const int month = MonthAt(k, &abbrev);
    if (month == 0) return std::nullopt;
    size_t j = k + 1;
    if (abbrev && IsPunct(j, '.') && Glued(j)) {
      ++j;
    } else if (abbrev || !EndsWordOrPossessive(k)) {
      return std::nullopt;
    }
    Match m;
    m.month = month;
    m.day = day;
    m.day2 = day2;
    m.end_tok = j;
    m.rel = Rel::kNearestDay;
    int year = 0;
    if (size_t y = YearAfter(j, &year); y != 0) {
      m.year = year;
      m.end_tok = y;
      m.rel = Rel::kAbsoluteDay;
    }
    if (!DayExists(m)) return std::nullopt;
    return m;
  }

  // 2015-01-04
  std::optional<Match> TryIso(size_t i) const {
    if (Text(i).size() != 4 || !IsPunct(i + 1, '-')) return std::nullopt;
    if (!Glued(i + 1) || !Glued(i + 2) || !IsNum(i + 2) || Text(i + 2).size() != 2) {
      return std::nullopt;
    }
    if (!IsPunct(i + 3, '-') || !Glued(i + 3) || !Glued(i + 4) || !IsNum(i + 4) ||
        Text(i + 4).size() != 2) {
      return std::nullopt;
    }
    if (Glued(i) && (IsPunct(i - 1, '-') || IsPunct(i - 1, '.') || IsPunct(i - 1, '/'))) {
      return std::nullopt;
    }
    if (Glued(i + 5)) {
      if (IsNum(i + 5) || IsPunct(i + 5, '-') || IsPunct(i + 5, '/')) return std::nullopt;
      if (IsWord(i + 5) && Text(i + 5) != "T") return std::nullopt;  // 2015-01-04T10:00 is fine
      if (IsPunct(i + 5, '.') && Glued(i + 6) && IsNum(i + 6)) return std::nullopt;
    }
    Match m;
    m.year = NumValue(i, 4);
    m.month = NumValue(i + 2, 2);
    m.day = NumValue(i + 4, 2);
    m.rel = Rel::kAbsoluteDay;
    m.end_tok = i + 5;
    if (!DayExists(m)) return std::nullopt;
    return m;
  }

  // 01/04/2015 (US order unless only day-first is possible).
  std::optional<Match> TrySlashed(size_t i) const {
    if (Text(i).size() > 2 || !IsPunct(i + 1, '/') || !Glued(i + 1) || !Glued(i + 2) ||
        !IsNum(i + 2) || Text(i + 2).size() > 2 || !IsPunct(i + 3, '/') || !Glued(i + 3) ||
        !Glued(i + 4) || !IsNum(i + 4) || Text(i + 4).size() != 4) {
      return std::nullopt;
    }
    if (Glued(i) && (IsPunct(i - 1, '/') || IsPunct(i - 1, '.'))) return std::nullopt;
    if (Glued(i + 5) && (IsPunct(i + 5, '/') || IsNum(i + 5) || IsWord(i + 5))) {
      return std::nullopt;
    }
    const int a = NumValue(i, 2);
    const int b = NumValue(i + 2, 2);
    Match m;
    m.year = NumValue(i + 4, 4);
    if (a > 12 && b <= 12) {
      m.day = a;
      m.month = b;
    } else {
      m.month = a;
      m.day = b;
    }
    m.rel = Rel::kAbsoluteDay;
    m.end_tok = i + 5;
    if (m.month < 1 || m.month > 12 || !DayExists(m)) return std::nullopt;
    return m;
  }

  std::optional<Match> TryYear(size_t i, bool context_ok) const {
    int year = 0;
    if (!IsYearNumber(i, &year) || year < 1900 || year > 2099 || QuantityFollows(i)) {
      return std::nullopt;
    }
    bool ok = context_ok || DateContextBefore(i);
    size_t end = i + 1;
    // "2013's"
    if (IsPunct(i + 1, '\'') && Glued(i + 1) && WordIs(i + 2, "s") && Glued(i + 2) &&
        EndsWord(i + 2)) {
      ok = true;
      end = i + 1;
    }
    // "the 2013 budget", "a 2013 report", not "the 2013 votes".
    if (!ok && i > 0 && toks_[i].space &&
        WordIn(i - 1, {"the", "a", "its", "his", "her", "their", "our", "this", "that"}) &&
        IsWord(i + 1) && toks_[i + 1].space && !toks_[i + 1].newline) {
      const std::string_view w = Text(i + 1);
      const bool capital = w[0] >= 'A' && w[0] <= 'Z';
      ok = capital || (w.size() > 1 && !LooksPlural(w));
    }
    if (!ok) return std::nullopt;
    Match m;
    m.year = year;
    m.rel = Rel::kAbsoluteYear;
    m.end_tok = end;
    return m;
  }

  static bool DayExists(const Match& m) {
    const int y = m.year != 0 ? m.year : 2000;  // leap: Feb 29 allowed without a year
    const auto d = chr::year(y) / chr::month(static_cast<unsigned>(m.month)) /
                   chr::day(static_cast<unsigned>(m.day2 != 0 ? m.day2 : m.day));
    return m.month >= 1 && m.month <= 12 && m.day >= 1 && d.ok();
  }

  void Emit(size_t start, const Match& m, std::vector<DateMention>* out) const {
    DateMention d;
    d.begin = toks_[start].b;
    d.end = toks_[m.end_tok - 1].e;
    d.text = std::string(s_.substr(d.begin, d.end - d.begin));
    d.resolution = ResolutionOf(m.rel);
    d.qualifier = m.qualifier;
    d.relative = IsRelative(m.rel);
    Resolve(m, &d);
    out->push_back(std::move(d));
  }

  void Resolve(const Match& m, DateMention* d) const {
    using chr::days;
    using chr::sys_days;
    using chr::year_month_day;
    auto mon = [](int v) { return chr::month(static_cast<unsigned>(v)); };
    auto set_day = [&](year_month_day ymd) {
      if (!ymd.ok()) return;
      d->value = DayValue(ymd);
      if (m.day2 != 0) {
        d->end_value = DayValue(
            year_month_day(ymd.year(), ymd.month(), chr::day(static_cast<unsigned>(m.day2))));
      }
      d->resolved = true;
    };
    auto set_month = [&](int y, int mo) {
      d->value = Format("%04d-%02d", y, mo);
      d->resolved = true;
    };
    auto set_year = [&](int y) {
      d->value = Format("%04d", y);
      d->resolved = true;
    };
    switch (m.rel) {
      case Rel::kAbsoluteDay:
        set_day(chr::year(m.year) / mon(m.month) / chr::day(static_cast<unsigned>(m.day)));
        return;
      case Rel::kAbsoluteMonth:
        set_month(m.year, m.month);
        return;
      case Rel::kAbsoluteYear:
        set_year(m.year);
        return;
      default:
        break;
    }
    if (!pub_) return;
    const sys_days pub = *pub_;
    const int py = static_cast<int>(pub_ymd_.year());
    const int pm = static_cast<int>(static_cast<unsigned>(pub_ymd_.month()));
    const int pwd = static_cast<int>(chr::weekday(pub).iso_encoding());
    switch (m.rel) {
      case Rel::kNearestDay: {
        std::optional<year_month_day> best;
        int64_t best_dist = 0;
        for (int y = py - 1; y <= py + 1; ++y) {
          const year_month_day c =
              chr::year(y) / mon(m.month) / chr::day(static_cast<unsigned>(m.day));
          if (!c.ok()) continue;
          const int64_t dist = std::abs((sys_days(c) - pub).count());
          if (!best || dist < best_dist) {  // ascending years: ties keep the past
            best = c;
            best_dist = dist;
          }
        }
        if (best) set_day(*best);
        return;
      }
      case Rel::kNearestMonth: {
        int best_y = py;
        int best_dist = 1 << 30;
        for (int y = py - 1; y <= py + 1; ++y) {
          const int dist = std::abs((y * 12 + m.month) - (py * 12 + pm));
          if (dist < best_dist) {
            best_y = y;
            best_dist = dist;
          }
        }
        set_month(best_y, m.month);
        return;
      }
      case Rel::kNearestWeekday: {
        int delta = ((m.weekday - pwd) % 7 + 7) % 7;
        if (delta > 3) delta -= 7;
        set_day(year_month_day(pub + days(delta)));
        return;
      }
      case Rel::kLastWeekday: {
        int delta = ((pwd - m.weekday) % 7 + 7) % 7;
        if (delta == 0) delta = 7;
        set_day(year_month_day(pub - days(delta)));
        return;
      }
      case Rel::kNextWeekday: {
        int delta = ((m.weekday - pwd) % 7 + 7) % 7;
        if (delta == 0) delta = 7;
        set_day(year_month_day(pub + days(delta)));
        return;
      }
      case Rel::kLastMonth:
        set_month(m.month < pm ? py : py - 1, m.month);
        return;
      case Rel::kNextMonth:
        set_month(m.month > pm ? py : py + 1, m.month);
        return;
      case Rel::kThisMonth:
        set_month(py, m.month);
        return;
      case Rel::kDayOffset:
        set_day(year_month_day(pub + days(m.offset)));
        return;
      case Rel::kWeekOffset:
        d->value = WeekValue(pub + days(7 * m.offset));
        d->resolved = true;
        return;
      case Rel::kMonthOffset: {
        const int idx = py * 12 + (pm - 1) + m.offset;
        set_month(idx / 12, idx % 12 + 1);
        return;
      }
      case Rel::kYearOffset:
        set_year(py + m.offset);
        return;
      default:
        return;
    }
  }

  std::string_view s_;
  std::shared_ptr<const std::vector<Tok>> shared_toks_;  // keeps toks_ alive
  const std::vector<Tok>& toks_;
  std::optional<chr::sys_days> pub_;
  chr::year_month_day pub_ymd_{};
  size_t last_end_tok_ = static_cast<size_t>(-1);
};

}  // namespace

std::string_view DateResolutionName(DateResolution resolution) {
  switch (resolution) {
    case DateResolution::kDay:
      return "day";
    case DateResolution::kWeek:
      return "week";
    case DateResolution::kMonth:
      return "month";
    case DateResolution::kYear:
      return "year";
  }
  return "day";
}

std::vector<DateMention> ExtractDates(std::string_view text,
                                      std::optional<int64_t> published_at_ms) {
  if (text.size() > UINT32_MAX) return {};
  return DateParser(text, published_at_ms).Run();
}

}  // namespace newsflow
