#include "tagging/ner_trainer.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>

#include "tagging/ner_tagger.h"

namespace newsflow {
namespace {

constexpr int T = kNerTagCount;

// Averaged perceptron with the lazy-average trick: average = w - acc / c,
// where acc sums c * delta at each update and c counts sentences seen.
class Perceptron {
 public:
  explicit Perceptron(uint32_t hash_bits)
      : weights_((size_t{1} << hash_bits) * T, 0.0f),
        acc_(weights_.size(), 0.0),
        transitions_(kNerTransitionRows * T, 0.0f),
        transitions_acc_(transitions_.size(), 0.0) {}

  void Emissions(const NerSentenceFeatures& f, size_t n, std::vector<float>* out) const {
    out->assign(n * T, 0.0f);
    for (size_t i = 0; i < n; ++i) {
      float* e = out->data() + i * T;
      for (uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k) {
        const float* w = weights_.data() + static_cast<size_t>(f.ids[k]) * T;
        for (int t = 0; t < T; ++t) e[t] += w[t];
      }
    }
  }

  void Update(const NerSentenceFeatures& f, std::span<const uint8_t> gold,
              std::span<const uint8_t> predicted) {
    const double c = static_cast<double>(count_);
    for (size_t i = 0; i < gold.size(); ++i) {
      if (gold[i] != predicted[i]) {
        for (uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k) {
          const size_t base = static_cast<size_t>(f.ids[k]) * T;
          Add(base + gold[i], 1.0f, c);
          Add(base + predicted[i], -1.0f, c);
        }
      }
      const int gp = i == 0 ? 0 : gold[i - 1] + 1;
      const int pp = i == 0 ? 0 : predicted[i - 1] + 1;
      if (gp != pp || gold[i] != predicted[i]) {
        transitions_[gp * T + gold[i]] += 1.0f;
        transitions_acc_[gp * T + gold[i]] += c;
        transitions_[pp * T + predicted[i]] -= 1.0f;
        transitions_acc_[pp * T + predicted[i]] -= c;
      }
    }
  }

  void Tick() { ++count_; }

  const std::vector<float>& transitions() const { return transitions_; }

  // Adds the averaged weights to *w and *tr (sized like the tables).
  void AddAveraged(std::vector<float>* w, std::vector<float>* tr) const {
    const double c = static_cast<double>(std::max<uint64_t>(count_, 1));
    w->resize(weights_.size(), 0.0f);
    tr->resize(transitions_.size(), 0.0f);
    for (size_t i = 0; i < w->size(); ++i) {
      (*w)[i] += static_cast<float>(weights_[i] - acc_[i] / c);
    }
    for (size_t i = 0; i < tr->size(); ++i) {
      (*tr)[i] += static_cast<float>(transitions_[i] - transitions_acc_[i] / c);
    }
  }

  NerModel Averaged(uint32_t hash_bits, const NerLexicon& lexicon, const NerGazetteer& gazetteer,
                    const NerKnowledge& knowledge) const {
    std::vector<float> w;
    std::vector<float> tr;
    AddAveraged(&w, &tr);
    return NerModel::FromFloat(hash_bits, w, tr, lexicon, gazetteer, knowledge);
  }

 private:
  void Add(size_t i, float delta, double c) {
    weights_[i] += delta;
    acc_[i] += c * delta;
  }

  std::vector<float> weights_;
  std::vector<double> acc_;
  std::vector<float> transitions_;
  std::vector<double> transitions_acc_;
  uint64_t count_ = 1;
};

}  // namespace

bool NerDocumentsFromConll(const ConllCorpus& corpus, std::vector<NerDocument>* documents,
                           std::string* error) {
  documents->clear();
  for (const ConllDocument& doc : corpus.documents) {
    NerDocument out;
    for (const ConllSentence& sentence : doc.sentences) {
      std::vector<uint8_t> tags;
      for (size_t i = 0; i < sentence.words.size(); ++i) {
        const std::optional<int> tag = NerTagFromName(sentence.last_columns[i]);
        if (!tag) {
          *error = "line " + std::to_string(sentence.lines[i] + 1) + ": '" +
                   std::string(sentence.last_columns[i]) +
                   "' is not an IOB2 tag (O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, "
                   "I-MISC) in the last column";
          return false;
        }
        tags.push_back(static_cast<uint8_t>(*tag));
      }
      out.sentences.push_back(sentence.words);
      out.tags.push_back(std::move(tags));
    }
    if (!out.sentences.empty()) documents->push_back(std::move(out));
  }
  return true;
}

EntityScore EvaluateNer(const NerModel& model, const std::vector<NerDocument>& documents) {
  EntityScore score;
  NerTagger tagger(model);
  std::vector<std::vector<uint8_t>> predicted;
  std::vector<std::string_view> gold_names;
  std::vector<std::string_view> predicted_names;
  for (const NerDocument& doc : documents) {
    tagger.TagDocument(doc.sentences, &predicted);
    for (size_t s = 0; s < doc.sentences.size(); ++s) {
      gold_names.clear();
      predicted_names.clear();
      for (uint8_t t : doc.tags[s]) gold_names.push_back(NerTagName(t));
      for (uint8_t t : predicted[s]) predicted_names.push_back(NerTagName(t));
      score.AddSentence(gold_names, predicted_names);
    }
  }
  return score;
}

namespace {

// Entity names of documents[i] for i % 2 != skip_parity (all when -1).
NerGazetteer BuildGazetteer(const std::vector<NerDocument>& documents, int skip_parity) {
  NerGazetteer gazetteer;
  std::string lower;
  std::vector<uint64_t> words;
  for (size_t d = 0; d < documents.size(); ++d) {
    if (static_cast<int>(d % 2) == skip_parity) continue;
    const NerDocument& doc = documents[d];
    for (size_t s = 0; s < doc.sentences.size(); ++s) {
      const auto& tags = doc.tags[s];
      for (size_t i = 0; i < tags.size(); ++i) {
        if (tags[i] == 0 || NerTagIsInside(tags[i])) continue;
        size_t end = i + 1;
        while (end < tags.size() && NerTagIsInside(tags[end]) &&
               NerTagType(tags[end]) == NerTagType(tags[i])) {
          ++end;
        }
        if (end - i > kNerMaxPhraseWords) continue;
        words.clear();
        for (size_t j = i; j < end; ++j) {
          NerLowercase(doc.sentences[s][j], &lower);
          words.push_back(NerWordHash(lower));
        }
        gazetteer.AddName(words, NerTagType(tags[i]));
      }
    }
  }
  return gazetteer;
}

// One perceptron over all epochs; calls on_epoch with each epoch's averaged
// model. Returns the model of the best epoch (or of the last one when `dev`
// is empty) and adds the last epoch's averaged weights to *w, *tr.
NerModel TrainOneRun(const std::vector<NerDocument>& train, const std::vector<NerDocument>& dev,
                     const NerTrainOptions& options, uint64_t seed,
                     const std::function<void(const NerEpochReport&)>& on_epoch,
                     const NerGazetteer& gazetteer, const NerGazetteer (&folds)[2],
                     NerEpochReport* best, std::vector<float>* w, std::vector<float>* tr) {
  Perceptron perceptron(options.hash_bits);
  NerFeatureExtractor extractor(options.hash_bits, &options.lexicon);
  extractor.SetKnowledge(&options.knowledge);
  NerSentenceFeatures features;
  std::vector<float> emissions;
  std::vector<uint8_t> predicted;
  std::vector<size_t> order(train.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::mt19937_64 rng(seed);
  NerModel best_model;
  double best_f1 = -1;
  for (int epoch = 1; epoch <= std::max(options.epochs, 1); ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    std::shuffle(order.begin(), order.end(), rng);
    NerEpochReport report;
    report.epoch = epoch;
    for (size_t d : order) {
      const NerDocument& doc = train[d];
      extractor.SetGazetteer(&folds[d % 2]);
      extractor.BeginDocument(doc.sentences);
      for (size_t s = 0; s < doc.sentences.size(); ++s) {
        const auto& words = doc.sentences[s];
        extractor.Extract(words, &features);
        perceptron.Emissions(features, words.size(), &emissions);
        NerViterbi(emissions, perceptron.transitions(), &predicted);
        if (predicted != doc.tags[s]) {
          ++report.sentence_errors;
          perceptron.Update(features, doc.tags[s], predicted);
        }
        perceptron.Tick();
        extractor.RecordTags(words, predicted);
      }
    }
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    NerModel model =
        perceptron.Averaged(options.hash_bits, options.lexicon, gazetteer, options.knowledge);
    if (!dev.empty()) report.dev = EvaluateNer(model, dev);
    if (on_epoch) on_epoch(report);
    const double f1 = report.dev.overall().F1();
    if (dev.empty() || f1 > best_f1) {
      best_f1 = f1;
      best_model = std::move(model);
      if (best) *best = report;
    }
  }
  perceptron.AddAveraged(w, tr);
  return best_model;
}

}  // namespace

NerModel TrainNer(const std::vector<NerDocument>& train, const std::vector<NerDocument>& dev,
                  const NerTrainOptions& options,
                  const std::function<void(const NerEpochReport&)>& on_epoch,
                  NerEpochReport* best) {
  std::vector<float> w;
  std::vector<float> tr;
  const int runs = std::max(options.runs, 1);
  NerGazetteer gazetteer;
  NerGazetteer folds[2];
  if (options.gazetteer) {
    gazetteer = BuildGazetteer(train, -1);
    // Documents with even index see the names of odd ones, and vice versa.
    folds[0] = BuildGazetteer(train, 0);
    folds[1] = BuildGazetteer(train, 1);
  }
  NerModel model;
  for (int run = 0; run < runs; ++run) {
    model = TrainOneRun(train, dev, options, options.seed + static_cast<uint64_t>(run), on_epoch,
                        gazetteer, folds, best, &w, &tr);
  }
  if (runs == 1) return model;
  // The runs' last-epoch weights, summed: the same decisions as their mean.
  model =
      NerModel::FromFloat(options.hash_bits, w, tr, options.lexicon, gazetteer, options.knowledge);
  if (best) {
    *best = NerEpochReport{};
    best->epoch = options.epochs;
    if (!dev.empty()) best->dev = EvaluateNer(model, dev);
  }
  return model;
}

}  // namespace newsflow
