#include "tagging/keyword_background.h"

#include <utf8proc.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "util/ascii_runs.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

// Stopwords that also start or end names ("New York", "Time Warner",
// "Financial Times", "High Court", "Formula One"): capitalized next to
// another capitalized word, they stay in a run.
// clang-format off
constexpr std::string_view kNameWords[] = {
    "new", "old", "first", "last", "next", "great", "greater", "big", "high", "higher", "low",
    "top", "good", "best", "real", "major", "little", "long", "small", "large", "full", "key",
    "late", "early", "true", "right", "time", "times", "day", "days", "year", "years", "week",
    "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "half",
    "quarter", "end", "point", "case", "side", "part", "way", "start", "thing", "things", "morning",
    "evening", "night", "tonight", "today",
};
constexpr std::string_view kNumberNameWords[] = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "hundred", "thousand", "million",
};
// clang-format on

// Standard English function words, then news filler that is never a key
// phrase on its own: reporting verbs, generic verbs and adjectives, titles,
// weekdays and months, number words and units, sign-offs and page
// boilerplate. All lowercase, apostrophes as "'".
// clang-format off
constexpr std::string_view kStopwords[] = {
    // Function words.
    "a", "about", "above", "across", "after", "afterwards", "again", "against", "ago", "all",
    "almost", "alone", "along", "already", "also", "although", "always", "am", "among", "amongst",
    "an", "and", "another", "any", "anybody", "anyhow", "anyone", "anything", "anyway", "anywhere",
    "are", "around", "as", "at", "away", "back", "be", "became", "because", "become", "becomes",
    "becoming", "been", "before", "beforehand", "behind", "being", "below", "beside", "besides",
    "between", "beyond", "both", "but", "by", "can", "cannot", "could", "did", "do", "does",
    "doing", "done", "down", "due", "during", "each", "either", "else", "elsewhere", "enough",
    "etc", "even", "ever", "every", "everybody", "everyone", "everything", "everywhere", "except",
    "few", "fewer", "for", "former", "formerly", "from", "further", "furthermore", "had", "has",
    "have", "having", "he", "hence", "her", "here", "hereby", "herein", "hers", "herself", "him",
    "himself", "his", "how", "however", "i", "ie", "if", "in", "indeed", "instead", "into", "is",
    "it", "its", "itself", "just", "least", "less", "lest", "let", "many", "may", "maybe", "me",
    "meanwhile", "might", "mine", "more", "moreover", "most", "mostly", "much", "must", "my",
    "myself", "namely", "neither", "never", "nevertheless", "no", "nobody", "none", "noone", "nor",
    "not", "nothing", "now", "nowhere", "of", "off", "often", "on", "once", "only", "onto", "or",
    "other", "others", "otherwise", "ought", "our", "ours", "ourselves", "out", "over", "own",
    "per", "perhaps", "quite", "rather", "really", "same", "seem", "seemed", "seeming", "seems",
    "several", "shall", "she", "should", "since", "so", "some", "somebody", "somehow", "someone",
    "something", "sometime", "sometimes", "somewhat", "somewhere", "still", "such", "than", "that",
    "the", "their", "theirs", "them", "themselves", "then", "thence", "there", "thereafter",
    "thereby", "therefore", "therein", "thereupon", "these", "they", "this", "those", "though",
    "through", "throughout", "thru", "thus", "to", "together", "too", "toward", "towards", "under",
    "unless", "until", "unto", "up", "upon", "us", "very", "via", "was", "we", "were", "what",
    "whatever", "when", "whence", "whenever", "where", "whereas", "whereby", "wherever", "whether",
    "which", "while", "whilst", "whither", "who", "whoever", "whole", "whom", "whose", "why",
    "will", "with", "within", "without", "would", "yet", "you", "your", "yours", "yourself",
    "yourselves", "yes", "oh", "ok", "okay",
    // Contractions (possessive-like "it's", "he's" never reach here: "'s" is cut).
    "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't",
    "can't", "couldn't", "shouldn't", "mustn't", "haven't", "hasn't", "hadn't", "i'm", "i've",
    "i'd", "i'll", "we've", "we're", "we'd", "we'll", "they've", "they're", "they'd", "they'll",
    "you've", "you're", "you'd", "you'll", "he'd", "he'll", "she'd", "she'll", "it'll", "ain't",
    // Reporting and generic verbs.
    "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added",
    "adding", "according", "ask", "asked", "asking", "claim", "claimed", "claims", "explain",
    "explained", "insist", "insisted", "noted", "reportedly", "stated", "suggested", "believe",
    "believed", "believes", "think", "thinks", "thought", "know", "knew", "known", "knows", "see",
    "seen", "saw", "sees", "look", "looked", "looking", "looks", "get", "gets", "getting", "got",
    "gotten", "go", "goes", "going", "gone", "went", "come", "comes", "coming", "came", "make",
    "makes", "making", "made", "take", "takes", "taking", "took", "taken", "give", "gives",
    "giving", "gave", "given", "put", "puts", "putting", "want", "wants", "wanted", "need", "needs",
    "needed", "use", "used", "uses", "using", "include", "includes", "included", "including",
    "keep", "kept", "let's", "mean", "means", "meant", "seek", "try", "tried", "trying", "become",
    "remain", "remains", "remained", "appear", "appears", "appeared", "expect", "expected", "hope",
    "hoped", "feel", "felt", "find", "found", "show", "shows", "showed", "shown", "call", "called",
    "calls", "set", "told", "like", "likely", "unlikely", "would've",
    // Generic adjectives and adverbs, vague quantities.
    "new", "old", "first", "last", "next", "previous", "latest", "recent", "recently", "early",
    "earlier", "late", "later", "lately", "current", "currently", "good", "better", "best", "bad",
    "worse", "worst", "big", "bigger", "biggest", "great", "greater", "greatest", "high", "higher",
    "highest", "low", "lower", "lowest", "long", "longer", "short", "small", "large", "larger",
    "largest", "little", "lot", "lots", "major", "main", "certain", "clear", "clearly", "different",
    "possible", "real", "right", "sure", "true", "whole", "able", "well", "far", "near", "nearly",
    "around", "approximately", "about", "almost", "around", "especially", "particularly",
    "probably", "simply", "actually", "already", "certainly", "currently", "finally", "fully",
    "generally", "highly", "largely", "mainly", "possibly", "previously", "strongly", "totally",
    "usually", "particular", "key", "top", "way", "ways", "thing", "things", "kind", "sort", "part",
    "parts", "number", "numbers", "amount", "total", "range", "level", "levels", "lot", "end",
    "beginning", "start", "course", "fact", "case", "cases", "example", "instance", "point",
    "issue", "issues", "area", "areas", "side", "sides", "times", "time", "day", "days", "week",
    "weeks", "month", "months", "year", "years", "period", "moment", "today", "tonight",
    "yesterday", "tomorrow", "morning", "afternoon", "evening", "night", "weekend", "ago", "annual",
    "annually", "daily", "weekly", "monthly", "yearly", "news", "people",
    // Titles.
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev", "jr", "sr", "st",
    "mt", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep",
    // Weekdays and months (the dates tagger reports them).
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue",
    "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    // Number words, units and the wire's abbreviations (the amounts tagger
    // reports quantities).
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "trillion",
    "trillions", "dozen", "dozens", "half", "quarter", "third", "fourth", "fifth", "sixth",
    "seventh", "eighth", "ninth", "tenth", "second", "once", "twice", "percent", "pct", "per",
    "cent", "bn", "mn", "mln", "bln", "dlr", "dlrs", "cts", "shr", "shrs", "qtr", "vs", "avg",
    "revs", "oper", "mths", "pence", "pm", "am", "gmt", "est", "edt", "bst", "utc", "km", "kg",
    "mph", "ft", "lb", "lbs", "oz",
    // Company suffixes (the name before them is the phrase).
    "inc", "ltd", "plc", "corp", "co", "llc", "llp", "ag", "sa", "nv", "bv", "gmbh",
    // Sign-offs, credits and page boilerplate.
    "reuter", "reuters", "ap", "afp", "copyright", "click", "clicking", "newsletter", "newsletters",
    "subscribe", "subscribed", "unsubscribe", "advertisement", "advert", "sponsored", "cookie",
    "cookies", "login", "signup", "tweet", "printable", "page", "pages", "http", "https", "www",
    "com", "html", "htm", "photo", "photos", "photograph", "pictured", "caption", "getty",
    "reserved", "related", "story", "stories", "article", "articles", "update", "updated", "follow",
    "comment", "comments", "continue", "continued", "via", "nbsp", "amp", "quot",
};
// clang-format on

uint64_t Mix(uint64_t x) {  // splitmix64's finalizer
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

uint64_t CombineKey(uint64_t phrase, uint64_t word) { return Mix(phrase * 31 + word) | 1; }

// Table index of a key. Keys are mixed hashes with the lowest bit forced to
// 1 (0 marks empty slots), so the index comes from the high half.
size_t Slot(uint64_t key) { return static_cast<size_t>(key >> 32); }
constexpr uint64_t kPhraseSeed = kTermKeySeed;

int32_t FoldCodePoint(int32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + ('a' - 'A') : cp;
  if (cp == 0x2019 || cp == 0x2018) return '\'';
  return utf8proc_tolower(cp);
}

// ASCII lowercase of 8 bytes at once; other bytes unchanged.
uint64_t LowerAscii8(uint64_t x) { return x | (AsciiUpperBytes(x) >> 2); }

// Hash of the ASCII-lowercased bytes p[0, n), 8 at a time; `readable` (>=
// n) bytes may be read from p, so a short tail is one masked load when the
// buffer goes on. Sets *ascii to whether all bytes are ASCII.
uint64_t HashLowered(const char* p, size_t n, size_t readable, bool* ascii) {
  uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
  uint64_t high = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t chunk;
    std::memcpy(&chunk, p + i, 8);
    high |= chunk;
    h = Mix(h ^ LowerAscii8(chunk));
  }
  if (i < n) {
    const size_t tail = n - i;
    uint64_t chunk = 0;
    if (readable - i >= 8) {
      std::memcpy(&chunk, p + i, 8);
      chunk &= ~uint64_t{0} >> (8 * (8 - tail));  // little-endian: the first bytes
    } else {
      for (size_t k = 0; k < tail; ++k) {
        chunk |= uint64_t{static_cast<unsigned char>(p[i + k])} << (8 * k);
      }
    }
    high |= chunk;
    h = Mix(h ^ LowerAscii8(chunk));
  }
  *ascii = (high & 0x8080808080808080ULL) == 0;
  return h | 1;  // never 0, the empty-slot marker
}

// Key of one word: its folded form hashed. ASCII words (nearly all) are
// hashed in place; others are folded code point by code point into a buffer
// first. Words too long for it are never content words (kMaxWordBytes):
// their raw bytes are hashed instead.
uint64_t HashWord(std::string_view text, size_t begin, size_t end) {
  const char* p = text.data() + begin;
  const size_t n = end - begin;
  bool ascii = true;
  const uint64_t raw = HashLowered(p, n, text.size() - begin, &ascii);
  if (ascii) return raw;
  char buffer[128];
  size_t size = 0;
  for (size_t i = begin; i < end;) {
    if (size + 4 > sizeof buffer) return raw;
    int32_t cp = 0;
    size_t len = DecodeUtf8At(text, i, &cp);
    if (len == 0) {
      len = 1;
      cp = 0xFFFD;
    }
    i += len;
    size += static_cast<size_t>(utf8proc_encode_char(
        FoldCodePoint(cp), reinterpret_cast<utf8proc_uint8_t*>(buffer + size)));
  }
  return HashLowered(buffer, size, size, &ascii);
}

// Key of the singular form of a word of `text` whose key is `key`: the word
// without a final "s" ("rates" -> "rate"; not "-ss", "'s", short words).
// Folding works per code point, so this is the key of the shorter word.
uint64_t StemKey(std::string_view text, size_t begin, size_t end, uint64_t key) {
  if (end - begin <= 3 || (text[end - 1] | 0x20) != 's') return key;
  const char previous = text[end - 2];
  if ((previous | 0x20) == 's' || previous == '\'' ||
      text.substr(end - std::min<size_t>(4, end - begin), 3) == "\xE2\x80\x99") {
    return key;
  }
  return HashWord(text, begin, end - 1);
}

// Stopword keys, with what kind of stopword each is: a small open-addressing
// table (a hash lookup per word is on the hot path).
enum class StopKind : uint8_t { kNone, kPlain, kNameWord, kNumberNameWord };

class StopTable {
 public:
  StopTable() {
    for (std::string_view w : kStopwords) Put(w, StopKind::kPlain);
    for (std::string_view w : kNameWords) Put(w, StopKind::kNameWord);
    for (std::string_view w : kNumberNameWords) Put(w, StopKind::kNumberNameWord);
  }
  StopKind Find(uint64_t key) const {
    for (size_t i = Slot(key) & kMask;; i = (i + 1) & kMask) {
      if (keys_[i] == key) return kinds_[i];
      if (keys_[i] == 0) return StopKind::kNone;
    }
  }

 private:
  static constexpr size_t kSize = 2048;  // > 2x the words listed
  static constexpr size_t kMask = kSize - 1;
  void Put(std::string_view word, StopKind kind) {
    const uint64_t key = HashWord(word, 0, word.size());
    size_t i = Slot(key) & kMask;
    while (keys_[i] != 0 && keys_[i] != key) i = (i + 1) & kMask;
    keys_[i] = key;
    kinds_[i] = kind;  // a later list wins: name words are also listed above
  }
  uint64_t keys_[kSize] = {};
  StopKind kinds_[kSize] = {};
};

const StopTable& Stopwords() {
  static const StopTable table;
  return table;
}

const uint64_t kOfKey = HashWord("of", 0, 2);
const uint64_t kAmpersandKey = HashWord("&", 0, 1);

bool IsWordPiece(const TextToken& t) {
  return t.kind == TextTokenKind::kWord || t.kind == TextTokenKind::kForeign ||
         t.kind == TextTokenKind::kNum;
}

bool IsUpperStart(std::string_view text, uint32_t at) {
  const unsigned char c = static_cast<unsigned char>(text[at]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  int32_t cp = 0;
  if (DecodeUtf8At(text, at, &cp) == 0) return false;
  const auto cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

// U+2019 (’) and U+2018 inside a word act as apostrophes.
bool IsApostrophe(std::string_view text, const TextToken& t) {
  const std::string_view s = text.substr(t.b, t.e - t.b);
  return s == "'" || s == "\xE2\x80\x99" || s == "\xE2\x80\x98";
}

constexpr size_t npos = std::string_view::npos;

// Whether every "-"-separated piece of a word is a stopword or a number.
bool AllPiecesStopwords(std::string_view word) {
  const StopTable& stopwords = Stopwords();
  size_t i = 0;
  while (i <= word.size()) {
    size_t j = word.find('-', i);
    if (j == npos) j = word.size();
    const std::string_view piece = word.substr(i, j - i);
    const bool number = !piece.empty() && piece[0] >= '0' && piece[0] <= '9';
    if (!number && stopwords.Find(HashWord(piece, 0, piece.size())) == StopKind::kNone) {
      return false;
    }
    i = j + 1;
  }
  return true;
}

// "-ly" adverbs ("relatively", "rigorously") modify, they are not topics.
// Suffixes, not every "-ly": "family", "supply", "rally" are nouns.
bool IsAdverb(std::string_view word) {
  struct Suffix {
    std::string_view text;
    size_t min_length;
  };
  static constexpr Suffix kSuffixes[] = {
      {"ally", 7},  {"ously", 6}, {"ively", 6}, {"edly", 6},   {"ingly", 6}, {"ently", 6},
      {"antly", 6}, {"ately", 6}, {"fully", 6}, {"lessly", 7}, {"arly", 7},  {"ibly", 6},
      {"ably", 6},  {"ctly", 6},  {"rtly", 6},  {"ntly", 6},   {"sely", 6},  {"tely", 6},
  };
  if (word.size() < 6 || word.back() != 'y') return false;
  for (const Suffix& suffix : kSuffixes) {
    if (word.size() >= suffix.min_length && word.size() > suffix.text.size() &&
        word.substr(word.size() - suffix.text.size()) == suffix.text) {
      return true;
    }
  }
  return false;
}

constexpr size_t kMaxWordBytes = 48;
constexpr int kMaxContentWords = 3;
constexpr int kMaxParts = 4;

}  // namespace

bool IsKeywordStopword(std::string_view folded_word) {
  return Stopwords().Find(HashWord(folded_word, 0, folded_word.size())) != StopKind::kNone ||
         (folded_word.find('-') != npos && AllPiecesStopwords(folded_word));
}

uint64_t CombineTermKey(uint64_t key, uint64_t word_key) { return CombineKey(key, word_key); }

uint64_t KeywordTermKey(std::string_view term) {
  uint64_t key = kPhraseSeed;
  size_t i = 0;
  while (i < term.size()) {
    while (i < term.size() && term[i] == ' ') ++i;
    size_t j = i;
    while (j < term.size() && term[j] != ' ') ++j;
    if (j > i) key = CombineKey(key, HashWord(term, i, j));
    i = j;
  }
  return key == 0 ? 1 : key;
}

std::string FoldKeywordTerm(std::string_view text, uint32_t begin, uint32_t end) {
  std::string out;
  out.reserve(end - begin);
  bool space = false;
  for (size_t i = begin; i < end && i < text.size();) {
    int32_t cp = static_cast<unsigned char>(text[i]);
    size_t len = 1;
    if (cp >= 0x80) {
      len = DecodeUtf8At(text, i, &cp);
      if (len == 0) {
        len = 1;
        cp = 0xFFFD;
      }
    }
    i += len;
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
        (cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    utf8proc_uint8_t buffer[4];
    const auto n = utf8proc_encode_char(FoldCodePoint(cp), buffer);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(n));
  }
  return out;
}

void KeywordTermScanner::Scan(std::string_view text, std::vector<KeywordTermOccurrence>* out) {
  if (text.empty()) return;
  const auto shared_tokens = TokenizeTextShared(text);
  const std::vector<TextToken>& tokens = *shared_tokens;
  words_.clear();
  const StopTable& stopwords = Stopwords();
  bool sentence_start = true;
  const size_t n = tokens.size();
  auto break_previous = [&] {
    if (!words_.empty()) words_.back().breaks_after = true;
  };
  for (size_t i = 0; i < n;) {
    const TextToken& t = tokens[i];
    if (t.newline) {
      break_previous();
      sentence_start = true;
    }
    if (!IsWordPiece(t)) {
      const char c = t.e - t.b == 1 ? text[t.b] : '\0';
      if (c == '&' && t.space && i + 1 < n && tokens[i + 1].space) {
        Word w;  // a free-standing "&": a connector candidate
        w.begin = t.b;
        w.end = t.e;
        w.key = w.stem = kAmpersandKey;
        w.connector = true;
        words_.push_back(w);
      } else {
        break_previous();
        if (c == '.' || c == '!' || c == '?') sentence_start = true;
      }
      ++i;
      continue;
    }
    // One word: pieces joined by in-word connectors without spaces.
    Word w;
    w.begin = t.b;
    w.sentence_start = sentence_start;
    sentence_start = false;
    const bool starts_with_digit = t.kind == TextTokenKind::kNum;
    bool has_letter = t.kind != TextTokenKind::kNum;
    size_t j = i;  // last token of the word
    bool possessive = false;
    bool hyphenated = false;
    while (j + 1 < n && !tokens[j + 1].space) {
      const TextToken& next = tokens[j + 1];
      if (IsWordPiece(next)) {
        has_letter = has_letter || next.kind != TextTokenKind::kNum;
        ++j;
        continue;
      }
      if (j + 2 >= n || tokens[j + 2].space || !IsWordPiece(tokens[j + 2])) break;
      const TextToken& after = tokens[j + 2];
      const char c = next.e - next.b == 1 ? text[next.b] : '\0';
      if (c == '\'' || IsApostrophe(text, next)) {
        const bool lone_s = after.e - after.b == 1 &&
                            (text[after.b] == 's' || text[after.b] == 'S') &&
                            (j + 3 >= n || tokens[j + 3].space || !IsWordPiece(tokens[j + 3]));
        if (lone_s) {
          possessive = true;
          break;
        }
      } else if (c == '.') {
        // Only abbreviations made of single letters: "U.S", "U.K".
        const TextToken& cur = tokens[j];
        if (cur.e - cur.b != 1 || after.e - after.b != 1 || cur.kind != TextTokenKind::kWord ||
            after.kind != TextTokenKind::kWord) {
          break;
        }
      } else if (c != '-' && c != '&') {
        break;
      }
      has_letter = has_letter || after.kind != TextTokenKind::kNum;
      hyphenated = hyphenated || c == '-';
      j += 2;
    }
    w.end = tokens[j].e;
    size_t next_token = j + 1;
    if (possessive) {
      next_token = j + 3;  // skip "'" and "s"
    } else if (w.end - w.begin >= 3 && j + 1 < n && !tokens[j + 1].space &&
               text[tokens[j + 1].b] == '.' && j >= 2 && text[tokens[j - 1].b] == '.' &&
               tokens[j].e - tokens[j].b == 1) {
      // The closing dot of "U.S.": part of the word, not a sentence end.
      w.end = tokens[j + 1].e;
      next_token = j + 2;
    }
    w.key = HashWord(text, w.begin, w.end);
    w.capitalized = IsUpperStart(text, w.begin);
    const bool too_short = w.end - w.begin == 1;
    const bool too_long = w.end - w.begin > kMaxWordBytes;
    const bool number = starts_with_digit || !has_letter;
    const StopKind stop = stopwords.Find(w.key);
    bool is_stop = stop != StopKind::kNone;
    if (!is_stop && !too_long && hyphenated) {
      is_stop = AllPiecesStopwords(text.substr(w.begin, w.end - w.begin));
    }
    const bool adverb = !is_stop && !too_long && (!w.capitalized || w.sentence_start) &&
                        IsAdverb(text.substr(w.begin, w.end - w.begin));
    w.content = !too_short && !too_long && !number && !is_stop && !adverb;
    w.connector = w.key == kOfKey;
    w.name_word = stop == StopKind::kNameWord || stop == StopKind::kNumberNameWord;
    w.number_word = stop == StopKind::kNumberNameWord;
    w.stem = (w.content || w.name_word) ? StemKey(text, w.begin, w.end, w.key) : w.key;
    w.breaks_after = possessive;
    words_.push_back(w);
    i = next_token;
  }

  // Which words may be in a run: content words; capitalized name words next
  // to another capitalized content or name word; connectors between two
  // capitalized usable words.
  const size_t count = words_.size();
  auto linked = [&](size_t k) {  // are words k and k+1 adjacent in one clause?
    return k + 1 < count && !words_[k].breaks_after;
  };
  auto capitalized_word = [&](size_t k) {
    const Word& w = words_[k];
    return w.capitalized && (w.content || w.name_word);
  };
  for (size_t k = 0; k < count; ++k) {
    Word& w = words_[k];
    if (w.content) {
      w.usable = true;
    } else if (w.name_word && w.capitalized) {
      const bool after = linked(k) && capitalized_word(k + 1);
      const bool before = k > 0 && linked(k - 1) && capitalized_word(k - 1);
      w.usable = w.sentence_start ? (after && !w.number_word) : (after || before);
    }
  }
  for (size_t k = 1; k + 1 < count; ++k) {
    Word& w = words_[k];
    if (!w.connector || w.usable) continue;
    const Word& before = words_[k - 1];
    const Word& after = words_[k + 1];
    w.usable = linked(k - 1) && linked(k) && before.usable && after.usable && before.capitalized &&
               after.capitalized && !before.connector && !after.connector;
  }
  size_t k = 0;
  while (k < count) {
    if (!words_[k].usable) {
      ++k;
      continue;
    }
    size_t last = k;
    while (linked(last) && words_[last + 1].usable) ++last;
    EmitRun(k, last, out);
    k = last + 1;
  }
}

void KeywordTermScanner::EmitRun(size_t first, size_t last,
                                 std::vector<KeywordTermOccurrence>* out) {
  // A connector inside a run always sits between capitalized words, so it
  // never bounds a capitalized stretch.
  auto stretch_boundary = [&](size_t k) { return !words_[k].capitalized && !words_[k].connector; };
  for (size_t s = first; s <= last; ++s) {
    if (words_[s].connector) continue;
    // A stretch starts here. At a sentence start the first word's capital
    // says nothing ("Contestants Paul Burrell" or "Benjamin Netanyahu"?):
    // the stretch from the second word is a candidate too.
    const bool proper_start =
        s == first || stretch_boundary(s - 1) || (s == first + 1 && words_[first].sentence_start);
    KeywordTermOccurrence occ;
    uint64_t key = kPhraseSeed;
    int n_words = 0;
    bool has_content = false;
    bool capitalized = true;
    for (size_t e = s; e <= last && static_cast<int>(e - s) < kMaxParts; ++e) {
      const Word& w = words_[e];
      if (e > s && w.key == words_[e - 1].key) break;  // "widget widget" is no phrase
      key = CombineKey(key, w.key);
      if (w.connector) continue;  // a term never ends on one
      if (++n_words > kMaxContentWords) break;
      has_content = has_content || w.content;
      capitalized = capitalized && w.capitalized;
      if (!has_content) continue;  // name words alone are no term
      occ.key = key == 0 ? 1 : key;
      occ.begin = words_[s].begin;
      occ.end = w.end;
      occ.words = static_cast<uint8_t>(n_words);
      occ.capitalized = capitalized;
      occ.sentence_start = words_[s].sentence_start;
      occ.parts = static_cast<uint8_t>(e - s + 1);
      occ.first_word = static_cast<uint32_t>(s);
      occ.proper =
          capitalized && n_words >= 2 && proper_start && (e == last || stretch_boundary(e + 1));
      out->push_back(occ);
    }
  }
}

// ---- KeywordBackground

void KeywordBackground::Reserve(size_t terms) {
  size_t size = 16;
  while (size < terms * 2) size *= 2;
  table_.assign(size, {0, 0});
  terms_.reserve(terms);
}

// Keys are already mixed hashes: their bits index the table (Slot).
bool KeywordBackground::Insert(std::string text, uint64_t key, uint32_t df) {
  const size_t mask = table_.size() - 1;
  for (size_t i = Slot(key) & mask;; i = (i + 1) & mask) {
    if (table_[i].second == 0) {
      terms_.push_back(Term{std::move(text), df});
      table_[i] = {key, df};
      return true;
    }
    if (table_[i].first == key) return false;
  }
}

uint32_t KeywordBackground::DocumentFrequencyOfKey(uint64_t key) const {
  if (table_.empty()) return 0;
  const size_t mask = table_.size() - 1;
  for (size_t i = Slot(key) & mask;; i = (i + 1) & mask) {
    if (table_[i].second == 0) return 0;
    if (table_[i].first == key) return table_[i].second;
  }
}

void KeywordBackground::Prefetch(uint64_t key) const {
  if (!table_.empty()) __builtin_prefetch(&table_[Slot(key) & (table_.size() - 1)]);
}

std::unique_ptr<KeywordBackground> KeywordBackground::Load(const std::string& path,
                                                           std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot open keyword background file";
    return nullptr;
  }
  auto fail = [&](size_t line, const std::string& what) {
    *error = path + ":" + std::to_string(line) + ": " + what;
    return nullptr;
  };
  std::string line;
  if (!std::getline(in, line)) return fail(1, "empty file, expected a header line");
  // newsflow-keyword-background<TAB>1<TAB>documents=N<TAB>min_df=M
  auto background = std::unique_ptr<KeywordBackground>(new KeywordBackground());
  {
    std::vector<std::string_view> fields;
    std::string_view rest = line;
    while (true) {
      const size_t tab = rest.find('\t');
      fields.push_back(rest.substr(0, tab));
      if (tab == std::string_view::npos) break;
      rest.remove_prefix(tab + 1);
    }
    auto number = [](std::string_view s, std::string_view prefix, uint32_t* value) {
      if (s.substr(0, prefix.size()) != prefix) return false;
      s.remove_prefix(prefix.size());
      const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *value);
      return ec == std::errc() && p == s.data() + s.size();
    };
    if (fields.size() != 4 || fields[0] != "newsflow-keyword-background") {
      return fail(1,
                  "not a keyword background file (expected the header "
                  "\"newsflow-keyword-background<TAB>1<TAB>documents=N<TAB>min_df=M\")");
    }
    if (fields[1] != std::to_string(kFormatVersion)) {
      return fail(1, "unsupported format version '" + std::string(fields[1]) + "' (expected " +
                         std::to_string(kFormatVersion) + ")");
    }
    if (!number(fields[2], "documents=", &background->documents_) || background->documents_ == 0) {
      return fail(1, "bad document count '" + std::string(fields[2]) + "'");
    }
    if (!number(fields[3], "min_df=", &background->min_df_) || background->min_df_ == 0) {
      return fail(1, "bad min_df '" + std::string(fields[3]) + "'");
    }
  }
  std::vector<std::pair<std::string, uint32_t>> rows;
  size_t line_number = 1;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || line.find('\t', tab + 1) != std::string::npos) {
      return fail(line_number, "expected \"term<TAB>df\"");
    }
    if (tab == 0) return fail(line_number, "empty term");
    uint32_t df = 0;
    const char* first = line.data() + tab + 1;
    const char* last = line.data() + line.size();
    const auto [p, ec] = std::from_chars(first, last, df);
    if (ec != std::errc() || p != last || df == 0 || df > background->documents_) {
      return fail(line_number, "bad df '" + line.substr(tab + 1) + "' (expected 1.." +
                                   std::to_string(background->documents_) + ")");
    }
    line.resize(tab);
    rows.emplace_back(std::move(line), df);
  }
  background->Reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const uint64_t key = KeywordTermKey(rows[i].first);
    if (!background->Insert(rows[i].first, key, rows[i].second)) {
      return fail(i + 2, "duplicate term '" + rows[i].first + "'");
    }
  }
  return background;
}

bool KeywordBackground::Save(const std::string& path, std::string* error) const {
  std::vector<const Term*> sorted;
  sorted.reserve(terms_.size());
  for (const Term& t : terms_) sorted.push_back(&t);
  std::sort(sorted.begin(), sorted.end(), [](const Term* a, const Term* b) {
    return a->df != b->df ? a->df > b->df : a->text < b->text;
  });
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    *error = path + ": cannot write";
    return false;
  }
  out << "newsflow-keyword-background\t" << kFormatVersion << "\tdocuments=" << documents_
      << "\tmin_df=" << min_df_ << '\n';
  for (const Term* t : sorted) out << t->text << '\t' << t->df << '\n';
  out.flush();
  if (!out) {
    *error = path + ": write failed";
    return false;
  }
  return true;
}

// ---- KeywordBackgroundBuilder

KeywordBackgroundBuilder::KeywordBackgroundBuilder(uint32_t min_df)
    : min_df_(std::max<uint32_t>(min_df, 1)) {}

KeywordBackgroundBuilder::Entry* KeywordBackgroundBuilder::FindOrInsert(uint64_t key) {
  if ((count_ + 1) * 2 > table_.size()) {
    std::vector<Entry> old = std::move(table_);
    table_.assign(std::max<size_t>(old.size() * 2, 1024), Entry{});
    const size_t mask = table_.size() - 1;
    for (const Entry& e : old) {
      if (e.key == 0) continue;
      size_t i = Mix(e.key) & mask;
      while (table_[i].key != 0) i = (i + 1) & mask;
      table_[i] = e;
    }
  }
  const size_t mask = table_.size() - 1;
  size_t i = Mix(key) & mask;
  while (table_[i].key != 0 && table_[i].key != key) i = (i + 1) & mask;
  if (table_[i].key == 0) {
    table_[i].key = key;
    ++count_;
  }
  return &table_[i];
}

void KeywordBackgroundBuilder::AddDocument(std::string_view text) {
  ++documents_;
  occurrences_.clear();
  scanner_.Scan(text, &occurrences_);
  for (const KeywordTermOccurrence& occ : occurrences_) {
    Entry* e = FindOrInsert(occ.key);
    if (e->last_document == documents_) continue;
    e->last_document = documents_;
    if (++e->df == min_df_) names_.emplace_back(occ.key, FoldKeywordTerm(text, occ.begin, occ.end));
  }
}

std::unique_ptr<KeywordBackground> KeywordBackgroundBuilder::Build() const {
  auto background = std::unique_ptr<KeywordBackground>(new KeywordBackground());
  background->documents_ = documents_;
  background->min_df_ = min_df_;
  background->Reserve(names_.size());
  const size_t mask = table_.size() - 1;
  for (const auto& [key, text] : names_) {
    size_t i = Mix(key) & mask;
    while (table_[i].key != key) i = (i + 1) & mask;
    background->Insert(text, key, table_[i].df);
  }
  return background;
}

}  // namespace newsflow
