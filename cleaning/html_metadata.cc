#include "cleaning/html_metadata.h"

namespace newsflow {

HtmlMetadata ExtractHtmlMetadata(const HtmlDocument& /*document*/) { return {}; }

}  // namespace newsflow
