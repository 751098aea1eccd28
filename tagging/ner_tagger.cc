#include "tagging/ner_tagger.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace newsflow {

namespace {

// Lanes of a Viterbi step: the kNerTagCount tags padded to whole vectors.
using Lane4f = float __attribute__((vector_size(16)));
constexpr int kLanes = NerDecodeTables::kLanes;
constexpr int kLaneVectors = kLanes / 4;
static_assert(kLaneVectors == 3, "Viterbi keeps three vectors in registers");

// NerViterbi with a caller-owned buffer (no allocation once it is large
// enough). The forward pass keeps only the best score of every tag at every
// word, for all tags at once (vector lanes); a transition the IOB2
// constraint forbids is -infinity and never wins. The best predecessor is
// found again only along the best path, scanning predecessors in increasing
// order with a strict comparison over the same float sums, so ties go to the
// lower tag as in a scalar loop that keeps back-pointers, and the tags are
// the same.
//
// A word that can only be O (only_o) keeps only the O lane, from one scalar
// maximum, or from O alone after another such word; on the way back its
// predecessor of an only-O word is O.
void Viterbi(std::span<const float> emissions, const NerDecodeTables& tables,
             std::span<const uint8_t> only_o, std::vector<uint8_t>* tags,
             std::vector<float>* score_buffer) {
  constexpr int T = kNerTagCount;
  const size_t n = emissions.size() / T;
  tags->assign(n, 0);
  if (n == 0) return;
  constexpr float kNever = -std::numeric_limits<float>::infinity();
  const auto& from = tables.from;
  const auto& into = tables.into;
  if (score_buffer->size() < n * kLanes) score_buffer->resize(n * kLanes);
  float* score = score_buffer->data();
  const bool any_only_o = !only_o.empty();
  for (int t = 0; t < kLanes; ++t) {
    score[t] = t < T && (t == 0 || !any_only_o || only_o[0] == 0) ? emissions[t] + tables.start[t]
                                                                  : kNever;
  }
  for (size_t i = 1; i < n; ++i) {
    const float* prev = &score[(i - 1) * kLanes];
    if (any_only_o && only_o[i] != 0) {
      float best_o = prev[0] + from[0][0];
      if (only_o[i - 1] == 0) {
        for (int p = 1; p < T; ++p) best_o = std::max(best_o, prev[p] + from[p][0]);
      }
      float* out = &score[i * kLanes];
      out[0] = best_o + emissions[i * T];
      // The other lanes are read only by a word that is not only-O, and by
      // the choice of the last tag.
      if (i + 1 == n || only_o[i + 1] == 0) std::fill(out + 1, out + kLanes, kNever);
      continue;
    }
    Lane4f best0 = Lane4f{} + kNever, best1 = best0, best2 = best0;
    for (int p = 0; p < T; ++p) {
      const Lane4f prev_p = Lane4f{} + prev[p];
      Lane4f from0, from1, from2;
      std::memcpy(&from0, &from[p][0], sizeof from0);
      std::memcpy(&from1, &from[p][4], sizeof from1);
      std::memcpy(&from2, &from[p][8], sizeof from2);
      const Lane4f s0 = prev_p + from0;
      const Lane4f s1 = prev_p + from1;
      const Lane4f s2 = prev_p + from2;
      best0 = s0 > best0 ? s0 : best0;
      best1 = s1 > best1 ? s1 : best1;
      best2 = s2 > best2 ? s2 : best2;
    }
    // kNever + emission stays kNever; padding lanes stay kNever.
    const float* e = &emissions[i * T];
    Lane4f e0, e1;
    std::memcpy(&e0, e, sizeof e0);
    std::memcpy(&e1, e + 4, sizeof e1);
    best0 += e0;
    best1 += e1;
    best2[0] += e[8];
    float* out = &score[i * kLanes];
    std::memcpy(out, &best0, sizeof best0);
    std::memcpy(out + 4, &best1, sizeof best1);
    std::memcpy(out + 8, &best2, sizeof best2);
  }
  int tag = 0;
  for (int t = 1; t < T; ++t) {
    if (score[(n - 1) * kLanes + t] > score[(n - 1) * kLanes + tag]) tag = t;
  }
  for (size_t i = n - 1; i > 0; --i) {
    (*tags)[i] = static_cast<uint8_t>(tag);
    if (any_only_o && only_o[i - 1] != 0) {
      tag = 0;
      continue;
    }
    // The first predecessor reaching the maximum: what a scan with a strict
    // comparison keeps (all kNever gives 0, as it does).
    const float* prev = &score[(i - 1) * kLanes];
    Lane4f c0, c1, c2, t0, t1, t2;
    std::memcpy(&c0, prev, sizeof c0);
    std::memcpy(&c1, prev + 4, sizeof c1);
    std::memcpy(&c2, prev + 8, sizeof c2);
    std::memcpy(&t0, &into[tag][0], sizeof t0);
    std::memcpy(&t1, &into[tag][4], sizeof t1);
    std::memcpy(&t2, &into[tag][8], sizeof t2);
    c0 += t0;
    c1 += t1;
    c2 += t2;
    Lane4f m = c0 > c1 ? c0 : c1;
    m = m > c2 ? m : c2;
    const float best = std::max(std::max(m[0], m[1]), std::max(m[2], m[3]));
    float candidates[kLanes];
    std::memcpy(candidates, &c0, sizeof c0);
    std::memcpy(candidates + 4, &c1, sizeof c1);
    std::memcpy(candidates + 8, &c2, sizeof c2);
    int arg = 0;
    while (arg < T - 1 && candidates[arg] != best) ++arg;
    tag = arg;
  }
  (*tags)[0] = static_cast<uint8_t>(tag);
}

}  // namespace

NerDecodeTables::NerDecodeTables(std::span<const float> transitions) {
  constexpr int T = kNerTagCount;
  constexpr float kNever = -std::numeric_limits<float>::infinity();
  for (int t = 0; t < kLanes; ++t) {
    // kNever + emission stays kNever.
    start[t] = t < T && NerTransitionAllowed(-1, t) ? transitions[t] : kNever;
  }
  for (int p = 0; p < T; ++p) {
    for (int t = 0; t < kLanes; ++t) {
      from[p][t] = t < T && NerTransitionAllowed(p, t) ? transitions[(p + 1) * T + t] : kNever;
    }
  }
  for (int t = 0; t < T; ++t) {
    for (int p = 0; p < kLanes; ++p) into[t][p] = p < T ? from[p][t] : kNever;
  }
}

void NerViterbi(std::span<const float> emissions, std::span<const float> transitions,
                std::vector<uint8_t>* tags, std::span<const uint8_t> only_o) {
  if (!only_o.empty() && only_o.size() != emissions.size() / kNerTagCount) {
    throw std::invalid_argument("NerViterbi: only_o must be empty or hold one flag per word");
  }
  std::vector<float> score;
  Viterbi(emissions, NerDecodeTables(transitions), only_o, tags, &score);
}

namespace {

std::vector<float> TransitionsOf(const NerModel& model) {
  std::vector<float> transitions(kNerTransitionRows * kNerTagCount);
  for (int r = 0; r < kNerTransitionRows; ++r) {
    for (int t = 0; t < kNerTagCount; ++t) {
      transitions[r * kNerTagCount + t] = model.transition(r, t);
    }
  }
  return transitions;
}

}  // namespace

NerTagger::NerTagger(const NerModel& model, bool prune_lowercase)
    : model_(model),
      extractor_(model.hash_bits(), &model.lexicon()),
      tables_(TransitionsOf(model)) {
  extractor_.SetGazetteer(&model.gazetteer());
  extractor_.SetKnowledge(&model.knowledge());
  if (!model.empty()) extractor_.SetWeights(&model.weights());
  extractor_.SetPruneLowercase(prune_lowercase);
}

void NerTagger::BeginDocument(std::span<const std::vector<std::string_view>> sentences) {
  extractor_.BeginDocument(sentences);
}

void NerTagger::TagSentence(std::span<const std::string_view> words, std::vector<uint8_t>* tags) {
  const size_t n = words.size();
  if (model_.empty()) {
    emissions_.assign(n * kNerTagCount, 0.0f);
    Viterbi(emissions_, tables_, {}, tags, &score_);
    extractor_.RecordTags(words, *tags);
    return;
  }
  extractor_.Score(words, &sums_);
  DecodeScored(tags);
}

void NerTagger::TagSentence(size_t s, std::vector<uint8_t>* tags) {
  if (model_.empty()) {
    TagSentence(extractor_.document_sentence(s), tags);
    return;
  }
  extractor_.ScoreDocumentSentence(s, &sums_);
  DecodeScored(tags);
}

void NerTagger::DecodeScored(std::vector<uint8_t>* tags) {
  emissions_.resize(sums_.size());
  for (size_t i = 0; i < sums_.size(); ++i) emissions_[i] = static_cast<float>(sums_[i]);
  // Weights and transitions share one scale, so decoding in quantized units
  // gives the same argmax.
  Viterbi(emissions_, tables_, extractor_.pruned_words(), tags, &score_);
  extractor_.RecordScoredTags(*tags);
}

void NerTagger::TagDocument(std::span<const std::vector<std::string_view>> sentences,
                            std::vector<std::vector<uint8_t>>* tags) {
  BeginDocument(sentences);
  tags->resize(sentences.size());
  for (size_t s = 0; s < sentences.size(); ++s) TagSentence(s, &(*tags)[s]);
}

}  // namespace newsflow
