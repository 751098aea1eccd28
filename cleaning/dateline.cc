#include "cleaning/dateline.h"

#include <utf8proc.h>

#include <array>
#include <cctype>

#include "util/utf8_repair.h"

namespace newsflow {
namespace {

constexpr size_t kMaxDatelineBytes = 100;
constexpr size_t kMaxBylineBytes = 120;
constexpr size_t kMaxBylineWords = 12;

// Separators between a dateline and the story, longest first.
constexpr std::array<std::string_view, 6> kSeparators = {" -- ", " \u2014 ", " \u2013 ",
                                                         " - ",  " \u2014",  " \u2013"};

constexpr std::array<std::string_view, 25> kMonths = {
    "January", "February", "March",    "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan",   "Feb", "Mar",  "Apr",  "Jun",    "Jul",
    "Aug",     "Sep",      "Sept",     "Oct",   "Nov", "Dec",  "Mar"};

// Name connectors allowed in lower case inside a byline.
constexpr std::array<std::string_view, 10> kConnectors = {"de", "van", "von", "der", "la",
                                                          "le", "da",  "di",  "bin", "al"};

// Calls fn(codepoint) for each code point; false on invalid UTF-8.
template <typename Fn>
bool ForEachCodepoint(std::string_view s, Fn&& fn) {
  for (size_t i = 0; i < s.size();) {
    int32_t cp = 0;
    const size_t n = DecodeUtf8At(s, i, &cp);
    if (n == 0) return false;
    fn(cp);
    i += n;
  }
  return true;
}

bool IsUpper(utf8proc_int32_t cp) { return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU; }
bool IsLetter(utf8proc_int32_t cp) {
  const auto c = utf8proc_category(cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> Split(std::string_view s, char by) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == by) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

// "TEL AVIV", "ST. LOUIS", "SÃO PAULO": capitals, spaces, '.', '-', '\''.
bool IsAllCapsPlace(std::string_view s) {
  int letters = 0;
  int words = 1;
  bool ok = ForEachCodepoint(s, [&](utf8proc_int32_t cp) {
    if (cp == ' ') {
      ++words;
    } else if (IsLetter(cp)) {
      ++letters;
      if (!IsUpper(cp)) letters = -1000;
    } else if (cp != '.' && cp != '-' && cp != '\'' && cp != 0x2019) {
      letters = -1000;
    }
  });
  return ok && letters >= 3 && words <= 4;
}

// A capitalized word: first letter upper case, the rest letters, '.', '-'.
bool IsCapitalizedWord(std::string_view w) {
  bool first = true;
  bool ok = true;
  const bool valid = ForEachCodepoint(w, [&](utf8proc_int32_t cp) {
    if (first) {
      ok = IsUpper(cp);
      first = false;
    } else if (!IsLetter(cp) && cp != '.' && cp != '-' && cp != '\'' && cp != 0x2019) {
      ok = false;
    }
  });
  return valid && !first && ok;
}

bool IsMonth(std::string_view w) {
  if (!w.empty() && w.back() == '.') w.remove_suffix(1);
  for (auto m : kMonths)
    if (w == m) return true;
  return false;
}

// "Israel", "March 3", "Calif.", "Oct. 12": up to three capitalized words,
// or a month followed by a day number.
bool IsDatelineQualifier(std::string_view part) {
  part = Trim(part);
  const auto words = Split(part, ' ');
  if (words.empty() || words.size() > 3) return false;
  if (words.size() == 2 && IsMonth(words[0])) {
    const auto day = words[1];
    return !day.empty() && day.size() <= 2 && std::isdigit(static_cast<unsigned char>(day[0])) &&
           std::isdigit(static_cast<unsigned char>(day.back()));
  }
  for (auto w : words)
    if (!IsCapitalizedWord(w)) return false;
  return true;
}

// Checks "PLACE[, Qualifier]*[ (Agency)]" and returns true if it is one.
bool IsDateline(std::string_view head) {
  head = Trim(head);
  if (head.empty()) return false;
  if (head.back() == ')') {
    const size_t open = head.rfind(" (");
    if (open == std::string_view::npos) return false;
    const auto agency = head.substr(open + 2, head.size() - open - 3);
    if (agency.empty() || agency.size() > 30) return false;
    for (auto w : Split(agency, ' '))
      if (!IsCapitalizedWord(w)) return false;
    head = head.substr(0, open);
  }
  const auto parts = Split(head, ',');
  if (parts.size() > 3 || !IsAllCapsPlace(Trim(parts[0]))) return false;
  for (size_t i = 1; i < parts.size(); ++i)
    if (!IsDatelineQualifier(parts[i])) return false;
  return true;
}

// "By Jane Doe and John Roe" -> {"Jane Doe", "John Roe"}; empty if not a byline.
std::vector<std::string> ParseByline(std::string_view paragraph) {
  paragraph = Trim(paragraph);
  if (paragraph.size() > kMaxBylineBytes) return {};
  if (paragraph.substr(0, 3) != "By " && paragraph.substr(0, 3) != "BY ") return {};
  std::string_view names = paragraph.substr(3);
  std::vector<std::string> authors;
  std::string current;
  size_t words = 0;
  auto flush = [&] {
    if (!current.empty()) authors.push_back(current);
    current.clear();
  };
  for (auto raw : Split(names, ' ')) {
    if (raw.empty()) continue;
    if (++words > kMaxBylineWords) return {};
    std::string_view w = raw;
    const bool comma = w.back() == ',';
    if (comma) w.remove_suffix(1);
    if (w == "and" || w == "&") {
      flush();
      continue;
    }
    bool connector = false;
    for (auto c : kConnectors) connector = connector || w == c;
    if (!connector && !IsCapitalizedWord(w)) return {};
    if (!current.empty()) current += ' ';
    current.append(w);
    if (comma) flush();
  }
  flush();
  return authors;
}

}  // namespace

LeadSplit SplitDatelineAndByline(std::string_view text) {
  LeadSplit out;
  std::vector<std::string_view> paragraphs;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = text.find("\n\n", start);
    paragraphs.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 2;
  }
  // A byline among the first two paragraphs.
  for (size_t i = 0; i < paragraphs.size() && i < 2; ++i) {
    auto authors = ParseByline(paragraphs[i]);
    if (!authors.empty() && paragraphs.size() > 1) {
      out.authors = std::move(authors);
      paragraphs.erase(paragraphs.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  }
  // A dateline at the start of the first remaining paragraph.
  std::string first_rest;
  bool replaced = false;
  if (!paragraphs.empty()) {
    const std::string_view first = paragraphs[0];
    const std::string_view window = first.substr(0, kMaxDatelineBytes);
    // The earliest separator wins (the longest one at that position).
    size_t at = std::string_view::npos;
    size_t sep_size = 0;
    for (auto sep : kSeparators) {
      const size_t found = window.find(sep);
      if (found != std::string_view::npos &&
          (found < at || (found == at && sep.size() > sep_size))) {
        at = found;
        sep_size = sep.size();
      }
    }
    if (at != std::string_view::npos && at > 0) {
      const auto rest = Trim(first.substr(at + sep_size));
      if (!rest.empty() && IsDateline(first.substr(0, at))) {
        out.dateline = std::string(Trim(first.substr(0, at)));
        first_rest = std::string(rest);
        replaced = true;
      }
    }
  }
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (i > 0) out.text += "\n\n";
    if (i == 0 && replaced) {
      out.text += first_rest;
    } else {
      out.text.append(paragraphs[i]);
    }
  }
  return out;
}

}  // namespace newsflow
