#include "cleaning/boilerplate.h"

namespace newsflow {

BoilerplateResult RemoveTrailingBoilerplate(std::string_view text) {
  BoilerplateResult result;
  result.text.assign(text);
  return result;
}

}  // namespace newsflow
