#include "util/feed_date.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "util/ascii.h"

namespace newsflow {
namespace {

constexpr int64_t kMsPerSecond = 1000;
constexpr int64_t kMsPerMinute = 60 * kMsPerSecond;
constexpr int64_t kMsPerHour = 60 * kMsPerMinute;
constexpr int64_t kMsPerDay = 24 * kMsPerHour;
constexpr double kEpochMillisThreshold = 1e11;

// A full name, or its first three letters (plus a few common abbreviations).
bool MatchesName(std::string_view word, std::string_view full_name) {
  return EqualsIgnoreCase(word, full_name) ||
         (word.size() == 3 && EqualsIgnoreCase(word, full_name.substr(0, 3)));
}

int MonthFromName(std::string_view word) {
  static constexpr std::string_view kMonths[] = {"january",   "february", "march",    "april",
                                                 "may",       "june",     "july",     "august",
                                                 "september", "october",  "november", "december"};
  for (int i = 0; i < 12; ++i) {
    if (MatchesName(word, kMonths[i])) return i + 1;
  }
  if (EqualsIgnoreCase(word, "sept")) return 9;
  return 0;
}

bool IsWeekdayName(std::string_view word) {
  static constexpr std::string_view kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                               "friday", "saturday", "sunday"};
  for (std::string_view day : kDays) {
    if (MatchesName(word, day)) return true;
  }
  return EqualsIgnoreCase(word, "tues") || EqualsIgnoreCase(word, "thur") ||
         EqualsIgnoreCase(word, "thurs");
}

// RFC 822 zone names, as minutes east of UTC.
bool ZoneFromName(std::string_view word, int* offset_minutes) {
  struct NamedZone {
    std::string_view name;
    int offset_minutes;
  };
  static constexpr NamedZone kZones[] = {
      {"z", 0},         {"ut", 0},        {"utc", 0},       {"gmt", 0},
      {"est", -5 * 60}, {"edt", -4 * 60}, {"cst", -6 * 60}, {"cdt", -5 * 60},
      {"mst", -7 * 60}, {"mdt", -6 * 60}, {"pst", -8 * 60}, {"pdt", -7 * 60},
  };
  for (const NamedZone& zone : kZones) {
    if (EqualsIgnoreCase(word, zone.name)) {
      *offset_minutes = zone.offset_minutes;
      return true;
    }
  }
  return false;
}

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  size_t pos() const { return pos_; }
  void Reset(size_t pos) { pos_ = pos; }

  bool Consume(char c) {
    if (AtEnd() || text_[pos_] != c) return false;
    ++pos_;
    return true;
  }

  size_t SkipSpaces() {
    size_t skipped = 0;
    while (!AtEnd() && IsAsciiSpace(text_[pos_])) {
      ++pos_;
      ++skipped;
    }
    return skipped;
  }

  // Reads a run of digits whose length is within [min_digits, max_digits];
  // a longer or shorter run fails and consumes nothing.
  bool Number(int min_digits, int max_digits, int* value, int* digits = nullptr) {
    size_t end = pos_;
    while (end < text_.size() && IsAsciiDigit(text_[end])) ++end;
    const int count = static_cast<int>(end - pos_);
    if (count < min_digits || count > max_digits) return false;
    int result = 0;
    for (size_t i = pos_; i < end; ++i) result = result * 10 + (text_[i] - '0');
    pos_ = end;
    *value = result;
    if (digits != nullptr) *digits = count;
    return true;
  }

  // Reads a run of ASCII letters (empty if there is none).
  std::string_view Word() {
    const size_t start = pos_;
    while (!AtEnd() && IsAsciiAlpha(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

struct Fields {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millis = 0;
  int offset_minutes = 0;  // east of UTC
};

std::optional<int64_t> ToMillis(const Fields& f) {
  if (f.year < 0 || f.year > 9999 || f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{f.year},
                                         std::chrono::month{static_cast<unsigned>(f.month)},
                                         std::chrono::day{static_cast<unsigned>(f.day)}};
  if (!date.ok()) return std::nullopt;
  if (f.hour > 23 || f.minute > 59 || f.second > 60) return std::nullopt;
  const int64_t days = std::chrono::sys_days{date}.time_since_epoch().count();
  const int64_t ms = days * kMsPerDay + f.hour * kMsPerHour + f.minute * kMsPerMinute +
                     f.second * kMsPerSecond + f.millis - f.offset_minutes * kMsPerMinute;
  if (ms < kMinFeedDateMs || ms > kMaxFeedDateMs) return std::nullopt;
  return ms;
}

// +HH:MM, +HHMM, +HH (or -), or a zone name.
bool ParseZone(Scanner& s, int* offset_minutes) {
  const char sign = s.Peek();
  if (sign == '+' || sign == '-') {
    s.Consume(sign);
    int hours = 0;
    int minutes = 0;
    int digits = 0;
    if (!s.Number(2, 4, &hours, &digits) || digits == 3) return false;
    if (digits == 4) {
      minutes = hours % 100;
      hours /= 100;
    } else if (s.Consume(':') && !s.Number(2, 2, &minutes)) {
      return false;
    }
    if (hours > 23 || minutes > 59) return false;
    *offset_minutes = (sign == '-' ? -1 : 1) * (hours * 60 + minutes);
    return true;
  }
  return ZoneFromName(s.Word(), offset_minutes);
}

// H:MM[:SS[.fff...]] [AM|PM]. `min_hour_digits` is 2 for ISO 8601.
bool ParseTime(Scanner& s, int min_hour_digits, bool allow_meridiem, Fields* f) {
  if (!s.Number(min_hour_digits, 2, &f->hour) || !s.Consume(':') || !s.Number(2, 2, &f->minute)) {
    return false;
  }
  if (s.Consume(':')) {
    if (!s.Number(2, 2, &f->second)) return false;
    if (s.Consume('.') || s.Consume(',')) {
      int digits = 0;
      int millis = 0;
      while (IsAsciiDigit(s.Peek())) {
        if (digits < 3) millis = millis * 10 + (s.Peek() - '0');
        s.Consume(s.Peek());
        ++digits;
      }
      if (digits == 0) return false;
      for (int i = digits; i < 3; ++i) millis *= 10;
      f->millis = millis;
    }
  }
  if (allow_meridiem) {
    const size_t before = s.pos();
    s.SkipSpaces();
    const std::string_view word = s.Word();
    const bool am = EqualsIgnoreCase(word, "am");
    const bool pm = EqualsIgnoreCase(word, "pm");
    if (am || pm) {
      if (f->hour < 1 || f->hour > 12) return false;
      f->hour = f->hour % 12 + (pm ? 12 : 0);
    } else {
      s.Reset(before);
    }
  }
  return true;
}

// After the date (and time, if any): an optional zone, then the end.
std::optional<int64_t> Finish(Scanner& s, bool has_time, Fields* f) {
  s.SkipSpaces();
  if (has_time && !s.AtEnd() && !ParseZone(s, &f->offset_minutes)) return std::nullopt;
  s.SkipSpaces();
  if (!s.AtEnd()) return std::nullopt;
  return ToMillis(*f);
}

std::optional<int64_t> ParseIso8601(std::string_view text) {
  Scanner s(text);
  Fields f;
  if (!s.Number(4, 4, &f.year) || !s.Consume('-') || !s.Number(2, 2, &f.month) || !s.Consume('-') ||
      !s.Number(2, 2, &f.day)) {
    return std::nullopt;
  }
  if (s.AtEnd()) return ToMillis(f);
  if (!s.Consume('T') && !s.Consume('t') && s.SkipSpaces() == 0) return std::nullopt;
  if (!ParseTime(s, 2, /*allow_meridiem=*/false, &f)) return std::nullopt;
  return Finish(s, /*has_time=*/true, &f);
}

// Skips "Tue," / "Tuesday " if present. False if a word is there but is not
// a weekday (so the caller can try the next format).
bool SkipWeekday(Scanner& s) {
  const size_t start = s.pos();
  const std::string_view word = s.Word();
  if (word.empty()) return true;
  if (!IsWeekdayName(word)) {
    s.Reset(start);
    return true;
  }
  s.Consume(',');
  return s.SkipSpaces() > 0;
}

// Optional time after a date, introduced by spaces (month-first dates also
// allow ", " and "at").
bool ParseOptionalTime(Scanner& s, bool month_first, Fields* f, bool* has_time) {
  const size_t start = s.pos();
  bool comma = month_first && s.Consume(',');
  if (s.SkipSpaces() == 0 && !comma) return true;
  if (month_first) {
    const size_t before_word = s.pos();
    if (EqualsIgnoreCase(s.Word(), "at")) {
      if (s.SkipSpaces() == 0) return false;
    } else {
      s.Reset(before_word);
    }
  }
  if (!IsAsciiDigit(s.Peek())) {
    s.Reset(start);
    return true;
  }
  *has_time = true;
  return ParseTime(s, 1, /*allow_meridiem=*/month_first, f);
}

// [Tue, ]05 Mar 2024 14:30:00 +0000
std::optional<int64_t> ParseRfc2822(std::string_view text) {
  Scanner s(text);
  Fields f;
  if (!SkipWeekday(s)) return std::nullopt;
  if (!s.Number(1, 2, &f.day) || s.SkipSpaces() == 0) return std::nullopt;
  f.month = MonthFromName(s.Word());
  if (f.month == 0 || s.SkipSpaces() == 0) return std::nullopt;
  int digits = 0;
  if (!s.Number(2, 4, &f.year, &digits)) return std::nullopt;
  if (digits == 2) {
    f.year += f.year < 50 ? 2000 : 1900;
  } else if (digits == 3) {
    f.year += 1900;
  }
  bool has_time = false;
  if (!ParseOptionalTime(s, /*month_first=*/false, &f, &has_time)) return std::nullopt;
  return Finish(s, has_time, &f);
}

// [Tuesday, ]March 5, 2024 [2:30 PM]
std::optional<int64_t> ParseMonthFirst(std::string_view text) {
  Scanner s(text);
  Fields f;
  if (!SkipWeekday(s)) return std::nullopt;
  f.month = MonthFromName(s.Word());
  if (f.month == 0) return std::nullopt;
  s.Consume('.');
  if (s.SkipSpaces() == 0 || !s.Number(1, 2, &f.day)) return std::nullopt;
  const size_t before_suffix = s.pos();
  const std::string_view suffix = s.Word();
  if (!EqualsIgnoreCase(suffix, "st") && !EqualsIgnoreCase(suffix, "nd") &&
      !EqualsIgnoreCase(suffix, "rd") && !EqualsIgnoreCase(suffix, "th")) {
    s.Reset(before_suffix);
  }
  const bool comma = s.Consume(',');
  if (s.SkipSpaces() == 0 && !comma) return std::nullopt;
  if (!s.Number(4, 4, &f.year)) return std::nullopt;
  bool has_time = false;
  if (!ParseOptionalTime(s, /*month_first=*/true, &f, &has_time)) return std::nullopt;
  return Finish(s, has_time, &f);
}

// [-]digits[.digits]
std::optional<int64_t> ParseEpochDigits(std::string_view text) {
  size_t i = (text.front() == '-') ? 1 : 0;
  const size_t int_start = i;
  while (i < text.size() && IsAsciiDigit(text[i])) ++i;
  const size_t int_digits = i - int_start;
  if (int_digits == 0 || int_digits > 18) return std::nullopt;
  bool has_fraction = false;
  if (i < text.size() && text[i] == '.') {
    has_fraction = true;
    const size_t frac_start = ++i;
    while (i < text.size() && IsAsciiDigit(text[i])) ++i;
    if (i == frac_start) return std::nullopt;
  }
  if (i != text.size()) return std::nullopt;
  if (has_fraction) {
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
    return EpochNumberToMs(value);
  }
  int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  const bool millis = std::llabs(value) >= static_cast<int64_t>(kEpochMillisThreshold);
  // 18 digits of seconds would overflow once multiplied; they are out of range anyway.
  if (!millis && (value > kMaxFeedDateMs / 1000 || value < kMinFeedDateMs / 1000)) {
    return std::nullopt;
  }
  const int64_t ms = millis ? value : value * 1000;
  if (ms < kMinFeedDateMs || ms > kMaxFeedDateMs) return std::nullopt;
  return ms;
}

bool LooksLikeEpoch(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!IsAsciiDigit(c) && c != '.' && !(c == '-' && i == 0)) return false;
  }
  return true;
}

}  // namespace

std::optional<int64_t> ParseFeedDate(std::string_view text) {
  text = TrimAsciiSpace(text);
  if (text.empty()) return std::nullopt;
  if (LooksLikeEpoch(text)) return ParseEpochDigits(text);
  if (text.size() >= 5 && IsAsciiDigit(text[0]) && IsAsciiDigit(text[1]) && IsAsciiDigit(text[2]) &&
      IsAsciiDigit(text[3]) && text[4] == '-') {
    return ParseIso8601(text);
  }
  if (auto ms = ParseRfc2822(text)) return ms;
  return ParseMonthFirst(text);
}

std::optional<int64_t> EpochNumberToMs(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  const double ms = std::fabs(value) >= kEpochMillisThreshold ? value : value * 1000.0;
  if (ms < static_cast<double>(kMinFeedDateMs) || ms > static_cast<double>(kMaxFeedDateMs)) {
    return std::nullopt;
  }
  return static_cast<int64_t>(std::llround(ms));
}

std::string FormatRfc3339Utc(int64_t epoch_ms, bool always_millis) {
  if (epoch_ms < kMinFeedDateMs) epoch_ms = kMinFeedDateMs;
  if (epoch_ms > kMaxFeedDateMs) epoch_ms = kMaxFeedDateMs;
  int64_t days = epoch_ms / kMsPerDay;
  int64_t rest = epoch_ms % kMsPerDay;
  if (rest < 0) {  // floor division for instants before 1970
    rest += kMsPerDay;
    --days;
  }
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{days}}};
  const int hour = static_cast<int>(rest / kMsPerHour);
  const int minute = static_cast<int>(rest % kMsPerHour / kMsPerMinute);
  const int second = static_cast<int>(rest % kMsPerMinute / kMsPerSecond);
  const int millis = static_cast<int>(rest % kMsPerSecond);
  char buffer[64];
  int length = std::snprintf(buffer, sizeof(buffer), "%04d-%02u-%02uT%02d:%02d:%02d",
                             static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                             static_cast<unsigned>(date.day()), hour, minute, second);
  if (millis != 0 || always_millis) {
    length += std::snprintf(buffer + length, sizeof(buffer) - length, ".%03d", millis);
  }
  std::string result(buffer, static_cast<size_t>(length));
  result.push_back('Z');
  return result;
}

}  // namespace newsflow
