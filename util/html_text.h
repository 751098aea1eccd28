// Plain text from an HTML document or fragment, using the gumbo HTML5 parser.
//
// This is the simple, robust base: no boilerplate detection. Text inside
// head, script, style, noscript, template, title, iframe, object, canvas,
// audio, video, select and textarea is skipped, as are comments. Block
// elements (p, div, br, li, h1-h6, tr, blockquote, section, article, pre,
// table, ...) produce paragraph breaks, table cells a space, inline elements
// nothing. Entities are decoded by gumbo. Source newlines outside pre,
// listing and plaintext are plain whitespace, as in a browser. The result goes
// through NormalizeParagraphs (util/text_normalize.h), so it is valid UTF-8
// with paragraphs separated by "\n\n" (gumbo itself turns invalid input bytes
// into U+FFFD).
//
// Hardening against gumbo 0.10.1 (the Debian 12 version):
//   - SVG and MathML elements are removed, tags and content, before parsing:
//     gumbo aborts the process (failed assert) on some foreign content inside
//     tables, e.g. "<table><svg><th><title><select></table>".
//   - The tree is walked with an explicit stack and freed without recursion
//     (gumbo_destroy_output recurses per nesting level and overflows the C
//     stack around 250k levels), and gumbo's error list, which copies the open
//     element stack per error, is disabled.
//   - gumbo's tree builder spends time proportional to the nesting depth on
//     many start tags (100k nested divs take ~15 s), so a linear pre-scan
//     estimates the depth and refuses documents deeper than
//     HtmlTextOptions::max_depth. Its tag boundaries follow the HTML tokenizer
//     exactly; its model of implied end tags is approximate and errs high for
//     the usual shapes (unclosed or mismatched tags, "<div/>"). It is a guard
//     against accidents and simple attacks, not a proof: an input crafted
//     around the formatting-element rules can still be slow (never crash).
//
// Thread-safety: pure functions; gumbo keeps no global state.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsflow {

// Far above real pages (Chromium stops nesting elements at 512) yet keeps gumbo's
// worst case for a 4 MiB record around a second.
inline constexpr size_t kDefaultMaxHtmlDepth = 2048;

struct HtmlTextOptions {
  // Refuse documents whose estimated element nesting exceeds this; 0 means
  // no limit (only for trusted input: time can grow quadratically).
  size_t max_depth = kDefaultMaxHtmlDepth;
};

enum class HtmlTextStatus {
  kOk,
  kTooDeep,  // refused by the nesting estimate; *text is left empty
};

// Converts `html` to normalized text in *text (replacing its contents).
HtmlTextStatus HtmlToText(std::string_view html, const HtmlTextOptions& options, std::string* text);

// Convenience form with default options. Returns an empty string for a
// document that is refused as too deep; use the form above to tell apart.
std::string HtmlToText(std::string_view html);

// The nesting pre-scan on its own (after SVG/MathML removal, as HtmlToText
// does): true if the estimated depth of `html` is at most max_depth
// (max_depth 0: always true). Linear time.
bool HtmlNestingWithin(std::string_view html, size_t max_depth);

}  // namespace newsflow
