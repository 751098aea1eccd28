#include "cleaning/html_entities.h"

#include <gumbo.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "cleaning/html_document.h"
#include "util/ascii.h"

namespace newsflow {
namespace {

// Batches stay far below HtmlDocument's element limit.
constexpr size_t kBatch = 4096;

// Appends `text` to *html as element content that gumbo reads back as the
// same characters with only its references decoded: '<' becomes "&lt;" so no
// tag can start, NUL becomes U+FFFD (as in RCDATA; in a <p> gumbo would drop
// it), and numeric references above U+10FFFF become "&#xFFFD": gumbo 0.10.1
// garbles those beyond 32 bits ("&#xFFFFFFFF;" becomes "&x"), and HTML maps
// every value above U+10FFFF to U+FFFD anyway.
void AppendEscaped(std::string_view text, std::string* html) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<') {
      html->append("&lt;");
      continue;
    }
    if (c == '\0') {
      html->append("\xEF\xBF\xBD");
      continue;
    }
    html->push_back(c);
    if (c != '&' || i + 1 >= text.size() || text[i + 1] != '#') continue;
    size_t j = i + 2;
    const bool hex = j < text.size() && (text[j] == 'x' || text[j] == 'X');
    if (hex) ++j;
    const size_t digits_start = j;
    uint32_t value = 0;
    for (; j < text.size(); ++j) {
      int digit = -1;
      const char d = text[j];
      if (IsAsciiDigit(d)) {
        digit = d - '0';
      } else if (hex && AsciiLower(d) >= 'a' && AsciiLower(d) <= 'f') {
        digit = AsciiLower(d) - 'a' + 10;
      }
      if (digit < 0) break;
      value = std::min<uint32_t>(0x110000, value * (hex ? 16 : 10) + static_cast<uint32_t>(digit));
    }
    if (j > digits_start && value > 0x10FFFF) {
      html->append("#xFFFD");
      i = j - 1;
    }
  }
}

// The one decoder: lets gumbo parse "<p>piece<br>piece<br>...", one text
// node per piece (a <br> keeps neighbours apart, the <p> keeps decoded
// whitespace from being dropped before the body), and stores the decoded
// pieces in *texts (views into *document). False if the parse does not come
// out in that shape (an empty piece, or gumbo refusing the input).
bool DecodePieces(const std::string_view* pieces, size_t count, HtmlDocument* document,
                  std::vector<std::string_view>* texts) {
  texts->clear();
  std::string html = "<p>";
  for (size_t k = 0; k < count; ++k) {
    AppendEscaped(pieces[k], &html);
    html.append("<br>");
  }
  if (document->Parse(html) != HtmlParseStatus::kOk) return false;
  const GumboNode* p = nullptr;
  std::vector<const GumboNode*> stack = {document->root()};
  while (!stack.empty() && p == nullptr) {
    const GumboNode* g = stack.back();
    stack.pop_back();
    if (g == nullptr || g->type != GUMBO_NODE_ELEMENT) continue;
    if (g->v.element.tag == GUMBO_TAG_P) p = g;
    for (unsigned int k = 0; k < g->v.element.children.length; ++k) {
      stack.push_back(static_cast<const GumboNode*>(g->v.element.children.data[k]));
    }
  }
  if (p == nullptr) return false;
  texts->reserve(count);
  const GumboVector& children = p->v.element.children;
  bool expect_text = true;
  for (unsigned int k = 0; k < children.length; ++k) {
    const auto* child = static_cast<const GumboNode*>(children.data[k]);
    const bool is_text = child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE;
    if (is_text != expect_text) return false;
    if (is_text) texts->emplace_back(child->v.text.text);
    expect_text = !expect_text;
  }
  return texts->size() == count;
}

// Length of the well-formed reference starting at text[at] == '&', or 0.
size_t ReferenceLength(std::string_view text, size_t at) {
  const size_t n = text.size();
  size_t i = at + 1;
  if (i >= n) return 0;
  if (text[i] == '#') {
    ++i;
    bool hex = false;
    if (i < n && (text[i] == 'x' || text[i] == 'X')) {
      hex = true;
      ++i;
    }
    const size_t digits_start = i;
    const size_t max_digits = hex ? 6 : 7;
    while (i < n && (hex ? IsAsciiHexDigit(text[i]) : IsAsciiDigit(text[i])) &&
           i - digits_start < max_digits + 1) {
      ++i;
    }
    const size_t digits = i - digits_start;
    if (digits == 0 || digits > max_digits || i >= n || text[i] != ';') return 0;
    return i + 1 - at;
  }
  if (!IsAsciiAlpha(text[i])) return 0;
  const size_t name_start = i;
  while (i < n && IsAsciiAlnum(text[i]) && i - name_start < 33) ++i;
  if (i - name_start > 32 || i >= n || text[i] != ';') return 0;
  return i + 1 - at;
}

size_t CodePointCount(std::string_view s) {
  size_t count = 0;
  for (char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

// Decodes `count` references into (*decoded)[reference]; leaves the entries
// as they are (the reference itself) if the batch does not decode.
void DecodeReferenceBatch(const std::string_view* references, size_t count,
                          std::unordered_map<std::string_view, std::string>* decoded) {
  HtmlDocument document;
  std::vector<std::string_view> texts;
  if (!DecodePieces(references, count, &document, &texts)) return;
  for (size_t k = 0; k < count; ++k) {
    const std::string_view original = references[k];
    const std::string_view replacement = texts[k];
    // A named reference is decoded only when gumbo took the whole name: a
    // full match yields one or two code points; a prefix match ("&notit;" ->
    // "¬it;") leaves the rest of the name behind.
    if (original[1] != '#' && (replacement == original || CodePointCount(replacement) > 2)) {
      continue;
    }
    (*decoded)[original] = std::string(replacement);
  }
}

}  // namespace

bool MayHoldHtmlEntity(std::string_view text) {
  for (size_t at = text.find('&'); at != std::string_view::npos; at = text.find('&', at + 1)) {
    if (at + 1 < text.size() && (text[at + 1] == '#' || IsAsciiAlpha(text[at + 1]))) return true;
  }
  return false;
}

std::string DecodeHtmlEntities(std::string_view text) {
  HtmlDocument document;
  std::vector<std::string_view> texts;
  if (!DecodePieces(&text, 1, &document, &texts)) return std::string(text);
  return std::string(texts[0]);
}

std::string DecodeLeftoverEntities(std::string_view text) {
  struct Reference {
    size_t begin;
    size_t length;
  };
  std::vector<Reference> references;
  // Each distinct reference is decoded once.
  std::unordered_map<std::string_view, std::string> decoded;
  std::vector<std::string_view> pending;
  size_t at = 0;
  while ((at = text.find('&', at)) != std::string_view::npos) {
    const size_t length = ReferenceLength(text, at);
    if (length > 0) {
      references.push_back({at, length});
      const std::string_view reference = text.substr(at, length);
      if (decoded.emplace(reference, std::string(reference)).second) pending.push_back(reference);
      at += length;
    } else {
      ++at;
    }
  }
  if (references.empty()) return std::string(text);

  for (size_t start = 0; start < pending.size(); start += kBatch) {
    const size_t end = std::min(pending.size(), start + kBatch);
    DecodeReferenceBatch(&pending[start], end - start, &decoded);
  }

  std::string out;
  out.reserve(text.size());
  size_t cursor = 0;
  for (const Reference& r : references) {
    out.append(text.substr(cursor, r.begin - cursor));
    out.append(decoded[text.substr(r.begin, r.length)]);
    cursor = r.begin + r.length;
  }
  out.append(text.substr(cursor));
  return out;
}

}  // namespace newsflow
