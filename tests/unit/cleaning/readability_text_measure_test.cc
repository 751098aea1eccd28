#include "cleaning/readability_text_measure.h"

#include <gtest/gtest.h>

namespace newsflow {
namespace {

TEST(ReadabilityTextMeasureTest, LengthsAreUtf16UnitsWithSpaceRunsCountedOnce) {
  const TextMeasure m = MeasureText("  a \t\n b\xF0\x9F\x98\x80 ");  // emoji: 2 units
  EXPECT_EQ(m.stats.raw_length, 11);
  EXPECT_EQ(m.stats.length, 7);     // " a b?? " with runs collapsed
  EXPECT_EQ(m.stats.Inner(), 5);    // "a b??"
  EXPECT_EQ(m.stats.Trimmed(), 8);  // "a \t\n b??"
}

TEST(ReadabilityTextMeasureTest, JavaScriptSpacesIncludeNoBreakSpaceButNotOtherLetters) {
  EXPECT_EQ(MeasureText("a\xC2\xA0\xC2\xA0"
                        "b")
                .stats.Inner(),
            3);
  EXPECT_EQ(MeasureText("a\xC3\xA9\xC3\xA9"
                        "b")
                .stats.Inner(),
            4);
}

TEST(ReadabilityTextMeasureTest, CountsAsciiAndOtherCommas) {
  const TextMeasure m = MeasureText("a, b\xEF\xBC\x8C c\xD8\x8C d");  // fullwidth, Arabic
  EXPECT_EQ(m.ascii_commas, 1);
  EXPECT_EQ(m.commas, 3);
  EXPECT_EQ(MeasureText("no commas here").commas, 0);
}

TEST(ReadabilityTextMeasureTest, AppendJoinsSpaceRunsAcrossPieces) {
  TextStats joined = MeasureText("a ").stats;
  joined.Append(MeasureText(" b").stats);
  EXPECT_EQ(joined.Inner(), MeasureText("a  b").stats.Inner());
  EXPECT_EQ(joined.Inner(), 3);
  TextStats spaces = MeasureText("   ").stats;
  EXPECT_EQ(spaces.Inner(), 0);
  EXPECT_EQ(spaces.Trimmed(), 0);
  EXPECT_TRUE(TextStats{}.empty);
}

}  // namespace
}  // namespace newsflow
