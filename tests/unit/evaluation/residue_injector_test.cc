#include "evaluation/residue_injector.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cleaning/residue_repair.h"

namespace newsflow {
namespace {

// Clean news-like text written for these tests: several paragraphs with
// sentence starts, trailing clauses, numbers and closed-class words.
const char* const kCleanArticle =
    "The council approved a new budget on Monday, according to a statement from the mayor.\n\n"
    "It will spend about $4 million on roads over three years, officials said. The plan "
    "also covers nearly 200 new bus stops.\n\n"
    "In a separate vote, the council rejected a proposal to raise parking fees. Members said "
    "the fees would hurt local shops, which have struggled since the bridge closed.\n\n"
    "The mayor could not be reached for comment. Her office said she would respond this week, "
    "after the council meeting.\n\n"
    "Residents have complained about potholes for years, and a petition drew some 3,000 "
    "signatures. The roads department said it would publish a repair schedule.\n\n"
    "This is the third budget the council has passed since the election, its spokesman said. "
    "The next one is due in the spring.\n\n"
    "Critics say the spending is too small, while supporters call it a good start. The debate "
    "will continue at the next meeting, where the council will discuss transport.";

ResidueInjectorOptions Options(uint64_t seed, double rate = 1.0) {
  ResidueInjectorOptions options;
  options.seed = seed;
  options.paragraph_rate = rate;
  return options;
}

TEST(ResidueInjector, SameSeedGivesTheSameResult) {
  const InjectedText a = InjectResidue(kCleanArticle, Options(7));
  const InjectedText b = InjectResidue(kCleanArticle, Options(7));
  EXPECT_EQ(a.text, b.text);
  ASSERT_EQ(a.injections.size(), b.injections.size());
  for (size_t i = 0; i < a.injections.size(); ++i) {
    EXPECT_EQ(a.injections[i].kind, b.injections[i].kind);
    EXPECT_EQ(a.injections[i].begin, b.injections[i].begin);
  }
}

TEST(ResidueInjector, DifferentSeedsGiveDifferentResults) {
  EXPECT_NE(InjectResidue(kCleanArticle, Options(1)).text,
            InjectResidue(kCleanArticle, Options(2)).text);
}

TEST(ResidueInjector, RateZeroInjectsNothing) {
  const InjectedText injected = InjectResidue(kCleanArticle, Options(3, 0.0));
  EXPECT_EQ(injected.text, kCleanArticle);
  EXPECT_TRUE(injected.injections.empty());
}

TEST(ResidueInjector, SpansDescribeExactlyWhatChanged) {
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    const InjectedText injected = InjectResidue(kCleanArticle, Options(seed));
    const std::vector<std::string_view> clean = SplitParagraphs(kCleanArticle);
    const std::vector<std::string_view> dirty = SplitParagraphs(injected.text);
    ASSERT_EQ(clean.size(), dirty.size());
    std::vector<bool> touched(clean.size(), false);
    for (const ResidueInjection& injection : injected.injections) {
      ASSERT_LT(injection.paragraph, clean.size());
      EXPECT_FALSE(touched[injection.paragraph]) << "two injections in one paragraph";
      touched[injection.paragraph] = true;
      const std::string_view c = clean[injection.paragraph];
      const std::string_view d = dirty[injection.paragraph];
      ASSERT_LE(injection.clean_end, c.size());
      ASSERT_LE(injection.end, d.size());
      EXPECT_EQ(injection.begin, injection.clean_begin);
      EXPECT_EQ(c.substr(0, injection.clean_begin), d.substr(0, injection.begin));
      EXPECT_EQ(c.substr(injection.clean_end), d.substr(injection.end));
      EXPECT_NE(c.substr(injection.clean_begin, injection.clean_end - injection.clean_begin),
                d.substr(injection.begin, injection.end - injection.begin));
    }
    for (size_t k = 0; k < clean.size(); ++k) {
      if (!touched[k]) {
        EXPECT_EQ(clean[k], dirty[k]);
      }
    }
  }
}

TEST(ResidueInjector, EveryKindIsInjected) {
  std::map<std::string, int> kinds;
  for (uint64_t seed = 1; seed <= 100; ++seed) {
    for (const ResidueInjection& injection :
         InjectResidue(kCleanArticle, Options(seed)).injections) {
      ++kinds[injection.kind];
    }
  }
  for (const std::string& kind : ResidueKinds()) EXPECT_GT(kinds[kind], 0) << kind;
}

// The evaluation in miniature: injected residue is repaired and the clean
// text is left alone.
TEST(ResidueEvaluation, InjectedResidueIsRepairedAndCleanTextUntouched) {
  EXPECT_TRUE(RepairCopyEditResidue(kCleanArticle).repairs.empty());
  int injected_count = 0;
  int repaired_count = 0;
  for (uint64_t seed = 1; seed <= 200; ++seed) {
    const InjectedText injected = InjectResidue(kCleanArticle, Options(seed, 0.5));
    const std::string repaired = RepairCopyEditResidue(injected.text).text;
    const std::vector<std::string_view> clean = SplitParagraphs(kCleanArticle);
    const std::vector<std::string_view> fixed = SplitParagraphs(repaired);
    ASSERT_EQ(clean.size(), fixed.size());
    for (const ResidueInjection& injection : injected.injections) {
      ++injected_count;
      if (clean[injection.paragraph] == fixed[injection.paragraph]) ++repaired_count;
    }
  }
  ASSERT_GT(injected_count, 300);
  EXPECT_GE(repaired_count, injected_count * 9 / 10) << repaired_count << " of " << injected_count;
}

TEST(SplitParagraphsTest, SplitsAtEachBlankLineKeepingEmptyParagraphs) {
  EXPECT_EQ(SplitParagraphs("a\n\nb c\n\n"), (std::vector<std::string_view>{"a", "b c", ""}));
  EXPECT_EQ(SplitParagraphs(""), (std::vector<std::string_view>{""}));
  EXPECT_EQ(SplitParagraphs("a\nb"), (std::vector<std::string_view>{"a\nb"}));
}

}  // namespace
}  // namespace newsflow
