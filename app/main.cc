// newsflow: streaming news-feed processor. See README.md and docs/.
#include <signal.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "newsflow/build_info.h"
#include "newsflow/config.h"
#include "newsflow/shutdown.h"

namespace {

// Flags shared by `run` and `process`, turned into dotted config overrides.
struct CommonFlags {
  std::string config_path;
  std::vector<std::string> sets;
  std::string brokers, group_id, input_topics, output_topic, dead_letter_topic, metrics_address,
      log_level, log_format;
  std::string workers;

  void AddTo(CLI::App* app) {
    app->add_option("--config,-c", config_path, "YAML configuration file");
    app->add_option("--brokers", brokers, "kafka.brokers (bootstrap servers)");
    app->add_option("--group-id", group_id, "kafka.group_id");
    app->add_option("--input-topics", input_topics, "kafka.input_topics, comma-separated");
    app->add_option("--output-topic", output_topic, "kafka.output_topic");
    app->add_option("--dead-letter-topic", dead_letter_topic, "kafka.dead_letter_topic");
    app->add_option("--workers", workers, "pipeline.workers (0: one per core)");
    app->add_option("--metrics-address", metrics_address, "metrics.address (host:port)");
    app->add_option("--log-level", log_level, "log.level");
    app->add_option("--log-format", log_format, "log.format (json or text)");
    app->add_option("--set", sets, "any setting as path=value, e.g. pipeline.ordering=key");
  }

  bool Overrides(newsflow::ConfigOverrides* out, std::string* error) const {
    auto add = [&](const char* path, const std::string& value) {
      if (!value.empty()) out->emplace_back(path, value);
    };
    add("kafka.brokers", brokers);
    add("kafka.group_id", group_id);
    add("kafka.input_topics", input_topics);
    add("kafka.output_topic", output_topic);
    add("kafka.dead_letter_topic", dead_letter_topic);
    add("metrics.address", metrics_address);
    add("log.level", log_level);
    add("log.format", log_format);
    add("pipeline.workers", workers);
    for (const auto& set : sets) {
      const auto eq = set.find('=');
      if (eq == std::string::npos || eq == 0) {
        *error = "--set '" + set + "': expected path=value";
        return false;
      }
      out->emplace_back(set.substr(0, eq), set.substr(eq + 1));
    }
    return true;
  }
};

bool LoadOrExplain(const CommonFlags& flags, newsflow::Config* config) {
  newsflow::ConfigOverrides overrides;
  std::string flag_error;
  if (!flags.Overrides(&overrides, &flag_error)) {
    std::cerr << "newsflow: " << flag_error << "\n";
    return false;
  }
  newsflow::ConfigError error;
  if (!newsflow::LoadConfig(flags.config_path, newsflow::ProcessEnvironment(), overrides, config,
                            &error)) {
    std::cerr << "newsflow: configuration error: " << error.setting << ": " << error.message
              << "\n";
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"newsflow: streaming news-feed processor"};
  app.require_subcommand(1);
  app.set_version_flag("--version",
                       std::string(newsflow::kVersion) + " (" + newsflow::kGitCommit + ")");

  CommonFlags run_flags;
  CLI::App* run = app.add_subcommand("run", "consume from Kafka, enrich, publish (the daemon)");
  run_flags.AddTo(run);

  CommonFlags process_flags;
  newsflow::ProcessOptions process_options;
  CLI::App* process =
      app.add_subcommand("process", "run the pipeline over JSON Lines, without Kafka");
  process_flags.AddTo(process);
  process->add_option("--input,-i", process_options.input, "input JSON Lines file, - for stdin");
  process->add_option("--output,-o", process_options.output,
                      "enriched JSON Lines file, - for stdout");
  process->add_option("--dead-letter", process_options.dead_letter,
                      "file for records that cannot be processed (JSON Lines, with reasons)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : newsflow::kExitConfigError;
  }

  newsflow::Config config;
  if (run->parsed()) {
    if (!LoadOrExplain(run_flags, &config)) return newsflow::kExitConfigError;
    return newsflow::RunCommand(config);
  }
  if (!LoadOrExplain(process_flags, &config)) return newsflow::kExitConfigError;
  return newsflow::ProcessCommand(config, process_options);
}
