// STUB: being written.
#include <iostream>

#include "app/commands.h"

namespace newsflow {

int EvalHtmlCommand(const EvalHtmlOptions& /*options*/) {
  std::cerr << "newsflow eval html: not implemented yet\n";
  return 1;
}

}  // namespace newsflow
