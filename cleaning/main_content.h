// Main-content extraction from a parsed HTML page: the article body, without
// navigation, asides, footers, comments, share and related-links blocks,
// forms and bylines.
//
// The algorithm is Mozilla Readability.js's (2024), ported to a light,
// mutable copy of the gumbo tree (the parsed document is never changed), so
// the output follows what Readability keeps:
//   1. Script, noscript, style, template and the head are left out; runs of
//      two or more <br> start a new paragraph holding the inline content
//      that follows; <font> then counts as <span>.
//   2. One walk in document order drops hidden elements (hidden attribute,
//      aria-hidden="true", style display:none or visibility:hidden), modal
//      dialogs, the first byline (rel=author, itemprop~author or class/id
//      like byline|author|dateline, under 100 characters; only when neither
//      meta tags nor JSON-LD name the author), the first h1/h2 repeating the
//      page title (JSON-LD headline/name, else dc/og/twitter title meta, else
//      <title> minus its site-name part), "unlikely" blocks (class/id like
//      comment|footer|header|menu|related|social|sidebar|sponsor|pagination|
//      ... unless also like article|body|content|main|column|shadow|and; not
//      inside a table or code; role menu|navigation|complementary|dialog|
//      alert...) and empty containers. Inline content directly in a <div>
//      is wrapped into paragraphs; a div without block children becomes a
//      paragraph, a div holding one paragraph becomes that paragraph.
//   3. Every paragraph-like element (p, pre, td, section, h2-h6) of at least
//      25 characters scores 1 + (commas + 1) + 1 per 100 characters (up to
//      3); the score goes to its parent, half to the grandparent and
//      1/(3 * level) further up, 5 levels. An ancestor starts with a tag
//      bonus (div +5, pre/td/blockquote +3, lists/forms -3, headings -5) and
//      a class/id weight (+25 for article|body|content|entry|main|page|post|
//      text|blog|story, -25 for comment|footer|share|related|sidebar|sponsor|
//      promo|widget|meta|media|tags|hidden|-ad-|...). Scores are scaled by
//      (1 - link density); text of "#fragment" links counts 0.3.
//   4. The best candidate may give way to an ancestor shared by three
//      near-best candidates (>= 75%), to a higher-scoring parent, or to its
//      parent when it is an only child. Its siblings join when they score at
//      least max(10, 20% of the best) (+20% of the best for the same class),
//      or are paragraphs with little or no linked text.
//   5. Inside the result: object, embed, iframe, footer, aside, nav, link,
//      input, textarea, select and button go; so do share blocks (class/id
//      word "share") under 500 characters, h1/h2 with a negative class
//      weight and empty paragraphs. Forms, fieldsets, tables (not data
//      tables), lists and divs go when "fishy": a negative class weight, or,
//      with fewer than 10 commas, only ad or "loading..." words, more images
//      than twice the paragraphs, more than 100 list items beyond the
//      paragraphs outside a list, too many inputs, short and linked, link
//      density above 0.2 (0.5 with a positive class; lists are exempt from
//      the 0.2 rule), unexplained embeds, or no text at all. Lists of links
//      inside the article therefore stay, as in Readability.
//   6. Under MainContentOptions::min_article_chars characters, everything is
//      rerun without dropping unlikely blocks, then also without class
//      weights, then also without the fishy-block cleaning; the longest
//      result wins.
// Lengths are counted as JavaScript does (UTF-16 code units), with
// whitespace runs counted once.
//
// When every attempt comes out empty (all text in asides, footers, buttons,
// ...), the text of the first <article>, <main>, role=main or
// itemprop=articleBody container is returned, minus nav, aside, footer,
// header, form and navigation roles; failing that the body's text minus
// those; failing that all visible text. So the result is empty only when the
// page has no visible text. A fragment (a body holding a few paragraphs)
// comes back whole: the body itself is the best candidate.
//
// Entity references left in the text after parsing (a page that escaped
// twice: "&amp;amp;" parses to the text "&amp;") are decoded once more; see
// DecodeLeftoverEntities (cleaning/html_entities.h).
//
// Deliberate differences from Readability: <nav> inside the article is
// dropped; "foot"/"footnote" classes are not negative (footnotes stay; the
// reference outputs measured keep them); double-escaped entities are
// decoded; "style" is read as a browser would (display:none !important
// hides). Incidental: svg/math elements are gone before parsing
// (HtmlDocument), which changes the shape of their containers.
//
// Cost: linear in the size of the tree (a few passes, no recursion: the tree
// can be thousands of levels deep; text is only read out of small subtrees),
// at most four attempts. Around 10% on top of the gumbo parse on news pages.
//
// Thread-safety: pure functions; `document` is only read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "cleaning/html_document.h"

namespace newsflow {

struct MainContentOptions {
  // Content shorter than this (UTF-16 units, whitespace runs counted once)
  // makes the extractor retry with looser rules (Readability's
  // charThreshold).
  int32_t min_article_chars = 500;
  // Decode entity references that survive parsing (DecodeLeftoverEntities in
  // cleaning/html_entities.h).
  bool decode_leftover_entities = true;
};

// The article body of `document` as normalized text (NormalizeParagraphs):
// paragraphs, headings and list items separated by "\n\n". Empty when the
// page has no visible text or `document` was not parsed.
std::string ExtractMainContent(const HtmlDocument& document,
                               const MainContentOptions& options = {});

}  // namespace newsflow
