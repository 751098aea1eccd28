// The glue of the cleaning stages after normalize_text: what each stage
// moves into which Article field, and that word_count follows the text. The
// rules themselves are tested in tests/unit/cleaning/.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "cleaning/text_normalize.h"
#include "newsflow/config.h"
#include "newsflow/stage_registry.h"
#include "pipeline/stages/boilerplate_stage.h"
#include "pipeline/stages/lead_stage.h"
#include "pipeline/stages/residue_repair_stage.h"

namespace newsflow {
namespace {

Article WithText(std::string text) {
  Article article;
  article.text = std::move(text);
  article.word_count = -1;  // must be recomputed by any stage that changes text
  return article;
}

TEST(LeadStageTest, DatelineAndByBylineMoveToTheirFields) {
  LeadStage stage;
  Article article = WithText("By Jane Doe\n\nNEW YORK (Reuters) - Shares rose on Tuesday.");
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_EQ(article.dateline, "NEW YORK (Reuters)");
  EXPECT_EQ(article.authors, std::vector<std::string>{"Jane Doe"});
  EXPECT_EQ(article.text, "Shares rose on Tuesday.");
  EXPECT_EQ(article.word_count, 4);
}

TEST(LeadStageTest, BylineNamingMetadataAuthorsIsRemovedAndListed) {
  LeadStage stage;
  Article article = WithText("Von Anna Beispiel | 3. März 2026\n\nDer Hafen wächst.");
  article.authors = {"Anna Beispiel"};
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_EQ(article.text, "Der Hafen wächst.");
  ASSERT_EQ(article.removed.size(), 1u);
  EXPECT_EQ(article.removed[0].kind, "byline");
  EXPECT_EQ(article.removed[0].text, "Von Anna Beispiel | 3. März 2026");
  EXPECT_EQ(article.word_count, 3);
}

TEST(LeadStageTest, MetadataAuthorsWinOverTheByByline) {
  LeadStage stage;
  Article article = WithText("By J. Doe\n\nShares rose.");
  article.authors = {"Jane Doe"};
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_EQ(article.authors, std::vector<std::string>{"Jane Doe"});
  EXPECT_EQ(article.text, "Shares rose.");
}

TEST(LeadStageTest, TextWithoutLeadIsUntouched) {
  LeadStage stage;
  Article article = WithText("Shares rose on Tuesday.\n\nMore.");
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_EQ(article.text, "Shares rose on Tuesday.\n\nMore.");
  EXPECT_EQ(article.word_count, -1) << "nothing changed, nothing recomputed";
  EXPECT_TRUE(article.removed.empty());
}

TEST(BoilerplateStageTest, NavigationIsListedAndBioMovesToItsField) {
  BoilerplateStage stage;
  Article article = WithText(
      "The ferry will sail twice a day from May.\n\nKell Ardent is the Herald's islands "
      "correspondent. He has covered island politics since 2009.\n\nMore In Regional News");
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_EQ(article.text, "The ferry will sail twice a day from May.");
  EXPECT_EQ(article.word_count, 9);
  EXPECT_EQ(article.author_bio.rfind("Kell Ardent is the Herald's", 0), 0u) << article.author_bio;
  ASSERT_EQ(article.removed.size(), 2u);
  EXPECT_EQ(article.removed[0].kind, "author_bio");
  EXPECT_EQ(article.removed[1].kind, "navigation");
  EXPECT_EQ(article.removed[1].text, "More In Regional News");
}

TEST(BoilerplateStageTest, OnlyBoilerplateIsDeadLetteredAsEmptyText) {
  BoilerplateStage stage;
  Article article = WithText("Related articles\n\nShare this\n\n\xC2\xA9 2026 Example News");
  const StageResult result = stage.Process(article);
  EXPECT_EQ(result.outcome, Outcome::kDeadLetter);
  EXPECT_EQ(result.reason, Reason::kEmptyText);
  EXPECT_NE(result.message.find("only boilerplate"), std::string::npos) << result.message;
}

TEST(BoilerplateStageTest, ArticleWithoutBoilerplateIsUntouched) {
  BoilerplateStage stage;
  Article article = WithText("The council met on Monday.\n\nIt approved the budget.");
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_EQ(article.word_count, -1);
  EXPECT_TRUE(article.removed.empty());
  EXPECT_EQ(article.author_bio, "");
}

TEST(ResidueRepairStageTest, RepairsAreAppendedAfterEarlierOnes) {
  ResidueRepairStage stage;
  Article article = WithText("The plan, t The council said, costs some about $5 million.");
  article.repairs.push_back({"invalid_utf8", "<1 invalid bytes>", "U+FFFD"});
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_EQ(article.text.find("some about"), std::string::npos) << article.text;
  ASSERT_GE(article.repairs.size(), 2u);
  EXPECT_EQ(article.repairs[0].kind, "invalid_utf8") << "earlier repairs stay first";
  EXPECT_EQ(article.word_count, CountWords(article.text));
}

}  // namespace
}  // namespace newsflow
