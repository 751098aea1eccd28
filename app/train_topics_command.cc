// `newsflow train topics`: see app/topics_commands.h.
#include <cstdio>

#include "app/topics_commands.h"
#include "newsflow/shutdown.h"
#include "tagging/topic_training.h"

namespace newsflow {

int TrainTopicsCommand(const TrainTopicsOptions& options) {
  if (options.input.empty() || options.output.empty()) {
    std::fprintf(stderr, "train topics: --input and --output are required\n");
    return kExitConfigError;
  }
  TopicTrainingReport report;
  std::string error;
  if (!TrainTopicModel(options, &report, &error)) {
    std::fprintf(stderr, "train topics: %s\n", error.c_str());
    // Input problems are the user's to fix (2); anything else is a failure (1).
    return report.lines_used == 0 ? kExitConfigError : kExitRuntimeError;
  }
  std::fprintf(stderr,
               "train topics: %zu of %zu lines used, %zu labels, %zu words, %s%s %ju bytes, "
               "%.1f s%s\n",
               report.lines_used, report.lines_read, report.labels, report.words,
               options.output.c_str(), options.quantize ? " (quantized)" : "", report.model_bytes,
               report.seconds, report.pretrained ? " (pretrained word vectors)" : "");
  return kExitOk;
}

}  // namespace newsflow
