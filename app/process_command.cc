#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>
#include <memory>

#include "app/commands.h"
#include "newsflow/metrics.h"
#include "newsflow/shutdown.h"
#include "newsflow/stage_registry.h"
#include "observability/logging.h"
#include "pipeline/json_lines_runner.h"

namespace newsflow {

int ProcessCommand(const Config& config, const ProcessOptions& options) {
  SetupLogging(config.log.level, config.log.format);
  StageRegistry registry;
  RegisterBuiltinStages(registry);

  std::ifstream input_file;
  std::istream* input = &std::cin;
  if (options.input != "-") {
    input_file.open(options.input, std::ios::binary);
    if (!input_file) {
      std::cerr << "newsflow process: cannot open input '" << options.input << "'\n";
      return kExitConfigError;
    }
    input = &input_file;
  }
  std::ofstream output_file;
  std::ostream* output = &std::cout;
  if (options.output != "-") {
    output_file.open(options.output, std::ios::binary | std::ios::trunc);
    if (!output_file) {
      std::cerr << "newsflow process: cannot open output '" << options.output << "'\n";
      return kExitConfigError;
    }
    output = &output_file;
  }
  std::ofstream dead_letter_file;
  if (!options.dead_letter.empty()) {
    dead_letter_file.open(options.dead_letter, std::ios::binary | std::ios::trunc);
    if (!dead_letter_file) {
      std::cerr << "newsflow process: cannot open dead-letter file '" << options.dead_letter
                << "'\n";
      return kExitConfigError;
    }
  }

  std::vector<std::string> stage_names = config.pipeline.stages;
  stage_names.push_back("publish");
  Metrics metrics(std::make_shared<prometheus::Registry>(), stage_names);
  JsonLinesSummary summary;
  std::string error;
  if (!RunJsonLines(config, registry, metrics, options.input == "-" ? "stdin" : options.input,
                    *input, *output, options.dead_letter.empty() ? nullptr : &dead_letter_file,
                    &summary, &error)) {
    std::cerr << "newsflow process: " << error << "\n";
    return error.rfind("pipeline.stages", 0) == 0 ? kExitConfigError : kExitRuntimeError;
  }
  spdlog::info("processed {} records: {} enriched, {} dead-lettered, {} dropped ({} blank lines)",
               summary.lines, summary.enriched, summary.dead_lettered, summary.dropped,
               summary.blank);
  return kExitOk;
}

}  // namespace newsflow
