// `newsflow ner` and `newsflow train ner`: see app/ner_commands.h.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "app/ner_commands.h"
#include "newsflow/shutdown.h"
#include "tagging/conll.h"
#include "tagging/country_table.h"
#include "tagging/ner_knowledge.h"
#include "tagging/ner_lexicon.h"
#include "tagging/ner_model.h"
#include "tagging/ner_tagger.h"
#include "tagging/ner_trainer.h"
#include "tagging/place_gazetteer.h"
#include "util/data_path.h"
#include "util/file_bytes.h"

namespace newsflow {
namespace {

// A file, or standard input for "-".
bool ReadInput(const std::string& path, std::string* text) {
  if (path != "-") return ReadFileBytes(path, text);
  std::ostringstream buffer;
  buffer << std::cin.rdbuf();
  *text = buffer.str();
  return true;
}

bool LoadConllDocuments(const std::string& path, std::string* text,
                        std::vector<NerDocument>* documents) {
  if (!ReadInput(path, text)) {
    std::cerr << "newsflow: cannot read '" << path << "'\n";
    return false;
  }
  std::string error;
  if (!NerDocumentsFromConll(ParseConll(*text), documents, &error)) {
    std::cerr << "newsflow: " << path << ": " << error << "\n";
    return false;
  }
  return true;
}

// Adds the unlabelled text under `path` (file or directory) to *builder.
bool AddUnlabeled(const std::string& path, NerLexiconBuilder* builder, size_t* files) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> paths;
  if (fs::is_directory(path, ec)) {
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (it->is_regular_file(ec)) paths.push_back(it->path());
    }
    std::sort(paths.begin(), paths.end());  // deterministic order
  } else if (fs::is_regular_file(path, ec)) {
    paths.push_back(path);
  } else {
    std::cerr << "newsflow: no such file or directory '" << path << "'\n";
    return false;
  }
  for (const fs::path& file : paths) {
    const std::string ext = file.extension().string();
    if (ext != ".txt" && ext != ".sgm") continue;
    std::string text;
    if (!ReadInput(file.string(), &text)) continue;
    ++*files;
    if (ext == ".txt") {
      builder->AddText(text);
      continue;
    }
    size_t pos = 0;
    while ((pos = text.find("<BODY>", pos)) != std::string::npos) {
      const size_t end = text.find("</BODY>", pos);
      if (end == std::string::npos) break;
      std::string body = text.substr(pos + 6, end - pos - 6);
      for (auto [entity, replacement] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}}) {
        for (size_t at = 0; (at = body.find(entity, at)) != std::string::npos;) {
          body.replace(at, std::strlen(entity), replacement);
          at += 1;
        }
      }
      builder->AddText(body);
      pos = end;
    }
  }
  return true;
}

// The outside knowledge of `train ner` (TrainNerOptions).
bool BuildKnowledge(const TrainNerOptions& options, NerKnowledge* knowledge) {
  namespace fs = std::filesystem;
  std::string error;
  std::string text;
  // Reads a list into `text`, or says which and where one comes from.
  auto read_list = [&](const std::string& path, const char* what, const char* source) {
    if (ReadInput(path, &text)) return true;
    std::cerr << "newsflow: cannot read " << what << " '" << path << "' (" << source << ")\n";
    return false;
  };
  for (const std::string& path : options.dictionaries) {
    if (!read_list(path, "word list",
                   "Debian package wamerican; --no-knowledge to train without")) {
      return false;
    }
    knowledge->AddDictionary(text);
  }
  for (const std::string& path : options.person_names) {
    if (!read_list(path, "person-name list", "tools/ner_person_names.py writes one")) return false;
    if (!knowledge->AddPersonNames(text, &error)) {
      std::cerr << "newsflow: person-name list '" << path << "': " << error << "\n";
      return false;
    }
  }
  if (options.iso_codes_dir.empty()) return true;  // no names
  const fs::path iso(options.iso_codes_dir);
  auto countries = CountryTable::Load((iso / "iso_3166-1.json").string(), &error);
  if (countries == nullptr) {
    std::cerr << "newsflow: " << error << "\n";
    return false;
  }
  if (!options.places_table.empty()) {
    PlaceGazetteerFiles files;
    const std::optional<std::string> table = ResolveDataFile(options.places_table, &error);
    if (!table) {
      std::cerr << "newsflow: place table " << error << "\n";
      return false;
    }
    files.places_table = *table;
    std::error_code ec;
    const fs::path aliases = fs::path(*table).parent_path() / "country_aliases.tsv";
    if (fs::is_regular_file(aliases, ec)) files.aliases_table = aliases.string();
    const auto places = PlaceGazetteer::Load(std::move(countries), files, &error);
    if (places == nullptr) {
      std::cerr << "newsflow: " << error << "\n";
      return false;
    }
    knowledge->AddPlaceNames(*places);
  }
  const struct {
    const char* file;
    const char* key;
    uint8_t sources;
  } iso_files[] = {{"iso_3166-2.json", "3166-2", kNerNameSubdivision},
                   {"iso_3166-3.json", "3166-3", kNerNameCountry},
                   {"iso_639-2.json", "639-2", kNerNameLanguage}};
  for (const auto& f : iso_files) {
    if (!knowledge->AddIsoCodesNames((iso / f.file).string(), f.key, f.sources, &error)) {
      std::cerr << "newsflow: " << error << "\n";
      return false;
    }
  }
  return true;
}

}  // namespace

int NerConllCommand(const NerConllOptions& options) {
  NerModel model;
  std::string error;
  const std::optional<std::string> file = ResolveDataFile(options.model, &error);
  if (!file || !NerModel::LoadFile(*file, &model, &error)) {
    std::cerr << "newsflow: NER model " << error << "\n";
    return kExitConfigError;
  }
  std::string text;
  if (!ReadInput(options.input, &text)) {
    std::cerr << "newsflow: cannot read '" << options.input << "'\n";
    return kExitConfigError;
  }
  const auto start = std::chrono::steady_clock::now();
  const ConllCorpus corpus = ParseConll(text);
  std::vector<std::string_view> line_tags(corpus.lines.size());
  NerTagger tagger(model);
  std::vector<std::vector<uint8_t>> tags;
  for (const ConllDocument& doc : corpus.documents) {
    std::vector<std::vector<std::string_view>> sentences;
    sentences.reserve(doc.sentences.size());
    for (const ConllSentence& s : doc.sentences) sentences.push_back(s.words);
    tagger.TagDocument(sentences, &tags);
    for (size_t s = 0; s < doc.sentences.size(); ++s) {
      for (size_t i = 0; i < tags[s].size(); ++i) {
        line_tags[doc.sentences[s].lines[i]] = NerTagName(tags[s][i]);
      }
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string out;
  out.reserve(text.size() + corpus.lines.size() * 8);
  WriteConllWithTags(corpus, line_tags, &out);
  if (options.output == "-") {
    std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
    std::cout.flush();
    if (!std::cout) return kExitRuntimeError;
  } else {
    std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
    file.write(out.data(), static_cast<std::streamsize>(out.size()));
    if (!file.good()) {
      std::cerr << "newsflow: cannot write '" << options.output << "'\n";
      return kExitRuntimeError;
    }
  }
  std::fprintf(stderr, "ner: %zu tokens in %.3f s (%.0f tokens/s, parsing and tagging)\n",
               corpus.token_count, seconds,
               seconds > 0 ? static_cast<double>(corpus.token_count) / seconds : 0.0);
  return kExitOk;
}

int TrainNerCommand(const TrainNerOptions& options) {
  if (options.epochs < 1 || options.runs < 1 || options.runs > 16 || options.hash_bits < 12 ||
      options.hash_bits > 24) {
    std::cerr << "newsflow: --epochs must be >= 1, --runs in 1..16 and --hash-bits in 12..24\n";
    return kExitConfigError;
  }
  std::string train_text;
  std::string dev_text;
  std::vector<NerDocument> train;
  std::vector<NerDocument> dev;
  if (!LoadConllDocuments(options.train, &train_text, &train)) return kExitConfigError;
  if (!options.dev.empty() && !LoadConllDocuments(options.dev, &dev_text, &dev)) {
    return kExitConfigError;
  }
  if (train.empty()) {
    std::cerr << "newsflow: no training sentences in '" << options.train << "'\n";
    return kExitConfigError;
  }
  NerTrainOptions train_options;
  if (!options.unlabeled.empty()) {
    NerLexiconBuilder builder;
    size_t files = 0;
    for (const std::string& path : options.unlabeled) {
      if (!AddUnlabeled(path, &builder, &files)) return kExitConfigError;
    }
    for (const NerDocument& doc : train) {
      for (const auto& sentence : doc.sentences) builder.AddSentence(sentence);
    }
    const auto start = std::chrono::steady_clock::now();
    train_options.lexicon =
        builder.Build(static_cast<uint32_t>(std::max(options.min_count, 1)), options.seed);
    std::fprintf(stderr, "lexicon: %zu files, %zu tokens, %zu words, %.1f s\n", files,
                 builder.token_count(), train_options.lexicon.size(),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  if (!options.no_knowledge) {
    if (!BuildKnowledge(options, &train_options.knowledge)) return kExitConfigError;
    std::fprintf(stderr, "knowledge: %zu dictionary words (%zu person names), %zu name phrases\n",
                 train_options.knowledge.word_count(), train_options.knowledge.person_name_count(),
                 train_options.knowledge.name_count());
  }
  train_options.epochs = options.epochs;
  train_options.hash_bits = static_cast<uint32_t>(options.hash_bits);
  train_options.seed = options.seed;
  train_options.runs = options.runs;
  train_options.gazetteer = !options.no_gazetteer;
  NerEpochReport best;
  const NerModel model = TrainNer(
      train, dev, train_options,
      [](const NerEpochReport& r) {
        std::fprintf(stderr, "epoch %2d  %.1f s  wrong training sentences %zu  dev F1 %.4f\n",
                     r.epoch, r.seconds, r.sentence_errors, r.dev.overall().F1());
      },
      &best);
  std::string error;
  if (!model.SaveFile(options.output, &error)) {
    std::cerr << "newsflow: " << error << "\n";
    return kExitRuntimeError;
  }
  if (options.runs > 1) {
    std::fprintf(stderr, "mean of %d runs at epoch %d", options.runs, best.epoch);
  } else {
    std::fprintf(stderr, "best epoch %d", best.epoch);
  }
  std::fprintf(stderr,
               "; %zu non-zero buckets, %zu lexicon words, %zu names, %zu dictionary words, %zu "
               "knowledge names; wrote %s\n",
               model.nonzero_buckets(), model.lexicon().size(), model.gazetteer().name_count(),
               model.knowledge().word_count(), model.knowledge().name_count(),
               options.output.c_str());
  if (!dev.empty())
    std::cerr << "development set (conlleval entity scores):\n" << best.dev.Format();
  return kExitOk;
}

}  // namespace newsflow
