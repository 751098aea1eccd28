// The weight rows of the named-entity tagger's hashed feature buckets, with
// only the non-zero rows stored.
//
// A trained model uses about a tenth of its 2^20 buckets; a dense table of
// 18-byte rows (19 MB) spreads every lookup over memory and the TLB, and
// most contextual features of a token (unseen bigrams, say) hit an all-zero
// row. Here a bitmap of the non-zero buckets, 64 per block with the number
// of rows before the block, finds a row with one popcount (the index is
// 256 KB for 2^20 buckets, small enough to stay in L2), and the rows
// themselves are packed in bucket order (about 2 MB for the shipped model).
// Row() of an all-zero bucket is one shared row of zeros (hot in L1).
//
// Thread-safety: immutable once built; const methods from any thread.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

// Marks a function that finds many rows to be built twice on x86-64
// targets without POPCNT (the baseline), one build using the instruction,
// chosen at load time by the CPU (every x86-64 CPU since about 2008 has it):
// Row() counts bits in one instruction instead of a dozen. Elsewhere, when
// the target has POPCNT anyway, or under ThreadSanitizer (whose runtime is
// not up yet when the loader picks a build: the process crashes), nothing.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define NEWSFLOW_THREAD_SANITIZER 1
#endif
#endif
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__POPCNT__) && \
    !defined(__SANITIZE_THREAD__) && !defined(NEWSFLOW_THREAD_SANITIZER)
#define NEWSFLOW_POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define NEWSFLOW_POPCNT_CLONES
#endif

namespace newsflow {

class NerWeightTable {
 public:
  // Weights per row: one per NER tag (ner_features.h asserts it equals
  // kNerTagCount).
  static constexpr int kRowSize = 9;

  NerWeightTable() = default;
  // An empty table of 2^hash_bits buckets, to be filled with Append.
  explicit NerWeightTable(uint32_t hash_bits);
  // The non-zero rows of a dense bucket-major table (2^hash_bits * kRowSize
  // weights; missing trailing weights count as zero).
  static NerWeightTable FromDense(uint32_t hash_bits, std::span<const int16_t> dense);

  // Adds the row of `bucket`; buckets must come in strictly increasing order
  // and below 2^hash_bits. False (and nothing added) otherwise.
  bool Append(uint32_t bucket, std::span<const int16_t, kRowSize> weights);

  // The kRowSize weights of `bucket` (< 2^hash_bits); a row of zeros when
  // none was stored. Branch-free: whether a feature's bucket is stored is
  // unpredictable, and a mispredicted branch costs more than adding zeros.
  const int16_t* Row(uint32_t bucket) const {
    const Block& block = blocks_[bucket >> 6];
    const unsigned shift = bucket & 63;
    const uint64_t present = (block.bits >> shift) & 1;
    const uint64_t below = block.bits & ((uint64_t{1} << shift) - 1);
    // Row 0 is the zero row; stored rows start at 1.
    const size_t index = present * (block.rows_before + PopCount(below) + 1);
    return rows_.data() + index * kRowSize;
  }
  // Whether `bucket` has a stored row.
  bool Has(uint32_t bucket) const { return (blocks_[bucket >> 6].bits >> (bucket & 63)) & 1; }

  uint32_t hash_bits() const { return hash_bits_; }
  bool empty() const { return blocks_.empty(); }
  // Rows stored.
  size_t rows() const { return rows_.empty() ? 0 : rows_.size() / kRowSize - 1; }
  // Bytes of the index and the rows.
  size_t memory_bytes() const {
    return blocks_.size() * sizeof(Block) + rows_.size() * sizeof(int16_t);
  }

  // Calls f(bucket, const int16_t* row) for every stored row in bucket order.
  template <typename F>
  void ForEachRow(F&& f) const {
    size_t index = 1;
    for (size_t b = 0; b < blocks_.size(); ++b) {
      for (uint64_t bits = blocks_[b].bits; bits != 0; bits &= bits - 1) {
        const uint32_t bucket = static_cast<uint32_t>(b * 64 + std::countr_zero(bits));
        f(bucket, rows_.data() + index * kRowSize);
        ++index;
      }
    }
  }

 private:
  // std::popcount compiles to a library call unless the build targets a CPU
  // with POPCNT; this is the usual SWAR count, a few instructions inline.
  static uint64_t PopCount(uint64_t x) {
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (x * 0x0101010101010101ULL) >> 56;
  }

  struct Block {
    uint64_t bits = 0;         // bit i: bucket 64 * block + i has a row
    uint32_t rows_before = 0;  // rows of all earlier blocks
  };

  uint32_t hash_bits_ = 0;
  std::vector<Block> blocks_;
  std::vector<int16_t> rows_;  // row 0 all zero, then the stored rows in bucket order
  int64_t last_bucket_ = -1;
};

}  // namespace newsflow
