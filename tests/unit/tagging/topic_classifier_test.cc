#include "tagging/topic_classifier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tagging/topic_training.h"
#include "tests/unit/scoped_temp_dir.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;

// A tiny labelled corpus written for these tests: three topics, and a few
// lines that carry two labels.
constexpr const char* kTinyCorpus[] = {
    "__label__sport The striker scored twice and the home team won the match.",
    "__label__sport The goalkeeper saved a penalty in the final minute of the game.",
    "__label__sport Fans cheered as the coach praised the team after the league match.",
    "__label__sport The tennis champion won the tournament final in straight sets.",
    "__label__sport A late goal gave the visitors the cup after extra time.",
    "__label__sport The team trained before the derby match against their rivals.",
    "__label__markets Shares fell as investors sold bank stocks on the exchange.",
    "__label__markets The central bank raised interest rates and bond yields rose.",
    "__label__markets Stocks rallied after the company reported higher quarterly profit.",
    "__label__markets The dollar weakened against the euro as traders sold currency.",
    "__label__markets Investors bought bonds while the stock index slipped.",
    "__label__markets Quarterly earnings beat forecasts and the shares gained.",
    "__label__weather Heavy rain and strong winds are expected along the coast tomorrow.",
    "__label__weather A storm brought snow and freezing temperatures to the mountains.",
    "__label__weather Forecasters warned of floods after a week of heavy rain.",
    "__label__weather Sunny skies and warm temperatures will return by the weekend.",
    "__label__weather The heatwave continued with temperatures above forty degrees.",
    "__label__weather Thunderstorms and hail hit the region overnight.",
    "__label__sport __label__weather Rain stopped the cricket match and the game was abandoned.",
    "__label__sport __label__weather Heavy snow postponed the football match at the stadium.",
    "__label__markets __label__weather The storm hit crop prices and commodity traders bought "
    "wheat.",
};

class TopicClassifierTest : public ::testing::Test {
 protected:
  // The tiny corpus's training settings, writing `output` in the directory.
  static TopicTrainingOptions TinyOptions(const std::string& output) {
    TopicTrainingOptions options;
    options.input = (Dir() / "tiny.txt").string();
    options.output = (Dir() / output).string();
    options.epoch = 50;
    options.lr = 0.5;
    options.dim = 16;
    options.word_ngrams = 1;
    return options;
  }

  static void SetUpTestSuite() {
    temp_ = new ScopedTempDir("topic_classifier_test");
    const fs::path corpus = Dir() / "tiny.txt";
    {
      std::ofstream out(corpus);
      for (int repeat = 0; repeat < 3; ++repeat) {
        for (const char* line : kTinyCorpus) out << line << '\n';
      }
    }
    const TopicTrainingOptions options = TinyOptions("tiny.bin");
    TopicTrainingReport report;
    std::string error;
    const auto start = std::chrono::steady_clock::now();
    trained_ = TrainTopicModel(options, &report, &error);
    train_seconds_ =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    train_error_ = new std::string(error);
    classifier_ =
        new std::shared_ptr<const TopicClassifier>(TopicClassifier::Load(options.output, &error));
  }
  static void TearDownTestSuite() {
    delete classifier_;
    delete train_error_;
    delete temp_;
    temp_ = nullptr;
  }
  static const TopicClassifier& Classifier() { return **classifier_; }
  static const fs::path& Dir() { return temp_->path(); }

  static ScopedTempDir* temp_;
  static bool trained_;
  static double train_seconds_;
  static std::string* train_error_;
  static std::shared_ptr<const TopicClassifier>* classifier_;
};

ScopedTempDir* TopicClassifierTest::temp_ = nullptr;
bool TopicClassifierTest::trained_ = false;
double TopicClassifierTest::train_seconds_ = 0;
std::string* TopicClassifierTest::train_error_ = nullptr;
std::shared_ptr<const TopicClassifier>* TopicClassifierTest::classifier_ = nullptr;

// ---- Preprocessing.

TEST(NormalizeTopicTextTest, LowercasesAsciiAndUnicodeLetters) {
  EXPECT_EQ(NormalizeTopicText("OPEC Raises Output"), "opec raises output");
  EXPECT_EQ(NormalizeTopicText("ÉCOLE Über ΑΘΗΝΑ"), "école über αθηνα");
}

TEST(NormalizeTopicTextTest, DropsPunctuationBetweenWords) {
  EXPECT_EQ(NormalizeTopicText("profit rose, analysts said."), "profit rose analysts said");
  EXPECT_EQ(NormalizeTopicText("(Reuters) \"quoted\"...!"), "reuters quoted");
  EXPECT_EQ(NormalizeTopicText("word,word"), "word word");
}

TEST(NormalizeTopicTextTest, KeepsInnerHyphensApostrophesAndNumberSeparators) {
  EXPECT_EQ(NormalizeTopicText("money-fx don't 5.93 155,221"), "money-fx don't 0.00 000,000");
  EXPECT_EQ(NormalizeTopicText("it’s"), "it's");
}

TEST(NormalizeTopicTextTest, SeparatorsAtWordEdgesAreDropped) {
  EXPECT_EQ(NormalizeTopicText("end- 'quoted' 5. ,7 -x"), "end quoted 0 0 x");
}

TEST(NormalizeTopicTextTest, LongLetterRunsEndAtEveryKindOfNonLetter) {
  // Runs of eight letters and more (read eight bytes at a time), ended by
  // the ASCII bytes next to the letters ('@' '[' '`' '{'), a digit, a
  // non-ASCII letter or the end of the text.
  EXPECT_EQ(NormalizeTopicText("abcdefgh{ijklmnop[qrstuvw`xyzABCDE@FGHIJKLM"),
            "abcdefgh ijklmnop qrstuvw ` xyzabcde fghijklm");
  EXPECT_EQ(NormalizeTopicText("INTERNATIONALISATION"), "internationalisation");
  EXPECT_EQ(NormalizeTopicText("Abcdefghé Abcdefgh1"), "abcdefghé abcdefgh0");
}

TEST(NormalizeTopicTextTest, SymbolsAndPercentAreTokens) {
  EXPECT_EQ(NormalizeTopicText("$5 and 3.5% rise\U0001F600now £2"),
            "$ 0 and 0.0 % rise \U0001F600 now £ 0");
}

TEST(NormalizeTopicTextTest, MapsDigitsToZero) {
  EXPECT_EQ(NormalizeTopicText("1987 Q3"), "0000 q0");
  EXPECT_NE(NormalizeTopicText("1987"), "1987");
}

TEST(NormalizeTopicTextTest, CollapsesWhitespaceAndNeverWritesLineBreaks) {
  EXPECT_EQ(NormalizeTopicText("  first\n\nsecond\t third\r\n"), "first second third");
  EXPECT_EQ(NormalizeTopicText("a\u00a0b\u200bc"), "a b c");
  EXPECT_EQ(NormalizeTopicText(""), "");
  EXPECT_EQ(NormalizeTopicText(" \n\t "), "");
}

TEST(NormalizeTopicTextTest, InvalidUtf8IsASeparator) {
  EXPECT_EQ(NormalizeTopicText("bad\xff\xfe"
                               "byte"),
            "bad byte");
  EXPECT_EQ(NormalizeTopicText("trailing\xe2\x82"), "trailing");
}

TEST(NormalizeTopicTextTest, AsciiRunsMixWithUnicodeLettersDigitsAndJoiners) {
  EXPECT_EQ(NormalizeTopicText("ÜberCAFÉ 12abc3 X-Ray's e.g. 3.5% ABC,DEF 1,5 a-- 'b' Q&A"),
            "übercafé 00abc0 x-ray's e g 0.0 % abc def 0,0 a b q a");
  EXPECT_NE(NormalizeTopicText("ABC DEF"), NormalizeTopicText("ABCDEF"));
}

TEST(NormalizeTopicTextTest, LettersWhoseLowercaseIsLongerFitTheRoomMadeForThem) {
  // "Ⱥ" (2 bytes) lowercases to "ⱥ" (3 bytes); "$" is a symbol between
  // separators: both outgrow the input.
  std::string many;
  std::string expected;
  for (int i = 0; i < 1000; ++i) {
    many += "\u023a";
    expected += "\u2c65";
  }
  EXPECT_EQ(NormalizeTopicText(many), expected);
  std::string symbols;
  for (int i = 0; i < 1000; ++i) symbols += "a$";
  const std::string normalized = NormalizeTopicText(symbols);
  EXPECT_EQ(normalized.size(), 4 * 1000 - 1);
  EXPECT_EQ(normalized.substr(0, 8), "a $ a $ ");
}

TEST(NormalizeTopicTextTest, AppendsWithoutTouchingExistingContent) {
  std::string out = "Keep ";
  AppendNormalizedTopicText("Added Text", &out);
  EXPECT_EQ(out, "Keep added text");
}

TEST(SplitFastTextLabelsTest, ReadsLeadingLabelsInOrderAndReturnsTheText) {
  std::vector<std::string_view> labels;
  EXPECT_EQ(SplitFastTextLabels("__label__earn\t __label__acq Net __label__x profit", &labels),
            "Net __label__x profit");
  EXPECT_EQ(labels, (std::vector<std::string_view>{"earn", "acq"}));
  labels.clear();
  // A label ends at a line break; a bare prefix is text, not an empty label.
  EXPECT_EQ(SplitFastTextLabels("__label__a\r\n", &labels), "\r\n");
  EXPECT_EQ(labels, (std::vector<std::string_view>{"a"}));
  labels.clear();
  EXPECT_EQ(SplitFastTextLabels("__label__ text", &labels), "__label__ text");
  EXPECT_TRUE(labels.empty());
  EXPECT_EQ(SplitFastTextLabels("no labels", &labels), "no labels");
  EXPECT_EQ(SplitFastTextLabels("", &labels), "");
  EXPECT_TRUE(labels.empty());
}

TEST(NormalizeTopicTrainingLineTest, KeepsLabelsVerbatimAndNormalizesText) {
  std::string out;
  ASSERT_TRUE(NormalizeTopicTrainingLine("__label__Earn __label__acq Net Profit.", &out));
  EXPECT_EQ(out, "__label__Earn __label__acq net profit");
}

TEST(NormalizeTopicTrainingLineTest, RejectsLinesWithoutLabelOrText) {
  std::string out = "stale";
  EXPECT_FALSE(NormalizeTopicTrainingLine("no label here", &out));
  EXPECT_TRUE(out.empty());
  EXPECT_FALSE(NormalizeTopicTrainingLine("__label__earn   ", &out));
  EXPECT_FALSE(NormalizeTopicTrainingLine("__label__ is not a label", &out));
}

// ---- Loading.

TEST(TopicClassifierLoadTest, MissingFileIsAClearError) {
  std::string error;
  EXPECT_EQ(TopicClassifier::Load("/nonexistent/topics.ftz", &error), nullptr);
  EXPECT_NE(error.find("/nonexistent/topics.ftz"), std::string::npos) << error;
  EXPECT_NE(error.find("no such file"), std::string::npos) << error;
}

TEST(TopicClassifierLoadTest, EmptyPathAndDirectoryAreErrors) {
  std::string error;
  EXPECT_EQ(TopicClassifier::Load("", &error), nullptr);
  EXPECT_NE(error.find("no path"), std::string::npos) << error;
  EXPECT_EQ(TopicClassifier::Load(::testing::TempDir(), &error), nullptr);
  EXPECT_NE(error.find("not a regular file"), std::string::npos) << error;
}

TEST(TopicClassifierLoadTest, GarbageFileIsAClearErrorNotACrash) {
  const ScopedTempDir temp("topic_classifier_garbage");
  const fs::path path = temp.path() / "garbage_topics.bin";
  {
    std::ofstream out(path, std::ios::binary);
    out << "this is not a fastText model at all, just some text\n";
  }
  std::string error;
  EXPECT_EQ(TopicClassifier::Load(path.string(), &error), nullptr);
  EXPECT_NE(error.find("topics model"), std::string::npos) << error;
  EXPECT_NE(error.find("format"), std::string::npos) << error;
}

TEST_F(TopicClassifierTest, TruncatedModelIsAClearErrorNotACrash) {
  ASSERT_TRUE(trained_) << *train_error_;
  const fs::path full = Dir() / "tiny.bin";
  const fs::path cut = Dir() / "truncated.bin";
  {
    std::ifstream in(full, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream out(cut, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 3));
  }
  std::string error;
  // fastText does not check every read; what matters is no crash and, when
  // it notices, a message. A truncated matrix may load with zeros.
  const auto classifier = TopicClassifier::Load(cut.string(), &error);
  if (classifier == nullptr) {
    EXPECT_NE(error.find("topics model"), std::string::npos);
  }
}

// ---- A tiny model trained here.

TEST_F(TopicClassifierTest, TrainsATinyModelWithItsLabels) {
  ASSERT_TRUE(trained_) << *train_error_;
  ASSERT_NE(*classifier_, nullptr);
  EXPECT_FALSE(Classifier().quantized());
  std::vector<std::string> labels = Classifier().labels();
  std::sort(labels.begin(), labels.end());
  EXPECT_EQ(labels, (std::vector<std::string>{"markets", "sport", "weather"}));
}

TEST_F(TopicClassifierTest, PredictsTheRightTopicWithoutLabelPrefix) {
  ASSERT_NE(*classifier_, nullptr);
  const auto sport = Classifier().Predict("The TEAM won the MATCH with a late goal!", {0.3, 5});
  ASSERT_FALSE(sport.empty());
  EXPECT_EQ(sport.front().label, "sport");
  const auto markets =
      Classifier().Predict("Bank shares and bonds fell, investors said.", {0.3, 5});
  ASSERT_FALSE(markets.empty());
  EXPECT_EQ(markets.front().label, "markets");
  EXPECT_NE(sport.front().label, markets.front().label);
}

TEST_F(TopicClassifierTest, ReturnsEveryLabelAboveThresholdBestFirst) {
  ASSERT_NE(*classifier_, nullptr);
  const std::string text = "Heavy rain and snow stopped the football match at the stadium.";
  const auto all = Classifier().Predict(text, {0.0, 0});
  ASSERT_EQ(all.size(), 3u);
  for (size_t i = 1; i < all.size(); ++i) EXPECT_GE(all[i - 1].score, all[i].score);
  const double threshold = (all[1].score + all[2].score) / 2;
  const auto above = Classifier().Predict(text, {threshold, 0});
  ASSERT_EQ(above.size(), 2u);
  for (const TopicScore& topic : above) {
    EXPECT_GE(topic.score, threshold);
    EXPECT_NE(topic.label.rfind("__label__", 0), 0u);
  }
}

// Every label's score, bit for bit, from Predict() and from fastText's own
// line reader.
void ExpectSameAsFastTextsReader(const TopicClassifier& classifier, const std::string& text) {
  const auto fast = classifier.Predict(text, {0.0, 0});
  const auto reference =
      classifier.PredictWithFastTextReader(NormalizeTopicText(text) + "\n", {0.0, 0});
  ASSERT_EQ(fast.size(), reference.size()) << text;
  for (size_t i = 0; i < fast.size(); ++i) {
    EXPECT_EQ(fast[i].label, reference[i].label) << text;
    EXPECT_EQ(fast[i].score, reference[i].score) << text;  // exact, not near
  }
}

constexpr const char* kVariedTexts[] = {"Heavy rain stopped the match.",
                                        "Shares fell; unknownword zzz!",
                                        "qqq xxx",
                                        "storm",
                                        "Investors bought wheat as snow hit the crop",
                                        "The Team WON the MATCH, 3-1, in 90 minutes."};

TEST_F(TopicClassifierTest, FastPathMatchesFastTextsLineReaderBitForBit) {
  ASSERT_NE(*classifier_, nullptr);
  EXPECT_TRUE(Classifier().fast_path());
  for (const char* text : kVariedTexts) ExpectSameAsFastTextsReader(Classifier(), text);
}

// The shipped models' kind: quantized input matrix (product quantizer), word
// unigrams. Needs >= 256 words to quantize: the tiny corpus plus made-up
// words.
TEST_F(TopicClassifierTest, QuantizedUnigramModelTakesTheFastPathWithIdenticalScores) {
  ASSERT_TRUE(trained_) << *train_error_;
  const fs::path corpus = Dir() / "tiny-many-words.txt";
  {
    std::ofstream out(corpus);
    const char* const kSyllables[] = {"ka", "lo", "mi", "nu", "pe", "ra", "si", "tu", "ve", "zo",
                                      "ba", "de", "fi", "go", "hu", "jy", "qa", "wi", "xo", "yu"};
    for (int repeat = 0; repeat < 2; ++repeat) {
      for (const char* line : kTinyCorpus) out << line << '\n';
    }
    for (int i = 0; i < 400; ++i) {
      out << (i % 2 == 0 ? "__label__sport " : "__label__markets ") << kSyllables[i % 20]
          << kSyllables[i / 20] << " match shares\n";
    }
  }
  TopicTrainingOptions options;
  options.input = corpus.string();
  options.output = (Dir() / "unigram.ftz").string();
  options.epoch = 5;
  options.dim = 16;
  options.word_ngrams = 1;
  options.quantize = true;
  TopicTrainingReport report;
  std::string error;
  ASSERT_TRUE(TrainTopicModel(options, &report, &error)) << error;
  const auto quantized = TopicClassifier::Load(options.output, &error);
  ASSERT_NE(quantized, nullptr) << error;
  EXPECT_TRUE(quantized->quantized());
  EXPECT_TRUE(quantized->fast_path());
  for (const char* text : kVariedTexts) ExpectSameAsFastTextsReader(*quantized, text);
  ExpectSameAsFastTextsReader(*quantized, "kalo minu the match pesi and shares");
}

TEST_F(TopicClassifierTest, SoftmaxModelTakesTheFastPathWithIdenticalScores) {
  ASSERT_TRUE(trained_) << *train_error_;
  TopicTrainingOptions options;
  options.input = (Dir() / "tiny.txt").string();
  options.output = (Dir() / "softmax.bin").string();
  options.epoch = 20;
  options.dim = 16;
  options.word_ngrams = 1;
  options.loss = "softmax";
  TopicTrainingReport report;
  std::string error;
  ASSERT_TRUE(TrainTopicModel(options, &report, &error)) << error;
  const auto softmax = TopicClassifier::Load(options.output, &error);
  ASSERT_NE(softmax, nullptr) << error;
  EXPECT_TRUE(softmax->fast_path());
  for (const char* text : kVariedTexts) ExpectSameAsFastTextsReader(*softmax, text);
}

// Word n-grams (ids fastText hashes from word pairs) and hierarchical
// softmax are fastText's to compute: no fast path, same answers.
TEST_F(TopicClassifierTest, WordNgramAndHsModelsUseFastTextsOwnPrediction) {
  ASSERT_TRUE(trained_) << *train_error_;
  for (const auto& [loss, ngrams] : {std::pair<std::string, int>{"ova", 2}, {"hs", 1}}) {
    TopicTrainingOptions options;
    options.input = (Dir() / "tiny.txt").string();
    options.output = (Dir() / ("other-" + loss + ".bin")).string();
    options.epoch = 20;
    options.dim = 16;
    options.word_ngrams = ngrams;
    options.bucket = 2000;
    options.loss = loss;
    TopicTrainingReport report;
    std::string error;
    ASSERT_TRUE(TrainTopicModel(options, &report, &error)) << error;
    const auto model = TopicClassifier::Load(options.output, &error);
    ASSERT_NE(model, nullptr) << error;
    EXPECT_FALSE(model->fast_path()) << loss;
    for (const char* text : kVariedTexts) ExpectSameAsFastTextsReader(*model, text);
  }
}

TEST_F(TopicClassifierTest, MultiLabelTextGetsBothLabels) {
  ASSERT_NE(*classifier_, nullptr);
  const auto topics = Classifier().Predict(
      "Snow and a storm postponed the match; the team and fans waited.", {0.2, 5});
  std::vector<std::string> labels;
  for (const auto& topic : topics) labels.push_back(topic.label);
  std::sort(labels.begin(), labels.end());
  EXPECT_EQ(labels, (std::vector<std::string>{"sport", "weather"}));
}

TEST_F(TopicClassifierTest, MaxLabelsLimitsTheOutput) {
  ASSERT_NE(*classifier_, nullptr);
  const std::string text = "Rain stopped the match and shares fell.";
  EXPECT_EQ(Classifier().Predict(text, {0.0, 1}).size(), 1u);
  EXPECT_EQ(Classifier().Predict(text, {0.0, 0}).size(), 3u);
}

TEST_F(TopicClassifierTest, ThresholdAboveEveryScoreGivesNoTopics) {
  ASSERT_NE(*classifier_, nullptr);
  EXPECT_TRUE(Classifier().Predict("the match", {1.01, 5}).empty());
}

TEST_F(TopicClassifierTest, EmptyOrBlankTextGivesNoTopics) {
  ASSERT_NE(*classifier_, nullptr);
  EXPECT_TRUE(Classifier().Predict("", {0.0, 0}).empty());
  EXPECT_TRUE(Classifier().Predict(" \n\t", {0.0, 0}).empty());
  EXPECT_TRUE(Classifier().PredictNormalized("\nthe match", {0.0, 0}).empty());
  EXPECT_FALSE(Classifier().PredictNormalized("the match\nignored", {0.0, 0}).empty());
}

TEST_F(TopicClassifierTest, PredictionIsTheSameFromManyThreads) {
  ASSERT_NE(*classifier_, nullptr);
  const std::string text = "Investors sold stocks as the storm hit the coast.";
  const auto expected = Classifier().Predict(text, {0.0, 0});
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::string scratch;
      for (int i = 0; i < 200; ++i) {
        const auto got = Classifier().Predict(text, {0.0, 0}, &scratch);
        if (got.size() != expected.size() || got[0].label != expected[0].label ||
            got[0].score != expected[0].score) {
          ++mismatches[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST_F(TopicClassifierTest, AdversarialInputDoesNotCrash) {
  ASSERT_NE(*classifier_, nullptr);
  std::string huge(4 << 20, 'a');
  for (size_t i = 0; i < huge.size(); i += 7) huge[i] = ' ';
  EXPECT_NO_FATAL_FAILURE(Classifier().Predict(huge, {0.3, 5}));
  EXPECT_NO_FATAL_FAILURE(Classifier().Predict(std::string(100000, '.'), {0.3, 5}));
  EXPECT_NO_FATAL_FAILURE(Classifier().Predict("__label__sport the match", {0.3, 5}));
}

// ---- Training errors and quantization.

TEST(TrainTopicModelTest, InputWithoutLabelsIsAnError) {
  const ScopedTempDir temp("topic_classifier_unlabelled");
  const fs::path input = temp.path() / "unlabelled_topics.txt";
  {
    std::ofstream out(input);
    out << "no labels on this line\nnor on this one\n";
  }
  TopicTrainingOptions options;
  options.input = input.string();
  options.output = (temp.path() / "unlabelled.bin").string();
  TopicTrainingReport report;
  std::string error;
  EXPECT_FALSE(TrainTopicModel(options, &report, &error));
  EXPECT_NE(error.find("no line with a __label__"), std::string::npos) << error;
  EXPECT_EQ(report.lines_read, 2u);
}

TEST(TrainTopicModelTest, MissingInputAndBadLossAreErrors) {
  TopicTrainingOptions options;
  options.input = "/nonexistent/train.txt";
  options.output = (fs::path(::testing::TempDir()) / "never.bin").string();
  TopicTrainingReport report;
  std::string error;
  EXPECT_FALSE(TrainTopicModel(options, &report, &error));
  EXPECT_NE(error.find("cannot read"), std::string::npos) << error;
  options.loss = "hinge";
  EXPECT_FALSE(TrainTopicModel(options, &report, &error));
  EXPECT_NE(error.find("unknown loss"), std::string::npos) << error;
}

TEST_F(TopicClassifierTest, QuantizedModelIsSmallerAndStillPredicts) {
  ASSERT_TRUE(trained_) << *train_error_;
  const fs::path corpus = Dir() / "tiny.txt";
  TopicTrainingOptions options;
  options.input = corpus.string();
  options.output = (Dir() / "tiny.ftz").string();
  options.epoch = 30;
  options.dim = 16;
  options.word_ngrams = 2;
  options.bucket = 2000;  // the quantizer needs >= 256 rows
  options.quantize = true;
  options.cutoff = 1000;
  TopicTrainingReport report;
  std::string error;
  ASSERT_TRUE(TrainTopicModel(options, &report, &error)) << error;
  const auto quantized = TopicClassifier::Load(options.output, &error);
  ASSERT_NE(quantized, nullptr) << error;
  EXPECT_TRUE(quantized->quantized());
  EXPECT_LT(fs::file_size(options.output), fs::file_size(Dir() / "tiny.bin") + 200000);
  const auto topics = quantized->Predict("the striker scored and the team won the match", {0, 1});
  ASSERT_EQ(topics.size(), 1u);
  EXPECT_EQ(topics.front().label, "sport");
}

TEST_F(TopicClassifierTest, TrainingIsDeterministicWithOneThread) {
  ASSERT_TRUE(trained_) << *train_error_;
  TopicTrainingOptions options = TinyOptions("again.bin");
  TopicTrainingReport report;
  std::string error;
  ASSERT_TRUE(TrainTopicModel(options, &report, &error)) << error;
  auto read = [](const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  EXPECT_EQ(read(Dir() / "again.bin"), read(Dir() / "tiny.bin"));
}

// ---- Pretrained word vectors (skipgram on the training text).

std::string ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST_F(TopicClassifierTest, PretrainingIsTheDefaultAndChangesTheStartingPoint) {
  ASSERT_TRUE(trained_) << *train_error_;
  EXPECT_GT(TopicTrainingOptions{}.pretrain_epoch, 0);
  TopicTrainingOptions options = TinyOptions("not-pretrained.bin");
  options.pretrain_epoch = 0;
  TopicTrainingReport report;
  std::string error;
  ASSERT_TRUE(TrainTopicModel(options, &report, &error)) << error;
  EXPECT_FALSE(report.pretrained);
  // Same shape (labels, vocabulary, file size), different weights.
  const std::string plain = ReadBytes(options.output);
  const std::string pretrained = ReadBytes(Dir() / "tiny.bin");
  EXPECT_EQ(plain.size(), pretrained.size());
  EXPECT_NE(plain, pretrained);
}

TEST_F(TopicClassifierTest, PretrainedModelReportsItAndKeepsItsVocabularyAndLabels) {
  ASSERT_TRUE(trained_) << *train_error_;
  TopicTrainingOptions options = TinyOptions("pretrained.bin");
  options.pretrain_epoch = 5;
  TopicTrainingReport report;
  std::string error;
  ASSERT_TRUE(TrainTopicModel(options, &report, &error)) << error;
  EXPECT_TRUE(report.pretrained);
  const auto classifier = TopicClassifier::Load(options.output, &error);
  ASSERT_NE(classifier, nullptr) << error;
  // Pretraining adds no word and no label: the vectors cover the same
  // vocabulary the supervised model builds.
  std::vector<std::string> labels = classifier->labels();
  std::sort(labels.begin(), labels.end());
  EXPECT_EQ(labels, (std::vector<std::string>{"markets", "sport", "weather"}));
  TopicTrainingOptions plain = options;
  plain.output = (Dir() / "pretrained-off.bin").string();
  plain.pretrain_epoch = 0;
  TopicTrainingReport plain_report;
  ASSERT_TRUE(TrainTopicModel(plain, &plain_report, &error)) << error;
  EXPECT_EQ(report.words, plain_report.words);
  EXPECT_EQ(report.labels, plain_report.labels);
  const auto sport = classifier->Predict("The striker scored and the team won the match", {0, 1});
  ASSERT_EQ(sport.size(), 1u);
  EXPECT_EQ(sport.front().label, "sport");
}

TEST(TrainTopicModelTest, NegativePretrainEpochIsAnError) {
  TopicTrainingOptions options;
  options.input = "/nonexistent/train.txt";
  options.output = (fs::path(::testing::TempDir()) / "never.bin").string();
  options.pretrain_epoch = -1;
  TopicTrainingReport report;
  std::string error;
  EXPECT_FALSE(TrainTopicModel(options, &report, &error));
  EXPECT_NE(error.find("pretrain-epoch"), std::string::npos) << error;
}

}  // namespace
}  // namespace newsflow
