// Strict text-to-number parsing for configuration values.
//
// Every function parses the whole text or fails: no leading or trailing
// spaces, no trailing garbage ("12abc"), no silent truncation. They never
// throw and never touch the output on failure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsflow {

// A decimal integer such as "42" or "-7". False when `text` is not exactly
// one integer or does not fit in int64_t.
bool ParseInteger(std::string_view text, int64_t* value);

// A decimal floating-point number such as "0.01" or "1e-3". False when `text`
// is not exactly one number. NaN and infinities parse; callers range-check.
bool ParseDouble(std::string_view text, double* value);

// A byte count: a non-negative decimal integer, optionally followed (spaces
// allowed in between) by a unit, case-insensitive:
//   B; KiB, MiB, GiB (powers of 1024); KB, MB, GB (powers of 1000).
// "256MiB" -> 268435456, "4 MB" -> 4000000, "1024" -> 1024.
// On failure returns false and sets `why` to a short explanation.
bool ParseByteSize(std::string_view text, int64_t* bytes, std::string* why);

}  // namespace newsflow
