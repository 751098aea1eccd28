#include "util/text_lines.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsflow {
namespace {

using Lines = std::vector<std::pair<size_t, std::string>>;

Lines Collect(std::string_view text, size_t stop_at = 0) {
  Lines lines;
  const bool complete = ForEachDataLine(text, [&](std::string_view line, size_t number) {
    lines.emplace_back(number, std::string(line));
    return number != stop_at;
  });
  EXPECT_EQ(complete, stop_at == 0 || lines.empty() || lines.back().first != stop_at);
  return lines;
}

TEST(ForEachDataLineTest, SkipsBlankAndCommentLinesButCountsThem) {
  EXPECT_EQ(Collect("a\tb\n\n# note\r\n  c \r\nd"), (Lines{{1, "a\tb"}, {4, "  c "}, {5, "d"}}));
  EXPECT_EQ(Collect(""), Lines{});
  EXPECT_EQ(Collect("\n\r\n#\n"), Lines{});
  EXPECT_EQ(Collect("x\n"), (Lines{{1, "x"}}));
}

TEST(ForEachDataLineTest, StopsWhenTheCallbackSaysSo) {
  EXPECT_EQ(Collect("a\nb\nc\n", 2), (Lines{{1, "a"}, {2, "b"}}));
}

}  // namespace
}  // namespace newsflow
