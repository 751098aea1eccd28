#include "util/char_offsets.h"

#include <algorithm>

namespace newsflow {
namespace {

constexpr size_t kBlock = 64;

inline bool StartsChar(unsigned char byte) { return (byte & 0xC0) != 0x80; }

size_t CountChars(std::string_view bytes) {
  size_t count = 0;
  for (const char c : bytes) count += StartsChar(static_cast<unsigned char>(c)) ? 1 : 0;
  return count;
}

}  // namespace

CharOffsets::CharOffsets(std::string_view text) : text_(text) {
  ascii_ = std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii_) return;
  chars_before_block_.reserve(text.size() / kBlock + 1);
  size_t chars = 0;
  for (size_t block = 0; block < text.size(); block += kBlock) {
    chars_before_block_.push_back(chars);
    chars += CountChars(text.substr(block, kBlock));
  }
  total_chars_ = chars;
}

size_t CharOffsets::ToChar(size_t byte_offset) const {
  const size_t offset = std::min(byte_offset, text_.size());
  if (ascii_) return offset;
  const size_t block = offset / kBlock;
  if (block >= chars_before_block_.size()) return total_chars_;  // the end, block-aligned
  return chars_before_block_[block] + CountChars(text_.substr(block * kBlock, offset % kBlock));
}

}  // namespace newsflow
