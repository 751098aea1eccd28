#include "tagging/topic_label_scores.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <random>

namespace newsflow {
namespace {

// A labels x dim matrix of weights spread over several orders of magnitude,
// so that summing a label's terms in any other order would round otherwise.
std::shared_ptr<fasttext::Matrix> RandomMatrix(int64_t labels, int64_t dim, std::mt19937* random) {
  auto matrix = std::make_shared<fasttext::DenseMatrix>(labels, dim);
  std::uniform_real_distribution<float> value(-1.0F, 1.0F);
  std::uniform_int_distribution<int> exponent(-4, 4);
  for (int64_t l = 0; l < labels; ++l) {
    for (int64_t j = 0; j < dim; ++j) {
      matrix->at(l, j) = value(*random) * std::ldexp(1.0F, exponent(*random));
    }
  }
  return matrix;
}

fasttext::Vector RandomVector(int64_t size, std::mt19937* random) {
  fasttext::Vector v(size);
  std::uniform_real_distribution<float> value(-2.0F, 2.0F);
  for (int64_t j = 0; j < size; ++j) v[j] = value(*random);
  return v;
}

TEST(TopicLabelWeights, DotsAreDotRowBitForBitForAnyShape) {
  std::mt19937 random(3);
  // Label counts below, at and above multiples of the 8 lanes.
  for (int64_t labels : {1, 7, 8, 9, 17, 90}) {
    for (int64_t dim : {1, 5, 50, 100}) {
      const auto matrix = RandomMatrix(labels, dim, &random);
      const auto& dense = static_cast<const fasttext::DenseMatrix&>(*matrix);
      const TopicLabelWeights weights(dense);
      EXPECT_EQ(weights.labels(), labels);
      EXPECT_EQ(weights.dim(), dim);
      for (int trial = 0; trial < 20; ++trial) {
        const fasttext::Vector hidden = RandomVector(dim, &random);
        fasttext::Vector output(labels);
        weights.Dots(hidden, &output);
        for (int64_t l = 0; l < labels; ++l) {
          ASSERT_EQ(output[l], dense.dotRow(hidden, l))
              << labels << " labels, dim " << dim << ", label " << l;
        }
      }
    }
  }
}

TEST(TopicLabelWeights, ANanScoreThrowsAsDotRowDoes) {
  std::mt19937 random(4);
  const auto matrix = RandomMatrix(3, 4, &random);
  const auto& dense = static_cast<const fasttext::DenseMatrix&>(*matrix);
  const TopicLabelWeights weights(dense);
  fasttext::Vector hidden = RandomVector(4, &random);
  hidden[2] = std::numeric_limits<float>::quiet_NaN();
  fasttext::Vector output(3);
  EXPECT_THROW(dense.dotRow(hidden, 0), fasttext::DenseMatrix::EncounteredNaNError);
  EXPECT_THROW(weights.Dots(hidden, &output), fasttext::DenseMatrix::EncounteredNaNError);
}

TEST(LabelParallelOneVsAllLoss, PredictsWhatFastTextsOneVsAllLossPredicts) {
  std::mt19937 random(5);
  auto matrix = RandomMatrix(30, 20, &random);
  const TopicLabelWeights weights(static_cast<const fasttext::DenseMatrix&>(*matrix));
  const fasttext::OneVsAllLoss reference(matrix);
  const LabelParallelOneVsAllLoss loss(matrix, &weights);
  for (int trial = 0; trial < 50; ++trial) {
    const fasttext::Vector hidden = RandomVector(20, &random);
    for (const auto& [k, threshold] :
         {std::pair<int32_t, float>{30, 0.0F}, {3, 0.0F}, {30, 0.5F}}) {
      fasttext::Model::State expected_state(20, 30, 0);
      fasttext::Model::State state(20, 30, 0);
      for (int64_t j = 0; j < 20; ++j) expected_state.hidden[j] = state.hidden[j] = hidden[j];
      fasttext::Predictions expected;
      fasttext::Predictions predictions;
      reference.predict(k, threshold, expected, expected_state);
      loss.predict(k, threshold, predictions, state);
      ASSERT_FALSE(expected.empty());
      EXPECT_EQ(predictions, expected) << "k " << k << ", threshold " << threshold;
      for (int64_t l = 0; l < 30; ++l) EXPECT_EQ(state.output[l], expected_state.output[l]);
    }
  }
}

}  // namespace
}  // namespace newsflow
