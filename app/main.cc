// newsflow: streaming news-feed processor. See README.md and docs/.
#include <signal.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/keywords_commands.h"
#include "app/ner_commands.h"
#include "app/places_commands.h"
#include "app/topics_commands.h"
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

  CLI::App* eval =
      app.add_subcommand("eval", "measure cleaning and tagging quality on evaluation data");
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

  newsflow::NerConllOptions ner_options;
  CLI::App* ner = app.add_subcommand("ner", "tag English named entities (IOB2) in a CoNLL file");
  ner->add_option("--conll", ner_options.input,
                  "CoNLL file, token in the first column; - for stdin")
      ->required();
  ner->add_option("--model", ner_options.model, "NER model file")->capture_default_str();
  ner->add_option("--output,-o", ner_options.output,
                  "output: input lines with the predicted tag appended; - for stdout");

  newsflow::EvalTopicsOptions eval_topics_options;
  CLI::App* eval_topics = eval->add_subcommand(
      "topics", "topic classification: micro P/R/F1 and accuracy@1 on fastText-format lines");
  eval_topics->add_option("--model", eval_topics_options.model, "fastText model (.bin or .ftz)")
      ->required();
  eval_topics
      ->add_option("--input", eval_topics_options.input,
                   "fastText-format file: __label__x ... text, one article per line")
      ->required();
  eval_topics->add_option("--threshold", eval_topics_options.threshold,
                          "minimum probability of a predicted label");
  eval_topics->add_option("--max-labels", eval_topics_options.max_labels,
                          "at most this many labels per article (0: no limit)");
  eval_topics->add_flag("--per-label", eval_topics_options.per_label,
                        "also print P/R/F1 per label");
  newsflow::EvalPlacesOptions eval_places_options;
  CLI::App* eval_places = eval->add_subcommand(
      "places", "countries of Reuters-21578 articles against their PLACES tags: micro P/R/F1");
  eval_places->add_option("dir", eval_places_options.dir, "directory of reut2-*.sgm files")
      ->required();
  eval_places->add_option("--limit", eval_places_options.limit, "records to use (0: all)");
  eval_places->add_option("--examples", eval_places_options.examples,
                          "print this many records whose countries differ");
  eval_places->add_option("--geonames", eval_places_options.geonames_file,
                          "GeoNames dump to load (tagging.geonames_file)");
  eval_places->add_option("--min-mentions", eval_places_options.min_mentions,
                          "tuning: the places stage's min_mentions");
  eval_places->add_option("--lead-bytes", eval_places_options.lead_bytes,
                          "tuning: the places stage's lead_bytes");
  eval_places->add_flag("--no-place-counts", eval_places_options.no_place_counts,
                        "tuning: cities and regions do not count for their country");
  eval_places->add_flag("--per-country", eval_places_options.per_country,
                        "also print P/R/F1 per country");

  CLI::App* train = app.add_subcommand("train", "train the models of the tagging stages");
  train->require_subcommand(1);
  newsflow::TrainNerOptions train_ner_options;
  CLI::App* train_ner =
      train->add_subcommand("ner", "train the named-entity tagger on CoNLL-2003 style files");
  train_ner
      ->add_option("--train", train_ner_options.train,
                   "training file, gold IOB2 tag in the last column")
      ->required();
  train_ner->add_option("--dev", train_ner_options.dev,
                        "development file (same format): scores per epoch, selects the epoch");
  train_ner->add_option("--output,-o", train_ner_options.output, "model file to write")->required();
  train_ner->add_option("--epochs", train_ner_options.epochs, "passes over the training data")
      ->capture_default_str();
  train_ner->add_option(
      "--unlabeled", train_ner_options.unlabeled,
      "unlabelled text for word classes: file or directory (*.txt, *.sgm); repeatable");
  train_ner
      ->add_option("--min-count", train_ner_options.min_count,
                   "occurrences a word needs to get a word class")
      ->capture_default_str();
  train_ner
      ->add_option("--runs", train_ner_options.runs,
                   "perceptrons trained with different seeds and averaged")
      ->capture_default_str();
  train_ner->add_flag("--no-gazetteer", train_ner_options.no_gazetteer,
                      "do not use the training data's entity names as features");
  train_ner
      ->add_option("--dictionary", train_ner_options.dictionaries,
                   "word list (one word per line) for dictionary-case features; repeatable")
      ->capture_default_str();
  train_ner->add_option("--person-names", train_ner_options.person_names,
                        "person-name list (\"given|family<TAB>Word\" lines, "
                        "tools/ner_person_names.py) for name features; repeatable");
  train_ner
      ->add_option("--places-table", train_ner_options.places_table,
                   "place table (cities.tsv format, country_aliases.tsv beside it) for name "
                   "features")
      ->capture_default_str();
  train_ner
      ->add_option("--iso-codes", train_ner_options.iso_codes_dir,
                   "directory of Debian iso-codes JSON files (countries, subdivisions, languages)")
      ->capture_default_str();
  train_ner->add_flag("--no-knowledge", train_ner_options.no_knowledge,
                      "no dictionary or place/language name features");
  train_ner->add_option("--hash-bits", train_ner_options.hash_bits, "2^bits feature buckets")
      ->capture_default_str();
  train_ner->add_option("--seed", train_ner_options.seed, "shuffling and clustering seed")
      ->capture_default_str();

  newsflow::TrainTopicsOptions train_topics_options;
  CLI::App* train_topics = train->add_subcommand(
      "topics", "train a fastText topic classifier from fastText-format lines");
  train_topics
      ->add_option("--input", train_topics_options.input,
                   "fastText-format file: __label__x [__label__y ...] text, one article per line")
      ->required();
  train_topics->add_option("--output", train_topics_options.output, "model file to write")
      ->required();
  train_topics->add_option("--epoch", train_topics_options.epoch, "passes over the data");
  train_topics->add_option("--lr", train_topics_options.lr, "learning rate");
  train_topics->add_option("--dim", train_topics_options.dim, "vector size");
  train_topics->add_option("--word-ngrams", train_topics_options.word_ngrams,
                           "longest word n-gram (1: words only)");
  train_topics->add_option("--min-count", train_topics_options.min_count,
                           "drop words seen fewer times");
  train_topics->add_option("--bucket", train_topics_options.bucket,
                           "hash buckets for word n-grams > 1");
  train_topics->add_option("--loss", train_topics_options.loss, "ova, softmax, hs or ns");
  train_topics->add_option("--threads", train_topics_options.threads,
                           "training threads (1: deterministic)");
  train_topics->add_option("--seed", train_topics_options.seed, "random seed");
  train_topics->add_option("--pretrain-epoch", train_topics_options.pretrain_epoch,
                           "skipgram epochs pretraining the word vectors on the input text "
                           "(0: none)");
  bool no_shuffle = false;
  train_topics->add_flag("--no-shuffle", no_shuffle, "train on the lines in file order");
  train_topics->add_flag("--quantize", train_topics_options.quantize,
                         "write a quantized model (.ftz): about 4x smaller");
  train_topics->add_option("--cutoff", train_topics_options.cutoff,
                           "with --quantize: keep this many words (0: all)");
  train_topics->add_option("--dsub", train_topics_options.dsub, "with --quantize: sub-vector size");
  bool no_retrain = false;
  train_topics->add_flag("--no-retrain", no_retrain,
                         "with --quantize: do not fine-tune after the cutoff");
  train_topics->add_flag("--verbose", train_topics_options.verbose,
                         "fastText's progress on stderr (repeat for more)");

  newsflow::TrainKeywordsOptions train_keywords_options;
  CLI::App* train_keywords = train->add_subcommand(
      "keywords", "count the background document frequencies of the keyword tagger");
  train_keywords
      ->add_option("--input", train_keywords_options.inputs,
                   "articles: *.txt files (one each) or reut2-*.sgm, files or directories")
      ->required();
  train_keywords->add_option("--output", train_keywords_options.output, "background file to write")
      ->required();
  train_keywords
      ->add_option("--min-df", train_keywords_options.min_df,
                   "keep terms seen in at least this many documents")
      ->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : newsflow::kExitConfigError;
  }

  if (eval_html->parsed()) return newsflow::EvalHtmlCommand(eval_html_options);
  if (eval_residue->parsed()) return newsflow::EvalResidueCommand(eval_residue_options);
  if (ner->parsed()) return newsflow::NerConllCommand(ner_options);
  if (train_ner->parsed()) return newsflow::TrainNerCommand(train_ner_options);
  if (eval_topics->parsed()) return newsflow::EvalTopicsCommand(eval_topics_options);
  if (eval_places->parsed()) return newsflow::EvalPlacesCommand(eval_places_options);
  if (train_keywords->parsed()) return newsflow::TrainKeywordsCommand(train_keywords_options);
  if (train_topics->parsed()) {
    train_topics_options.shuffle = !no_shuffle;
    train_topics_options.retrain = !no_retrain;
    return newsflow::TrainTopicsCommand(train_topics_options);
  }

  newsflow::Config config;
  if (run->parsed()) {
    if (!LoadOrExplain(run_flags, &config)) return newsflow::kExitConfigError;
    return newsflow::RunCommand(config);
  }
  if (!LoadOrExplain(process_flags, &config)) return newsflow::kExitConfigError;
  return newsflow::ProcessCommand(config, process_options);
}
