#include "observability/json_log_formatter.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <spdlog/details/log_msg.h>

#include <chrono>
#include <regex>
#include <string>

namespace newsflow {
namespace {

std::string Format(std::string_view payload, spdlog::level::level_enum level = spdlog::level::info,
                   std::string_view logger = "newsflow",
                   spdlog::log_clock::time_point time = spdlog::log_clock::now()) {
  spdlog::details::log_msg msg(time, spdlog::source_loc{},
                               spdlog::string_view_t(logger.data(), logger.size()), level,
                               spdlog::string_view_t(payload.data(), payload.size()));
  msg.thread_id = 4242;
  spdlog::memory_buf_t out;
  JsonLogFormatter().format(msg, out);
  return std::string(out.data(), out.size());
}

// Parses one formatted line; fails the test if it is not exactly one JSON
// object terminated by a newline.
rapidjson::Document Parse(const std::string& line) {
  rapidjson::Document doc;
  EXPECT_FALSE(line.empty());
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "one line per record";
  doc.Parse(line.data(), line.size() - 1);
  EXPECT_FALSE(doc.HasParseError()) << line;
  EXPECT_TRUE(doc.IsObject()) << line;
  return doc;
}

TEST(JsonLogFormatterTest, EmitsTheDocumentedFields) {
  const auto time = spdlog::log_clock::time_point(std::chrono::milliseconds(1714566896789));
  const rapidjson::Document doc = Parse(Format("hello", spdlog::level::warn, "consumer", time));
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["ts"].GetString(), "2024-05-01T12:34:56.789Z");
  EXPECT_STREQ(doc["level"].GetString(), "warning");
  EXPECT_STREQ(doc["logger"].GetString(), "consumer");
  EXPECT_STREQ(doc["msg"].GetString(), "hello");
  EXPECT_EQ(doc["thread"].GetUint64(), 4242u);
  EXPECT_EQ(doc.MemberCount(), 5u);
}

TEST(JsonLogFormatterTest, TimestampIsUtcWithZeroPaddedMilliseconds) {
  const auto time = spdlog::log_clock::time_point(std::chrono::milliseconds(5));
  const rapidjson::Document doc = Parse(Format("x", spdlog::level::info, "n", time));
  EXPECT_STREQ(doc["ts"].GetString(), "1970-01-01T00:00:00.005Z");
  const rapidjson::Document now = Parse(Format("x"));
  EXPECT_TRUE(std::regex_match(now["ts"].GetString(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
      << now["ts"].GetString();
}

TEST(JsonLogFormatterTest, QuotesNewlinesAndControlCharactersSurviveEscaping) {
  const std::string payload = std::string("say \"hi\"\\ \n\tnext\r line\x01\x1f end ") +
                              std::string(1, '\0') + " \xc3\xa9t\xc3\xa9 \xe2\x82\xac";
  const std::string line = Format(payload);
  const rapidjson::Document doc = Parse(line);
  ASSERT_TRUE(doc.HasMember("msg"));
  EXPECT_EQ(std::string(doc["msg"].GetString(), doc["msg"].GetStringLength()), payload);
}

TEST(JsonLogFormatterTest, InvalidUtf8IsReplacedSoTheLineStaysValid) {
  const std::string payload = "bad \xff\xfe bytes \xc3";  // stray bytes, truncated sequence
  const rapidjson::Document doc = Parse(Format(payload, spdlog::level::err, "bad\xc0name"));
  EXPECT_EQ(std::string(doc["msg"].GetString()), "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes \xEF\xBF\xBD");
  EXPECT_EQ(std::string(doc["logger"].GetString()), "bad\xEF\xBF\xBDname");
  EXPECT_STREQ(doc["level"].GetString(), "error");
}

TEST(JsonLogFormatterTest, EmptyMessageIsAnEmptyString) {
  const rapidjson::Document doc = Parse(Format("", spdlog::level::debug, ""));
  EXPECT_STREQ(doc["msg"].GetString(), "");
  EXPECT_STREQ(doc["logger"].GetString(), "");
  EXPECT_STREQ(doc["level"].GetString(), "debug");
}

TEST(JsonLogFormatterTest, CloneFormatsTheSame) {
  JsonLogFormatter formatter;
  auto clone = formatter.clone();
  ASSERT_NE(clone, nullptr);
  spdlog::details::log_msg msg(spdlog::log_clock::time_point(), spdlog::source_loc{}, "n",
                               spdlog::level::info, "same");
  spdlog::memory_buf_t a;
  spdlog::memory_buf_t b;
  formatter.format(msg, a);
  clone->format(msg, b);
  EXPECT_EQ(std::string(a.data(), a.size()), std::string(b.data(), b.size()));
}

}  // namespace
}  // namespace newsflow
