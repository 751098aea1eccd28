#include "evaluation/shingle_score.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsflow {
namespace {

using Tokens = std::vector<std::string>;

TEST(ShingleTokensTest, WordsAreLowercasedRunsOfLettersDigitsAndUnderscore) {
  EXPECT_EQ(ShingleTokens("Hello, World_1! It's 2024."),
            (Tokens{"hello", "world_1", "it", "s", "2024"}));
}

TEST(ShingleTokensTest, NonAsciiLettersAndDigitsAreWordCharacters) {
  EXPECT_EQ(ShingleTokens("\xC3\x89"
                          "COLE na\xC3\xAFve"),  // "ÉCOLE naïve"
            (Tokens{"\xC3\xA9"
                    "cole",
                    "na\xC3\xAFve"}));
  // Arabic-Indic digits (Nd) and Greek capitals.
  EXPECT_EQ(ShingleTokens("\xD9\xA1\xD9\xA2 \xCE\x91\xCE\x92"),
            (Tokens{"\xD9\xA1\xD9\xA2", "\xCE\xB1\xCE\xB2"}));
}

TEST(ShingleTokensTest, CombiningMarksContinueAWordButDoNotStartOne) {
  // "e" + U+0301 + "te": one token with the mark inside.
  EXPECT_EQ(ShingleTokens("e\xCC\x81te"), (Tokens{"e\xCC\x81te"}));
  // A mark after a space is not a word character.
  EXPECT_EQ(ShingleTokens("a \xCC\x81"
                          "b"),
            (Tokens{"a", "b"}));
}

TEST(ShingleTokensTest, PunctuationSymbolsAndInvalidBytesSeparate) {
  EXPECT_EQ(ShingleTokens("a-b\xE2\x80\x94"
                          "c\xFF"
                          "d"),
            (Tokens{"a", "b", "c", "d"}));
  EXPECT_TRUE(ShingleTokens(" \xE2\x80\x94 ... ").empty());
}

TEST(ShingleScoreTest, IdenticalTextsScoreOne) {
  const ShinglePageScore score = ShingleScore("one two three four five", "one two three four five");
  EXPECT_EQ(score.ours, 2);
  EXPECT_EQ(score.expected, 2);
  EXPECT_EQ(score.common, 2);
  EXPECT_DOUBLE_EQ(score.precision, 1.0);
  EXPECT_DOUBLE_EQ(score.recall, 1.0);
}

TEST(ShingleScoreTest, CaseAndPunctuationDoNotMatter) {
  const ShinglePageScore score = ShingleScore("Hello, world! Foo bar.", "hello world foo bar");
  EXPECT_DOUBLE_EQ(score.precision, 1.0);
  EXPECT_DOUBLE_EQ(score.recall, 1.0);
}

TEST(ShingleScoreTest, OneChangedWordBreaksTheShinglesThatContainIt) {
  // ours: {abcd, bcde}; expected: {abcd, bcdx}.
  const ShinglePageScore score = ShingleScore("a b c d e", "a b c d x");
  EXPECT_EQ(score.common, 1);
  EXPECT_DOUBLE_EQ(score.precision, 0.5);
  EXPECT_DOUBLE_EQ(score.recall, 0.5);
}

TEST(ShingleScoreTest, ExtraTextLowersPrecisionOnly) {
  // ours: 5 tokens, 2 shingles {abcd, bcdz}; expected: 1 shingle {abcd}.
  const ShinglePageScore score = ShingleScore("a b c d z", "a b c d");
  EXPECT_DOUBLE_EQ(score.precision, 0.5);
  EXPECT_DOUBLE_EQ(score.recall, 1.0);
}

TEST(ShingleScoreTest, ShinglesAreAMultiset) {
  // expected "a b c d a b c d": abcd, bcda, cdab, dabc, abcd (5 shingles).
  const ShinglePageScore once = ShingleScore("a b c d", "a b c d a b c d");
  EXPECT_EQ(once.common, 1);
  EXPECT_DOUBLE_EQ(once.precision, 1.0);
  EXPECT_DOUBLE_EQ(once.recall, 0.2);
  // ours three times: abcd x3, bcda x2, cdab x2, dabc x2 (9); common:
  // min(3,2) + 1 + 1 + 1 = 5.
  const ShinglePageScore thrice = ShingleScore("a b c d a b c d a b c d", "a b c d a b c d");
  EXPECT_EQ(thrice.ours, 9);
  EXPECT_EQ(thrice.common, 5);
  EXPECT_DOUBLE_EQ(thrice.precision, 5.0 / 9.0);
  EXPECT_DOUBLE_EQ(thrice.recall, 1.0);
}

TEST(ShingleScoreTest, ShortTextsCompareSingleTokens) {
  // Fewer than 4 tokens on one side: unigrams on both.
  const ShinglePageScore score = ShingleScore("hello world", "hello there world");
  EXPECT_EQ(score.ours, 2);
  EXPECT_EQ(score.expected, 3);
  EXPECT_DOUBLE_EQ(score.precision, 1.0);
  EXPECT_DOUBLE_EQ(score.recall, 2.0 / 3.0);
  // Four tokens on both sides: 4-grams again.
  EXPECT_EQ(ShingleScore("a b c d", "a b c d").ours, 1);
}

TEST(ShingleScoreTest, EmptyTexts) {
  const ShinglePageScore both = ShingleScore("", " ... ");
  EXPECT_DOUBLE_EQ(both.precision, 1.0);
  EXPECT_DOUBLE_EQ(both.recall, 1.0);
  const ShinglePageScore missing = ShingleScore("", "some expected text here");
  EXPECT_DOUBLE_EQ(missing.precision, 0.0);
  EXPECT_DOUBLE_EQ(missing.recall, 0.0);
  const ShinglePageScore unexpected = ShingleScore("some text", "");
  EXPECT_DOUBLE_EQ(unexpected.precision, 0.0);
  EXPECT_DOUBLE_EQ(unexpected.recall, 0.0);
}

TEST(ShingleCorpusScoreTest, AveragesPerPageThenTakesTheHarmonicMean) {
  ShingleCorpusScore corpus;
  EXPECT_EQ(corpus.pages(), 0u);
  EXPECT_DOUBLE_EQ(corpus.f1(), 0.0);
  corpus.Add("a b c d e", "a b c d e");  // P 1, R 1
  // ours {abcd, bcde}, expected {abcd, bcdx, cdxy, dxyz}: P 0.5, R 0.25.
  const ShinglePageScore second = corpus.Add("a b c d e", "a b c d x y z");
  EXPECT_DOUBLE_EQ(second.precision, 0.5);
  EXPECT_DOUBLE_EQ(second.recall, 0.25);
  EXPECT_EQ(corpus.pages(), 2u);
  EXPECT_DOUBLE_EQ(corpus.mean_precision(), 0.75);
  EXPECT_DOUBLE_EQ(corpus.mean_recall(), 0.625);
  EXPECT_DOUBLE_EQ(corpus.f1(), 2 * 0.75 * 0.625 / (0.75 + 0.625));
}

}  // namespace
}  // namespace newsflow
