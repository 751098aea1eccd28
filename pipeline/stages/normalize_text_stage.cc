#include "pipeline/stages/normalize_text_stage.h"

#include <string>

#include "cleaning/text_normalize.h"

namespace newsflow {

NormalizeTextStage::NormalizeTextStage(HtmlTextOptions html_options)
    : html_options_(html_options) {}

StageResult NormalizeTextStage::Process(Article& article) {
  article.text = NormalizeParagraphs(article.body);
  if (article.text.empty() && !article.html.empty()) {
    if (HtmlToText(article.html, html_options_, &article.text) == HtmlTextStatus::kTooDeep) {
      article.word_count = 0;
      return StageResult::DeadLetter(Reason::kTooDeep, "html nesting deeper than " +
                                                           std::to_string(html_options_.max_depth) +
                                                           " elements (estimated)");
    }
  }
  article.word_count = CountWords(article.text);
  if (article.text.empty()) {
    return StageResult::DeadLetter(Reason::kEmptyText,
                                   "no visible text after normalization (body " +
                                       std::to_string(article.body.size()) + " bytes, html " +
                                       std::to_string(article.html.size()) + " bytes)");
  }
  return StageResult::Pass();
}

std::unique_ptr<Stage> MakeNormalizeTextStage(const StageContext& /*context*/) {
  return std::make_unique<NormalizeTextStage>();
}

}  // namespace newsflow
