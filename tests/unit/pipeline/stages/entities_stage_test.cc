#include "pipeline/stages/entities_stage.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include "newsflow/config.h"
#include "tests/unit/scoped_temp_dir.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;

constexpr const char* kModel = NEWSFLOW_SOURCE_DIR "/models/ner/conll2003-en.nfner";

// Written for this test.
constexpr const char* kText =
    "Chancellor Helmut Kohl met officials of the International Monetary Fund in Berlin on "
    "Monday, a government spokesman said.\n\n"
    "Kohl told reporters that Germany's economy would grow faster than the IMF expected. "
    "Shares of Volkswagen AG rose 2 percent.";

StageFactory Factory(const std::string& path) {
  return MakeEntitiesStageFactory([path](const Config&) { return path; });
}

std::unique_ptr<Stage> Build(const StageFactory& factory) {
  static const Config config;
  return factory(StageContext{config});
}

// The message of the exception building a stage throws, or "" if none.
std::string BuildError(const std::string& path) {
  try {
    Build(Factory(path));
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

class EntitiesStageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { stage_ = Build(Factory(kModel)).release(); }
  static void TearDownTestSuite() {
    delete stage_;
    stage_ = nullptr;
  }

  static Article EnglishArticle() {
    Article article;
    article.text = kText;
    article.language = "en";
    return article;
  }

  // The text of each mention of `entity`.
  static std::vector<std::string> MentionTexts(const Article& article, const Entity& entity) {
    std::vector<std::string> out;
    for (const TextSpan& span : entity.mentions) {
      out.push_back(article.text.substr(span.begin, span.end - span.begin));
    }
    return out;
  }

  static const Entity* Find(const std::vector<Entity>& entities, const std::string& name) {
    for (const Entity& e : entities) {
      if (e.name == name) return &e;
    }
    return nullptr;
  }

  static Stage* stage_;
};

Stage* EntitiesStageTest::stage_ = nullptr;

TEST_F(EntitiesStageTest, FindsPeopleOrganizationsAndPlacesWithByteOffsets) {
  Article article = EnglishArticle();
  EXPECT_EQ(stage_->Process(article).outcome, Outcome::kPass);
  EXPECT_TRUE(article.skipped_taggers.empty());
  EXPECT_EQ(stage_->Name(), "entities");

  const Entity* kohl = Find(article.entities.people, "Helmut Kohl");
  ASSERT_NE(kohl, nullptr);
  const size_t begin = article.text.find("Helmut Kohl");
  ASSERT_FALSE(kohl->mentions.empty());
  EXPECT_EQ(kohl->mentions[0], (TextSpan{begin, begin + 11}));

  EXPECT_NE(Find(article.entities.organizations, "Volkswagen AG"), nullptr);
  const Entity* berlin = Find(article.entities.locations, "Berlin");
  ASSERT_NE(berlin, nullptr);
  EXPECT_EQ(MentionTexts(article, *berlin), std::vector<std::string>{"Berlin"});
  // The possessive is not part of the place.
  const Entity* germany = Find(article.entities.locations, "Germany");
  ASSERT_NE(germany, nullptr);
  EXPECT_EQ(MentionTexts(article, *germany), std::vector<std::string>{"Germany"});
  EXPECT_TRUE(germany->country_code.empty());
}

TEST_F(EntitiesStageTest, MergesMentionsOfOneEntity) {
  Article article = EnglishArticle();
  stage_->Process(article);
  const Entity* kohl = Find(article.entities.people, "Helmut Kohl");
  ASSERT_NE(kohl, nullptr);
  EXPECT_EQ(MentionTexts(article, *kohl), (std::vector<std::string>{"Helmut Kohl", "Kohl"}));
  const Entity* imf = Find(article.entities.organizations, "International Monetary Fund");
  ASSERT_NE(imf, nullptr);
  EXPECT_EQ(MentionTexts(article, *imf),
            (std::vector<std::string>{"International Monetary Fund", "IMF"}));
  EXPECT_EQ(Find(article.entities.organizations, "IMF"), nullptr);
}

TEST_F(EntitiesStageTest, SkipsArticlesInOtherLanguages) {
  Article article = EnglishArticle();
  article.language = "de";
  article.entities.people.push_back(Entity{"stale", {}, "", std::nullopt, std::nullopt});
  EXPECT_EQ(stage_->Process(article).outcome, Outcome::kPass);
  EXPECT_EQ(article.skipped_taggers, std::vector<std::string>{"entities"});
  EXPECT_TRUE(article.entities.people.empty());
  EXPECT_TRUE(article.entities.locations.empty());
}

TEST_F(EntitiesStageTest, TagsEnglishUnknownAndUnsetLanguages) {
  for (const char* language : {"en", "und", ""}) {
    Article article = EnglishArticle();
    article.language = language;
    stage_->Process(article);
    EXPECT_TRUE(article.skipped_taggers.empty()) << language;
    EXPECT_NE(Find(article.entities.people, "Helmut Kohl"), nullptr) << language;
  }
}

TEST_F(EntitiesStageTest, ArticleWithoutTextGetsNoEntities) {
  Article article = EnglishArticle();
  stage_->Process(article);
  ASSERT_FALSE(article.entities.people.empty());
  article.text.clear();
  EXPECT_EQ(stage_->Process(article).outcome, Outcome::kPass);
  EXPECT_TRUE(article.entities.people.empty());
  EXPECT_TRUE(article.entities.organizations.empty());
}

TEST_F(EntitiesStageTest, OddTextPassesWithoutError) {
  Article article;
  article.text = std::string("\xFF\xFE \xE2\x80\x9C") + std::string(5000, '\'') + " U.S. " +
                 std::string(3000, '-') + "\n\n\xF0\x9F\x98\x80";
  EXPECT_EQ(stage_->Process(article).outcome, Outcome::kPass);
  for (const auto* list : {&article.entities.people, &article.entities.organizations,
                           &article.entities.locations, &article.entities.misc}) {
    for (const Entity& e : *list) {
      for (const TextSpan& span : e.mentions) {
        EXPECT_LT(span.begin, span.end);
        EXPECT_LE(span.end, article.text.size());
      }
    }
  }
}

TEST_F(EntitiesStageTest, LargeArticleOfRepeatedNamesFinishes) {
  // About 1 MiB of names: a hang guard for the whole path (tokenizer,
  // tagger, merging of thousands of mentions), not a speed test.
  Article article;
  for (int i = 0; article.text.size() < (1u << 20); ++i) {
    article.text +=
        "Officials of Acme Corp. met John Smith" + std::to_string(i % 50) + " and Smith in Paris. ";
    if (i % 20 == 19) article.text += "\n\n";
  }
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(stage_->Process(article).outcome, Outcome::kPass);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 60.0);
  EXPECT_FALSE(article.entities.locations.empty());
}

TEST(EntitiesStageFactoryTest, FindsTheDefaultRelativeModelPath) {
  const Config config;
  auto factory = MakeEntitiesStageFactory([](const Config& c) { return c.tagging.ner_model; });
  EXPECT_NE(factory(StageContext{config}), nullptr);
}

TEST(EntitiesStageFactoryTest, MissingModelThrowsNamingTheFile) {
  const std::string error = BuildError("/nonexistent/dir/missing-model.nfner");
  EXPECT_NE(error.find("entities stage"), std::string::npos) << error;
  EXPECT_NE(error.find("missing-model.nfner"), std::string::npos) << error;
}

TEST(EntitiesStageFactoryTest, EmptyModelPathThrows) {
  EXPECT_NE(BuildError("").find("entities stage"), std::string::npos);
}

class EntitiesStageFileTest : public ::testing::Test {
 protected:
  ScopedTempDir temp_{"entities_stage_test"};
  const fs::path& dir_ = temp_.path();
};

TEST_F(EntitiesStageFileTest, CorruptModelThrowsNamingTheFile) {
  const fs::path path = dir_ / "corrupt.nfner";
  std::ofstream(path) << "not a model";
  const std::string error = BuildError(path.string());
  EXPECT_NE(error.find("entities stage"), std::string::npos) << error;
  EXPECT_NE(error.find(path.string()), std::string::npos) << error;
}

TEST_F(EntitiesStageFileTest, FactoryLoadsTheModelOnceForAllInstances) {
  const fs::path path = dir_ / "copy.nfner";
  fs::copy_file(kModel, path);
  const StageFactory factory = Factory(path.string());
  auto first = Build(factory);
  fs::remove(path);
  // The file is gone: a second instance can only come from the loaded model.
  std::unique_ptr<Stage> second;
  EXPECT_NO_THROW(second = Build(factory));
  Article article;
  article.text = kText;
  second->Process(article);
  EXPECT_FALSE(article.entities.people.empty());
}

}  // namespace
}  // namespace newsflow
