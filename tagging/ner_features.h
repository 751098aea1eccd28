// Features of the English named-entity tagger (tagging/ner_tagger.h).
//
// Tags are IOB2 over four types, as in CoNLL-2003: O, B-PER, I-PER, B-ORG,
// I-ORG, B-LOC, I-LOC, B-MISC, I-MISC (NerTag values 0..8).
//
// Only the words are used (no part-of-speech or chunk columns): lowercased
// word and its neighbours within two, word bigrams, word shapes ("Xxxx",
// "XX", "dd-dd"), prefixes and suffixes of 1-4 bytes, and four kinds of
// document-level evidence:
//  - case elsewhere: whether the same word (lowercased) appears capitalized
//    or lowercase in the middle of a mixed-case sentence of the document
//    (resolves all-capitals headlines and sentence-initial words);
//  - whether the sentence is all capitals (a headline);
//  - prediction history: the entity type most often predicted so far in the
//    document for the same word, and for its neighbours (RecordTags);
//  - context aggregation (Ratinov and Roth 2009): a capitalized word that
//    is capitalized at least twice in the document sees the words one and
//    two places before and after all its capitalized occurrences, later
//    ones included (the first four distinct at each place; "Pirelli" in a
//    headline sees the "shares of" of "shares of Pirelli" further down).
//    Score() sums their weights once per document and word.
// Runs of capitalized words give each of their words the run's length, the
// word's place in it, the run's first and last words and the words around
// it. With a lexicon (tagging/ner_lexicon.h): the word's distributional
// clusters at three granularities, its neighbours' clusters and its
// capitalization prior from unlabelled text. With outside knowledge
// (tagging/ner_knowledge.h): the letter cases the word and its neighbours
// have in a dictionary, whether they are listed given or family names,
// and the longest known place, country, demonym or language name starting
// at a capitalized word (its sources, the word's place in it, its length).
// Each feature is hashed (xxHash) into one of 2^hash_bits buckets; the model
// holds one weight per bucket and tag. Changing what a feature means changes
// kNerFeatureVersion, which model files record.
//
// Tagging fast path (Score): with a fixed weight table, most features are
// properties of a word type (its lowercase form, shape, affixes, clusters) or
// of a word at a fixed place (-2..+2) around the token. The extractor keeps a
// bounded cache from the exact word to those features' summed weights (one
// sum for the word itself, one per relative place), so per token only the
// contextual features (bigrams, shape n-grams, document evidence, prediction
// history, capitalized runs, gazetteer and knowledge names) are hashed and
// looked up. The name searches take the first word's bits from its cache
// entry too. Weights are integers, so the sums equal Extract()'s feature set
// summed in any order.
// The cache holds at most `cache_entries` words and is emptied when full;
// words longer than kNerMaxCachedWordBytes are never cached. Memory latency
// dominates: a sentence's words are hashed first and their cache slots and
// entries prefetched, and the weight rows of the contextual features are
// prefetched a block of words ahead of summing.
//
// Thread-safety: an extractor holds per-document state and its cache; use one
// per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tagging/ner_knowledge.h"
#include "tagging/ner_lexicon.h"
#include "tagging/ner_weight_table.h"

namespace newsflow {

inline constexpr int kNerTagCount = 9;
static_assert(NerWeightTable::kRowSize == kNerTagCount);
inline constexpr int kNerTypeCount = 4;
inline constexpr uint32_t kNerFeatureVersion = 4;
// Word cache of the tagging fast path (NerFeatureExtractor::Score).
inline constexpr size_t kNerDefaultWordCacheEntries = 65536;
inline constexpr size_t kNerMaxCachedWordBytes = 32;
// Score() sums of a pruned word (SetPruneLowercase): 0 for O, this for
// every other tag.
inline constexpr int32_t kNerPrunedSum = -(1 << 30);

// "O", "B-PER", ... for tag 0..8.
std::string_view NerTagName(int tag);
// The tag named `name`, or nullopt.
std::optional<int> NerTagFromName(std::string_view name);
// 0 for O, 1..4 for PER, ORG, LOC, MISC.
constexpr int NerTagType(int tag) { return tag == 0 ? 0 : (tag + 1) / 2; }
constexpr bool NerTagIsInside(int tag) { return tag > 0 && tag % 2 == 0; }
// IOB2: I-X may only follow B-X or I-X; nothing constrains B-X or O.
constexpr bool NerTransitionAllowed(int previous_tag_or_minus1, int tag) {
  if (!NerTagIsInside(tag)) return true;
  return previous_tag_or_minus1 > 0 && NerTagType(previous_tag_or_minus1) == NerTagType(tag);
}

// Lowercase (Unicode simple case mapping through utf8proc; ASCII fast path).
// Invalid UTF-8 bytes are copied unchanged.
void NerLowercase(std::string_view word, std::string* out);
// Word shape: uppercase letter X, lowercase letter x, other letter l, digit d,
// ASCII punctuation kept, anything else '~'. `max_run` caps each run of the
// same class (1 gives the short shape "Xx", 4 gives "Xxxxx" -> "Xxxx"); at
// most 24 characters are produced.
void NerWordShape(std::string_view word, int max_run, std::string* out);

// Letter case of a word: 0 no cased letters, 1 starts lowercase, 2
// capitalized, 3 all capitals (two or more letters).
uint8_t NerCaseClass(std::string_view word);
// Whether `word` has an uppercase letter anywhere ("post-Soviet": yes).
bool NerHasUpper(std::string_view word);
// The hash under which features and the lexicon know a lowercase word.
uint64_t NerWordHash(std::string_view lowercase);
// True when no word of the sentence has a lowercase letter after its first
// one and some word is capitalized (an all-capitals headline).
bool NerIsHeadline(std::span<const std::string_view> words);

struct NerSentenceFeatures {
  std::vector<uint32_t> ids;      // bucket ids of all tokens, concatenated
  std::vector<uint32_t> offsets;  // token i owns ids[offsets[i], offsets[i+1])
};

class NerFeatureExtractor {
 public:
  // `lexicon` (null or empty: no word-class features) must outlive the
  // extractor.
  // `cache_entries` bounds the word cache of Score() (1 to 2^20).
  NerFeatureExtractor(uint32_t hash_bits, const NerLexicon* lexicon,
                      size_t cache_entries = kNerDefaultWordCacheEntries);

  // Starts a document: gathers the case of every word in every sentence and
  // clears the prediction history.
  void BeginDocument(std::span<const std::vector<std::string_view>> sentences);

  // Features of each word of one sentence of the current document.
  void Extract(std::span<const std::string_view> words, NerSentenceFeatures* out);

  // The weight table of Score() (NerModel::weights(), of 2^hash_bits()
  // buckets). It must outlive the extractor's use of it and not change
  // while set; setting another table empties the cache. Null turns the
  // cache off.
  void SetWeights(const NerWeightTable* weights);

  // Emission scores of each word of one sentence of the current document
  // (SetWeights first): (*out)[i * kNerTagCount + t] = sum over the features
  // Extract() gives word i of weights[bucket * kNerTagCount + t].
  void Score(std::span<const std::string_view> words, std::vector<int32_t>* out);
  // Score() of sentence `s` of the document given to BeginDocument, whose
  // sentences must still be alive and unchanged: the same sums, reusing the
  // word lookups BeginDocument made (unless the cache was emptied since).
  void ScoreDocumentSentence(size_t s, std::vector<int32_t>* out);
  // With pruning on, Score() skips the words that hold no uppercase letter,
  // have none in either neighbour and no entity type in their prediction
  // history: they can only be O (pruned_words()), and their sums are 0 for O
  // and kNerPrunedSum for the other tags. Off by default (Score() then gives
  // exactly the sums of Extract()'s features).
  void SetPruneLowercase(bool prune) { prune_lowercase_ = prune; }
  // 1 for each word of the last Score() call that was pruned, else 0.
  std::span<const uint8_t> pruned_words() const { return {pruned_.data(), scored_words_}; }
  // Sentence `s` of the document given to BeginDocument.
  std::span<const std::string_view> document_sentence(size_t s) const { return doc_sentences_[s]; }

  // Words currently in the Score() cache (for tests and tuning).
  size_t cached_words() const { return entries_.size(); }
  // Times the Score() cache was emptied because it was full.
  size_t cache_clears() const { return cache_clears_; }

  // Records the tags decided for a sentence just extracted or scored, for the
  // prediction-history features of later sentences.
  void RecordTags(std::span<const std::string_view> words, std::span<const uint8_t> tags);
  // RecordTags for the words of the last Score() call, reusing what it
  // computed; does nothing unless Score() was the last call (no Extract or
  // BeginDocument since).
  void RecordScoredTags(std::span<const uint8_t> tags);

  // Entity names (null or empty: no gazetteer features) for the documents
  // that follow; must outlive its use.
  // Setting another one empties the Score() cache.
  void SetGazetteer(const NerGazetteer* gazetteer);

  // Dictionary words and names from outside the training data (null or
  // empty: no knowledge features); must outlive its use. Setting another one
  // empties the Score() cache.
  void SetKnowledge(const NerKnowledge* knowledge);

  uint32_t hash_bits() const { return hash_bits_; }

 private:
  struct TokenInfo {
    uint64_t lower = 0;  // hashes
    uint64_t exact = 0;
    uint64_t short_shape = 0;
    uint64_t long_shape = 0;
    uint8_t case_class = 0;  // 0 no letters, 1 lowercase-initial, 2 capitalized, 3 all capitals
    uint8_t doc_case = 0;    // bit 0: seen capitalized mid-sentence; bit 1: seen lowercase
    uint8_t history = 0;     // 0 none, 1 O, 2..5 PER..MISC: most predicted so far
    bool no_upper = false;   // !NerHasUpper (sentence boundaries: true)
    uint16_t clusters[kNerClusterLevels] = {};  // kNoCluster when unknown
    uint8_t caps = 0;                           // NerWordClass::caps
    uint8_t gazetteer = 0;                      // type bits | B (0) or I (0x10) | length 1-4 << 5
    uint8_t dict = 0;                           // NerKnowledge::FindWord case bits
    uint8_t name_first = 0;                     // NerKnowledge::FindName bits of the word alone
    uint8_t gazetteer_first = 0;                // NerGazetteer::Find bits of the word alone
    uint8_t person = 0;      // NerKnowledge::FindWord person-name bits >> 3: 1 given, 2 family
    uint16_t name = 0;       // knowledge name: sources | I (0x80) | length 1-4 << 8; 0 none
    uint64_t name_key = 0;   // NerNameWordHash
    uint32_t run_begin = 0;  // the run of capitalized words holding this one
    uint32_t run_end = 0;    // (words [run_begin, run_end); empty if none)
  };
  // Document state of a lowercase word. With its key, two aligned cache
  // lines; what every token reads (AddContext) is in the first.
  static constexpr size_t kDocContexts = 4;
  // The places of the document contexts: the words at -1, +1, -2, +2.
  static constexpr int kDocContextOffsets[] = {-1, 1, -2, 2};
  static constexpr size_t kDocContextPlaces = std::size(kDocContextOffsets);
  struct DocWord {
    uint16_t counts[kNerTypeCount + 1] = {};  // predicted types so far, at most 65535
    uint8_t doc_case = 0;                     // TokenInfo::doc_case
    bool recorded = false;                    // has tags from RecordTags
    bool used = false;                        // a word's slot (DocEntry), not an empty one
    uint8_t capitalized = 0;                  // capitalized occurrences, at most 255
    uint8_t context_count[kDocContextPlaces] = {};
    // Score(): where the summed weights of its context features start in
    // doc_context_sums_ (SumDocContexts), when has_contexts().
    uint32_t context_sums = 0;
    // The words at each place around its capitalized occurrences in the
    // document (the low halves of their lowercase hashes), the first
    // kDocContexts distinct ones per place.
    uint32_t context[kDocContextPlaces][kDocContexts] = {};
    // Whether capitalized occurrences give it context features.
    bool has_contexts() const { return capitalized >= 2; }
  };
  struct alignas(64) DocEntry {
    uint64_t lower = 0;  // lowercase hash
    DocWord word;
  };
  static_assert(sizeof(DocEntry) == 128 && offsetof(DocEntry, word.context) <= 64);
  // Feature(type, a) of the pair features whose first value a is this
  // word's lowercase or short shape (as the word before the one scored, or
  // as the one scored): Score() hashes only the second value.
  struct PairStarts {
    uint64_t bigram_m1 = 0;
    uint64_t bigram_p1 = 0;
    uint64_t shape_bigram_m1 = 0;
    uint64_t shape_bigram_p1 = 0;
    uint64_t shape_trigram = 0;  // Feature(0, short shape): the trigram's inner pair
    uint64_t lower_m1_shape0 = 0;
    uint64_t shape0_lower_p1 = 0;
    uint64_t doc_case_shape = 0;
  };
  // A word type in the Score() cache: its intrinsic TokenInfo fields, the
  // summed weights of its word-type features and its PairStarts.
  // Cache-line aligned, with the word and its hash (info.exact) in the
  // first line: a lookup compares them with one miss, not two.
  struct alignas(64) WordEntry {
    uint8_t key_size = 0;
    char key[kNerMaxCachedWordBytes];
    TokenInfo info;                    // lower .. caps set; document fields unset
    int32_t self_base[kNerTagCount];   // bias and features of the word alone
    int32_t self_plain[kNerTagCount];  // self_base + first/headline features, both off
    int32_t at[4][kNerTagCount];       // as word -2, -1, +1, +2 of the token scored
    PairStarts pairs;
  };

  uint32_t Bucket(uint64_t hash) const { return static_cast<uint32_t>(hash >> (64 - hash_bits_)); }
  uint64_t LowerHash(std::string_view word);
  // Intrinsic TokenInfo fields of `word` (leaves its lowercase in lower_).
  void WordInfo(std::string_view word, uint64_t exact_hash, TokenInfo* t);
  void AddWeights(int32_t* sum, uint64_t feature_hash) const;
  void FillEntry(std::string_view word, uint64_t exact_hash, WordEntry* e);
  // The entry's sums as a neighbour (at) and its PairStarts.
  void FillPlaces(WordEntry* e) const;
  // The cache entry of `word` (`hash` = Hash(word)), inserting it; when the
  // word is too long or the cache is full and `may_clear` is false, an entry
  // appended to uncached_.
  const WordEntry* Lookup(std::string_view word, uint64_t hash, bool may_clear);
  // Sets word_hashes_ to the hashes of `words` and prefetches their cache
  // slots, then their entries.
  void HashAndPrefetch(std::span<const std::string_view> words);
  // Asks the CPU to load every cache line of a cache entry.
  static void PrefetchEntry(const WordEntry& e);
  // Score() with the cache entries of the words given (`known`: entries_
  // index + 1 of each word, all non-zero) or looked up (null).
  void ScoreWords(std::span<const std::string_view> words, const uint32_t* known, bool headline,
                  std::vector<int32_t>* out);
  void ClearCache();
  // ClearCache, and the sentence-boundary entries refilled (SetWeights,
  // SetGazetteer, SetKnowledge).
  void ResetWordCache();
  // Fills the tables of the small-domain contextual features (SetWeights).
  void FillStateSums();
  void Record(uint64_t lower, uint8_t tag);
  // The document state of a lowercase hash: Find gives null when absent,
  // Add creates it.
  DocWord* FindDocWord(uint64_t lower);
  DocWord& AddDocWord(uint64_t lower);
  void ClearDocWords();
  // tokens_ with two sentinels on each side of n words, whose intrinsic
  // fields are set: adds the document fields, runs and gazetteer names.
  void AddContext(size_t n);
  // Records the document case evidence and the neighbours of the
  // capitalized words of one sentence of the document (lowercase hashes and
  // case classes of its words).
  void AddDocSentence(std::span<const uint64_t> lower, std::span<const uint8_t> cases,
                      bool headline);
  // Whether word k of the sentence in tokens_ has document-context
  // features: capitalized, and capitalized elsewhere in the document too.
  bool HasDocContexts(size_t k) const;
  // Its document-context features: the words before and after its
  // capitalized occurrences in the document.
  template <typename Add>
  static void AddDocContextFeatures(const DocWord& word, Add& add);
  // Score(): their summed weights, once per document and word, for all
  // words (BeginDocument and SetWeights).
  void SumDocContexts();

  uint32_t hash_bits_;
  const NerLexicon* lexicon_;
  const NerGazetteer* gazetteer_ = nullptr;
  const NerKnowledge* knowledge_ = nullptr;
  std::string name_scratch_;
  // Document words: open addressing by lowercase hash (a hash already), the
  // entries in the slots, at most half full; cleared through the list of
  // used slots, so a small document after a huge one costs little.
  std::vector<DocEntry> doc_slots_;
  std::vector<uint32_t> doc_used_;  // indices of the used slots
  std::vector<TokenInfo> tokens_;
  std::vector<DocWord*> token_doc_words_;         // of tokens_[k + 2] (AddContext), or null
  std::vector<int32_t> doc_context_sums_;         // kNerTagCount per word with contexts
  std::vector<const int16_t*> doc_context_rows_;  // SumDocContexts scratch
  std::vector<uint64_t> sentence_lower_;          // BeginDocument scratch
  std::vector<uint8_t> sentence_cases_;
  std::string lower_;
  std::string shape_;
  // Score() state.
  size_t cache_capacity_;
  const NerWeightTable* weights_ = nullptr;
  std::vector<WordEntry> entries_;  // reserved to cache_capacity_: never reallocates
  std::vector<uint32_t> slots_;     // open addressing by exact hash: entry index + 1, 0 empty
  std::vector<WordEntry> uncached_;
  std::vector<const WordEntry*> sentence_;
  std::vector<uint64_t> word_hashes_;
  // The document of BeginDocument (with SetWeights): its sentences, the
  // cache entry of each word (entries_ index + 1; 0: not cached), where each
  // sentence's words begin in it, and its headline flags. The entries from
  // doc_valid_from_ on stay valid while the cache is not emptied
  // (cache_generation_ == doc_cache_generation_).
  std::span<const std::vector<std::string_view>> doc_sentences_;
  std::vector<uint32_t> doc_word_entries_;
  std::vector<size_t> doc_sentence_begin_;
  std::vector<uint8_t> doc_headline_;
  size_t doc_valid_from_ = 0;
  uint64_t doc_cache_generation_ = 0;
  size_t scored_words_ = 0;  // words of the last Score(), for RecordScoredTags
  bool prune_lowercase_ = false;
  std::vector<uint8_t> pruned_;               // of the last Score(), scored_words_ of them
  std::vector<const int16_t*> context_rows_;  // non-zero weight rows of the contextual features
  std::vector<uint32_t> context_offsets_;
  WordEntry start_;
  WordEntry end_;
  // Summed weights of the contextual features whose values come from a few
  // small fields (prediction history, case, document case, sentence start,
  // headline), for every combination of those fields: one lookup per token
  // instead of hashing each feature. state_sums_ is indexed by StateIndex;
  // history_m1_/p1_ by the neighbour's history (0..5).
  static constexpr int kHistoryValues = kNerTypeCount + 2;
  static constexpr size_t kStateCombinations = kHistoryValues * 4 * 2 * 2 * 4;
  std::vector<int32_t> state_sums_;
  int32_t history_m1_[kHistoryValues][kNerTagCount] = {};
  int32_t history_p1_[kHistoryValues][kNerTagCount] = {};
  size_t cache_clears_ = 0;
  uint64_t cache_generation_ = 0;  // times the cache was emptied, for any reason
};

}  // namespace newsflow
