// The data lines of a small text table or list held in memory: lines are
// split at '\n', a final '\r' is dropped, and blank lines and lines starting
// with '#' are skipped. Line numbers count every line from 1, so an error
// can name the line a user sees in an editor.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

namespace newsflow {

// Calls on_line(line, number) for each data line of `text`, in order; stops
// and returns false as soon as on_line returns false.
template <typename OnLine>
bool ForEachDataLine(std::string_view text, OnLine&& on_line) {
  size_t number = 0;
  while (!text.empty()) {
    const size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (!on_line(line, number)) return false;
  }
  return true;
}

}  // namespace newsflow
