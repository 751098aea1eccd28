// Stage "residue_repair": repairs flattened copy-editing residue in `text`
// ("t The", "Aaccording", a clause kept twice; cleaning/residue_repair.h has
// the rules). Every change is appended to Article::repairs (output
// cleaning.repairs). Runs last among the cleaning stages, on the article text
// only (dateline, byline and bio already split off). Never dead-letters.
#pragma once

#include <memory>

#include "newsflow/stage.h"
#include "newsflow/stage_registry.h"

namespace newsflow {

class ResidueRepairStage : public Stage {
 public:
  std::string_view Name() const override { return "residue_repair"; }
  StageResult Process(Article& article) override;
};

std::unique_ptr<Stage> MakeResidueRepairStage(const StageContext& context);

}  // namespace newsflow
