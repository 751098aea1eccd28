// Normalization of plain text into paragraphs (whitespace, invisible
// characters, Unicode NFC, a few wire-service typing conventions), line-break
// interpretation for plain-text bodies, and word counting. Unicode properties
// and normalization come from utf8proc.
//
// Thread-safety: pure functions. The first call builds a read-only NFC
// quick-check table once (thread-safe static initialization, a few ms).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsflow {

// True for the characters the functions below treat as white space: ASCII
// TAB, LF, VT, FF, CR and SPACE, NEL (U+0085), every Zs space (NBSP, EN/EM
// spaces, ideographic space, ...), U+2028 LINE SEPARATOR and U+2029
// PARAGRAPH SEPARATOR. Zero-width characters (U+200B, U+FEFF) are not spaces.
bool IsUnicodeSpace(char32_t cp);

// Returns `utf8_text` as paragraphs separated by exactly one blank line
// ("\n\n"), each paragraph on a single line:
//   - A paragraph break is a blank line: two or more line breaks with only
//     whitespace (or removed characters, below) between them. Line breaks are
//     LF, CR, CRLF (one break) and NEL (U+0085). U+2028 LINE SEPARATOR and
//     U+2029 PARAGRAPH SEPARATOR are paragraph breaks on their own.
//   - Inside a paragraph every run of whitespace (space, tab, VT, FF, a single
//     line break, NBSP and every other Zs space) becomes one ASCII space.
//   - Removed outright: C0 and C1 control characters other than the
//     whitespace above (and DEL), the zero-width characters U+200B..U+200D,
//     U+2060 and U+FEFF, and SOFT HYPHEN U+00AD (an invisible hyphenation
//     hint; keeping it would split words for search and counting). Removing
//     U+200C/U+200D also splits emoji ZWJ sequences and drops the Persian
//     non-joiner; this is deliberate.
//   - Paragraphs are trimmed; empty paragraphs are dropped, so the result
//     never starts or ends with whitespace.
//   - Every paragraph is in Unicode NFC ("e" + U+0301 becomes "é", U+212B
//     ANGSTROM SIGN becomes U+00C5). Compatibility characters (fullwidth
//     forms, ligatures, superscripts) are NFC-stable and stay as written.
//     A per-character quick check skips the normalization of paragraphs that
//     are already NFC (all ASCII, Latin-1, CJK, curly quotes, ...).
// Quote and dash policy: typographic quotes, apostrophes, dashes and the
// minus sign U+2212 are kept as the publisher wrote them (no folding to
// ASCII). Only unambiguous ASCII typing conventions and look-alikes change:
//   - "``" opening a quotation and "''" closing it become U+201C and U+201D,
//     only as a pair inside one paragraph: a "``" (exactly two backticks)
//     followed by a non-space, then the next "''" (exactly two apostrophes)
//     after a non-space. Unpaired ones, "```" and "'''" stay as they are.
//     A quotation running over several paragraphs (the wire convention: no
//     closing mark until its last paragraph) keeps ASCII marks except in the
//     paragraph that closes it.
//   - " -- " (exactly two hyphens with whitespace on both sides, inside one
//     paragraph) becomes " — " (U+2014). "a--b", "---" and a "--" at the
//     start or end of a paragraph stay.
//   - U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN become "-" (they look the
//     same and break search); U+2012..U+2015 dashes stay.
// Input is expected to be valid UTF-8. Bytes that do not form valid UTF-8
// (including encoded surrogates) are dropped one at a time, so the result is
// always valid UTF-8. Linear time.
std::string NormalizeParagraphs(std::string_view utf8_text);

// Short fields (titles, bylines, descriptions) on one line: invalid UTF-8 is
// repaired first (each maximal ill-formed subpart becomes U+FFFD, see
// util/utf8_repair.h, where NormalizeParagraphs would drop the bytes), then
// NormalizeParagraphs, then each paragraph break becomes one space.
std::string NormalizeToOneLine(std::string_view text);

// Normalizes a plain-text article body: first decides what each single line
// break means, then normalizes as NormalizeParagraphs (same character rules,
// same output form). Line breaks are LF, CR, CRLF and NEL; a blank line is
// one with only whitespace. Line lengths are in code points up to the last
// visible character. The wrap width W is the 90th percentile of the lengths
// of non-blank lines. The text is "hard-wrapped" if 30 <= W <= 140 and at
// least half of the lines followed by a non-blank line are at least 0.6 * W
// long and end mid-sentence (not with . ! ? … , optionally followed by
// closing quotes or brackets).
//   - Blank lines always separate paragraphs.
//   - Hard-wrapped text: a single line break is a wrap (the lines are joined)
//     unless the next line is indented more than the least indented line of
//     the text, or the line ends a sentence and the next line's first word
//     (not starting with a lowercase letter) would have fitted within W, so
//     the break was not made by the wrapper. Those start a new paragraph.
//   - Not hard-wrapped, with blank lines: a single line break is a wrap,
//     except before a list item ("- ", "* ", "• ", "– ") and after a line
//     longer than 140 (no wrapper makes those) that ends a sentence.
//   - Not hard-wrapped, without blank lines (typical CMS export): every line
//     is a paragraph.
//   - Joining: a line ending in a letter and "-" followed by a line starting
//     with a lowercase letter is joined without a space and the hyphen is
//     kept. A dictionary would be needed to tell a wrap-inserted hyphen
//     ("inter-/national") from a real one ("well-/known"); keeping it never
//     loses or merges a word. Two wide (East Asian) characters are joined
//     without a space; everything else with one space.
// Two linear passes (statistics, then output); memory is the output plus a
// fixed histogram.
std::string NormalizePlainText(std::string_view body);

// Counts whitespace-separated tokens that contain at least one letter or
// digit (general categories L* and N*); "—" or "..." alone is not a word.
// Whitespace is IsUnicodeSpace. Scripts written without spaces (Chinese,
// Japanese, Thai) count one word per run. Invalid bytes are neither letters
// nor separators. Single pass, no allocation.
int64_t CountWords(std::string_view text);

}  // namespace newsflow
