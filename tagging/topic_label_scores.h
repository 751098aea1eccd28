// The label scores of fastText's one-vs-all output layer, eight labels at a
// time, with exactly fastText's float operations.
//
// fastText computes a prediction's label scores one label at a time through a
// virtual DenseMatrix::dotRow call each (loop over the hidden vector's
// dimensions, d += w * h in float). TopicLabelWeights keeps the output
// matrix in blocks of eight labels, transposed within a block (dimension j
// holds the eight labels' weight j), and sums the eight at once in vector
// lanes: each label's sum still runs over the dimensions in order with the
// same float multiply and add, so the values are bit for bit dotRow's
// (never fused into multiply-add: the .cc is built with -ffp-contract=off).
// LabelParallelOneVsAllLoss is fastText's OneVsAllLoss taking its scores
// from there; its sigmoid table, threshold and k-best heap stay fastText's.
//
// Thread-safety: a TopicLabelWeights is immutable; Dots() may run on many
// threads at once. A loss is used like fastText's (predict() is const).
#pragma once

#include <fasttext/densematrix.h>
#include <fasttext/loss.h>
#include <fasttext/model.h>
#include <fasttext/vector.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace newsflow {

class TopicLabelWeights {
 public:
  // A copy of `output` (labels x dimensions), transposed.
  explicit TopicLabelWeights(const fasttext::DenseMatrix& output);

  // (*output)[l] = output.dotRow(hidden, l) for every label l, bit for bit;
  // `output` must have one element per label and `hidden` one per
  // dimension. A NaN score throws DenseMatrix::EncounteredNaNError, as
  // dotRow does.
  void Dots(const fasttext::Vector& hidden, fasttext::Vector* output) const;

  int32_t labels() const { return labels_; }
  int64_t dim() const { return dim_; }

 private:
  static constexpr size_t kBlock = 8;  // labels summed side by side
  // Labels in blocks of eight (the last padded with zeros); within a block,
  // dimension j holds the eight labels' weight j.
  std::vector<fasttext::real> by_block_;
  int64_t dim_ = 0;
  int32_t labels_ = 0;
};

class LabelParallelOneVsAllLoss final : public fasttext::OneVsAllLoss {
 public:
  // `wo` is the loss's output matrix, as for fastText's OneVsAllLoss (kept by
  // reference); `weights`, its transpose, must outlive the loss.
  LabelParallelOneVsAllLoss(std::shared_ptr<fasttext::Matrix>& wo,
                            const TopicLabelWeights* weights);
  void computeOutput(fasttext::Model::State& state) const override;

 private:
  const TopicLabelWeights* weights_;
};

}  // namespace newsflow
