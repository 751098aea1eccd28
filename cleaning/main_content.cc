#include "cleaning/main_content.h"

#include "cleaning/html_text.h"

namespace newsflow {

std::string ExtractMainContent(const HtmlDocument& document,
                               const MainContentOptions& /*options*/) {
  if (document.document() == nullptr) return {};
  return SubtreeText(document.document());
}

}  // namespace newsflow
