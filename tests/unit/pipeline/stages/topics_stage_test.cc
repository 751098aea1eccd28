#include "pipeline/stages/topics_stage.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "newsflow/config.h"
#include "tagging/topic_training.h"
#include "tests/unit/scoped_temp_dir.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;

// Written for this test: two topics, enough lines to separate them.
constexpr const char* kCorpus[] = {
    "__label__sport The striker scored and the team won the match.",
    "__label__sport The goalkeeper saved a penalty late in the game.",
    "__label__sport The coach praised the players after the league match.",
    "__label__sport The champion won the final of the tournament.",
    "__label__markets Shares fell as investors sold bank stocks.",
    "__label__markets The central bank raised rates and bond yields rose.",
    "__label__markets Stocks rallied after the company reported profit.",
    "__label__markets Traders sold the dollar and bought bonds.",
};

class TopicsStageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new ScopedTempDir("topics_stage_test");
    const fs::path& dir = temp_->path();
    {
      std::ofstream out(dir / "corpus.txt");
      for (int repeat = 0; repeat < 4; ++repeat) {
        for (const char* line : kCorpus) out << line << '\n';
      }
    }
    TopicTrainingOptions options;
    options.input = (dir / "corpus.txt").string();
    options.output = (dir / "model.bin").string();
    options.epoch = 50;
    options.dim = 16;
    options.word_ngrams = 1;
    TopicTrainingReport report;
    std::string error;
    if (TrainTopicModel(options, &report, &error)) model_path_ = new std::string(options.output);
  }
  static void TearDownTestSuite() {
    delete temp_;
    temp_ = nullptr;
    delete model_path_;
    model_path_ = nullptr;
  }

  // A factory reading the model path from a variable instead of the config.
  static StageFactory Factory(const std::string& path, double threshold = 0.3) {
    return MakeTopicsStageFactory([path, threshold](const Config&) {
      TopicsStageOptions options;
      options.model_path = path;
      options.threshold = threshold;
      return options;
    });
  }

  static std::unique_ptr<Stage> MakeStage() {
    static const Config config;
    return Factory(*model_path_)(StageContext{config});
  }

  static Article SportArticle() {
    Article article;
    article.title = "Late goal";
    article.text = "The striker scored in the final minute and the team won the match.";
    return article;
  }

  static ScopedTempDir* temp_;
  static std::string* model_path_;
};

ScopedTempDir* TopicsStageTest::temp_ = nullptr;
std::string* TopicsStageTest::model_path_ = nullptr;

TEST_F(TopicsStageTest, ClassifiesEnglishArticles) {
  ASSERT_NE(model_path_, nullptr);
  auto stage = MakeStage();
  EXPECT_EQ(stage->Name(), "topics");
  Article article = SportArticle();
  article.language = "en";
  EXPECT_EQ(stage->Process(article).outcome, Outcome::kPass);
  ASSERT_FALSE(article.topics.empty());
  EXPECT_EQ(article.topics.front().label, "sport");
  EXPECT_GE(article.topics.front().score, 0.3);
  EXPECT_TRUE(article.skipped_taggers.empty());
}

TEST_F(TopicsStageTest, EmptyOrUnknownLanguageIsClassified) {
  ASSERT_NE(model_path_, nullptr);
  auto stage = MakeStage();
  for (const char* language : {"", "und"}) {
    Article article = SportArticle();
    article.language = language;
    stage->Process(article);
    ASSERT_FALSE(article.topics.empty()) << language;
    EXPECT_EQ(article.topics.front().label, "sport");
    EXPECT_TRUE(article.skipped_taggers.empty());
  }
}

TEST_F(TopicsStageTest, SkipsOtherLanguagesAndSaysSo) {
  ASSERT_NE(model_path_, nullptr);
  auto stage = MakeStage();
  Article article = SportArticle();
  article.language = "de";
  article.skipped_taggers = {"ner"};
  EXPECT_EQ(stage->Process(article).outcome, Outcome::kPass);
  EXPECT_TRUE(article.topics.empty());
  EXPECT_EQ(article.skipped_taggers, (std::vector<std::string>{"ner", "topics"}));
}

TEST_F(TopicsStageTest, UsesTheTitleToo) {
  ASSERT_NE(model_path_, nullptr);
  auto stage = MakeStage();
  Article article;
  article.title = "Investors sold bank shares";
  stage->Process(article);
  ASSERT_FALSE(article.topics.empty());
  EXPECT_EQ(article.topics.front().label, "markets");
}

TEST_F(TopicsStageTest, AHugeArticleLeavesTheNextOnesScoredAsBefore) {
  // Over the buffer kept between articles (1 MiB at three bytes per input
  // byte): the buffer is let go after it, and the next article starts anew.
  ASSERT_NE(model_path_, nullptr);
  auto stage = MakeStage();
  Article before = SportArticle();
  stage->Process(before);
  ASSERT_FALSE(before.topics.empty());
  const size_t kept_small = static_cast<const TopicsStage&>(*stage).kept_scratch_bytes();
  EXPECT_GT(kept_small, 0u);  // kept for the next article
  Article huge;
  huge.title = "Markets";
  for (int i = 0; i < 40000; ++i) huge.text += "Shares fell as investors sold bank stocks. ";
  stage->Process(huge);
  EXPECT_LE(static_cast<const TopicsStage&>(*stage).kept_scratch_bytes(), kTopicsKeptScratchBytes);
  ASSERT_FALSE(huge.topics.empty());
  EXPECT_EQ(huge.topics.front().label, "markets");
  Article after = SportArticle();
  stage->Process(after);
  ASSERT_EQ(after.topics.size(), before.topics.size());
  EXPECT_EQ(after.topics.front().label, before.topics.front().label);
  EXPECT_EQ(after.topics.front().score, before.topics.front().score);
}

TEST_F(TopicsStageTest, ArticleWithoutTextGetsNoTopics) {
  ASSERT_NE(model_path_, nullptr);
  auto stage = MakeStage();
  Article article;
  article.topics = {{"stale", 1.0}};
  EXPECT_EQ(stage->Process(article).outcome, Outcome::kPass);
  EXPECT_TRUE(article.topics.empty());
}

TEST_F(TopicsStageTest, ThresholdFiltersLabels) {
  ASSERT_NE(model_path_, nullptr);
  static const Config config;
  auto strict = Factory(*model_path_, 1.01)(StageContext{config});
  Article article = SportArticle();
  strict->Process(article);
  EXPECT_TRUE(article.topics.empty());
}

TEST_F(TopicsStageTest, InstancesOfOneFactoryShareTheModel) {
  ASSERT_NE(model_path_, nullptr);
  static const Config config;
  auto factory = Factory(*model_path_);
  auto first = factory(StageContext{config});
  auto second = factory(StageContext{config});
  Article a = SportArticle();
  Article b = SportArticle();
  first->Process(a);
  second->Process(b);
  ASSERT_FALSE(a.topics.empty());
  ASSERT_EQ(a.topics.size(), b.topics.size());
  EXPECT_EQ(a.topics.front().score, b.topics.front().score);
}

TEST(TopicsStageConfigTest, MissingModelRefusesToStartWithAClearError) {
  static const Config config;
  auto factory = MakeTopicsStageFactory([](const Config&) {
    TopicsStageOptions options;
    options.model_path = "/nonexistent/topics.ftz";
    return options;
  });
  try {
    factory(StageContext{config});
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("topics"), std::string::npos) << message;
    EXPECT_NE(message.find("/nonexistent/topics.ftz"), std::string::npos) << message;
  }
}

TEST(TopicsStageConfigTest, NoConfiguredModelRefusesToStart) {
  static const Config config;
  auto factory = MakeTopicsStageFactory([](const Config&) { return TopicsStageOptions{}; });
  EXPECT_THROW(factory(StageContext{config}), std::runtime_error);
}

}  // namespace
}  // namespace newsflow
