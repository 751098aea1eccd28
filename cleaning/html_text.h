// Plain text from HTML: the simple, robust base, with no boilerplate
// detection (cleaning/main_content.h chooses what to keep; this turns it
// into text).
//
// Text inside head, script, style, noscript, template, title, iframe, object,
// canvas, audio, video, select and textarea is skipped, as are comments.
// Block elements (p, div, br, li, h1-h6, tr, blockquote, section, article,
// pre, table, ...) produce paragraph breaks, table cells a space, inline
// elements nothing. Entities are decoded by gumbo. Source newlines outside
// pre, listing and plaintext are plain whitespace, as in a browser.
//
// Thread-safety: pure functions.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "cleaning/html_document.h"

namespace newsflow {

// How text output treats an element (the rules in the comment at the top).
// Exposed so that other walks over gumbo trees (cleaning/main_content.cc)
// produce the same text as HtmlToText for the same markup.
enum class HtmlTextRole : uint8_t {
  kInline,  // contributes its content only
  kBlock,   // content framed by paragraph breaks ("\n\n" before and after)
  kCell,    // content framed by single spaces (td, th)
  kSkip,    // left out together with its content
};
HtmlTextRole HtmlTextRoleOf(GumboTag tag);

// pre, listing and plaintext: source line breaks inside them are kept.
bool KeepsSourceLineBreaks(GumboTag tag);

// Appends the text node `text` to *out; unless `keep_line_breaks`, its CR, LF
// and form feeds become spaces (they are plain whitespace in a browser).
void AppendTextNode(std::string_view text, bool keep_line_breaks, std::string* out);

// Decides whether an element (and everything inside it) is left out.
using HtmlElementFilter = std::function<bool(const GumboNode& element)>;

// Appends the raw text of the subtree at `node` (a document or element) to
// *raw: block boundaries as "\n\n", not yet normalized. Elements for which
// `skip` returns true are left out with their content. No recursion.
void AppendSubtreeText(const GumboNode* node, const HtmlElementFilter& skip, std::string* raw);

// The subtree's text through NormalizeParagraphs (cleaning/text_normalize.h):
// valid UTF-8, one paragraph per line, paragraphs separated by "\n\n".
std::string SubtreeText(const GumboNode* node, const HtmlElementFilter& skip = {});

using HtmlTextOptions = HtmlParseOptions;

// kOk, or why the document was refused (*text is then left empty).
using HtmlTextStatus = HtmlParseStatus;

// Parses `html` (cleaning/html_document.h) and stores the text of the whole
// document in *text.
HtmlTextStatus HtmlToText(std::string_view html, const HtmlTextOptions& options, std::string* text);

// Convenience form with default options. Returns an empty string for a
// document that is refused; use the form above to tell apart.
std::string HtmlToText(std::string_view html);

}  // namespace newsflow
