#include "cleaning/text_normalize.h"

#include <gtest/gtest.h>

#include <string>

namespace newsflow {
namespace {

TEST(NormalizeParagraphsTest, EmptyAndWhitespaceOnlyInputGiveEmptyText) {
  EXPECT_EQ(NormalizeParagraphs(""), "");
  EXPECT_EQ(NormalizeParagraphs(" \t\r\n\n  \f\v "), "");
  EXPECT_EQ(NormalizeParagraphs("\xC2\xA0\xE2\x80\x83\xE3\x80\x80"),
            "");  // NBSP, EM SPACE, ideographic
  EXPECT_EQ(NormalizeParagraphs("\xE2\x80\x8B\xEF\xBB\xBF\x01\x7F"), "");  // ZWSP, BOM, controls
}

TEST(NormalizeParagraphsTest, PlainTextIsUnchanged) {
  EXPECT_EQ(NormalizeParagraphs("Hello, world."), "Hello, world.");
  EXPECT_EQ(NormalizeParagraphs("One.\n\nTwo."), "One.\n\nTwo.");
}

TEST(NormalizeParagraphsTest, HardWrappedLinesJoinIntoOneParagraph) {
  EXPECT_EQ(NormalizeParagraphs("The quick brown\nfox jumps over\r\nthe lazy\rdog."),
            "The quick brown fox jumps over the lazy dog.");
}

TEST(NormalizeParagraphsTest, BlankLinesSeparateParagraphs) {
  EXPECT_EQ(NormalizeParagraphs("a\n\nb"), "a\n\nb");
  EXPECT_EQ(NormalizeParagraphs("a\n\n\n\n\nb"), "a\n\nb");
  EXPECT_EQ(NormalizeParagraphs("a\r\n\r\nb"), "a\n\nb");
  EXPECT_EQ(NormalizeParagraphs("a\r\rb"), "a\n\nb");
}

TEST(NormalizeParagraphsTest, CrLfCountsAsOneLineBreak) {
  EXPECT_EQ(NormalizeParagraphs("a\r\nb"), "a b");
}

TEST(NormalizeParagraphsTest, LineWithOnlyWhitespaceCountsAsBlank) {
  EXPECT_EQ(NormalizeParagraphs("first\n \t \xC2\xA0\nsecond"), "first\n\nsecond");
  // Removed characters on the line do not make it non-blank.
  EXPECT_EQ(NormalizeParagraphs("first\n\xE2\x80\x8B\x01\nsecond"), "first\n\nsecond");
}

TEST(NormalizeParagraphsTest, WhitespaceRunsCollapseToOneSpace) {
  EXPECT_EQ(NormalizeParagraphs("a  \t b\v\fc"), "a b c");
  // NBSP, EN QUAD, THIN SPACE, NARROW NBSP, MEDIUM MATH SPACE, IDEOGRAPHIC SPACE, OGHAM.
  EXPECT_EQ(NormalizeParagraphs("a\xC2\xA0"
                                "b\xE2\x80\x80"
                                "c\xE2\x80\x89"
                                "d\xE2\x80\xAF"
                                "e\xE2\x81\x9F"
                                "f\xE3\x80\x80"
                                "g\xE1\x9A\x80h"),
            "a b c d e f g h");
}

TEST(NormalizeParagraphsTest, UnicodeLineAndParagraphSeparatorsBreakParagraphs) {
  EXPECT_EQ(NormalizeParagraphs("a\xE2\x80\xA8"
                                "b"),
            "a\n\nb");
  EXPECT_EQ(NormalizeParagraphs("a \xE2\x80\xA9 b"), "a\n\nb");
}

TEST(NormalizeParagraphsTest, NextLineIsALineBreak) {
  EXPECT_EQ(NormalizeParagraphs("a\xC2\x85"
                                "b"),
            "a b");
  EXPECT_EQ(NormalizeParagraphs("a\xC2\x85\xC2\x85"
                                "b"),
            "a\n\nb");
}

TEST(NormalizeParagraphsTest, ParagraphsAreTrimmedAndEmptyOnesDropped) {
  EXPECT_EQ(NormalizeParagraphs("\n\n  lead  \n\n \n\n\n  \n\n tail \n\n"), "lead\n\ntail");
}

TEST(NormalizeParagraphsTest, ControlCharactersAreRemoved) {
  std::string input = "a";
  for (int c = 0; c < 0x20; ++c) {
    if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') continue;
    input.push_back(static_cast<char>(c));
  }
  input +=
      "\x7F"
      "b";
  EXPECT_EQ(NormalizeParagraphs(input), "ab");
  // C1 controls (U+0080, U+009F) are removed too.
  EXPECT_EQ(NormalizeParagraphs("x\xC2\x80y\xC2\x9Fz"), "xyz");
}

TEST(NormalizeParagraphsTest, ZeroWidthCharactersAreRemoved) {
  EXPECT_EQ(NormalizeParagraphs("in\xE2\x80\x8Bvis\xE2\x80\x8Ci\xE2\x80\x8D"
                                "b\xE2\x81\xA0l\xEF\xBB\xBF"
                                "e"),
            "invisible");
  EXPECT_EQ(NormalizeParagraphs("\xEF\xBB\xBFHello"), "Hello");
}

TEST(NormalizeParagraphsTest, OtherFormatCharactersAreKept) {
  // U+200E LEFT-TO-RIGHT MARK and U+00AD SOFT HYPHEN are not on the list.
  EXPECT_EQ(NormalizeParagraphs("a\xE2\x80\x8E"
                                "b\xC2\xAD"
                                "c"),
            "a\xE2\x80\x8E"
            "b\xC2\xAD"
            "c");
}

TEST(NormalizeParagraphsTest, NonAsciiTextIsPreserved) {
  const std::string text =
      "Zürich — 東京 🦀 \xF0\x9D\x95\x8F"
      " مرحبا";
  EXPECT_EQ(NormalizeParagraphs(text), text);
}

TEST(NormalizeParagraphsTest, InvalidBytesAreDroppedWithoutCrashing) {
  EXPECT_EQ(NormalizeParagraphs("a\xFF"
                                "b"),
            "ab");
  EXPECT_EQ(NormalizeParagraphs("a\x80"
                                "b"),
            "ab");  // lone continuation byte
  EXPECT_EQ(NormalizeParagraphs("a\xC0\xAF"
                                "b"),
            "ab");  // overlong
  EXPECT_EQ(NormalizeParagraphs("a\xED\xA0\x80"
                                "b"),
            "ab");  // encoded surrogate
  EXPECT_EQ(NormalizeParagraphs("a\xF4\x90\x80\x80"
                                "b"),
            "ab");                                     // above U+10FFFF
  EXPECT_EQ(NormalizeParagraphs("ab\xE2\x82"), "ab");  // truncated at the end
  EXPECT_EQ(NormalizeParagraphs("\xE2\x82"
                                " b"),
            "b");
}

TEST(NormalizeParagraphsTest, EmbeddedNulIsRemoved) {
  EXPECT_EQ(NormalizeParagraphs(std::string("a\0b", 3)), "ab");
}

TEST(NormalizeParagraphsTest, LargeInputIsNormalized) {
  std::string input;
  std::string expected;
  for (int i = 0; i < 10000; ++i) {
    input += "word\t\t";
    expected += i == 0 ? "word" : " word";
  }
  EXPECT_EQ(NormalizeParagraphs(input), expected);
}

TEST(CountWordsTest, EmptyAndWhitespaceHaveNoWords) {
  EXPECT_EQ(CountWords(""), 0);
  EXPECT_EQ(CountWords(" \n\t "), 0);
  EXPECT_EQ(CountWords("\xC2\xA0\xE3\x80\x80"), 0);
}

TEST(CountWordsTest, CountsWhitespaceSeparatedTokens) {
  EXPECT_EQ(CountWords("one"), 1);
  EXPECT_EQ(CountWords("one two  three\n\nfour\tfive"), 5);
  EXPECT_EQ(CountWords("  leading and trailing  "), 3);
}

TEST(CountWordsTest, TokensWithoutLettersOrDigitsAreNotWords) {
  EXPECT_EQ(CountWords("a — b ... c !!"), 3);
  EXPECT_EQ(CountWords("\xE2\x80\x94 \xF0\x9F\xA6\x80"), 0);  // em dash, emoji
  EXPECT_EQ(CountWords("(1) x-y, \"z\""), 3);
}

TEST(CountWordsTest, DigitsAndUnicodeLettersCount) {
  EXPECT_EQ(CountWords("2024 42%"), 2);
  EXPECT_EQ(CountWords("Zürich Αθήνα Москва مرحبا"), 4);
  EXPECT_EQ(CountWords("東京"), 1);          // no spaces: one run
  EXPECT_EQ(CountWords("\xD9\xA3"), 1);      // ARABIC-INDIC DIGIT THREE (Nd)
  EXPECT_EQ(CountWords("\xE2\x85\xA2"), 1);  // ROMAN NUMERAL THREE (Nl)
}

TEST(CountWordsTest, UnicodeSpacesSeparateWords) {
  EXPECT_EQ(CountWords("a\xC2\xA0"
                       "b\xE2\x80\xA8"
                       "c\xE3\x80\x80"
                       "d\xC2\x85"
                       "e"),
            5);
}

TEST(CountWordsTest, InvalidBytesNeitherSeparateNorCount) {
  EXPECT_EQ(CountWords("a\xFF"
                       "b"),
            1);
  EXPECT_EQ(CountWords("\xFF \xFE"), 0);
  EXPECT_EQ(CountWords("ok \xE2\x82"), 1);
}

}  // namespace
}  // namespace newsflow
