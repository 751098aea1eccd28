#include "pipeline/json_lines_runner.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <sstream>

namespace newsflow {
namespace {

rapidjson::Document Parse(const std::string& line) {
  rapidjson::Document d;
  d.Parse(line.c_str());
  EXPECT_FALSE(d.HasParseError()) << line;
  return d;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class JsonLinesRunnerTest : public ::testing::Test {
 protected:
  JsonLinesRunnerTest() : metrics_(std::make_shared<prometheus::Registry>(), {"parse"}) {
    RegisterBuiltinStages(registry_);
    config_.pipeline.workers = 4;
  }
  Config config_;
  StageRegistry registry_;
  Metrics metrics_;
};

TEST_F(JsonLinesRunnerTest, OutputKeepsInputOrderAcrossWorkers) {
  std::ostringstream input_text;
  for (int i = 0; i < 500; ++i) {
    input_text << R"({"id":"a)" << i << R"(","body":"word )" << i << R"( and more words"})"
               << "\n";
  }
  std::istringstream input(input_text.str());
  std::ostringstream output, dead;
  JsonLinesSummary summary;
  std::string error;
  ASSERT_TRUE(RunJsonLines(config_, registry_, metrics_, "in.jsonl", input, output, &dead, &summary,
                           &error))
      << error;
  const auto lines = Lines(output.str());
  ASSERT_EQ(lines.size(), 500u);
  for (int i = 0; i < 500; ++i) {
    auto d = Parse(lines[i]);
    EXPECT_EQ(std::string(d["id"].GetString()), "a" + std::to_string(i));
    EXPECT_EQ(d["provenance"]["offset"].GetInt64(), i);
  }
  EXPECT_EQ(summary.enriched, 500);
  EXPECT_TRUE(dead.str().empty());
}

TEST_F(JsonLinesRunnerTest, BadLinesGoToTheDeadLetterFileWithReasonsInOrder) {
  std::istringstream input(
      "{\"id\":\"good1\",\"body\":\"fine text\"}\n"
      "not json at all\n"
      "\n"
      "{\"id\":\"nobody\"}\n"
      "{\"id\":\"good2\",\"body\":\"more fine text\"}\n");
  std::ostringstream output, dead;
  JsonLinesSummary summary;
  std::string error;
  ASSERT_TRUE(RunJsonLines(config_, registry_, metrics_, "in.jsonl", input, output, &dead, &summary,
                           &error));
  const auto good = Lines(output.str());
  ASSERT_EQ(good.size(), 2u);
  EXPECT_EQ(std::string(Parse(good[0])["id"].GetString()), "good1");
  EXPECT_EQ(std::string(Parse(good[1])["id"].GetString()), "good2");
  const auto bad = Lines(dead.str());
  ASSERT_EQ(bad.size(), 2u);
  auto first = Parse(bad[0]);
  EXPECT_EQ(std::string(first["reason"].GetString()), "malformed_json");
  EXPECT_EQ(std::string(first["value"].GetString()), "not json at all");
  EXPECT_EQ(first["source"]["offset"].GetInt64(), 1) << "zero-based line number";
  EXPECT_EQ(std::string(Parse(bad[1])["reason"].GetString()), "missing_body");
  EXPECT_EQ(summary.lines, 4);
  EXPECT_EQ(summary.blank, 1);
  EXPECT_EQ(summary.dead_lettered, 2);
}

TEST_F(JsonLinesRunnerTest, UnknownStageIsReportedNotRun) {
  config_.pipeline.stages = {"parse", "no_such_stage"};
  std::istringstream input("{}\n");
  std::ostringstream output;
  JsonLinesSummary summary;
  std::string error;
  EXPECT_FALSE(
      RunJsonLines(config_, registry_, metrics_, "in", input, output, nullptr, &summary, &error));
  EXPECT_NE(error.find("no_such_stage"), std::string::npos);
}

}  // namespace
}  // namespace newsflow
