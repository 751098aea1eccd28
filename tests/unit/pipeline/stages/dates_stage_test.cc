#include "pipeline/stages/dates_stage.h"

#include <gtest/gtest.h>

#include <string>

namespace newsflow {
namespace {

constexpr int64_t kPublished = 1420675200000;  // 2015-01-08T00:00:00Z, a Thursday

TEST(DatesStageTest, FillsDatesWithByteSpansAndResolvedValues) {
  DatesStage stage;
  Article article;
  article.language = "en";
  article.published_at_ms = kPublished;
  article.text = "The talks began on Jan. 4 and end in May 2016.";
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  ASSERT_EQ(article.dates.size(), 2u);
  const DateTag& first = article.dates[0];
  EXPECT_EQ(article.text.substr(first.span.begin, first.span.end - first.span.begin), "Jan. 4");
  EXPECT_EQ(first.value, "2015-01-04");
  EXPECT_EQ(first.resolution, "day");
  EXPECT_TRUE(first.relative);
  EXPECT_TRUE(first.resolved);
  EXPECT_EQ(article.dates[1].value, "2016-05");
  EXPECT_EQ(article.dates[1].resolution, "month");
  EXPECT_FALSE(article.dates[1].relative);
}

TEST(DatesStageTest, RelativeDateWithoutPublicationTimeIsKeptUnresolved) {
  DatesStage stage;
  Article article;
  article.text = "The vote was held last Tuesday.";
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  ASSERT_EQ(article.dates.size(), 1u);
  EXPECT_FALSE(article.dates[0].resolved);
  EXPECT_TRUE(article.dates[0].value.empty());
}

TEST(DatesStageTest, NonEnglishArticleIsSkippedAndSaysSo) {
  DatesStage stage;
  Article article;
  article.language = "fr";
  article.published_at_ms = kPublished;
  article.text = "Les pourparlers ont commencé le 4 January 2015.";
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_TRUE(article.dates.empty());
  ASSERT_EQ(article.skipped_taggers.size(), 1u);
  EXPECT_EQ(article.skipped_taggers[0], "dates");
}

TEST(DatesStageTest, TextWithoutDatesGivesNone) {
  DatesStage stage;
  Article article;
  article.language = "en";
  article.text = "Theresa May spoke; may the best one win.";
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_TRUE(article.dates.empty());
  EXPECT_TRUE(article.skipped_taggers.empty());
}

}  // namespace
}  // namespace newsflow
