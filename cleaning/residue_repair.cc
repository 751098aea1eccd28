#include "cleaning/residue_repair.h"

namespace newsflow {

ResidueRepairResult RepairCopyEditResidue(std::string_view text) {
  ResidueRepairResult result;
  result.text.assign(text);
  return result;
}

}  // namespace newsflow
