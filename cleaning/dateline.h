// Splits a dateline ("TEL AVIV, Israel —", "NEW YORK (Reuters) -",
// "WASHINGTON, March 3 -") and a byline paragraph ("By Jane Doe and John
// Roe") off the start of normalized article text.
//
// Conservative by design: a dateline needs an all-capitals place of at least
// three letters, at most a region, a date and an agency after it, and a dash
// separator within the first 100 bytes of the first paragraph; a byline is a
// short paragraph among the first two that starts with "By " and holds only
// capitalized name words. Anything else is left alone.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsflow {

struct LeadSplit {
  std::string dateline;              // without the separator; empty if none
  std::vector<std::string> authors;  // from the byline; empty if none
  std::string text;                  // the text without dateline and byline
};

// `text` uses the normalized form: paragraphs separated by "\n\n".
LeadSplit SplitDatelineAndByline(std::string_view text);

}  // namespace newsflow
