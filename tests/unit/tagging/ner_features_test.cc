#include "tagging/ner_features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {
namespace {

std::string Shape(std::string_view word, int max_run) {
  std::string out;
  NerWordShape(word, max_run, &out);
  return out;
}

std::string Lower(std::string_view word) {
  std::string out;
  NerLowercase(word, &out);
  return out;
}

TEST(NerWordShape, MapsCharacterClassesAndCapsRuns) {
  EXPECT_EQ(Shape("Reuters", 1), "Xx");
  EXPECT_EQ(Shape("Reuters", 4), "Xxxxx");
  EXPECT_EQ(Shape("NATO", 1), "X");
  EXPECT_EQ(Shape("1996-08-30", 4), "dddd-dd-dd");
  EXPECT_EQ(Shape("U.S.", 1), "X.X.");
  EXPECT_EQ(Shape("Al-Ahram", 1), "Xx-Xx");
  EXPECT_EQ(Shape("Zürich", 1), "Xx");  // non-ASCII lowercase letter
  EXPECT_EQ(Shape("Łódź", 4), "Xxxx");  // non-ASCII capital
  EXPECT_EQ(Shape("東京", 1), "l");     // uncased letters
  EXPECT_EQ(Shape("🙂", 1), "~");     // symbols
  EXPECT_NE(Shape("nato", 1), Shape("NATO", 1));
}

TEST(NerWordShape, IsBoundedOnHugeTokens) {
  EXPECT_LE(Shape(std::string(1 << 20, 'a') + "B", 4).size(), 24u);
  EXPECT_LE(Shape(std::string("a1", 2).append(std::string(100000, '.')), 100000).size(), 24u);
}

TEST(NerLowercase, LowercasesAsciiAndUnicodeAndKeepsInvalidBytes) {
  EXPECT_EQ(Lower("LONDON"), "london");
  EXPECT_EQ(Lower("ÉCOLE"), "école");
  EXPECT_EQ(Lower("already lower"), "already lower");
  EXPECT_EQ(Lower(std::string_view("A\xff", 2)), std::string("a\xff"));
}

TEST(NerTags, NamesRoundTripAndIob2ConstraintHolds) {
  for (int t = 0; t < kNerTagCount; ++t) EXPECT_EQ(NerTagFromName(NerTagName(t)), t);
  EXPECT_FALSE(NerTagFromName("B-FOO").has_value());
  const int b_per = *NerTagFromName("B-PER");
  const int i_per = *NerTagFromName("I-PER");
  const int i_loc = *NerTagFromName("I-LOC");
  EXPECT_TRUE(NerTransitionAllowed(b_per, i_per));
  EXPECT_TRUE(NerTransitionAllowed(i_per, i_per));
  EXPECT_FALSE(NerTransitionAllowed(0, i_per));      // I- after O
  EXPECT_FALSE(NerTransitionAllowed(-1, i_per));     // I- at sentence start
  EXPECT_FALSE(NerTransitionAllowed(b_per, i_loc));  // I- of another type
  EXPECT_TRUE(NerTransitionAllowed(0, b_per));
}

std::vector<uint32_t> TokenFeatures(const NerSentenceFeatures& f, size_t i) {
  std::vector<uint32_t> ids(f.ids.begin() + f.offsets[i], f.ids.begin() + f.offsets[i + 1]);
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST(NerFeatureExtractor, GivesEachTokenItsFeaturesWithinTheBucketRange) {
  NerFeatureExtractor extractor(12, nullptr);
  const std::vector<std::vector<std::string_view>> doc = {{"Anna", "met", "Bo", "."}};
  extractor.BeginDocument(doc);
  NerSentenceFeatures f;
  extractor.Extract(doc[0], &f);
  ASSERT_EQ(f.offsets.size(), 5u);
  EXPECT_EQ(f.offsets.back(), f.ids.size());
  for (size_t i = 0; i < 4; ++i) EXPECT_GT(f.offsets[i + 1], f.offsets[i] + 20);
  for (uint32_t id : f.ids) EXPECT_LT(id, 1u << 12);
}

TEST(NerFeatureExtractor, FeaturesDependOnContextAndDocumentCase) {
  NerFeatureExtractor extractor(20, nullptr);
  NerSentenceFeatures a;
  NerSentenceFeatures b;
  // Same word, same sentence; the document differs in whether "Stone"
  // appears capitalized mid-sentence elsewhere.
  const std::vector<std::vector<std::string_view>> capitalized = {
      {"STONE", "WINS"}, {"Yesterday", "Stone", "won", "."}};
  const std::vector<std::vector<std::string_view>> lowercase = {
      {"STONE", "WINS"}, {"Yesterday", "a", "stone", "fell", "."}};
  extractor.BeginDocument(capitalized);
  extractor.Extract(capitalized[0], &a);
  extractor.BeginDocument(lowercase);
  extractor.Extract(lowercase[0], &b);
  EXPECT_NE(TokenFeatures(a, 0), TokenFeatures(b, 0));
  // Without the document evidence the features are identical.
  extractor.BeginDocument(capitalized);
  extractor.Extract(capitalized[0], &a);
  extractor.BeginDocument(capitalized);
  extractor.Extract(capitalized[0], &b);
  EXPECT_EQ(TokenFeatures(a, 0), TokenFeatures(b, 0));
}

TEST(NerFeatureExtractor, RecordedTagsChangeLaterFeaturesOfTheSameWord) {
  NerFeatureExtractor extractor(20, nullptr);
  const std::vector<std::vector<std::string_view>> doc = {{"Kell", "spoke"}, {"Kell", "left"}};
  NerSentenceFeatures before;
  NerSentenceFeatures after;
  extractor.BeginDocument(doc);
  extractor.Extract(doc[1], &before);
  const std::vector<uint8_t> tags = {static_cast<uint8_t>(*NerTagFromName("B-PER")), 0};
  extractor.RecordTags(doc[0], tags);
  extractor.Extract(doc[1], &after);
  EXPECT_NE(TokenFeatures(before, 0), TokenFeatures(after, 0));
  // A new document forgets the history.
  extractor.BeginDocument(doc);
  extractor.Extract(doc[1], &after);
  EXPECT_EQ(TokenFeatures(before, 0), TokenFeatures(after, 0));
}

TEST(NerFeatureExtractor, LexiconAddsWordClassFeaturesOnlyForKnownWords) {
  NerLexicon lexicon;
  NerWordClass town;
  town.clusters[0] = 1;
  town.caps = 4;
  lexicon.Set(NerWordHash("bergen"), town);
  NerFeatureExtractor plain(20, nullptr);
  NerFeatureExtractor with_lexicon(20, &lexicon);
  const std::vector<std::vector<std::string_view>> doc = {{"to", "Bergen"}};
  NerSentenceFeatures a;
  NerSentenceFeatures b;
  plain.BeginDocument(doc);
  plain.Extract(doc[0], &a);
  with_lexicon.BeginDocument(doc);
  with_lexicon.Extract(doc[0], &b);
  EXPECT_GT(b.ids.size(), a.ids.size());
  // Against a lexicon without "bergen": a known word's features change, an
  // unknown word's do not.
  NerLexicon other_lexicon;
  other_lexicon.Set(NerWordHash("oslo"), town);
  NerFeatureExtractor with_other(20, &other_lexicon);
  NerSentenceFeatures c;
  with_other.BeginDocument(doc);
  with_other.Extract(doc[0], &c);
  EXPECT_NE(TokenFeatures(b, 1), TokenFeatures(c, 1));
  const std::vector<std::vector<std::string_view>> unknown = {{"to", "Haugesund"}};
  with_lexicon.BeginDocument(unknown);
  with_lexicon.Extract(unknown[0], &b);
  with_other.BeginDocument(unknown);
  with_other.Extract(unknown[0], &c);
  EXPECT_EQ(TokenFeatures(b, 1), TokenFeatures(c, 1));
  // An empty lexicon is the same as none.
  NerLexicon empty;
  NerFeatureExtractor with_empty(20, &empty);
  with_empty.BeginDocument(doc);
  with_empty.Extract(doc[0], &c);
  EXPECT_EQ(TokenFeatures(a, 1), TokenFeatures(c, 1));
}

uint64_t Phrase(std::initializer_list<std::string_view> words) {
  uint64_t h = 0;
  for (std::string_view w : words) h = NerPhraseHash(h, NerWordHash(w));
  return h;
}

TEST(NerFeatureExtractor, GazetteerMarksTheLongestKnownNameFromACapitalizedWord) {
  NerGazetteer short_names;
  short_names.Add(Phrase({"new", "york"}), 3);
  NerGazetteer long_names = short_names;
  long_names.Add(Phrase({"new", "york", "stock", "exchange"}), 2);
  NerFeatureExtractor extractor(20, nullptr);
  const std::vector<std::vector<std::string_view>> doc = {
      {"the", "New", "York", "Stock", "Exchange", "rose"}, {"a", "new", "york", "stock"}};
  auto features = [&](const NerGazetteer* gazetteer, size_t sentence, size_t token) {
    extractor.SetGazetteer(gazetteer);
    extractor.BeginDocument(doc);
    NerSentenceFeatures f;
    extractor.Extract(doc[sentence], &f);
    return TokenFeatures(f, token);
  };
  // "Stock" is inside the long name only.
  EXPECT_EQ(features(nullptr, 0, 3), features(&short_names, 0, 3));
  EXPECT_NE(features(&short_names, 0, 3), features(&long_names, 0, 3));
  // "New" is in a name either way, but a different one.
  EXPECT_NE(features(nullptr, 0, 1), features(&short_names, 0, 1));
  EXPECT_NE(features(&short_names, 0, 1), features(&long_names, 0, 1));
  // Lowercase words do not start a name.
  EXPECT_EQ(features(nullptr, 1, 1), features(&long_names, 1, 1));
}

}  // namespace
}  // namespace newsflow
