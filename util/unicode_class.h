// Unicode general-category classes shared by the text code, over utf8proc's
// category of a code point (utf8proc orders them Cn, Lu, Ll, Lt, Lm, Lo, Mn,
// Mc, Me, Nd, Nl, No, ...).
//
// Thread-safety: pure functions.
#pragma once

#include <utf8proc.h>

namespace newsflow {

// L*: Lu, Ll, Lt, Lm, Lo.
inline bool IsLetterCategory(utf8proc_category_t c) {
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}
// M*: Mn, Mc, Me (combining marks).
inline bool IsMarkCategory(utf8proc_category_t c) {
  return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}
// N*: Nd, Nl, No.
inline bool IsNumberCategory(utf8proc_category_t c) {
  return c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO;
}

// A letter or a number (L* or N*).
inline bool IsLetterOrNumber(utf8proc_int32_t cp) {
  const utf8proc_category_t c = utf8proc_category(cp);
  return IsLetterCategory(c) || IsNumberCategory(c);
}

}  // namespace newsflow
