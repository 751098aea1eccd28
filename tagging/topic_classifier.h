// Topic classification with a fastText supervised model (libfasttext 0.9.2).
//
// A model is trained by `newsflow train topics` (tagging/topic_training.h)
// from fastText-format lines and loaded here once; the topics stage
// (pipeline/stages/topics_stage.h) asks it for the labels of each article.
//
// Preprocessing: training and prediction both pass text through
// NormalizeTopicText(), so a model only ever sees tokens produced by it.
// Models trained by other means (the `fasttext` CLI) load and predict, but
// score best when their training text was normalized the same way.
//
// Speed: for models without character or word n-grams (the shipped ones)
// Predict() does not go through fastText's line reader: it looks words up in
// its own hash table and sums word vectors decoded once at Load() (the
// quantized matrix's rows: vocabulary x dim floats, ~6.3 MB for the shipped
// Reuters model), then runs fastText's own output layer. Labels and scores
// are bit-identical to fastText's (PredictWithFastTextReader, tested).
//
// Thread-safety: a loaded TopicClassifier is immutable. Predict() is const
// and reentrant (fastText's FastText::predictLine and the fast path keep
// their scratch state per call), so one instance is shared by all worker
// threads through std::shared_ptr<const TopicClassifier>.
//
// Errors: Load() never throws; a missing, unreadable, truncated or foreign
// file gives nullptr and a message naming the path. Predict() never throws
// for any UTF-8 (or invalid) input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "newsflow/article.h"

namespace fasttext {
class FastText;
}

namespace newsflow {

// The prefix fastText puts before labels in training files and predictions.
inline constexpr std::string_view kFastTextLabelPrefix = "__label__";

// Appends `text` to *out as one line of space-separated tokens:
// - letters are lowercased (utf8proc, full Unicode);
// - every digit becomes '0' ("155,221" -> "000,000"), so amounts and dates
//   share tokens instead of filling the vocabulary with one-off numbers;
// - punctuation separates words and is dropped ("profit." -> "profit"),
//   except '.' ',' between digits and '-' '\'' '’' between letters or digits
//   ("0.00", "money-fx", "don't" stay one token; ’ becomes '); on Reuters
//   this scored better than keeping punctuation tokens (the document vector
//   is an average, and punctuation only dilutes it);
// - symbols (Unicode S*: "$", "£", "+", emoji) and "%" are tokens of their own;
// - any run of whitespace, control characters or invalid UTF-8 becomes one
//   space; no leading or trailing space is added and no '\n' is ever written.
// Linear in the input; no allocation beyond growing *out.
void AppendNormalizedTopicText(std::string_view text, std::string* out);
std::string NormalizeTopicText(std::string_view text);

// Splits a fastText-format line into its leading labels (the `__label__x`
// tokens, in order, prefix removed, appended to *labels) and returns the text
// after them. Tokens are separated by spaces and tabs; a label ends at a space,
// tab, '\r' or '\n'; a bare "__label__" is text, not an empty label. The one
// reading of labels for training, evaluation and pretraining.
std::string_view SplitFastTextLabels(std::string_view line, std::vector<std::string_view>* labels);

// Normalizes one fastText training line: leading `__label__x` tokens are kept
// verbatim, the rest goes through AppendNormalizedTopicText. Returns false
// (and leaves *out empty) for a line with no label or no text.
bool NormalizeTopicTrainingLine(std::string_view line, std::string* out);

struct TopicPredictOptions {
  // Minimum probability of a label (fastText's probability: a sigmoid per
  // label for models trained with loss "ova", a softmax share otherwise).
  double threshold = 0.3;
  // At most this many labels; <= 0 means no limit.
  int max_labels = 5;
};

class TopicClassifier {
 public:
  // Loads a fastText supervised model (.bin or quantized .ftz). On failure
  // returns nullptr and sets *error ("topics model <path>: <why>").
  static std::shared_ptr<const TopicClassifier> Load(const std::string& path, std::string* error);

  ~TopicClassifier();
  TopicClassifier(const TopicClassifier&) = delete;
  TopicClassifier& operator=(const TopicClassifier&) = delete;

  // Labels of `text` (raw text; normalized here) with probability >=
  // options.threshold, best first, at most options.max_labels, without the
  // "__label__" prefix. `scratch` is reused between calls to avoid
  // allocation; pass nullptr if you do not care.
  std::vector<TopicScore> Predict(std::string_view text, const TopicPredictOptions& options,
                                  std::string* scratch = nullptr) const;

  // Same, for text already normalized with NormalizeTopicText; only the text
  // before the first '\n' is used. Ending it with '\n' saves a copy.
  std::vector<TopicScore> PredictNormalized(std::string_view normalized,
                                            const TopicPredictOptions& options) const;

  // The model's labels without prefix, most frequent in training first.
  const std::vector<std::string>& labels() const { return labels_; }
  bool quantized() const;
  const std::string& path() const { return path_; }

  // The reference path for a normalized line ending with '\n': fastText's
  // own line reader (predictLine). Predict() gives the same labels and
  // bit-identical scores faster for models without character or word
  // n-grams (it looks the words up in its own table and sums precomputed
  // word vectors); exposed so tests can check that.
  std::vector<TopicScore> PredictWithFastTextReader(std::string_view line,
                                                    const TopicPredictOptions& options) const;

  // True when predictions take the fast path (own word table and word
  // vectors, fastText's loss for the output layer); see Load().
  bool fast_path() const { return fast_ != nullptr; }

 private:
  struct FastPath;  // defined in the .cc

  TopicClassifier() = default;
  // nullptr when the model is not one the fast path reproduces exactly.
  static std::unique_ptr<const FastPath> MakeFastPath(const fasttext::FastText& model);
  // `line` is normalized text ending with one '\n'.
  std::vector<TopicScore> PredictLine(std::string_view line,
                                      const TopicPredictOptions& options) const;
  std::vector<TopicScore> PredictFast(std::string_view text,
                                      const TopicPredictOptions& options) const;

  std::unique_ptr<fasttext::FastText> model_;
  std::unique_ptr<const FastPath> fast_;  // null: fastText's own predict
  std::vector<std::string> labels_;
  std::string path_;
  bool direct_lookup_ = false;  // see Load()
  int32_t nwords_ = 0;
  int32_t eos_id_ = -1;
};

}  // namespace newsflow
