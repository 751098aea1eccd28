#include "observability/logging.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace newsflow {
namespace {

// Runs `body` with file descriptor 2 redirected to a temporary file and
// returns what was written to it.
template <typename Body>
std::string CaptureStderr(Body body) {
  char path[] = "/tmp/newsflow_logging_test_XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) return "<mkstemp failed>";
  std::fflush(stderr);
  const int saved = dup(2);
  dup2(fd, 2);
  body();
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  close(fd);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::remove(path);
  return text.str();
}

class LoggingTest : public ::testing::Test {
 protected:
  void TearDown() override { SetupLogging("info", "text"); }
};

TEST_F(LoggingTest, JsonFormatWritesOneObjectPerLineToStderr) {
  ASSERT_TRUE(SetupLogging("info", "json"));
  const std::string out = CaptureStderr([] {
    spdlog::info("first \"quoted\"");
    spdlog::debug("filtered out at info");
    spdlog::warn("second");
    spdlog::default_logger()->flush();
  });
  std::istringstream lines(out);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    rapidjson::Document doc;
    doc.Parse(line.c_str());
    ASSERT_FALSE(doc.HasParseError()) << line;
    EXPECT_STREQ(doc["logger"].GetString(), "newsflow");
    EXPECT_STREQ(doc["msg"].GetString(), count == 0 ? "first \"quoted\"" : "second");
    ++count;
  }
  EXPECT_EQ(count, 2) << out;
}

TEST_F(LoggingTest, TextFormatUsesThePlainPattern) {
  ASSERT_TRUE(SetupLogging("debug", "text"));
  const std::string out = CaptureStderr([] {
    spdlog::debug("plain text line");
    spdlog::default_logger()->flush();
  });
  EXPECT_NE(out.find("plain text line"), std::string::npos) << out;
  EXPECT_EQ(out.find('{'), std::string::npos) << out;
  EXPECT_NE(out.find("[newsflow]"), std::string::npos) << out;
}

TEST_F(LoggingTest, LevelIsApplied) {
  ASSERT_TRUE(SetupLogging("warn", "json"));
  EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::warn);
  ASSERT_TRUE(SetupLogging("off", "json"));
  EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::off);
  ASSERT_TRUE(SetupLogging("trace", "text"));
  EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::trace);
}

TEST_F(LoggingTest, UnknownLevelFallsBackToInfoInsteadOfSilence) {
  EXPECT_FALSE(SetupLogging("loud", "json"));
  EXPECT_EQ(spdlog::default_logger()->level(), spdlog::level::info);
}

TEST_F(LoggingTest, UnknownFormatFallsBackToJson) {
  EXPECT_FALSE(SetupLogging("info", "xml"));
  const std::string out = CaptureStderr([] {
    spdlog::info("as json");
    spdlog::default_logger()->flush();
  });
  rapidjson::Document doc;
  doc.Parse(out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << out;
  EXPECT_STREQ(doc["msg"].GetString(), "as json");
}

}  // namespace
}  // namespace newsflow
