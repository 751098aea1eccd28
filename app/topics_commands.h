// `newsflow train topics` and `newsflow eval topics` (topic classification,
// tagging/topic_classifier.h). Each returns a process exit code
// (newsflow/shutdown.h): 0 on success, 2 for bad arguments or an unusable
// input or model, 1 when training itself fails.
#pragma once

#include <string>

#include "tagging/topic_training.h"

namespace newsflow {

// `newsflow train topics --input FILE --output MODEL [hyper-parameters]`:
// the options are those of TopicTrainingOptions. Prints a one-line summary
// (lines used, labels, vocabulary, model size, seconds) on stderr.
using TrainTopicsOptions = TopicTrainingOptions;
int TrainTopicsCommand(const TrainTopicsOptions& options);

struct EvalTopicsOptions {
  std::string model;       // .bin or .ftz
  std::string input;       // fastText-format file with the expected labels
  double threshold = 0.3;  // as tagging.topics_threshold
  int max_labels = 5;      // as tagging.topics_max_labels
  bool per_label = false;  // also print P/R/F1 and support per label
};

// `newsflow eval topics --model M --input FILE`: prints documents, micro
// precision/recall/F1 of the labels above the threshold, macro F1 over the
// labels present in the input, and accuracy@1 (the best label is one of the
// expected ones) on stdout. A missing input file prints "skipped: ..." on
// stderr and exits 0 (like the other eval commands); a bad model exits 2.
int EvalTopicsCommand(const EvalTopicsOptions& options);

}  // namespace newsflow
