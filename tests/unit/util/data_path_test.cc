#include "util/data_path.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/unit/scoped_temp_dir.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;

TEST(DataPathTest, AbsolutePathIsUsedAsItIs) {
  const ScopedTempDir temp("data_path_abs");
  const fs::path file = temp.path() / "model.bin";
  std::ofstream(file) << "x";
  std::string error;
  EXPECT_EQ(ResolveDataFile(file.string(), &error), file.string());
  EXPECT_FALSE(ResolveDataFile((temp.path() / "missing.bin").string(), &error).has_value());
  EXPECT_NE(error.find("missing.bin: not found"), std::string::npos) << error;
}

TEST(DataPathTest, RelativePathIsFoundUnderNewsflowDataDir) {
  const ScopedTempDir temp("data_path_env");
  const fs::path& dir = temp.path();
  fs::create_directories(dir / "models" / "x");
  std::ofstream(dir / "models" / "x" / "data_path_test_only.tsv") << "x";
  ASSERT_EQ(setenv("NEWSFLOW_DATA_DIR", dir.c_str(), 1), 0);
  std::string error;
  const auto found = ResolveDataFile("models/x/data_path_test_only.tsv", &error);
  unsetenv("NEWSFLOW_DATA_DIR");
  ASSERT_TRUE(found.has_value()) << error;
  EXPECT_EQ(fs::path(*found),
            (dir / "models" / "x" / "data_path_test_only.tsv").lexically_normal());
}

TEST(DataPathTest, ShippedModelIsFoundFromAnyWorkingDirectory) {
  // The build tree knows its source tree, which holds models/.
  const ScopedTempDir temp("data_path_cwd");
  const fs::path before = fs::current_path();
  fs::current_path(temp.path());
  std::string error;
  const auto found = ResolveDataFile("models/topics/reuters.ftz", &error);
  fs::current_path(before);
  ASSERT_TRUE(found.has_value()) << error;
  EXPECT_TRUE(fs::is_regular_file(*found));
}

TEST(DataPathTest, MissingRelativeFileListsThePlacesTried) {
  std::string error;
  EXPECT_FALSE(ResolveDataFile("models/no/such-file.bin", &error).has_value());
  EXPECT_NE(error.find("models/no/such-file.bin: not found (tried "), std::string::npos) << error;
  EXPECT_NE(error.find("share/newsflow/models/no/such-file.bin"), std::string::npos) << error;
}

TEST(DataPathTest, EmptyPathIsAnError) {
  std::string error;
  EXPECT_FALSE(ResolveDataFile("", &error).has_value());
  EXPECT_EQ(error, "no file configured");
}

}  // namespace
}  // namespace newsflow
