// A byline recognized by the author names already known from the page's
// metadata, in any language: "Par Camille Ferrant, le 2 octobre 2026",
// "Von Anna Beispiel | 3. März 2026", "Camille Ferrant — staff writer".
// (cleaning/dateline.h handles the English "By ..." form without metadata.)
//
// A paragraph is such a byline when all of these hold:
//   - it is one of the first two paragraphs, and not the only paragraph;
//   - it is at most kMaxKnownBylineBytes long;
//   - it contains one of `authors` verbatim;
//   - without the author names it has at most kMaxKnownBylineOtherWords
//     words (a preposition, a date, a role);
//   - it does not end like a sentence (. ! ? or a closing quote), which keeps
//     "Camille Ferrant said the hall would open." in the text.
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {

inline constexpr size_t kMaxKnownBylineBytes = 200;
inline constexpr int kMaxKnownBylineOtherWords = 6;

struct KnownBylineSplit {
  std::string text;    // `text` without the byline paragraph
  std::string byline;  // the paragraph removed; empty if none (text unchanged)
};

// `text` is normalized paragraphs ("\n\n" between them).
KnownBylineSplit RemoveKnownByline(std::string_view text, const std::vector<std::string>& authors);

}  // namespace newsflow
