// Whitespace and invisible-character normalization of plain text, and word
// counting. Unicode properties come from utf8proc.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsflow {

// Returns `utf8_text` as paragraphs separated by exactly one blank line
// ("\n\n"), each paragraph on a single line:
//   - A paragraph break is a blank line: two or more line breaks with only
//     whitespace (or removed characters, below) between them. Line breaks are
//     LF, CR, CRLF (one break) and NEL (U+0085). U+2028 LINE SEPARATOR and
//     U+2029 PARAGRAPH SEPARATOR are paragraph breaks on their own.
//   - Inside a paragraph every run of whitespace (space, tab, VT, FF, a single
//     line break, NBSP and every other Zs space) becomes one ASCII space.
//   - Removed outright: C0 and C1 control characters other than the
//     whitespace above (and DEL), and the zero-width characters U+200B..U+200D,
//     U+2060 and U+FEFF. Removing U+200C/U+200D also splits emoji ZWJ
//     sequences and drops the Persian non-joiner; this is deliberate.
//   - Paragraphs are trimmed; empty paragraphs are dropped, so the result
//     never starts or ends with whitespace.
// Input is expected to be valid UTF-8. Bytes that do not form valid UTF-8
// (including encoded surrogates) are dropped one at a time, so the result is
// always valid UTF-8.
std::string NormalizeParagraphs(std::string_view utf8_text);

// Counts whitespace-separated tokens that contain at least one letter or
// digit (general categories L* and N*); "—" or "..." alone is not a word.
// Whitespace is as above (ASCII whitespace, NEL, Zs, Zl, Zp). Scripts written
// without spaces (Chinese, Japanese, Thai) count one word per run. Invalid
// bytes are neither letters nor separators. Single pass, no allocation.
int64_t CountWords(std::string_view text);

}  // namespace newsflow
