// English named-entity tagger: IOB2 tags for the words of a document, with a
// NerModel (tagging/ner_model.h) over NerFeatureExtractor features.
//
// Decoding is exact first-order Viterbi per sentence under the IOB2
// constraint (I-X only after B-X or I-X), so output tags are always a valid
// IOB2 sequence. Sentences of a document must be tagged in order:
// BeginDocument, then TagSentence for each sentence (later sentences use the
// tags of earlier ones, see ner_features.h).
//
// Cost is linear in the number of words; a word is hashed at most a few
// times, so any input (huge tokens, other scripts) is safe. Word-type
// features are summed once per word type through the extractor's bounded
// word cache (NerFeatureExtractor::Score), with the same result as summing
// every feature. Words without capitals between two such words are O
// without being scored, unless pruning is turned off (the same tags on
// CoNLL valid.txt, see docs/NER.md).
//
// Thread-safety: a NerTagger holds per-document state: one per thread. The
// NerModel is shared read-only and must outlive its taggers.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "tagging/ner_features.h"
#include "tagging/ner_model.h"

namespace newsflow {

// Best IOB2-valid tag sequence for `emissions` (words * kNerTagCount scores,
// word-major) and `transitions` (kNerTransitionRows * kNerTagCount; row 0
// from the sentence start, row p + 1 from tag p). Ties go to the lower tag.
// Words i with only_o[i] != 0 can only be O; only_o is empty or holds one flag
// per word (else std::invalid_argument).
void NerViterbi(std::span<const float> emissions, std::span<const float> transitions,
                std::vector<uint8_t>* tags, std::span<const uint8_t> only_o = {});

// The transitions laid out for decoding, built once per tagger: padded to
// whole vector lanes, a transition the IOB2 constraint forbids (and every
// padding lane) is -infinity. start[t]: from the sentence start; from[p][t]:
// tag p to tag t; into[t][p] = from[p][t], for the way back.
struct NerDecodeTables {
  static constexpr int kLanes = (kNerTagCount + 3) / 4 * 4;
  explicit NerDecodeTables(std::span<const float> transitions);
  alignas(16) float start[kLanes];
  alignas(16) float from[kNerTagCount][kLanes];
  alignas(16) float into[kNerTagCount][kLanes];
};

class NerTagger {
 public:
  // With `prune_lowercase`, words without capitals between two such words
  // are O without being scored (NerFeatureExtractor::SetPruneLowercase).
  explicit NerTagger(const NerModel& model, bool prune_lowercase = true);

  void BeginDocument(std::span<const std::vector<std::string_view>> sentences);
  // Tags one sentence (the next one of the current document).
  void TagSentence(std::span<const std::string_view> words, std::vector<uint8_t>* tags);
  // Tags sentence `s` (the next one) of the sentences given to BeginDocument,
  // which must still be alive and unchanged: the same tags as
  // TagSentence(sentences[s]), reusing the word lookups of BeginDocument.
  void TagSentence(size_t s, std::vector<uint8_t>* tags);
  // BeginDocument, then TagSentence for every sentence.
  void TagDocument(std::span<const std::vector<std::string_view>> sentences,
                   std::vector<std::vector<uint8_t>>* tags);

 private:
  // Decodes the emission sums in sums_ into tags and records them.
  void DecodeScored(std::vector<uint8_t>* tags);

  const NerModel& model_;
  NerFeatureExtractor extractor_;
  std::vector<int32_t> sums_;
  std::vector<float> emissions_;
  std::vector<float> score_;  // Viterbi buffer
  NerDecodeTables tables_;
};

}  // namespace newsflow
