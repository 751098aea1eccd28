// Features of the English named-entity tagger (tagging/ner_tagger.h).
//
// Tags are IOB2 over four types, as in CoNLL-2003: O, B-PER, I-PER, B-ORG,
// I-ORG, B-LOC, I-LOC, B-MISC, I-MISC (NerTag values 0..8).
//
// Only the words are used (no part-of-speech or chunk columns): lowercased
// word and its neighbours within two, word bigrams, word shapes ("Xxxx",
// "XX", "dd-dd"), prefixes and suffixes of 1-4 bytes, and three kinds of
// document-level evidence:
//  - case elsewhere: whether the same word (lowercased) appears capitalized
//    or lowercase in the middle of a mixed-case sentence of the document
//    (resolves all-capitals headlines and sentence-initial words);
//  - whether the sentence is all capitals (a headline);
//  - prediction history: the entity type most often predicted so far in the
//    document for the same word, and for its neighbours (RecordTags).
// Runs of capitalized words give each of their words the run's length, the
// word's place in it, the run's first and last words and the words around
// it. With a lexicon (tagging/ner_lexicon.h): the word's distributional
// clusters at three granularities, its neighbours' clusters and its
// capitalization prior from unlabelled text.
// Each feature is hashed (xxHash) into one of 2^hash_bits buckets; the model
// holds one weight per bucket and tag. Changing what a feature means changes
// kNerFeatureVersion, which model files record.
//
// Thread-safety: an extractor holds per-document state; use one per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tagging/ner_lexicon.h"

namespace newsflow {

inline constexpr int kNerTagCount = 9;
inline constexpr int kNerTypeCount = 4;
inline constexpr uint32_t kNerFeatureVersion = 1;

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
  NerFeatureExtractor(uint32_t hash_bits, const NerLexicon* lexicon);

  // Starts a document: gathers the case of every word in every sentence and
  // clears the prediction history.
  void BeginDocument(std::span<const std::vector<std::string_view>> sentences);

  // Features of each word of one sentence of the current document.
  void Extract(std::span<const std::string_view> words, NerSentenceFeatures* out);

  // Records the tags decided for a sentence just extracted, for the
  // prediction-history features of later sentences.
  void RecordTags(std::span<const std::string_view> words, std::span<const uint8_t> tags);

  // Entity names (null or empty: no gazetteer features) for the documents
  // that follow; must outlive its use.
  void SetGazetteer(const NerGazetteer* gazetteer) {
    gazetteer_ = gazetteer != nullptr && gazetteer->size() > 0 ? gazetteer : nullptr;
  }

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
    uint16_t clusters[kNerClusterLevels] = {};  // kNoCluster when unknown
    uint8_t caps = 0;                           // NerWordClass::caps
    uint8_t gazetteer = 0;                      // type bits | B (0) or I (0x10) | length 1-4 << 5
    uint32_t run_begin = 0;                     // the run of capitalized words holding this one
    uint32_t run_end = 0;                       // (words [run_begin, run_end); empty if none)
  };
  struct History {
    uint32_t counts[kNerTypeCount + 1] = {};
  };

  uint32_t Bucket(uint64_t hash) const { return static_cast<uint32_t>(hash >> (64 - hash_bits_)); }
  uint64_t LowerHash(std::string_view word);

  uint32_t hash_bits_;
  const NerLexicon* lexicon_;
  const NerGazetteer* gazetteer_ = nullptr;
  std::unordered_map<uint64_t, uint8_t> doc_case_;
  std::unordered_map<uint64_t, History> history_;
  std::vector<TokenInfo> tokens_;
  std::string lower_;
  std::string shape_;
};

}  // namespace newsflow
