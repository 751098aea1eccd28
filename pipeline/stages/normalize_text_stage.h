// The normalize_text stage: Article body/html -> article.text and word_count.
//
// article.text is NormalizeParagraphs(body) (cleaning/text_normalize.h) when the
// body has any visible text, else HtmlToText(html) (cleaning/html_text.h): one
// paragraph per line, paragraphs separated by a blank line, whitespace
// collapsed. word_count is CountWords(text). Outcomes:
//   - kPass when text is non-empty;
//   - DeadLetter(kTooDeep) when the body is empty and the HTML nests deeper
//     than HtmlTextOptions::max_depth (estimated; parsing it would be slow);
//   - DeadLetter(kEmptyText) when nothing visible remains.
// Never throws for bad input.
//
// Thread-safety: none needed; the stage holds no state besides its options.
#pragma once

#include <memory>
#include <string_view>

#include "newsflow/stage.h"
#include "newsflow/stage_registry.h"
#include "cleaning/html_text.h"

namespace newsflow {

class NormalizeTextStage : public Stage {
 public:
  explicit NormalizeTextStage(HtmlTextOptions html_options = {});

  std::string_view Name() const override { return "normalize_text"; }

  // Reads article.body and article.html; overwrites article.text and
  // article.word_count.
  StageResult Process(Article& article) override;

 private:
  HtmlTextOptions html_options_;
};

// Factory for the stage registry (registered as "normalize_text").
std::unique_ptr<Stage> MakeNormalizeTextStage(const StageContext& context);

}  // namespace newsflow
