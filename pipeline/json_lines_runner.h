// Runs the pipeline over JSON Lines without Kafka (`newsflow process`).
//
// Each input line is one raw record (provenance: topic = input name,
// partition 0, offset = zero-based line number). The same stages as the
// daemon run on a worker pool; enriched records are written to `output` and
// dead letters (as JSON, see docs/OUTPUT.md) to `dead_letter`, both in input
// order. Blank lines are skipped and counted. Memory is bounded by
// pipeline.max_in_flight_records / _bytes: the reader waits for the writers.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>

#include "newsflow/config.h"
#include "newsflow/metrics.h"
#include "newsflow/stage_registry.h"

namespace newsflow {

struct JsonLinesSummary {
  int64_t lines = 0;  // non-blank input lines
  int64_t blank = 0;
  int64_t enriched = 0;
  int64_t dead_lettered = 0;
  int64_t dropped = 0;
};

// Returns false and sets *error when the pipeline cannot be built or an
// output stream fails. `dead_letter` may be nullptr: dead letters are then
// only logged and counted.
bool RunJsonLines(const Config& config, const StageRegistry& registry, Metrics& metrics,
                  const std::string& input_name, std::istream& input, std::ostream& output,
                  std::ostream* dead_letter, JsonLinesSummary* summary, std::string* error);

}  // namespace newsflow
