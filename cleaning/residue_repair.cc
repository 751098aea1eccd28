#include "cleaning/residue_repair.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsflow {
namespace {

constexpr size_t kExcerptRadius = 20;       // bytes of context each side of a change
constexpr size_t kMaxClauseTokens = 25;     // longest deleted opening
constexpr size_t kMovedClauseWindow = 120;  // tokens searched for its later copy

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsLetter(char c) { return IsUpper(c) || IsLower(c); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c + ('a' - 'A')) : c; }
// The same letter in the other case.
bool IsCasePair(char a, char b) { return IsLetter(a) && IsLetter(b) && (a ^ 0x20) == b; }
bool IsSentenceEndChar(char c) { return c == '.' || c == '!' || c == '?'; }
bool IsClausePunct(char c) { return c == ',' || c == ';' || c == ':'; }

bool InList(std::string_view word, const std::string_view* list, size_t size) {
  return std::find(list, list + size, word) != list + size;
}
template <size_t N>
bool InList(std::string_view word, const std::array<std::string_view, N>& list) {
  return InList(word, list.data(), N);
}

// Closed word classes for impossible adjacent pairs.
constexpr std::array<std::string_view, 3> kArticles = {"a", "an", "the"};
constexpr std::array<std::string_view, 6> kPossessives = {"its", "their", "our",
                                                          "my",  "your",  "his"};
constexpr std::array<std::string_view, 3> kDemonstratives = {"this", "these", "those"};
// Approximators before a number; the first of a pair must not be a
// preposition ("worried about some 500 jobs" is fine).
constexpr std::array<std::string_view, 7> kApproximators = {
    "some", "about", "around", "roughly", "nearly", "almost", "approximately"};
constexpr std::array<std::string_view, 5> kApproximatorFirsts = {"some", "roughly", "nearly",
                                                                 "almost", "approximately"};
constexpr std::array<std::string_view, 9> kModals = {"will",  "would", "can",    "could", "may",
                                                     "might", "shall", "should", "must"};
// Words after "a" that make "the a …" grammatical.
constexpr std::array<std::string_view, 6> kLatinAfterA = {"priori",  "posteriori", "cappella",
                                                          "capella", "la",         "fortiori"};
// After a lone "I", only these words (and "-ing" forms: "I insisting") show
// residue; "I intend" is English.
constexpr std::array<std::string_view, 9> kAfterStrayI = {
    "in", "is", "it", "its", "it's", "if", "into", "including", "instead"};
// Lowercase name particles after an initial: "D dal Maso", "J van Dijk".
constexpr std::array<std::string_view, 22> kNameParticles = {
    "da", "dal", "dalla", "de",  "del", "della", "der", "des", "di", "do", "dos",
    "du", "la",  "le",    "van", "von", "ten",   "ter", "bin", "al", "el", "y"};
// Words after which "its" is the misspelt "it's" ("I think its a …"): verbs
// taking a clause, conjunctions and discourse words.
constexpr std::array<std::string_view, 25> kBeforeItsMeaningItIs = {
    "think", "thought", "believe", "guess", "hope", "know",  "say",    "said",    "says",
    "feel",  "suppose", "reckon",  "sure",  "but",  "and",   "or",     "because", "if",
    "when",  "so",      "that",    "as",    "now",  "maybe", "whether"};
// Titles that end with a period inside a sentence ("Mr. Smith").
constexpr std::array<std::string_view, 16> kTitles = {"mr",   "mrs", "ms",  "dr",  "st", "prof",
                                                      "gen",  "sen", "rep", "gov", "lt", "col",
                                                      "capt", "sgt", "rev", "mt"};

// Function words: they change case only because of their position, so their
// capitalized form mid-sentence (after a stray letter) marks a moved sentence
// start, and a doubled initial before one is residue.
constexpr std::array<std::string_view, 84> kFunctionWords = {
    "a",     "about",   "according", "after", "against", "all",    "also",  "although", "among",
    "an",    "and",     "another",   "any",   "are",     "as",     "at",    "because",  "before",
    "being", "both",    "but",       "by",    "despite", "during", "each",  "earlier",  "even",
    "every", "few",     "for",       "from",  "had",     "has",    "have",  "he",       "her",
    "his",   "however", "if",        "in",    "into",    "is",     "it",    "its",      "last",
    "later", "many",    "meanwhile", "more",  "most",    "much",   "next",  "no",       "not",
    "now",   "of",      "on",        "one",   "only",    "or",     "other", "our",      "over",
    "she",   "since",   "so",        "some",  "such",    "than",   "that",  "the",      "their",
    "then",  "there",   "these",     "they",  "this",    "those",  "to",    "under",    "was",
    "we",    "when",    "while"};

// Abbreviations that end with a period without ending a sentence, and that
// may legitimately be followed by a comma ("Inc., …").
constexpr std::array<std::string_view, 55> kAbbreviations = {
    "mr",   "mrs",  "ms",  "dr",   "st",    "jr",  "sr",   "prof", "gen",  "sen",  "rep",
    "gov",  "lt",   "col", "capt", "sgt",   "rev", "jan",  "feb",  "mar",  "apr",  "jun",
    "jul",  "aug",  "sep", "sept", "oct",   "nov", "dec",  "inc",  "corp", "co",   "ltd",
    "no",   "vs",   "etc", "mt",   "ft",    "ave", "bros", "dept", "govt", "assn", "approx",
    "incl", "excl", "est", "plc",  "calif", "llc", "lp",   "nv",   "sa",   "ag",   "bv"};

// US states and Canadian provinces as news style abbreviates them before a
// comma ("Elkhart, Ind., said").
constexpr std::array<std::string_view, 49> kPlaceAbbreviations = {
    "ala", "ariz", "ark",  "calif", "colo", "conn", "del",  "fla",  "ga",   "ill",
    "ind", "kan",  "kans", "ky",    "la",   "md",   "mass", "mich", "minn", "miss",
    "mo",  "mont", "neb",  "nev",   "okla", "ore",  "pa",   "penn", "tenn", "tex",
    "va",  "vt",   "wash", "wis",   "wyo",  "ont",  "que",  "alta", "sask", "man",
    "wva", "wisc", "me",   "ida",   "oreg", "nebr", "nd",   "cal",  "ct"};

bool IsPlaceAbbreviation(std::string_view word) {
  if (word.size() > 8) return false;
  char lower[8];
  for (size_t i = 0; i < word.size(); ++i) lower[i] = ToLower(word[i]);
  return InList(std::string_view(lower, word.size()), kPlaceAbbreviations);
}

bool IsAbbreviation(std::string_view word) {
  if (word.size() > 8) return false;
  char lower[8];
  for (size_t i = 0; i < word.size(); ++i) lower[i] = ToLower(word[i]);
  return InList(std::string_view(lower, word.size()), kAbbreviations);
}

bool IsAllLower(std::string_view word) {
  if (word.empty()) return false;
  for (char c : word) {
    if (!IsLower(c)) return false;
  }
  return true;
}

// Opening/closing quote or bracket, ASCII or the UTF-8 curly quotes.
size_t OpeningPunctLength(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  const char c = s[i];
  if (c == '"' || c == '\'' || c == '(' || c == '[') return 1;
  if (c == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' &&
      (s[i + 2] == '\x9C' || s[i + 2] == '\x98')) {
    return 3;
  }
  return 0;
}

size_t ClosingPunctLength(std::string_view s, size_t end) {
  if (end == 0) return 0;
  const char c = s[end - 1];
  if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '.' || c == ',' || c == ';' ||
      c == ':' || c == '!' || c == '?') {
    return 1;
  }
  if (end >= 3 && s[end - 3] == '\xE2' && s[end - 2] == '\x80' && (c == '\x9D' || c == '\x99')) {
    return 3;
  }
  return 0;
}

using Token = ParagraphToken;

// The token without surrounding quotes, brackets and punctuation.
std::string_view Core(std::string_view p, Token t) {
  size_t b = t.begin;
  size_t e = t.end;
  while (size_t n = OpeningPunctLength(p.substr(0, e), b)) b += n;
  while (e > b) {
    const size_t n = ClosingPunctLength(p, e);
    if (n == 0) break;
    e -= n;
  }
  return p.substr(b, e - b);
}

std::string_view Text(std::string_view p, Token t) { return p.substr(t.begin, t.end - t.begin); }

bool IsLoneLetter(std::string_view p, Token t) {
  return t.end - t.begin == 1 && IsLetter(p[t.begin]);
}

bool EndsWith(std::string_view p, Token t, char c) { return t.end > t.begin && p[t.end - 1] == c; }

// A number as it follows an approximator: "5", "$4.7", "£3", "€2".
bool IsNumeric(std::string_view word) {
  size_t i = 0;
  if (!word.empty() && word[0] == '$') i = 1;
  if (word.size() >= 2 && word.substr(0, 2) == "\xC2\xA3") i = 2;      // £
  if (word.size() >= 3 && word.substr(0, 3) == "\xE2\x82\xAC") i = 3;  // €
  return i < word.size() && IsDigit(word[i]);
}

// Token `t` ends a sentence: ends in . ! ? (possibly inside a closing quote)
// and is not an abbreviation or an initial.
bool EndsSentence(std::string_view p, Token t) {
  size_t e = t.end;
  while (e > t.begin) {
    const char c = p[e - 1];
    if (c == '"' || c == '\'' || c == ')') {
      --e;
    } else if (e - t.begin >= 3 && p[e - 3] == '\xE2' && p[e - 2] == '\x80' &&
               (c == '\x9D' || c == '\x99')) {
      e -= 3;
    } else {
      break;
    }
  }
  if (e == t.begin || !IsSentenceEndChar(p[e - 1])) return false;
  if (p[e - 1] != '.') return true;
  const std::string_view word = Core(p, {t.begin, e});
  if (word.size() <= 1) return false;                          // initial "A."
  if (word.find('.') != std::string_view::npos) return false;  // "U.S."
  return !IsAbbreviation(word);
}

// Replaced word: tokens i, i+1 are two bare lowercase closed-class words that
// cannot be adjacent, and token i+2 is what the second one needs after it.
bool IsReplacedWordPair(std::string_view p, const std::vector<Token>& tokens, size_t i) {
  if (i + 2 >= tokens.size()) return false;
  const std::string_view first = Text(p, tokens[i]);
  const std::string_view second = Text(p, tokens[i + 1]);
  if (first.size() > 13 || second.size() > 13 || first == second) return false;
  if (!IsAllLower(first) || !IsAllLower(second)) return false;
  const std::string_view third = Core(p, tokens[i + 2]);
  if (third.empty()) return false;
  const bool first_determiner = InList(first, kArticles) || InList(first, kPossessives);
  if (first_determiner && (InList(second, kArticles) || InList(second, kPossessives) ||
                           InList(second, kDemonstratives))) {
    if (second == "a" && InList(third, kLatinAfterA)) return false;
    if (first == "its") {
      if (i == 0) return false;
      if (InList(Text(p, tokens[i - 1]), kBeforeItsMeaningItIs)) return false;
    }
    return IsLetter(third[0]) || IsDigit(third[0]);
  }
  if (InList(first, kApproximatorFirsts) && InList(second, kApproximators)) {
    return IsNumeric(Text(p, tokens[i + 2]));
  }
  if (InList(first, kModals) && InList(second, kModals)) return IsLower(third[0]);
  return false;
}

// Lazily built counts of token cores over the whole text.
class WordCounts {
 public:
  explicit WordCounts(std::string_view text) : text_(text) {}

  int Count(std::string_view word) {
    Build();
    auto it = counts_.find(word);
    return it == counts_.end() ? 0 : it->second;
  }

 private:
  void Build() {
    if (built_) return;
    built_ = true;
    size_t i = 0;
    while (i < text_.size()) {
      while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\n')) ++i;
      const size_t begin = i;
      while (i < text_.size() && text_[i] != ' ' && text_[i] != '\n') ++i;
      if (i > begin) ++counts_[Core(text_, {begin, i})];
    }
  }

  std::string_view text_;
  bool built_ = false;
  std::unordered_map<std::string_view, int> counts_;
};

// A word that is common in lowercase: a function word, or one the text itself
// uses in lowercase.
bool IsCommonLowercase(std::string_view lower, WordCounts& counts) {
  return InList(lower, kFunctionWords) || counts.Count(lower) > 0;
}

struct Edit {
  size_t begin;
  size_t end;
  std::string replacement;
  const char* kind;
};

size_t BackToCharBoundary(std::string_view s, size_t i) {
  while (i > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  return i;
}

// Widens an excerpt edge to the nearest space (at most kExcerptSlack bytes
// further) so excerpts show whole words; spaces are ASCII, so the edge stays
// on a character boundary. Without a space in reach the edge is kept.
constexpr size_t kExcerptSlack = 16;

size_t ExcerptStart(std::string_view s, size_t from) {
  for (size_t i = from, steps = 0; i > 0 && steps < kExcerptSlack; --i, ++steps) {
    if (s[i - 1] == ' ') return i;
  }
  return from;
}

size_t ExcerptEnd(std::string_view s, size_t to) {
  for (size_t i = to, steps = 0; i < s.size() && steps < kExcerptSlack; ++i, ++steps) {
    if (s[i] == ' ') return i;
  }
  return to < s.size() && s.size() - to <= kExcerptSlack ? s.size() : to;
}

// Applies sorted, non-overlapping `edits` to `in`; records one Repair each.
std::string ApplyEdits(std::string_view in, const std::vector<Edit>& edits,
                       std::vector<Repair>* repairs) {
  std::string out;
  out.reserve(in.size());
  size_t pos = 0;
  for (const Edit& edit : edits) {
    out.append(in.substr(pos, edit.begin - pos));
    out.append(edit.replacement);
    pos = edit.end;
    const size_t from = ExcerptStart(
        in, BackToCharBoundary(in, edit.begin > kExcerptRadius ? edit.begin - kExcerptRadius : 0));
    const size_t to =
        ExcerptEnd(in, BackToCharBoundary(in, std::min(in.size(), edit.end + kExcerptRadius)));
    Repair repair;
    repair.kind = edit.kind;
    repair.before.assign(in.substr(from, to - from));
    repair.after.assign(in.substr(from, edit.begin - from));
    repair.after.append(edit.replacement);
    repair.after.append(in.substr(edit.end, to - edit.end));
    repairs->push_back(std::move(repair));
  }
  out.append(in.substr(pos));
  return out;
}

// Deletes token i together with the space that separates it from its
// neighbour.
Edit DeleteToken(const std::vector<Token>& tokens, size_t i, const char* kind) {
  if (i + 1 < tokens.size()) return {tokens[i].begin, tokens[i + 1].begin, "", kind};
  if (i > 0) return {tokens[i - 1].end, tokens[i].end, "", kind};
  return {tokens[i].begin, tokens[i].end, "", kind};
}

bool PrecededByBoundary(std::string_view p, const std::vector<Token>& tokens, size_t i) {
  if (i == 0) return true;
  const Token prev = tokens[i - 1];
  const char last = p[prev.end - 1];
  if (IsClausePunct(last) || IsSentenceEndChar(last)) return true;
  const size_t closing = ClosingPunctLength(p, prev.end);
  return closing > 0 && prev.end - prev.begin > closing &&
         (IsSentenceEndChar(p[prev.end - closing - 1]) || p[prev.end - closing - 1] == ',');
}

// Token i follows "word.," or "word,.", punctuation no clean text has.
bool AfterOrphanPunctuation(std::string_view p, const std::vector<Token>& tokens, size_t i) {
  if (i == 0) return false;
  const std::string_view prev = Text(p, tokens[i - 1]);
  return prev.size() >= 3 &&
         ((prev.substr(prev.size() - 2) == ".,") || (prev.substr(prev.size() - 2) == ",."));
}

// For residue that marks a new sentence start at token `i` (a lowercase stray
// letter or "tThe"), preceded by "<clause>, ": the first token of that clause's
// sentence, or `i` when there is none to delete.
size_t DeletedOpeningStart(std::string_view p, const std::vector<Token>& tokens, size_t i) {
  if (i == 0 || !EndsWith(p, tokens[i - 1], ',')) return i;
  const size_t limit = i > kMaxClauseTokens ? i - kMaxClauseTokens : 0;
  for (size_t k = i - 1;; --k) {
    const size_t open = OpeningPunctLength(p, tokens[k].begin);
    const char first = p[tokens[k].begin + open];
    const bool starts_like_sentence = IsUpper(first) || IsDigit(first);
    if (k == 0 || EndsSentence(p, tokens[k - 1])) {
      // The opening: at least two tokens, starting like a sentence.
      return i - k >= 2 && starts_like_sentence ? k : i;
    }
    if (IsUpper(first) && EndsWith(p, tokens[k - 1], '.')) {
      // A period that may or may not end the sentence ("U.S.", "A.", "Jan.")
      // before a capital: the opening cannot be delimited safely. Titles
      // ("Mr.") never end one.
      const std::string_view prev = Core(p, tokens[k - 1]);
      std::string lower;
      for (char c : prev.substr(0, std::min<size_t>(prev.size(), 8))) lower.push_back(ToLower(c));
      if (!InList(lower, kTitles)) return i;
    }
    if (k == limit) return i;
  }
}

std::string LowerWords(std::string_view p, const std::vector<Token>& tokens, size_t from,
                       size_t to) {
  std::string words;
  for (size_t k = from; k < to; ++k) {
    const std::string_view core = Core(p, tokens[k]);
    if (core.empty()) continue;
    if (!words.empty()) words.push_back(' ');
    for (char c : core) words.push_back(ToLower(c));
  }
  return words;
}

// Whether the deleted opening [from, to) — minus its first word, which moved
// with a case change — occurs later in the paragraph (from token `after`).
bool OpeningRecursLater(std::string_view p, const std::vector<Token>& tokens, size_t from,
                        size_t to, size_t after) {
  if (to - from < 3) return false;
  const std::string needle = LowerWords(p, tokens, from + 1, to);
  if (needle.find(' ') == std::string::npos) return false;
  // Bounded window: a moved clause lands in the same or the next sentence.
  const std::string rest =
      LowerWords(p, tokens, after, std::min(tokens.size(), after + kMovedClauseWindow));
  return rest.find(needle) != std::string::npos;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k) {
    if (ToLower(a[k]) != ToLower(b[k])) return false;
  }
  return true;
}

// Stricter than OpeningRecursLater, for when no stray letter vouches for the
// residue: the later copy of the opening [from, to) must start a clause —
// right after a comma, its first word possibly with a stray or doubled
// initial ("…, T the EU said", "…, Tthe EU said", "…., the EU said").
bool MovedCopyFollows(std::string_view p, const std::vector<Token>& tokens, size_t from, size_t to,
                      size_t after) {
  const size_t words = to - from;  // the copy has the same tokens
  const std::string_view first = Core(p, tokens[from]);
  if (first.empty()) return false;
  const size_t end = std::min(tokens.size(), after + kMovedClauseWindow);
  for (size_t j = after + 1; j + words - 1 <= end; ++j) {
    bool same = true;
    for (size_t k = 1; k < words && same; ++k) {
      same = EqualsIgnoringCase(Core(p, tokens[from + k]), Core(p, tokens[j + k - 1]));
    }
    if (!same) continue;
    const std::string_view copy_first = Core(p, tokens[j - 1]);
    const bool doubled = copy_first.size() == first.size() + 1 &&
                         EqualsIgnoringCase(copy_first.substr(1), first) &&
                         ToLower(copy_first[0]) == ToLower(first[0]);
    if (!EqualsIgnoringCase(copy_first, first) && !doubled) continue;
    if (j < 2) continue;
    size_t before = j - 2;
    if (IsLoneLetter(p, tokens[before]) && ToLower(p[tokens[before].begin]) == ToLower(first[0])) {
      if (before == 0) continue;
      --before;
    }
    if (EndsWith(p, tokens[before], ',')) return true;
  }
  return false;
}

// A capitalized function word right after a comma ("…, The"), the only
// trace of a moved sentence start when the old initial was dropped.
bool IsCapitalizedFunctionWord(std::string_view word) {
  if (word.size() < 2 || word.size() > 12 || !IsUpper(word[0]) || !IsLower(word[1])) return false;
  char lower[12];
  for (size_t k = 0; k < word.size(); ++k) lower[k] = ToLower(word[k]);
  return InList(std::string_view(lower, word.size()), kFunctionWords);
}

// Token i is "The" in "<opening of 3+ tokens>, The …" and the opening
// (without its first word) recurs later in the paragraph.
bool IsMovedClauseWithoutMarker(std::string_view p, const std::vector<Token>& tokens, size_t i,
                                size_t done) {
  if (i == 0 || !EndsWith(p, tokens[i - 1], ',')) return false;
  const std::string_view text = Text(p, tokens[i]);
  if (!IsCapitalizedFunctionWord(Core(p, tokens[i])) || Core(p, tokens[i]).data() != text.data()) {
    return false;
  }
  const size_t start = DeletedOpeningStart(p, tokens, i);
  return start < i && start >= done && i - start >= 3 &&
         MovedCopyFollows(p, tokens, start, i, i + 1);
}

// ---- Rule passes. Each scans one paragraph and returns the edits to make.

void FindReplacedWords(std::string_view p, const std::vector<Token>& tokens,
                       std::vector<Edit>* edits) {
  for (size_t i = 0; i + 2 < tokens.size(); ++i) {
    if (IsReplacedWordPair(p, tokens, i)) {
      edits->push_back({tokens[i].begin, tokens[i + 1].begin, "", "replaced_word"});
      ++i;
    }
  }
}

// Stray letters and glued lowercase-uppercase initials ("tThe"), with the old
// sentence opening they imply.
void FindCaseChanges(std::string_view p, const std::vector<Token>& tokens, WordCounts& counts,
                     std::vector<Edit>* edits) {
  size_t done = 0;  // tokens before this are already covered by an edit
  // The last deleted opening that recurs later (the moved clause), lowercase.
  std::string moved_clause;
  size_t moved_words = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token t = tokens[i];
    const char c = p[t.begin];
    bool new_sentence_start = false;  // lowercase old initial, capitalized new word
    std::string_view new_word;
    if (IsLoneLetter(p, t) && i + 1 < tokens.size()) {
      const Token next = tokens[i + 1];
      const std::string_view next_core = Core(p, next);
      if (next.end - next.begin < 2 || next_core.data() != p.data() + next.begin ||
          !IsCasePair(c, p[next.begin]) || !IsLower(p[next.begin + 1])) {
        continue;
      }
      if (!PrecededByBoundary(p, tokens, i)) continue;
      if (IsLower(c)) {
        // Only common words change case because of their position.
        std::string lower;
        for (char ch : next_core) lower.push_back(ToLower(ch));
        if (!IsCommonLowercase(lower, counts)) continue;
        new_sentence_start = true;
        new_word = next_core;
      } else {
        if (!IsAllLower(next_core) && next_core.find('\'') == std::string_view::npos &&
            next_core.find('-') == std::string_view::npos) {
          continue;
        }
        // "I" is a pronoun unless the word cannot follow one or the text
        // has no other "I".
        if (c == 'I' && !InList(next_core, kAfterStrayI) &&
            !(next_core.size() >= 5 && next_core.substr(next_core.size() - 3) == "ing") &&
            counts.Count("I") > 1 && !AfterOrphanPunctuation(p, tokens, i) &&
            !(moved_words > 0 && i + 1 + moved_words <= tokens.size() &&
              LowerWords(p, tokens, i + 1, i + 1 + moved_words) == moved_clause)) {
          continue;
        }
        if (InList(next_core, kNameParticles)) continue;
        // Initials joined by "and": "A and P", "B and Q" (but "A and I …").
        if (next_core == "and" && i + 2 < tokens.size() && IsLoneLetter(p, tokens[i + 2]) &&
            IsUpper(p[tokens[i + 2].begin]) && p[tokens[i + 2].begin] != 'I') {
          continue;
        }
        edits->push_back(DeleteToken(tokens, i, "stray_letter"));
        done = i + 1;
        continue;
      }
    } else if (IsMovedClauseWithoutMarker(p, tokens, i, done)) {
      // "<clause>, The …, <clause>.": the old initial was dropped entirely,
      // but the opening recurs later and a function word is capitalized
      // after a comma.
      const size_t start = DeletedOpeningStart(p, tokens, i);
      moved_clause = LowerWords(p, tokens, start, i);
      moved_words = i - start;
      edits->push_back({tokens[start].begin, t.begin, "", "duplicate_clause"});
      done = i;
      continue;
    } else if (t.end - t.begin >= 3 && IsLower(c) && IsCasePair(c, p[t.begin + 1]) &&
               IsLower(p[t.begin + 2])) {
      new_word = Core(p, t);
      if (new_word.data() != p.data() + t.begin) continue;
      new_word.remove_prefix(1);
      new_sentence_start = true;
    }
    if (!new_sentence_start) continue;
    const bool lone = IsLoneLetter(p, t);
    const char* kind = lone ? "stray_letter" : "doubled_initial";
    size_t start = DeletedOpeningStart(p, tokens, i);
    if (start < done) start = i;
    if (start < i) {
      std::string lower;
      for (char ch : new_word) lower.push_back(ToLower(ch));
      if (!IsCommonLowercase(lower, counts)) start = i;
    }
    if (start < i) {
      const size_t resume = lone ? i + 1 : i;
      const bool moved = OpeningRecursLater(p, tokens, start, i, resume + 1);
      const char* clause_kind = moved ? "duplicate_clause" : kind;
      if (moved) {
        moved_clause = LowerWords(p, tokens, start, i);
        moved_words = i - start;
      }
      const size_t end = lone ? tokens[i + 1].begin : t.begin + 1;
      edits->push_back({tokens[start].begin, end, "", clause_kind});
    } else if (lone) {
      edits->push_back(DeleteToken(tokens, i, kind));
    } else {
      edits->push_back({t.begin, t.begin + 1, "", kind});
    }
    done = lone ? i + 1 : i;
  }
}

// Letters whose doubled capital starts real names (Aaron, Eerdekens, Iida,
// Oona, Lloyd, Llanelli, Ffion, Uusitalo): these need stronger evidence.
bool NameProneInitial(char lower) {
  return lower == 'a' || lower == 'e' || lower == 'i' || lower == 'o' || lower == 'l' ||
         lower == 'f';
}

// English derivational and inflectional endings that names with a doubled
// initial (Aaron, Aachen, Oolong, Llanelli, Eerdekens) do not have.
constexpr std::array<std::string_view, 14> kWordEndings = {"ing",  "ed",   "tion", "sion", "ment",
                                                           "ness", "ity",  "ous",  "ive",  "ives",
                                                           "able", "ible", "ful",  "less"};

bool HasWordEnding(std::string_view word) {
  for (std::string_view ending : kWordEndings) {
    if (word.size() >= ending.size() + 3 && word.substr(word.size() - ending.size()) == ending) {
      return true;
    }
  }
  return false;
}

// Lowercase letters, with inner hyphens and apostrophes ("two-thirds").
bool IsLowerWord(std::string_view word) {
  if (word.empty() || !IsLower(word.front()) || !IsLower(word.back())) return false;
  for (char c : word) {
    if (!IsLower(c) && c != '-' && c != '\'') return false;
  }
  return true;
}

void FindDoubledInitials(std::string_view p, const std::vector<Token>& tokens, WordCounts& counts,
                         std::vector<Edit>* edits) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token t = tokens[i];
    const std::string_view core = Core(p, t);
    if (core.size() < 3 || !IsUpper(core[0]) || !IsCasePair(core[0], core[1])) continue;
    const std::string_view rest = core.substr(1);
    if (!IsLowerWord(rest)) continue;
    const bool function_word = InList(rest, kFunctionWords);
    // The word without the doubled letter, as the text uses it elsewhere
    // (lowercase, or capitalized at a sentence start or in a moved clause).
    // The capitalized form counts only where a moved clause lands (after a
    // comma): "Lama" elsewhere says nothing about "Llama".
    std::string capitalized(rest);
    capitalized[0] = core[0];
    const bool after_comma =
        i > 0 && (EndsWith(p, tokens[i - 1], ',') || AfterOrphanPunctuation(p, tokens, i));
    const bool known =
        function_word || counts.Count(rest) > 0 || (after_comma && counts.Count(capitalized) > 0);
    if (!known) {
      if (rest.size() < 3) continue;
      if (counts.Count(core) > 1) continue;  // a name the text uses again
      // Letters that start real names ("Aaron", "Oona", "Lloyd") need a known
      // remainder, unless orphan punctuation right before marks residue.
      if (NameProneInitial(rest[0]) && !AfterOrphanPunctuation(p, tokens, i) &&
          !HasWordEnding(rest)) {
        continue;
      }
    }
    const size_t at = static_cast<size_t>(core.data() - p.data());
    edits->push_back({at, at + 1, "", "doubled_initial"});
  }
}

void FindOrphanPunctuation(std::string_view p, const std::vector<Token>& tokens,
                           std::vector<Edit>* edits) {
  const size_t n = tokens.size();
  for (size_t i = 0; i < n; ++i) {
    const Token t = tokens[i];
    const std::string_view text = Text(p, t);
    // A lone comma after a sentence end, possibly with the stray initial of
    // the deleted text after it: "end. , t" / "end. , Next".
    if (text == "," && i > 0) {
      const bool last_is_stray =
          i + 1 < n && IsLoneLetter(p, tokens[i + 1]) &&
          (i + 2 == n || !IsLetter(p[tokens[i + 2].begin]) || IsUpper(p[tokens[i + 2].begin]));
      const size_t end = last_is_stray ? tokens[i + 1].end : t.end;
      if (EndsSentence(p, tokens[i - 1]) || p[tokens[i - 1].end - 1] == '.') {
        edits->push_back({tokens[i - 1].end, end, "", "orphan_punctuation"});
        i = last_is_stray ? i + 1 : i;
        continue;
      }
      if (last_is_stray && i + 2 == n) {
        edits->push_back({tokens[i - 1].end, end, "", "orphan_punctuation"});
        break;
      }
      const char before = p[tokens[i - 1].end - 1];
      if (i + 1 < n && (IsLetter(before) || IsDigit(before))) {
        edits->push_back({tokens[i - 1].end, t.begin, "", "orphan_punctuation"});  // "word , next"
      }
      continue;
    }
    // A lone period after a word at the end of the paragraph: "word ." (never
    // part of an ellipsis ". . .").
    if (text == "." && i > 0 && i + 1 == n && p[tokens[i - 1].end - 1] != '.' &&
        IsLetter(p[tokens[i - 1].end - 1])) {
      edits->push_back({tokens[i - 1].end, t.begin, "", "orphan_punctuation"});
      continue;
    }
    // A lone lowercase letter ending the paragraph after a comma: "word, t".
    // Not "a" or "i": a text cut off after an article ("…, a") is no residue.
    if (i + 1 == n && i > 0 && IsLoneLetter(p, t) && IsLower(p[t.begin]) && p[t.begin] != 'a' &&
        p[t.begin] != 'i' && EndsWith(p, tokens[i - 1], ',')) {
      edits->push_back({tokens[i - 1].end - 1, t.end, ".", "orphan_punctuation"});
      continue;
    }
    if (text.size() < 3) continue;
    const char a = text[text.size() - 2];
    const char b = text[text.size() - 1];
    if (a == '.' && b == ',') {
      // "security., according": the old period kept before the new comma.
      // Not after an abbreviation ("Inc.,", "U.S.,", "Tex.,"): the word is
      // a lowercase word, a longer capitalized one, or ends in a digit or %.
      const std::string_view word = Core(p, {t.begin, t.end - 2});
      const char last = word.empty() ? ' ' : word.back();
      const std::string_view segment = word.substr(word.rfind('-') + 1);  // "D-Ill"
      const bool number = word.size() >= 2 && (IsDigit(word[0]) || word[0] == '$') &&
                          (IsDigit(last) || last == '%' || IsLower(last));  // "0.8%", "$4.7bn"
      const bool plain = word.size() >= 2 && word.find('.') == std::string_view::npos &&
                         (IsLetter(word[0]) || IsDigit(word[0])) &&
                         (IsLetter(last) || IsDigit(last) || last == '%') && !segment.empty() &&
                         !IsAbbreviation(segment) &&
                         !(IsUpper(segment[0]) && IsPlaceAbbreviation(segment)) &&
                         !(segment.size() == 2 && segment.size() < word.size() &&
                           IsUpper(segment[0]) && IsUpper(segment[1]));  // "D-IL.," but not "US.,"
      if (number || plain) {
        edits->push_back({t.end - 2, t.end - 1, "", "orphan_punctuation"});
      }
    } else if ((a == ',' || a == ';') && b == '.' && IsLetter(text[text.size() - 3])) {
      edits->push_back({t.end - 2, t.end - 1, "", "orphan_punctuation"});  // "word,."
    } else if (a == ',' && b == ',' && IsLetter(text[text.size() - 3])) {
      edits->push_back({t.end - 1, t.end, "", "orphan_punctuation"});  // "word,,"
    }
  }
}

// Word shapes (length, first and last letter) of a set of lowercase words:
// a one-lookup filter with rare false positives, for the fast pre-check.
class WordShapes {
 public:
  template <typename... Lists>
  constexpr explicit WordShapes(const Lists&... lists) : bits_{} {
    (Add(lists), ...);
  }
  bool MayContain(const char* word, size_t size) const {
    return size > 0 && size < kMaxSize && IsLower(word[0]) && IsLower(word[size - 1]) &&
           ((bits_[size][word[0] - 'a'] >> (word[size - 1] - 'a')) & 1u) != 0;
  }

 private:
  static constexpr size_t kMaxSize = 14;
  template <size_t N>
  constexpr void Add(const std::array<std::string_view, N>& list) {
    for (std::string_view w : list) bits_[w.size()][w.front() - 'a'] |= 1u << (w.back() - 'a');
  }
  uint32_t bits_[kMaxSize][26];
};

constexpr WordShapes kPairFirstShapes(kArticles, kPossessives, kApproximatorFirsts, kModals);
constexpr WordShapes kPairSecondShapes(kArticles, kPossessives, kDemonstratives, kApproximators,
                                       kModals);

bool MayStartPair(const char* word, size_t size) {
  if (!kPairFirstShapes.MayContain(word, size)) return false;
  const std::string_view w(word, size);
  return InList(w, kArticles) || InList(w, kPossessives) || InList(w, kApproximatorFirsts) ||
         InList(w, kModals);
}

bool MayEndPair(const char* word, size_t size) {
  if (!kPairSecondShapes.MayContain(word, size)) return false;
  const std::string_view w(word, size);
  return InList(w, kArticles) || InList(w, kPossessives) || InList(w, kDemonstratives) ||
         InList(w, kApproximators) || InList(w, kModals);
}

// Bytes the pre-check has to look at: token ends and punctuation.
constexpr std::array<bool, 256> MakePrecheckStops() {
  std::array<bool, 256> stops{};
  stops[' '] = stops[','] = stops[';'] = true;
  return stops;
}
constexpr std::array<bool, 256> kPrecheckStops = MakePrecheckStops();

// Cheap test: can the paragraph hold any residue the rules repair? One pass
// over the bytes with a little work per token, no allocation; every rule's
// trigger is a subset of what this accepts, and a paragraph of clean prose
// almost always fails it.
bool MayHoldResidue(std::string_view p) {
  const char* s = p.data();
  const size_t n = p.size();
  bool after_pair_first = false;  // the previous token may start an impossible pair
  bool after_comma = false;       // the previous token ends with a comma
  size_t start = 0;               // of the current token
  for (size_t i = 0; i <= n; ++i) {
    while (i < n && !kPrecheckStops[static_cast<unsigned char>(s[i])]) ++i;
    const char c = i < n ? s[i] : ' ';
    if (c == ',') {
      if (i == 0 || s[i - 1] == '.' || s[i - 1] == ' ') return true;       // ".," " ,"
      if (i + 1 < n && (s[i + 1] == '.' || s[i + 1] == ',')) return true;  // ",." ",,"
      continue;
    }
    if (c == ';' && i + 1 < n && s[i + 1] == '.') return true;
    if (c != ' ') continue;
    // Token [start, i).
    const size_t size = i - start;
    if (size == 0) {
      start = i + 1;
      continue;
    }
    const char c0 = s[start];
    if (size == 1) {
      if (IsLetter(c0) && (i == n || (i + 1 < n && IsCasePair(c0, s[i + 1])))) return true;
      if (c0 == '.' && i == n) return true;
      if (c0 == 'a' && after_pair_first) return true;
      after_pair_first = c0 == 'a';
    } else {
      size_t b = start;
      if (!IsLetter(c0)) {
        while (size_t open = OpeningPunctLength(p.substr(0, i), b)) b += open;
      }
      if (b + 1 < i && IsCasePair(s[b], s[b + 1])) return true;  // "Aaccording", "tThe"
      const bool lower_word = IsLower(c0) && size < 14;
      if (lower_word && after_pair_first && MayEndPair(s + start, size)) return true;
      after_pair_first = lower_word && MayStartPair(s + start, size);
      if (after_comma && IsUpper(c0) && IsCapitalizedFunctionWord(Core(p, {start, i}))) {
        return true;
      }
    }
    after_comma = i > start && s[i - 1] == ',';
    start = i + 1;
  }
  return false;
}

using FindFn = void (*)(std::string_view, const std::vector<Token>&, WordCounts&,
                        std::vector<Edit>*);

std::string RepairParagraph(std::string_view paragraph, WordCounts& counts,
                            std::vector<Repair>* repairs) {
  static constexpr FindFn kPasses[] = {
      [](std::string_view p, const std::vector<Token>& t, WordCounts&, std::vector<Edit>* e) {
        FindReplacedWords(p, t, e);
      },
      FindCaseChanges,
      FindDoubledInitials,
      [](std::string_view p, const std::vector<Token>& t, WordCounts&, std::vector<Edit>* e) {
        FindOrphanPunctuation(p, t, e);
      },
  };
  std::string current(paragraph);
  std::vector<Edit> edits;
  for (FindFn find : kPasses) {
    const std::vector<Token> tokens = TokenizeParagraph(current);
    edits.clear();
    find(current, tokens, counts, &edits);
    if (edits.empty()) continue;
    std::sort(edits.begin(), edits.end(),
              [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
    // Drop overlaps (first wins).
    size_t kept = 0;
    for (size_t k = 0; k < edits.size(); ++k) {
      if (kept > 0 && edits[k].begin < edits[kept - 1].end) continue;
      if (kept != k) edits[kept] = std::move(edits[k]);  // never self-move
      ++kept;
    }
    edits.resize(kept);
    current = ApplyEdits(current, edits, repairs);
  }
  // Deletions must not leave the paragraph with edge spaces.
  while (!current.empty() && current.back() == ' ') current.pop_back();
  size_t lead = 0;
  while (lead < current.size() && current[lead] == ' ') ++lead;
  current.erase(0, lead);
  return current;
}

}  // namespace

ResidueRepairResult RepairCopyEditResidue(std::string_view text) {
  ResidueRepairResult result;
  WordCounts counts(text);
  size_t pos = 0;
  size_t copied = 0;  // text[0, copied) is already in result.text
  while (pos <= text.size()) {
    size_t end = text.find("\n\n", pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view paragraph = text.substr(pos, end - pos);
    if (MayHoldResidue(paragraph)) {
      const size_t repairs_before = result.repairs.size();
      std::string repaired = RepairParagraph(paragraph, counts, &result.repairs);
      if (result.repairs.size() != repairs_before) {
        if (result.text.empty()) result.text.reserve(text.size());
        result.text.append(text.substr(copied, pos - copied));
        result.text.append(repaired);
        copied = end;
      }
    }
    if (end == text.size()) break;
    pos = end + 2;
  }
  if (copied == 0) {
    result.text.assign(text);
  } else {
    result.text.append(text.substr(copied));
  }
  return result;
}

std::vector<ParagraphToken> TokenizeParagraph(std::string_view paragraph) {
  std::vector<ParagraphToken> tokens;
  size_t i = 0;
  while (i < paragraph.size()) {
    while (i < paragraph.size() && paragraph[i] == ' ') ++i;
    if (i == paragraph.size()) break;
    const size_t begin = i;
    while (i < paragraph.size() && paragraph[i] != ' ') ++i;
    tokens.push_back({begin, i});
  }
  return tokens;
}

}  // namespace newsflow
