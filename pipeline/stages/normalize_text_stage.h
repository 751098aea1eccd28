// The normalize_text stage: the article's text out of its body or HTML page.
//
//   - A body with visible text: article.text = NormalizePlainText(body)
//     (cleaning/text_normalize.h: NFC, line-break policy, quotes and dashes).
//   - Otherwise the HTML page is parsed once (cleaning/html_document.h) and
//     article.text is its main content (cleaning/main_content.h).
//   - Whenever HTML is present and parsed, fields the input lacks (title,
//     authors, published_at, site_name, language_hint) are filled from the
//     page's metadata (cleaning/html_metadata.h). Input fields always win.
// word_count and reading_time_seconds follow the text (SetArticleText).
// Outcomes:
//   - kPass when text is non-empty;
//   - DeadLetter(kTooDeep) when the HTML needed for the text nests deeper than
//     limits.max_html_depth (estimated; parsing it would be slow);
//   - DeadLetter(kTooLarge) when it has more than limits.max_html_elements
//     elements;
//   - DeadLetter(kEmptyText) when nothing visible remains.
// Never throws for bad input.
//
// Thread-safety: none needed; the stage holds no state besides its options.
#pragma once

#include <memory>
#include <string_view>

#include "cleaning/html_document.h"
#include "newsflow/stage.h"
#include "newsflow/stage_registry.h"

namespace newsflow {

class NormalizeTextStage : public Stage {
 public:
  explicit NormalizeTextStage(HtmlParseOptions html_options = {});

  std::string_view Name() const override { return "normalize_text"; }

  StageResult Process(Article& article) override;

 private:
  HtmlParseOptions html_options_;
};

// Factory for the stage registry (registered as "normalize_text"); HTML
// limits come from config `limits`.
std::unique_ptr<Stage> MakeNormalizeTextStage(const StageContext& context);

}  // namespace newsflow
