#include "pipeline/stages/normalize_text_stage.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "newsflow/config.h"
#include "newsflow/stage_registry.h"

namespace newsflow {
namespace {

Article WithBodyAndHtml(std::string body, std::string html) {
  Article article;
  article.body = std::move(body);
  article.html = std::move(html);
  return article;
}

TEST(NormalizeTextStageTest, FactoryBuildsTheStageUnderItsConfigName) {
  Config config;
  const std::unique_ptr<Stage> stage = MakeNormalizeTextStage(StageContext{config});
  ASSERT_NE(stage, nullptr);
  EXPECT_EQ(stage->Name(), "normalize_text");
}

TEST(NormalizeTextStageTest, BodyIsNormalizedAndWordsCounted) {
  NormalizeTextStage stage;
  Article article = WithBodyAndHtml("  Hello,\n  world!\n\n\n Second   para. ", "");
  const StageResult result = stage.Process(article);
  EXPECT_EQ(result.outcome, Outcome::kPass);
  EXPECT_EQ(result.reason, Reason::kNone);
  EXPECT_EQ(article.text, "Hello, world!\n\nSecond para.");
  EXPECT_EQ(article.word_count, 4);
}

TEST(NormalizeTextStageTest, BodyWinsOverHtml) {
  NormalizeTextStage stage;
  Article article = WithBodyAndHtml("plain body", "<p>html body</p>");
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_EQ(article.text, "plain body");
  EXPECT_EQ(article.word_count, 2);
}

TEST(NormalizeTextStageTest, HtmlIsUsedWhenBodyHasNoVisibleText) {
  NormalizeTextStage stage;
  for (const char* body : {"", "   \n\t ", "\xC2\xA0\xE2\x80\x8B"}) {
    Article article = WithBodyAndHtml(body, "<h1>Title</h1><p>One <b>two</b> three.</p>");
    ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass) << body;
    EXPECT_EQ(article.text, "Title\n\nOne two three.");
    EXPECT_EQ(article.word_count, 4);
  }
}

TEST(NormalizeTextStageTest, NothingVisibleIsDeadLetteredAsEmptyText) {
  NormalizeTextStage stage;
  Article article = WithBodyAndHtml(" \n ", "<script>x()</script><p> </p>");
  const StageResult result = stage.Process(article);
  EXPECT_EQ(result.outcome, Outcome::kDeadLetter);
  EXPECT_EQ(result.reason, Reason::kEmptyText);
  EXPECT_NE(result.message.find("html 28 bytes"), std::string::npos) << result.message;
  EXPECT_EQ(article.text, "");
  EXPECT_EQ(article.word_count, 0);
}

TEST(NormalizeTextStageTest, NoBodyAndNoHtmlIsEmptyText) {
  NormalizeTextStage stage;
  Article article;
  EXPECT_EQ(stage.Process(article).reason, Reason::kEmptyText);
}

TEST(NormalizeTextStageTest, PathologicallyDeepHtmlIsDeadLetteredAsTooDeep) {
  NormalizeTextStage stage(HtmlParseOptions{.max_depth = 100});
  std::string html;
  for (int i = 0; i < 101; ++i) html += "<div>";
  Article article = WithBodyAndHtml("", html + "text");
  const StageResult result = stage.Process(article);
  EXPECT_EQ(result.outcome, Outcome::kDeadLetter);
  EXPECT_EQ(result.reason, Reason::kTooDeep);
  EXPECT_NE(result.message.find("100"), std::string::npos) << result.message;
  EXPECT_EQ(article.word_count, 0);
}

TEST(NormalizeTextStageTest, DeepHtmlIsIrrelevantWhenTheBodyHasText) {
  NormalizeTextStage stage(HtmlParseOptions{.max_depth = 10});
  Article article = WithBodyAndHtml("body text", std::string(1000, '<') + "<div><div><div>");
  EXPECT_EQ(stage.Process(article).outcome, Outcome::kPass);
}

TEST(NormalizeTextStageTest, ReprocessingOverwritesPreviousResults) {
  NormalizeTextStage stage;
  Article article = WithBodyAndHtml("first run", "");
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  article.body = "second run text here";
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_EQ(article.text, "second run text here");
  EXPECT_EQ(article.word_count, 4);
}

TEST(NormalizeTextStageTest, LeavesInputFieldsUntouched) {
  NormalizeTextStage stage;
  Article article = WithBodyAndHtml(" a  b ", "<p>c</p>");
  stage.Process(article);
  EXPECT_EQ(article.body, " a  b ");
  EXPECT_EQ(article.html, "<p>c</p>");
}

TEST(NormalizeTextStageTest, HtmlWithTooManyElementsIsDeadLetteredAsTooLargeUnparsed) {
  NormalizeTextStage stage(HtmlParseOptions{.max_elements = 1000});
  std::string html;
  for (int i = 0; i < 1001; ++i) html += "<br>";
  Article article = WithBodyAndHtml("", html + "text");
  const StageResult result = stage.Process(article);
  EXPECT_EQ(result.outcome, Outcome::kDeadLetter);
  EXPECT_EQ(result.reason, Reason::kTooLarge);
  EXPECT_NE(result.message.find("limits.max_html_elements"), std::string::npos) << result.message;
  EXPECT_EQ(article.text, "");
}

TEST(NormalizeTextStageTest, ElementCountAtTheLimitIsParsed) {
  NormalizeTextStage stage(HtmlParseOptions{.max_elements = 1000});
  std::string html;
  for (int i = 0; i < 999; ++i) html += "<br>";
  Article article = WithBodyAndHtml("", "<p>" + html + "text</p>");
  EXPECT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_EQ(article.text, "text");
}

TEST(NormalizeTextStageTest, FactoryTakesHtmlLimitsFromConfig) {
  Config config;
  config.limits.max_html_elements = 1000;
  config.limits.max_html_depth = 64;
  const std::unique_ptr<Stage> stage = MakeNormalizeTextStage(StageContext{config});
  std::string many;
  for (int i = 0; i < 1001; ++i) many += "<br>";
  Article wide = WithBodyAndHtml("", many + "text");
  EXPECT_EQ(stage->Process(wide).reason, Reason::kTooLarge);
  std::string deep;
  for (int i = 0; i < 65; ++i) deep += "<div>";
  Article nested = WithBodyAndHtml("", deep + "text");
  EXPECT_EQ(stage->Process(nested).reason, Reason::kTooDeep);
}

TEST(NormalizeTextStageTest, ReadingTimeFollowsTheWordCount) {
  NormalizeTextStage stage;
  std::string body;
  for (int i = 0; i < 476; ++i) body += "word ";
  Article article = WithBodyAndHtml(body, "");
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_EQ(article.word_count, 476);
  EXPECT_EQ(article.reading_time_seconds, 120) << "476 words at 238 words per minute";
}

}  // namespace
}  // namespace newsflow
