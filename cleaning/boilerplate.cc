#include "cleaning/boilerplate.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstddef>

#include "util/ascii.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

constexpr size_t kMaxNavigationBytes = 300;
constexpr size_t kMaxBioBytes = 600;
constexpr size_t kMaxLabeledBioBytes = 1000;  // after an explicit "About the author"
constexpr int kMaxBioSentences = 4;
constexpr int kMaxRemovals = 12;
constexpr size_t kMaxHeadingBytes = 20;  // "About the author:"
constexpr size_t kMaxVisitBytes = 200;   // where a dangling "Visit ... at" is looked for
constexpr size_t kMaxTitleLineBytes = 80;
constexpr int kMaxTitleLineWords = 8;

constexpr std::string_view kNavigation = "navigation";
constexpr std::string_view kCopyright = "copyright";
constexpr std::string_view kCredits = "credits";
constexpr std::string_view kAuthorBio = "author_bio";

// `s` starts with `prefix` (ASCII case-insensitive) and, unless the prefix
// ends in punctuation, the next character does not continue a word.
bool StartsWithWord(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size() || !EqualsIgnoreCase(s.substr(0, prefix.size()), prefix)) {
    return false;
  }
  return s.size() == prefix.size() || !IsAsciiAlnum(prefix.back()) ||
         !IsAsciiAlnum(s[prefix.size()]);
}

// `phrase` occurs in `s` as whole words (ASCII case-insensitive).
bool ContainsWords(std::string_view s, std::string_view phrase) {
  if (phrase.empty() || s.size() < phrase.size()) return false;
  const char first = AsciiLower(phrase[0]);
  for (size_t i = 0; i + phrase.size() <= s.size(); ++i) {
    if (AsciiLower(s[i]) != first || (i > 0 && IsAsciiAlnum(s[i - 1]))) continue;
    if (!EqualsIgnoreCase(s.substr(i, phrase.size()), phrase)) continue;
    const size_t after = i + phrase.size();
    if (after == s.size() || !IsAsciiAlnum(s[after])) return true;
  }
  return false;
}

template <size_t N>
bool ContainsAnyWords(std::string_view s, const std::string_view (&phrases)[N]) {
  for (const std::string_view phrase : phrases) {
    if (ContainsWords(s, phrase)) return true;
  }
  return false;
}

template <size_t N>
bool StartsWithAnyWord(std::string_view s, const std::string_view (&prefixes)[N]) {
  for (const std::string_view prefix : prefixes) {
    if (StartsWithWord(s, prefix)) return true;
  }
  return false;
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.remove_suffix(1);
  return s;
}

// Offset just after the last non-space, non-newline byte before `end`.
size_t TrimEnd(std::string_view text, size_t end) {
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\n')) --end;
  return end;
}

utf8proc_int32_t FirstCodePoint(std::string_view s) {
  utf8proc_int32_t cp = 0;
  return DecodeUtf8At(s, 0, &cp) == 0 ? 0 : cp;
}

bool IsCapitalized(std::string_view word) {
  const utf8proc_int32_t cp = FirstCodePoint(word);
  const utf8proc_category_t category = utf8proc_category(cp);
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT;
}

bool IsNumber(std::string_view word) {
  if (word.empty()) return false;
  for (const char c : word) {
    if (!(c >= '0' && c <= '9') && c != ',' && c != '.') return false;
  }
  return true;
}

// Calls fn(word) for each space-separated word; stops early when fn returns
// false. Returns false if stopped.
template <typename Fn>
bool ForEachWord(std::string_view s, Fn&& fn) {
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start && !fn(s.substr(start, i - start))) return false;
  }
  return true;
}

constexpr std::string_view kConnectors[] = {"and", "of",     "the",    "in",     "on",     "for",
                                            "to",  "at",     "a",      "&",      "|",      "-",
                                            "/",   "\u2013", "\u2014", "\u2022", "\u00B7", "+"};

bool IsConnector(std::string_view word) {
  for (const std::string_view connector : kConnectors) {
    if (word == connector) return true;
  }
  return false;
}

bool EndsWithSentencePunctuation(std::string_view s) {
  if (s.empty()) return false;
  const char last = s.back();
  if (last == '.' || last == '!' || last == '?' || last == ',' || last == ';' || last == ':' ||
      last == '"') {
    return true;
  }
  return s.size() >= 3 &&
         (s.substr(s.size() - 3) == "\u201D" || s.substr(s.size() - 3) == "\u2026");
}

// "Mideast Africa", "World | Business | Sport": a few capitalized words,
// numbers or connectors, no sentence punctuation, no quotation.
bool IsTitleCaseLine(std::string_view s, bool allow_numbers) {
  if (s.empty() || s.size() > kMaxTitleLineBytes || EndsWithSentencePunctuation(s) ||
      s.find('"') != std::string_view::npos || s.find("\u201C") != std::string_view::npos) {
    return false;
  }
  int words = 0;
  int capitalized = 0;
  const bool ok = ForEachWord(s, [&](std::string_view word) {
    ++words;
    if (IsCapitalized(word)) {
      ++capitalized;
      return true;
    }
    return (allow_numbers && IsNumber(word)) || IsConnector(word);
  });
  return ok && capitalized > 0 && words <= kMaxTitleLineWords;
}

// ---------------------------------------------------------------------------
// Navigation.

constexpr std::string_view kNavigationPrefixes[] = {"Read more",
                                                    "Read next",
                                                    "Related:",
                                                    "Related articles",
                                                    "Related article",
                                                    "Related stories",
                                                    "Related story",
                                                    "Related coverage",
                                                    "Related content",
                                                    "Related links",
                                                    "Related posts",
                                                    "Related reading",
                                                    "Related topics",
                                                    "Share this",
                                                    "Share on",
                                                    "Subscribe",
                                                    "Sign up for",
                                                    "Sign up to",
                                                    "Follow us",
                                                    "Follow him on",
                                                    "Follow her on",
                                                    "Follow them on",
                                                    "Follow me on",
                                                    "Click here",
                                                    "Back to top",
                                                    "See also",
                                                    "Also read",
                                                    "Tags:",
                                                    "Tag:",
                                                    "Topics:",
                                                    "Categories:",
                                                    "Category:",
                                                    "Keywords:"};

constexpr std::string_view kCommentPrefixes[] = {
    "Comments are closed", "View comments",  "Show comments", "Leave a comment",
    "Add a comment",       "Post a comment", "Filed under",   "Load comments"};

// "Comments", "Comment", "Comments (12)", "12 comments".
bool IsCommentsLabel(std::string_view s) {
  if (EqualsIgnoreCase(s, "comments") || EqualsIgnoreCase(s, "comment")) return true;
  if (StartsWithWord(s, "comments") && s.size() > 9 && s[9] == '(' && s.back() == ')') {
    return IsNumber(s.substr(10, s.size() - 11));
  }
  const size_t space = s.find(' ');
  return space != std::string_view::npos && IsNumber(s.substr(0, space)) &&
         (EqualsIgnoreCase(s.substr(space + 1), "comments") ||
          EqualsIgnoreCase(s.substr(space + 1), "comment"));
}

bool IsNavigation(std::string_view p) {
  if (p.size() > kMaxNavigationBytes) return false;
  for (const std::string_view prefix :
       {std::string_view("More in"), std::string_view("More from")}) {
    if (StartsWithWord(p, prefix)) {
      return IsTitleCaseLine(TrimSpaces(p.substr(prefix.size())), /*allow_numbers=*/false);
    }
  }
  return StartsWithAnyWord(p, kNavigationPrefixes) || StartsWithAnyWord(p, kCommentPrefixes) ||
         IsCommentsLabel(p);
}

// Start of a dangling "Visit her website at" ending `p`, or npos.
size_t DanglingVisitStart(std::string_view p) {
  std::string_view s = p;
  while (!s.empty() && (s.back() == ':' || s.back() == ' ')) s.remove_suffix(1);
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  if (s.size() < 3 || !EqualsIgnoreCase(s.substr(s.size() - 3), " at"))
    return std::string_view::npos;
  s.remove_suffix(3);
  bool object = false;
  for (const std::string_view word :
       {std::string_view(" website"), std::string_view(" web site"), std::string_view(" blog")}) {
    if (s.size() >= word.size() && EqualsIgnoreCase(s.substr(s.size() - word.size()), word)) {
      s.remove_suffix(word.size());
      object = true;
      break;
    }
  }
  if (!object) return std::string_view::npos;
  for (const std::string_view owner :
       {std::string_view("visit her"), std::string_view("visit his"),
        std::string_view("visit their"), std::string_view("visit my"),
        std::string_view("visit our")}) {
    if (s.size() < owner.size()) continue;
    const size_t start = s.size() - owner.size();
    if (EqualsIgnoreCase(s.substr(start), owner) &&
        (start == 0 || p[start - 1] == ' ' || p[start - 1] == '\n')) {
      return start;
    }
  }
  return std::string_view::npos;
}

// ---------------------------------------------------------------------------
// Copyright and credits.

bool IsCopyright(std::string_view p) {
  if (p.size() > kMaxNavigationBytes) return false;
  if (p.substr(0, 2) == "\u00A9") return true;
  if ((p.substr(0, 4) == "(c) " || p.substr(0, 4) == "(C) ") && p.size() > 4 &&
      ((p[4] >= '0' && p[4] <= '9') || IsCapitalized(p.substr(4)))) {
    return true;
  }
  if (StartsWithWord(p, "Copyright")) {
    std::string_view rest = TrimSpaces(p.substr(9));
    if (!rest.empty() && rest.back() == '.') rest.remove_suffix(1);
    if (rest.substr(0, 2) == "\u00A9" || StartsWithWord(rest, "(c)") ||
        (!rest.empty() && rest[0] >= '0' && rest[0] <= '9') ||
        IsTitleCaseLine(rest, /*allow_numbers=*/true)) {
      return true;
    }
  }
  return ContainsWords(p, "all rights reserved");
}

constexpr std::string_view kCreditPrefixes[] = {
    "Reporting by", "Additional reporting by",  "Writing by", "Editing by",
    "Compiled by",  "Reporting and writing by", "Research by"};

// Lower-case words inside personal names.
constexpr std::string_view kNameParticles[] = {"de", "van", "von", "der", "al",  "bin",
                                               "da", "di",  "la",  "le",  "del", "dos"};

bool IsNameParticle(std::string_view word) {
  for (const std::string_view particle : kNameParticles) {
    if (word == particle) return true;
  }
  return false;
}

// Lower-case words in a credit line: name particles and these.
constexpr std::string_view kNameConnectors[] = {"and", "in", "from", "with"};

// "Reporting by Jane Doe in Tokyo; Editing by John Roe": every part is a
// credit prefix followed by names (capitalized words and connectors).
bool IsCreditLine(std::string_view p) {
  while (!p.empty()) {
    const size_t semicolon = p.find(';');
    std::string_view part = TrimSpaces(p.substr(0, semicolon));
    p = semicolon == std::string_view::npos ? std::string_view() : p.substr(semicolon + 1);
    bool prefixed = false;
    for (const std::string_view prefix : kCreditPrefixes) {
      if (StartsWithWord(part, prefix)) {
        part.remove_prefix(prefix.size());
        prefixed = true;
        break;
      }
    }
    if (!prefixed) return false;
    int names = 0;
    const bool ok = ForEachWord(part, [&](std::string_view word) {
      while (!word.empty() && (word.back() == ',' || word.back() == '.')) word.remove_suffix(1);
      if (IsCapitalized(word)) {
        ++names;
        return true;
      }
      for (const std::string_view connector : kNameConnectors) {
        if (word == connector) return true;
      }
      return IsNameParticle(word);
    });
    if (!ok || names == 0) return false;
  }
  return true;
}

bool IsCredits(std::string_view p) {
  if (p.size() > kMaxNavigationBytes) return false;
  if (!p.empty() && p.front() == '(' && p.back() == ')') p = p.substr(1, p.size() - 2);
  if (IsCreditLine(p)) return true;
  return IsCapitalized(p) && (ContainsWords(p, "contributed to this report") ||
                              ContainsWords(p, "contributed to this story") ||
                              ContainsWords(p, "contributed reporting"));
}

// ---------------------------------------------------------------------------
// Author bios.

constexpr std::string_view kNotNames[] = {"The",   "A",   "An",    "This", "That", "These",
                                          "Those", "It",  "He",    "She",  "They", "We",
                                          "I",     "You", "There", "Its"};

constexpr std::string_view kProfessions[] = {
    "reporter",     "reporters",      "correspondent", "correspondents", "editor",
    "editors",      "journalist",     "journalists",   "bureau chief",   "writer",
    "writers",      "columnist",      "columnists",    "contributor",    "contributing",
    "freelance",    "freelancer",     "producer",      "photographer",   "photojournalist",
    "blogger",      "author",         "anchor",        "commentator",    "newsroom",
    "staff writer", "editor-at-large"};

constexpr std::string_view kCoverageCues[] = {"covers",       "covering",       "has covered",
                                              "writes about", "writes for",     "reports on",
                                              "reporting on", "specializes in", "specialises in",
                                              "focuses on",   "has written",    "has reported"};

constexpr std::string_view kPersonalCues[] = {
    "lives",      "based in",   "his website", "her website", "their website",
    "follow him", "follow her", "follow them", "twitter",     "email",
    "e-mail",     "reach him",  "reach her"};

// Reported speech and news events: a paragraph with these is article text.
constexpr std::string_view kNewsCues[] = {
    "said",     "says",    "told",      "according to", "died",      "dies",      "killed",
    "survived", "funeral", "arrested",  "charged",      "convicted", "sentenced", "accused",
    "resigned", "fired",   "announced", "expected",     "will",      "plans to"};

// Name words then a biography verb: "Opall-Rome is", "Jane Q. Doe covers".
bool StartsWithNameAndBioVerb(std::string_view p) {
  int index = 0;
  bool matched = false;
  bool stop = false;
  ForEachWord(p.substr(0, 200), [&](std::string_view word) {
    if (index == 0) {
      for (const std::string_view not_name : kNotNames) {
        if (word == not_name) stop = true;
      }
      if (stop || !IsCapitalized(word)) return false;
    } else {
      // The verb may follow 1-4 name words.
      const bool verb = word == "is" || word == "was" || word == "covers" || word == "writes" ||
                        word == "reports" || word == "serves" || word == "joined" || word == "has";
      if (verb) {
        matched = true;
        return false;
      }
      if (index >= 4 || !(IsCapitalized(word) || IsNameParticle(word))) return false;
    }
    ++index;
    return true;
  });
  return matched;
}

constexpr std::string_view kAbbreviations[] = {"Mr", "Mrs",  "Ms",  "Dr", "Jr",   "Sr",
                                               "St", "Prof", "Gen", "No", "Corp", "Inc"};

// p[i] ends a sentence: ".", "!" or "?" before a space or the end, and a
// "." not after an initial ("Jane Q."), a dotted abbreviation ("U.S.") or a
// title ("Dr.").
bool IsSentenceEndAt(std::string_view p, size_t i) {
  const char c = p[i];
  if (c != '.' && c != '!' && c != '?') return false;
  if (i + 1 < p.size() && p[i + 1] != ' ') return false;
  if (c != '.') return true;
  const size_t space = p.rfind(' ', i);
  const size_t word_start = space == std::string_view::npos ? 0 : space + 1;
  const std::string_view word = p.substr(word_start, i - word_start);
  if (word.size() <= 1 || word.find('.') != std::string_view::npos) return false;
  for (const std::string_view abbreviation : kAbbreviations) {
    if (word == abbreviation) return false;
  }
  return true;
}

int CountSentences(std::string_view p) {
  int sentences = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    if (IsSentenceEndAt(p, i)) ++sentences;
  }
  return sentences == 0 ? 1 : sentences;
}

std::string_view FirstSentence(std::string_view p) {
  for (size_t i = 0; i + 1 < p.size(); ++i) {
    if (IsSentenceEndAt(p, i)) return p.substr(0, i + 1);
  }
  return p;
}

bool HasQuotation(std::string_view p) {
  return p.find('"') != std::string_view::npos || p.find("\u201C") != std::string_view::npos ||
         p.find("\u201D") != std::string_view::npos;
}

bool IsAboutTheAuthorHeading(std::string_view p) {
  return EqualsIgnoreCase(p, "About the author") || EqualsIgnoreCase(p, "About the author:");
}

bool IsProfession(std::string_view word) {
  while (!word.empty() && (word.back() == ',' || word.back() == '.')) word.remove_suffix(1);
  for (const std::string_view profession : kProfessions) {
    if (EqualsIgnoreCase(word, profession)) return true;
  }
  return EqualsIgnoreCase(word, "chief");  // "bureau chief"
}

// "Name is technology correspondent for The World", "Name is a senior editor
// at Foo": the predicate right after the verb is a profession held at a
// named organization.
bool HasRolePredicate(std::string_view sentence) {
  enum class State { kName, kRole, kPreposition, kOrganization };
  State state = State::kName;
  int role_words = 0;
  bool profession = false;
  bool found = false;
  ForEachWord(sentence, [&](std::string_view word) {
    switch (state) {
      case State::kName:
        if (word == "is" || word == "was") state = State::kRole;
        return true;
      case State::kRole:
        if (role_words == 0 && (word == "a" || word == "an" || word == "the")) return true;
        if (profession && (word == "for" || word == "at" || word == "with" || word == "of")) {
          state = State::kPreposition;
          return true;
        }
        profession = profession || IsProfession(word);
        return ++role_words <= 4;
      case State::kPreposition:
        if (word == "the") return true;
        state = State::kOrganization;
        found = IsCapitalized(word);
        return false;
      case State::kOrganization:
        return false;
    }
    return false;
  });
  return found;
}

bool IsAuthorBio(std::string_view p) {
  if (StartsWithWord(p, "About the author") && !IsAboutTheAuthorHeading(p)) {
    return p.size() < kMaxLabeledBioBytes;
  }
  if (p.size() >= kMaxBioBytes || CountSentences(p) > kMaxBioSentences) return false;
  if (!StartsWithNameAndBioVerb(p)) return false;
  const std::string_view first = FirstSentence(p);
  if (!ContainsAnyWords(first, kProfessions)) return false;
  if (!ContainsAnyWords(p, kCoverageCues) && !ContainsAnyWords(p, kPersonalCues) &&
      !HasRolePredicate(first)) {
    return false;
  }
  return !HasQuotation(p) && !ContainsAnyWords(p, kNewsCues);
}

// A short bio after an "About the author" heading paragraph.
bool IsLabeledBio(std::string_view p) {
  return p.size() < kMaxLabeledBioBytes && !HasQuotation(p) && !ContainsAnyWords(p, kNewsCues);
}

struct Piece {
  size_t begin = 0;
  size_t end = 0;
  std::string_view kind;
  bool weak = false;     // a title-case line: needs another removal to confirm it
  size_t bio_begin = 0;  // for author_bio: where the bio text starts
};

}  // namespace

BoilerplateResult RemoveTrailingBoilerplate(std::string_view text) {
  BoilerplateResult result;
  std::vector<Piece> pieces;  // last first
  size_t end = TrimEnd(text, text.size());
  const size_t original_end = end;
  while (end > 0 && static_cast<int>(pieces.size()) < kMaxRemovals) {
    const size_t tail = end > kMaxVisitBytes ? end - kMaxVisitBytes : 0;
    const size_t visit = DanglingVisitStart(text.substr(tail, end - tail));
    if (visit != std::string_view::npos) {
      const size_t begin = tail + visit;
      pieces.push_back({begin, end, kNavigation, false, begin});
      end = TrimEnd(text, begin);
      continue;
    }
    // The paragraph before `end`; longer ones than any rule allows stop here.
    const size_t window = std::min(end, kMaxLabeledBioBytes + 1);
    const size_t separator = text.substr(end - window, window).rfind("\n\n");
    size_t begin = 0;
    if (separator != std::string_view::npos) {
      begin = end - window + separator + 2;
    } else if (window < end) {
      break;
    }
    const std::string_view paragraph = text.substr(begin, end - begin);
    Piece piece{begin, end, {}, false, begin};
    if (IsAuthorBio(paragraph)) {
      piece.kind = kAuthorBio;
    } else if (IsCredits(paragraph)) {
      piece.kind = kCredits;
    } else if (IsCopyright(paragraph)) {
      piece.kind = kCopyright;
    } else if (IsNavigation(paragraph)) {
      piece.kind = kNavigation;
    } else if (IsTitleCaseLine(paragraph, /*allow_numbers=*/false)) {
      piece.kind = kNavigation;
      piece.weak = true;
    } else if (begin >= 2) {
      // "About the author" as a paragraph of its own before the bio.
      const size_t heading_end = TrimEnd(text, begin);
      const size_t window = std::min<size_t>(heading_end, kMaxHeadingBytes + 2);
      const size_t separator = text.substr(heading_end - window, window).rfind("\n\n");
      size_t start = 0;
      if (separator != std::string_view::npos) {
        start = heading_end - window + separator + 2;
      } else if (window < heading_end) {
        break;
      }
      if (!IsAboutTheAuthorHeading(text.substr(start, heading_end - start)) ||
          !IsLabeledBio(paragraph)) {
        break;
      }
      piece.begin = start;
      piece.kind = kAuthorBio;
    } else {
      break;
    }
    pieces.push_back(piece);
    end = TrimEnd(text, piece.begin);
  }
  // Title-case lines count only after (in the text) a recognized piece: drop
  // the ones that come before the first strong piece.
  while (!pieces.empty() && pieces.back().weak) pieces.pop_back();
  end = pieces.empty() ? original_end : TrimEnd(text, pieces.back().begin);
  result.text.assign(text.substr(0, end));
  for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) {
    const std::string_view removed = text.substr(it->begin, TrimEnd(text, it->end) - it->begin);
    result.removed.push_back({std::string(it->kind), std::string(removed)});
    if (it->kind == kAuthorBio) {
      if (!result.author_bio.empty()) result.author_bio.append("\n\n");
      result.author_bio.append(text.substr(it->bio_begin, it->end - it->bio_begin));
    }
  }
  return result;
}

}  // namespace newsflow
