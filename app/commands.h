// Subcommands of the `newsflow` executable. Each returns a process exit code
// (newsflow/shutdown.h lists them).
#pragma once

#include <cstddef>
#include <cstdint>
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

// Evaluation commands measure quality on data the project does not ship
// (e.g. ../shared). A missing data directory is not an error: they print
// "skipped: ..." on stderr and exit 0, so scripts and tests skip cleanly.

struct EvalHtmlOptions {
  std::string pages;      // directory of <page>/{source.html,expected.html,expected-metadata.json}
  bool per_page = false;  // also print one line per page
};

// `newsflow eval html`: main-text extraction (word 4-gram shingle P/R/F1)
// and metadata accuracy.
int EvalHtmlCommand(const EvalHtmlOptions& options);

struct EvalResidueOptions {
  std::string corpus;     // directory tree of clean plain-text articles (*.txt)
  uint64_t seed = 1;      // injector seed
  size_t limit = 0;       // articles to use; 0: all
  bool examples = false;  // print missed repairs and false changes
};

// `newsflow eval residue`: injects copy-editing residue into clean text and
// reports the share repaired and the word error rate introduced on clean text.
int EvalResidueCommand(const EvalResidueOptions& options);

}  // namespace newsflow
