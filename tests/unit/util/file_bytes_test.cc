#include "util/file_bytes.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/unit/scoped_temp_dir.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;

class ReadFileBytesTest : public ::testing::Test {
 protected:
  ScopedTempDir temp_{"file_bytes_test"};
  const fs::path& dir_ = temp_.path();
};

TEST_F(ReadFileBytesTest, ReadsEveryByteAsItIs) {
  const std::string bytes = std::string("line\r\nNUL\0here\xff\xfe", 17) + std::string(100000, 'x');
  {
    std::ofstream out(dir_ / "a.bin", std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  std::string read = "previous";
  ASSERT_TRUE(ReadFileBytes(dir_ / "a.bin", &read));
  EXPECT_EQ(read, bytes);
  { std::ofstream empty(dir_ / "empty.txt"); }
  ASSERT_TRUE(ReadFileBytes(dir_ / "empty.txt", &read));
  EXPECT_EQ(read, "");
}

TEST_F(ReadFileBytesTest, MissingFilesAndDirectoriesAreErrorsThatLeaveTheOutputAlone) {
  std::string read = "kept";
  EXPECT_FALSE(ReadFileBytes(dir_ / "missing.txt", &read));
  EXPECT_FALSE(ReadFileBytes(dir_, &read));
  EXPECT_EQ(read, "kept");
}

}  // namespace
}  // namespace newsflow
