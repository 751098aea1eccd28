// The page-level facts Readability.js's main-content algorithm consults
// (cleaning/main_content.h), read once per document:
//   - title: _getArticleTitle (the <title> text cut at separators such as
//     " | " and ": ", or the single <h1>), replaced by the title of the first
//     schema.org article in JSON-LD (_getJSONLD: @context schema.org, a
//     string @type matching Readability's article types, top level or in
//     @graph; name or headline, whichever is closer to the document title)
//     or else by a title meta tag (og:title, dc:title, twitter:title, ...),
//     entity references decoded (DecodeLeftoverEntities). Headings equal to
//     it are dropped from the article.
//   - has_meta_byline: JSON-LD names an author or a meta tag gives one
//     (dc:creator, author, parsely-author, ...); the extractor then stops
//     looking for a byline element in the body.
// This deliberately follows Readability, not cleaning/html_metadata.h
// (which reads more sources and keeps more fields): the extractor's output
// is measured against Readability's.
//
// Thread-safety: pure function; the tree is only read. Cost: one walk over
// the tree; heading text is read (bounded) only when the title needs it.
#pragma once

#include <gumbo.h>

#include <string>

namespace newsflow {

struct ReadabilityPageFacts {
  std::string title;
  bool has_meta_byline = false;
};

// Facts of the document whose root (the <html> element or the document node)
// is `root`; empty facts when `root` is null.
ReadabilityPageFacts ReadReadabilityPageFacts(const GumboNode* root);

}  // namespace newsflow
