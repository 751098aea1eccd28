#include "util/char_offsets.h"

#include <gtest/gtest.h>

#include <string>

namespace newsflow {
namespace {

TEST(CharOffsetsTest, AsciiTextOffsetsAreUnchanged) {
  const CharOffsets offsets("Hello, world");
  EXPECT_EQ(offsets.ToChar(0), 0u);
  EXPECT_EQ(offsets.ToChar(7), 7u);
  EXPECT_EQ(offsets.ToChar(12), 12u);
}

TEST(CharOffsetsTest, MultiByteCharactersCountOnce) {
  // "é" is 2 bytes, "€" 3, "😀" 4.
  const std::string text = "caf\xC3\xA9 \xE2\x82\xAC 5 \xF0\x9F\x98\x80 ok";
  const CharOffsets offsets(text);
  EXPECT_EQ(offsets.ToChar(text.find(' ')), 4u);    // after "café"
  EXPECT_EQ(offsets.ToChar(text.find("5")), 7u);    // "café € " is 7 characters
  EXPECT_EQ(offsets.ToChar(text.find("ok")), 11u);  // "café € 5 😀 " is 11
  EXPECT_EQ(offsets.ToChar(text.size()), 13u);
}

TEST(CharOffsetsTest, OffsetInsideACharacterMapsToTheNextCharacter) {
  const std::string text = "\xC3\xA9x";  // "éx"
  const CharOffsets offsets(text);
  EXPECT_EQ(offsets.ToChar(0), 0u);
  EXPECT_EQ(offsets.ToChar(1), 1u);
  EXPECT_EQ(offsets.ToChar(2), 1u);
}

TEST(CharOffsetsTest, OffsetsPastTheEndAreClamped) {
  const std::string text = "\xC3\xA9t\xC3\xA9";  // "été"
  const CharOffsets offsets(text);
  EXPECT_EQ(offsets.ToChar(100), 3u);
  EXPECT_EQ(CharOffsets("abc").ToChar(100), 3u);
}

TEST(CharOffsetsTest, LongTextsAgreeWithACountAcrossBlockBoundaries) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += (i % 3 == 0) ? "\xD7\xA9" : "ab";  // Hebrew shin or ASCII
  text += "\xE2\x80\x94";  // ends with a 3-byte dash
  const CharOffsets offsets(text);
  size_t expected = 0;
  for (size_t byte = 0; byte <= text.size(); ++byte) {
    // Counted independently: characters whose first byte is before `byte`.
    EXPECT_EQ(offsets.ToChar(byte), expected) << "byte " << byte;
    if (byte < text.size() && (static_cast<unsigned char>(text[byte]) & 0xC0) != 0x80) ++expected;
  }
}

TEST(CharOffsetsTest, EmptyText) {
  const CharOffsets offsets("");
  EXPECT_EQ(offsets.ToChar(0), 0u);
  EXPECT_EQ(offsets.ToChar(5), 0u);
}

}  // namespace
}  // namespace newsflow
