// Background statistics of the keyword tagger (tagging/keyword_extractor.h):
// in how many documents of a reference corpus each candidate term occurs.
//
// Terms. A term is what the keyword tagger can report: a phrase of 1 to 3
// content words, lowercased, words joined by one space ("interest rates",
// "bank of england"). KeywordTermScanner below finds them, for the
// background and for the tagger alike, so the two always agree:
//   - A word is a run of letters and digits, joined across "-", "'", "’",
//     "&" and (between single letters) "." with no space: "co-operation",
//     "AT&T", "O'Neill", "U.S.". It must contain a letter, not start with a
//     digit ("MP3" is a word, "13bn" and "2004" are numbers), have at least 2
//     characters and at most 48 bytes. A possessive "'s" is not part of it.
//   - Content words are words that are not stopwords (a standard English
//     list plus news filler: "said", "also", "Mr", weekdays, months, number
//     words, "people", "copyright", "click", ...; IsKeywordStopword). A
//     hyphenated word made only of stopwords ("year-on-year", "so-called")
//     is a stopword; so is a "-ly" adverb not capitalized mid-sentence
//     ("relatively", "rigorously"; by suffix, so "family" and "Italy"
//     stay).
//   - A candidate run is a maximal sequence of content words separated only
//     by whitespace without a line break. Stopwords, numbers, punctuation
//     (except inside a word), a line break and a possessive end it.
//     Exceptions, for names: "of" or "&" between two capitalized words
//     stays inside the run as a connector ("Bank of England", "Marks &
//     Spencer"); a capitalized "name word" (the generic stopwords that
//     start or end names: "New York", "Time Warner", "Financial Times",
//     "Formula One") stays inside it next to another capitalized word - at
//     a sentence start only before one, and never for number words there.
//   - Terms are the n-grams of a run with 1 to 3 words (connectors not
//     counted, at most 4 with them) that neither start nor end with a
//     connector, hold at least one content word and do not repeat a word
//     twice in a row ("widget widget").
// Case and "’" are folded for matching ("Interest Rates" is the term
// "interest rates"; utf8proc lowercases non-ASCII letters).
//
// Keys. Terms are looked up by a 64-bit hash of their folded words
// (KeywordTermKey), computed straight from the text without building the
// string; two different terms sharing a key is possible but negligible at
// the sizes involved.
//
// File format (UTF-8 TSV, written by Save, read by Load):
//   newsflow-keyword-background<TAB>1<TAB>documents=N<TAB>min_df=M
//   term<TAB>df
//   ...
// The header holds the format version (1), the number of documents counted
// and the pruning threshold (terms seen in fewer than M documents are not in
// the file). Terms are unique, df in 1..N; lines are sorted by df, then term.
//
// Thread-safety: a loaded KeywordBackground is immutable; its const methods
// may be called from any number of threads. KeywordBackgroundBuilder and
// KeywordTermScanner are not thread-safe (one per thread).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tagging/text_tokens.h"

namespace newsflow {

// One occurrence of a term in a scanned text.
struct KeywordTermOccurrence {
  uint64_t key = 0;  // KeywordTermKey of the term; never 0
  // Byte span [begin, end) in the scanned text, from the first character of
  // the first word to the last character of the last word.
  uint32_t begin = 0;
  uint32_t end = 0;
  uint8_t words = 0;            // content words, 1..3 (connectors not counted)
  bool capitalized = false;     // every content word starts with an upper-case letter
  bool sentence_start = false;  // first word starts a sentence or a line
  // The whole capitalized stretch of its run (a proper-name candidate, such
  // as "Bank of England" in "the Bank of England said"); multi-word only.
  // A stretch at a sentence start counts from its first and from its second
  // word.
  bool proper = false;
  // Its words, connectors included: `parts` words of the scanner from
  // `first_word` on (KeywordTermScanner::word_key and word_stem, valid until
  // the scanner's next Scan).
  uint8_t parts = 0;
  uint32_t first_word = 0;
};

// Whether the folded word is a stopword (ASCII lowercase, "'" apostrophes).
bool IsKeywordStopword(std::string_view folded_word);

// The key of a term given as folded words joined by single spaces (the form
// of the background file). Folding is applied again, so any case works.
uint64_t KeywordTermKey(std::string_view term);

// How a term key is built from the keys of its words (part_keys):
// key = CombineTermKey(...CombineTermKey(kTermKeySeed, w1)..., wn), 0 -> 1.
inline constexpr uint64_t kTermKeySeed = 0x6b65797068726173ULL;
uint64_t CombineTermKey(uint64_t key, uint64_t word_key);

// The folded form of the words in text[begin, end): lowercased, "’" as "'",
// each run of whitespace as one space.
std::string FoldKeywordTerm(std::string_view text, uint32_t begin, uint32_t end);

// Finds the term occurrences of a text (see the header comment). Reuses its
// buffers between calls; linear in the text.
class KeywordTermScanner {
 public:
  // Appends the occurrences in `text` to *out, in text order of their first
  // word, longer n-grams after shorter ones at the same position.
  void Scan(std::string_view text, std::vector<KeywordTermOccurrence>* out);

  // The key of word `i` of the last scanned text, and of its singular form
  // (a final "s" dropped: "rates" -> "rate"; the key itself otherwise), for
  // containment tests. `i` is an occurrence's first_word + k, k < parts.
  uint64_t word_key(size_t i) const { return words_[i].key; }
  uint64_t word_stem(size_t i) const { return words_[i].stem; }
  // Whether word `i` is a connector inside a name ("of", "&").
  bool word_connector(size_t i) const { return words_[i].connector; }

 private:
  struct Word {
    uint32_t begin = 0;
    uint32_t end = 0;
    uint64_t key = 0;
    uint64_t stem = 0;         // computed for words that can be part of a term
    bool content = false;      // a content word
    bool name_word = false;    // a name-word stopword ("New", "Times", "One")
    bool number_word = false;  // ... that is a number word ("One")
    bool connector = false;    // "of" / "&"
    bool usable = false;       // may be part of a run
    bool capitalized = false;
    bool sentence_start = false;
    bool breaks_after = false;  // a run cannot continue past it
  };
  void EmitRun(size_t first, size_t last, std::vector<KeywordTermOccurrence>* out);

  std::vector<Word> words_;
};

// Document frequencies of terms, loaded from a background file.
class KeywordBackground {
 public:
  static constexpr int kFormatVersion = 1;

  // Reads a background file. Returns nullptr and sets *error ("FILE: cannot
  // open", "FILE:LINE: <what is wrong>") on failure: a missing or bad header,
  // a line without exactly one tab, an empty term, a df that is not an
  // integer in 1..documents, a duplicate term.
  static std::unique_ptr<KeywordBackground> Load(const std::string& path, std::string* error);

  // Writes the file (format above). Only possible for a background that
  // still holds its terms' text: one built by KeywordBackgroundBuilder or
  // loaded; false and *error on an I/O failure.
  bool Save(const std::string& path, std::string* error) const;

  // Documents the statistics were computed on.
  uint32_t documents() const { return documents_; }
  // Terms in fewer documents were pruned: their df is unknown, below this.
  uint32_t min_df() const { return min_df_; }
  size_t size() const { return terms_.size(); }

  // Document frequency of a term; 0 when the term is not in the file.
  uint32_t DocumentFrequency(std::string_view term) const {
    return DocumentFrequencyOfKey(KeywordTermKey(term));
  }
  uint32_t DocumentFrequencyOfKey(uint64_t key) const;
  // Asks the CPU to load the slot DocumentFrequencyOfKey(key) reads first.
  void Prefetch(uint64_t key) const;

 private:
  friend class KeywordBackgroundBuilder;
  struct Term {
    std::string text;
    uint32_t df = 0;
  };
  // Adds a term (the table must have room: Reserve first). False if its key is taken.
  bool Insert(std::string text, uint64_t key, uint32_t df);
  void Reserve(size_t terms);

  uint32_t documents_ = 0;
  uint32_t min_df_ = 1;
  std::vector<Term> terms_;
  // Open addressing, power-of-two size, at most half full: key, df (0: empty).
  std::vector<std::pair<uint64_t, uint32_t>> table_;
};

// Counts the document frequency of every term in a corpus. Memory grows with
// the number of distinct terms seen (about 40 bytes each, a few million for
// a corpus of 25,000 news articles).
class KeywordBackgroundBuilder {
 public:
  // Terms seen in fewer than `min_df` (>= 1) documents will not be kept.
  explicit KeywordBackgroundBuilder(uint32_t min_df = 3);
  // Counts each term of `text` once.
  void AddDocument(std::string_view text);
  uint32_t documents() const { return documents_; }
  // Distinct terms seen so far.
  size_t distinct_terms() const { return count_; }
  // The terms seen in at least min_df documents.
  std::unique_ptr<KeywordBackground> Build() const;

 private:
  struct Entry {
    uint64_t key = 0;  // 0: empty slot
    uint32_t df = 0;
    uint32_t last_document = 0;  // 1-based document that last counted it
  };
  Entry* FindOrInsert(uint64_t key);

  KeywordTermScanner scanner_;
  std::vector<KeywordTermOccurrence> occurrences_;
  std::vector<Entry> table_;
  size_t count_ = 0;
  uint32_t documents_ = 0;
  uint32_t min_df_ = 3;
  // Text of the terms, recorded when they reach min_df documents (so rarer
  // terms cost no string): key, folded text.
  std::vector<std::pair<uint64_t, std::string>> names_;
};

}  // namespace newsflow
