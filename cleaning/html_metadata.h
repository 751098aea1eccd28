// Article metadata from a parsed HTML page: JSON-LD, meta tags and visible
// markup. The precedence follows Readability.js (Mozilla's reader view)
// where it has one, so that results are comparable with its test pages.
//
// Sources:
//   JSON-LD: the first <script type="application/ld+json"> object whose
//     @type is an article type (Article, NewsArticle and every other
//     *Article type, Report, BlogPosting, LiveBlogPosting,
//     SocialMediaPosting, DiscussionForumPosting, APIReference; a
//     "http://schema.org/" prefix is ignored), found at the top level, in a
//     top-level array, in "@graph" or as "mainEntity" (at most
//     512 values visited per script). A web page object (WebPage,
//     *Page) is used only when no script has an article object, and only for
//     title, date and language, after the meta tags. "@id" references to
//     other nodes of the same script are followed (author, publisher).
//     Scripts larger than kMaxJsonLdBytes and invalid JSON are skipped; a
//     script that fails to parse is retried once with HTML entities decoded
//     (&quot;) and raw control characters (line breaks inside strings)
//     turned into spaces; CDATA and comment wrappers are removed.
//   Meta tags: keys come from `property` (a space-separated list; every
//     token counts; "og:article:x" also counts as "article:x"), `name`
//     (lower-cased, whitespace removed, '.' read as ':', so "DC.title" is
//     "dc:title") and `http-equiv`. A value given through `property` beats
//     the same key given through `name`; otherwise the first element wins.
//
// Per field, the first source that yields a usable value wins:
//   title:        JSON-LD article "name", or its "headline" when only the
//                 headline resembles the document title (Readability.js
//                 similarity > 0.75: some pages put the site in "name"),
//                 then dc:title, dcterm(s):title, og:title, title,
//                 twitter:title, parsely-title, sailthru:title, the web page
//                 object's headline/name, then the document title below.
//   document title: <title> with the site name removed as Readability.js
//                 does: at " | ", " - ", " \ ", " / ", " > ", " » ", " :: ",
//                 " – ", " — " the part after the last separator is dropped
//                 (if fewer than 3 words remain, the part before the first
//                 is dropped instead); "A: B" keeps B unless an <h1>/<h2>
//                 holds the whole title (and keeps all if A has over 5
//                 words); a title under 15 or over 150 bytes without a
//                 separator is replaced by the only <h1>; a result of 4 words
//                 or fewer falls back to the whole title unless exactly one
//                 hierarchical part (\ / > ») was removed. Without <title>:
//                 the first non-empty <h1>. Its text is not decoded again.
//   authors:      JSON-LD article author (string, object with a name, "@id"
//                 reference, or an array of these); dc:creator,
//                 dcterm(s):creator (one creator per element, not split at
//                 commas: "Family, Given"); author; parsely-author;
//                 sailthru:author; article:author (property only); then the
//                 first element in <body> with rel="author", itemprop
//                 containing "author", or a class/id containing byline,
//                 author, writtenby or p-author, whose text is under 100
//                 characters (its itemprop="name" descendant when it has
//                 one). Candidates inside unlikely blocks (<nav>, navigation
//                 ARIA roles, Readability.js "unlikely candidate" class/id
//                 words such as comment, sidebar, footer, header, menu,
//                 unless also article/content/main/...) are used only when
//                 no other candidate gives a name; hidden ones (hidden,
//                 aria-hidden, display:none, visibility:hidden) never.
//                 Values are split at ",", ";", "|", " & " and " and "; a
//                 leading "By", "Written by", "Posted by", "Author:" is
//                 removed; URL and e-mail words are removed ("Jane Doe
//                 (https://...)" keeps "Jane Doe"); names without a letter
//                 or over kMaxAuthorBytes are dropped; duplicates
//                 (ASCII case-insensitive) are removed; at most kMaxAuthors.
//   published:    JSON-LD article datePublished, article:published_time,
//                 og:published_time, parsely-pub-date, sailthru:date,
//                 dc:date, dcterm(s):date, dc:date:issued, dcterms:created,
//                 dcterms:issued, date, pubdate, publishdate, publish-date,
//                 publish_date, itemprop=datePublished (content, datetime or
//                 text), <time datetime pubdate>, the first <time datetime>
//                 inside a <header>, the first inside an <article>, the web
//                 page object's datePublished. The first candidate that
//                 parses wins; when none does, published_raw is the first
//                 candidate and published_at_ms is empty. Parsing is
//                 ParseFeedDate (util/feed_date.h), which already takes ISO
//                 8601 without seconds or zone (UTC), after one normalization
//                 done here: "YYYYMMDD" and "YYYY/MM/DD..." are read as
//                 "YYYY-MM-DD..." (ParseFeedDate would read eight digits as
//                 epoch seconds and does not know slashes); other digit
//                 strings under 9 digits (a bare year) are not dates;
//                 "NN/NN/YYYY[ time]" is month/day or day/month when one of
//                 the two is over 12, and unparsed when ambiguous.
//   site_name:    JSON-LD article publisher name, og:site_name,
//                 application-name, then twitter:site without its '@'.
//   language:     <html lang> (or xml:lang), http-equiv content-language
//                 (first of a list), og:locale ("en_US" becomes "en-US"),
//                 dc:language, dcterms:language, JSON-LD inLanguage. Only
//                 values of ASCII letters, digits and '-' (after '_' becomes
//                 '-') starting with a letter are kept.
//   description:  JSON-LD article description, dc:description,
//                 dcterm(s):description, og:description, description,
//                 twitter:description.
//
// Every output string has HTML entities decoded once more where they come
// from attributes or JSON (gumbo decodes attributes once; some pages escape
// twice; JSON-LD strings often hold entities), is valid UTF-8, has
// whitespace runs collapsed to one space and invisible characters removed
// (NormalizeParagraphs), is trimmed, and is cut at a code-point boundary to
// its cap. An absent field is empty.
//
// Cost: one walk of the tree (no recursion); candidate text is read with a
// byte and node budget; class/id/style values are matched on their first
// 256 bytes; JSON-LD is parsed with simdjson (one parser per call, only when
// the page has JSON-LD). Linear in the document size.
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cleaning/html_document.h"

namespace newsflow {

inline constexpr size_t kMaxTitleBytes = 1000;
inline constexpr size_t kMaxAuthorBytes = 200;
inline constexpr size_t kMaxAuthors = 20;
inline constexpr size_t kMaxSiteNameBytes = 200;
inline constexpr size_t kMaxDescriptionBytes = 2000;
inline constexpr size_t kMaxLanguageBytes = 35;
inline constexpr size_t kMaxPublishedRawBytes = 100;
// JSON-LD scripts above this size are not parsed; at most kMaxJsonLdScripts
// scripts are parsed per page.
inline constexpr size_t kMaxJsonLdBytes = 1 << 20;
inline constexpr size_t kMaxJsonLdScripts = 16;

struct HtmlMetadata {
  std::string title;
  std::vector<std::string> authors;
  std::string published_raw;               // as found in the page (cleaned, capped)
  std::optional<int64_t> published_at_ms;  // parsed, UTC milliseconds
  std::string site_name;
  std::string language;  // as declared, e.g. "en", "en-US"
  std::string description;
};

// Never fails: a document without metadata (or not parsed) gives empty fields.
HtmlMetadata ExtractHtmlMetadata(const HtmlDocument& document);

}  // namespace newsflow
