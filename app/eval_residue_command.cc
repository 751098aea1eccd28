// STUB: being written.
#include <iostream>

#include "app/commands.h"

namespace newsflow {

int EvalResidueCommand(const EvalResidueOptions& /*options*/) {
  std::cerr << "newsflow eval residue: not implemented yet\n";
  return 1;
}

}  // namespace newsflow
