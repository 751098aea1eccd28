// Boilerplate at the end of plain-text articles: trailing navigation,
// copyright lines, agency credits and author bios.
//
// Only the end of the article is touched: paragraphs are examined from the
// last one backwards and the walk stops at the first paragraph that is not
// recognized, so nothing inside the article is ever removed. The rules are
// lexical and conservative: an unrecognized paragraph is article text.
//
// Kinds (Removal::kind):
//   "navigation": a paragraph starting with "More in/from" followed by
//       title-case words only; "Read more", "Read next", "Related:",
//       "Related articles/stories/coverage/content/links/posts/reading",
//       "Share this/on", "Subscribe", "Sign up for/to", "Follow us/him/her/
//       them on", "Click here", "Back to top", "See also", "Also read",
//       "Tags:", "Tag:", "Topics:", "Categories:", "Category:", "Filed
//       under", "Keywords:", "Comments" (alone, with a count, or "Comments
//       are closed", "View/Show/Leave/Add a comment(s)"); at most 300 bytes.
//       A short title-case line (at most 80 bytes, 1-8 words, each
//       capitalized or a connector such as "and", "&", "|"; no digits, no
//       sentence punctuation, no quotation) is navigation only when it comes
//       after (in the text) another recognized piece, as in a link list under
//       "More in ..."; before that, or alone, it could be a signature, a
//       subhead or a table row and is kept.
//       Also a dangling "Visit her/his/their/my/our website/blog at" with
//       nothing after it, cut from the end of the paragraph it ends (the
//       rest of that paragraph is then examined on its own, e.g. as a bio).
//   "copyright": a paragraph of at most 300 bytes starting with "©",
//       "(c) "/"(C) " or "Copyright" followed by "©", "(c)", a year or only
//       capitalized words/numbers; or containing "All rights reserved".
//   "credits": a paragraph of at most 300 bytes, optionally in parentheses,
//       made of ";"-separated parts each of which is "Reporting by",
//       "Additional reporting by", "Writing by", "Editing by", "Compiled by",
//       "Reporting and writing by" or "Research by" followed by names only
//       (capitalized words and "and", "in", "from", "de", ...): Reuters
//       style. Also a paragraph starting with a capitalized word that says
//       "contributed to this report/story" or "contributed reporting" (a
//       credit, not a biography).
//   "author_bio": a paragraph below 1,000 bytes starting with "About the
//       author" (or below 1,000 bytes, without quotation or news cue, and
//       preceded by a paragraph that is only that heading, removed with
//       it); or a paragraph below 600 bytes with 1-4 sentences (initials,
//       "U.S." and "Dr." do not end one) that has all of:
//         - it starts with a name: 1-4 capitalized words (hyphens,
//           apostrophes, initials and particles such as "de", "van" allowed;
//           not a determiner or pronoun such as "The", "It", "She") followed
//           by "is", "was", "has", "covers", "writes", "reports", "serves"
//           or "joined";
//         - the first sentence names a profession (reporter, correspondent,
//           editor, journalist, bureau chief, writer, columnist, contributor,
//           freelance, producer, photographer, blogger, author, ...);
//         - at least one more cue: coverage verbs (covers, covering, has
//           covered, writes about/for, reports on, specializes in), personal
//           details ("lives", "based in", "his/her/their website", "follow
//           him/her", "Twitter", "email"), or a first sentence whose
//           predicate is that profession at a named organization ("is
//           technology correspondent for The World", "is the editor of
//           Develop magazine");
//         - no reported speech or news cue: no double quotation marks and
//           none of "said", "says", "told", "according to", "died",
//           "killed", "arrested", "charged", "convicted", "sentenced",
//           "accused", "resigned", "fired", "announced", "expected", "will",
//           "plans to" (and a few more).
//       The bio goes to author_bio (several bios joined by "\n\n") and is
//       also listed in `removed`.
// At most 12 pieces are removed. The start of a paragraph is searched for
// only within the 1,000 bytes before its end (no rule accepts a longer one),
// so the work is bounded by the removed text plus 1,000 bytes.
//
// Limitations: English cues only; a bio written in the first person, or one
// that quotes the author, is kept; navigation inside a paragraph of article
// text is kept.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "newsflow/article.h"

namespace newsflow {

struct BoilerplateResult {
  std::string text;              // the input without what was removed
  std::string author_bio;        // empty if none
  std::vector<Removal> removed;  // every piece cut, in text order, incl. the bio
};

// `text` is normalized paragraphs (paragraphs separated by "\n\n", as
// NormalizeParagraphs / NormalizePlainText produce). `text` of the result is
// a prefix of the input with trailing spaces trimmed.
BoilerplateResult RemoveTrailingBoilerplate(std::string_view text);

}  // namespace newsflow
