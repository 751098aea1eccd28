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
  // Dedicated flags: (setting path, value, option). A flag given with an
  // empty value (--metrics-address "") still overrides: empty is meaningful.
  struct Flag {
    const char* path;
    std::string value;
    CLI::Option* option = nullptr;
  };
  std::vector<Flag> flags = {
      {"kafka.brokers", {}},
      {"kafka.group_id", {}},
      {"kafka.input_topics", {}},
      {"kafka.output_topic", {}},
      {"kafka.dead_letter_topic", {}},
      {"pipeline.workers", {}},
      {"metrics.address", {}},
      {"log.level", {}},
      {"log.format", {}},
  };

  void AddTo(CLI::App* app) {
    static const char* const kNames[][2] = {
        {"--brokers", "kafka.brokers (bootstrap servers)"},
        {"--group-id", "kafka.group_id"},
        {"--input-topics", "kafka.input_topics, comma-separated; ^regex allowed"},
        {"--output-topic", "kafka.output_topic"},
        {"--dead-letter-topic", "kafka.dead_letter_topic"},
        {"--workers", "pipeline.workers (0: one per core)"},
        {"--metrics-address", "metrics.address (host:port; empty disables the HTTP server)"},
        {"--log-level", "log.level"},
        {"--log-format", "log.format (json or text)"},
    };
    app->add_option("--config,-c", config_path, "YAML configuration file");
    for (size_t i = 0; i < flags.size(); ++i) {
      flags[i].option = app->add_option(kNames[i][0], flags[i].value, kNames[i][1]);
    }
    app->add_option("--set", sets, "any setting as path=value, e.g. pipeline.ordering=key");
  }

  bool Overrides(newsflow::ConfigOverrides* out, std::string* error) const {
    for (const auto& flag : flags) {
      if (flag.option->count() > 0) out->emplace_back(flag.path, flag.value);
    }
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

  CLI::App* eval = app.add_subcommand("eval", "measure cleaning quality on evaluation data");
  eval->require_subcommand(1);
  newsflow::EvalHtmlOptions eval_html_options;
  CLI::App* eval_html =
      eval->add_subcommand("html", "main-text extraction and metadata against expected pages");
  eval_html
      ->add_option("pages", eval_html_options.pages,
                   "directory of pages, each with source.html, expected.html and "
                   "expected-metadata.json")
      ->required();
  eval_html->add_flag("--per-page", eval_html_options.per_page, "print one line per page");
  newsflow::EvalResidueOptions eval_residue_options;
  CLI::App* eval_residue = eval->add_subcommand(
      "residue", "copy-editing residue repair: injected residue repaired, errors on clean text");
  eval_residue
      ->add_option("corpus", eval_residue_options.corpus,
                   "directory tree of clean plain-text articles (*.txt)")
      ->required();
  eval_residue->add_option("--seed", eval_residue_options.seed, "injector seed");
  eval_residue->add_option("--limit", eval_residue_options.limit, "articles to use (0: all)");
  eval_residue->add_flag("--examples", eval_residue_options.examples,
                         "print missed repairs and false changes");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : newsflow::kExitConfigError;
  }

  if (eval_html->parsed()) return newsflow::EvalHtmlCommand(eval_html_options);
  if (eval_residue->parsed()) return newsflow::EvalResidueCommand(eval_residue_options);

  newsflow::Config config;
  if (run->parsed()) {
    if (!LoadOrExplain(run_flags, &config)) return newsflow::kExitConfigError;
    return newsflow::RunCommand(config);
  }
  if (!LoadOrExplain(process_flags, &config)) return newsflow::kExitConfigError;
  return newsflow::ProcessCommand(config, process_options);
}
