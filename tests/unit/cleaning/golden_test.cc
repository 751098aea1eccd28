// Golden files: whole articles through the default stage chain.
//
// Each tests/unit/cleaning/testdata/golden/<name>.json holds
//   {"about": "...", "input": {<an input record>}, "expected": {<output fields>}}
// The input is processed by the stages of the default config (parse,
// normalize_text, lead, boilerplate, residue_repair) and written by the output
// writer; every member of "expected" must equal the output's member of the
// same name (compared as minified JSON). Members not listed are not checked,
// so a fixture states exactly what it is about. The articles are written for
// the project. On a mismatch the actual value is printed, to review and copy.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "newsflow/config.h"
#include "newsflow/stage_registry.h"
#include "pipeline/output_record.h"

namespace newsflow {
namespace {

std::filesystem::path GoldenDir() {
  return std::filesystem::path(NEWSFLOW_SOURCE_DIR) / "tests/unit/cleaning/testdata/golden";
}

std::vector<std::string> GoldenNames() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(GoldenDir())) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, DefaultChainProducesTheExpectedFields) {
  const std::string fixture = ReadFile(GoldenDir() / (GetParam() + ".json"));
  simdjson::dom::parser fixture_parser;
  simdjson::dom::element golden;
  ASSERT_EQ(fixture_parser.parse(fixture).get(golden), simdjson::SUCCESS) << "fixture JSON";
  simdjson::dom::object expected;
  ASSERT_EQ(golden["expected"].get_object().get(expected), simdjson::SUCCESS);
  ASSERT_GT(expected.size(), 0u) << "a fixture must expect something";

  Config config;
  StageRegistry registry;
  RegisterBuiltinStages(registry);
  std::string unknown;
  const auto stages = registry.CreateChain(config.pipeline.stages, StageContext{config}, &unknown);
  ASSERT_FALSE(stages.empty()) << unknown;

  Article article;
  article.raw.value = simdjson::minify(golden["input"]);
  article.raw.provenance = {"golden", 0, 0, -1};
  for (const auto& stage : stages) {
    const StageResult result = stage->Process(article);
    ASSERT_EQ(result.outcome, Outcome::kPass)
        << stage->Name() << ": " << ReasonName(result.reason) << ": " << result.message;
  }
  OutputRecordWriter writer("0", "golden");
  std::string out;
  std::string error;
  ASSERT_TRUE(writer.Write(article, 0, &out, &error)) << error;
  simdjson::dom::parser output_parser;
  simdjson::dom::element actual;
  ASSERT_EQ(output_parser.parse(out).get(actual), simdjson::SUCCESS) << out;

  for (auto field : expected) {
    simdjson::dom::element value;
    ASSERT_EQ(actual[field.key].get(value), simdjson::SUCCESS) << "missing field " << field.key;
    EXPECT_EQ(simdjson::minify(value), simdjson::minify(field.value))
        << "field " << field.key << "; actual value:\n"
        << simdjson::minify(value);
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, GoldenTest, ::testing::ValuesIn(GoldenNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace newsflow
