// Text measures as Readability.js takes them on element text (textContent):
// lengths in UTF-16 code units (JavaScript's String.length), whitespace as
// JavaScript's \s, runs of it counted once ("\s{2,}" -> " "), trimming as
// String.trim, and the comma counts of its scoring. TextStats of adjacent
// texts combine with Append, so the measure of an element is built from its
// children's without reading the text again (cleaning/main_content.cc).
//
// Thread-safety: pure values and functions.
#pragma once

#include <cstdint>
#include <string_view>

namespace newsflow {

struct TextStats {
  int32_t length = 0;      // UTF-16 units, each whitespace run counted once
  int32_t raw_length = 0;  // UTF-16 units
  int32_t lead_run = 0;    // whitespace code points at the start
  int32_t trail_run = 0;   // whitespace code points at the end
  bool empty = true;
  bool all_space = true;
  bool lead_space = false;
  bool trail_space = false;

  void Append(const TextStats& b) {
    if (b.empty) return;
    if (empty) {
      *this = b;
      return;
    }
    length += b.length - ((trail_space && b.lead_space) ? 1 : 0);
    if (all_space) lead_run = raw_length + b.lead_run;
    trail_run = b.all_space ? trail_run + b.raw_length : b.trail_run;
    raw_length += b.raw_length;
    all_space = all_space && b.all_space;
    trail_space = b.trail_space;
  }

  // Length of the trimmed text, whitespace kept (textContent.trim()).
  int32_t Trimmed() const { return all_space ? 0 : raw_length - lead_run - trail_run; }

  // Length of the trimmed, collapsed text.
  int32_t Inner() const {
    if (empty || all_space) return 0;
    return length - (lead_space ? 1 : 0) - (trail_space ? 1 : 0);
  }
};

struct TextMeasure {
  TextStats stats;
  int32_t ascii_commas = 0;
  int32_t commas = 0;  // all comma variants
};

// One pass over `text` (UTF-8; an invalid byte counts as one U+FFFD).
TextMeasure MeasureText(std::string_view text);

}  // namespace newsflow
