#include "tagging/ner_tagger.h"

#include <gtest/gtest.h>

#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tagging/conll.h"
#include "tagging/ner_trainer.h"

namespace newsflow {
namespace {

uint8_t Tag(std::string_view name) { return static_cast<uint8_t>(*NerTagFromName(name)); }

bool ValidIob2(const std::vector<uint8_t>& tags) {
  for (size_t i = 0; i < tags.size(); ++i) {
    if (!NerTransitionAllowed(i == 0 ? -1 : tags[i - 1], tags[i])) return false;
  }
  return true;
}

TEST(NerViterbi, NeverOutputsInsideTagAfterOutsideOrAtStart) {
  std::vector<float> emissions(3 * kNerTagCount, 0.0f);
  emissions[0 * kNerTagCount + Tag("I-PER")] = 10;  // start: I-PER favoured
  emissions[0 * kNerTagCount + Tag("B-PER")] = 1;
  emissions[1 * kNerTagCount + Tag("O")] = 10;
  emissions[2 * kNerTagCount + Tag("I-LOC")] = 10;  // after O: I-LOC favoured
  emissions[2 * kNerTagCount + Tag("B-LOC")] = 2;
  const std::vector<float> transitions(kNerTransitionRows * kNerTagCount, 0.0f);
  std::vector<uint8_t> tags;
  NerViterbi(emissions, transitions, &tags);
  EXPECT_EQ(tags, (std::vector<uint8_t>{Tag("B-PER"), Tag("O"), Tag("B-LOC")}));
}

TEST(NerViterbi, KeepsAnInsideTagThatContinuesItsEntity) {
  std::vector<float> emissions(2 * kNerTagCount, 0.0f);
  emissions[0 * kNerTagCount + Tag("B-ORG")] = 5;
  emissions[1 * kNerTagCount + Tag("I-ORG")] = 5;
  const std::vector<float> transitions(kNerTransitionRows * kNerTagCount, 0.0f);
  std::vector<uint8_t> tags;
  NerViterbi(emissions, transitions, &tags);
  EXPECT_EQ(tags, (std::vector<uint8_t>{Tag("B-ORG"), Tag("I-ORG")}));
}

TEST(NerViterbi, RandomScoresAlwaysGiveValidIob2) {
  std::mt19937 rng(7);
  std::normal_distribution<float> normal(0, 3);
  for (int trial = 0; trial < 200; ++trial) {
    const size_t n = 1 + trial % 13;
    std::vector<float> emissions(n * kNerTagCount);
    std::vector<float> transitions(kNerTransitionRows * kNerTagCount);
    for (float& e : emissions) e = normal(rng);
    for (float& t : transitions) t = normal(rng);
    std::vector<uint8_t> tags;
    NerViterbi(emissions, transitions, &tags);
    ASSERT_EQ(tags.size(), n);
    EXPECT_TRUE(ValidIob2(tags)) << "trial " << trial;
  }
  std::vector<uint8_t> tags = {1, 2};
  NerViterbi({}, std::vector<float>(kNerTransitionRows * kNerTagCount), &tags);
  EXPECT_TRUE(tags.empty());
}

// The textbook algorithm: back-pointers, predecessors scanned in increasing
// order with a strict comparison (ties to the lower tag), only IOB2-allowed
// transitions.
std::vector<uint8_t> ReferenceViterbi(const std::vector<float>& emissions,
                                      const std::vector<float>& transitions) {
  constexpr int T = kNerTagCount;
  constexpr float kNever = -std::numeric_limits<float>::infinity();
  const size_t n = emissions.size() / T;
  if (n == 0) return {};
  std::vector<float> score(n * T, kNever);
  std::vector<int> back(n * T, 0);
  for (int t = 0; t < T; ++t) {
    if (NerTransitionAllowed(-1, t)) score[t] = emissions[t] + transitions[t];
  }
  for (size_t i = 1; i < n; ++i) {
    for (int t = 0; t < T; ++t) {
      float best = kNever;
      for (int p = 0; p < T; ++p) {
        if (!NerTransitionAllowed(p, t) || score[(i - 1) * T + p] == kNever) continue;
        const float s = score[(i - 1) * T + p] + transitions[(p + 1) * T + t];
        if (s > best) {
          best = s;
          back[i * T + t] = p;
        }
      }
      score[i * T + t] = best == kNever ? kNever : best + emissions[i * T + t];
    }
  }
  int tag = 0;
  for (int t = 1; t < T; ++t) {
    if (score[(n - 1) * T + t] > score[(n - 1) * T + tag]) tag = t;
  }
  std::vector<uint8_t> tags(n);
  for (size_t i = n; i-- > 0;) {
    tags[i] = static_cast<uint8_t>(tag);
    tag = back[i * T + tag];
  }
  return tags;
}

// Random scores of 1 to 17 words: every other trial small integers, which
// make equal path scores, and so ties, common.
struct ViterbiCase {
  std::vector<float> emissions;
  std::vector<float> transitions;
};
ViterbiCase RandomViterbiCase(int trial, std::mt19937* rng) {
  std::uniform_int_distribution<int> small(-2, 2);
  std::normal_distribution<float> normal(0, 3);
  const size_t n = 1 + trial % 17;
  const bool ties = trial % 2 == 0;
  ViterbiCase c{std::vector<float>(n * kNerTagCount),
                std::vector<float>(kNerTransitionRows * kNerTagCount)};
  for (float& e : c.emissions) e = ties ? static_cast<float>(small(*rng)) : normal(*rng);
  for (float& t : c.transitions) t = ties ? static_cast<float>(small(*rng)) : normal(*rng);
  return c;
}

TEST(NerViterbi, EqualsTheTextbookAlgorithmIncludingTies) {
  std::mt19937 rng(3);
  int differing = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    const auto [emissions, transitions] = RandomViterbiCase(trial, &rng);
    std::vector<uint8_t> tags;
    NerViterbi(emissions, transitions, &tags);
    if (tags != ReferenceViterbi(emissions, transitions)) ++differing;
  }
  EXPECT_EQ(differing, 0);
  // The comparison can fail: preferring the higher tag on ties differs.
  std::vector<float> emissions(2 * kNerTagCount, 0.0f);
  std::vector<uint8_t> tags;
  NerViterbi(emissions, std::vector<float>(kNerTransitionRows * kNerTagCount, 0.0f), &tags);
  EXPECT_EQ(tags, (std::vector<uint8_t>{0, 0}));
}

TEST(NerViterbi, WordsThatCanOnlyBeOutsideEqualTheTextbookWithoutTheOtherTags) {
  constexpr float kNever = -std::numeric_limits<float>::infinity();
  std::mt19937 rng(5);
  std::bernoulli_distribution coin(0.5);
  int differing = 0;
  int outside_words = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    const auto [emissions, transitions] = RandomViterbiCase(trial, &rng);
    const size_t n = emissions.size() / kNerTagCount;
    std::vector<uint8_t> only_o(n);
    for (uint8_t& o : only_o) o = coin(rng) ? 1 : 0;
    std::vector<uint8_t> tags;
    NerViterbi(emissions, transitions, &tags, only_o);
    // The textbook algorithm with every other tag of those words impossible.
    std::vector<float> restricted = emissions;
    for (size_t i = 0; i < n; ++i) {
      if (only_o[i] == 0) continue;
      ++outside_words;
      std::fill_n(restricted.begin() + static_cast<ptrdiff_t>(i * kNerTagCount + 1),
                  kNerTagCount - 1, kNever);
    }
    if (tags != ReferenceViterbi(restricted, transitions)) ++differing;
  }
  EXPECT_EQ(differing, 0);
  EXPECT_GT(outside_words, 1000);
  // The restriction is applied: a word whose best tag is B-PER is O.
  std::vector<float> emissions(2 * kNerTagCount, 0.0f);
  emissions[kNerTagCount + 1] = 10.0f;
  const std::vector<float> transitions(kNerTransitionRows * kNerTagCount, 0.0f);
  std::vector<uint8_t> tags;
  NerViterbi(emissions, transitions, &tags);
  EXPECT_EQ(tags, (std::vector<uint8_t>{0, 1}));
  NerViterbi(emissions, transitions, &tags, std::vector<uint8_t>{0, 1});
  EXPECT_EQ(tags, (std::vector<uint8_t>{0, 0}));
  // One flag per word or none: a shorter list is a caller's mistake.
  EXPECT_THROW(NerViterbi(emissions, transitions, &tags, std::vector<uint8_t>{1}),
               std::invalid_argument);
}

// Sentences written for this test: names, companies and places in fixed
// frames, each with its IOB2 tags.
constexpr std::string_view kTinyCorpus =
    "-DOCSTART- O\n\n"
    "Ingrid B-PER\nValo I-PER\nvisited O\nTromso B-LOC\nlast O\nweek O\n. O\n\n"
    "She O\njoined O\nBorealis B-ORG\nMining I-ORG\nin O\nNarvik B-LOC\n. O\n\n"
    "-DOCSTART- O\n\n"
    "Pedro B-PER\nAlmar I-PER\nvisited O\nLeiria B-LOC\nlast O\nweek O\n. O\n\n"
    "He O\njoined O\nTagus B-ORG\nFoods I-ORG\nin O\nBraga B-LOC\n. O\n\n"
    "-DOCSTART- O\n\n"
    "Keiko B-PER\nSato I-PER\nwatched O\nthe O\nVelvet B-MISC\nCup I-MISC\nfinal O\n. O\n\n"
    "the O\nweather O\nwas O\nfine O\nand O\nnobody O\ncame O\n. O\n";

TEST(NerTrainer, LearnsATinyCorpus) {
  std::vector<NerDocument> docs;
  std::string error;
  ASSERT_TRUE(NerDocumentsFromConll(ParseConll(kTinyCorpus), &docs, &error)) << error;
  ASSERT_EQ(docs.size(), 3u);
  NerTrainOptions options;
  options.epochs = 10;
  options.hash_bits = 16;
  int epochs_seen = 0;
  NerEpochReport best;
  const NerModel model = TrainNer(
      docs, docs, options, [&](const NerEpochReport&) { ++epochs_seen; }, &best);
  EXPECT_EQ(epochs_seen, 10);
  EXPECT_DOUBLE_EQ(EvaluateNer(model, docs).overall().F1(), 1.0);
  EXPECT_DOUBLE_EQ(best.dev.overall().F1(), 1.0);

  // The model generalizes within the frames it saw.
  NerTagger tagger(model);
  const std::vector<std::vector<std::string_view>> unseen = {
      {"Ingrid", "Valo", "visited", "Narvik", "last", "week", "."}};
  std::vector<std::vector<uint8_t>> tags;
  tagger.TagDocument(unseen, &tags);
  EXPECT_EQ(tags[0], (std::vector<uint8_t>{Tag("B-PER"), Tag("I-PER"), Tag("O"), Tag("B-LOC"),
                                           Tag("O"), Tag("O"), Tag("O")}));
}

TEST(NerTrainer, AveragesSeveralRunsIntoOneModel) {
  std::vector<NerDocument> docs;
  std::string error;
  ASSERT_TRUE(NerDocumentsFromConll(ParseConll(kTinyCorpus), &docs, &error)) << error;
  NerTrainOptions options;
  options.epochs = 5;
  options.hash_bits = 16;
  options.runs = 3;
  int epochs_seen = 0;
  NerEpochReport best;
  const NerModel model = TrainNer(
      docs, docs, options, [&](const NerEpochReport&) { ++epochs_seen; }, &best);
  EXPECT_EQ(epochs_seen, 15);
  EXPECT_EQ(best.epoch, 5);
  EXPECT_DOUBLE_EQ(best.dev.overall().F1(), EvaluateNer(model, docs).overall().F1());
  EXPECT_DOUBLE_EQ(best.dev.overall().F1(), 1.0);
}

TEST(NerTrainer, RejectsUnknownTagsNamingTheLine) {
  std::vector<NerDocument> docs;
  std::string error;
  EXPECT_FALSE(NerDocumentsFromConll(ParseConll("Anna B-PER\nsang B-SONG\n"), &docs, &error));
  EXPECT_NE(error.find("line 2"), std::string::npos) << error;
  EXPECT_NE(error.find("B-SONG"), std::string::npos) << error;
}

TEST(NerTagger, HandlesEmptyHugeAndNonLatinInputWithValidTags) {
  NerTrainOptions options;
  options.epochs = 1;
  options.hash_bits = 12;
  std::vector<NerDocument> docs;
  std::string error;
  ASSERT_TRUE(NerDocumentsFromConll(ParseConll(kTinyCorpus), &docs, &error));
  const NerModel model = TrainNer(docs, {}, options, nullptr, nullptr);
  NerTagger tagger(model);
  const std::string huge(1 << 20, 'Q');
  const std::vector<std::vector<std::string_view>> doc = {
      {}, {huge, "東京", "🙂", "مرحبا", "\xff\xfe"}, {"I"}};
  std::vector<std::vector<uint8_t>> tags;
  tagger.TagDocument(doc, &tags);
  ASSERT_EQ(tags.size(), 3u);
  EXPECT_TRUE(tags[0].empty());
  EXPECT_EQ(tags[1].size(), 5u);
  EXPECT_TRUE(ValidIob2(tags[1]));
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The committed model against the CoNLL-2003 development set, when present.
// models/ner/README.md records the figure this guards.
TEST(NerCommittedModel, ScoresItsRecordedF1OnConll2003Valid) {
  constexpr double kRecordedValidF1 = 0.9338;
  const std::string valid_path = NEWSFLOW_SOURCE_DIR "/../shared/data/ner/conll2003/valid.txt";
  const std::string text = ReadFile(valid_path);
  if (text.empty()) GTEST_SKIP() << "no " << valid_path;
  NerModel model;
  std::string error;
  ASSERT_TRUE(
      NerModel::LoadFile(NEWSFLOW_SOURCE_DIR "/models/ner/conll2003-en.nfner", &model, &error))
      << error;
  std::vector<NerDocument> docs;
  ASSERT_TRUE(NerDocumentsFromConll(ParseConll(text), &docs, &error)) << error;
  const EntityScore score = EvaluateNer(model, docs);
  EXPECT_GE(score.overall().F1(), kRecordedValidF1 - 0.005) << score.Format();
  // Pruning (words without capitals between two such words are O) changes
  // no tag of the development set; docs/NER.md records it.
  NerTagger pruned(model, true);
  NerTagger exact(model, false);
  size_t words = 0;
  size_t differing = 0;
  for (const NerDocument& doc : docs) {
    std::vector<std::vector<uint8_t>> pruned_tags;
    std::vector<std::vector<uint8_t>> exact_tags;
    pruned.TagDocument(doc.sentences, &pruned_tags);
    exact.TagDocument(doc.sentences, &exact_tags);
    for (size_t s = 0; s < exact_tags.size(); ++s) {
      words += exact_tags[s].size();
      for (size_t i = 0; i < exact_tags[s].size(); ++i) {
        differing += pruned_tags[s][i] != exact_tags[s][i] ? 1 : 0;
      }
    }
  }
  EXPECT_GT(words, 50000u);
  EXPECT_EQ(differing, 0u);
}

}  // namespace
}  // namespace newsflow
