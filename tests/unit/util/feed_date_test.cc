#include "util/feed_date.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace newsflow {
namespace {

// Expected values were computed independently with Python's datetime module,
// e.g. int(datetime(2024, 3, 5, 14, 30, tzinfo=timezone.utc).timestamp() * 1000).
constexpr int64_t k20240305T1430Z = 1709649000000;
constexpr int64_t k20240305Midnight = 1709596800000;
constexpr int64_t kHour = 3600000;

TEST(ParseFeedDateTest, AcceptsRfc3339Utc) {
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:00Z"), k20240305T1430Z);
}

TEST(ParseFeedDateTest, AcceptsLowerCaseSeparatorAndZone) {
  EXPECT_EQ(ParseFeedDate("2024-03-05t14:30:00z"), k20240305T1430Z);
}

TEST(ParseFeedDateTest, AcceptsSpaceInsteadOfT) {
  EXPECT_EQ(ParseFeedDate("2024-03-05 14:30:00Z"), k20240305T1430Z);
}

TEST(ParseFeedDateTest, AppliesNumericOffsetsInAllSpellings) {
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:00+02:00"), 1709641800000);
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:00+0200"), 1709641800000);
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:00+02"), 1709641800000);
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:00-05:00"), 1709667000000);
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:00+05:30"), 1709629200000);
}

TEST(ParseFeedDateTest, KeepsMillisecondsAndTruncatesFinerFractions) {
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:00.123Z"), k20240305T1430Z + 123);
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:00.1Z"), k20240305T1430Z + 100);
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:00.123999999Z"), k20240305T1430Z + 123);
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:00,5Z"), k20240305T1430Z + 500);
}

TEST(ParseFeedDateTest, TreatsDateTimeWithoutZoneAsUtc) {
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:00"), k20240305T1430Z);
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30"), k20240305T1430Z);
}

TEST(ParseFeedDateTest, AcceptsZoneNameAfterIsoTime) {
  EXPECT_EQ(ParseFeedDate("2024-03-05 14:30:00 UTC"), k20240305T1430Z);
}

TEST(ParseFeedDateTest, DateOnlyIsMidnightUtc) {
  EXPECT_EQ(ParseFeedDate("2024-03-05"), k20240305Midnight);
}

TEST(ParseFeedDateTest, IgnoresSurroundingWhitespace) {
  EXPECT_EQ(ParseFeedDate("  2024-03-05T14:30:00Z\n"), k20240305T1430Z);
}

TEST(ParseFeedDateTest, AcceptsRfc1123WithGmt) {
  EXPECT_EQ(ParseFeedDate("Tue, 05 Mar 2024 14:30:00 GMT"), k20240305T1430Z);
}

TEST(ParseFeedDateTest, AcceptsRfc2822NumericZones) {
  EXPECT_EQ(ParseFeedDate("Tue, 05 Mar 2024 14:30:00 +0000"), k20240305T1430Z);
  EXPECT_EQ(ParseFeedDate("Tue, 05 Mar 2024 14:30:00 -0500"), k20240305T1430Z + 5 * kHour);
}

TEST(ParseFeedDateTest, AcceptsEveryRfc822ZoneName) {
  const struct {
    const char* zone;
    int hours_west;
  } kZones[] = {{"UT", 0},  {"UTC", 0}, {"GMT", 0}, {"Z", 0},   {"EST", 5}, {"EDT", 4},
                {"CST", 6}, {"CDT", 5}, {"MST", 7}, {"MDT", 6}, {"PST", 8}, {"PDT", 7}};
  for (const auto& zone : kZones) {
    const std::string text = std::string("Tue, 05 Mar 2024 14:30:00 ") + zone.zone;
    EXPECT_EQ(ParseFeedDate(text), k20240305T1430Z + zone.hours_west * kHour) << text;
  }
}

TEST(ParseFeedDateTest, WeekdayIsOptionalAndNotChecked) {
  EXPECT_EQ(ParseFeedDate("05 Mar 2024 14:30:00 GMT"), k20240305T1430Z);
  // 2024-03-05 is a Tuesday; feeds often get this wrong, so it is ignored.
  EXPECT_EQ(ParseFeedDate("Fri, 05 Mar 2024 14:30:00 GMT"), k20240305T1430Z);
}

TEST(ParseFeedDateTest, AcceptsRfc2822WithoutSecondsOrZone) {
  EXPECT_EQ(ParseFeedDate("05 Mar 2024 14:30"), k20240305T1430Z);
  EXPECT_EQ(ParseFeedDate("5 March 2024"), k20240305Midnight);
}

TEST(ParseFeedDateTest, MapsTwoAndThreeDigitYearsPerRfc2822) {
  EXPECT_EQ(ParseFeedDate("Fri, 05 Mar 99 14:30:00 GMT"), 920644200000);  // 1999
  EXPECT_EQ(ParseFeedDate("05 Mar 49 14:30:00 GMT"), 2498567400000);      // 2049
  EXPECT_EQ(ParseFeedDate("05 Mar 50 14:30:00 GMT"), -625656600000);      // 1950
  EXPECT_EQ(ParseFeedDate("05 Mar 124 14:30:00 GMT"), k20240305T1430Z);   // 1900 + 124
}

TEST(ParseFeedDateTest, AcceptsMonthFirstDates) {
  EXPECT_EQ(ParseFeedDate("March 5, 2024"), k20240305Midnight);
  EXPECT_EQ(ParseFeedDate("Mar 5, 2024 2:30 PM"), k20240305T1430Z);
  EXPECT_EQ(ParseFeedDate("Tuesday, March 5, 2024 2:30 pm"), k20240305T1430Z);
  EXPECT_EQ(ParseFeedDate("Mar. 5, 2024 at 2:30 PM EST"), k20240305T1430Z + 5 * kHour);
  EXPECT_EQ(ParseFeedDate("March 5th, 2024"), k20240305Midnight);
}

TEST(ParseFeedDateTest, HandlesTwelveOClockMeridiem) {
  EXPECT_EQ(ParseFeedDate("Mar 5, 2024 12:15 AM"), 1709597700000);
  EXPECT_EQ(ParseFeedDate("Mar 5, 2024 12:15 PM"), 1709640900000);
  EXPECT_EQ(ParseFeedDate("Mar 5, 2024 13:15 PM"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("Mar 5, 2024 0:15 AM"), std::nullopt);
}

TEST(ParseFeedDateTest, AcceptsEpochSecondsAndMillisecondsAsDigits) {
  EXPECT_EQ(ParseFeedDate("1709649000"), k20240305T1430Z);
  EXPECT_EQ(ParseFeedDate("1709649000123"), k20240305T1430Z + 123);
  EXPECT_EQ(ParseFeedDate("1709649000.5"), k20240305T1430Z + 500);
  EXPECT_EQ(ParseFeedDate("0"), 0);
  EXPECT_EQ(ParseFeedDate("-86400"), -86400000);
}

TEST(ParseFeedDateTest, SwitchesToMillisecondsAtOneHundredBillion) {
  EXPECT_EQ(ParseFeedDate("99999999999"), 99999999999000);  // seconds, year 5138
  EXPECT_EQ(ParseFeedDate("100000000000"), 100000000000);   // milliseconds, 1973
}

TEST(ParseFeedDateTest, RejectsOutOfRangeFields) {
  EXPECT_EQ(ParseFeedDate("2024-13-05T14:30:00Z"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("2024-00-05"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("2024-02-30"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("2023-02-29"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("2024-03-00"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("2024-03-05T25:00:00Z"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("2024-03-05T24:00:00Z"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:60:00Z"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:61Z"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:00+24:00"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("30 Feb 2024 10:00:00 GMT"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("05 Mar 2024 25:00:00 GMT"), std::nullopt);
}

TEST(ParseFeedDateTest, AcceptsLeapDayAndLeapSecond) {
  EXPECT_EQ(ParseFeedDate("2024-02-29"), 1709164800000);
  EXPECT_EQ(ParseFeedDate("2016-12-31T23:59:60Z"), 1483228800000);
}

TEST(ParseFeedDateTest, RejectsGarbageAndTrailingText) {
  EXPECT_EQ(ParseFeedDate(""), std::nullopt);
  EXPECT_EQ(ParseFeedDate("   "), std::nullopt);
  EXPECT_EQ(ParseFeedDate("yesterday"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:00Z trailing"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:00 XYZ"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("2024-3-5"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("2024-03-05T1430"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("Foo, 05 Mar 2024 14:30:00 GMT"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("05 Foo 2024"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("1.2.3"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("12-"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("2024-03-05T14:30:00."), std::nullopt);
}

TEST(ParseFeedDateTest, RejectsEpochValuesOutsideTheSupportedRange) {
  EXPECT_EQ(ParseFeedDate("999999999999999999"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("1234567890123456789012"), std::nullopt);
  EXPECT_EQ(ParseFeedDate("-99999999999"), std::nullopt);
}

TEST(ParseFeedDateTest, CoversTheWholeFourDigitYearRange) {
  EXPECT_EQ(ParseFeedDate("0000-01-01T00:00:00Z"), kMinFeedDateMs);
  EXPECT_EQ(ParseFeedDate("9999-12-31T23:59:59.999Z"), kMaxFeedDateMs);
  EXPECT_EQ(ParseFeedDate("0001-01-01"), -62135596800000);
  // An offset pushing the instant past the range is rejected.
  EXPECT_EQ(ParseFeedDate("0000-01-01T00:00:00+01:00"), std::nullopt);
}

TEST(EpochNumberToMsTest, ConvertsSecondsAndMilliseconds) {
  EXPECT_EQ(EpochNumberToMs(1709649000), k20240305T1430Z);
  EXPECT_EQ(EpochNumberToMs(1709649000.25), k20240305T1430Z + 250);
  EXPECT_EQ(EpochNumberToMs(1709649000123.0), k20240305T1430Z + 123);
  EXPECT_EQ(EpochNumberToMs(-1.5), -1500);
}

TEST(EpochNumberToMsTest, RejectsNonFiniteAndHugeValues) {
  EXPECT_EQ(EpochNumberToMs(std::numeric_limits<double>::infinity()), std::nullopt);
  EXPECT_EQ(EpochNumberToMs(std::numeric_limits<double>::quiet_NaN()), std::nullopt);
  EXPECT_EQ(EpochNumberToMs(1e300), std::nullopt);
}

TEST(FormatRfc3339UtcTest, OmitsZeroMilliseconds) {
  EXPECT_EQ(FormatRfc3339Utc(k20240305T1430Z), "2024-03-05T14:30:00Z");
  EXPECT_EQ(FormatRfc3339Utc(0), "1970-01-01T00:00:00Z");
}

TEST(FormatRfc3339UtcTest, PrintsNonZeroMillisecondsWithThreeDigits) {
  EXPECT_EQ(FormatRfc3339Utc(k20240305T1430Z + 123), "2024-03-05T14:30:00.123Z");
  EXPECT_EQ(FormatRfc3339Utc(k20240305T1430Z + 5), "2024-03-05T14:30:00.005Z");
}

TEST(FormatRfc3339UtcTest, HandlesInstantsBefore1970) {
  EXPECT_EQ(FormatRfc3339Utc(-500), "1969-12-31T23:59:59.500Z");
  EXPECT_EQ(FormatRfc3339Utc(-2208988800000), "1900-01-01T00:00:00Z");
}

TEST(FormatRfc3339UtcTest, ClampsToTheFourDigitYearRange) {
  EXPECT_EQ(FormatRfc3339Utc(kMinFeedDateMs), "0000-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339Utc(kMaxFeedDateMs), "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatRfc3339Utc(INT64_MIN), "0000-01-01T00:00:00Z");
  EXPECT_EQ(FormatRfc3339Utc(INT64_MAX), "9999-12-31T23:59:59.999Z");
}

TEST(FormatRfc3339UtcTest, RoundTripsThroughParseFeedDate) {
  for (int64_t ms : {int64_t{0}, k20240305T1430Z, k20240305T1430Z + 7, int64_t{-123456789},
                     kMinFeedDateMs, kMaxFeedDateMs}) {
    EXPECT_EQ(ParseFeedDate(FormatRfc3339Utc(ms)), ms) << ms;
  }
}

}  // namespace
}  // namespace newsflow
