#include "pipeline/stages/normalize_text_stage.h"

#include <string>
#include <utility>

#include "cleaning/article_text.h"
#include "cleaning/html_metadata.h"
#include "cleaning/main_content.h"
#include "cleaning/text_normalize.h"
#include "newsflow/config.h"

namespace newsflow {
namespace {

bool LacksMetadata(const Article& article) {
  return article.title.empty() || article.authors.empty() || !article.published_at_ms ||
         article.site_name.empty() || article.language_hint.empty();
}

void FillMissingMetadata(HtmlMetadata metadata, Article& article) {
  if (article.title.empty()) article.title = std::move(metadata.title);
  if (article.authors.empty()) article.authors = std::move(metadata.authors);
  if (!article.published_at_ms && metadata.published_at_ms) {
    article.published_at_ms = metadata.published_at_ms;
    if (article.published_at_raw.empty())
      article.published_at_raw = std::move(metadata.published_raw);
  }
  if (article.site_name.empty()) article.site_name = std::move(metadata.site_name);
  if (article.language_hint.empty()) article.language_hint = std::move(metadata.language);
}

}  // namespace

NormalizeTextStage::NormalizeTextStage(HtmlParseOptions html_options)
    : html_options_(html_options) {}

StageResult NormalizeTextStage::Process(Article& article) {
  std::string text = NormalizePlainText(article.body);
  const bool text_from_html = text.empty();
  if (!article.html.empty() && (text_from_html || LacksMetadata(article))) {
    // The document points into article.html, which outlives it here.
    HtmlDocument document;
    const HtmlParseStatus status = document.Parse(article.html, html_options_);
    if (status == HtmlParseStatus::kOk) {
      if (text_from_html) text = ExtractMainContent(document);
      FillMissingMetadata(ExtractHtmlMetadata(document), article);
    } else if (text_from_html) {
      SetArticleText(article, {});
      if (status == HtmlParseStatus::kTooDeep) {
        return StageResult::DeadLetter(Reason::kTooDeep,
                                       "html nesting deeper than " +
                                           std::to_string(html_options_.max_depth) +
                                           " elements (estimated; limits.max_html_depth)");
      }
      return StageResult::DeadLetter(
          Reason::kTooLarge, "html has more than " + std::to_string(html_options_.max_elements) +
                                 " elements (limits.max_html_elements)");
    }
  }
  SetArticleText(article, std::move(text));
  if (article.text.empty()) {
    return StageResult::DeadLetter(Reason::kEmptyText,
                                   "no visible text after normalization (body " +
                                       std::to_string(article.body.size()) + " bytes, html " +
                                       std::to_string(article.html.size()) + " bytes)");
  }
  return StageResult::Pass();
}

std::unique_ptr<Stage> MakeNormalizeTextStage(const StageContext& context) {
  HtmlParseOptions options;
  options.max_depth = static_cast<size_t>(context.config.limits.max_html_depth);
  options.max_elements = static_cast<size_t>(context.config.limits.max_html_elements);
  return std::make_unique<NormalizeTextStage>(options);
}

}  // namespace newsflow
