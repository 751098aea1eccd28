#include "pipeline/stages/keywords_stage.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "newsflow/config.h"
#include "tests/unit/scoped_temp_dir.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;

class KeywordsStageTest : public ::testing::Test {
 protected:
  static const fs::path& Dir() { return temp_->path(); }
  static void SetUpTestSuite() {
    temp_ = new ScopedTempDir("keywords_stage_test");
    KeywordBackgroundBuilder builder(1);
    for (int d = 0; d < 50; ++d) {
      builder.AddDocument("The government said the market would improve. The city was quiet.");
    }
    builder.AddDocument("A shipyard opened.");
    std::string error;
    ASSERT_TRUE(builder.Build()->Save(Path(), &error)) << error;
  }
  static void TearDownTestSuite() {
    delete temp_;
    temp_ = nullptr;
  }
  static std::string Path() { return (Dir() / "background.tsv").string(); }

  static StageFactory Factory(const std::string& path, int max_keywords = 10) {
    return MakeKeywordsStageFactory([path, max_keywords](const Config&) {
      KeywordsStageOptions options;
      options.model_path = path;
      options.max_keywords = max_keywords;
      return options;
    });
  }
  static std::unique_ptr<Stage> MakeStage(int max_keywords = 10) {
    static const Config config;
    return Factory(Path(), max_keywords)(StageContext{config});
  }
  static Article ShipyardArticle() {
    Article article;
    article.title = "Shipyard reopens";
    article.text =
        "The government said the shipyard would reopen. Welders returned to the shipyard on a "
        "cold morning, and the market for tankers improved.";
    return article;
  }

  static ScopedTempDir* temp_;
};

ScopedTempDir* KeywordsStageTest::temp_ = nullptr;

TEST_F(KeywordsStageTest, TagsEnglishArticles) {
  auto stage = MakeStage();
  EXPECT_EQ(stage->Name(), "keywords");
  Article article = ShipyardArticle();
  article.language = "en";
  EXPECT_EQ(stage->Process(article).outcome, Outcome::kPass);
  ASSERT_FALSE(article.keywords.empty());
  EXPECT_EQ(article.keywords.front().phrase, "shipyard");
  EXPECT_EQ(article.keywords.front().score, 1.0);
  ASSERT_EQ(article.keywords.front().mentions.size(), 2u);
  const TextSpan span = article.keywords.front().mentions.front();
  EXPECT_EQ(article.text.substr(span.begin, span.end - span.begin), "shipyard");
  EXPECT_TRUE(article.skipped_taggers.empty());
}

TEST_F(KeywordsStageTest, EmptyOrUnknownLanguageIsTagged) {
  auto stage = MakeStage();
  for (const char* language : {"", "und"}) {
    Article article = ShipyardArticle();
    article.language = language;
    stage->Process(article);
    EXPECT_FALSE(article.keywords.empty()) << language;
    EXPECT_TRUE(article.skipped_taggers.empty()) << language;
  }
}

TEST_F(KeywordsStageTest, SkipsOtherLanguagesAndSaysSo) {
  auto stage = MakeStage();
  Article article = ShipyardArticle();
  article.language = "de";
  article.skipped_taggers = {"entities"};
  article.keywords = {{"stale", 1.0, {}}};
  EXPECT_EQ(stage->Process(article).outcome, Outcome::kPass);
  EXPECT_TRUE(article.keywords.empty());
  EXPECT_EQ(article.skipped_taggers, (std::vector<std::string>{"entities", "keywords"}));
}

TEST_F(KeywordsStageTest, ArticleWithoutTextGetsNoKeywords) {
  auto stage = MakeStage();
  Article article;
  article.title = "Shipyard";
  article.keywords = {{"stale", 1.0, {}}};
  EXPECT_EQ(stage->Process(article).outcome, Outcome::kPass);
  EXPECT_TRUE(article.keywords.empty());
}

TEST_F(KeywordsStageTest, MaxKeywordsLimitsTheList) {
  Article article = ShipyardArticle();
  MakeStage(2)->Process(article);
  EXPECT_EQ(article.keywords.size(), 2u);
  MakeStage(0)->Process(article);
  EXPECT_TRUE(article.keywords.empty());
}

TEST_F(KeywordsStageTest, InstancesOfOneFactoryShareTheBackground) {
  static const Config config;
  auto factory = Factory(Path());
  auto first = factory(StageContext{config});
  // The file is gone: a second instance must not read it again.
  const std::string moved = Path() + ".moved";
  fs::rename(Path(), moved);
  auto second = factory(StageContext{config});
  fs::rename(moved, Path());
  Article a = ShipyardArticle();
  Article b = ShipyardArticle();
  first->Process(a);
  second->Process(b);
  ASSERT_FALSE(a.keywords.empty());
  ASSERT_EQ(a.keywords.size(), b.keywords.size());
  EXPECT_EQ(a.keywords.front().phrase, b.keywords.front().phrase);
}

TEST(KeywordsStageConfigTest, MissingBackgroundRefusesToStartNamingTheFile) {
  static const Config config;
  auto factory = MakeKeywordsStageFactory([](const Config&) {
    KeywordsStageOptions options;
    options.model_path = "/nonexistent/keywords/background.tsv";
    return options;
  });
  try {
    factory(StageContext{config});
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("keywords"), std::string::npos) << message;
    EXPECT_NE(message.find("/nonexistent/keywords/background.tsv"), std::string::npos) << message;
  }
}

TEST(KeywordsStageConfigTest, MalformedBackgroundRefusesToStartNamingTheLine) {
  const ScopedTempDir temp("keywords_stage_bad");
  const fs::path path = temp.path() / "keywords_stage_bad.tsv";
  std::ofstream(path) << "newsflow-keyword-background\t1\tdocuments=5\tmin_df=1\nsteel\tmany\n";
  static const Config config;
  auto factory = MakeKeywordsStageFactory([path](const Config&) {
    KeywordsStageOptions options;
    options.model_path = path.string();
    return options;
  });
  try {
    factory(StageContext{config});
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(path.string() + ":2:"), std::string::npos) << e.what();
  }
}

TEST(KeywordsStageConfigTest, NoConfiguredBackgroundRefusesToStart) {
  static const Config config;
  auto factory = MakeKeywordsStageFactory([](const Config&) { return KeywordsStageOptions{}; });
  EXPECT_THROW(factory(StageContext{config}), std::runtime_error);
}

TEST(KeywordsStageConfigTest, DefaultConfiguredBackgroundLoads) {
  static const Config config;
  auto factory = MakeKeywordsStageFactory([](const Config& c) {
    KeywordsStageOptions options;
    options.model_path = c.tagging.keywords_model;
    options.max_keywords = c.tagging.keywords_max;
    return options;
  });
  auto stage = factory(StageContext{config});
  Article article;
  article.text =
      "The Bank of England raised interest rates. The Bank of England said interest rates would "
      "stay high while inflation remained above target.";
  stage->Process(article);
  ASSERT_FALSE(article.keywords.empty());
}

}  // namespace
}  // namespace newsflow
