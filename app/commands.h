// Subcommands of the `newsflow` executable. Each returns a process exit code
// (newsflow/shutdown.h lists them).
#pragma once

#include <string>

#include "newsflow/config.h"

namespace newsflow {

// `newsflow run`: the Kafka daemon.
int RunCommand(const Config& config);

struct ProcessOptions {
  std::string input = "-";   // file path or "-" for stdin
  std::string output = "-";  // file path or "-" for stdout
  std::string dead_letter;   // file path; empty: dead letters only logged
};

// `newsflow process`: the same pipeline over JSON Lines.
int ProcessCommand(const Config& config, const ProcessOptions& options);

}  // namespace newsflow
