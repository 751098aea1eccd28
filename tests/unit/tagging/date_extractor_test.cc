#include "tagging/date_extractor.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace newsflow {
namespace {

// Monday 2015-01-05, 12:00 UTC.
constexpr int64_t kPublished = 1420459200000;

std::vector<DateMention> Dates(std::string_view text,
                               std::optional<int64_t> published = kPublished) {
  std::vector<DateMention> dates = ExtractDates(text, published);
  for (const DateMention& d : dates) {
    EXPECT_EQ(text.substr(d.begin, d.end - d.begin), d.text) << "offsets of " << d.text;
    EXPECT_EQ(d.resolved, !d.value.empty()) << d.text;
  }
  return dates;
}

// The single mention in `text`, which must have exactly one.
DateMention One(std::string_view text, std::optional<int64_t> published = kPublished) {
  std::vector<DateMention> dates = Dates(text, published);
  EXPECT_EQ(dates.size(), 1u) << text;
  return dates.empty() ? DateMention{} : dates[0];
}

void ExpectNone(std::string_view text) {
  std::vector<DateMention> dates = Dates(text);
  EXPECT_TRUE(dates.empty()) << text << " -> " << (dates.empty() ? "" : dates[0].text);
}

TEST(DateExtractorTest, FullDateWithYearIsAbsolute) {
  DateMention d = One("The board met on January 4, 2015 to vote.");
  EXPECT_EQ(d.text, "January 4, 2015");
  EXPECT_EQ(d.value, "2015-01-04");
  EXPECT_EQ(d.resolution, DateResolution::kDay);
  EXPECT_FALSE(d.relative);
  // Absolute dates resolve without a publication time.
  EXPECT_EQ(One("The board met on January 4, 2015 to vote.", std::nullopt).value, "2015-01-04");
}

TEST(DateExtractorTest, DayFirstDates) {
  EXPECT_EQ(One("Ballots close on 4 January 2015 at noon.").value, "2015-01-04");
  // July 4 is 180 days ahead, 185 days back.
  EXPECT_EQ(One("A parade on the 4th of July drew crowds.").value, "2015-07-04");
  DateMention d = One("They signed it on 3rd December.");
  EXPECT_EQ(d.text, "3rd December");
  EXPECT_EQ(d.value, "2014-12-03");
}

TEST(DateExtractorTest, AbbreviatedMonthWithPeriod) {
  DateMention d = One("According to a Jan. 4 statement, prices rose.");
  EXPECT_EQ(d.text, "Jan. 4");
  EXPECT_EQ(d.value, "2015-01-04");
  EXPECT_TRUE(d.relative);
  EXPECT_EQ(One("It opened Sept. 12, 2014 downtown.").value, "2014-09-12");
}

TEST(DateExtractorTest, AbbreviationWithoutPeriodOrDayIsNotAMonth) {
  ExpectNone("Jan said he would come back.");
  ExpectNone("The Mar family owns the shop.");
}

TEST(DateExtractorTest, OrdinalDay) {
  DateMention d = One("Polls open December 3rd in most towns.");
  EXPECT_EQ(d.text, "December 3rd");
  EXPECT_EQ(d.value, "2014-12-03");
}

TEST(DateExtractorTest, MonthDayWithoutYearPicksNearestOccurrence) {
  // Published 2015-01-05: Dec 28 is 8 days back, Feb 2 four weeks ahead.
  EXPECT_EQ(One("The talks ended December 28 in Geneva.").value, "2014-12-28");
  EXPECT_EQ(One("The talks resume February 2 in Geneva.").value, "2015-02-02");
}

TEST(DateExtractorTest, DayRange) {
  DateMention d = One("The fair runs Jan. 4-6 at the hall.");
  EXPECT_EQ(d.text, "Jan. 4-6");
  EXPECT_EQ(d.value, "2015-01-04");
  EXPECT_EQ(d.end_value, "2015-01-06");
}

TEST(DateExtractorTest, DayFirstRange) {
  DateMention d = One("The summit is on 22-23 June in Oslo.");
  EXPECT_EQ(d.text, "22-23 June");
  EXPECT_EQ(d.value, "2015-06-22");
  EXPECT_EQ(d.end_value, "2015-06-23");
  ExpectNone("They won 3-2 June Street's derby.");
}

TEST(DateExtractorTest, IsoDate) {
  DateMention d = One("Filed 2015-01-04 with the registry.");
  EXPECT_EQ(d.value, "2015-01-04");
  ExpectNone("Serial 2015-13-04 is not a date.");
  ExpectNone("Part 2015-01-04-7 is a code.");
}

TEST(DateExtractorTest, SlashedDateIsUsStyleUnlessOnlyDayFirstFits) {
  EXPECT_EQ(One("Filed on 01/04/2015 at the court.").value, "2015-01-04");
  EXPECT_EQ(One("Filed on 25/12/2014 at the court.").value, "2014-12-25");
  ExpectNone("Ratio 13/13/2015 is nonsense.");
  ExpectNone("Scores were 3/4 and 12/30 overall.");
}

TEST(DateExtractorTest, MonthAndYear) {
  DateMention d = One("Since the May 2014 visit, trade grew.");
  EXPECT_EQ(d.text, "May 2014");
  EXPECT_EQ(d.value, "2014-05");
  EXPECT_EQ(d.resolution, DateResolution::kMonth);
  EXPECT_FALSE(d.relative);
}

TEST(DateExtractorTest, BareMonthAfterPrepositionPicksNearestPreferringPast) {
  // July 2014 and July 2015 are both six months from January 2015.
  DateMention d = One("In July, a delegation visited the port.");
  EXPECT_EQ(d.text, "July");
  EXPECT_EQ(d.value, "2014-07");
  EXPECT_EQ(d.resolution, DateResolution::kMonth);
  EXPECT_EQ(One("The law takes effect in March.").value, "2015-03");
  EXPECT_EQ(One("Prices have fallen since October.").value, "2014-10");
}

TEST(DateExtractorTest, BareMonthWithoutContextIsNotMatched) {
  ExpectNone("March attracted few people.");
  ExpectNone("August sunshine filled the square.");
}

TEST(DateExtractorTest, MayAndMarchAsOrdinaryWordsAreNotMonths) {
  ExpectNone("May I ask a question?");
  ExpectNone("Prices may be higher next spring.");
  ExpectNone("Prime Minister Theresa May spoke to reporters.");
  ExpectNone("Workers march on the capital.");
  ExpectNone("They will March on the capital.");
}

TEST(DateExtractorTest, LastMonthNameIsMostRecentBeforePublication) {
  DateMention d = One("Protocols signed in Tokyo last May set the terms.");
  EXPECT_EQ(d.text, "last May");
  EXPECT_EQ(d.value, "2014-05");
  EXPECT_TRUE(d.relative);
  // "last January" in January means a year back.
  EXPECT_EQ(One("Sales peaked last January.").value, "2014-01");
  EXPECT_EQ(One("The plant reopens next March.").value, "2015-03");
  EXPECT_EQ(One("The plant reopens next January.").value, "2016-01");
}

TEST(DateExtractorTest, BareWeekdayIsNearestWithinThreeDays) {
  DateMention d = One("The cabinet on Sunday approved a plan.");
  EXPECT_EQ(d.text, "Sunday");
  EXPECT_EQ(d.value, "2015-01-04");
  EXPECT_EQ(d.resolution, DateResolution::kDay);
  EXPECT_EQ(One("A vote is due on Wednesday.").value, "2015-01-07");
  EXPECT_EQ(One("Talks ended on Friday.").value, "2015-01-02");
  EXPECT_EQ(One("The deal was signed Monday.").value, "2015-01-05");
  EXPECT_EQ(One("The Sunday before, it rained.").value, "2015-01-04");
}

TEST(DateExtractorTest, LastAndNextWeekday) {
  EXPECT_EQ(One("He resigned last Tuesday.").value, "2014-12-30");
  EXPECT_EQ(One("He resigned last Monday.").value, "2014-12-29");
  EXPECT_EQ(One("She arrives next Monday.").value, "2015-01-12");
}

TEST(DateExtractorTest, WeekdayFollowedByDateIsOneMention) {
  DateMention d = One("Voting ends Sunday, Jan. 11 at 8pm.");
  EXPECT_EQ(d.text, "Sunday, Jan. 11");
  EXPECT_EQ(d.value, "2015-01-11");
}

TEST(DateExtractorTest, WeekdayInNamesIsNotADate) {
  ExpectNone("She writes for The Sunday Times.");
  ExpectNone("He was quoted in the Mail on Sunday.");
  ExpectNone("Remembering Bloody Sunday, crowds gathered.");
  ExpectNone("Candidates prepared for Super Tuesday.");
  ExpectNone("Services are held on Sundays.");
  ExpectNone("The Sunday Telegraph ran the story.");
}

TEST(DateExtractorTest, RelativeDays) {
  std::vector<DateMention> d = Dates("Yesterday it rained, today it is dry and tomorrow it snows.");
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].value, "2015-01-04");
  EXPECT_EQ(d[1].value, "2015-01-05");
  EXPECT_EQ(d[2].value, "2015-01-06");
}

TEST(DateExtractorTest, TodayAsANameIsNotADate) {
  ExpectNone("He told BBC Radio's Today programme he would stay.");
  ExpectNone("An interview with USA Today ran long.");
}

TEST(DateExtractorTest, RelativeYearMonthWeek) {
  std::vector<DateMention> d =
      Dates("Profits fell last year, will rise this year and next year; last week and next month.");
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(d[0].value, "2014");
  EXPECT_EQ(d[0].resolution, DateResolution::kYear);
  EXPECT_EQ(d[1].value, "2015");
  EXPECT_EQ(d[2].value, "2016");
  EXPECT_EQ(d[3].value, "2015-W01");
  EXPECT_EQ(d[3].resolution, DateResolution::kWeek);
  EXPECT_EQ(d[4].value, "2015-02");
}

TEST(DateExtractorTest, PastYearIsADurationNotADate) { ExpectNone("Over the past year, it grew."); }

TEST(DateExtractorTest, QualifiedPeriods) {
  DateMention d = One("The last visit took place at the end of December.");
  EXPECT_EQ(d.text, "the end of December");
  EXPECT_EQ(d.value, "2014-12");
  EXPECT_EQ(d.resolution, DateResolution::kMonth);
  EXPECT_EQ(d.qualifier, "end");

  d = One("Work starts at the start of 2015.");
  EXPECT_EQ(d.text, "the start of 2015");
  EXPECT_EQ(d.value, "2015");
  EXPECT_EQ(d.qualifier, "start");

  d = One("The merger closes in mid-2015.");
  EXPECT_EQ(d.text, "mid-2015");
  EXPECT_EQ(d.qualifier, "mid");

  d = One("Rates rose in early July.");
  EXPECT_EQ(d.value, "2014-07");
  EXPECT_EQ(d.qualifier, "early");

  d = One("It was planned for the end of last year.");
  EXPECT_EQ(d.text, "the end of last year");
  EXPECT_EQ(d.value, "2014");
  EXPECT_EQ(d.qualifier, "end");
}

TEST(DateExtractorTest, QualifierWithoutPeriodIsNotADate) {
  ExpectNone("At the end of the road stands a mill.");
  ExpectNone("The late mayor was honoured.");
}

TEST(DateExtractorTest, YearsNeedContext) {
  EXPECT_EQ(One("The firm was founded in 1988 by two brothers.").value, "1988");
  EXPECT_EQ(One("Exports stagnated since 2013.").resolution, DateResolution::kYear);
  EXPECT_EQ(One("The 2013 budget was larger.").value, "2013");
  std::vector<DateMention> d = Dates("Output doubled from 2010 to 2013.");
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].value, "2010");
  EXPECT_EQ(d[1].value, "2013");
}

TEST(DateExtractorTest, NumbersThatAreNotYears) {
  ExpectNone("2013 people signed the letter.");
  ExpectNone("The 2013 votes were counted.");
  ExpectNone("It cost $2013 in total.");
  ExpectNone("A rise of 2013% was reported.");
  ExpectNone("Attendance reached 2,013 this season.");
  ExpectNone("Shares rose in 2013.5 trading units.");
  ExpectNone("It grew by 2000 million tonnes.");
  ExpectNone("The meeting started at 12:30 sharp.");
  ExpectNone("Room 1999 is on the top floor.");
}

TEST(DateExtractorTest, UnresolvableWithoutPublicationTime) {
  std::vector<DateMention> d =
      Dates("On Sunday the cabinet met, as it did last May.", std::nullopt);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].text, "Sunday");
  EXPECT_FALSE(d[0].resolved);
  EXPECT_TRUE(d[0].value.empty());
  EXPECT_TRUE(d[0].relative);
  EXPECT_EQ(d[1].text, "last May");
  EXPECT_FALSE(d[1].resolved);
}

TEST(DateExtractorTest, AbsurdPublicationTimeIsTreatedAsUnknown) {
  DateMention d = One("The cabinet met on Sunday.", std::numeric_limits<int64_t>::max());
  EXPECT_FALSE(d.resolved);
  EXPECT_EQ(One("The cabinet met on Sunday.", std::numeric_limits<int64_t>::min()).value, "");
}

TEST(DateExtractorTest, ResolutionUsesUtcCalendarDay) {
  // 2015-01-04 23:30 UTC is a Sunday: "today" is the 4th.
  EXPECT_EQ(One("The vote is today.", 1420414200000).value, "2015-01-04");
}

TEST(DateExtractorTest, InvalidCalendarDatesAreRejected) {
  ExpectNone("It ended on February 30, 2015 somehow.");
  EXPECT_EQ(One("Leap day fell on February 29, 2016.").value, "2016-02-29");
}

TEST(DateExtractorTest, OffsetsAreBytesInUtf8Text) {
  const std::string text = "Le caf\u00e9 \u2014 \u05e9\u05dc\u05d5\u05dd \u2014 opened on Sunday.";
  DateMention d = One(text);
  EXPECT_EQ(d.text, "Sunday");
  EXPECT_EQ(d.begin, text.find("Sunday"));
}

TEST(DateExtractorTest, MonthGluedToOtherScriptIsNotAMonth) {
  ExpectNone("in \u00e9May 2014 and in May\u00e9 2014");
}

TEST(DateExtractorTest, OtherScriptsAndInvalidBytesDoNotCrash) {
  Dates("\u4eca\u5929\u662f\u661f\u671f\u65e5 \u0627\u0644\u064a\u0648\u0645 \U0001F600");
  Dates(std::string("in \xff\xfe July \xc3", 12));
  Dates("");
}

TEST(DateExtractorTest, AdversarialInputIsLinear) {
  const size_t kSize = 4 << 20;
  std::vector<std::string> inputs = {std::string(kSize, '7'), std::string(kSize, '$')};
  std::string months;
  while (months.size() < kSize) months += "in May June July Sunday Jan. 4-5 2014-01-";
  inputs.push_back(months);
  std::string dashes;
  while (dashes.size() < kSize) dashes += "1/";
  inputs.push_back(dashes);
  for (const std::string& in : inputs) {
    const auto start = std::chrono::steady_clock::now();
    Dates(in);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    // A hang guard, not a speed test (speed: docs/TAGGING.md): linear work on
    // 4 MiB takes well under a second even under sanitizers.
    EXPECT_LT(ms, 30000) << in.substr(0, 20);
  }
}

TEST(DateExtractorTest, ResolutionNames) {
  EXPECT_EQ(DateResolutionName(DateResolution::kDay), "day");
  EXPECT_EQ(DateResolutionName(DateResolution::kWeek), "week");
  EXPECT_EQ(DateResolutionName(DateResolution::kMonth), "month");
  EXPECT_EQ(DateResolutionName(DateResolution::kYear), "year");
}

}  // namespace
}  // namespace newsflow
