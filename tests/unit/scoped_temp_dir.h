// A directory for a test's files, created empty and removed with everything
// in it when the object goes. Its name carries the process id: ctest runs the
// test cases of one program in parallel processes, which must not share it.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

namespace newsflow {

class ScopedTempDir {
 public:
  // ::testing::TempDir() / "<name>-<pid>".
  explicit ScopedTempDir(std::string_view name)
      : path_(std::filesystem::path(::testing::TempDir()) /
              (std::string(name) + "-" + std::to_string(::getpid()))) {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
    std::filesystem::create_directories(path_);
  }
  ~ScopedTempDir() {
    std::error_code error;
    std::filesystem::remove_all(path_, error);
  }
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace newsflow
