// Stage "lead": moves a dateline ("NEW YORK (Reuters) -") and a byline
// paragraph ("By Jane Doe") from the start of `text` into Article::dateline
// and Article::authors (cleaning/dateline.h has the rules); word_count and reading time follow.
// A byline paragraph in another form that names the authors already known
// (cleaning/known_byline.h) is removed too and listed in Article::removed
// with kind "byline".
// Runs after normalize_text. Never dead-letters: no lead is a normal case.
#pragma once

#include <memory>

#include "newsflow/stage.h"
#include "newsflow/stage_registry.h"

namespace newsflow {

class LeadStage : public Stage {
 public:
  std::string_view Name() const override { return "lead"; }
  StageResult Process(Article& article) override;
};

std::unique_ptr<Stage> MakeLeadStage(const StageContext& context);

}  // namespace newsflow
