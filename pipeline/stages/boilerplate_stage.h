// Stage "boilerplate": cuts trailing navigation, copyright lines, credits and
// an author bio from the end of `text` (cleaning/boilerplate.h has the rules).
// Every piece cut is appended to Article::removed with its kind; the bio also
// goes to Article::author_bio. Runs after lead.
// Outcomes: kPass; DeadLetter(kEmptyText) if nothing but boilerplate remains.
#pragma once

#include <memory>

#include "newsflow/stage.h"
#include "newsflow/stage_registry.h"

namespace newsflow {

class BoilerplateStage : public Stage {
 public:
  std::string_view Name() const override { return "boilerplate"; }
  StageResult Process(Article& article) override;
};

std::unique_ptr<Stage> MakeBoilerplateStage(const StageContext& context);

}  // namespace newsflow
