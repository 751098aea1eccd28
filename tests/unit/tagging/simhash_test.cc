#include "tagging/simhash.h"

#include <gtest/gtest.h>

#include <string>

namespace newsflow {
namespace {

const char kStory[] =
    "The harbour board approved a plan on Tuesday to build a second container berth, ending "
    "years of debate about the cost. Local crews will start work in March and expect to finish "
    "within thirty months. Traders said shipping prices would ease once the berth opens, and "
    "the board said it would publish the full budget next week after a final review by the "
    "city council and the port authority.";

TEST(SimHashTest, CaseSpacingAndPunctuationDoNotMatter) {
  std::string reflowed = kStory;
  for (char& c : reflowed) {
    if (c == ' ') c = '\n';
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == ',') c = ';';
  }
  EXPECT_EQ(SimHash64(kStory), SimHash64(reflowed));
  EXPECT_EQ(ContentHash(kStory), ContentHash(reflowed));
}

// A news-length text (~400 words): the story plus numbered paragraphs.
std::string LongStory() {
  std::string text = kStory;
  const char* const kSubjects[] = {"the mayor",      "a union leader", "the harbour master",
                                   "shipping lines", "residents",      "the auditor"};
  const char* const kVerbs[] = {"questioned", "welcomed", "criticised", "studied", "praised"};
  for (int i = 0; i < 30; ++i) {
    text += " In remark " + std::to_string(i + 1) + ", " + kSubjects[i % 6] + " " + kVerbs[i % 5] +
            " item " + std::to_string(3 * i + 7) + " of the plan.";
  }
  return text;
}

TEST(SimHashTest, SmallEditIsNearButNotExact) {
  const std::string story = LongStory();
  std::string edited = story;
  edited.replace(edited.find("Tuesday"), 7, "Wednesday");
  EXPECT_NE(ContentHash(story), ContentHash(edited));
  EXPECT_LE(HammingDistance(SimHash64(story), SimHash64(edited)), 3);
}

TEST(SimHashTest, DifferentStoriesAreFarApart) {
  const char other[] =
      "Volunteers at the lighthouse finished restoring the two keepers' cottages, five years "
      "after storms tore off their roofs. The work kept the original slate and iron stoves, and "
      "both cottages will open to visitors in the spring, the trust's chairwoman said on Friday.";
  EXPECT_GT(HammingDistance(SimHash64(kStory), SimHash64(other)), 10);
}

TEST(SimHashTest, EmptyTextHasNoFingerprint) {
  EXPECT_EQ(SimHash64(""), 0u);
  EXPECT_EQ(SimHash64(" ,;. "), 0u);
  EXPECT_EQ(ContentHash("--"), "");
}

TEST(SimHashTest, OtherScriptsAreTokensToo) {
  EXPECT_NE(ContentHash("東京 会議"), ContentHash("大阪 会議"));
  EXPECT_EQ(ContentHash("東京 会議"), ContentHash("東京, 会議!"));
  EXPECT_EQ(ContentHash("x").size(), 16u);
}

// Fingerprints are stored and compared across versions and instances, so
// their values are part of the contract: these were computed by the first
// implementation (one vote per bit per shingle, one std::string per token),
// and every faster one must give them bit for bit.
TEST(SimHashTest, FingerprintValuesAreStableAcrossImplementations) {
  EXPECT_EQ(SimHash64(kStory), 0x8e29c0b9751ab02dULL);
  EXPECT_EQ(ContentHash(kStory), "2cdd6a572a838fc6");
  EXPECT_EQ(SimHash64(LongStory()), 0x5471d3b250f5042bULL);  // > 255 shingles
  EXPECT_EQ(ContentHash(LongStory()), "35fced3af5832168");
  EXPECT_EQ(SimHash64("Harbour"), 0x4525043ccc4dc55eULL);  // one token, no shingle
  EXPECT_EQ(ContentHash("Harbour"), "c0602f56381d794e");
  EXPECT_EQ(SimHash64("東京 会議 Tokyo 2024"), 0x2b7ad2c966731fd7ULL);
  EXPECT_EQ(ContentHash("東京 会議 Tokyo 2024"), "d75d4223ca824fab");
  std::string repeated;  // 300 copies: many blocks of counted shingles
  for (int i = 0; i < 300; ++i) repeated += LongStory() + " ";
  EXPECT_EQ(SimHash64(repeated), 0x5471d3b250f5042bULL);
  EXPECT_EQ(ContentHash(repeated), "b9e4c3533b326d41");
}

TEST(SimHashTest, CapitalsInsideATokenAreLoweredButOtherBytesAreNot) {
  EXPECT_EQ(ContentHash("McDonald iPhone X2B"), ContentHash("mcdonald IPHONE x2b"));
  EXPECT_NE(ContentHash("Éclair"), ContentHash("éclair"));  // only ASCII is case-folded
  EXPECT_NE(ContentHash("mcdonald"), ContentHash("mc donald"));
  // A capital at any place of a long token (tokens are scanned eight bytes
  // at a time), also in the token that ends the text.
  const std::string lower = "internationalisation abcdefghijklmnopq xy";
  for (size_t at = 0; at < lower.size(); ++at) {
    if (lower[at] == ' ') continue;
    std::string upper = lower;
    upper[at] = static_cast<char>(upper[at] - 'a' + 'A');
    EXPECT_EQ(ContentHash(upper), ContentHash(lower)) << upper;
    std::string other = lower;
    other[at] = other[at] == 'z' ? 'y' : static_cast<char>(other[at] + 1);
    EXPECT_NE(ContentHash(other), ContentHash(lower)) << other;
  }
}

TEST(SimHashTest, HammingDistanceCountsBits) {
  EXPECT_EQ(HammingDistance(0, 0), 0);
  EXPECT_EQ(HammingDistance(0, ~uint64_t{0}), 64);
  EXPECT_EQ(HammingDistance(0b1011, 0b0001), 2);
}

}  // namespace
}  // namespace newsflow
