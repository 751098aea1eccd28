#include "pipeline/stages/boilerplate_stage.h"

#include <iterator>
#include <utility>

#include "cleaning/article_text.h"
#include "cleaning/boilerplate.h"

namespace newsflow {

StageResult BoilerplateStage::Process(Article& article) {
  BoilerplateResult result = RemoveTrailingBoilerplate(article.text);
  if (result.removed.empty()) return StageResult::Pass();
  if (!result.author_bio.empty()) article.author_bio = std::move(result.author_bio);
  article.removed.insert(article.removed.end(), std::make_move_iterator(result.removed.begin()),
                         std::make_move_iterator(result.removed.end()));
  SetArticleText(article, std::move(result.text));
  if (article.text.empty()) {
    return StageResult::DeadLetter(
        Reason::kEmptyText, "only boilerplate (" + std::to_string(article.removed.size()) +
                                " pieces: navigation, copyright, credits or bio) in the text");
  }
  return StageResult::Pass();
}

std::unique_ptr<Stage> MakeBoilerplateStage(const StageContext& /*context*/) {
  return std::make_unique<BoilerplateStage>();
}

}  // namespace newsflow
