#include "cleaning/article_text.h"

#include <gtest/gtest.h>

namespace newsflow {
namespace {

TEST(ArticleTextTest, ReadingTimeIsWordsAt238PerMinuteRoundedToTheNearestSecond) {
  EXPECT_EQ(ReadingTimeSeconds(0), 0);
  EXPECT_EQ(ReadingTimeSeconds(-5), 0);
  EXPECT_EQ(ReadingTimeSeconds(1), 0) << "0.25 s rounds down";
  EXPECT_EQ(ReadingTimeSeconds(2), 1) << "0.50 s rounds up";
  EXPECT_EQ(ReadingTimeSeconds(238), 60);
  EXPECT_EQ(ReadingTimeSeconds(1000), 252) << "252.1 s";
}

TEST(ArticleTextTest, SetArticleTextKeepsDerivedFiguresInStep) {
  Article article;
  article.word_count = 99;
  article.reading_time_seconds = 99;
  SetArticleText(article, "One two three.\n\nFour \xE2\x80\x94 five.");
  EXPECT_EQ(article.text, "One two three.\n\nFour \xE2\x80\x94 five.");
  EXPECT_EQ(article.word_count, 5) << "a dash alone is not a word";
  EXPECT_EQ(article.reading_time_seconds, 1);
  SetArticleText(article, "");
  EXPECT_EQ(article.word_count, 0);
  EXPECT_EQ(article.reading_time_seconds, 0);
}

}  // namespace
}  // namespace newsflow
