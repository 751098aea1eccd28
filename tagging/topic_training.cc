#include "tagging/topic_training.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <fasttext/fasttext.h>

#include "tagging/topic_classifier.h"

namespace newsflow {
namespace {

// A temporary file removed when this goes out of scope.
class TempFile {
 public:
  bool Create(std::string* error) {
    std::error_code ec;
    std::string pattern =
        (std::filesystem::temp_directory_path(ec) / "newsflow-topics-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) {
      *error = "cannot create a temporary file in " + pattern;
      return false;
    }
    close(fd);
    path_ = pattern;
    return true;
  }
  ~TempFile() {
    if (!path_.empty()) {
      std::error_code ec;
      std::filesystem::remove(path_, ec);
    }
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool ParseLoss(const std::string& name, fasttext::loss_name* loss) {
  static const std::map<std::string, fasttext::loss_name> kLosses = {
      {"ova", fasttext::loss_name::ova},
      {"softmax", fasttext::loss_name::softmax},
      {"hs", fasttext::loss_name::hs},
      {"ns", fasttext::loss_name::ns}};
  const auto it = kLosses.find(name);
  if (it == kLosses.end()) return false;
  *loss = it->second;
  return true;
}

// Learns word vectors with fastText skipgram from `text_path` (one document
// per line, no labels) and writes them as a .vec file to `vectors_path`.
// Throws what fastText throws.
void PretrainWordVectors(const TopicTrainingOptions& options, const std::string& text_path,
                         const std::string& vectors_path) {
  fasttext::Args args;  // skipgram defaults: ns loss, window 5, 5 negatives, lr 0.05
  args.model = fasttext::model_name::sg;
  args.loss = fasttext::loss_name::ns;
  args.input = text_path;
  args.dim = options.dim;
  args.epoch = options.pretrain_epoch;
  args.minCount = options.min_count;  // the supervised model's vocabulary
  args.minn = 0;                      // words only, as the supervised model
  args.maxn = 0;
  args.bucket = 0;
  args.thread = options.threads;
  args.seed = options.seed;
  args.verbose = options.verbose;
  fasttext::FastText skipgram;
  skipgram.train(args);
  skipgram.saveVectors(vectors_path);
}

}  // namespace

bool TrainTopicModel(const TopicTrainingOptions& options, TopicTrainingReport* report,
                     std::string* error) {
  *report = {};
  fasttext::Args args;
  args.model = fasttext::model_name::sup;
  if (!ParseLoss(options.loss, &args.loss)) {
    *error = "unknown loss '" + options.loss + "' (ova, softmax, hs, ns)";
    return false;
  }
  if (options.epoch <= 0 || options.lr <= 0 || options.dim <= 0 || options.word_ngrams <= 0 ||
      options.min_count <= 0 || options.bucket < 0 || options.threads <= 0 ||
      options.pretrain_epoch < 0 ||
      (options.quantize && (options.dsub == 0 || options.dim % options.dsub != 0))) {
    *error =
        "invalid training options (epoch, lr, dim, word-ngrams, min-count and threads must "
        "be positive, pretrain-epoch not negative; dim a multiple of dsub)";
    return false;
  }
  std::ifstream in(options.input, std::ios::binary);
  if (!in) {
    *error = "cannot read " + options.input;
    return false;
  }
  TempFile normalized;
  TempFile text_only;  // for pretraining: the same lines without labels
  TempFile vectors;    // pretrained word vectors (.vec)
  if (!normalized.Create(error)) return false;
  if (options.pretrain_epoch > 0 && (!text_only.Create(error) || !vectors.Create(error))) {
    return false;
  }
  {
    std::vector<std::string> lines;
    std::string line;
    std::string clean;
    while (std::getline(in, line)) {
      ++report->lines_read;
      if (NormalizeTopicTrainingLine(line, &clean)) lines.push_back(clean);
    }
    report->lines_used = lines.size();
    // fastText reads its input in order; a file sorted by label (one class
    // after another) would train each label in turn and forget the others.
    if (options.shuffle) {
      std::mt19937_64 random(static_cast<uint64_t>(options.seed));
      std::shuffle(lines.begin(), lines.end(), random);
    }
    std::ofstream out(normalized.path(), std::ios::binary | std::ios::trunc);
    for (const std::string& normalized_line : lines) out << normalized_line << '\n';
    if (!out.flush()) {
      *error = "cannot write " + normalized.path();
      return false;
    }
    if (options.pretrain_epoch > 0) {
      std::ofstream text_out(text_only.path(), std::ios::binary | std::ios::trunc);
      std::vector<std::string_view> labels;
      for (const std::string& normalized_line : lines) {
        text_out << SplitFastTextLabels(normalized_line, &labels) << '\n';
        labels.clear();
      }
      if (!text_out.flush()) {
        *error = "cannot write " + text_only.path();
        return false;
      }
    }
  }
  if (report->lines_used == 0) {
    *error = options.input + ": no line with a __label__ and text (" +
             std::to_string(report->lines_read) + " lines read)";
    return false;
  }

  args.input = normalized.path();
  args.output = options.output;
  args.epoch = options.epoch;
  args.lr = options.lr;
  args.wordNgrams = options.word_ngrams;
  args.dim = options.dim;
  args.minCount = options.min_count;
  args.minCountLabel = 1;
  args.bucket = options.word_ngrams > 1 ? options.bucket : 0;
  args.minn = 0;  // no character n-grams: words and word n-grams only
  args.maxn = 0;
  args.thread = options.threads;
  args.seed = options.seed;
  args.verbose = options.verbose;
  args.saveOutput = false;

  const auto start = std::chrono::steady_clock::now();
  fasttext::FastText model;
  try {
    if (options.pretrain_epoch > 0) {
      PretrainWordVectors(options, text_only.path(), vectors.path());
      args.pretrainedVectors = vectors.path();
      report->pretrained = true;
    }
    model.train(args);
    if (options.quantize) {
      fasttext::Args qargs = args;
      qargs.qout = false;
      qargs.qnorm = true;
      qargs.retrain = options.retrain;
      qargs.cutoff = options.cutoff;
      qargs.dsub = options.dsub;
      model.quantize(qargs);
    }
    model.saveModel(options.output);
  } catch (const std::exception& e) {
    *error = std::string("fastText: ") + e.what();
    return false;
  }
  report->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto dictionary = model.getDictionary();
  report->labels = static_cast<size_t>(dictionary->nlabels());
  report->words = static_cast<size_t>(dictionary->nwords());
  std::error_code ec;
  report->model_bytes = std::filesystem::file_size(options.output, ec);
  return true;
}

}  // namespace newsflow
