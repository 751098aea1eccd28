// Why an article left the normal path. The set is closed and small so it can
// be used as a Prometheus label value and as the dead-letter reason header.
#pragma once

#include <string_view>

namespace newsflow {

enum class Reason {
  kNone = 0,
  kMalformedJson,  // the value is not valid JSON
  kNotAnObject,    // valid JSON, but not an object
  kTooLarge,       // the record is larger than limits.max_record_bytes
  kTooDeep,        // nesting deeper than the parser's limit
  kInvalidUtf8,    // invalid UTF-8 beyond the repair policy
  kInvalidField,   // a known field has the wrong type
  kMissingBody,    // neither `body` nor `html` carries text
  kEmptyText,      // nothing usable remains after the stages
  kStageError,     // a stage failed unexpectedly (exception, internal error)
  kProduceFailed,  // the enriched record could not be published (permanent)
};

// Stable snake_case name, used in the dead-letter header, logs and metrics.
std::string_view ReasonName(Reason reason);

// Every reason except kNone, for pre-creating metric series.
inline constexpr Reason kAllReasons[] = {
    Reason::kMalformedJson, Reason::kNotAnObject,   Reason::kTooLarge,    Reason::kTooDeep,
    Reason::kInvalidUtf8,   Reason::kInvalidField,  Reason::kMissingBody, Reason::kEmptyText,
    Reason::kStageError,    Reason::kProduceFailed,
};

}  // namespace newsflow
