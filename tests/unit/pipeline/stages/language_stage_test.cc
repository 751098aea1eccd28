#include "pipeline/stages/language_stage.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "newsflow/config.h"
#include "newsflow/stage_registry.h"

namespace newsflow {
namespace {

TEST(LanguageStageTest, IsInTheDefaultChainAfterCleaning) {
  const Config config;
  const auto& stages = config.pipeline.stages;
  const auto language = std::find(stages.begin(), stages.end(), "language");
  ASSERT_NE(language, stages.end());
  EXPECT_GT(language - std::find(stages.begin(), stages.end(), "residue_repair"), 0);
  StageRegistry registry;
  RegisterBuiltinStages(registry);
  EXPECT_TRUE(registry.Contains("language"));
}

TEST(LanguageStageTest, SetsTheLanguageFieldsFromTextAndHint) {
  LanguageStage stage;
  Article article;
  article.text =
      "Los cuarenta puestos del mercado municipal, la mitad de ellos atendidos por pescadores del "
      "pueblo, atrajeron a cientos de visitantes desde la apertura del sábado por la mañana, "
      "según informó el ayuntamiento, que financió dos tercios de las obras de restauración.";
  ASSERT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_EQ(article.language, "es");
  EXPECT_EQ(article.language_source, "detected");
  EXPECT_TRUE(article.language_reliable);
  EXPECT_GT(article.language_confidence, 0.8);

  Article hinted;
  hinted.text = "Mercado municipal";
  hinted.language_hint = "es-ES";
  ASSERT_EQ(stage.Process(hinted).outcome, Outcome::kPass);
  EXPECT_EQ(hinted.language, "es");
  EXPECT_EQ(hinted.language_source, "hint");
  EXPECT_FALSE(hinted.language_reliable);
}

TEST(LanguageStageTest, EmptyTextIsUndAndPasses) {
  LanguageStage stage;
  Article article;
  EXPECT_EQ(stage.Process(article).outcome, Outcome::kPass);
  EXPECT_EQ(article.language, "und");
  EXPECT_EQ(article.language_source, "none");
}

}  // namespace
}  // namespace newsflow
