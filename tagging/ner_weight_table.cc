#include "tagging/ner_weight_table.h"

#include <algorithm>

namespace newsflow {

NerWeightTable::NerWeightTable(uint32_t hash_bits)
    : hash_bits_(hash_bits),
      blocks_(std::max<size_t>(1, (size_t{1} << hash_bits) / 64)),
      rows_(kRowSize, 0) {}

NerWeightTable NerWeightTable::FromDense(uint32_t hash_bits, std::span<const int16_t> dense) {
  NerWeightTable table(hash_bits);
  const size_t buckets = size_t{1} << hash_bits;
  int16_t row[kRowSize];
  for (size_t b = 0; b < buckets && b * kRowSize < dense.size(); ++b) {
    const size_t begin = b * kRowSize;
    const size_t end = std::min(dense.size(), begin + kRowSize);
    std::fill(std::copy(dense.begin() + static_cast<ptrdiff_t>(begin),
                        dense.begin() + static_cast<ptrdiff_t>(end), row),
              row + kRowSize, int16_t{0});
    if (std::any_of(row, row + kRowSize, [](int16_t w) { return w != 0; })) {
      table.Append(static_cast<uint32_t>(b), std::span<const int16_t, kRowSize>(row, kRowSize));
    }
  }
  return table;
}

bool NerWeightTable::Append(uint32_t bucket, std::span<const int16_t, kRowSize> weights) {
  if (blocks_.empty() || static_cast<int64_t>(bucket) <= last_bucket_ ||
      bucket >= (size_t{1} << hash_bits_)) {
    return false;
  }
  // Blocks after the last row's, up to this one, start after all rows so far.
  const size_t rows_so_far = rows();
  const size_t first_new_block = last_bucket_ < 0 ? 0 : static_cast<size_t>(last_bucket_ >> 6) + 1;
  for (size_t b = first_new_block; b <= (bucket >> 6); ++b) {
    blocks_[b].rows_before = static_cast<uint32_t>(rows_so_far);
  }
  blocks_[bucket >> 6].bits |= uint64_t{1} << (bucket & 63);
  rows_.insert(rows_.end(), weights.begin(), weights.end());
  last_bucket_ = bucket;
  // Blocks after this one keep rows_before 0 until a later row reaches
  // them; Row() multiplies rows_before of a block without bits by zero.
  return true;
}

}  // namespace newsflow
