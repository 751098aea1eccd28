// Weights of the named-entity tagger: one int16 weight per (feature bucket,
// tag) plus tag-transition weights, all scaled by one float.
//
// File format (little-endian), version 2:
//   8 bytes   magic "NFNER\x01\r\n"
//   u32       format version (kNerModelFormatVersion)
//   u32       feature version (kNerFeatureVersion of the extractor that trained it)
//   u32       hash bits (buckets = 2^bits)
//   u32       tag count (9)
//   f32       scale: weight = stored int16 * scale
//   i16[10*9] transitions: row 0 from the sentence start, row p+1 from tag p
//   u32       number of non-zero buckets N
//   N times   u32 bucket (strictly increasing), i16[9] weights
//   lexicon   NerLexicon::Serialize (tagging/ner_lexicon.h); may be empty
//   gazetteer NerGazetteer::Serialize (tagging/ner_lexicon.h); may be empty
//   knowledge NerKnowledge::Serialize (tagging/ner_knowledge.h); may be empty
//   u64       XXH64 (seed 0) of every byte before it
// Load rejects anything else (bad magic, other versions, truncation, a
// checksum mismatch, buckets out of order or range) with an error that says
// which; a loaded model is immutable.
//
// Thread-safety: const methods may be called from any number of threads.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tagging/ner_features.h"
#include "tagging/ner_knowledge.h"
#include "tagging/ner_lexicon.h"
#include "tagging/ner_weight_table.h"

namespace newsflow {

inline constexpr uint32_t kNerModelFormatVersion = 2;
inline constexpr int kNerTransitionRows = kNerTagCount + 1;

class NerModel {
 public:
  NerModel() = default;

  // Quantizes float weights (buckets * kNerTagCount, bucket-major) and
  // transitions (kNerTransitionRows * kNerTagCount) into a model.
  static NerModel FromFloat(uint32_t hash_bits, std::span<const float> weights,
                            std::span<const float> transitions, NerLexicon lexicon,
                            NerGazetteer gazetteer, NerKnowledge knowledge = {});

  // False with *error set when `bytes` is not a valid model file.
  static bool Parse(std::string_view bytes, NerModel* model, std::string* error);
  // Parse() of a file's contents; the error names the path.
  static bool LoadFile(const std::string& path, NerModel* model, std::string* error);

  std::string Serialize() const;
  bool SaveFile(const std::string& path, std::string* error) const;

  bool empty() const { return weights_.empty(); }
  uint32_t hash_bits() const { return hash_bits_; }
  float scale() const { return scale_; }
  // The weights: NerWeightTable::Row(bucket) gives a bucket's kNerTagCount
  // weights (all zero when the model has none for it).
  const NerWeightTable& weights() const { return weights_; }
  // Row 0: from the sentence start; row p + 1: from tag p.
  int16_t transition(int row, int tag) const { return transitions_[row * kNerTagCount + tag]; }
  size_t nonzero_buckets() const { return weights_.rows(); }
  // Word classes from unlabelled text; empty when trained without.
  const NerLexicon& lexicon() const { return lexicon_; }
  // Entity names of the training data; empty when trained without.
  const NerGazetteer& gazetteer() const { return gazetteer_; }
  // Dictionary words and names from outside the training data; empty when
  // trained without.
  const NerKnowledge& knowledge() const { return knowledge_; }

 private:
  uint32_t hash_bits_ = 0;
  float scale_ = 1.0f;
  NerWeightTable weights_;
  std::vector<int16_t> transitions_;
  NerLexicon lexicon_;
  NerGazetteer gazetteer_;
  NerKnowledge knowledge_;
};

}  // namespace newsflow
