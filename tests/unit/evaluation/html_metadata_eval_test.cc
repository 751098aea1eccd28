#include "evaluation/html_metadata_eval.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "util/feed_date.h"

namespace newsflow {
namespace {

MetadataFieldScore Score(const MetadataEvaluator& evaluator, const std::string& field) {
  for (const MetadataFieldScore& score : evaluator.Scores()) {
    if (score.field == field) return score;
  }
  ADD_FAILURE() << "no field " << field;
  return {};
}

// Adds one page and returns whether `field` was compared and judged correct.
struct Outcome {
  int64_t compared;
  int64_t correct;
};
Outcome Judge(const HtmlMetadata& extracted, const std::string& json, const std::string& field) {
  MetadataEvaluator evaluator;
  std::string error;
  EXPECT_TRUE(evaluator.AddPage(extracted, json, &error)) << error;
  const MetadataFieldScore score = Score(evaluator, field);
  return {score.compared, score.correct};
}

TEST(MetadataEvaluatorTest, ScoresListsAllSixFieldsInOrderEvenWhenEmpty) {
  const MetadataEvaluator evaluator;
  const std::vector<MetadataFieldScore> scores = evaluator.Scores();
  ASSERT_EQ(scores.size(), 6u);
  const std::vector<std::string> expected = {"title",          "byline", "site_name",
                                             "published_time", "lang",   "excerpt"};
  for (size_t i = 0; i < scores.size(); ++i) {
    EXPECT_EQ(scores[i].field, expected[i]);
    EXPECT_EQ(scores[i].compared, 0);
    EXPECT_EQ(scores[i].correct, 0);
  }
}

TEST(MetadataEvaluatorTest, NullEmptyAndAbsentExpectedValuesAreNotCompared) {
  MetadataEvaluator evaluator;
  std::string error;
  ASSERT_TRUE(evaluator.AddPage(
      HtmlMetadata{}, R"({"title":"","byline":null,"siteName":"  ","dir":"ltr"})", &error));
  for (const MetadataFieldScore& score : evaluator.Scores()) {
    EXPECT_EQ(score.compared, 0) << score.field;
  }
}

TEST(MetadataEvaluatorTest, TitleIsComparedAfterWhitespaceCollapsingAndCaseSensitively) {
  HtmlMetadata m;
  m.title = "Night trains return";
  EXPECT_EQ(Judge(m, R"({"title":"  Night\n  trains\treturn "})", "title").correct, 1);
  EXPECT_EQ(Judge(m, R"({"title":"night trains return"})", "title").correct, 0);
  EXPECT_EQ(Judge(m, R"({"title":"night trains return"})", "title").compared, 1);
}

TEST(MetadataEvaluatorTest, BylineMatchesJoinedAuthorsIgnoringCase) {
  HtmlMetadata m;
  m.authors = {"Ada Brook", "Ben Cole"};
  EXPECT_EQ(Judge(m, R"({"byline":"ada brook,  BEN COLE"})", "byline").correct, 1);
}

TEST(MetadataEvaluatorTest, BylineContainingEveryAuthorMatches) {
  HtmlMetadata m;
  m.authors = {"Ada Brook", "Ben Cole"};
  EXPECT_EQ(Judge(m, R"({"byline":"By Ada Brook and Ben Cole, Staff Writers"})", "byline").correct,
            1);
}

TEST(MetadataEvaluatorTest, BylineMissingAnAuthorOrWithNoAuthorsFails) {
  HtmlMetadata m;
  m.authors = {"Ada Brook", "Cy Dunn"};
  EXPECT_EQ(Judge(m, R"({"byline":"By Ada Brook and Ben Cole"})", "byline").correct, 0);
  EXPECT_EQ(Judge(HtmlMetadata{}, R"({"byline":"Ada Brook"})", "byline").correct, 0);
}

TEST(MetadataEvaluatorTest, BylineCaseFoldingIsUnicode) {
  HtmlMetadata m;
  m.authors = {"\xC3\x89lodie Durand"};  // Élodie
  EXPECT_EQ(Judge(m, R"({"byline":"\u00e9lodie durand"})", "byline").correct, 1);
}

TEST(MetadataEvaluatorTest, SiteNameComparedAfterWhitespaceCollapsing) {
  HtmlMetadata m;
  m.site_name = "Rail Weekly";
  EXPECT_EQ(Judge(m, R"({"siteName":"Rail  Weekly"})", "site_name").correct, 1);
  EXPECT_EQ(Judge(m, R"({"siteName":"Rail Monthly"})", "site_name").correct, 0);
}

TEST(MetadataEvaluatorTest, PublishedTimeIsComparedAsAnInstant) {
  HtmlMetadata m;
  m.published_raw = "2018-04-05T08:00:00+02:00";
  m.published_at_ms = ParseFeedDate(m.published_raw);
  EXPECT_EQ(Judge(m, R"({"publishedTime":"2018-04-05T06:00"})", "published_time").correct, 1);
  EXPECT_EQ(Judge(m, R"({"publishedTime":"2018-04-05T08:00"})", "published_time").correct, 0);
}

TEST(MetadataEvaluatorTest, UnparseablePublishedTimeIsComparedAsTrimmedText) {
  HtmlMetadata m;
  m.published_raw = "last Tuesday";
  EXPECT_EQ(Judge(m, R"({"publishedTime":" last Tuesday "})", "published_time").correct, 1);
  EXPECT_EQ(Judge(m, R"({"publishedTime":"last Monday"})", "published_time").correct, 0);
}

TEST(MetadataEvaluatorTest, LangComparesPrimarySubtagsIgnoringCase) {
  HtmlMetadata m;
  m.language = "en-US";
  EXPECT_EQ(Judge(m, R"({"lang":"EN"})", "lang").correct, 1);
  EXPECT_EQ(Judge(m, R"({"lang":"en_GB"})", "lang").correct, 1);
  EXPECT_EQ(Judge(m, R"({"lang":"fr"})", "lang").correct, 0);
  EXPECT_EQ(Judge(HtmlMetadata{}, R"({"lang":"en"})", "lang").correct, 0);
}

TEST(MetadataEvaluatorTest, ExcerptIsComparedWithTheDescription) {
  HtmlMetadata m;
  m.description = "A short summary.";
  EXPECT_EQ(Judge(m, R"({"excerpt":"A short\n   summary."})", "excerpt").correct, 1);
  EXPECT_EQ(Judge(m, R"({"excerpt":"A longer summary."})", "excerpt").correct, 0);
}

TEST(MetadataEvaluatorTest, ScoresAccumulateOverPages) {
  MetadataEvaluator evaluator;
  HtmlMetadata m;
  m.title = "Same";
  std::string error;
  ASSERT_TRUE(evaluator.AddPage(m, R"({"title":"Same"})", &error));
  ASSERT_TRUE(evaluator.AddPage(m, R"({"title":"Other"})", &error));
  ASSERT_TRUE(evaluator.AddPage(m, R"({"title":null})", &error));
  EXPECT_EQ(Score(evaluator, "title").compared, 2);
  EXPECT_EQ(Score(evaluator, "title").correct, 1);
  ASSERT_EQ(evaluator.Mismatches().size(), 1u);
  EXPECT_EQ(evaluator.Mismatches()[0].page, 1);
  EXPECT_EQ(evaluator.Mismatches()[0].field, "title");
  EXPECT_EQ(evaluator.Mismatches()[0].expected, "Other");
  EXPECT_EQ(evaluator.Mismatches()[0].extracted, "Same");
}

TEST(MetadataEvaluatorTest, UnreadableExpectedJsonIsAnErrorAndCountsNothing) {
  MetadataEvaluator evaluator;
  std::string error;
  EXPECT_FALSE(evaluator.AddPage(HtmlMetadata{}, "{\"title\": ", &error));
  EXPECT_FALSE(error.empty());
  error.clear();
  EXPECT_FALSE(evaluator.AddPage(HtmlMetadata{}, "[1, 2]", &error));
  EXPECT_FALSE(error.empty());
  error.clear();
  EXPECT_FALSE(evaluator.AddPage(HtmlMetadata{}, R"({"title":"x","lang":5})", &error));
  EXPECT_NE(error.find("lang"), std::string::npos);
  EXPECT_FALSE(evaluator.AddPage(HtmlMetadata{}, "nope", nullptr));  // null error is allowed
  for (const MetadataFieldScore& score : evaluator.Scores()) EXPECT_EQ(score.compared, 0);
}

// Accuracy floor on the Readability.js test pages, when the shared data is
// present (read at run time, never copied).
std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

TEST(MetadataEvaluatorTest, ReadabilityTestPagesKeepTheirAccuracy) {
  const std::filesystem::path root =
      NEWSFLOW_SOURCE_DIR "/../shared/data/html-extraction/readability-test-pages";
  if (!std::filesystem::is_directory(root)) GTEST_SKIP() << "no shared data at " << root;
  MetadataEvaluator evaluator;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    const std::string html = ReadFile(entry.path() / "source.html");
    HtmlDocument document;
    document.Parse(html);
    std::string error;
    ASSERT_TRUE(evaluator.AddPage(ExtractHtmlMetadata(document),
                                  ReadFile(entry.path() / "expected-metadata.json"), &error))
        << entry.path() << ": " << error;
  }
  // Measured 2026-11: title 127/127, byline 71/76, site_name 62/62,
  // published_time 33/33, lang 73/73, excerpt 80/128 (47 expected excerpts are
  // Readability's first-paragraph fallback, not page metadata).
  const std::vector<std::pair<std::string, double>> floors = {
      {"title", 0.95},         {"byline", 0.85}, {"site_name", 0.9},
      {"published_time", 0.9}, {"lang", 0.95},   {"excerpt", 0.55}};
  for (const auto& [field, floor] : floors) {
    const MetadataFieldScore score = Score(evaluator, field);
    ASSERT_GT(score.compared, 0) << field;
    EXPECT_GE(static_cast<double>(score.correct) / static_cast<double>(score.compared), floor)
        << field << ": " << score.correct << "/" << score.compared;
  }
}

}  // namespace
}  // namespace newsflow
