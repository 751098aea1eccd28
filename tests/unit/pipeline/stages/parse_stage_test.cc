#include "pipeline/stages/parse_stage.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "util/stable_id.h"

namespace newsflow {
namespace {

struct Parsed {
  StageResult result;
  Article article;
};

Parsed ParseWith(const Config& config, std::string_view raw) {
  ParseStage stage(config);
  Parsed parsed;
  parsed.article.raw.value.assign(raw);
  parsed.result = stage.Process(parsed.article);
  return parsed;
}

Parsed Parse(std::string_view raw) { return ParseWith(Config{}, raw); }

Config WithDepth(int depth) {
  Config config;
  config.limits.max_json_depth = depth;
  return config;
}

void ExpectDeadLetter(const Parsed& parsed, Reason reason, std::string_view message_part = {}) {
  EXPECT_EQ(parsed.result.outcome, Outcome::kDeadLetter);
  EXPECT_EQ(parsed.result.reason, reason) << "message: " << parsed.result.message;
  EXPECT_FALSE(parsed.result.message.empty());
  if (!message_part.empty()) {
    EXPECT_NE(parsed.result.message.find(message_part), std::string::npos)
        << "message: " << parsed.result.message;
  }
}

void ExpectPass(const Parsed& parsed) {
  EXPECT_EQ(parsed.result.outcome, Outcome::kPass) << "message: " << parsed.result.message;
  EXPECT_EQ(parsed.result.reason, Reason::kNone);
}

const Repair* FindRepair(const Article& article, std::string_view kind) {
  for (const Repair& repair : article.repairs) {
    if (repair.kind == kind) return &repair;
  }
  return nullptr;
}

// ---------------------------------------------------------------- basics

TEST(ParseStageTest, IsNamedParse) {
  ParseStage stage{Config{}};
  EXPECT_EQ(stage.Name(), "parse");
}

TEST(ParseStageTest, FactoryBuildsAParseStage) {
  Config config;
  const StageContext context{config};
  std::unique_ptr<Stage> stage = MakeParseStage(context);
  ASSERT_NE(stage, nullptr);
  EXPECT_EQ(stage->Name(), "parse");
  Article article;
  article.raw.value = R"({"body":"x"})";
  EXPECT_EQ(stage->Process(article).outcome, Outcome::kPass);
}

TEST(ParseStageTest, FillsEveryKnownField) {
  const Parsed parsed = Parse(R"({
    "id": "a-1", "url": "https://example.com/a", "source": "Example News",
    "title": "Title", "published_at": "2024-03-05T14:30:00Z", "language": "en",
    "body": "Body text.", "html": "<p>Body text.</p>"
  })");
  ExpectPass(parsed);
  const Article& a = parsed.article;
  EXPECT_EQ(a.id, "a-1");
  EXPECT_EQ(a.id_source, "input");
  EXPECT_EQ(a.url, "https://example.com/a");
  EXPECT_EQ(a.source, "Example News");
  EXPECT_EQ(a.title, "Title");
  EXPECT_EQ(a.published_at_raw, "2024-03-05T14:30:00Z");
  EXPECT_EQ(a.published_at_ms, 1709649000000);
  EXPECT_EQ(a.language_hint, "en");
  EXPECT_EQ(a.body, "Body text.");
  EXPECT_EQ(a.html, "<p>Body text.</p>");
  EXPECT_TRUE(a.extra.empty());
  EXPECT_TRUE(a.repairs.empty());
}

TEST(ParseStageTest, NeverModifiesTheRawValue) {
  const std::string raw =
      "{\"body\":\"caf\xC3\xA9 \xFF\",\"pad\":\"" + std::string(200, 'x') + "\"}";
  const Parsed parsed = Parse(raw);
  ExpectPass(parsed);
  EXPECT_EQ(parsed.article.raw.value, raw);
}

TEST(ParseStageTest, UnescapesStringsIncludingSurrogatePairs) {
  const Parsed parsed =
      Parse(R"({"title":"a\"b\\c\/d\n\t\u00e9\u20ac\ud83d\ude00","body":"x\u0000y"})");
  ExpectPass(parsed);
  EXPECT_EQ(parsed.article.title, "a\"b\\c/d\n\t\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  EXPECT_EQ(parsed.article.body, std::string("x\0y", 3));
}

TEST(ParseStageTest, MatchesKnownKeysAfterUnescaping) {
  const Parsed parsed = Parse(R"({"\u0062ody":"text","Title":"kept as extra"})");
  ExpectPass(parsed);
  EXPECT_EQ(parsed.article.body, "text");
  EXPECT_EQ(parsed.article.title, "");  // keys are case-sensitive
  ASSERT_EQ(parsed.article.extra.size(), 1u);
  EXPECT_EQ(parsed.article.extra[0].name, "Title");
}

TEST(ParseStageTest, ResetsFieldsWhenAnArticleIsProcessedTwice) {
  ParseStage stage{Config{}};
  Article article;
  article.raw.value = R"({"id":"1","title":"t","body":"b","x":1,"published_at":0})";
  ExpectPass({stage.Process(article), article});
  article.raw.value = R"({"body":"other"})";
  ExpectPass({stage.Process(article), article});
  EXPECT_EQ(article.title, "");
  EXPECT_EQ(article.id_source, "content");
  EXPECT_TRUE(article.extra.empty());
  EXPECT_FALSE(article.published_at_ms.has_value());
  EXPECT_EQ(article.published_at_raw, "");
}

TEST(ParseStageTest, OneInstanceHandlesManyRecordsOfVaryingSize) {
  ParseStage stage{Config{}};
  for (size_t size : {10u, 100000u, 5u, 300000u, 1u, 1000u}) {
    Article article;
    article.raw.value = "{\"body\":\"" + std::string(size, 'b') + "\"}";
    const StageResult result = stage.Process(article);
    EXPECT_EQ(result.outcome, Outcome::kPass) << size;
    EXPECT_EQ(article.body.size(), size);
  }
}

// ---------------------------------------------------------------- size

TEST(ParseStageTest, DeadLettersRecordsAboveTheSizeLimit) {
  Config config;
  config.limits.max_record_bytes = 20;
  const Parsed parsed = ParseWith(config, R"({"body":"0123456789ab"})");  // 23 bytes
  ExpectDeadLetter(parsed, Reason::kTooLarge, "23 bytes");
  EXPECT_NE(parsed.result.message.find("20"), std::string::npos);
}

TEST(ParseStageTest, AcceptsARecordExactlyAtTheSizeLimit) {
  Config config;
  config.limits.max_record_bytes = 23;
  ExpectPass(ParseWith(config, R"({"body":"0123456789ab"})"));
}

TEST(ParseStageTest, SizeIsCheckedBeforeAnythingElse) {
  Config config;
  config.limits.max_record_bytes = 4;
  ExpectDeadLetter(ParseWith(config, "\xFF\xFF\xFF not json"), Reason::kTooLarge);
}

// ---------------------------------------------------------------- UTF-8

TEST(ParseStageTest, RepairsAFewInvalidBytesAndNotesIt) {
  Config config;
  config.limits.max_invalid_utf8_ratio = 0.05;
  // 2 invalid bytes (one truncated sequence E2 82) in a 50+ byte record.
  const std::string raw =
      "{\"body\":\"price 5\xE2\x82 only\",\"title\":\"" + std::string(40, 't') + "\"}";
  const Parsed parsed = ParseWith(config, raw);
  ExpectPass(parsed);
  EXPECT_EQ(parsed.article.body, "price 5\xEF\xBF\xBD only");
  const Repair* repair = FindRepair(parsed.article, "invalid_utf8");
  ASSERT_NE(repair, nullptr);
  EXPECT_EQ(repair->before, "<2 invalid bytes>");
  EXPECT_EQ(repair->after, "U+FFFD");
}

TEST(ParseStageTest, DeadLettersRecordsWithTooManyInvalidBytes) {
  // Default ratio 1%: 1 invalid byte in ~20 is 5%.
  const Parsed parsed = Parse("{\"body\":\"abc\xFF\x64\"}");
  ExpectDeadLetter(parsed, Reason::kInvalidUtf8, "invalid UTF-8");
  EXPECT_TRUE(parsed.article.repairs.empty());
}

TEST(ParseStageTest, InvalidUtf8RatioEqualToTheLimitIsRepaired) {
  const std::string raw = "{\"body\":\"\xFF\"}";  // 1 invalid byte of 12
  Config config;
  config.limits.max_invalid_utf8_ratio = 1.0 / 12.0;
  ExpectPass(ParseWith(config, raw));
  config.limits.max_invalid_utf8_ratio = 1.0 / 12.0 - 1e-9;
  ExpectDeadLetter(ParseWith(config, raw), Reason::kInvalidUtf8);
}

TEST(ParseStageTest, RepairedBytesOutsideStringsMakeMalformedJson) {
  Config config;
  config.limits.max_invalid_utf8_ratio = 0.5;
  ExpectDeadLetter(ParseWith(config, "{\"body\":\"x\"\xFF}"), Reason::kMalformedJson);
}

// ---------------------------------------------------------------- syntax

TEST(ParseStageTest, DeadLettersMalformedJsonWithTheParserMessage) {
  for (const char* raw : {"", "   ", "{", "{\"body\":", "{\"body\":\"x\"", "{\"body\" \"x\"}",
                          "{\"body\":\"x\",}", "{,\"body\":\"x\"}", "{\"body\":\"x\" \"a\":1}",
                          "{\"body\":\"unterminated}", "{'body':'x'}", "{body:\"x\"}",
                          "{\"body\":\"x\"]", "not json at all", "{\"body\":\"x\"}}"}) {
    const Parsed parsed = Parse(raw);
    ExpectDeadLetter(parsed, Reason::kMalformedJson);
    EXPECT_EQ(parsed.article.id, "") << raw;
  }
}

TEST(ParseStageTest, MalformedMessageIncludesSimdjsonErrorText) {
  // simdjson: "Within strings, some characters must be escaped, ..."
  ExpectDeadLetter(Parse("{\"body\":\"tab\there\"}"), Reason::kMalformedJson, "escaped");
}

TEST(ParseStageTest, RejectsTrailingContentAfterTheObject) {
  ExpectDeadLetter(Parse(R"({"body":"x"} {"body":"y"})"), Reason::kMalformedJson);
  ExpectDeadLetter(Parse(R"({"body":"x"} 1)"), Reason::kMalformedJson);
  ExpectDeadLetter(Parse(R"({"body":"x"}})"), Reason::kMalformedJson);
  ExpectPass(Parse("  {\"body\":\"x\"}\r\n\t "));  // whitespace is fine
}

TEST(ParseStageTest, ValidatesUnknownValuesThatTheParserWouldSkip) {
  for (const char* raw :
       {R"({"body":"x","e":[1,,2]})", R"({"body":"x","e":tru})", R"({"body":"x","e":nulll})",
        R"({"body":"x","e":[1,2}})", R"({"body":"x","e":01})", R"({"body":"x","e":1.})",
        R"({"body":"x","e":-})", R"({"body":"x","e":{"a" 1}})", R"({"body":"x","e":{1:2}})",
        R"({"body":"x","e":"bad \q escape"})", R"({"body":"x","e":[1 2]})",
        R"({"e":{"k":[true,false,nul]},"body":"x"})"}) {
    ExpectDeadLetter(Parse(raw), Reason::kMalformedJson);
  }
}

TEST(ParseStageTest, RejectsLoneSurrogateEscapes) {
  ExpectDeadLetter(Parse(R"({"body":"x\ud800y"})"), Reason::kMalformedJson);
  ExpectDeadLetter(Parse(R"({"body":"x","e":"\udc00"})"), Reason::kMalformedJson);
}

TEST(ParseStageTest, MalformedJsonWinsOverAnEarlierInvalidField) {
  ExpectDeadLetter(Parse(R"({"title":5,"body":"x","e":[1,,2]})"), Reason::kMalformedJson);
  ExpectDeadLetter(Parse(R"({"body":"x","title":{"a":[1,,2]}})"), Reason::kMalformedJson);
}

// ---------------------------------------------------------------- depth

std::string Nested(int depth, std::string_view leaf = "1") {
  return std::string(depth, '[') + std::string(leaf) + std::string(depth, ']');
}

TEST(ParseStageTest, AcceptsNestingUpToTheDepthLimit) {
  // The root object is depth 1, so 7 arrays inside it reach depth 8.
  ExpectPass(ParseWith(WithDepth(8), "{\"body\":\"x\",\"e\":" + Nested(7) + "}"));
}

TEST(ParseStageTest, DeadLettersNestingBeyondTheDepthLimit) {
  ExpectDeadLetter(ParseWith(WithDepth(8), "{\"body\":\"x\",\"e\":" + Nested(8) + "}"),
                   Reason::kTooDeep, "max_json_depth");
  ExpectDeadLetter(ParseWith(WithDepth(3), R"({"body":"x","e":{"a":{"b":{}}}})"), Reason::kTooDeep);
}

TEST(ParseStageTest, DepthLimitAppliesInsideWronglyTypedKnownFields) {
  ExpectDeadLetter(ParseWith(WithDepth(4), "{\"body\":" + Nested(10) + "}"), Reason::kTooDeep);
}

// Unclosed and too deep: either reason is right, depending on which check
// sees the record first; what matters is a clean dead letter.
void ExpectTooDeepOrMalformed(const Parsed& parsed) {
  EXPECT_EQ(parsed.result.outcome, Outcome::kDeadLetter);
  EXPECT_TRUE(parsed.result.reason == Reason::kTooDeep ||
              parsed.result.reason == Reason::kMalformedJson)
      << parsed.result.message;
}

TEST(ParseStageTest, SurvivesOneHundredThousandOpenBrackets) {
  const std::string open(100000, '[');
  ExpectTooDeepOrMalformed(Parse(open));
  ExpectTooDeepOrMalformed(Parse("{\"body\":\"x\",\"e\":" + open));
  ExpectTooDeepOrMalformed(Parse("{\"body\":\"x\",\"e\":" + open + "}"));
  ExpectTooDeepOrMalformed(Parse(std::string(100000, '{')));
  ExpectDeadLetter(Parse(std::string(100000, ']')), Reason::kMalformedJson);
}

TEST(ParseStageTest, SurvivesOneHundredThousandBalancedLevels) {
  ExpectDeadLetter(Parse(Nested(100000)), Reason::kTooDeep);
  ExpectDeadLetter(Parse("{\"body\":\"x\",\"e\":" + Nested(100000) + "}"), Reason::kTooDeep);
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(100000, '}');
  ExpectDeadLetter(Parse(objects), Reason::kTooDeep);
}

TEST(ParseStageTest, WalksDeepDocumentsWithAHighLimitWithoutRecursion) {
  // A limit this high must not turn into native recursion.
  ExpectPass(ParseWith(WithDepth(200000), "{\"body\":\"x\",\"e\":" + Nested(100000) + "}"));
}

// ---------------------------------------------------------------- shape

TEST(ParseStageTest, DeadLettersValidJsonThatIsNotAnObject) {
  for (const char* raw : {"[]", "[{\"body\":\"x\"}]", "\"text\"", "42", "-1.5e3", "true", "false",
                          "null", " [1, 2] "}) {
    ExpectDeadLetter(Parse(raw), Reason::kNotAnObject, "expected an object");
  }
}

TEST(ParseStageTest, InvalidNonObjectDocumentsAreMalformedNotNonObjects) {
  for (const char* raw : {"[1,", "[1,,2]", "tru", "nul", "01", "\"abc", "1 2", "[1] 2",
                          "\"a\" \"b\"", "-", "[\"\\x\"]"}) {
    ExpectDeadLetter(Parse(raw), Reason::kMalformedJson);
  }
}

// ---------------------------------------------------------------- field types

TEST(ParseStageTest, DeadLettersWronglyTypedStringFieldsNamingTheField) {
  const struct {
    const char* raw;
    const char* field;
  } kCases[] = {
      {R"({"body":{"text":"x"}})", "\"body\""},
      {R"({"body":"x","title":42})", "\"title\""},
      {R"({"body":"x","url":["https://a"]})", "\"url\""},
      {R"({"body":"x","source":true})", "\"source\""},
      {R"({"body":"x","language":1})", "\"language\""},
      {R"({"body":"x","html":false})", "\"html\""},
      {R"({"body":"x","published_at":true})", "\"published_at\""},
      {R"({"body":"x","published_at":{}})", "\"published_at\""},
      {R"({"body":"x","id":1.5})", "\"id\""},
      {R"({"body":"x","id":1e3})", "\"id\""},
      {R"({"body":"x","id":[1]})", "\"id\""},
      {R"({"body":"x","id":false})", "\"id\""},
  };
  for (const auto& c : kCases) {
    ExpectDeadLetter(Parse(c.raw), Reason::kInvalidField, c.field);
  }
}

TEST(ParseStageTest, InvalidFieldWinsOverMissingBody) {
  ExpectDeadLetter(Parse(R"({"title":5})"), Reason::kInvalidField, "\"title\"");
}

TEST(ParseStageTest, NullCountsAsAbsent) {
  const Parsed parsed = Parse(
      R"({"id":null,"url":null,"source":null,"title":null,"published_at":null,
          "language":null,"body":"b","html":null})");
  ExpectPass(parsed);
  EXPECT_EQ(parsed.article.id_source, "content");
  EXPECT_EQ(parsed.article.title, "");
  EXPECT_EQ(parsed.article.published_at_raw, "");
  EXPECT_FALSE(parsed.article.published_at_ms.has_value());
  EXPECT_TRUE(parsed.article.repairs.empty());
}

TEST(ParseStageTest, IntegerIdBecomesItsDecimalText) {
  EXPECT_EQ(Parse(R"({"id":12345,"body":"x"})").article.id, "12345");
  EXPECT_EQ(Parse(R"({"id":-7,"body":"x"})").article.id, "-7");
  EXPECT_EQ(Parse(R"({"id":0,"body":"x"})").article.id, "0");
  const Parsed big = Parse(R"({"id":123456789012345678901234567890,"body":"x"})");
  ExpectPass(big);
  EXPECT_EQ(big.article.id, "123456789012345678901234567890");
  EXPECT_EQ(big.article.id_source, "input");
}

TEST(ParseStageTest, LastDuplicateKnownKeyWins) {
  const Parsed parsed = Parse(R"({"title":"first","body":"b1","title":"second","body":"b2"})");
  ExpectPass(parsed);
  EXPECT_EQ(parsed.article.title, "second");
  EXPECT_EQ(parsed.article.body, "b2");
  // A later null clears an earlier value.
  const Parsed cleared = Parse(R"({"title":"first","title":null,"body":"b"})");
  ExpectPass(cleared);
  EXPECT_EQ(cleared.article.title, "");
}

TEST(ParseStageTest, WrongTypeInAnyDuplicateIsAnInvalidField) {
  ExpectDeadLetter(Parse(R"({"title":1,"title":"fine","body":"b"})"), Reason::kInvalidField);
}

// ---------------------------------------------------------------- extra

TEST(ParseStageTest, PreservesUnknownFieldsAsRawJsonInOrder) {
  const Parsed parsed = Parse(R"({"tags" : ["a", "b"] , "body":"x", "score":-1.5e3,
      "flag":true, "none":null, "s":"q\"uote\u00e9", "obj":{"k" : {"n":[1, {}]}}  ,
      "big":123456789012345678901234567890, "huge":1e400})");
  ExpectPass(parsed);
  const std::vector<ExtraField>& extra = parsed.article.extra;
  ASSERT_EQ(extra.size(), 8u);
  EXPECT_EQ(extra[0].name, "tags");
  EXPECT_EQ(extra[0].json, R"(["a", "b"])");
  EXPECT_EQ(extra[1].name, "score");
  EXPECT_EQ(extra[1].json, "-1.5e3");
  EXPECT_EQ(extra[2].json, "true");
  EXPECT_EQ(extra[3].json, "null");
  EXPECT_EQ(extra[4].json, R"("q\"uote\u00e9")");
  EXPECT_EQ(extra[5].name, "obj");
  EXPECT_EQ(extra[5].json, R"({"k" : {"n":[1, {}]}})");
  EXPECT_EQ(extra[6].json, "123456789012345678901234567890");
  EXPECT_EQ(extra[7].json, "1e400");
}

TEST(ParseStageTest, UnescapesUnknownFieldNames) {
  const Parsed parsed = Parse(R"({"body":"x","caf\u00e9 \"q\"":1,"":2})");
  ExpectPass(parsed);
  ASSERT_EQ(parsed.article.extra.size(), 2u);
  EXPECT_EQ(parsed.article.extra[0].name, "caf\xC3\xA9 \"q\"");
  EXPECT_EQ(parsed.article.extra[1].name, "");
}

TEST(ParseStageTest, LastDuplicateUnknownKeyWins) {
  const Parsed parsed = Parse(R"({"a":1,"b":2,"body":"x","a":[3],"c":4,"a":"last"})");
  ExpectPass(parsed);
  const std::vector<ExtraField>& extra = parsed.article.extra;
  ASSERT_EQ(extra.size(), 3u);
  EXPECT_EQ(extra[0].name, "b");
  EXPECT_EQ(extra[1].name, "c");
  EXPECT_EQ(extra[2].name, "a");
  EXPECT_EQ(extra[2].json, "\"last\"");
}

TEST(ParseStageTest, ManyUnknownFieldsArePreserved) {
  std::string raw = "{\"body\":\"x\"";
  for (int i = 0; i < 5000; ++i) raw += ",\"k" + std::to_string(i) + "\":" + std::to_string(i);
  raw += ",\"k0\":\"again\"}";
  const Parsed parsed = Parse(raw);
  ExpectPass(parsed);
  ASSERT_EQ(parsed.article.extra.size(), 5000u);
  EXPECT_EQ(parsed.article.extra.back().name, "k0");
  EXPECT_EQ(parsed.article.extra.back().json, "\"again\"");
}

// ---------------------------------------------------------------- body

TEST(ParseStageTest, DeadLettersRecordsWithoutBodyOrHtml) {
  for (const char* raw :
       {R"({})", R"({"title":"t"})", R"({"body":""})", R"({"body":"","html":""})",
        R"({"body":" \n\t "})", R"({"body":null,"html":"  "})",
        "{\"body\":\"\xC2\xA0\xE3\x80\x80\xE2\x80\xA8\"}"}) {  // NBSP, ideographic space, LS
    ExpectDeadLetter(Parse(raw), Reason::kMissingBody, "body");
  }
}

TEST(ParseStageTest, AcceptsHtmlWithoutBodyAndBodyWithoutHtml) {
  ExpectPass(Parse(R"({"html":"<p>x</p>"})"));
  ExpectPass(Parse(R"({"body":"x"})"));
  ExpectPass(Parse(R"({"body":"  ","html":"<p>x</p>"})"));
}

// ---------------------------------------------------------------- id

TEST(ParseStageTest, DerivesIdFromUrlWhenIdIsMissingOrBlank) {
  for (const char* raw : {R"({"url":"https://Example.com/a#x","body":"b"})",
                          R"({"id":"","url":"https://example.com/a","body":"b"})",
                          R"({"id":"  ","url":"https://example.com/a","body":"b"})"}) {
    const Parsed parsed = Parse(raw);
    ExpectPass(parsed);
    EXPECT_EQ(parsed.article.id, IdFromUrl("https://example.com/a")) << raw;
    EXPECT_EQ(parsed.article.id_source, "url");
  }
}

TEST(ParseStageTest, KeepsTheGivenUrlTextUnnormalized) {
  const Parsed parsed = Parse(R"({"url":"https://Example.com/a#x","body":"b"})");
  EXPECT_EQ(parsed.article.url, "https://Example.com/a#x");
}

TEST(ParseStageTest, UrlIdsFollowTheDocumentedGoldenValue) {
  // See stable_id_test.cc: XXH3-128("abc") is a published test vector.
  EXPECT_EQ(Parse(R"({"url":"abc#top","body":"b"})").article.id,
            "url-06b05ab6733a618578af5f94892f3950");
}

TEST(ParseStageTest, DerivesIdFromContentWithoutIdOrUsableUrl) {
  for (const char* raw : {R"({"title":"T","body":"B","html":"H"})",
                          R"({"url":"#frag","title":"T","body":"B","html":"H"})",
                          R"({"url":"   ","title":"T","body":"B","html":"H"})"}) {
    const Parsed parsed = Parse(raw);
    ExpectPass(parsed);
    EXPECT_EQ(parsed.article.id, IdFromContent("T", "B", "H")) << raw;
    EXPECT_EQ(parsed.article.id_source, "content");
  }
}

TEST(ParseStageTest, DerivedIdsAreStableAcrossInstances) {
  const std::string raw = R"({"title":"T","body":"B"})";
  EXPECT_EQ(Parse(raw).article.id, Parse(raw).article.id);
  EXPECT_NE(Parse(raw).article.id, Parse(R"({"title":"T","body":"C"})").article.id);
}

// ---------------------------------------------------------------- published_at

TEST(ParseStageTest, ParsesPublishedAtStrings) {
  const Parsed parsed = Parse(R"({"body":"x","published_at":"Tue, 05 Mar 2024 14:30:00 GMT"})");
  ExpectPass(parsed);
  EXPECT_EQ(parsed.article.published_at_ms, 1709649000000);
  EXPECT_EQ(parsed.article.published_at_raw, "Tue, 05 Mar 2024 14:30:00 GMT");
}

TEST(ParseStageTest, ReadsNumericPublishedAtAsEpochSecondsOrMillis) {
  EXPECT_EQ(Parse(R"({"body":"x","published_at":1709649000})").article.published_at_ms,
            1709649000000);
  EXPECT_EQ(Parse(R"({"body":"x","published_at":1709649000.5})").article.published_at_ms,
            1709649000500);
  const Parsed millis = Parse(R"({"body":"x","published_at":1709649000123})");
  EXPECT_EQ(millis.article.published_at_ms, 1709649000123);
  EXPECT_EQ(millis.article.published_at_raw, "1709649000123");
}

TEST(ParseStageTest, KeepsUnparseableDatesWithARepairNote) {
  const Parsed parsed = Parse(R"({"body":"x","published_at":"last Tuesday"})");
  ExpectPass(parsed);
  EXPECT_FALSE(parsed.article.published_at_ms.has_value());
  EXPECT_EQ(parsed.article.published_at_raw, "last Tuesday");
  const Repair* repair = FindRepair(parsed.article, "unparsed_date");
  ASSERT_NE(repair, nullptr);
  EXPECT_EQ(repair->before, "last Tuesday");
  EXPECT_EQ(repair->after, "");
}

TEST(ParseStageTest, OutOfRangeNumericDatesAreUnparsedNotDeadLettered) {
  const Parsed parsed = Parse(R"({"body":"x","published_at":1e400})");
  ExpectPass(parsed);
  EXPECT_FALSE(parsed.article.published_at_ms.has_value());
  EXPECT_EQ(parsed.article.published_at_raw, "1e400");
  EXPECT_NE(FindRepair(parsed.article, "unparsed_date"), nullptr);
}

TEST(ParseStageTest, BlankPublishedAtIsAbsent) {
  const Parsed parsed = Parse(R"({"body":"x","published_at":"  "})");
  ExpectPass(parsed);
  EXPECT_EQ(parsed.article.published_at_raw, "");
  EXPECT_TRUE(parsed.article.repairs.empty());
}

// ---------------------------------------------------------------- robustness

TEST(ParseStageTest, EveryTruncationOfAValidRecordIsMalformed) {
  const std::string record =
      R"({"id":"x1","url":"https://e.com/a","title":"T\u00e9\ud83d\ude00","body":"b\n",)"
      R"("published_at":1709649000,"tags":["a",{"k":[1,2.5e-3,true,false,null]}],"n":-0})";
  ParseStage stage{Config{}};
  for (size_t length = 0; length < record.size(); ++length) {
    Article article;
    article.raw.value = record.substr(0, length);
    const StageResult result = stage.Process(article);
    EXPECT_EQ(result.outcome, Outcome::kDeadLetter) << length;
    EXPECT_EQ(result.reason, Reason::kMalformedJson) << length << ": " << result.message;
  }
  Article whole;
  whole.raw.value = record;
  EXPECT_EQ(stage.Process(whole).outcome, Outcome::kPass);
}

TEST(ParseStageTest, RandomBytesAlwaysGetAnOutcomeAndAReason) {
  std::mt19937 rng(12345);
  ParseStage stage{Config{}};
  for (int i = 0; i < 3000; ++i) {
    Article article;
    const size_t length = rng() % 200;
    for (size_t j = 0; j < length; ++j) article.raw.value.push_back(static_cast<char>(rng()));
    const StageResult result = stage.Process(article);
    EXPECT_EQ(result.outcome == Outcome::kPass, result.reason == Reason::kNone);
    EXPECT_NE(result.outcome, Outcome::kDrop);
  }
}

TEST(ParseStageTest, RandomlyMutatedRecordsAlwaysGetAnOutcomeAndAReason) {
  const std::string seed =
      R"({"id":7,"title":"t","body":"b","x":[1,{"y":"z"}],"published_at":"2024-03-05"})";
  const std::string alphabet = "{}[]\",:0123456789-.eEtrufalsn \\u\xFF\xC3";
  std::mt19937 rng(777);
  ParseStage stage{Config{}};
  int passed = 0;
  for (int i = 0; i < 5000; ++i) {
    std::string mutated = seed;
    for (int k = 0, n = 1 + static_cast<int>(rng() % 3); k < n; ++k) {
      const size_t pos = rng() % (mutated.size() + 1);
      switch (rng() % 3) {
        case 0:
          if (pos < mutated.size()) mutated.erase(pos, 1);
          break;
        case 1:
          mutated.insert(pos, 1, alphabet[rng() % alphabet.size()]);
          break;
        default:
          if (pos < mutated.size()) mutated[pos] = alphabet[rng() % alphabet.size()];
      }
    }
    Article article;
    article.raw.value = mutated;
    const StageResult result = stage.Process(article);
    EXPECT_EQ(result.outcome == Outcome::kPass, result.reason == Reason::kNone) << mutated;
    if (result.outcome == Outcome::kPass) {
      ++passed;
      EXPECT_FALSE(article.id.empty()) << mutated;
    } else {
      EXPECT_FALSE(result.message.empty()) << mutated;
    }
  }
  EXPECT_GT(passed, 0);
}

TEST(ParseStageTest, HandlesATenMegabyteString) {
  const std::string raw = "{\"body\":\"" + std::string(10 << 20, 'a') + "\"}";
  ExpectDeadLetter(Parse(raw), Reason::kTooLarge);
  Config config;
  config.limits.max_record_bytes = 16 << 20;
  const Parsed parsed = ParseWith(config, raw);
  ExpectPass(parsed);
  EXPECT_EQ(parsed.article.body.size(), size_t{10} << 20);
}

}  // namespace
}  // namespace newsflow
