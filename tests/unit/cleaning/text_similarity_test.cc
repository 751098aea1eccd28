#include "cleaning/text_similarity.h"

#include <gtest/gtest.h>

namespace newsflow {
namespace {

TEST(TextSimilarityTest, SameWordsIgnoringCaseAndPunctuationAreFullySimilar) {
  EXPECT_DOUBLE_EQ(
      TextSimilarity("The Long Walk - Daily Planet", "the long walk", SimilarityWords::kAsciiWord),
      1.0);
}

TEST(TextSimilarityTest, CountsTheShareOfUnsharedWordText) {
  // b = "long road": "road" (4 bytes) is new; total 4 + 4 + 1 gap = 9.
  EXPECT_DOUBLE_EQ(TextSimilarity("long walk", "long road", SimilarityWords::kAsciiWord),
                   1.0 - 4.0 / 9.0);
  EXPECT_DOUBLE_EQ(TextSimilarity("alpha", "beta", SimilarityWords::kAsciiWord), 0.0);
}

TEST(TextSimilarityTest, NoWordsMeansNoSimilarity) {
  EXPECT_DOUBLE_EQ(TextSimilarity("", "walk", SimilarityWords::kAsciiWord), 0.0);
  EXPECT_DOUBLE_EQ(TextSimilarity("walk", " - ", SimilarityWords::kAsciiWord), 0.0);
}

TEST(TextSimilarityTest, NonAsciiBytesAreWordsOnlyWhenAsked) {
  // With ASCII words only, "été" is the word "t" and "café" the word "caf".
  EXPECT_DOUBLE_EQ(TextSimilarity("\xC3\xA9t\xC3\xA9", "\xC3\xA9t\xC3\xA9",
                                  SimilarityWords::kAsciiWordOrNonAscii),
                   1.0);
  EXPECT_DOUBLE_EQ(
      TextSimilarity("\xC3\xA9t\xC3\xA9", "\xC3\xA9t\xC3\xA9", SimilarityWords::kAsciiWord),
      1.0);  // "t" in both
  EXPECT_DOUBLE_EQ(TextSimilarity("caf\xC3\xA9", "cafe", SimilarityWords::kAsciiWordOrNonAscii),
                   0.0);
  EXPECT_DOUBLE_EQ(TextSimilarity("caf\xC3\xA9", "caf", SimilarityWords::kAsciiWord), 1.0);
}

}  // namespace
}  // namespace newsflow
