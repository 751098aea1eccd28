#include "tagging/topic_label_scores.h"

#include <cmath>
#include <cstring>

namespace newsflow {

namespace {

// Four float lanes (SSE2, the x86-64 baseline): each lane's arithmetic is
// plain float multiply and add.
using Lanes = float __attribute__((vector_size(16)));

Lanes LoadLanes(const fasttext::real* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace

TopicLabelWeights::TopicLabelWeights(const fasttext::DenseMatrix& output)
    : dim_(output.size(1)), labels_(static_cast<int32_t>(output.size(0))) {
  const size_t blocks = (static_cast<size_t>(labels_) + kBlock - 1) / kBlock;
  by_block_.assign(blocks * static_cast<size_t>(dim_) * kBlock, 0.0F);
  for (int64_t l = 0; l < labels_; ++l) {
    const size_t block = static_cast<size_t>(l) / kBlock;
    const size_t lane = static_cast<size_t>(l) % kBlock;
    for (int64_t j = 0; j < dim_; ++j) {
      by_block_[(block * static_cast<size_t>(dim_) + static_cast<size_t>(j)) * kBlock + lane] =
          output.at(l, j);
    }
  }
}

void TopicLabelWeights::Dots(const fasttext::Vector& hidden, fasttext::Vector* output) const {
  static_assert(kBlock == 2 * sizeof(Lanes) / sizeof(fasttext::real));
  const fasttext::real* w = by_block_.data();
  for (int32_t first = 0; first < labels_; first += static_cast<int32_t>(kBlock)) {
    // dotRow's d = 0; d += w * h over j in order, for eight labels at once.
    Lanes low = {};
    Lanes high = {};
    for (int64_t j = 0; j < dim_; ++j, w += kBlock) {
      const fasttext::real h = hidden[j];
      low = low + LoadLanes(w) * h;
      high = high + LoadLanes(w + 4) * h;
    }
    fasttext::real sums[kBlock];
    std::memcpy(sums, &low, sizeof low);
    std::memcpy(sums + 4, &high, sizeof high);
    for (int32_t l = first; l < labels_ && l < first + static_cast<int32_t>(kBlock); ++l) {
      const fasttext::real d = sums[l - first];
      if (std::isnan(d)) throw fasttext::DenseMatrix::EncounteredNaNError();
      (*output)[l] = d;
    }
  }
}

LabelParallelOneVsAllLoss::LabelParallelOneVsAllLoss(std::shared_ptr<fasttext::Matrix>& wo,
                                                     const TopicLabelWeights* weights)
    : fasttext::OneVsAllLoss(wo), weights_(weights) {}

// BinaryLogisticLoss::computeOutput with Dots for the matrix product.
void LabelParallelOneVsAllLoss::computeOutput(fasttext::Model::State& state) const {
  fasttext::Vector& output = state.output;
  weights_->Dots(state.hidden, &output);
  for (int64_t i = 0; i < output.size(); ++i) output[i] = sigmoid(output[i]);
}

}  // namespace newsflow
