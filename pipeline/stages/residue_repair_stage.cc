#include "pipeline/stages/residue_repair_stage.h"

#include <iterator>
#include <utility>

#include "cleaning/article_text.h"
#include "cleaning/residue_repair.h"

namespace newsflow {

StageResult ResidueRepairStage::Process(Article& article) {
  ResidueRepairResult result = RepairCopyEditResidue(article.text);
  if (result.repairs.empty()) return StageResult::Pass();
  article.repairs.insert(article.repairs.end(), std::make_move_iterator(result.repairs.begin()),
                         std::make_move_iterator(result.repairs.end()));
  SetArticleText(article, std::move(result.text));
  return StageResult::Pass();
}

std::unique_ptr<Stage> MakeResidueRepairStage(const StageContext& /*context*/) {
  return std::make_unique<ResidueRepairStage>();
}

}  // namespace newsflow
