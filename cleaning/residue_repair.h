// Repair of flattened copy-editing residue in plain text.
// STUB: interface fixed; the implementation is being written.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "newsflow/article.h"

namespace newsflow {

struct ResidueRepairResult {
  std::string text;
  std::vector<Repair> repairs;  // one per change, in text order
};

// `text` is normalized paragraphs (paragraphs separated by "\n\n").
ResidueRepairResult RepairCopyEditResidue(std::string_view text);

}  // namespace newsflow
