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
  NormalizeTextStage stage(HtmlTextOptions{.max_depth = 100});
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
  NormalizeTextStage stage(HtmlTextOptions{.max_depth = 10});
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

}  // namespace
}  // namespace newsflow
