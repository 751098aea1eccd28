#include "tagging/ner_tagger.h"

#include <limits>

namespace newsflow {

void NerViterbi(std::span<const float> emissions, std::span<const float> transitions,
                std::vector<uint8_t>* tags) {
  constexpr int T = kNerTagCount;
  const size_t n = emissions.size() / T;
  tags->assign(n, 0);
  if (n == 0) return;
  constexpr float kNever = -std::numeric_limits<float>::infinity();
  std::vector<float> score(n * T);
  std::vector<uint8_t> back(n * T, 0);
  for (int t = 0; t < T; ++t) {
    score[t] = NerTransitionAllowed(-1, t) ? emissions[t] + transitions[t] : kNever;
  }
  for (size_t i = 1; i < n; ++i) {
    const float* prev = &score[(i - 1) * T];
    for (int t = 0; t < T; ++t) {
      float best = kNever;
      int arg = 0;
      for (int p = 0; p < T; ++p) {
        if (!NerTransitionAllowed(p, t) || prev[p] == kNever) continue;
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

NerTagger::NerTagger(const NerModel& model)
    : model_(model), extractor_(model.hash_bits(), &model.lexicon()) {
  extractor_.SetGazetteer(&model.gazetteer());
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
  extractor_.Extract(words, &features_);
  const size_t n = words.size();
  emissions_.assign(n * kNerTagCount, 0.0f);
  for (size_t i = 0; i < n; ++i) {
    int32_t sum[kNerTagCount] = {};
    for (uint32_t f = features_.offsets[i]; f < features_.offsets[i + 1]; ++f) {
      const int16_t* w = model_.bucket(features_.ids[f]);
      for (int t = 0; t < kNerTagCount; ++t) sum[t] += w[t];
    }
    for (int t = 0; t < kNerTagCount; ++t) {
      emissions_[i * kNerTagCount + t] = static_cast<float>(sum[t]);
    }
  }
  // Weights and transitions share one scale, so decoding in quantized units
  // gives the same argmax.
  NerViterbi(emissions_, transitions_, tags);
  extractor_.RecordTags(words, *tags);
}

void NerTagger::TagDocument(std::span<const std::vector<std::string_view>> sentences,
                            std::vector<std::vector<uint8_t>>* tags) {
  BeginDocument(sentences);
  tags->resize(sentences.size());
  for (size_t s = 0; s < sentences.size(); ++s) TagSentence(sentences[s], &(*tags)[s]);
}

}  // namespace newsflow
