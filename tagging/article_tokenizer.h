// Splits cleaned article text into sentences of words for the named-entity
// tagger (tagging/ner_tagger.h), tokenized the way CoNLL-2003 (Penn
// treebank conventions) tokenized its Reuters text, so the model sees words
// like those it was trained on. Every word keeps its byte span in the text.
//
// Words (inside one whitespace-separated chunk):
//  - Punctuation is split off: "Israel," -> "Israel" ","; "(AP)" -> "(" "AP"
//    ")"; quotes, brackets, ; : ? ! % and currency signs ("$5" -> "$" "5")
//    are words of their own. Runs of '.', '-', '?', '!', '*' and '=' are one
//    word ("...", "--"), as are "``" and "''".
//  - Kept whole: numbers with ',' '.' ':' '/' between digits ("1,234.5",
//    "10:30", "1/2"); hyphenated words ("U.S.-based", "Jean-Paul": CoNLL
//    keeps them); letters joined by '.' ("U.S", "bbc.co.uk"), '&' ("AT&T"),
//    '/' ("and/or"), '@' and '_'; an apostrophe between letters
//    ("O'Brien"); "US$" "HK$" before a number; URLs starting "http://",
//    "https://" or "www." (minus trailing punctuation).
//  - A final '.' stays on abbreviations: dotted ones ("U.S.", "a.m.",
//    "Ph.D."), single capital initials ("J."), fixed lists of titles and
//    company and place abbreviations ("Mr.", "Inc.", "Calif."), and month
//    names and "No." before a number ("Jan. 4", "No. 10"; but "Ant and
//    Dec." ends a sentence), and a number of one or two digits opening a
//    paragraph ("1. Schumacher" in a ranking, as CoNLL has it). Elsewhere
//    it is its own word. Numbers written ".496" and "+44" are one word.
//  - Clitics are split: "Germany's" -> "Germany" "'s"; "don't" -> "do"
//    "n't"; "'re" "'ve" "'ll" "'m" "'d" likewise; "Jones'" -> "Jones" "'".
// Sentences end:
//  - at every paragraph break (two or more line breaks in one run of white
//    space, "\n\n" in normalized text; U+2029), and after
//    sentence_max_words words;
//  - after '.', '?', '!', "..." or U+2026 (with the closing quotes and
//    brackets written right after them), unless the next word starts with a
//    lowercase letter or is one of , ; :
//  - after another abbreviation ("U.S.", "Inc.", an initial "J.") only
//    when the next word is a common sentence opener ("The", "He", ...) or
//    at a paragraph break; its period then becomes a word of its own, as
//    CoNLL writes it ("Acme Inc." -> "Acme" "Inc" "."). Never after a
//    title ("Mr.", "Dr.") or "Jan." "No." before a number.
// A single line break inside a paragraph is ordinary white space.
//
// Word forms: what the tagger sees. Usually the bytes of the span; the
// typographic characters CoNLL never contains are given the ASCII form it
// uses instead: curly double quotes, guillemets and "``" "''" -> "\"",
// curly single quotes -> "'" (also inside words: "O’Brien" -> "O'Brien",
// "n’t" -> "n't"), em dash and horizontal bar -> "--", en and figure dashes
// and U+2212 minus -> "-", U+2026 -> "...", any currency sign -> "$".
//
// White space is ASCII white space and IsUnicodeSpace (cleaning/
// text_normalize.h). Input should be UTF-8; an invalid byte is a one-byte
// symbol word and never stops or crashes the tokenizer. Text of any script
// is accepted: letters (L*), numbers (N*) and marks (M*) form words, other
// symbols (emoji, ©) are words of one code point.
//
// Cost: linear in the text (each byte is looked at a bounded number of
// times; lookbehind and lookahead stay inside a word or its white space);
// no allocation per word (vectors are reused between calls, the sentence
// vectors keep their capacity). About 230-250 MB/s on BBC news text
// (BM_ArticleTokenizer in bench/tagging_bench.cc; 170 before chunks of
// ASCII letters and digits skipped the chunk scanner).
//
// Thread-safety: an ArticleTokenizer holds the results of the last call;
// use one per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "newsflow/article.h"

namespace newsflow {

struct ArticleTokenizerOptions {
  // A sentence is cut after this many words (keeps the tagger's work per
  // sentence bounded on text without sentence punctuation). >= 1.
  size_t sentence_max_words = 200;
};

class ArticleTokenizer {
 public:
  explicit ArticleTokenizer(ArticleTokenizerOptions options = {});

  // Tokenizes `text`, replacing the previous results. The results refer to
  // `text` (and to the tokenizer): keep both alive and unchanged while using
  // them.
  void Tokenize(std::string_view text);

  // Word forms of each sentence, in text order (the NerTagger input).
  std::span<const std::vector<std::string_view>> sentences() const {
    return {sentences_.data(), sentence_count_};
  }
  // Byte spans in the text of the words of sentence `s` (< sentence_count()),
  // parallel to sentences()[s].
  std::span<const TextSpan> spans(size_t s) const {
    return std::span<const TextSpan>(spans_).subspan(sentence_begin_[s], sentences_[s].size());
  }
  size_t sentence_count() const { return sentence_count_; }
  size_t word_count() const { return spans_.size(); }

 private:
  enum class Pending : uint8_t { kNone, kStrong, kWeak };

  void TokenizeChunk(size_t begin, size_t end);
  size_t ScanWord(size_t begin, size_t end, bool* needs_form);
  // Adds the word [begin, word_end) and its clitic or abbreviation period;
  // returns where the chunk continues.
  size_t EmitWord(size_t begin, size_t word_end, size_t chunk_end, bool needs_form);
  // Adds the word [begin, end) with tagger form `form`; `sets` is the
  // sentence-end state it leaves (after '.', an abbreviation, ...).
  void Add(size_t begin, size_t end, std::string_view form, Pending sets);
  std::string_view ArenaForm(size_t begin, size_t end);
  // The last word is an abbreviation ending the sentence: its period
  // becomes a word of its own.
  void SplitFinalPeriod();
  void EndSentence();

  ArticleTokenizerOptions options_;
  std::string_view text_;
  std::vector<std::vector<std::string_view>> sentences_;  // [0, sentence_count_) in use
  size_t sentence_count_ = 0;
  std::vector<TextSpan> spans_;
  std::vector<size_t> sentence_begin_;  // first index into spans_ of each sentence
  // Normalized word forms ("O'Brien" for "O’Brien"); reserved to the text's
  // size before the first append, never longer, so views stay valid.
  std::string arena_;
  Pending pending_ = Pending::kNone;
  size_t last_end_ = 0;          // end of the last word added
  bool paragraph_start_ = true;  // no word added since the last paragraph break
};

}  // namespace newsflow
