#include "tagging/duplicate_index.h"

#include <algorithm>

#include "tagging/simhash.h"

namespace newsflow {

DuplicateIndex::DuplicateIndex(size_t capacity, int max_distance)
    : capacity_(std::max<size_t>(capacity, 1)),
      max_distance_(std::clamp(max_distance, 0, kMaxIndexedHammingDistance)) {}

size_t DuplicateIndex::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return entries_.size();
}

const DuplicateIndex::Entry* DuplicateIndex::Find(uint64_t serial) const {
  if (entries_.empty() || serial < entries_.front().serial) return nullptr;
  const uint64_t index = serial - entries_.front().serial;
  return index < entries_.size() ? &entries_[index] : nullptr;
}

std::optional<DuplicateMatch> DuplicateIndex::CheckAndAdd(std::string_view id, uint64_t simhash,
                                                          std::string_view content_hash) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::optional<DuplicateMatch> best;
  bool seen_self = false;
  auto consider = [&](const Entry& entry, int distance, bool exact) {
    if (entry.id == id) {
      seen_self = true;
      return;
    }
    // Exact beats near; then the smaller distance; then the more recent.
    const bool better =
        !best || (exact && !best->exact) || (exact == best->exact && distance <= best->distance);
    if (better) best = DuplicateMatch{entry.id, distance, exact};
  };
  if (!content_hash.empty()) {
    if (auto it = exact_.find(std::string(content_hash)); it != exact_.end()) {
      for (uint64_t serial : it->second) {
        if (const Entry* entry = Find(serial)) {
          consider(*entry, HammingDistance(entry->simhash, simhash), true);
        }
      }
    }
  }
  if (simhash != 0) {
    for (int block = 0; block < 4; ++block) {
      auto it = blocks_[block].find(Block(simhash, block));
      if (it == blocks_[block].end()) continue;
      for (uint64_t serial : it->second) {
        const Entry* entry = Find(serial);
        if (entry == nullptr) continue;
        const int distance = HammingDistance(entry->simhash, simhash);
        if (distance <= max_distance_)
          consider(*entry, distance, entry->content_hash == content_hash);
      }
    }
  }
  if (seen_self) return std::nullopt;

  if (entries_.size() >= capacity_) Evict();
  const uint64_t serial = next_serial_++;
  entries_.push_back(Entry{serial, std::string(id), simhash, std::string(content_hash)});
  if (simhash != 0) {
    for (int block = 0; block < 4; ++block) blocks_[block][Block(simhash, block)].push_back(serial);
  }
  if (!content_hash.empty()) exact_[std::string(content_hash)].push_back(serial);
  return best;
}

void DuplicateIndex::Evict() {
  const Entry& oldest = entries_.front();
  // Serials are appended in increasing order, so the oldest entry is at the
  // front of every list it is in.
  if (oldest.simhash != 0) {
    for (int block = 0; block < 4; ++block) {
      auto it = blocks_[block].find(Block(oldest.simhash, block));
      if (it == blocks_[block].end()) continue;
      if (!it->second.empty() && it->second.front() == oldest.serial) it->second.pop_front();
      if (it->second.empty()) blocks_[block].erase(it);
    }
  }
  if (!oldest.content_hash.empty()) {
    auto it = exact_.find(oldest.content_hash);
    if (it != exact_.end()) {
      if (!it->second.empty() && it->second.front() == oldest.serial) it->second.pop_front();
      if (it->second.empty()) exact_.erase(it);
    }
  }
  entries_.pop_front();
}

}  // namespace newsflow
