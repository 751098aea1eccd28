// Kafka header names newsflow writes, and the provenance headers of enriched
// records. docs/OUTPUT.md is the contract for consumers.
//
// Values are UTF-8 text; numbers are written in decimal, times as RFC 3339
// UTC with milliseconds. There is no header for the original record
// timestamp: a dead-letter record carries it as its own Kafka timestamp.
//
// Thread-safety: pure functions and constants.
#pragma once

#include <string_view>
#include <vector>

#include "newsflow/article.h"

namespace newsflow {

// Where the input record came from (enriched and dead-letter records).
inline constexpr std::string_view kHeaderSourceTopic = "newsflow.source.topic";
inline constexpr std::string_view kHeaderSourcePartition = "newsflow.source.partition";
inline constexpr std::string_view kHeaderSourceOffset = "newsflow.source.offset";

// Why a record was dead-lettered (dead-letter records only).
inline constexpr std::string_view kHeaderErrorReason = "newsflow.error.reason";    // ReasonName()
inline constexpr std::string_view kHeaderErrorMessage = "newsflow.error.message";  // <= 1 KiB
inline constexpr std::string_view kHeaderErrorStage = "newsflow.error.stage";      // Stage::Name()
inline constexpr std::string_view kHeaderErrorTime = "newsflow.error.time";        // RFC 3339

// newsflow.source.topic, .partition and .offset, in that order.
std::vector<Header> ProvenanceHeaders(const Provenance& provenance);

}  // namespace newsflow
