// Unsupervised key phrases of an English article: TF-IDF over candidate
// phrases, with document frequencies from a background corpus
// (tagging/keyword_background.h) and a bonus for early and title mentions.
//
// Candidates are the terms of tagging/keyword_background.h: 1 to 3 content
// words inside a run that no stopword, number, punctuation or line break
// interrupts ("interest rates", "Bank of England"; never "said", "Mr",
// "Monday", "copyright", "2004"). A multi-word candidate must also be a
// phrase, not an accident of adjacency: it occurs at least twice in the
// text, or in the title, or it is a whole capitalized stretch ("Mervyn
// King").
//
// Score of a candidate t (mentions in the text and in the title):
//   weight(t) = sum over text mentions of 1 + 1 / (1 + offset / 1000 bytes)
//             + 2 per title mention; halved for a single text mention and
//             none in the title
//   idf(t)    = ln((N + 1) / (df(t) + 1)), N background documents; an unknown
//               term counts as df = min_df - 1 (it was pruned or never seen)
//   score(t)  = weight(t) * idf(t)
// so a phrase is important when it is repeated, early or in the title, and
// rare in news in general.
//
// One phrase, once (word by word, plurals folded: "rate" matches "rates"):
//   - Absorption, before ranking: a multi-word phrase with 2+ mentions (or a
//     capitalized stretch) absorbs each shorter part of which it has at
//     least half the mentions: the part is not reported and the phrase
//     takes its score if higher ("Ossie Davis" ranks where "Davis" would
//     have). A part claimed by two phrases neither of which contains the
//     other ("Howard" in "Michael Howard" and "Sandra Howard") is dropped;
//     if one contains the other the longer one takes it.
//   - Then candidates are taken best first. One that contains a phrase
//     already taken is dropped ("Telegraph newspapers" after "Telegraph").
//     A part of a phrase taken is dropped when both are written as names
//     (mid-sentence mentions mostly capitalized: "Netanyahu" after
//     "Benjamin Netanyahu"), kept otherwise (the
//     common word was not absorbed, so the article also uses it on its
//     own: "film" after "Film Festival"). Two names where the end of one
//     is the start of the other are one name ("BBC Radio
//     Five", "Radio Five Live"). The same words in another number ("rate"
//     after "rates") are merged: their mentions are added.
//
// Output (newsflow::KeywordTag): the phrase in its most frequent written
// form in the text, where a form seen only at sentence starts loses to any
// other (a capital letter there says nothing: "Bank of England" stays
// capitalized, "interest rates" is lowercase); the score divided by the best
// score (the first keyword has 1.0); the byte spans of its mentions in
// `text`, in text order (a name also gets the mentions of the parts it
// absorbed: "Davis" for "Ossie Davis"). Only phrases mentioned in the text
// are reported; the title only adds weight.
//
// Cost: linear in the input (one tokenization pass, hash lookups, a partial
// sort of the candidates); no allocation per word once the buffers have
// grown. Any UTF-8 (or invalid bytes) is accepted; non-Latin scripts simply
// yield few candidates.
//
// Thread-safety: an extractor keeps scratch buffers, so use one per thread;
// the background is shared, immutable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "newsflow/article.h"
#include "tagging/keyword_background.h"

namespace newsflow {

// Only the first this many bytes of a text are scanned (cut at a space or
// line break): a news article's key phrases are settled long before, and it
// bounds the extractor's time and memory (its buffers grow with the text
// and are kept for the next article) on texts of many megabytes.
inline constexpr size_t kMaxKeywordTextBytes = 256 * 1024;

class KeywordExtractor {
 public:
  // `background` must not be null.
  explicit KeywordExtractor(std::shared_ptr<const KeywordBackground> background);

  // Replaces *out with at most `max_keywords` key phrases of the article,
  // best first; none for an empty text or max_keywords <= 0. Only the first
  // kMaxKeywordTextBytes of `text` are read.
  void Extract(std::string_view title, std::string_view text, int max_keywords,
               std::vector<KeywordTag>* out);

 private:
  struct Candidate {
    uint64_t key = 0;
    uint32_t first = 0;  // first text occurrence (index into text_occurrences_)
    uint32_t last = 0;   // last text occurrence
    uint32_t text_mentions = 0;
    uint32_t title_mentions = 0;
    double weight = 0;
    double score = 0;
    bool proper = false;
    // Written as a name: mid-sentence mentions mostly capitalized (or only
    // sentence-initial ones, capitalized).
    bool name = false;
    uint32_t capitalized_mentions = 0;  // mid-sentence
    uint32_t lowercase_mentions = 0;    // mid-sentence
    bool eligible = false;
    // The phrase that absorbed this sub-term (index), -1 if none, -2 if
    // several unrelated phrases hold it.
    int32_t absorbed_by = -1;
    int32_t merged_into = -1;  // a plural variant of this candidate index, merged into it
  };
  int32_t Find(uint64_t key) const;
  int32_t FindOrAdd(const KeywordTermOccurrence& occ, uint32_t index);
  void Score();
  void Absorb();
  void Select(size_t max_keywords);
  // b's words are a's words from word `start` on (plurals folded).
  bool WordsMatchAt(const Candidate& a, const Candidate& b, size_t start) const;
  // Contiguous word-by-word containment of b in a (plurals folded).
  bool Contains(const Candidate& a, const Candidate& b) const;
  bool SameWords(const Candidate& a, const Candidate& b) const;
  // The end of one is the start of the other, word by word.
  bool Overlaps(const Candidate& a, const Candidate& b) const;
  void Emit(std::string_view text, std::vector<KeywordTag>* out);
  // Whether the candidate's words hold a connector ("Bank of England").
  bool Connected(const Candidate& c) const;
  // Whether the text occurrence lies inside a multi-word capitalized
  // stretch (another name: the "Varga" of "Varga Shipping").
  bool InsideName(const KeywordTermOccurrence& occ) const;

  std::shared_ptr<const KeywordBackground> background_;
  KeywordTermScanner scanner_;  // of the text: its words stay valid until the next call
  KeywordTermScanner title_scanner_;
  std::vector<KeywordTermOccurrence> text_occurrences_;
  std::vector<KeywordTermOccurrence> title_occurrences_;
  std::vector<uint32_t> next_;  // next text occurrence of the same candidate; ~0u at the end
  std::vector<Candidate> candidates_;
  // Open addressing over candidate keys: key, candidate index + 1 (0: empty).
  std::vector<std::pair<uint64_t, uint32_t>> table_;
  struct Ranked {  // a candidate in the ranking, its sort keys inline
    double score = 0;
    uint32_t first = 0;
    uint32_t index = 0;
  };
  std::vector<Ranked> order_;       // eligible candidates, best first after Select
  std::vector<uint32_t> selected_;  // chosen candidates, output order
  std::vector<uint32_t> merged_;    // candidates merged into a selected one (merged_into)
  std::vector<uint32_t> absorbed_;  // candidates with absorbed_by >= 0
  std::vector<TextSpan> spans_;     // scratch for one keyword's mentions
  std::vector<TextSpan> names_;     // multi-word capitalized stretches, text order
  std::vector<double> idf_cache_;   // by df; < 0 until computed
};

}  // namespace newsflow
