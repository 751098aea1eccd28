#include "pipeline/stages/amounts_stage.h"

#include <gtest/gtest.h>

#include <string>

namespace newsflow {
namespace {

TEST(AmountsStageTest, FillsMoneyAndPercentagesWithByteSpans) {
  AmountsStage stage;
  Article article;
  article.language = "und";  // undetermined: tagged anyway
  article.text =
      "Sales rose 3.5% to \xC2\xA3"
      "600m, from $1.13bn.";
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  ASSERT_EQ(article.amounts.size(), 3u);
  EXPECT_EQ(article.amounts[0].kind, "percent");
  EXPECT_DOUBLE_EQ(*article.amounts[0].value, 3.5);
  EXPECT_TRUE(article.amounts[0].currency.empty());
  const AmountTag& pounds = article.amounts[1];
  EXPECT_EQ(article.text.substr(pounds.span.begin, pounds.span.end - pounds.span.begin),
            "\xC2\xA3"
            "600m");
  EXPECT_EQ(pounds.kind, "money");
  EXPECT_EQ(pounds.currency, "GBP");
  EXPECT_DOUBLE_EQ(*pounds.value, 600e6);
  EXPECT_EQ(article.amounts[2].currency, "USD");
  EXPECT_DOUBLE_EQ(*article.amounts[2].value, 1.13e9);
}

TEST(AmountsStageTest, NonEnglishArticleIsSkippedAndSaysSo) {
  AmountsStage stage;
  Article article;
  article.language = "de";
  article.text = "Der Umsatz stieg um 3,5% auf $5 Millionen.";
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_TRUE(article.amounts.empty());
  ASSERT_EQ(article.skipped_taggers.size(), 1u);
  EXPECT_EQ(article.skipped_taggers[0], "amounts");
}

TEST(AmountsStageTest, NumbersWithoutUnitsAreNotAmounts) {
  AmountsStage stage;
  Article article;
  article.text = "Top 10 runners finished within 600m of the line.";
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_TRUE(article.amounts.empty());
}

}  // namespace
}  // namespace newsflow
