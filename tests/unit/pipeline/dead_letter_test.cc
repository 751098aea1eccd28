#include "pipeline/dead_letter.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <set>
#include <string>
#include <vector>

#include "newsflow/reason.h"
#include "pipeline/record_headers.h"
#include "tests/unit/json_test_util.h"
#include "util/feed_date.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

using test_json::Keys;
using test_json::Str;

constexpr int64_t kNowMs = 1749283750500;         // 2025-06-07T08:09:10.500Z
constexpr int64_t kRecordTimeMs = 1704164645000;  // 2024-01-02T03:04:05Z

// All bytes of a literal, embedded NULs included.
template <size_t N>
std::string Bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

RawRecord SampleRaw() {
  RawRecord raw;
  raw.key = Bytes("key\0bin\xFF");
  raw.value = Bytes("{\"id\":1,\0\xFF\xFE not json");
  raw.headers = {{"trace-id", "abc"}, {"dup", "1"}, {"dup", Bytes("\0\xFF")}};
  raw.provenance = {"articles.raw", 7, 123456789012, kRecordTimeMs};
  return raw;
}

TEST(ReasonNameTest, EveryReasonHasItsStableName) {
  EXPECT_EQ(ReasonName(Reason::kNone), "none");
  EXPECT_EQ(ReasonName(Reason::kMalformedJson), "malformed_json");
  EXPECT_EQ(ReasonName(Reason::kNotAnObject), "not_an_object");
  EXPECT_EQ(ReasonName(Reason::kTooLarge), "too_large");
  EXPECT_EQ(ReasonName(Reason::kTooDeep), "too_deep");
  EXPECT_EQ(ReasonName(Reason::kInvalidUtf8), "invalid_utf8");
  EXPECT_EQ(ReasonName(Reason::kInvalidField), "invalid_field");
  EXPECT_EQ(ReasonName(Reason::kMissingBody), "missing_body");
  EXPECT_EQ(ReasonName(Reason::kEmptyText), "empty_text");
  EXPECT_EQ(ReasonName(Reason::kStageError), "stage_error");
  EXPECT_EQ(ReasonName(Reason::kProduceFailed), "produce_failed");
}

TEST(ReasonNameTest, NamesAreDistinct) {
  std::set<std::string_view> names;
  for (Reason reason : kAllReasons) names.insert(ReasonName(reason));
  names.insert(ReasonName(Reason::kNone));
  EXPECT_EQ(names.size(), std::size(kAllReasons) + 1);
}

TEST(ProvenanceHeadersTest, TopicPartitionOffsetInOrder) {
  const std::vector<Header> headers = ProvenanceHeaders({"in", 7, 123456789012, 5});
  ASSERT_EQ(headers.size(), 3u);
  EXPECT_EQ(headers[0], Header("newsflow.source.topic", "in"));
  EXPECT_EQ(headers[1], Header("newsflow.source.partition", "7"));
  EXPECT_EQ(headers[2], Header("newsflow.source.offset", "123456789012"));
}

TEST(ProvenanceHeadersTest, UnknownPartitionAndOffsetAreWrittenAsGiven) {
  const std::vector<Header> headers = ProvenanceHeaders({});
  EXPECT_EQ(headers[0].second, "");
  EXPECT_EQ(headers[1].second, "-1");
  EXPECT_EQ(headers[2].second, "-1");
}

TEST(MakeDeadLetterTest, OriginalRecordIsKeptByteForByte) {
  const RawRecord raw = SampleRaw();
  const OutboundMessage dl = MakeDeadLetter(raw, Reason::kMalformedJson, "bad", "parse", kNowMs);
  EXPECT_EQ(dl.destination, Destination::kDeadLetter);
  ASSERT_TRUE(dl.key.has_value());
  EXPECT_EQ(*dl.key, *raw.key);
  EXPECT_EQ(dl.value, raw.value);
  ASSERT_GE(dl.headers.size(), raw.headers.size());
  for (size_t i = 0; i < raw.headers.size(); ++i) {
    EXPECT_EQ(dl.headers[i], raw.headers[i]) << i;
  }
}

TEST(MakeDeadLetterTest, NullKeyStaysNull) {
  RawRecord raw = SampleRaw();
  raw.key.reset();
  EXPECT_FALSE(MakeDeadLetter(raw, Reason::kTooLarge, "", "parse", kNowMs).key.has_value());
  raw.key = "";
  const OutboundMessage empty_key = MakeDeadLetter(raw, Reason::kTooLarge, "", "parse", kNowMs);
  ASSERT_TRUE(empty_key.key.has_value());
  EXPECT_EQ(*empty_key.key, "");
}

TEST(MakeDeadLetterTest, ErrorAndSourceHeadersFollowTheOriginalsInOrder) {
  const RawRecord raw = SampleRaw();
  const OutboundMessage dl =
      MakeDeadLetter(raw, Reason::kMissingBody, "no body or html", "parse", kNowMs);
  ASSERT_EQ(dl.headers.size(), raw.headers.size() + 7);
  const size_t n = raw.headers.size();
  EXPECT_EQ(dl.headers[n + 0], Header("newsflow.error.reason", "missing_body"));
  EXPECT_EQ(dl.headers[n + 1], Header("newsflow.error.message", "no body or html"));
  EXPECT_EQ(dl.headers[n + 2], Header("newsflow.error.stage", "parse"));
  EXPECT_EQ(dl.headers[n + 3], Header("newsflow.source.topic", "articles.raw"));
  EXPECT_EQ(dl.headers[n + 4], Header("newsflow.source.partition", "7"));
  EXPECT_EQ(dl.headers[n + 5], Header("newsflow.source.offset", "123456789012"));
  EXPECT_EQ(dl.headers[n + 6], Header("newsflow.error.time", "2025-06-07T08:09:10.500Z"));
  EXPECT_EQ(dl.headers[n + 6].second, FormatRfc3339Utc(kNowMs));
}

TEST(MakeDeadLetterTest, HeaderNameConstantsMatchTheContract) {
  EXPECT_EQ(kHeaderSourceTopic, "newsflow.source.topic");
  EXPECT_EQ(kHeaderSourcePartition, "newsflow.source.partition");
  EXPECT_EQ(kHeaderSourceOffset, "newsflow.source.offset");
  EXPECT_EQ(kHeaderErrorReason, "newsflow.error.reason");
  EXPECT_EQ(kHeaderErrorMessage, "newsflow.error.message");
  EXPECT_EQ(kHeaderErrorStage, "newsflow.error.stage");
  EXPECT_EQ(kHeaderErrorTime, "newsflow.error.time");
}

TEST(MakeDeadLetterTest, ReasonHeaderCarriesEveryReasonName) {
  for (Reason reason : kAllReasons) {
    const OutboundMessage dl = MakeDeadLetter(SampleRaw(), reason, "m", "s", kNowMs);
    EXPECT_EQ(dl.headers[3].second, ReasonName(reason));
  }
}

TEST(MakeDeadLetterTest, TimestampIsTheOriginalOneWhenKnown) {
  RawRecord raw = SampleRaw();
  EXPECT_EQ(MakeDeadLetter(raw, Reason::kTooDeep, "", "parse", kNowMs).timestamp_ms, kRecordTimeMs);
  raw.provenance.timestamp_ms = 0;
  EXPECT_EQ(MakeDeadLetter(raw, Reason::kTooDeep, "", "parse", kNowMs).timestamp_ms, 0);
  raw.provenance.timestamp_ms = -1;
  EXPECT_EQ(MakeDeadLetter(raw, Reason::kTooDeep, "", "parse", kNowMs).timestamp_ms, kNowMs);
}

TEST(MakeDeadLetterTest, LongMessageIsCutAtACharacterBoundary) {
  std::string message;
  for (int i = 0; i < 1000; ++i) message += "\xC3\xA9";  // 2000 bytes of é
  const OutboundMessage dl = MakeDeadLetter(SampleRaw(), Reason::kStageError, message, "x", kNowMs);
  const std::string& header = dl.headers[4].second;
  ASSERT_EQ(dl.headers[4].first, "newsflow.error.message");
  EXPECT_LE(header.size(), kMaxErrorMessageBytes);
  EXPECT_GE(header.size(), kMaxErrorMessageBytes - 4);
  EXPECT_TRUE(IsValidUtf8(header));
  EXPECT_EQ(header.substr(header.size() - 3), "\xE2\x80\xA6");
  EXPECT_EQ(header.substr(0, 4), "\xC3\xA9\xC3\xA9");
}

TEST(MakeDeadLetterTest, MessageOfExactlyTheLimitIsKept) {
  const std::string message(kMaxErrorMessageBytes, 'm');
  const OutboundMessage dl = MakeDeadLetter(SampleRaw(), Reason::kStageError, message, "x", kNowMs);
  EXPECT_EQ(dl.headers[4].second, message);
  const OutboundMessage longer =
      MakeDeadLetter(SampleRaw(), Reason::kStageError, message + "m", "x", kNowMs);
  EXPECT_EQ(longer.headers[4].second.size(), kMaxErrorMessageBytes);
}

TEST(MakeDeadLetterTest, InvalidUtf8InMessageAndStageIsRepaired) {
  const OutboundMessage dl = MakeDeadLetter(SampleRaw(), Reason::kInvalidUtf8, "bad \xFF byte",
                                            "st\xC0"
                                            "age",
                                            kNowMs);
  EXPECT_EQ(dl.headers[4].second, "bad \xEF\xBF\xBD byte");
  EXPECT_TRUE(IsValidUtf8(dl.headers[5].second));
  EXPECT_NE(dl.headers[5].second.find("st"), std::string::npos);
}

class DeadLetterJsonLineTest : public ::testing::Test {
 protected:
  simdjson::dom::element Parse(const std::string& line) {
    simdjson::dom::element doc;
    EXPECT_EQ(parser_.parse(line).get(doc), simdjson::SUCCESS) << line;
    return doc;
  }

  simdjson::dom::parser parser_;
};

TEST_F(DeadLetterJsonLineTest, DescribesTheFailureAndKeepsTheTextualRecord) {
  RawRecord raw = SampleRaw();
  raw.key = "k1";
  raw.value = "not json at all \"quoted\"\n";
  const std::string line = DeadLetterJsonLine(
      MakeDeadLetter(raw, Reason::kMalformedJson, "unexpected token", "parse", kNowMs));
  EXPECT_EQ(line.find('\n'), std::string::npos) << "one line";
  const simdjson::dom::element doc = Parse(line);
  EXPECT_EQ(Keys(doc), (std::vector<std::string>{"reason", "message", "stage", "source", "time",
                                                 "key", "value"}));
  EXPECT_EQ(Str(doc["reason"]), "malformed_json");
  EXPECT_EQ(Str(doc["message"]), "unexpected token");
  EXPECT_EQ(Str(doc["stage"]), "parse");
  EXPECT_EQ(Keys(doc["source"]), (std::vector<std::string>{"topic", "partition", "offset"}));
  EXPECT_EQ(Str(doc["source"]["topic"]), "articles.raw");
  EXPECT_EQ(int64_t(doc["source"]["partition"]), 7);
  EXPECT_EQ(int64_t(doc["source"]["offset"]), 123456789012);
  EXPECT_EQ(Str(doc["time"]), FormatRfc3339Utc(kNowMs));
  EXPECT_EQ(Str(doc["key"]), "k1");
  EXPECT_EQ(Str(doc["value"]), raw.value);
}

TEST_F(DeadLetterJsonLineTest, NullKeyIsJsonNull) {
  RawRecord raw = SampleRaw();
  raw.key.reset();
  raw.value = "v";
  const simdjson::dom::element doc =
      Parse(DeadLetterJsonLine(MakeDeadLetter(raw, Reason::kTooLarge, "", "parse", kNowMs)));
  EXPECT_TRUE(doc["key"].is_null());
}

TEST_F(DeadLetterJsonLineTest, BinaryKeyAndValueAreBase64) {
  RawRecord raw = SampleRaw();
  raw.key = Bytes("\xFF\x00\x01");
  raw.value = "\xC3\x28 bad";  // invalid 2-byte sequence
  const std::string line =
      DeadLetterJsonLine(MakeDeadLetter(raw, Reason::kInvalidUtf8, "m", "parse", kNowMs));
  const simdjson::dom::element doc = Parse(line);
  EXPECT_EQ(Keys(doc), (std::vector<std::string>{"reason", "message", "stage", "source", "time",
                                                 "key_base64", "value_base64"}));
  EXPECT_EQ(Str(doc["key_base64"]), "/wAB");
  EXPECT_EQ(Str(doc["value_base64"]), "wyggYmFk");
}

TEST_F(DeadLetterJsonLineTest, Base64PadsEveryRemainder) {
  const std::pair<std::string, std::string> cases[] = {
      {"\xFF", "/w=="}, {"\xFF\xFE", "//4="}, {"\xFF\xFE\xFD", "//79"}, {"\xFFMan", "/01hbg=="}};
  for (const auto& [bytes, expected] : cases) {
    OutboundMessage dl;
    dl.value = bytes;
    EXPECT_EQ(Str(Parse(DeadLetterJsonLine(dl))["value_base64"]), expected);
  }
}

TEST_F(DeadLetterJsonLineTest, EmptyValueIsAnEmptyString) {
  OutboundMessage dl;
  const simdjson::dom::element doc = Parse(DeadLetterJsonLine(dl));
  EXPECT_EQ(Str(doc["value"]), "");
}

TEST_F(DeadLetterJsonLineTest, MissingHeadersGiveNulls) {
  OutboundMessage dl;
  dl.key = "k";
  dl.value = "v";
  const simdjson::dom::element doc = Parse(DeadLetterJsonLine(dl));
  for (const char* key : {"reason", "message", "stage", "time"}) {
    EXPECT_TRUE(doc[key].is_null()) << key;
  }
  for (const char* key : {"topic", "partition", "offset"}) {
    EXPECT_TRUE(doc["source"][key].is_null()) << key;
  }
}

TEST_F(DeadLetterJsonLineTest, NewestHeadersWinOverOnesCarriedInTheOriginal) {
  RawRecord raw = SampleRaw();
  raw.headers = {{"newsflow.error.reason", "too_large"},
                 {"newsflow.source.partition", "99"},
                 {"newsflow.source.offset", "5"}};
  const simdjson::dom::element doc = Parse(
      DeadLetterJsonLine(MakeDeadLetter(raw, Reason::kEmptyText, "m", "normalize_text", kNowMs)));
  EXPECT_EQ(Str(doc["reason"]), "empty_text");
  EXPECT_EQ(int64_t(doc["source"]["partition"]), 7);
  EXPECT_EQ(int64_t(doc["source"]["offset"]), 123456789012);
}

TEST_F(DeadLetterJsonLineTest, UnparsableNumbersAndInvalidHeaderTextAreSafe) {
  OutboundMessage dl;
  dl.headers = {{"newsflow.source.partition", "7x"},
                {"newsflow.source.offset", ""},
                {"newsflow.error.message", "bad \xFF"}};
  const simdjson::dom::element doc = Parse(DeadLetterJsonLine(dl));
  EXPECT_TRUE(doc["source"]["partition"].is_null());
  EXPECT_TRUE(doc["source"]["offset"].is_null());
  EXPECT_EQ(Str(doc["message"]), "bad \xEF\xBF\xBD");
}

}  // namespace
}  // namespace newsflow
