#include "cleaning/html_text.h"

#include <vector>

#include "cleaning/text_normalize.h"

namespace newsflow {

HtmlTextRole HtmlTextRoleOf(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
      return HtmlTextRole::kSkip;
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_XMP:
      return HtmlTextRole::kBlock;
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
      return HtmlTextRole::kCell;
    default:
      return HtmlTextRole::kInline;
  }
}

bool KeepsSourceLineBreaks(GumboTag tag) {
  return tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_PLAINTEXT;
}

void AppendTextNode(std::string_view text, bool keep_line_breaks, std::string* out) {
  const size_t start = out->size();
  out->append(text);
  if (keep_line_breaks) return;
  for (size_t i = start; i < out->size(); ++i) {
    char& c = (*out)[i];
    if (c == '\n' || c == '\r' || c == '\f') c = ' ';
  }
}

void AppendSubtreeText(const GumboNode* node, const HtmlElementFilter& skip, std::string* raw) {
  struct Frame {
    const GumboNode* node;
    bool leaving;  // after the element's children: close its block
  };
  std::vector<Frame> stack;
  stack.push_back({node, false});
  int line_break_keepers = 0;  // open pre/listing/plaintext elements
  while (!stack.empty()) {
    const Frame frame = stack.back();
    stack.pop_back();
    const GumboNode* current = frame.node;
    const GumboVector* children = nullptr;
    switch (current->type) {
      case GUMBO_NODE_DOCUMENT:
        children = &current->v.document.children;
        break;
      case GUMBO_NODE_ELEMENT: {
        const GumboTag tag = current->v.element.tag;
        const HtmlTextRole role = HtmlTextRoleOf(tag);
        if (frame.leaving) {
          if (KeepsSourceLineBreaks(tag)) --line_break_keepers;
          if (role == HtmlTextRole::kBlock) raw->append("\n\n");
          if (role == HtmlTextRole::kCell) raw->push_back(' ');
          continue;
        }
        if (role == HtmlTextRole::kSkip || (skip && skip(*current))) continue;
        if (role == HtmlTextRole::kBlock) raw->append("\n\n");
        if (role == HtmlTextRole::kCell) raw->push_back(' ');
        if (KeepsSourceLineBreaks(tag)) ++line_break_keepers;
        stack.push_back({current, true});
        children = &current->v.element.children;
        break;
      }
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA:
      case GUMBO_NODE_WHITESPACE:
        AppendTextNode(current->v.text.text, line_break_keepers > 0, raw);
        continue;
      case GUMBO_NODE_COMMENT:
      case GUMBO_NODE_TEMPLATE:
        continue;
    }
    if (children == nullptr) continue;
    for (unsigned int k = children->length; k > 0; --k) {
      stack.push_back({static_cast<const GumboNode*>(children->data[k - 1]), false});
    }
  }
}

std::string SubtreeText(const GumboNode* node, const HtmlElementFilter& skip) {
  std::string raw;
  AppendSubtreeText(node, skip, &raw);
  return NormalizeParagraphs(raw);
}

HtmlTextStatus HtmlToText(std::string_view html, const HtmlTextOptions& options,
                          std::string* text) {
  text->clear();
  HtmlDocument document;
  const HtmlParseStatus status = document.Parse(html, options);
  if (status == HtmlParseStatus::kOk) *text = SubtreeText(document.document());
  return status;
}

std::string HtmlToText(std::string_view html) {
  std::string text;
  HtmlToText(html, HtmlTextOptions{}, &text);
  return text;
}

}  // namespace newsflow
