// `newsflow ner` and `newsflow train ner`: the English named-entity tagger
// over CoNLL files (docs/NER.md). Both return a process exit code
// (newsflow/shutdown.h): 0 on success, 2 for bad arguments, a missing or
// invalid model or unreadable input, 1 when the output cannot be written.
#pragma once

#include <string>
#include <vector>

namespace newsflow {

// The model shipped in the repository (found as util/data_path.h explains).
inline constexpr const char* kDefaultNerModelPath = "models/ner/conll2003-en.nfner";

struct NerConllOptions {
  std::string input;  // CoNLL file, "-" for stdin
  std::string model = kDefaultNerModelPath;
  std::string output = "-";  // file path or "-" for stdout
};

// `newsflow ner --conll IN`: writes every input line back with the predicted
// IOB2 tag appended to token lines; -DOCSTART- and blank lines unchanged.
// Prints tokens/s on stderr.
int NerConllCommand(const NerConllOptions& options);

struct TrainNerOptions {
  std::string train;   // CoNLL file, gold IOB2 tag in the last column
  std::string dev;     // same format; selects the epoch
  std::string output;  // model file to write
  // Unlabelled text for word classes (tagging/ner_lexicon.h): files or
  // directories (recursive); *.sgm files contribute their <BODY> elements
  // (Reuters-21578), *.txt files all their text, other files nothing. The
  // training words are always added.
  std::vector<std::string> unlabeled;
  int min_count = 3;          // lexicon words need this many occurrences
  int runs = 1;               // perceptrons averaged (NerTrainOptions::runs)
  bool no_gazetteer = false;  // without training-data entity names as features
  // Outside knowledge (tagging/ner_knowledge.h), stored in the model: word
  // lists (one word per line, Debian wamerican), the place table
  // (cities.tsv format, with country_aliases.tsv beside it; a relative path
  // is found as data files are, util/data_path.h) and the directory of
  // Debian iso-codes' JSON files (iso_3166-1, iso_3166-2, iso_3166-3,
  // iso_639-2). An empty place table: no place names but those of
  // iso-codes; an empty iso-codes directory: no names at all. Person-name
  // lists ("given<TAB>Word" / "family<TAB>Word" lines, written by
  // tools/ner_person_names.py) are read only when given.
  std::vector<std::string> dictionaries = {"/usr/share/dict/american-english"};
  std::vector<std::string> person_names;
  std::string places_table = "models/places/cities.tsv";
  std::string iso_codes_dir = "/usr/share/iso-codes/json";
  bool no_knowledge = false;  // none of the above
  int epochs = 20;
  int hash_bits = 20;
  unsigned long long seed = 1;
};

// `newsflow train ner`: trains, prints development scores per epoch on
// stderr, writes the model (NerTrainOptions in tagging/ner_trainer.h).
int TrainNerCommand(const TrainNerOptions& options);

}  // namespace newsflow
