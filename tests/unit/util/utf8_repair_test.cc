#include "util/utf8_repair.h"

#include <gtest/gtest.h>

#include <string>

namespace newsflow {
namespace {

const std::string kFffd = "\xEF\xBF\xBD";

TEST(IsValidUtf8Test, AcceptsAsciiAndMultiByteText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));  // é € 😀
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));                           // U+10FFFF
}

TEST(IsValidUtf8Test, RejectsIllFormedSequences) {
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate D800
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\x80"));  // lone continuation byte
}

TEST(RepairUtf8Test, LeavesValidTextUntouched) {
  const std::string text = "caf\xC3\xA9 \xF0\x9F\x98\x80 end";
  const Utf8RepairResult result = RepairUtf8(text);
  EXPECT_EQ(result.text, text);
  EXPECT_EQ(result.invalid_bytes, 0u);
}

TEST(RepairUtf8Test, KeepsValidFourByteSequencesNextToInvalidBytes) {
  const Utf8RepairResult result = RepairUtf8("\xFF\xF0\x9F\x98\x80\xFF");
  EXPECT_EQ(result.text, kFffd + "\xF0\x9F\x98\x80" + kFffd);
  EXPECT_EQ(result.invalid_bytes, 2u);
}

TEST(RepairUtf8Test, ReplacesEachByteOfAnOverlongEncoding) {
  // C0 and C1 can never start a sequence; E0 80 is not a valid prefix.
  EXPECT_EQ(RepairUtf8("a\xC0\x80z").text, "a" + kFffd + kFffd + "z");
  EXPECT_EQ(RepairUtf8("\xC1\xBF").text, kFffd + kFffd);
  const Utf8RepairResult result = RepairUtf8("\xE0\x80\xAF");
  EXPECT_EQ(result.text, kFffd + kFffd + kFffd);
  EXPECT_EQ(result.invalid_bytes, 3u);
}

TEST(RepairUtf8Test, ReplacesEachByteOfAnEncodedSurrogate) {
  const Utf8RepairResult result = RepairUtf8("\xED\xA0\x80");
  EXPECT_EQ(result.text, kFffd + kFffd + kFffd);
  EXPECT_EQ(result.invalid_bytes, 3u);
}

TEST(RepairUtf8Test, ReplacesATruncatedSequenceWithOneCharacter) {
  Utf8RepairResult result = RepairUtf8("x\xE2\x82y");  // E2 82 AC is the euro sign
  EXPECT_EQ(result.text, "x" + kFffd + "y");
  EXPECT_EQ(result.invalid_bytes, 2u);
  result = RepairUtf8("end\xF0\x9F\x98");  // truncated by the end of input
  EXPECT_EQ(result.text, "end" + kFffd);
  EXPECT_EQ(result.invalid_bytes, 3u);
}

TEST(RepairUtf8Test, ReplacesEveryByteFromF5ToFf) {
  for (int b = 0xF5; b <= 0xFF; ++b) {
    const std::string input(1, static_cast<char>(b));
    const Utf8RepairResult result = RepairUtf8(input + "\x80");
    EXPECT_EQ(result.text, kFffd + kFffd) << b;
    EXPECT_EQ(result.invalid_bytes, 2u) << b;
  }
}

TEST(RepairUtf8Test, RejectsCodePointsAboveU10FFFF) {
  EXPECT_EQ(RepairUtf8("\xF4\x90\x80\x80").text, kFffd + kFffd + kFffd + kFffd);
}

// The example of the Unicode Standard (ch. 3, "U+FFFD Substitution of
// Maximal Subparts", Table 3-8): 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64.
TEST(RepairUtf8Test, MatchesTheUnicodeStandardMaximalSubpartExample) {
  const Utf8RepairResult result =
      RepairUtf8("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64");
  EXPECT_EQ(result.text, "a" + kFffd + kFffd + kFffd + "b" + kFffd + "c" + kFffd + kFffd + "d");
  EXPECT_EQ(result.invalid_bytes, 9u);
}

TEST(RepairUtf8Test, OutputIsAlwaysValid) {
  std::string all_bytes;
  for (int b = 0; b < 256; ++b) {
    for (int c = 0x70; c < 0xC8; c += 7) {
      all_bytes.push_back(static_cast<char>(b));
      all_bytes.push_back(static_cast<char>(c));
    }
  }
  const Utf8RepairResult result = RepairUtf8(all_bytes);
  EXPECT_TRUE(IsValidUtf8(result.text));
  EXPECT_GT(result.invalid_bytes, 0u);
  EXPECT_LT(result.invalid_bytes, all_bytes.size());
}

}  // namespace
}  // namespace newsflow
