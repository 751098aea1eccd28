#include "tagging/ner_lexicon.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "tagging/ner_features.h"

namespace newsflow {
namespace {

const NerWordClass* Find(const NerLexicon& lexicon, std::string_view lowercase) {
  return lexicon.Find(NerWordHash(lowercase));
}

// Text written for this test: three towns in identical contexts, two fruits
// in other contexts.
std::string TownsAndFruits() {
  std::string text;
  for (int i = 0; i < 4; ++i) {
    for (const char* town : {"Oslo", "Bergen", "Tromso"}) {
      text +=
          std::string("We flew to ") + town + " yesterday. They stayed in " + town + ", sadly.\n";
    }
    for (const char* fruit : {"apple", "pear"}) {
      text += std::string("She ate an ") + fruit + " today and a green " + fruit + " later.\n";
    }
  }
  return text;
}

TEST(NerLexiconBuilder, WordsInTheSameContextsShareClustersAndOthersDoNot) {
  NerLexiconBuilder builder;
  builder.AddText(TownsAndFruits());
  const NerLexicon lexicon = builder.Build(/*min_count=*/2, /*seed=*/1);
  const NerWordClass* oslo = Find(lexicon, "oslo");
  const NerWordClass* bergen = Find(lexicon, "bergen");
  const NerWordClass* apple = Find(lexicon, "apple");
  const NerWordClass* pear = Find(lexicon, "pear");
  ASSERT_TRUE(oslo && bergen && apple && pear);
  for (int level = 0; level < kNerClusterLevels; ++level) {
    EXPECT_EQ(oslo->clusters[level], bergen->clusters[level]) << level;
    EXPECT_EQ(apple->clusters[level], pear->clusters[level]) << level;
  }
  EXPECT_NE(oslo->clusters[0], apple->clusters[0]);
  // Deeper levels refine the coarser ones.
  EXPECT_EQ(oslo->clusters[1] / 4, oslo->clusters[0]);
  EXPECT_EQ(oslo->clusters[2] / 4, oslo->clusters[1]);
}

TEST(NerLexiconBuilder, RecordsCapitalizationOutsideSentenceStarts) {
  NerLexiconBuilder builder;
  builder.AddText(TownsAndFruits());
  const NerLexicon lexicon = builder.Build(2, 1);
  EXPECT_EQ(Find(lexicon, "oslo")->caps, 4);   // always capitalized mid-sentence
  EXPECT_EQ(Find(lexicon, "apple")->caps, 1);  // always lowercase
  // "We", "They", "She" only start sentences: no evidence.
  ASSERT_NE(Find(lexicon, "she"), nullptr);
  EXPECT_EQ(Find(lexicon, "she")->caps, 0);
}

TEST(NerLexiconBuilder, DropsRareWordsAndSplitsPunctuationButNotAbbreviations) {
  NerLexiconBuilder builder;
  builder.AddText(
      "The U.S. team (and Kenya's) won, twice. The U.S. team (and Kenya's) won, again.");
  const NerLexicon lexicon = builder.Build(2, 1);
  EXPECT_NE(Find(lexicon, "u.s."), nullptr);
  EXPECT_NE(Find(lexicon, "kenya"), nullptr);
  EXPECT_NE(Find(lexicon, "won"), nullptr);
  EXPECT_NE(Find(lexicon, "("), nullptr);
  EXPECT_EQ(Find(lexicon, "won,"), nullptr);
  EXPECT_EQ(Find(lexicon, "twice"), nullptr);  // seen once
}

TEST(NerLexicon, SerializeParseRoundTripAndTruncationIsRejected) {
  NerLexicon lexicon;
  NerWordClass word_class;
  word_class.clusters[0] = 3;
  word_class.clusters[1] = 13;
  word_class.clusters[2] = 55;
  word_class.caps = 4;
  lexicon.Set(NerWordHash("oslo"), word_class);
  lexicon.Set(NerWordHash("pear"), NerWordClass{});
  std::string bytes;
  lexicon.Serialize(&bytes);
  NerLexicon parsed;
  size_t pos = 0;
  ASSERT_TRUE(parsed.Parse(bytes, &pos));
  EXPECT_EQ(pos, bytes.size());
  EXPECT_EQ(parsed.size(), 2u);
  ASSERT_NE(Find(parsed, "oslo"), nullptr);
  EXPECT_EQ(Find(parsed, "oslo")->clusters[2], 55);
  EXPECT_EQ(Find(parsed, "oslo")->caps, 4);
  pos = 0;
  EXPECT_FALSE(parsed.Parse(std::string_view(bytes).substr(0, bytes.size() - 1), &pos));
}

TEST(NerGazetteer, KeepsTypeBitsPerPhraseAndRoundTrips) {
  NerGazetteer gazetteer;
  const uint64_t jordan = NerPhraseHash(0, NerWordHash("jordan"));
  gazetteer.Add(jordan, 1);  // PER
  gazetteer.Add(jordan, 3);  // LOC
  EXPECT_EQ(gazetteer.Find(jordan), 0b101);
  EXPECT_EQ(gazetteer.Find(NerPhraseHash(jordan, NerWordHash("river"))), 0);
  std::string bytes;
  gazetteer.Serialize(&bytes);
  NerGazetteer parsed;
  size_t pos = 0;
  ASSERT_TRUE(parsed.Parse(bytes, &pos));
  EXPECT_EQ(parsed.Find(jordan), 0b101);
  bytes.back() = 0;  // no type bits: invalid
  pos = 0;
  EXPECT_FALSE(parsed.Parse(bytes, &pos));
  bytes.back() = 0x21;  // an unknown bit: invalid
  pos = 0;
  EXPECT_FALSE(parsed.Parse(bytes, &pos));
}

TEST(NerGazetteer, AddNameMarksThePrefixesOfLongerNames) {
  NerGazetteer gazetteer;
  const uint64_t words[] = {NerWordHash("new"), NerWordHash("york"), NerWordHash("times")};
  gazetteer.AddName(words, 2);                      // ORG "new york times"
  gazetteer.AddName(std::span(words).first(2), 3);  // LOC "new york"
  const uint64_t new_ = NerPhraseHash(0, words[0]);
  const uint64_t new_york = NerPhraseHash(new_, words[1]);
  EXPECT_EQ(gazetteer.Find(new_), kNerGazetteerPrefix);
  EXPECT_EQ(gazetteer.Find(new_york), kNerGazetteerPrefix | 0b100);
  EXPECT_EQ(gazetteer.Find(NerPhraseHash(new_york, words[2])), 0b10);
  EXPECT_EQ(gazetteer.Find(NerPhraseHash(0, words[1])), 0);
  EXPECT_EQ(gazetteer.size(), 3u);
  EXPECT_EQ(gazetteer.name_count(), 2u);
  // A prefix flag round-trips; names of more than six words are skipped.
  std::string bytes;
  gazetteer.Serialize(&bytes);
  NerGazetteer parsed;
  size_t pos = 0;
  ASSERT_TRUE(parsed.Parse(bytes, &pos));
  EXPECT_EQ(parsed.Find(new_), kNerGazetteerPrefix);
  const uint64_t seven[7] = {1, 2, 3, 4, 5, 6, 7};
  parsed.AddName(seven, 1);
  EXPECT_EQ(parsed.size(), 3u);
}

TEST(NerGazetteer, FindsEveryPhraseThroughGrowthAndCollidingSlots) {
  NerGazetteer gazetteer;
  // Hashes equal in their low bits land in the same slot and probe on.
  std::vector<uint64_t> hashes;
  for (uint64_t i = 1; i <= 3000; ++i) hashes.push_back(i << 20);
  for (size_t i = 0; i < hashes.size(); ++i) gazetteer.Add(hashes[i], 1 + static_cast<int>(i % 4));
  EXPECT_EQ(gazetteer.size(), hashes.size());
  for (size_t i = 0; i < hashes.size(); ++i) {
    ASSERT_EQ(gazetteer.Find(hashes[i]), 1u << (i % 4)) << i;
  }
  EXPECT_EQ(gazetteer.Find(3001 << 20), 0);
  EXPECT_EQ(gazetteer.Find(0), 0);
  EXPECT_EQ(NerGazetteer().Find(hashes[0]), 0);
  // Serialization is sorted, so it does not depend on the table's layout.
  NerGazetteer reversed;
  for (size_t i = hashes.size(); i-- > 0;) reversed.Add(hashes[i], 1 + static_cast<int>(i % 4));
  std::string a, b;
  gazetteer.Serialize(&a);
  reversed.Serialize(&b);
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace newsflow
