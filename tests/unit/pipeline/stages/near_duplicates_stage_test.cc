#include "pipeline/stages/near_duplicates_stage.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "newsflow/config.h"

namespace newsflow {
namespace {

Article WithText(std::string id, std::string text) {
  Article article;
  article.id = std::move(id);
  article.text = std::move(text);
  return article;
}

const char kText[] =
    "The harbour board approved a plan on Tuesday to build a second container berth, ending "
    "years of debate about the cost.";

// About 300 words: long enough for a small edit to stay within distance 3.
std::string LongText() {
  std::string text = kText;
  const char* const kWho[] = {"the mayor",      "a union leader", "the harbour master",
                              "shipping lines", "residents",      "the auditor",
                              "a trader"};
  for (int i = 0; i < 30; ++i) {
    text += " In remark " + std::to_string(i + 1) + ", " + kWho[i % 7] + " spoke about item " +
            std::to_string(5 * i + 3) + " of the plan.";
  }
  return text;
}

TEST(NearDuplicatesStageTest, InstancesFromOneFactoryShareTheirIndex) {
  Config config;
  const StageFactory factory = MakeNearDuplicatesStageFactory();
  const std::unique_ptr<Stage> worker1 = factory(StageContext{config});
  const std::unique_ptr<Stage> worker2 = factory(StageContext{config});
  EXPECT_EQ(worker1->Name(), "near_duplicates");

  Article first = WithText("a", LongText());
  ASSERT_EQ(worker1->Process(first).outcome, Outcome::kPass);
  EXPECT_EQ(first.duplicate_of, "");
  EXPECT_EQ(first.content_hash.size(), 16u);
  EXPECT_NE(first.simhash, 0u);

  Article copy = WithText("b", "UPDATED: " + LongText());
  ASSERT_EQ(worker2->Process(copy).outcome, Outcome::kPass) << "a copy is flagged, not dropped";
  EXPECT_EQ(copy.duplicate_of, "a");
  EXPECT_FALSE(copy.duplicate_exact);
  EXPECT_GE(copy.duplicate_distance, 0);

  std::string reflowed = LongText();
  for (char& c : reflowed) {
    if (c == ',') c = ';';
    if (c == ' ') c = '\n';
  }
  Article exact = WithText("c", reflowed);
  ASSERT_EQ(worker1->Process(exact).outcome, Outcome::kPass);
  EXPECT_EQ(exact.duplicate_of, "a");
  EXPECT_TRUE(exact.duplicate_exact);
  EXPECT_EQ(exact.duplicate_distance, 0);
}

TEST(NearDuplicatesStageTest, SeparateFactoriesHaveSeparateIndexes) {
  Config config;
  const std::unique_ptr<Stage> one = MakeNearDuplicatesStageFactory()(StageContext{config});
  const std::unique_ptr<Stage> other = MakeNearDuplicatesStageFactory()(StageContext{config});
  Article first = WithText("a", kText);
  one->Process(first);
  Article second = WithText("b", kText);
  other->Process(second);
  EXPECT_EQ(second.duplicate_of, "");
}

TEST(NearDuplicatesStageTest, WindowAndDistanceComeFromConfig) {
  Config config;
  config.tagging.duplicate_window = 1;
  const std::unique_ptr<Stage> stage = MakeNearDuplicatesStageFactory()(StageContext{config});
  Article a = WithText("a", kText);
  stage->Process(a);
  Article other = WithText("x", "Something else entirely happened in another town today.");
  stage->Process(other);  // evicts a: the window holds one article
  Article b = WithText("b", kText);
  stage->Process(b);
  EXPECT_EQ(b.duplicate_of, "");
}

TEST(NearDuplicatesStageTest, ReprocessingClearsAnEarlierFlag) {
  Config config;
  const std::unique_ptr<Stage> stage = MakeNearDuplicatesStageFactory()(StageContext{config});
  Article article = WithText("a", kText);
  article.duplicate_of = "stale";
  article.duplicate_distance = 2;
  stage->Process(article);
  EXPECT_EQ(article.duplicate_of, "");
  EXPECT_EQ(article.duplicate_distance, -1);
}

}  // namespace
}  // namespace newsflow
