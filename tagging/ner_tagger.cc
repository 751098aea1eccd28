#include "tagging/ner_tagger.h"

#include <limits>

namespace newsflow {

namespace {

// NerViterbi with caller-owned buffers (no allocation once they are large
// enough). Predecessors are visited in increasing order, as the ties rule
// needs; only those the IOB2 constraint allows.
void Viterbi(std::span<const float> emissions, std::span<const float> transitions,
             std::vector<uint8_t>* tags, std::vector<float>* score_buffer,
             std::vector<uint8_t>* back_buffer) {
  constexpr int T = kNerTagCount;
  const size_t n = emissions.size() / T;
  tags->assign(n, 0);
  if (n == 0) return;
  constexpr float kNever = -std::numeric_limits<float>::infinity();
  if (score_buffer->size() < n * T) {
    score_buffer->resize(n * T);
    back_buffer->resize(n * T);
  }
  float* score = score_buffer->data();
  uint8_t* back = back_buffer->data();
  for (int t = 0; t < T; ++t) {
    score[t] = NerTransitionAllowed(-1, t) ? emissions[t] + transitions[t] : kNever;
  }
  for (size_t i = 1; i < n; ++i) {
    const float* prev = &score[(i - 1) * T];
    for (int t = 0; t < T; ++t) {
      float best = kNever;
      int arg = 0;
      // I-X may only follow B-X (t - 1) or I-X (t).
      const int from = NerTagIsInside(t) ? t - 1 : 0;
      const int to = NerTagIsInside(t) ? t : T - 1;
      for (int p = from; p <= to; ++p) {
        if (prev[p] == kNever) continue;
        const float s = prev[p] + transitions[(p + 1) * T + t];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * T + t] = best == kNever ? kNever : best + emissions[i * T + t];
      back[i * T + t] = static_cast<uint8_t>(arg);
    }
  }
  int best_tag = 0;
  for (int t = 1; t < T; ++t) {
    if (score[(n - 1) * T + t] > score[(n - 1) * T + best_tag]) best_tag = t;
  }
  for (size_t i = n; i-- > 0;) {
    (*tags)[i] = static_cast<uint8_t>(best_tag);
    best_tag = back[i * T + best_tag];
  }
}

}  // namespace

void NerViterbi(std::span<const float> emissions, std::span<const float> transitions,
                std::vector<uint8_t>* tags) {
  std::vector<float> score;
  std::vector<uint8_t> back;
  Viterbi(emissions, transitions, tags, &score, &back);
}

NerTagger::NerTagger(const NerModel& model)
    : model_(model), extractor_(model.hash_bits(), &model.lexicon()) {
  extractor_.SetGazetteer(&model.gazetteer());
  if (!model.empty()) extractor_.SetWeights(model.bucket(0));
  transitions_.resize(kNerTransitionRows * kNerTagCount);
  for (int r = 0; r < kNerTransitionRows; ++r) {
    for (int t = 0; t < kNerTagCount; ++t) {
      transitions_[r * kNerTagCount + t] = model.transition(r, t);
    }
  }
}

void NerTagger::BeginDocument(std::span<const std::vector<std::string_view>> sentences) {
  extractor_.BeginDocument(sentences);
}

void NerTagger::TagSentence(std::span<const std::string_view> words, std::vector<uint8_t>* tags) {
  const size_t n = words.size();
  if (model_.empty()) {
    emissions_.assign(n * kNerTagCount, 0.0f);
  } else {
    extractor_.Score(words, &sums_);
    emissions_.resize(n * kNerTagCount);
    for (size_t i = 0; i < sums_.size(); ++i) emissions_[i] = static_cast<float>(sums_[i]);
  }
  // Weights and transitions share one scale, so decoding in quantized units
  // gives the same argmax.
  Viterbi(emissions_, transitions_, tags, &score_, &back_);
  if (model_.empty()) {
    extractor_.RecordTags(words, *tags);
  } else {
    extractor_.RecordScoredTags(*tags);
  }
}

void NerTagger::TagDocument(std::span<const std::vector<std::string_view>> sentences,
                            std::vector<std::vector<uint8_t>>* tags) {
  BeginDocument(sentences);
  tags->resize(sentences.size());
  for (size_t s = 0; s < sentences.size(); ++s) TagSentence(sentences[s], &(*tags)[s]);
}

}  // namespace newsflow
