// Parsing of the date formats found in news feeds, and RFC 3339 formatting.
//
// Everything is UTC and locale-independent; no time-zone database is used.
// docs/INPUT.md lists the accepted formats with examples.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace newsflow {

// Earliest and latest instants the functions below handle:
// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, in epoch milliseconds.
inline constexpr int64_t kMinFeedDateMs = -62167219200000LL;
inline constexpr int64_t kMaxFeedDateMs = 253402300799999LL;

// Parses `text` (surrounding whitespace ignored) into UTC epoch milliseconds.
// Accepted:
//   - RFC 3339 / ISO 8601: 2024-03-05T14:30:00Z, ...+02:00, ...+0200, ...+02,
//     fractional seconds (any number of digits, truncated to milliseconds),
//     lower-case t/z, a space instead of T, HH:MM without seconds, a zone
//     name after a space (" UTC"); no zone means UTC; 2024-03-05 alone is
//     midnight UTC.
//   - RFC 822/1123/2822: [Tue, ]05 Mar 2024 14:30[:00] [zone], zone being
//     +HHMM/-HHMM or UT UTC GMT Z EST EDT CST CDT MST MDT PST PDT; no zone
//     means UTC; two-digit years 00-49 are 20xx, 50-99 and three-digit years
//     are 1900 + year (RFC 2822 section 4.3). The weekday is not checked.
//   - Month first: [Tuesday, ]March 5, 2024 [2:30[:00] [PM]] [zone].
//   - Epoch digits: up to 18 digits, optional sign and fraction; values whose
//     magnitude is >= 1e11 are milliseconds, smaller ones seconds.
// Month and weekday names are English, full or three-letter (case-insensitive).
// Out-of-range fields (month 13, Feb 30, hour 24 or more, minute 60) and
// results outside [kMinFeedDateMs, kMaxFeedDateMs] give nullopt. A leap
// second (:60) is accepted and counts as the next minute's first second.
std::optional<int64_t> ParseFeedDate(std::string_view text);

// Converts an epoch value given as a JSON number: seconds, or milliseconds
// when |value| >= 1e11. nullopt for NaN, infinities and out-of-range values.
std::optional<int64_t> EpochNumberToMs(double value);

// "2024-03-05T14:30:00Z", or "2024-03-05T14:30:00.123Z" when the
// milliseconds are non-zero or `always_millis` asks for a fixed width (logs).
// Inputs outside [kMinFeedDateMs, kMaxFeedDateMs] are clamped to that range
// (ParseFeedDate never returns such values).
std::string FormatRfc3339Utc(int64_t epoch_ms, bool always_millis = false);

}  // namespace newsflow
