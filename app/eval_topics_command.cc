// `newsflow eval topics`: see app/topics_commands.h.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "app/topics_commands.h"
#include "newsflow/shutdown.h"
#include "tagging/topic_classifier.h"

namespace newsflow {
namespace {

struct Counts {
  size_t true_positives = 0;
  size_t false_positives = 0;
  size_t false_negatives = 0;
};

double Ratio(size_t a, size_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / b; }
double F1(double p, double r) { return p + r == 0 ? 0.0 : 2 * p * r / (p + r); }

}  // namespace

int EvalTopicsCommand(const EvalTopicsOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(options.input, ec)) {
    std::fprintf(stderr, "skipped: no input file %s\n", options.input.c_str());
    return kExitOk;
  }
  std::string error;
  const auto classifier = TopicClassifier::Load(options.model, &error);
  if (classifier == nullptr) {
    std::fprintf(stderr, "eval topics: %s\n", error.c_str());
    return kExitConfigError;
  }
  // Everything above 0, unlimited, so that accuracy@1 and the thresholded
  // labels come from one prediction.
  const TopicPredictOptions all{0.0, 0};
  std::ifstream in(options.input, std::ios::binary);
  std::map<std::string, Counts> per_label;
  Counts micro;
  size_t documents = 0;
  size_t top1_correct = 0;
  std::string line;
  std::string scratch;
  while (std::getline(in, line)) {
    std::vector<std::string_view> label_views;
    const std::string_view text = SplitFastTextLabels(line, &label_views);
    const std::set<std::string> expected(label_views.begin(), label_views.end());
    if (expected.empty()) continue;
    ++documents;
    const std::vector<TopicScore> scores = classifier->Predict(text, all, &scratch);
    if (!scores.empty() && expected.count(scores.front().label) != 0) ++top1_correct;
    std::set<std::string> predicted;
    for (const TopicScore& score : scores) {
      if (score.score < options.threshold) break;
      if (options.max_labels > 0 && predicted.size() >= static_cast<size_t>(options.max_labels)) {
        break;
      }
      predicted.insert(score.label);
    }
    for (const std::string& label : predicted) {
      Counts& counts = per_label[label];
      if (expected.count(label) != 0) {
        ++counts.true_positives;
        ++micro.true_positives;
      } else {
        ++counts.false_positives;
        ++micro.false_positives;
      }
    }
    for (const std::string& label : expected) {
      if (predicted.count(label) == 0) {
        ++per_label[label].false_negatives;
        ++micro.false_negatives;
      }
    }
  }
  const double precision =
      Ratio(micro.true_positives, micro.true_positives + micro.false_positives);
  const double recall = Ratio(micro.true_positives, micro.true_positives + micro.false_negatives);
  double macro_f1 = 0;
  size_t macro_labels = 0;
  for (const auto& [label, counts] : per_label) {
    const size_t support = counts.true_positives + counts.false_negatives;
    const double p = Ratio(counts.true_positives, counts.true_positives + counts.false_positives);
    const double r = Ratio(counts.true_positives, support);
    if (support > 0) {
      macro_f1 += F1(p, r);
      ++macro_labels;
    }
    if (options.per_label) {
      std::printf("label %-20s support %5zu  P %.4f  R %.4f  F1 %.4f\n", label.c_str(), support, p,
                  r, F1(p, r));
    }
  }
  std::printf("documents %zu  threshold %.2f  max_labels %d\n", documents, options.threshold,
              options.max_labels);
  std::printf("micro P %.4f  R %.4f  F1 %.4f\n", precision, recall, F1(precision, recall));
  std::printf("macro F1 %.4f over %zu labels\n",
              macro_labels == 0 ? 0.0 : macro_f1 / static_cast<double>(macro_labels), macro_labels);
  std::printf("accuracy@1 %.4f\n", Ratio(top1_correct, documents));
  return kExitOk;
}

}  // namespace newsflow
