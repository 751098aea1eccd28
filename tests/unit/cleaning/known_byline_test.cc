#include "cleaning/known_byline.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsflow {
namespace {

const std::vector<std::string> kAuthors = {"Camille Ferrant"};

TEST(KnownBylineTest, FrenchBylineWithDateIsRemoved) {
  const KnownBylineSplit split = RemoveKnownByline(
      "Par Camille Ferrant, le 2 octobre 2026\n\nLes halles ont rouvert.", kAuthors);
  EXPECT_EQ(split.byline, "Par Camille Ferrant, le 2 octobre 2026");
  EXPECT_EQ(split.text, "Les halles ont rouvert.");
}

TEST(KnownBylineTest, SecondParagraphBylineIsRemovedAndTheFirstKept) {
  const KnownBylineSplit split = RemoveKnownByline(
      "Le marché rouvre\n\nCamille Ferrant | staff writer\n\nLes halles ont rouvert.", kAuthors);
  EXPECT_EQ(split.byline, "Camille Ferrant | staff writer");
  EXPECT_EQ(split.text, "Le marché rouvre\n\nLes halles ont rouvert.");
}

TEST(KnownBylineTest, SentenceNamingTheAuthorStays) {
  const std::string text = "Camille Ferrant said the hall would open.\n\nMore text.";
  const KnownBylineSplit split = RemoveKnownByline(text, kAuthors);
  EXPECT_EQ(split.byline, "");
  EXPECT_EQ(split.text, text);
}

TEST(KnownBylineTest, ParagraphWithTooManyOtherWordsStays) {
  const std::string text =
      "Camille Ferrant and the mayor toured the new market hall on Saturday morning\n\nMore.";
  EXPECT_EQ(RemoveKnownByline(text, kAuthors).text, text);
}

TEST(KnownBylineTest, UnknownNameOrNoAuthorsChangesNothing) {
  const std::string text = "Par Jean Autre, le 2 octobre 2026\n\nLes halles ont rouvert.";
  EXPECT_EQ(RemoveKnownByline(text, kAuthors).text, text);
  EXPECT_EQ(RemoveKnownByline(text, {}).text, text);
  EXPECT_EQ(RemoveKnownByline(text, {""}).text, text);
}

TEST(KnownBylineTest, OnlyTheFirstTwoParagraphsAreLookedAt) {
  const std::string text = "One.\n\nTwo.\n\nPar Camille Ferrant\n\nFour.";
  EXPECT_EQ(RemoveKnownByline(text, kAuthors).text, text);
}

TEST(KnownBylineTest, TheOnlyOrLastParagraphIsNeverRemoved) {
  EXPECT_EQ(RemoveKnownByline("Par Camille Ferrant", kAuthors).text, "Par Camille Ferrant");
  EXPECT_EQ(RemoveKnownByline("Intro.\n\nPar Camille Ferrant", kAuthors).byline, "");
}

TEST(KnownBylineTest, LongParagraphStaysWhateverItHolds) {
  const std::string text =
      "Par Camille Ferrant " + std::string(kMaxKnownBylineBytes, 'x') + "\n\nA.";
  EXPECT_EQ(RemoveKnownByline(text, kAuthors).byline, "");
}

}  // namespace
}  // namespace newsflow
