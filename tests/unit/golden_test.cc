// Golden files: whole articles through the default stage chain.
//
// Each tests/unit/{cleaning,tagging}/testdata/golden/<name>.json holds
//   {"about": "...", "input": {<an input record>}, "expected": {<output fields>}}
// The input is processed by the stages of the default config (cleaning and
// tagging) and written by the output writer; every member of "expected"
// must equal the output's member of the same name (compared as minified
// JSON). A dotted name ("entities.people") selects a member inside one.
// Members not listed are not checked, so a fixture states exactly what it is
// about (and does not pin, say, a model's scores it is not about). The
// articles are written for the project. On a mismatch the actual value is
// printed, to review and copy.
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

constexpr const char* kGoldenDirs[] = {"cleaning", "tagging"};

std::filesystem::path GoldenFile(const std::string& name) {
  // name: "<dir>/<fixture>"
  const size_t slash = name.find('/');
  return std::filesystem::path(NEWSFLOW_SOURCE_DIR) / "tests/unit" / name.substr(0, slash) /
         "testdata/golden" / (name.substr(slash + 1) + ".json");
}

std::vector<std::string> GoldenNames() {
  std::vector<std::string> names;
  for (const char* dir : kGoldenDirs) {
    const auto golden =
        std::filesystem::path(NEWSFLOW_SOURCE_DIR) / "tests/unit" / dir / "testdata/golden";
    for (const auto& entry : std::filesystem::directory_iterator(golden)) {
      if (entry.path().extension() == ".json") {
        names.push_back(std::string(dir) + "/" + entry.path().stem().string());
      }
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The member at a dotted path ("entities.people").
simdjson::error_code Member(simdjson::dom::element root, std::string_view path,
                            simdjson::dom::element* out) {
  simdjson::dom::element current = root;
  while (true) {
    const size_t dot = path.find('.');
    const auto error = current[path.substr(0, dot)].get(current);
    if (error) return error;
    if (dot == std::string_view::npos) break;
    path.remove_prefix(dot + 1);
  }
  *out = current;
  return simdjson::SUCCESS;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, DefaultChainProducesTheExpectedFields) {
  const std::string fixture = ReadFile(GoldenFile(GetParam()));
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
    ASSERT_EQ(Member(actual, field.key, &value), simdjson::SUCCESS)
        << "missing field " << field.key;
    EXPECT_EQ(simdjson::minify(value), simdjson::minify(field.value))
        << "field " << field.key << "; actual value:\n"
        << simdjson::minify(value);
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, GoldenTest, ::testing::ValuesIn(GoldenNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           std::replace(name.begin(), name.end(), '/', '_');
                           return name;
                         });

}  // namespace
}  // namespace newsflow
