// A parsed HTML document (gumbo HTML5 parser), hardened for untrusted input.
//
// Every HTML consumer in the project (plain text, main-content extraction,
// metadata) parses through this class, so the hardening lives in one place.
// Against gumbo 0.10.1 (the Debian 12 version):
//   - SVG and MathML elements are removed, tags and content, before parsing:
//     gumbo aborts the process (failed assert) on some foreign content inside
//     tables, e.g. "<table><svg><th><title><select></table>".
//   - The tree is freed without recursion (gumbo_destroy_output recurses per
//     nesting level and overflows the C stack around 250k levels), and
//     gumbo's error list, which copies the open element stack per error, is
//     disabled.
//   - gumbo's tree builder spends time proportional to the nesting depth on
//     many start tags (100k nested divs take ~15 s), so a linear pre-scan
//     estimates the depth and refuses documents deeper than
//     HtmlParseOptions::max_depth. Its tag boundaries follow the HTML
//     tokenizer exactly; its model of implied end tags is approximate and
//     errs high for the usual shapes (unclosed or mismatched tags, "<div/>").
//     It is a guard against accidents and simple attacks, not a proof: an
//     input crafted around the formatting-element rules can still be slow
//     (never crash).
//   - The same pre-scan counts start tags and refuses documents with more
//     than HtmlParseOptions::max_elements, which bounds gumbo's memory
//     (roughly 200-300 bytes per element) whatever the record size limit.
// Consumers that walk the tree must do so without recursion (the tree can be
// thousands of levels deep).
//
// Thread-safety: a document is used by one thread; gumbo keeps no global
// state, so documents on different threads are independent.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace newsflow {

// Far above real pages (Chromium stops nesting elements at 512) yet keeps
// gumbo's worst case for a 4 MiB record around a second.
inline constexpr size_t kDefaultMaxHtmlDepth = 2048;
inline constexpr size_t kDefaultMaxHtmlElements = 200000;

struct HtmlParseOptions {
  // Refuse documents whose estimated element nesting exceeds this; 0 means
  // no limit (only for trusted input: time can grow quadratically).
  size_t max_depth = kDefaultMaxHtmlDepth;
  // Refuse documents with more start tags than this (0: no limit). Real
  // article pages have a few thousand; a 4 MiB record of nothing but tags has
  // about a million.
  size_t max_elements = kDefaultMaxHtmlElements;
};

enum class HtmlParseStatus {
  kOk,
  kTooDeep,          // refused by the nesting estimate; the document stays empty
  kTooManyElements,  // refused by the element count; the document stays empty
};

class HtmlDocument {
 public:
  HtmlDocument();
  ~HtmlDocument();
  HtmlDocument(HtmlDocument&&) noexcept;
  HtmlDocument& operator=(HtmlDocument&&) noexcept;
  HtmlDocument(const HtmlDocument&) = delete;
  HtmlDocument& operator=(const HtmlDocument&) = delete;

  // Parses `html`, replacing any earlier tree. `html` must stay alive and
  // unchanged as long as this document is used: gumbo's nodes point into it
  // (original_tag, original_text). Invalid UTF-8 becomes U+FFFD in text nodes.
  HtmlParseStatus Parse(std::string_view html, const HtmlParseOptions& options = {});

  // The document node (children: doctype-less tree with <html>), and the
  // <html> element. Null before a successful Parse().
  const GumboNode* document() const;
  const GumboNode* root() const;

 private:
  struct Storage;
  std::unique_ptr<Storage> storage_;
};

// The nesting pre-scan on its own (after SVG/MathML removal, as Parse does):
// true if the estimated depth of `html` is at most max_depth (max_depth 0:
// always true). Linear time.
bool HtmlNestingWithin(std::string_view html, size_t max_depth);

}  // namespace newsflow
