#include "cleaning/boilerplate.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cleaning/text_normalize.h"

namespace newsflow {
namespace {

// Fixtures are written for these tests.
constexpr char kBody[] =
    "The city council approved the new budget on Tuesday after a long debate.\n\n"
    "The mayor said the plan would fund two new libraries by next year.";

std::string WithTail(const std::string& tail) { return std::string(kBody) + "\n\n" + tail; }

// Asserts that `tail` after kBody is removed as one piece of `kind`.
void ExpectRemoved(const std::string& tail, const std::string& kind) {
  const BoilerplateResult result = RemoveTrailingBoilerplate(WithTail(tail));
  EXPECT_EQ(result.text, kBody) << tail;
  ASSERT_EQ(result.removed.size(), 1u) << tail;
  EXPECT_EQ(result.removed[0].kind, kind) << tail;
  EXPECT_EQ(result.removed[0].text, tail);
}

// Asserts that nothing is removed from kBody followed by `tail`.
void ExpectKept(const std::string& tail) {
  const std::string text = WithTail(tail);
  const BoilerplateResult result = RemoveTrailingBoilerplate(text);
  EXPECT_EQ(result.text, text) << tail;
  EXPECT_TRUE(result.removed.empty()) << tail << " -> " << result.removed[0].kind;
  EXPECT_EQ(result.author_bio, "");
}

TEST(RemoveTrailingBoilerplateTest, EmptyAndPlainTextAreUnchanged) {
  const BoilerplateResult empty = RemoveTrailingBoilerplate("");
  EXPECT_EQ(empty.text, "");
  EXPECT_TRUE(empty.removed.empty());
  const BoilerplateResult plain = RemoveTrailingBoilerplate(kBody);
  EXPECT_EQ(plain.text, kBody);
  EXPECT_TRUE(plain.removed.empty());
}

TEST(RemoveTrailingBoilerplateTest, NavigationLinesAreRemoved) {
  for (const char* tail : {"More In World Business",
                           "More from Example News",
                           "Read more: Council budgets explained",
                           "Read next",
                           "Related: How the budget works",
                           "Related articles",
                           "Related Stories",
                           "Share this article",
                           "Share on Facebook",
                           "Subscribe to our newsletter",
                           "Sign up for our morning briefing",
                           "Follow us on social media",
                           "Click here to comment",
                           "Back to top",
                           "Comments",
                           "12 comments",
                           "Comments (3)",
                           "Comments are closed.",
                           "Tags: budget, council, libraries",
                           "Topics: Local government",
                           "See also: Tax rates"}) {
    ExpectRemoved(tail, "navigation");
  }
}

TEST(RemoveTrailingBoilerplateTest, ArticleTextStartingLikeNavigationIsKept) {
  for (const char* tail :
       {"More in the region are expected to follow the plan.", "More from the city will come later",
        "Related charges were filed against two officials.", "Subscribers will pay more from May.",
        "Share prices of local firms rose.", "Comments from residents were mostly positive.",
        "Readers can find the full plan online.", "Following us, the council adjourned."}) {
    ExpectKept(tail);
  }
}

TEST(RemoveTrailingBoilerplateTest, LongNavigationLookalikeIsKept) {
  ExpectKept("Read more " + std::string(400, 'x'));
}

TEST(RemoveTrailingBoilerplateTest, TitleCaseLinesGoOnlyAfterARecognizedPiece) {
  // After (in the text) a recognized piece: a link list.
  const BoilerplateResult linked = RemoveTrailingBoilerplate(
      WithTail("More In Local News\n\nSchools And Colleges\n\nParks & Recreation"));
  EXPECT_EQ(linked.text, kBody);
  ASSERT_EQ(linked.removed.size(), 3u);
  EXPECT_EQ(linked.removed[2].text, "Parks & Recreation");
  EXPECT_EQ(linked.removed[2].kind, "navigation");
  // Alone, or only followed by other title-case lines: a signature, a table.
  ExpectKept("Jane Roe");
  ExpectKept("Jane Roe\n\nLocal Desk");
  // Before a recognized piece: kept too.
  const BoilerplateResult signed_off =
      RemoveTrailingBoilerplate(WithTail("Jane Roe\n\nBack to top"));
  EXPECT_EQ(signed_off.text, WithTail("Jane Roe"));
  ASSERT_EQ(signed_off.removed.size(), 1u);
}

TEST(RemoveTrailingBoilerplateTest, DanglingVisitWebsiteIsCutFromItsParagraph) {
  const BoilerplateResult result =
      RemoveTrailingBoilerplate(WithTail("Doe said the vote was close. Visit her website at"));
  EXPECT_EQ(result.text, WithTail("Doe said the vote was close."));
  ASSERT_EQ(result.removed.size(), 1u);
  EXPECT_EQ(result.removed[0].kind, "navigation");
  EXPECT_EQ(result.removed[0].text, "Visit her website at");
  ExpectRemoved("Visit his blog at:", "navigation");
}

TEST(RemoveTrailingBoilerplateTest, VisitWebsiteWithAnAddressIsKept) {
  ExpectKept("Visit her website at example.org for the full schedule.");
  ExpectKept("Residents can visit the website at");  // not a person's website
}

TEST(RemoveTrailingBoilerplateTest, CopyrightLinesAreRemoved) {
  for (const char* tail :
       {"\u00A9 2024 Example Media Group", "Copyright 2024 Example Corp. All rights reserved.",
        "Copyright \u00A9 Example News", "Copyright Example News Agency 2023",
        "(c) 2023 Example Ltd", "All rights reserved."}) {
    ExpectRemoved(tail, "copyright");
  }
}

TEST(RemoveTrailingBoilerplateTest, ArticleTextAboutCopyrightIsKept) {
  ExpectKept("Copyright infringement claims against the firm rose in 2023.");
  ExpectKept("Copyright lawyers said the ruling was unclear.");
}

TEST(RemoveTrailingBoilerplateTest, AgencyCreditsAreRemoved) {
  for (const char* tail :
       {"(Reporting by Jane Roe; Editing by John Doe)",
        "Reporting by Jane Roe in Lagos and Ana de Souza in Lisbon; Writing by John Doe; Editing "
        "by Mary Major",
        "Additional reporting by Tom Minor", "Mary Major contributed to this report."}) {
    ExpectRemoved(tail, "credits");
  }
}

TEST(RemoveTrailingBoilerplateTest, ArticleTextAboutReportingIsKept) {
  ExpectKept("Reporting by the local paper prompted an inquiry into the contracts.");
  ExpectKept("Editing by hand took the team three weeks.");
}

TEST(RemoveTrailingBoilerplateTest, AuthorBioIsRemovedAndReturned) {
  const std::string bio =
      "Roe is a senior correspondent for Example Weekly. She covers energy policy and lives in "
      "Denver.";
  const BoilerplateResult result = RemoveTrailingBoilerplate(WithTail(bio));
  EXPECT_EQ(result.text, kBody);
  EXPECT_EQ(result.author_bio, bio);
  ASSERT_EQ(result.removed.size(), 1u);
  EXPECT_EQ(result.removed[0].kind, "author_bio");
  EXPECT_EQ(result.removed[0].text, bio);
}

TEST(RemoveTrailingBoilerplateTest, AuthorBioVariantsAreRecognized) {
  for (const char* bio :
       {"Jane Q. Roe is technology correspondent for The Example Review.",
        "John Doe is a freelance writer based in Nairobi.", "Roe is a reporter for Example Weekly.",
        "Doe writes for Example Weekly as a columnist and has covered three elections.",
        "Ana de Souza has been a reporter at the Daily Example since 2015. Follow her on Twitter.",
        "About the author: Jane Roe has written two books on city planning."}) {
    ExpectRemoved(bio, "author_bio");
  }
}

TEST(RemoveTrailingBoilerplateTest, AboutTheAuthorHeadingGoesWithItsBio) {
  const BoilerplateResult result =
      RemoveTrailingBoilerplate(WithTail("About the author\n\nJane Roe teaches history."));
  EXPECT_EQ(result.text, kBody);
  EXPECT_EQ(result.author_bio, "Jane Roe teaches history.");
  ASSERT_EQ(result.removed.size(), 1u);
  EXPECT_EQ(result.removed[0].kind, "author_bio");
}

TEST(RemoveTrailingBoilerplateTest, NewsAboutPeopleIsNotABio) {
  for (const char* tail : {
           "Smith is expected to announce the plan on Monday.",
           "The company is a leading supplier of software for newsrooms and editors.",
           "Jones is a former reporter who was convicted of fraud in 2019.",
           "Brown, who covers the White House for the Post, said the report was wrong.",
           "Smith is a reporter at the Daily Example. She said she would appeal the ruling.",
           "Smith was editor of the Example Times for 20 years, covering the city. He died on "
           "Sunday.",
           "\"We are proud of this,\" said Roe, a reporter who lives in Denver.",
           "Smith is retired and lives in Denver with his wife.",  // no profession
           "Roe is a reporter and a mother of two.",               // one cue only
           "Roe is technology correspondent for the paper",        // organization not named
           "It is a reporter's dream, an editor who lives next door.",
       }) {
    ExpectKept(tail);
  }
}

TEST(RemoveTrailingBoilerplateTest, LongOrManySentenceBioIsKept) {
  std::string long_bio = "Roe is a correspondent for Example Weekly and lives in Denver.";
  for (int i = 0; i < 12; ++i) long_bio += " She likes hiking in the mountains near her home.";
  ExpectKept(long_bio);
}

TEST(RemoveTrailingBoilerplateTest, OnlyTheEndOfTheArticleIsExamined) {
  const std::string text =
      "Share this\n\nRoe is a correspondent for Example Weekly and lives in Denver.\n\n"
      "The mayor said the plan would fund two new libraries.";
  const BoilerplateResult result = RemoveTrailingBoilerplate(text);
  EXPECT_EQ(result.text, text);
  EXPECT_TRUE(result.removed.empty());
}

TEST(RemoveTrailingBoilerplateTest, SeveralPiecesAreListedInTextOrder) {
  const std::string bio = "Roe is a correspondent for Example Weekly. She lives in Denver.";
  const BoilerplateResult result = RemoveTrailingBoilerplate(WithTail(
      bio + " Visit her website at\n\nFollow her on Twitter\n\n\u00A9 2024 Example Media"));
  EXPECT_EQ(result.text, kBody);
  EXPECT_EQ(result.author_bio, bio);
  ASSERT_EQ(result.removed.size(), 4u);
  EXPECT_EQ(result.removed[0].kind, "author_bio");
  EXPECT_EQ(result.removed[1].kind, "navigation");
  EXPECT_EQ(result.removed[1].text, "Visit her website at");
  EXPECT_EQ(result.removed[2].kind, "navigation");
  EXPECT_EQ(result.removed[3].kind, "copyright");
}

TEST(RemoveTrailingBoilerplateTest, TextThatIsAllBoilerplateBecomesEmpty) {
  const BoilerplateResult result = RemoveTrailingBoilerplate("Read more\n\nBack to top");
  EXPECT_EQ(result.text, "");
  EXPECT_EQ(result.removed.size(), 2u);
}

TEST(RemoveTrailingBoilerplateTest, RemovalsAreBounded) {
  std::string text = kBody;
  for (int i = 0; i < 100000; ++i) text += "\n\nBack to top";
  const BoilerplateResult result = RemoveTrailingBoilerplate(text);
  EXPECT_EQ(result.removed.size(), 12u);
  // A huge final paragraph is examined only at its end.
  const std::string huge = std::string(4 << 20, 'x') + " Back to top";
  EXPECT_EQ(RemoveTrailingBoilerplate(huge).text, huge);
}

TEST(RemoveTrailingBoilerplateTest, NonAsciiTextIsHandled) {
  ExpectKept("\u6771\u4EAC\u90FD\u306F\u65E5\u672C\u306E\u9996\u90FD\u3002");
  ExpectKept("\u00C9mile est journaliste \u00E0 Paris.");
  ExpectRemoved("\u00C9mile Zola is a correspondent for The Example and lives in Paris.",
                "author_bio");
}

// The real raw article in ../shared/samples (not part of the project: the
// test skips without it). Expectations are derived from its structure: the
// last paragraph is navigation, the one before it a bio ending in a dangling
// "Visit her website at"; the article itself ends with a quotation.
TEST(RemoveTrailingBoilerplateTest, SharedSampleLosesBioAndNavigation) {
  std::ifstream file(NEWSFLOW_SOURCE_DIR "/../shared/samples/israel-japan-trade.raw.txt",
                     std::ios::binary);
  if (!file) GTEST_SKIP() << "shared sample not available";
  std::stringstream raw;
  raw << file.rdbuf();
  const BoilerplateResult result = RemoveTrailingBoilerplate(NormalizePlainText(raw.str()));

  EXPECT_EQ(result.text.find("Visit her website at"), std::string::npos);
  EXPECT_EQ(result.text.find("More In"), std::string::npos);
  EXPECT_EQ(result.text.find("bureau chief"), std::string::npos);
  EXPECT_NE(result.author_bio.find("bureau chief"), std::string::npos);
  EXPECT_EQ(result.author_bio.find("Visit"), std::string::npos);
  ASSERT_EQ(result.removed.size(), 3u);
  EXPECT_EQ(result.removed[0].kind, "author_bio");
  EXPECT_EQ(result.removed[1].kind, "navigation");
  EXPECT_EQ(result.removed[2].kind, "navigation");

  const size_t last = result.text.rfind("\n\n");
  ASSERT_NE(last, std::string::npos);
  const std::string final_paragraph = result.text.substr(last + 2);
  EXPECT_NE(final_paragraph.find("Netanyahu"), std::string::npos);
  EXPECT_EQ(final_paragraph.back(), '"');
}

}  // namespace
}  // namespace newsflow
