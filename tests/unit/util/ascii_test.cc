#include "util/ascii.h"

#include <gtest/gtest.h>

namespace newsflow {
namespace {

TEST(AsciiTest, LowerFoldsOnlyAsciiCapitals) {
  EXPECT_EQ(AsciiLower('A'), 'a');
  EXPECT_EQ(AsciiLower('Z'), 'z');
  EXPECT_EQ(AsciiLower('a'), 'a');
  EXPECT_EQ(AsciiLower('@'), '@');
  EXPECT_EQ(AsciiLower('['), '[');
  EXPECT_EQ(AsciiLower('\xC3'), '\xC3');  // UTF-8 lead byte left alone
}

TEST(AsciiTest, ClassifiesAsciiCharactersOnly) {
  EXPECT_TRUE(IsAsciiSpace(' '));
  EXPECT_TRUE(IsAsciiSpace('\v'));
  EXPECT_FALSE(IsAsciiSpace('\xA0'));
  EXPECT_FALSE(IsAsciiSpace('x'));
  EXPECT_TRUE(IsAsciiAlpha('q'));
  EXPECT_FALSE(IsAsciiAlpha('5'));
  EXPECT_FALSE(IsAsciiAlpha('\xE9'));
  EXPECT_TRUE(IsAsciiDigit('0'));
  EXPECT_FALSE(IsAsciiDigit('a'));
  EXPECT_TRUE(IsAsciiAlnum('9'));
  EXPECT_FALSE(IsAsciiAlnum('_'));
  EXPECT_TRUE(IsAsciiHexDigit('F'));
  EXPECT_FALSE(IsAsciiHexDigit('g'));
}

TEST(AsciiTest, TrimRemovesAsciiSpaceAtBothEndsOnly) {
  EXPECT_EQ(TrimAsciiSpace(" \t a b \r\n"), "a b");
  EXPECT_EQ(TrimAsciiSpace("   "), "");
  EXPECT_EQ(TrimAsciiSpace("\xC2\xA0x"), "\xC2\xA0x");  // no-break space kept
}

TEST(AsciiTest, CollapseMakesEachSpaceRunOneSpaceAndTrims) {
  EXPECT_EQ(CollapseAsciiSpace("  a \t\n b  c "), "a b c");
  EXPECT_EQ(CollapseAsciiSpace("a\xC2\xA0 b"), "a\xC2\xA0 b");  // no-break space is not ASCII
  EXPECT_EQ(CollapseAsciiSpace(" \n "), "");
}

TEST(AsciiTest, ComparesIgnoringAsciiCase) {
  EXPECT_TRUE(EqualsIgnoreCase("Script", "sCRIPT"));
  EXPECT_FALSE(EqualsIgnoreCase("script", "scripts"));
  EXPECT_FALSE(EqualsIgnoreCase("\xC3\x89", "\xC3\xA9"));  // É vs é: not ASCII
  EXPECT_TRUE(StartsWithIgnoreCase("WWW.example.com", "www."));
  EXPECT_FALSE(StartsWithIgnoreCase("ww", "www."));
  EXPECT_TRUE(ContainsIgnoreCase("the-AUTHOR-box", "author"));
  EXPECT_FALSE(ContainsIgnoreCase("the-auth-box", "author"));
  EXPECT_TRUE(ContainsIgnoreCase("x", ""));
}

static_assert(EqualsIgnoreCase("ABC", "abc"));

}  // namespace
TEST(AsciiTest, SpaceAndAlphaMatchTheirDefinitionsOnEveryByte) {
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    const bool alpha = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    EXPECT_EQ(IsAsciiSpace(c), space) << b;
    EXPECT_EQ(IsAsciiAlpha(c), alpha) << b;
  }
  static_assert(IsAsciiSpace('\f') && !IsAsciiSpace('@') && IsAsciiAlpha('Z') &&
                !IsAsciiAlpha('['));
}

}  // namespace newsflow
