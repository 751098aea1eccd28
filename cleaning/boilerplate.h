// Boilerplate at the end of plain-text articles: trailing navigation and
// author bios. STUB: interface fixed; the implementation is being written.
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

// `text` is normalized paragraphs (paragraphs separated by "\n\n").
BoilerplateResult RemoveTrailingBoilerplate(std::string_view text);

}  // namespace newsflow
