#include "cleaning/readability_text_measure.h"

#include "util/ascii.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

bool IsJsSpace(int32_t cp) {
  switch (cp) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

bool IsCommaVariant(int32_t cp) {
  switch (cp) {
    case 0x060C:
    case 0xFE50:
    case 0xFE10:
    case 0xFE11:
    case 0x2E41:
    case 0x2E34:
    case 0x2E32:
    case 0xFF0C:
      return true;
    default:
      return false;
  }
}

}  // namespace

TextMeasure MeasureText(std::string_view text) {
  TextMeasure m;
  TextStats& s = m.stats;
  bool in_space = false;
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    int32_t cp = c;
    size_t length = 1;
    if (c >= 0x80) {
      length = DecodeUtf8At(text, i, &cp);
      if (length == 0) {
        length = 1;
        cp = 0xFFFD;
      }
    } else if (c == ',') {
      ++m.ascii_commas;
      ++m.commas;
    }
    if (c >= 0x80 && IsCommaVariant(cp)) ++m.commas;
    const bool space = (c < 0x80) ? IsAsciiSpace(static_cast<char>(c)) : IsJsSpace(cp);
    if (s.empty) {
      s.empty = false;
      s.lead_space = space;
    }
    // UTF-16 code units, as JavaScript's String.length.
    const int32_t units = cp >= 0x10000 ? 2 : 1;
    s.raw_length += units;
    if (space) {
      if (!in_space) ++s.length;
      in_space = true;
      if (s.all_space) ++s.lead_run;
      ++s.trail_run;
    } else {
      s.length += units;
      in_space = false;
      s.all_space = false;
      s.trail_run = 0;
    }
    s.trail_space = space;
    i += length;
  }
  return m;
}

}  // namespace newsflow
