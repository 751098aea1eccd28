// Dead-letter records: the original record, unchanged, plus why it failed.
// docs/OUTPUT.md ("Dead-letter records") is the contract for consumers.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "newsflow/article.h"
#include "newsflow/reason.h"
#include "newsflow/record_sink.h"

namespace newsflow {

// Longest newsflow.error.message header value, in bytes.
inline constexpr size_t kMaxErrorMessageBytes = 1024;

// Builds the dead-letter message for `raw`:
//   - destination kDeadLetter;
//   - key, value and headers exactly as in `raw` (bytes, order, duplicates;
//     a null key stays null), followed by these headers, in this order:
//       newsflow.error.reason     ReasonName(reason)
//       newsflow.error.message    `message`, invalid UTF-8 replaced by U+FFFD,
//                                 cut at a character boundary to at most
//                                 kMaxErrorMessageBytes ending in "…" if cut
//       newsflow.error.stage      `stage` (invalid UTF-8 replaced)
//       newsflow.source.topic     raw.provenance.topic
//       newsflow.source.partition decimal
//       newsflow.source.offset    decimal
//       newsflow.error.time       now_ms as RFC 3339 UTC (FormatRfc3339Utc)
//   - timestamp_ms: the original record's timestamp if it has one (>= 0),
//     else now_ms.
OutboundMessage MakeDeadLetter(const RawRecord& raw, Reason reason, std::string_view message,
                               std::string_view stage, int64_t now_ms);

// One JSON object (no trailing newline) describing a dead-letter message, for
// the offline mode's --dead-letter file:
//   {"reason", "message", "stage", "source": {"topic", "partition", "offset"},
//    "time", "key", "value"}
// The error and source fields come from the newsflow.* headers (the last one
// of each name, so a record that was dead-lettered before reports the newest
// failure); a missing header gives null, partition and offset are numbers.
// "key" is null for a null key. A key or value that is not valid UTF-8 is
// written as "key_base64" / "value_base64" (RFC 4648 standard alphabet,
// padded) instead of "key" / "value", so the bytes are never altered.
std::string DeadLetterJsonLine(const OutboundMessage& dead_letter);

}  // namespace newsflow
