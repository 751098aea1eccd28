#include "newsflow/reason.h"

namespace newsflow {

std::string_view ReasonName(Reason reason) {
  switch (reason) {
    case Reason::kNone:
      return "none";
    case Reason::kMalformedJson:
      return "malformed_json";
    case Reason::kNotAnObject:
      return "not_an_object";
    case Reason::kTooLarge:
      return "too_large";
    case Reason::kTooDeep:
      return "too_deep";
    case Reason::kInvalidUtf8:
      return "invalid_utf8";
    case Reason::kInvalidField:
      return "invalid_field";
    case Reason::kMissingBody:
      return "missing_body";
    case Reason::kEmptyText:
      return "empty_text";
    case Reason::kStageError:
      return "stage_error";
    case Reason::kProduceFailed:
      return "produce_failed";
  }
  // Only reachable through a cast of an out-of-range integer.
  return "unknown";
}

}  // namespace newsflow
