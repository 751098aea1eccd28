// Main-content extraction from a parsed HTML page: the article body, without
// navigation, asides, footers, share and related-links blocks.
// STUB: interface fixed; the implementation is being written.
#pragma once

#include <string>

#include "cleaning/html_document.h"

namespace newsflow {

struct MainContentOptions {};

// The article body of `document` as normalized text: paragraphs (and
// headings, list items) separated by "\n\n". Empty when the page has no
// visible text.
std::string ExtractMainContent(const HtmlDocument& document,
                               const MainContentOptions& options = {});

}  // namespace newsflow
