#include "util/data_path.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace newsflow {
namespace {

namespace fs = std::filesystem;

// One directory per test process: ctest runs test cases in parallel.
fs::path TempDir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("newsflow_data_path_" + std::to_string(getpid())) / name;
  fs::create_directories(dir);
  return dir;
}

TEST(DataPathTest, AbsolutePathIsUsedAsItIs) {
  const fs::path file = TempDir("abs") / "model.bin";
  std::ofstream(file) << "x";
  std::string error;
  EXPECT_EQ(ResolveDataFile(file.string(), &error), file.string());
  EXPECT_FALSE(ResolveDataFile((TempDir("abs") / "missing.bin").string(), &error).has_value());
  EXPECT_NE(error.find("missing.bin: not found"), std::string::npos) << error;
}

TEST(DataPathTest, RelativePathIsFoundUnderNewsflowDataDir) {
  const fs::path dir = TempDir("env");
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
  const fs::path before = fs::current_path();
  fs::current_path(TempDir("cwd"));
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
