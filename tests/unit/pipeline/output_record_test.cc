#include "pipeline/output_record.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "tests/unit/json_test_util.h"
#include "util/feed_date.h"

namespace newsflow {
namespace {

using test_json::Keys;
using test_json::Str;

constexpr int64_t kProcessedAtMs = 1749283750500;  // 2025-06-07T08:09:10.500Z
constexpr int64_t kPublishedAtMs = 1709649000123;  // 2024-03-05T14:30:00.123Z
constexpr int64_t kTimestampMs = 1704164645000;    // 2024-01-02T03:04:05Z

Article FullArticle() {
  Article a;
  a.raw.provenance = {"articles.raw", 7, 123456789012, kTimestampMs};
  a.id = "id-1";
  a.id_source = "input";
  a.url = "https://example.com/a?b=1&c=\"2\"";
  a.source = "Example News";
  a.title = "Zürich \xF0\x9F\x98\x80 headline";
  a.language_hint = "de";
  a.published_at_raw = "Tue, 05 Mar 2024 14:30:00.123 GMT";
  a.published_at_ms = kPublishedAtMs;
  // "Zürich" is 6 characters in 7 bytes: offsets after it differ.
  a.text = "Z\u00fcrich gained 5% on Jan. 4.\n\nSecond \"quoted\" one.";
  a.word_count = 5;
  a.dateline = "TEL AVIV, Israel";
  a.authors = {"Jane Doe", "J\u00f6rg M\u00fcller"};
  a.author_bio = "Jane Doe covers trade for Example News.";
  a.site_name = "Example News Online";
  a.reading_time_seconds = 2;
  a.removed = {{"navigation", "More In World"}, {"author_bio", "Jane Doe covers trade."}};
  a.language = "de";
  a.language_confidence = 0.987654321;
  a.language_reliable = true;
  a.language_source = "detected";
  a.topics = {{"economy", 0.91}, {"trade", 0.35}};
  a.entities.people = {{"Jane Doe", {{0, 7}}, "", std::nullopt, std::nullopt}};
  a.entities.locations = {{"Z\u00fcrich", {{0, 7}}, "CH", 47.3769, 8.5417},
                          {"Nowhere", {{8, 14}}, "", std::nullopt, std::nullopt}};
  a.countries = {{"CH", "Switzerland", 1}};
  a.keywords = {{"second", 1.0, {{30, 36}}}};
  a.dates = {{{21, 27}, true, "2024-01-04", "", "day", "", true}};
  a.amounts = {{{15, 17}, "percent", 5.0, std::nullopt, ""}};
  a.skipped_taggers = {"entities"};
  a.simhash = 0x00ff00ff00ff00ffULL;
  a.content_hash = "0123456789abcdef";
  a.duplicate_of = "id-0";
  a.duplicate_distance = 2;
  a.repairs = {{"invalid_utf8", "a\\xff", "a\xEF\xBF\xBD"}, {"unparsed_date", "soon", ""}};
  a.extra = {{"section", "\"business\""}, {"tags", "[\"a\", 1, true, null]"}};
  return a;
}

class OutputRecordTest : public ::testing::Test {
 protected:
  // Writes `a` and parses the result with simdjson (an independent parser).
  simdjson::dom::element WriteAndParse(const Article& a) {
    std::string error;
    EXPECT_TRUE(writer_.Write(a, kProcessedAtMs, &out_, &error)) << error;
    simdjson::dom::element doc;
    const auto parse_error = parser_.parse(out_).get(doc);
    EXPECT_EQ(parse_error, simdjson::SUCCESS) << out_;
    return doc;
  }

  OutputRecordWriter writer_{"1.2.3", "abc1234"};
  simdjson::dom::parser parser_;
  std::string out_;
};

TEST_F(OutputRecordTest, FullRecordRoundTripsEveryField) {
  const Article a = FullArticle();
  const simdjson::dom::element doc = WriteAndParse(a);
  const std::vector<std::string> expected_keys = {"id",
                                                  "id_source",
                                                  "url",
                                                  "source",
                                                  "title",
                                                  "language_hint",
                                                  "published_at",
                                                  "published_at_raw",
                                                  "site_name",
                                                  "text",
                                                  "dateline",
                                                  "authors",
                                                  "author_bio",
                                                  "word_count",
                                                  "reading_time_seconds",
                                                  "cleaning",
                                                  "language",
                                                  "topics",
                                                  "entities",
                                                  "countries",
                                                  "keywords",
                                                  "dates",
                                                  "amounts",
                                                  "skipped_taggers",
                                                  "fingerprint",
                                                  "duplicate_of",
                                                  "processed_at",
                                                  "provenance",
                                                  "pipeline",
                                                  "extra"};
  EXPECT_EQ(Keys(doc), expected_keys);
  EXPECT_EQ(Str(doc["id"]), a.id);
  EXPECT_EQ(Str(doc["id_source"]), a.id_source);
  EXPECT_EQ(Str(doc["url"]), a.url);
  EXPECT_EQ(Str(doc["source"]), a.source);
  EXPECT_EQ(Str(doc["title"]), a.title);
  EXPECT_EQ(Str(doc["language_hint"]), a.language_hint);
  EXPECT_EQ(Str(doc["published_at"]), "2024-03-05T14:30:00.123Z");
  EXPECT_EQ(Str(doc["published_at"]), FormatRfc3339Utc(kPublishedAtMs));
  EXPECT_EQ(Str(doc["published_at_raw"]), a.published_at_raw);
  EXPECT_EQ(Str(doc["text"]), a.text);
  EXPECT_EQ(int64_t(doc["word_count"]), 5);
  EXPECT_EQ(int64_t(doc["reading_time_seconds"]), 2);
  EXPECT_EQ(Str(doc["site_name"]), a.site_name);
  EXPECT_EQ(Str(doc["author_bio"]), a.author_bio);
  EXPECT_EQ(Str(doc["processed_at"]), "2025-06-07T08:09:10.500Z");
  EXPECT_EQ(Str(doc["dateline"]), a.dateline);
  simdjson::dom::array authors;
  ASSERT_EQ(doc["authors"].get_array().get(authors), simdjson::SUCCESS);
  ASSERT_EQ(authors.size(), 2u);
  EXPECT_EQ(Str(authors.at(0)), "Jane Doe");
  EXPECT_EQ(Str(authors.at(1)), a.authors[1]);

  const simdjson::dom::element provenance = doc["provenance"];
  EXPECT_EQ(Keys(provenance),
            (std::vector<std::string>{"topic", "partition", "offset", "timestamp"}));
  EXPECT_EQ(Str(provenance["topic"]), "articles.raw");
  EXPECT_EQ(int64_t(provenance["partition"]), 7);
  EXPECT_EQ(int64_t(provenance["offset"]), 123456789012);
  EXPECT_EQ(Str(provenance["timestamp"]), FormatRfc3339Utc(kTimestampMs));

  EXPECT_EQ(Keys(doc["pipeline"]), (std::vector<std::string>{"version", "commit"}));
  EXPECT_EQ(Str(doc["pipeline"]["version"]), "1.2.3");
  EXPECT_EQ(Str(doc["pipeline"]["commit"]), "abc1234");

  EXPECT_EQ(Keys(doc["language"]),
            (std::vector<std::string>{"code", "confidence", "reliable", "source"}));
  EXPECT_EQ(Str(doc["language"]["code"]), "de");
  EXPECT_DOUBLE_EQ(double(doc["language"]["confidence"]), 0.9876) << "cut to four decimals";
  EXPECT_TRUE(bool(doc["language"]["reliable"]));
  EXPECT_EQ(Str(doc["language"]["source"]), "detected");
  simdjson::dom::array topics;
  ASSERT_EQ(doc["topics"].get_array().get(topics), simdjson::SUCCESS);
  ASSERT_EQ(topics.size(), 2u);
  EXPECT_EQ(Str(topics.at(0)["label"]), "economy");
  EXPECT_DOUBLE_EQ(double(topics.at(1)["score"]), 0.35);
  EXPECT_EQ(Str(doc["skipped_taggers"].at(0)), "entities");

  const simdjson::dom::element entities = doc["entities"];
  EXPECT_EQ(Keys(entities),
            (std::vector<std::string>{"people", "organizations", "locations", "misc"}));
  EXPECT_EQ(Keys(entities["people"].at(0)),
            (std::vector<std::string>{"name", "mentions", "offsets"}));
  EXPECT_EQ(
      Keys(entities["locations"].at(0)),
      (std::vector<std::string>{"name", "mentions", "offsets", "country_code", "lat", "lon"}));
  const simdjson::dom::element zurich = entities["locations"].at(0);
  EXPECT_EQ(Str(zurich["name"]), "Z\u00fcrich");
  EXPECT_EQ(int64_t(zurich["mentions"]), 1);
  EXPECT_EQ(int64_t(zurich["offsets"].at(0).at(0)), 0);
  EXPECT_EQ(int64_t(zurich["offsets"].at(0).at(1)), 6) << "characters, not bytes";
  EXPECT_EQ(Str(zurich["country_code"]), "CH");
  EXPECT_DOUBLE_EQ(double(zurich["lat"]), 47.3769);
  EXPECT_TRUE(entities["locations"].at(1)["country_code"].is_null());
  EXPECT_TRUE(entities["locations"].at(1)["lat"].is_null());
  EXPECT_EQ(Keys(doc["countries"].at(0)), (std::vector<std::string>{"code", "name", "mentions"}));
  EXPECT_EQ(Str(doc["countries"].at(0)["name"]), "Switzerland");
  EXPECT_EQ(Str(doc["keywords"].at(0)["phrase"]), "second");
  EXPECT_EQ(int64_t(doc["keywords"].at(0)["offsets"].at(0).at(0)), 29);

  const simdjson::dom::element date = doc["dates"].at(0);
  EXPECT_EQ(Keys(date),
            (std::vector<std::string>{"text", "start", "end", "value", "end_value", "resolution",
                                      "qualifier", "relative", "resolved"}));
  EXPECT_EQ(Str(date["text"]), "Jan. 4");
  EXPECT_EQ(int64_t(date["start"]), 20);
  EXPECT_EQ(int64_t(date["end"]), 26);
  EXPECT_EQ(Str(date["value"]), "2024-01-04");
  EXPECT_TRUE(date["end_value"].is_null());
  EXPECT_TRUE(date["qualifier"].is_null());
  const simdjson::dom::element amount = doc["amounts"].at(0);
  EXPECT_EQ(Keys(amount), (std::vector<std::string>{"text", "start", "end", "kind", "value",
                                                    "upper_value", "currency"}));
  EXPECT_EQ(Str(amount["text"]), "5%");
  EXPECT_EQ(int64_t(amount["start"]), 14);
  EXPECT_DOUBLE_EQ(double(amount["value"]), 5.0);
  EXPECT_TRUE(amount["upper_value"].is_null());
  EXPECT_TRUE(amount["currency"].is_null());

  EXPECT_EQ(Str(doc["fingerprint"]["simhash"]), "00ff00ff00ff00ff");
  EXPECT_EQ(Str(doc["fingerprint"]["content_hash"]), "0123456789abcdef");
  EXPECT_EQ(Keys(doc["duplicate_of"]), (std::vector<std::string>{"id", "distance", "exact"}));
  EXPECT_EQ(Str(doc["duplicate_of"]["id"]), "id-0");
  EXPECT_EQ(int64_t(doc["duplicate_of"]["distance"]), 2);
  EXPECT_FALSE(bool(doc["duplicate_of"]["exact"]));
  EXPECT_EQ(Keys(doc["cleaning"]), (std::vector<std::string>{"removed", "repairs"}));
  simdjson::dom::array removed;
  ASSERT_EQ(doc["cleaning"]["removed"].get_array().get(removed), simdjson::SUCCESS);
  ASSERT_EQ(removed.size(), 2u);
  EXPECT_EQ(Keys(removed.at(0)), (std::vector<std::string>{"kind", "text"}));
  EXPECT_EQ(Str(removed.at(0)["kind"]), "navigation");
  EXPECT_EQ(Str(removed.at(0)["text"]), "More In World");
  EXPECT_EQ(Str(removed.at(1)["kind"]), "author_bio");
  simdjson::dom::array repairs;
  ASSERT_EQ(doc["cleaning"]["repairs"].get_array().get(repairs), simdjson::SUCCESS);
  ASSERT_EQ(repairs.size(), 2u);
  EXPECT_EQ(Keys(repairs.at(0)), (std::vector<std::string>{"kind", "before", "after"}));
  EXPECT_EQ(Str(repairs.at(0)["kind"]), "invalid_utf8");
  EXPECT_EQ(Str(repairs.at(0)["before"]), "a\\xff");
  EXPECT_EQ(Str(repairs.at(0)["after"]), "a\xEF\xBF\xBD");
  EXPECT_EQ(Str(repairs.at(1)["kind"]), "unparsed_date");
  EXPECT_EQ(Str(repairs.at(1)["after"]), "");

  EXPECT_EQ(Keys(doc["extra"]), (std::vector<std::string>{"section", "tags"}));
  EXPECT_EQ(Str(doc["extra"]["section"]), "business");
  simdjson::dom::array tags;
  ASSERT_EQ(doc["extra"]["tags"].get_array().get(tags), simdjson::SUCCESS);
  EXPECT_EQ(tags.size(), 4u);
}

TEST_F(OutputRecordTest, EmptyOptionalFieldsAreNullOrOmitted) {
  Article a;
  a.id = "x";
  a.id_source = "content";
  a.text = "t";
  a.raw.provenance = {"topic", 0, 0, -1};
  const simdjson::dom::element doc = WriteAndParse(a);
  EXPECT_EQ(Keys(doc), (std::vector<std::string>{"id",
                                                 "id_source",
                                                 "url",
                                                 "source",
                                                 "title",
                                                 "language_hint",
                                                 "published_at",
                                                 "site_name",
                                                 "text",
                                                 "dateline",
                                                 "authors",
                                                 "author_bio",
                                                 "word_count",
                                                 "reading_time_seconds",
                                                 "cleaning",
                                                 "language",
                                                 "topics",
                                                 "entities",
                                                 "countries",
                                                 "keywords",
                                                 "dates",
                                                 "amounts",
                                                 "skipped_taggers",
                                                 "fingerprint",
                                                 "duplicate_of",
                                                 "processed_at",
                                                 "provenance",
                                                 "pipeline"}));
  for (const char* key : {"url", "source", "title", "language_hint", "published_at", "site_name",
                          "dateline", "author_bio", "language", "fingerprint", "duplicate_of"}) {
    EXPECT_TRUE(doc[key].is_null()) << key;
  }
  simdjson::dom::array authors;
  ASSERT_EQ(doc["authors"].get_array().get(authors), simdjson::SUCCESS);
  EXPECT_EQ(authors.size(), 0u) << "authors is always an array";
  EXPECT_TRUE(doc["provenance"]["timestamp"].is_null());
  EXPECT_EQ(int64_t(doc["reading_time_seconds"]), 0);
  EXPECT_NE(out_.find("\"cleaning\":{\"removed\":[],\"repairs\":[]}"), std::string::npos)
      << "cleaning lists are always present: " << out_;
}

TEST_F(OutputRecordTest, EpochZeroPublishedAtIsNotNull) {
  Article a;
  a.published_at_ms = 0;
  a.raw.provenance.timestamp_ms = 0;
  const simdjson::dom::element doc = WriteAndParse(a);
  EXPECT_EQ(Str(doc["published_at"]), FormatRfc3339Utc(0));
  EXPECT_EQ(Str(doc["provenance"]["timestamp"]), FormatRfc3339Utc(0));
}

TEST_F(OutputRecordTest, EveryControlCharacterIsEscaped) {
  Article a;
  for (int c = 0; c < 0x20; ++c) a.text.push_back(static_cast<char>(c));
  a.text += "\"quote\" back\\slash /slash \x7F";
  const simdjson::dom::element doc = WriteAndParse(a);
  EXPECT_EQ(Str(doc["text"]), a.text);
  for (char c : out_) {
    EXPECT_GE(static_cast<unsigned char>(c), 0x20) << "raw control byte in output";
  }
  EXPECT_NE(out_.find("\\u0000\\u0001"), std::string::npos) << out_;
  EXPECT_NE(out_.find("\\u001F"), std::string::npos) << out_;
  EXPECT_NE(out_.find("\\n"), std::string::npos);
  EXPECT_NE(out_.find("\\t"), std::string::npos);
  EXPECT_NE(out_.find("\\\"quote\\\" back\\\\slash"), std::string::npos) << out_;
}

TEST_F(OutputRecordTest, NonBmpAndLineSeparatorsStayRawUtf8) {
  Article a;
  a.text =
      "emoji \xF0\x9F\x98\x80 double-struck \xF0\x9D\x95\x8F line\xE2\x80\xA8sep "
      "para\xE2\x80\xA9sep";
  a.title = "\xF0\x9D\x95\x8F";
  const simdjson::dom::element doc = WriteAndParse(a);
  EXPECT_EQ(Str(doc["text"]), a.text);
  EXPECT_EQ(Str(doc["title"]), a.title);
  EXPECT_NE(out_.find("\xF0\x9F\x98\x80"), std::string::npos);
  EXPECT_EQ(out_.find("\\u"), std::string::npos) << "nothing needed escaping: " << out_;
}

TEST_F(OutputRecordTest, InvalidUtf8IsRejectedNamingTheField) {
  struct Case {
    const char* bytes;
    const char* why;
  };
  const Case cases[] = {
      {"a\xFF"
       "b",
       "invalid byte"},
      {"a\xC0\xAF", "overlong"},
      {"\xED\xA0\x80", "surrogate"},
      {"\xF4\x90\x80\x80", "above U+10FFFF"},
      {"ends inside\xF0", "truncated 4-byte sequence at the end"},
      {"ends inside\xE2\x82", "truncated 3-byte sequence at the end"},
      {"\x80", "lone continuation byte"},
  };
  for (const Case& c : cases) {
    Article a = FullArticle();
    a.text = c.bytes;
    std::string out = "untouched";
    std::string error;
    EXPECT_FALSE(writer_.Write(a, kProcessedAtMs, &out, &error)) << c.why;
    EXPECT_NE(error.find("text"), std::string::npos) << error;
    EXPECT_NE(error.find("UTF-8"), std::string::npos) << error;
  }
}

TEST_F(OutputRecordTest, EveryStringFieldIsValidated) {
  const std::string bad = "x\xFE";
  struct Case {
    const char* field;
    void (*spoil)(Article&, const std::string&);
  };
  const Case cases[] = {
      {"id", [](Article& a, const std::string& b) { a.id = b; }},
      {"id_source", [](Article& a, const std::string& b) { a.id_source = b; }},
      {"url", [](Article& a, const std::string& b) { a.url = b; }},
      {"source", [](Article& a, const std::string& b) { a.source = b; }},
      {"title", [](Article& a, const std::string& b) { a.title = b; }},
      {"language_hint", [](Article& a, const std::string& b) { a.language_hint = b; }},
      {"published_at_raw", [](Article& a, const std::string& b) { a.published_at_raw = b; }},
      {"site_name", [](Article& a, const std::string& b) { a.site_name = b; }},
      {"dateline", [](Article& a, const std::string& b) { a.dateline = b; }},
      {"authors[1]", [](Article& a, const std::string& b) { a.authors[1] = b; }},
      {"author_bio", [](Article& a, const std::string& b) { a.author_bio = b; }},
      {"cleaning.removed[1].kind", [](Article& a, const std::string& b) { a.removed[1].kind = b; }},
      {"cleaning.removed[0].text", [](Article& a, const std::string& b) { a.removed[0].text = b; }},
      {"cleaning.repairs[1].kind", [](Article& a, const std::string& b) { a.repairs[1].kind = b; }},
      {"topics[1].label", [](Article& a, const std::string& b) { a.topics[1].label = b; }},
      {"skipped_taggers[0]", [](Article& a, const std::string& b) { a.skipped_taggers[0] = b; }},
      {"entities.locations[1].name",
       [](Article& a, const std::string& b) { a.entities.locations[1].name = b; }},
      {"countries[0].name", [](Article& a, const std::string& b) { a.countries[0].name = b; }},
      {"keywords[0].phrase", [](Article& a, const std::string& b) { a.keywords[0].phrase = b; }},
      {"duplicate_of.id", [](Article& a, const std::string& b) { a.duplicate_of = b; }},
      {"cleaning.repairs[0].before",
       [](Article& a, const std::string& b) { a.repairs[0].before = b; }},
      {"cleaning.repairs[1].after",
       [](Article& a, const std::string& b) { a.repairs[1].after = b; }},
      {"extra[1] name", [](Article& a, const std::string& b) { a.extra[1].name = b; }},
  };
  for (const Case& c : cases) {
    Article a = FullArticle();
    c.spoil(a, bad);
    std::string out;
    std::string error;
    EXPECT_FALSE(writer_.Write(a, kProcessedAtMs, &out, &error)) << c.field;
    EXPECT_EQ(error, std::string(c.field) + " is not valid UTF-8");
  }
}

TEST_F(OutputRecordTest, InvalidTopicIsRepairedNotRejected) {
  Article a = FullArticle();
  a.raw.provenance.topic = "file\xFF.jsonl";
  const simdjson::dom::element doc = WriteAndParse(a);
  EXPECT_EQ(Str(doc["provenance"]["topic"]), "file\xEF\xBF\xBD.jsonl");
}

TEST_F(OutputRecordTest, WriterRecoversAfterAFailedWrite) {
  Article bad = FullArticle();
  bad.repairs[0].after = "\xFF";
  std::string out;
  std::string error;
  ASSERT_FALSE(writer_.Write(bad, kProcessedAtMs, &out, &error));
  const simdjson::dom::element doc = WriteAndParse(FullArticle());
  EXPECT_EQ(Str(doc["id"]), "id-1");
  EXPECT_EQ(out_.front(), '{');
}

TEST_F(OutputRecordTest, ExtraRawValuesAreCopiedByteForByte) {
  Article a;
  a.extra = {
      {"object", "{ \"x\" : [1, 2.50, \"\\u00e9\"], \"y\": {} }"},
      {"array", "[ ]"},
      {"integer", "12345678901234567890"},
      {"float", "-1.5e+300"},
      {"string", "\"tab\\there \\ud83d\\ude00\""},
      {"true", "true"},
      {"null", "null"},
      {"k\xC3\xA9y \"quoted\"", "0"},
  };
  const simdjson::dom::element doc = WriteAndParse(a);
  const std::string expected =
      "\"extra\":{\"object\":{ \"x\" : [1, 2.50, \"\\u00e9\"], \"y\": {} },\"array\":[ ],"
      "\"integer\":12345678901234567890,\"float\":-1.5e+300,"
      "\"string\":\"tab\\there \\ud83d\\ude00\",\"true\":true,\"null\":null,"
      "\"k\xC3\xA9y \\\"quoted\\\"\":0}";
  EXPECT_NE(out_.find(expected), std::string::npos) << out_;
  EXPECT_EQ(Keys(doc["extra"]).back(), "k\xC3\xA9y \"quoted\"");
  EXPECT_EQ(Str(doc["extra"]["object"]["x"].at(2)), "\xC3\xA9");
  EXPECT_EQ(Str(doc["extra"]["string"]), "tab\there \xF0\x9F\x98\x80");
  EXPECT_TRUE(doc["extra"]["null"].is_null());
  EXPECT_TRUE(doc["extra"]["true"].is_bool());
}

TEST_F(OutputRecordTest, EmptyOrNulContainingRawValueIsRejected) {
  for (const std::string& json : {std::string(), std::string("1\0", 2)}) {
    Article a = FullArticle();
    a.extra[0].json = json;
    std::string out;
    std::string error;
    EXPECT_FALSE(writer_.Write(a, kProcessedAtMs, &out, &error));
    EXPECT_EQ(error, "extra[0] value is not a JSON value");
  }
}

TEST_F(OutputRecordTest, ReusedBufferHoldsOnlyTheLatestRecord) {
  Article big = FullArticle();
  big.text = std::string(100000, 'x');
  WriteAndParse(big);
  Article small;
  small.id = "small";
  const simdjson::dom::element doc = WriteAndParse(small);
  EXPECT_EQ(Str(doc["id"]), "small");
  EXPECT_LT(out_.size(), 1000u);
}

TEST_F(OutputRecordTest, OutputIsOneLineOfJson) {
  const Article a = FullArticle();
  WriteAndParse(a);
  EXPECT_EQ(out_.find('\n'), std::string::npos);
  EXPECT_EQ(out_.front(), '{');
  EXPECT_EQ(out_.back(), '}');
}

}  // namespace
}  // namespace newsflow
