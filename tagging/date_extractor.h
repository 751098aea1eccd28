// Date expressions in cleaned English news text, normalized against the
// article's publication time.
//
// What is found (a "mention" is one contiguous span of the text):
//   - calendar dates: "January 4, 2015", "Jan. 4", "Jan. 4, 2015", "4 January
//     2015", "4th of January", "December 3rd", "Sunday, Jan. 4" (one mention),
//     ISO "2015-01-04", slashed "01/04/2015" (see below), day ranges
//     "Jan. 4-6" and "22-23 June" (`end_value`);
//   - months: "May 2014", "May of 2014", "in July", "since March", "last May",
//     "next June", "this April";
//   - years: "in 2013", "since 1988", "from 2010 to 2013", "a 2013 report",
//     "2013's";
//   - weekdays: "Sunday", "on Sunday", "last Tuesday", "next Friday";
//   - relative: "yesterday", "today", "tomorrow", "tonight", "this/last/next
//     week|month|year";
//   - qualified periods: "the end of December", "the start of 2015", "the
//     beginning of last year", "the middle of the year", "early July",
//     "late 2014", "mid-2015" (the month or year plus a `qualifier`).
//
// Values are ISO 8601: "2015-01-04" (day), "2015-W02" (ISO week), "2014-05"
// (month), "2014" (year). Everything is computed on the UTC calendar date of
// `published_at_ms`.
//
// Resolution rules for expressions without a year (news convention; tense is
// not parsed):
//   - a month and day ("Jan. 4") is the occurrence nearest to the publication
//     date among the previous, current and next year (so always within about
//     six months); on a tie the earlier one;
//   - a bare month ("in July") likewise: the nearest of the three, the past on
//     a tie ("in July" published in January 2015 is 2014-07);
//   - a bare weekday ("Sunday", "on Sunday", "this Sunday") is the nearest
//     one within three days either side (the publication day itself if it is
//     that weekday);
//   - "last X" is the most recent X strictly before the publication day
//     (weekday) or month (month name); "next X" the first strictly after;
//     "this May" is May of the publication year;
//   - "last/this/next year|month|week" is the previous/current/next one.
// Expressions that need the publication date are `relative`; without
// `published_at_ms` (or with one outside the years 1-9999) they are kept
// with resolved = false and an empty value.
// An absolute date that does not exist ("February 30, 2015") is not a date.
//
// Slashed dates need a four-digit year; they are read US-style (month first)
// unless the first number exceeds 12 and the second does not ("25/12/2014" is
// then unambiguously day first).
//
// False positives avoided, conservatively (recall is traded for precision):
//   - month names must be capitalized ("may", "march" never match); a bare
//     month without day or year must follow a word that introduces a date
//     (in, since, from, until, by, before, after, during, last, next, this,
//     early, late, mid, "end of", ...), so "May I ...", "Theresa May" and
//     "March on" do not match; three-letter abbreviations ("Jan", "Mar") need
//     a period or a following day or year;
//   - a four-digit number 1900-2099 is a year only after such a word, after a
//     determiner followed by a word ("the 2013 budget", not "the 2013
//     votes"), as "2013's", or as the second year of a range; never when it
//     is part of 2,013 / 20.13 / 12:30 / $2013 / 2013% / "2013 million";
//   - weekdays are whole capitalized words (no "Sun", "Sundays"); "Sunday
//     Times", "Bloody Sunday" (a capitalized word before or after that is
//     not a preposition) and "Mail on Sunday" / "Independent on Sunday" are
//     names, not dates; "Today" capitalized mid-sentence is a name (the BBC
//     programme, "USA Today");
//   - times ("12:30") and other numbers are never dates on their own.
//
// Complexity: one tokenizing pass plus bounded lookahead per token: linear in
// the input, no regular expressions. Any valid UTF-8 is accepted; other
// scripts are skipped (invalid bytes too, without crashing).
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {

enum class DateResolution { kDay, kWeek, kMonth, kYear };

// "day", "week", "month", "year".
std::string_view DateResolutionName(DateResolution resolution);

struct DateMention {
  size_t begin = 0;  // byte offsets into the input, [begin, end)
  size_t end = 0;
  std::string text;  // the input bytes [begin, end)
  bool resolved = false;
  std::string value;      // ISO 8601 as above; empty when !resolved
  std::string end_value;  // last day of a range ("Jan. 4-6"); usually empty
  DateResolution resolution = DateResolution::kDay;
  // "", "start", "early", "mid", "late" or "end" (static storage).
  std::string_view qualifier;
  bool relative = false;  // resolved (or not) against the publication date
};

// `text`: cleaned article text (UTF-8). `published_at_ms`: the article's
// publication time in UTC milliseconds since the epoch, if known. Mentions
// are returned in text order and do not overlap. Texts of 4 GiB or more yield
// no mentions (offsets are stored as 32 bits internally).
std::vector<DateMention> ExtractDates(std::string_view text,
                                      std::optional<int64_t> published_at_ms);

}  // namespace newsflow
