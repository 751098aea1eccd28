// Byte offsets into UTF-8 text -> Unicode code point offsets.
//
// Tags keep byte spans into Article::text (TextSpan); the output record
// reports code point offsets, which is what Python's str, Rust's chars() and
// most consumers index by. This is the one place that converts.
//
// A code point is counted at each byte that is not a UTF-8 continuation byte
// (10xxxxxx), so valid UTF-8 converts exactly; the text is valid UTF-8 after
// the parse stage's repair. A byte offset inside a multi-byte character maps
// to the character after it (the one it cuts started before it).
//
// Cost: construction is one pass over the text (it keeps one count per 64
// bytes, or nothing at all for ASCII text); each conversion then scans at
// most 63 bytes. Offsets past the end are clamped to the end.
//
// Thread-safety: immutable after construction. The text must outlive it.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace newsflow {

class CharOffsets {
 public:
  explicit CharOffsets(std::string_view text);

  size_t ToChar(size_t byte_offset) const;

 private:
  std::string_view text_;
  bool ascii_ = true;
  size_t total_chars_ = 0;                  // unused if ascii_
  std::vector<size_t> chars_before_block_;  // per 64-byte block; empty if ascii_
};

}  // namespace newsflow
