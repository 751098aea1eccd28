// Trains the named-entity tagger's weights (tagging/ner_model.h): an
// averaged structured perceptron with exact Viterbi decoding
// (Collins 2002), documents shuffled each epoch, the averaged weights of the
// epoch with the best development entity F1 kept (or, with several runs, the
// mean of the runs' last epochs).
//
// Training uses the same extractor as tagging, including the
// prediction-history features, fed with the model's own predictions (not the
// gold tags) so that training sees what tagging will see.
//
// Thread-safety: pure functions over their arguments; single-threaded.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tagging/conll.h"
#include "tagging/ner_model.h"

namespace newsflow {

struct NerDocument {
  std::vector<std::vector<std::string_view>> sentences;  // words
  std::vector<std::vector<uint8_t>> tags;                // gold NerTag per word
};

// Documents of a CoNLL corpus with the gold tag in the last column (IOB2
// names as in ner_features.h). False, with the line number in *error, on a
// token line whose last column is not such a tag.
bool NerDocumentsFromConll(const ConllCorpus& corpus, std::vector<NerDocument>* documents,
                           std::string* error);

// Tags `documents` with `model` and scores against their gold tags.
EntityScore EvaluateNer(const NerModel& model, const std::vector<NerDocument>& documents);

struct NerTrainOptions {
  int epochs = 20;          // passes over the training documents
  uint32_t hash_bits = 20;  // 2^bits feature buckets
  uint64_t seed = 1;        // document shuffling
  NerLexicon lexicon;       // word classes (NerLexiconBuilder); empty: none
  // Independent perceptrons (seeds seed, seed + 1, ...); with more than one,
  // the result is the mean of their last-epoch averaged weights (a
  // variance-reducing ensemble at no tagging cost) instead of the best epoch.
  int runs = 1;
  // Entity names of the training data as features (NerGazetteer). Each
  // training document sees the names of the other half of the documents
  // only (two-fold jackknife), so that, as on new text, not every name is
  // known; the model stores the names of all training documents.
  bool gazetteer = true;
  // Dictionary words and names from outside the training data
  // (tagging/ner_knowledge.h); empty: none. Stored in the model.
  NerKnowledge knowledge;
};

struct NerEpochReport {
  int epoch = 0;               // 1-based
  double seconds = 0;          // training time of this epoch
  size_t sentence_errors = 0;  // training sentences decoded wrongly in this epoch
  EntityScore dev;             // averaged weights on the development documents
};

// With one run: returns the model of the epoch with the best development F1
// (the last epoch when `dev` is empty) and its report in *best (may be null).
// With several runs: the mean model, and in *best the last epoch number and
// the mean model's development score. `on_epoch` (may be empty) sees every
// epoch of every run.
NerModel TrainNer(const std::vector<NerDocument>& train, const std::vector<NerDocument>& dev,
                  const NerTrainOptions& options,
                  const std::function<void(const NerEpochReport&)>& on_epoch, NerEpochReport* best);

}  // namespace newsflow
