// Article metadata from a parsed HTML page: meta tags, JSON-LD and visible
// markup. STUB: interface fixed; the implementation is being written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cleaning/html_document.h"

namespace newsflow {

struct HtmlMetadata {
  std::string title;
  std::vector<std::string> authors;
  std::string published_raw;               // as found in the page
  std::optional<int64_t> published_at_ms;  // parsed, UTC milliseconds
  std::string site_name;
  std::string language;  // as declared, e.g. "en", "en-US"
  std::string description;
};

HtmlMetadata ExtractHtmlMetadata(const HtmlDocument& document);

}  // namespace newsflow
