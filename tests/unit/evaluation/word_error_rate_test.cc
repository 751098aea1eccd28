#include "evaluation/word_error_rate.h"

#include <gtest/gtest.h>

#include <string>

namespace newsflow {
namespace {

TEST(WordErrorRate, IdenticalTextsHaveNoErrors) {
  EXPECT_EQ(WordEditDistance("the cat sat", "the cat sat"), 0);
  EXPECT_DOUBLE_EQ(WordErrorRate("the cat sat", "the cat sat"), 0.0);
}

TEST(WordErrorRate, WhitespaceDoesNotCount) {
  EXPECT_EQ(WordEditDistance("the cat\n\nsat", "  the  cat sat "), 0);
}

TEST(WordErrorRate, CountsSubstitutionsDeletionsAndInsertions) {
  EXPECT_EQ(WordEditDistance("the cat sat", "the dog sat"), 1);
  EXPECT_EQ(WordEditDistance("the cat sat", "the sat"), 1);
  EXPECT_EQ(WordEditDistance("the cat sat", "the big cat sat"), 1);
  EXPECT_EQ(WordEditDistance("a b c d", "b c d a"), 2);
  EXPECT_EQ(WordEditDistance("a b c", "x y z"), 3);
}

TEST(WordErrorRate, PunctuationBelongsToTheWord) {
  EXPECT_EQ(WordEditDistance("it ended.", "it ended"), 1);
  EXPECT_EQ(WordEditDistance("Since then", "since then"), 1);
}

TEST(WordErrorRate, EmptyTexts) {
  EXPECT_EQ(WordEditDistance("", ""), 0);
  EXPECT_EQ(WordEditDistance("", "one two"), 2);
  EXPECT_EQ(WordEditDistance("one two", ""), 2);
  EXPECT_DOUBLE_EQ(WordErrorRate("", ""), 0.0);
  EXPECT_DOUBLE_EQ(WordErrorRate("", "one two"), 2.0);
}

TEST(WordErrorRate, RateIsDistanceOverReferenceWords) {
  EXPECT_DOUBLE_EQ(WordErrorRate("one two three four", "one two three"), 0.25);
}

TEST(WordErrorRate, ChangesInsideLongCommonTextAreFound) {
  std::string reference;
  for (int i = 0; i < 20000; ++i) reference += "w" + std::to_string(i) + " ";
  std::string hypothesis = reference;
  hypothesis.replace(hypothesis.find("w100 "), 5, "x y ");
  hypothesis.replace(hypothesis.find("w19000 "), 7, "");
  EXPECT_EQ(WordEditDistance(reference, hypothesis), 3);
}

TEST(WordErrorRate, SplitWordsSkipsAllWhitespace) {
  const auto words = SplitWords(" a\tb\nc  d\r\n");
  ASSERT_EQ(words.size(), 4u);
  EXPECT_EQ(words[0], "a");
  EXPECT_EQ(words[3], "d");
}

}  // namespace
}  // namespace newsflow
