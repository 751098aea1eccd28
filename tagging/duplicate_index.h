// An in-memory index of the most recent articles' fingerprints, to flag
// exact and near duplicates (tagging/simhash.h).
//
// Holds the last `capacity` articles (oldest evicted first). Near search uses
// the pigeonhole trick: the 64-bit SimHash is cut into 4 blocks of 16 bits;
// two fingerprints within Hamming distance 3 share at least one block
// exactly, so each block indexes the articles holding it and only those are
// compared. The distance limit is therefore at most 3.
//
// Scope: one index per process (per newsflow instance). With a consumer
// group, each instance sees only its partitions' articles: duplicates are
// found across the whole input only when copies of a story land in the same
// partition (key the input by story, e.g. by a normalized headline or the
// wire's story id) or when one instance consumes everything.
//
// Thread-safety: all methods are safe to call from several threads (one
// mutex; work under it is O(candidates)).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsflow {

inline constexpr int kMaxIndexedHammingDistance = 3;

struct DuplicateMatch {
  std::string id;      // the earlier article
  int distance = 0;    // Hamming distance of the SimHashes; 0 for exact copies
  bool exact = false;  // same content hash
};

class DuplicateIndex {
 public:
  // `max_distance` is clamped to 0..kMaxIndexedHammingDistance.
  DuplicateIndex(size_t capacity, int max_distance);

  // Looks up the closest earlier article (exact first, then the smallest
  // distance, then the most recent), then records this one. An entry with
  // the same `id` is not a duplicate of itself: a record delivered again
  // (at-least-once) is not flagged and not added again.
  std::optional<DuplicateMatch> CheckAndAdd(std::string_view id, uint64_t simhash,
                                            std::string_view content_hash);

  size_t size() const;

 private:
  struct Entry {
    uint64_t serial;
    std::string id;
    uint64_t simhash;
    std::string content_hash;
  };

  static uint16_t Block(uint64_t simhash, int block) {
    return static_cast<uint16_t>(simhash >> (16 * block));
  }
  const Entry* Find(uint64_t serial) const;
  void Evict();

  const size_t capacity_;
  const int max_distance_;
  mutable std::mutex mutex_;
  // Guarded by mutex_. entries_ is oldest first; serials increase by one, so
  // the entry with serial s is entries_[s - entries_.front().serial].
  std::deque<Entry> entries_;
  uint64_t next_serial_ = 0;
  std::unordered_map<uint16_t, std::deque<uint64_t>> blocks_[4];  // block -> serials, oldest first
  std::unordered_map<std::string, std::deque<uint64_t>> exact_;   // content hash -> serials
};

}  // namespace newsflow
