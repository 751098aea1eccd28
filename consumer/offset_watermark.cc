#include "consumer/offset_watermark.h"

#include <algorithm>

namespace newsflow {

bool OffsetWatermark::Add(int64_t offset) {
  std::lock_guard lock(mu_);
  if (offset <= last_added_) return false;
  if (window_.empty()) committable_ = offset;
  window_.push_back({offset, false});
  last_added_ = offset;
  ++pending_;
  return true;
}

bool OffsetWatermark::Complete(int64_t offset) {
  std::lock_guard lock(mu_);
  auto it = std::lower_bound(window_.begin(), window_.end(), offset,
                             [](const Entry& e, int64_t o) { return e.offset < o; });
  if (it == window_.end() || it->offset != offset || it->done) return false;
  it->done = true;
  --pending_;
  while (!window_.empty() && window_.front().done) {
    committable_ = window_.front().offset + 1;
    window_.pop_front();
  }
  if (!window_.empty()) committable_ = window_.front().offset;
  return true;
}

int64_t OffsetWatermark::Committable() const {
  std::lock_guard lock(mu_);
  return committable_;
}

int64_t OffsetWatermark::Pending() const {
  std::lock_guard lock(mu_);
  return pending_;
}

int64_t OffsetWatermark::LastAdded() const {
  std::lock_guard lock(mu_);
  return last_added_;
}

void OffsetWatermark::MarkRevoked() {
  std::lock_guard lock(mu_);
  revoked_ = true;
}

bool OffsetWatermark::Revoked() const {
  std::lock_guard lock(mu_);
  return revoked_;
}

}  // namespace newsflow
