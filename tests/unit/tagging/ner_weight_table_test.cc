#include "tagging/ner_weight_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <random>
#include <utility>
#include <vector>

namespace newsflow {
namespace {

constexpr int kRow = NerWeightTable::kRowSize;

std::array<int16_t, kRow> RowOf(int16_t first) {
  std::array<int16_t, kRow> row{};
  row[0] = first;
  row[kRow - 1] = static_cast<int16_t>(-first);
  return row;
}

bool AllZero(const int16_t* row) {
  return std::all_of(row, row + kRow, [](int16_t w) { return w == 0; });
}

TEST(NerWeightTable, RowsOfAppendedBucketsAreFoundAndOthersAreZero) {
  NerWeightTable table(10);
  // Buckets in several 64-bucket blocks, with empty blocks between them.
  const std::vector<uint32_t> buckets = {0, 1, 63, 64, 200, 700, 1023};
  for (size_t i = 0; i < buckets.size(); ++i) {
    ASSERT_TRUE(table.Append(buckets[i], RowOf(static_cast<int16_t>(i + 1))));
  }
  EXPECT_EQ(table.rows(), buckets.size());
  for (size_t i = 0; i < buckets.size(); ++i) {
    ASSERT_TRUE(table.Has(buckets[i])) << buckets[i];
    const int16_t* row = table.Row(buckets[i]);
    EXPECT_EQ(row[0], static_cast<int16_t>(i + 1)) << buckets[i];
    EXPECT_EQ(row[kRow - 1], -static_cast<int16_t>(i + 1)) << buckets[i];
  }
  for (uint32_t absent : {2u, 62u, 65u, 128u, 199u, 201u, 1022u}) {
    EXPECT_FALSE(table.Has(absent)) << absent;
    EXPECT_TRUE(AllZero(table.Row(absent))) << absent;
  }
}

TEST(NerWeightTable, AppendRejectsBucketsOutOfOrderOrRange) {
  NerWeightTable table(8);
  ASSERT_TRUE(table.Append(10, RowOf(1)));
  EXPECT_FALSE(table.Append(10, RowOf(2)));   // repeated
  EXPECT_FALSE(table.Append(9, RowOf(3)));    // backwards
  EXPECT_FALSE(table.Append(256, RowOf(4)));  // 2^8 buckets
  EXPECT_TRUE(table.Append(255, RowOf(5)));
  EXPECT_EQ(table.rows(), 2u);
  EXPECT_EQ(table.Row(10)[0], 1);
  EXPECT_FALSE(NerWeightTable().Append(0, RowOf(1)));  // no buckets at all
}

TEST(NerWeightTable, FromDenseKeepsExactlyTheNonZeroRows) {
  constexpr uint32_t kBits = 12;
  std::vector<int16_t> dense((size_t{1} << kBits) * kRow, 0);
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> weight(-50, 50);
  std::bernoulli_distribution filled(0.2);
  size_t nonzero = 0;
  for (size_t b = 0; b < (size_t{1} << kBits); ++b) {
    if (!filled(rng)) continue;
    dense[b * kRow + b % kRow] = static_cast<int16_t>(weight(rng) | 1);  // odd: never 0
    ++nonzero;
  }
  const NerWeightTable table = NerWeightTable::FromDense(kBits, dense);
  EXPECT_EQ(table.rows(), nonzero);
  for (size_t b = 0; b < (size_t{1} << kBits); ++b) {
    const int16_t* row = table.Row(static_cast<uint32_t>(b));
    const bool zero = std::all_of(dense.begin() + static_cast<ptrdiff_t>(b * kRow),
                                  dense.begin() + static_cast<ptrdiff_t>((b + 1) * kRow),
                                  [](int16_t w) { return w == 0; });
    ASSERT_EQ(table.Has(static_cast<uint32_t>(b)), !zero) << b;
    for (int t = 0; t < kRow; ++t) ASSERT_EQ(row[t], dense[b * kRow + t]) << b << " " << t;
  }
  // ForEachRow visits the same rows in bucket order.
  std::vector<uint32_t> visited;
  table.ForEachRow([&](uint32_t bucket, const int16_t* row) {
    EXPECT_EQ(row, table.Row(bucket));
    visited.push_back(bucket);
  });
  EXPECT_EQ(visited.size(), nonzero);
  EXPECT_TRUE(std::is_sorted(visited.begin(), visited.end()));
  EXPECT_LT(table.memory_bytes(), dense.size() * sizeof(int16_t) / 2);
}

}  // namespace
}  // namespace newsflow
