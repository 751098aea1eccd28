#include "cleaning/dateline.h"

#include <gtest/gtest.h>

#include "pipeline/stages/lead_stage.h"

namespace newsflow {
namespace {

struct DatelineCase {
  const char* text;
  const char* dateline;
  const char* rest;
};

void PrintTo(const DatelineCase& c, std::ostream* os) { *os << c.text; }

class DatelineFoundTest : public ::testing::TestWithParam<DatelineCase> {};

TEST_P(DatelineFoundTest, MovesTheDatelineOutOfTheText) {
  const auto& c = GetParam();
  const LeadSplit split = SplitDatelineAndByline(c.text);
  EXPECT_EQ(split.dateline, c.dateline);
  EXPECT_EQ(split.text, c.rest);
  EXPECT_TRUE(split.authors.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Datelines, DatelineFoundTest,
    ::testing::Values(DatelineCase{"TEL AVIV, Israel \u2014 The plan was approved.\n\nMore text.",
                                   "TEL AVIV, Israel", "The plan was approved.\n\nMore text."},
                      DatelineCase{"NEW YORK (Reuters) - Stocks rose on Monday.",
                                   "NEW YORK (Reuters)", "Stocks rose on Monday."},
                      DatelineCase{"WASHINGTON, March 3 - Lawmakers met.", "WASHINGTON, March 3",
                                   "Lawmakers met."},
                      DatelineCase{"ST. LOUIS, Mo., Oct. 12 -- Rain fell.",
                                   "ST. LOUIS, Mo., Oct. 12", "Rain fell."},
                      DatelineCase{"S\u00c3O PAULO \u2013 Markets opened late.", "S\u00c3O PAULO",
                                   "Markets opened late."},
                      DatelineCase{"LONDON (AP) \u2014 A storm hit.\n\nSecond.", "LONDON (AP)",
                                   "A storm hit.\n\nSecond."}));

class DatelineAbsentTest : public ::testing::TestWithParam<const char*> {};

TEST_P(DatelineAbsentTest, LeavesOrdinaryOpeningsAlone) {
  const LeadSplit split = SplitDatelineAndByline(GetParam());
  EXPECT_EQ(split.dateline, "");
  EXPECT_EQ(split.text, GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    NotDatelines, DatelineAbsentTest,
    ::testing::Values("The plan - which was approved - costs more.",
                      "US - China talks resumed on Tuesday.",  // two letters: too short to trust
                      "Officials said \u2014 again \u2014 nothing.", "NEW YORK is a big city.",
                      "NEW YORK, the city that never sleeps - has a plan.",
                      "WASHINGTON - ",  // nothing after the separator
                      "",
                      "A very long opening sentence that goes on and on well past the "
                      "first hundred bytes of text before any dash - appears."));

TEST(BylineTest, BylineParagraphBecomesAuthors) {
  const LeadSplit split =
      SplitDatelineAndByline("By Jane Doe and John van der Roe\n\nLONDON - It rained.");
  EXPECT_EQ(split.authors, (std::vector<std::string>{"Jane Doe", "John van der Roe"}));
  EXPECT_EQ(split.dateline, "LONDON");
  EXPECT_EQ(split.text, "It rained.");
}

TEST(BylineTest, CommaSeparatedAuthorsAfterTheFirstParagraph) {
  const LeadSplit split =
      SplitDatelineAndByline("A headline repeated\n\nBY Ann Lee, Bo Kim & Cy Ng\n\nBody text.");
  EXPECT_EQ(split.authors, (std::vector<std::string>{"Ann Lee", "Bo Kim", "Cy Ng"}));
  EXPECT_EQ(split.text, "A headline repeated\n\nBody text.");
}

TEST(BylineTest, SentencesStartingWithByAreNotBylines) {
  for (const char* text :
       {"By the end of the year prices rose.\n\nMore.", "By Tuesday, officials had left.\n\nMore.",
        "By Jane Doe\n",  // the only paragraph: nothing would remain
        "Intro.\n\nMiddle.\n\nBy Jane Doe\n\nEnd."}) {
    const LeadSplit split = SplitDatelineAndByline(text);
    EXPECT_TRUE(split.authors.empty()) << text;
    EXPECT_EQ(split.text, text);
  }
}

TEST(LeadStageTest, FillsFieldsAndRecountsWords) {
  LeadStage stage;
  Article a;
  a.text = "By Jane Doe\n\nPARIS (AFP) \u2014 One two three.";
  a.word_count = 99;
  EXPECT_EQ(stage.Process(a).outcome, Outcome::kPass);
  EXPECT_EQ(a.dateline, "PARIS (AFP)");
  EXPECT_EQ(a.authors, std::vector<std::string>{"Jane Doe"});
  EXPECT_EQ(a.text, "One two three.");
  EXPECT_EQ(a.word_count, 3);
}

TEST(LeadStageTest, TextWithoutLeadIsUntouched) {
  LeadStage stage;
  Article a;
  a.text = "Plain text.";
  a.word_count = 2;
  EXPECT_EQ(stage.Process(a).outcome, Outcome::kPass);
  EXPECT_EQ(a.text, "Plain text.");
  EXPECT_EQ(a.word_count, 2);
  EXPECT_TRUE(a.dateline.empty());
}

}  // namespace
}  // namespace newsflow
