#include "evaluation/residue_injector.h"

#include <algorithm>
#include <array>
#include <random>

#include "cleaning/residue_repair.h"

namespace newsflow {
namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsLetter(char c) { return IsUpper(c) || IsLower(c); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c + ('a' - 'A')) : c; }
char ToUpper(char c) { return IsLower(c) ? static_cast<char>(c - ('a' - 'A')) : c; }

template <size_t N>
bool InList(std::string_view word, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// Sentence openers that change case when a clause moves in front of them.
constexpr std::array<std::string_view, 30> kOpeners = {
    "the", "it",  "he",    "she",  "they", "we",   "this", "that",  "these", "there",
    "in",  "on",  "at",    "for",  "but",  "and",  "as",   "after", "a",     "an",
    "its", "his", "their", "some", "many", "most", "all",  "when",  "while", "if"};

// Old openings of sentences whose start was rewritten.
constexpr std::array<std::string_view, 10> kOldOpenings = {
    "Under the plan", "On Monday",   "In a statement", "According to officials", "As expected",
    "Last year",      "By contrast", "At the time",    "In the meantime",        "For now"};

struct WordEdit {
  std::string_view old_word;
  std::string_view new_word;
  enum Context { kNounPhrase, kNumber, kVerb } context;
};

// Plausible copy edits of closed-class words: the new word stays in the clean
// text, the old one is put back in front of it.
constexpr std::array<WordEdit, 38> kWordEdits = {{
    {"its", "a", WordEdit::kNounPhrase},
    {"its", "the", WordEdit::kNounPhrase},
    {"the", "a", WordEdit::kNounPhrase},
    {"a", "the", WordEdit::kNounPhrase},
    {"the", "its", WordEdit::kNounPhrase},
    {"a", "its", WordEdit::kNounPhrase},
    {"their", "the", WordEdit::kNounPhrase},
    {"the", "their", WordEdit::kNounPhrase},
    {"his", "the", WordEdit::kNounPhrase},
    {"the", "his", WordEdit::kNounPhrase},
    {"an", "the", WordEdit::kNounPhrase},
    {"the", "an", WordEdit::kNounPhrase},
    {"our", "the", WordEdit::kNounPhrase},
    {"the", "our", WordEdit::kNounPhrase},
    {"their", "its", WordEdit::kNounPhrase},
    {"its", "their", WordEdit::kNounPhrase},
    {"a", "this", WordEdit::kNounPhrase},
    {"the", "this", WordEdit::kNounPhrase},
    {"the", "these", WordEdit::kNounPhrase},
    {"the", "those", WordEdit::kNounPhrase},
    {"some", "about", WordEdit::kNumber},
    {"some", "around", WordEdit::kNumber},
    {"some", "nearly", WordEdit::kNumber},
    {"some", "almost", WordEdit::kNumber},
    {"some", "roughly", WordEdit::kNumber},
    {"roughly", "about", WordEdit::kNumber},
    {"nearly", "almost", WordEdit::kNumber},
    {"almost", "nearly", WordEdit::kNumber},
    {"approximately", "about", WordEdit::kNumber},
    {"will", "would", WordEdit::kVerb},
    {"would", "will", WordEdit::kVerb},
    {"can", "could", WordEdit::kVerb},
    {"could", "can", WordEdit::kVerb},
    {"may", "might", WordEdit::kVerb},
    {"might", "may", WordEdit::kVerb},
    {"should", "would", WordEdit::kVerb},
    {"would", "could", WordEdit::kVerb},
    {"must", "should", WordEdit::kVerb},
}};

constexpr std::array<std::string_view, 16> kAbbreviations = {
    "inc",  "corp", "ltd", "plc", "bros", "dept", "govt", "etc",
    "dlrs", "mln",  "bln", "pct", "jan",  "feb",  "sept", "approx"};

using Token = ParagraphToken;

bool AllLower(std::string_view w) { return !w.empty() && std::all_of(w.begin(), w.end(), IsLower); }
bool AllLetters(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), IsLetter);
}

std::string Lower(std::string_view w) {
  std::string out(w);
  for (char& c : out) c = ToLower(c);
  return out;
}

bool IsAbbreviation(std::string_view w) { return InList(Lower(w), kAbbreviations); }

// A word that may end a sentence with a period: letters, not an abbreviation.
bool PlainWord(std::string_view w) {
  return w.size() >= 3 && AllLetters(w) && AllLower(w.substr(1)) && !IsAbbreviation(w);
}

struct Site {
  size_t begin;  // clean range in the paragraph
  size_t end;
  std::string replacement;
};

class ParagraphInjector {
 public:
  ParagraphInjector(std::string_view p, std::mt19937_64& rng)
      : p_(p), tokens_(TokenizeParagraph(p)), rng_(rng) {}

  std::vector<Site> Sites(std::string_view kind) {
    std::vector<Site> sites;
    if (kind == "stray_letter") StrayLetters(&sites);
    if (kind == "doubled_initial") DoubledInitials(&sites);
    if (kind == "duplicate_clause") MovedClauses(&sites);
    if (kind == "replaced_word") ReplacedWords(&sites);
    if (kind == "orphan_punctuation") OrphanPunctuation(&sites);
    return sites;
  }

 private:
  std::string_view Text(size_t k) const {
    return p_.substr(tokens_[k].begin, tokens_[k].end - tokens_[k].begin);
  }
  size_t Random(size_t n) { return static_cast<size_t>(rng_() % n); }
  bool Coin() { return (rng_() & 1) != 0; }

  bool EndsSentence(size_t k) const {
    const std::string_view t = Text(k);
    if (t.size() < 2 || (t.back() != '.' && t.back() != '!' && t.back() != '?')) return false;
    const std::string_view word = t.substr(0, t.size() - 1);
    return word.size() >= 3 && word.find('.') == std::string_view::npos && !IsAbbreviation(word);
  }

  // Token k starts a sentence with a capitalized opener word ("The").
  bool OpenerAt(size_t k) const {
    if (k > 0 && !EndsSentence(k - 1)) return false;
    const std::string_view t = Text(k);
    size_t e = 0;
    while (e < t.size() && IsLetter(t[e])) ++e;
    if (e == 0 || (e < t.size() && t[e] != ' ')) return false;
    if (!IsUpper(t[0]) || (e > 1 && !AllLower(t.substr(1, e - 1)))) return false;
    return InList(Lower(t.substr(0, e)), kOpeners);
  }

  void StrayLetters(std::vector<Site>* sites) {
    for (size_t k = 0; k < tokens_.size(); ++k) {
      const std::string_view t = Text(k);
      if (OpenerAt(k) && t.size() >= 2 && IsLower(t[1])) {
        std::string replacement;
        if (Coin()) {
          replacement.append(kOldOpenings[Random(kOldOpenings.size())]);
          replacement.append(", ");
        }
        replacement.push_back(ToLower(t[0]));
        replacement.push_back(' ');
        replacement.append(t);
        sites->push_back({tokens_[k].begin, tokens_[k].end, std::move(replacement)});
      } else if (k > 0 && Text(k - 1).back() == ',' && t.size() >= 2 && AllLower(t.substr(0, 2))) {
        std::string replacement(1, ToUpper(t[0]));
        replacement.push_back(' ');
        replacement.append(t);
        sites->push_back({tokens_[k].begin, tokens_[k].end, std::move(replacement)});
      }
    }
  }

  void DoubledInitials(std::vector<Site>* sites) {
    const bool sentence_start = Random(10) < 3;
    for (size_t k = 0; k < tokens_.size(); ++k) {
      const std::string_view t = Text(k);
      if (sentence_start) {
        if (OpenerAt(k) && t.size() >= 2 && IsLower(t[1])) {
          sites->push_back({tokens_[k].begin, tokens_[k].end, ToLower(t[0]) + std::string(t)});
        }
        continue;
      }
      size_t e = 0;
      while (e < t.size() && IsLower(t[e])) ++e;
      if (k > 0 && e >= 3 && (e == t.size() || !IsLetter(t[e]))) {
        sites->push_back({tokens_[k].begin, tokens_[k].end, ToUpper(t[0]) + std::string(t)});
      }
    }
  }

  void MovedClauses(std::vector<Site>* sites) {
    const size_t n = tokens_.size();
    for (size_t s = 0; s < n; ++s) {
      if (!OpenerAt(s) || Text(s).size() < 2 || !IsLower(Text(s)[1])) continue;
      // The sentence's end: a token ending in "." that ends a sentence.
      size_t e = s;
      while (e < n && !(Text(e).back() == '.' && (e + 1 == n || EndsSentence(e)))) ++e;
      if (e == n || e - s > 60) continue;
      size_t comma = e;
      for (size_t k = e; k > s; --k) {
        if (Text(k - 1).back() == ',') {
          comma = k - 1;
          break;
        }
      }
      if (comma == e || comma - s < 2 || e - comma < 3 || e - comma > 12) continue;
      const std::string_view first = Text(comma + 1);
      if (first.size() < 2 || !AllLower(first.substr(0, 2))) continue;
      const std::string_view sentence =
          p_.substr(tokens_[s].begin, tokens_[e].end - tokens_[s].begin);
      if (sentence.find('"') != std::string_view::npos ||
          sentence.find('\xE2') != std::string_view::npos) {
        continue;
      }
      const std::string_view main_clause =
          p_.substr(tokens_[s].begin, tokens_[comma].end - 1 - tokens_[s].begin);
      const std::string_view moved =
          p_.substr(tokens_[comma + 1].begin, tokens_[e].end - 1 - tokens_[comma + 1].begin);
      const char old_initial = ToLower(Text(s)[0]);
      std::string r;
      r.push_back(ToUpper(moved[0]));
      r.append(moved.substr(1));
      r.append(", ");
      if (Random(4) != 0) {  // else the old initial was dropped entirely
        r.push_back(old_initial);
        r.push_back(' ');
      }
      r.append(main_clause);
      r.append(Coin() ? "., " : ", ");
      r.push_back(ToUpper(moved[0]));
      if (Coin()) r.push_back(' ');
      r.append(moved);
      r.push_back('.');
      if (e + 1 == n && Coin()) {
        r.append(" , ");
        r.push_back(old_initial);
      }
      sites->push_back({tokens_[s].begin, tokens_[e].end, std::move(r)});
    }
  }

  void ReplacedWords(std::vector<Site>* sites) {
    for (size_t k = 0; k + 1 < tokens_.size(); ++k) {
      const std::string_view word = Text(k);
      if (!AllLower(word)) continue;
      const std::string_view next = Text(k + 1);
      for (const WordEdit& edit : kWordEdits) {
        if (edit.new_word != word) continue;
        if (k > 0 && Text(k - 1) == edit.old_word) continue;
        bool fits = false;
        switch (edit.context) {
          case WordEdit::kNounPhrase:
            fits = IsLetter(next[0]) || IsDigit(next[0]);
            break;
          case WordEdit::kNumber:
            fits = IsDigit(next[0]) || (next[0] == '$' && next.size() > 1 && IsDigit(next[1]));
            break;
          case WordEdit::kVerb:
            fits = IsLower(next[0]);
            break;
        }
        if (!fits) continue;
        std::string replacement(edit.old_word);
        replacement.push_back(' ');
        replacement.append(word);
        sites->push_back({tokens_[k].begin, tokens_[k].end, std::move(replacement)});
      }
    }
  }

  void OrphanPunctuation(std::vector<Site>* sites) {
    const size_t n = tokens_.size();
    for (size_t k = 0; k < n; ++k) {
      const std::string_view t = Text(k);
      const std::string_view word = t.substr(0, t.size() - 1);
      if (!PlainWord(word)) continue;
      std::string replacement(word);
      if (t.back() == ',' && k + 1 < n) {
        replacement.append(Coin() ? ".," : " ,");
      } else if (t.back() == '.' && AllLower(word) && (k + 1 == n || EndsSentence(k))) {
        if (k + 1 == n && Coin()) {
          replacement.append(". , ");
          replacement.push_back(static_cast<char>('a' + Random(26)));
        } else {
          replacement.append(",.");
        }
      } else {
        continue;
      }
      sites->push_back({tokens_[k].begin, tokens_[k].end, std::move(replacement)});
    }
  }

  std::string_view p_;
  std::vector<Token> tokens_;
  std::mt19937_64& rng_;
};

}  // namespace

const std::vector<std::string>& ResidueKinds() {
  static const std::vector<std::string> kinds = {
      "stray_letter", "doubled_initial", "duplicate_clause", "replaced_word", "orphan_punctuation"};
  return kinds;
}

InjectedText InjectResidue(std::string_view clean, const ResidueInjectorOptions& options) {
  InjectedText result;
  result.text.reserve(clean.size() + clean.size() / 8);
  std::mt19937_64 rng(options.seed);
  const std::vector<std::string>& kinds = ResidueKinds();
  const std::vector<std::string_view> paragraphs = SplitParagraphs(clean);
  for (size_t paragraph_index = 0; paragraph_index < paragraphs.size(); ++paragraph_index) {
    if (paragraph_index > 0) result.text.append("\n\n");
    const std::string_view paragraph = paragraphs[paragraph_index];
    const double draw = static_cast<double>(rng() >> 11) * 0x1.0p-53;
    bool injected = false;
    if (draw < options.paragraph_rate) {
      ParagraphInjector injector(paragraph, rng);
      const size_t first = static_cast<size_t>(rng() % kinds.size());
      for (size_t k = 0; k < kinds.size() && !injected; ++k) {
        const std::string& kind = kinds[(first + k) % kinds.size()];
        std::vector<Site> sites = injector.Sites(kind);
        if (sites.empty()) continue;
        const Site& site = sites[static_cast<size_t>(rng() % sites.size())];
        result.text.append(paragraph.substr(0, site.begin));
        result.text.append(site.replacement);
        result.text.append(paragraph.substr(site.end));
        ResidueInjection injection;
        injection.kind = kind;
        injection.paragraph = paragraph_index;
        injection.clean_begin = site.begin;
        injection.clean_end = site.end;
        injection.begin = site.begin;
        injection.end = site.begin + site.replacement.size();
        result.injections.push_back(std::move(injection));
        injected = true;
      }
    }
    if (!injected) result.text.append(paragraph);
  }
  return result;
}

std::vector<std::string_view> SplitParagraphs(std::string_view text) {
  std::vector<std::string_view> paragraphs;
  size_t pos = 0;
  while (true) {
    const size_t end = text.find("\n\n", pos);
    if (end == std::string_view::npos) {
      paragraphs.push_back(text.substr(pos));
      return paragraphs;
    }
    paragraphs.push_back(text.substr(pos, end - pos));
    pos = end + 2;
  }
}

}  // namespace newsflow
