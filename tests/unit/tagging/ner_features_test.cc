#include "tagging/ner_features.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
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

// The features of one token of `doc`'s sentence `sentence`, the document
// begun afresh (no prediction history).
std::vector<uint32_t> DocumentTokenFeatures(NerFeatureExtractor* extractor,
                                            const std::vector<std::vector<std::string_view>>& doc,
                                            size_t sentence, size_t token) {
  extractor->BeginDocument(doc);
  NerSentenceFeatures f;
  extractor->Extract(doc[sentence], &f);
  return TokenFeatures(f, token);
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

TEST(NerFeatureExtractor, OtherCapitalizedOccurrencesLendTheirNeighbours) {
  NerFeatureExtractor extractor(20, nullptr);
  using Doc = std::vector<std::vector<std::string_view>>;
  const std::vector<std::string_view> talks = {"Talks", "with", "Kell", "ended"};
  auto kell = [&](const Doc& doc) { return DocumentTokenFeatures(&extractor, doc, 0, 2); };
  // The word before another capitalized "Kell" changes this one's features.
  EXPECT_NE(kell({talks, {"Mr", "Kell", "left"}}), kell({talks, {"The", "Kell", "left"}}));
  // So do the word after it and the words two places away.
  EXPECT_NE(kell({talks, {"Mr", "Kell", "left"}}), kell({talks, {"Mr", "Kell", "stayed"}}));
  EXPECT_NE(kell({talks, {"Mr", "Kell", "left", "early"}}),
            kell({talks, {"Mr", "Kell", "left", "late"}}));
  EXPECT_NE(kell({talks, {"Says", "Mr", "Kell"}}), kell({talks, {"Asks", "Mr", "Kell"}}));
  // A lowercase occurrence lends nothing (only its case counts), nor does
  // another sentence without the word.
  EXPECT_EQ(kell({talks, {"a", "kell", "left"}}), kell({talks, {"the", "kell", "stayed"}}));
  EXPECT_EQ(kell({talks}), kell({talks, {"Nothing", "here"}}));
  // One capitalized occurrence has no such features; from two on, each
  // distinct neighbour counts once, its own ones included.
  EXPECT_NE(kell({talks}), kell({talks, {"with", "Kell", "ended"}}));
  EXPECT_EQ(kell({talks, {"with", "Kell", "ended"}}),
            kell({talks, {"with", "Kell", "ended"}, {"with", "Kell", "ended"}}));
  // The first four distinct words at each place count, the later ones
  // not: before it, "<S>" of the one-word sentence, then x1, x2, x3.
  auto alone = [&](std::string_view fourth, std::string_view fifth) {
    return DocumentTokenFeatures(&extractor,
                                 {{"Kell"},
                                  {"x1", "Kell"},
                                  {"x2", "Kell"},
                                  {"x3", "Kell"},
                                  {fourth, "Kell"},
                                  {fifth, "Kell"}},
                                 0, 0);
  };
  EXPECT_EQ(alone("x4", "x5"), alone("x6", "x7"));
  EXPECT_NE(alone("x4", "x5"),
            DocumentTokenFeatures(&extractor, {{"Kell"}, {"x1", "Kell"}, {"x2", "Kell"}}, 0, 0));
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

// Adds a name of lowercase words as the trainer does (prefixes marked).
void AddName(NerGazetteer* gazetteer, std::initializer_list<std::string_view> words, int type) {
  std::vector<uint64_t> hashes;
  for (std::string_view w : words) hashes.push_back(NerWordHash(w));
  gazetteer->AddName(hashes, type);
}

TEST(NerFeatureExtractor, GazetteerMarksTheLongestKnownNameFromACapitalizedWord) {
  NerGazetteer short_names;
  AddName(&short_names, {"new", "york"}, 3);
  NerGazetteer long_names = short_names;
  AddName(&long_names, {"new", "york", "stock", "exchange"}, 2);
  NerFeatureExtractor extractor(20, nullptr);
  const std::vector<std::vector<std::string_view>> doc = {
      {"the", "New", "York", "Stock", "Exchange", "rose"}, {"a", "new", "york", "stock"}};
  auto features = [&](const NerGazetteer* gazetteer, size_t sentence, size_t token) {
    extractor.SetGazetteer(gazetteer);
    return DocumentTokenFeatures(&extractor, doc, sentence, token);
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

TEST(NerFeatureExtractor, KnowledgeGivesDictionaryFeaturesToEveryWord) {
  NerKnowledge dictionary;
  dictionary.AddDictionary("Ames\nrain\n");
  NerKnowledge other;
  other.AddDictionary("ames\nrain\n");
  NerFeatureExtractor extractor(20, nullptr);
  const std::vector<std::vector<std::string_view>> doc = {{"Ames", "said", "rain", "fell"}};
  auto features = [&](const NerKnowledge* knowledge, size_t token) {
    extractor.SetKnowledge(knowledge);
    return DocumentTokenFeatures(&extractor, doc, 0, token);
  };
  // Listed capitalized or lowercase: different features, and different from
  // none.
  EXPECT_NE(features(&dictionary, 0), features(&other, 0));
  EXPECT_NE(features(nullptr, 0), features(&dictionary, 0));
  // "said" sees its neighbours' entries; "fell" is unlisted and its
  // neighbour "rain" is listed alike in both.
  EXPECT_NE(features(&dictionary, 1), features(&other, 1));
  EXPECT_EQ(features(&dictionary, 3), features(&other, 3));
  // An empty knowledge is no knowledge.
  const NerKnowledge empty;
  EXPECT_EQ(features(nullptr, 0), features(&empty, 0));
}

TEST(NerFeatureExtractor, PersonNamesGiveFeaturesToTheWordAndItsNeighbours) {
  NerKnowledge plain;
  plain.AddDictionary("said\n");
  NerKnowledge given = plain;
  std::string error;
  ASSERT_TRUE(given.AddPersonNames("given\tWilfried\n", &error)) << error;
  NerKnowledge family = plain;
  ASSERT_TRUE(family.AddPersonNames("family\tWilfried\n", &error)) << error;
  NerFeatureExtractor extractor(20, nullptr);
  const std::vector<std::vector<std::string_view>> doc = {{"Wilfried", "Ivanov", "said", "so", "."},
                                                          {"WILFRIED", "IVANOV", "LEAVES"}};
  auto features = [&](const NerKnowledge* knowledge, size_t sentence, size_t token) {
    extractor.SetKnowledge(knowledge);
    return DocumentTokenFeatures(&extractor, doc, sentence, token);
  };
  // The listed word, as a given or a family name, in text and in a
  // headline; and the words beside it.
  for (size_t sentence : {0u, 1u}) {
    EXPECT_NE(features(&plain, sentence, 0), features(&given, sentence, 0)) << sentence;
    EXPECT_NE(features(&given, sentence, 0), features(&family, sentence, 0)) << sentence;
    EXPECT_NE(features(&plain, sentence, 1), features(&given, sentence, 1)) << sentence;
  }
  // Two words away nothing changes.
  EXPECT_EQ(features(&plain, 0, 2), features(&given, 0, 2));
  EXPECT_EQ(features(&plain, 0, 3), features(&given, 0, 3));
}

TEST(NerFeatureExtractor, KnowledgeMarksTheLongestNameFromACapitalizedWord) {
  NerKnowledge words;
  words.AddDictionary("north\nsea\nNorth\n");
  NerKnowledge names = words;
  names.AddName("North Sea", kNerNameRegion);
  names.AddName("North", kNerNameSubdivision);
  NerKnowledge prefix_only = words;
  prefix_only.AddName("North Sea Canal Company", kNerNameRegion);
  NerFeatureExtractor extractor(20, nullptr);
  const std::vector<std::vector<std::string_view>> doc = {
      {"the", "North", "Sea", "rose"}, {"north", "sea", "winds"}, {"the", "North", "winds"}};
  auto features = [&](const NerKnowledge* knowledge, size_t sentence, size_t token) {
    extractor.SetKnowledge(knowledge);
    return DocumentTokenFeatures(&extractor, doc, sentence, token);
  };
  // Both words of the capitalized name are marked, and "North" alone is
  // another name than "North Sea".
  EXPECT_NE(features(&words, 0, 1), features(&names, 0, 1));
  EXPECT_NE(features(&words, 0, 2), features(&names, 0, 2));
  EXPECT_NE(features(&words, 2, 1), features(&names, 2, 1));  // "North" alone
  EXPECT_EQ(features(&words, 0, 3), features(&names, 0, 3));
  // Lowercase words start no name; the first words of a longer name that
  // the text does not complete are no name.
  EXPECT_EQ(features(&words, 1, 0), features(&names, 1, 0));
  EXPECT_EQ(features(&words, 1, 1), features(&names, 1, 1));
  EXPECT_EQ(features(&words, 0, 1), features(&prefix_only, 0, 1));
  EXPECT_EQ(features(&words, 0, 2), features(&prefix_only, 0, 2));
}

// Score() against Extract(): the summed weights of every feature Extract()
// gives each word, over a random weight table.
class NerScoreTest : public ::testing::Test {
 protected:
  static constexpr uint32_t kBits = 12;

  NerScoreTest() : weights_((size_t{1} << kBits) * kNerTagCount) {
    std::mt19937 rng(11);
    std::uniform_int_distribution<int> weight(-3000, 3000);
    for (int16_t& w : weights_) w = static_cast<int16_t>(weight(rng));
    // A third of the rows all zero, as most buckets of a trained model: the
    // sparse table skips them.
    for (size_t b = 0; b < (size_t{1} << kBits); b += 3) {
      std::fill_n(weights_.begin() + static_cast<ptrdiff_t>(b * kNerTagCount), kNerTagCount, 0);
    }
    table_ = NerWeightTable::FromDense(kBits, weights_);
    NerWordClass town;
    town.clusters[0] = 1;
    town.clusters[1] = 5;
    town.clusters[2] = 21;
    town.caps = 4;
    lexicon_.Set(NerWordHash("bergen"), town);
    NerWordClass verb;
    verb.clusters[1] = 7;
    verb.caps = 1;
    lexicon_.Set(NerWordHash("sailed"), verb);
    AddName(&gazetteer_, {"north", "sea"}, 3);
    knowledge_.AddDictionary("Bergen\nferry\nstar\nStar\nsail\nsailed\nthe\nSTAR\n");
    std::string error;
    EXPECT_TRUE(
        knowledge_.AddPersonNames("given\tNordlys\nfamily\tBergen\ngiven\tFerry\n", &error));
    knowledge_.AddName("Bergen", kNerNameCity);
    knowledge_.AddName("North Sea", kNerNameRegion);
    knowledge_.AddName("U.S.", kNerNameCountry);
    knowledge_.AddName("Nordlys Star Line", kNerNameRegion);  // only a prefix in the text
  }

  std::vector<int32_t> Expected(const NerSentenceFeatures& f) const {
    std::vector<int32_t> sums((f.offsets.size() - 1) * kNerTagCount, 0);
    for (size_t i = 0; i + 1 < f.offsets.size(); ++i) {
      for (uint32_t k = f.offsets[i]; k < f.offsets[i + 1]; ++k) {
        for (int t = 0; t < kNerTagCount; ++t) {
          sums[i * kNerTagCount + t] += weights_[f.ids[k] * kNerTagCount + t];
        }
      }
    }
    return sums;
  }

  // Runs `doc` through `scored` (Score) and a plain extractor (Extract) with
  // the same recorded tags; counts the sentences whose scores differ.
  // RecordScoredTags, or RecordTags when `record_words`; ScoreDocumentSentence
  // instead of Score when `by_index`.
  int Mismatches(NerFeatureExtractor* scored, const std::vector<std::vector<std::string_view>>& doc,
                 bool record_words = false, bool by_index = false) {
    NerFeatureExtractor plain(kBits, &lexicon_);
    plain.SetGazetteer(&gazetteer_);
    plain.SetKnowledge(knowledge_to_use_);
    scored->SetGazetteer(&gazetteer_);
    scored->SetKnowledge(knowledge_to_use_);
    scored->SetWeights(&table_);
    plain.BeginDocument(doc);
    scored->BeginDocument(doc);
    int mismatches = 0;
    NerSentenceFeatures f;
    std::vector<int32_t> sums;
    for (size_t s = 0; s < doc.size(); ++s) {
      const auto& sentence = doc[s];
      plain.Extract(sentence, &f);
      if (by_index) {
        scored->ScoreDocumentSentence(s, &sums);
      } else {
        scored->Score(sentence, &sums);
      }
      if (sums != Expected(f)) ++mismatches;
      std::vector<uint8_t> tags(sentence.size());
      for (size_t i = 0; i < tags.size(); ++i) tags[i] = static_cast<uint8_t>(i % kNerTagCount);
      plain.RecordTags(sentence, tags);
      if (record_words) {
        scored->RecordTags(sentence, tags);
      } else {
        scored->RecordScoredTags(tags);
      }
    }
    return mismatches;
  }

  std::vector<int16_t> weights_;  // dense, for Expected()
  NerWeightTable table_;          // the same weights, as Score() reads them
  NerLexicon lexicon_;
  NerGazetteer gazetteer_;
  NerKnowledge knowledge_;
  const NerKnowledge* knowledge_to_use_ = &knowledge_;
};

// Words written for this test; a headline, a first word, a capitalized run,
// a gazetteer name, lexicon words, repeated words and non-Latin words.
const std::vector<std::vector<std::string_view>> kScoreDoc = {
    {"FERRY", "SAILS", "TO", "BERGEN"},
    {"The", "ferry", "Nordlys", "Star", "sailed", "to", "Bergen", "across", "the", "North", "Sea",
     "."},
    {"Bergen", "port", "said", "the", "ferry", "sailed", "on", "time", "."},
    {"東京", "🙂", "Ferry", "nordlys", "STAR", "1996-08-30", "U.S.", "\xff"},
    {"the"},
    {}};

TEST_F(NerScoreTest, ScoreEqualsTheSumOfExtractedFeaturesColdAndWarm) {
  NerFeatureExtractor scored(kBits, &lexicon_);
  EXPECT_EQ(Mismatches(&scored, kScoreDoc), 0);  // cold cache
  EXPECT_GT(scored.cached_words(), 10u);
  const size_t cached = scored.cached_words();
  EXPECT_EQ(Mismatches(&scored, kScoreDoc, true), 0);  // warm: every word cached
  EXPECT_EQ(scored.cached_words(), cached);
  EXPECT_EQ(scored.cache_clears(), 0u);
}

TEST_F(NerScoreTest, ScoreDocumentSentenceEqualsTheSumOfExtractedFeatures) {
  NerFeatureExtractor scored(kBits, &lexicon_);
  EXPECT_EQ(Mismatches(&scored, kScoreDoc, false, true), 0);  // cold cache
  EXPECT_EQ(Mismatches(&scored, kScoreDoc, true, true), 0);   // warm
  EXPECT_EQ(scored.cache_clears(), 0u);
  // Caches emptied while the document is read or scored: the lookups made
  // before are not reused.
  NerFeatureExtractor small(kBits, &lexicon_, 4);
  EXPECT_EQ(Mismatches(&small, kScoreDoc, false, true), 0);
  EXPECT_GT(small.cache_clears(), 0u);
  NerFeatureExtractor tiny(kBits, &lexicon_, 1);
  EXPECT_EQ(Mismatches(&tiny, kScoreDoc, false, true), 0);
  // Words too long to cache are looked up again.
  const std::string over_limit = "Q" + std::string(kNerMaxCachedWordBytes, 'q');
  const std::vector<std::vector<std::string_view>> doc = {{"Ferry", over_limit, "sailed"},
                                                          {"Ferry", "sailed"}};
  NerFeatureExtractor with_long(kBits, &lexicon_);
  EXPECT_EQ(Mismatches(&with_long, doc, false, true), 0);
}

TEST_F(NerScoreTest, ScoreDocumentSentenceAfterOtherKnowledgeLooksTheWordsUpAgain) {
  // Setting other knowledge empties the cache between BeginDocument and the
  // scores: the entries BeginDocument found are gone (ASan reported reads
  // past the emptied cache when only a full cache invalidated them).
  NerFeatureExtractor scored(kBits, &lexicon_);
  scored.SetGazetteer(&gazetteer_);
  scored.SetKnowledge(&knowledge_);
  scored.SetWeights(&table_);
  scored.BeginDocument(kScoreDoc);
  scored.SetKnowledge(nullptr);
  std::vector<int32_t> by_index;
  scored.ScoreDocumentSentence(1, &by_index);
  NerFeatureExtractor fresh(kBits, &lexicon_);
  fresh.SetGazetteer(&gazetteer_);
  fresh.SetWeights(&table_);
  fresh.BeginDocument(kScoreDoc);
  std::vector<int32_t> expected;
  fresh.Score(kScoreDoc[1], &expected);
  EXPECT_EQ(by_index, expected);
}

TEST_F(NerScoreTest, ScoreEqualsTheSumOfExtractedFeaturesWithoutKnowledge) {
  knowledge_to_use_ = nullptr;
  NerFeatureExtractor scored(kBits, &lexicon_);
  EXPECT_EQ(Mismatches(&scored, kScoreDoc), 0);
  EXPECT_EQ(Mismatches(&scored, kScoreDoc, true), 0);
}

TEST_F(NerScoreTest, SettingOtherKnowledgeEmptiesTheCacheAndChangesScores) {
  NerFeatureExtractor scored(kBits, &lexicon_);
  EXPECT_EQ(Mismatches(&scored, kScoreDoc), 0);
  EXPECT_GT(scored.cached_words(), 0u);
  std::vector<int32_t> with;
  scored.BeginDocument(kScoreDoc);
  scored.Score(kScoreDoc[1], &with);
  // The same knowledge again keeps the cache; none empties it.
  const size_t cached = scored.cached_words();
  scored.SetKnowledge(&knowledge_);
  EXPECT_EQ(scored.cached_words(), cached);
  scored.SetKnowledge(nullptr);
  EXPECT_EQ(scored.cached_words(), 0u);
  std::vector<int32_t> without;
  scored.BeginDocument(kScoreDoc);
  scored.Score(kScoreDoc[1], &without);
  EXPECT_NE(with, without);
}

TEST_F(NerScoreTest, ScoreDiffersFromAnotherWeightTable) {
  // The comparison can fail: scores of other weights do not match.
  NerFeatureExtractor scored(kBits, &lexicon_);
  std::vector<int16_t> other = weights_;
  for (int16_t& w : other) w = static_cast<int16_t>(w / 2);
  const NerWeightTable other_table = NerWeightTable::FromDense(kBits, other);
  scored.SetWeights(&other_table);
  scored.BeginDocument(kScoreDoc);
  std::vector<int32_t> sums;
  scored.Score(kScoreDoc[1], &sums);
  NerFeatureExtractor plain(kBits, &lexicon_);
  plain.BeginDocument(kScoreDoc);
  NerSentenceFeatures f;
  plain.Extract(kScoreDoc[1], &f);
  EXPECT_NE(sums, Expected(f));
  // Setting the right table again empties the cache and gives the right sums.
  scored.SetWeights(&table_);
  EXPECT_EQ(scored.cached_words(), 0u);
  scored.Score(kScoreDoc[1], &sums);
  EXPECT_EQ(sums, Expected(f));
}

TEST_F(NerScoreTest, PruningSkipsOnlyWordsWithoutCapitalsBetweenTwoSuch) {
  // Written for this test: "the", "old" and "market" have no capital and
  // neither has a neighbour; "visited" follows "Valo", "in" precedes
  // "post-Soviet" (a capital inside), "." ends the sentence after "Tromso".
  const std::vector<std::vector<std::string_view>> doc = {
      {"Ingrid", "Valo", "visited", "the", "old", "market", "in", "post-Soviet", "Tromso", "."}};
  NerFeatureExtractor exact(kBits, &lexicon_);
  NerFeatureExtractor pruned(kBits, &lexicon_);
  pruned.SetPruneLowercase(true);
  std::vector<int32_t> exact_sums;
  std::vector<int32_t> pruned_sums;
  for (NerFeatureExtractor* e : {&exact, &pruned}) {
    e->SetKnowledge(&knowledge_);
    e->SetWeights(&table_);
    e->BeginDocument(doc);
  }
  exact.Score(doc[0], &exact_sums);
  pruned.Score(doc[0], &pruned_sums);
  EXPECT_EQ(std::vector<uint8_t>(exact.pruned_words().begin(), exact.pruned_words().end()),
            std::vector<uint8_t>(10, 0));
  const std::vector<uint8_t> expected = {0, 0, 0, 1, 1, 1, 0, 0, 0, 0};
  ASSERT_EQ(std::vector<uint8_t>(pruned.pruned_words().begin(), pruned.pruned_words().end()),
            expected);
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto row = [&](const std::vector<int32_t>& sums) {
      return std::vector<int32_t>(sums.begin() + static_cast<ptrdiff_t>(i * kNerTagCount),
                                  sums.begin() + static_cast<ptrdiff_t>((i + 1) * kNerTagCount));
    };
    if (expected[i] == 0) {
      EXPECT_EQ(row(pruned_sums), row(exact_sums)) << doc[0][i];
      continue;
    }
    std::vector<int32_t> only_o(kNerTagCount, kNerPrunedSum);
    only_o[0] = 0;
    EXPECT_EQ(row(pruned_sums), only_o) << doc[0][i];
    EXPECT_NE(row(exact_sums), only_o) << doc[0][i];
  }
}

TEST_F(NerScoreTest, PruningKeepsALowercaseWordPredictedAnEntityBefore) {
  // "kell" between lowercase words, after "Kell" was tagged a person.
  const std::vector<std::vector<std::string_view>> doc = {{"Kell", "spoke"},
                                                          {"they", "said", "kell", "left", "now"}};
  NerFeatureExtractor pruned(kBits, &lexicon_);
  pruned.SetPruneLowercase(true);
  pruned.SetWeights(&table_);
  pruned.BeginDocument(doc);
  std::vector<int32_t> sums;
  pruned.Score(doc[1], &sums);
  EXPECT_EQ(pruned.pruned_words()[2], 1);
  pruned.BeginDocument(doc);
  pruned.Score(doc[0], &sums);
  const std::vector<uint8_t> person = {static_cast<uint8_t>(*NerTagFromName("B-PER")), 0};
  pruned.RecordScoredTags(person);
  pruned.Score(doc[1], &sums);
  const std::vector<uint8_t> expected = {1, 1, 0, 1, 1};
  EXPECT_EQ(std::vector<uint8_t>(pruned.pruned_words().begin(), pruned.pruned_words().end()),
            expected);
}

TEST_F(NerScoreTest, RecordScoredTagsFeedsTheHistoryOnlyRightAfterScore) {
  NerFeatureExtractor scored(kBits, &lexicon_);
  scored.SetWeights(&table_);
  const std::vector<std::vector<std::string_view>> doc = {{"Kell", "spoke"}, {"Kell", "left"}};
  const std::vector<uint8_t> tags = {static_cast<uint8_t>(*NerTagFromName("B-PER")), 0};
  std::vector<int32_t> before;
  std::vector<int32_t> after;
  scored.BeginDocument(doc);
  scored.Score(doc[1], &before);
  scored.Score(doc[0], &after);
  scored.RecordScoredTags(tags);
  scored.Score(doc[1], &after);
  EXPECT_NE(before, after);
  // After BeginDocument there is nothing scored to record.
  scored.BeginDocument(doc);
  scored.RecordScoredTags(tags);
  scored.Score(doc[1], &after);
  EXPECT_EQ(before, after);
}

TEST_F(NerScoreTest, ADocumentOfManyWordsLeavesNoneToTheNext) {
  // 400 words, each capitalized and lowercase: the document table grows
  // twice while the document is read, and the next document, with the same
  // words, starts from nothing.
  // Sentences of mixed case (no headlines): "Kell0 kell200 Kell1 kell201".
  std::vector<std::string> storage;
  for (int i = 0; i < 800; ++i) {
    storage.push_back((i % 2 == 0 ? "Kell" : "kell") +
                      std::to_string((i / 2 + (i % 2) * 200) % 400));
  }
  std::vector<std::vector<std::string_view>> doc;
  for (size_t begin = 0; begin < storage.size(); begin += 20) {
    doc.emplace_back(std::vector<std::string_view>{"The"});
    for (size_t i = begin; i < begin + 20; ++i) doc.back().push_back(storage[i]);
  }
  NerFeatureExtractor scored(kBits, &lexicon_);
  EXPECT_EQ(Mismatches(&scored, doc), 0);
  // Again, against a fresh extractor: no word may keep its case or history.
  EXPECT_EQ(Mismatches(&scored, doc), 0);
  EXPECT_EQ(Mismatches(&scored, {{"Kell7", "kell9", "."}, {"The", "Kell9", "met", "Kell7", "."}}),
            0);
}

TEST_F(NerScoreTest, ScoresSentencesOfManyWordsLikeShortOnes) {
  // 700 words: capitalized runs, names and repeats across Score()'s blocks.
  std::vector<std::string> storage;
  for (int i = 0; i < 700; ++i) {
    switch (i % 7) {
      case 0:
        storage.push_back("Nordlys" + std::to_string(i % 50));
        break;
      case 1:
        storage.push_back("North");
        break;
      case 2:
        storage.push_back("Sea");
        break;
      default:
        storage.push_back("w" + std::to_string(i % 90));
    }
  }
  const std::vector<std::string_view> words(storage.begin(), storage.end());
  NerFeatureExtractor scored(kBits, &lexicon_, 64);
  EXPECT_EQ(Mismatches(&scored, {words, {"Bergen", "."}, words}), 0);
  EXPECT_GT(scored.cache_clears(), 0u);
  NerFeatureExtractor by_index(kBits, &lexicon_, 64);
  EXPECT_EQ(Mismatches(&by_index, {words, {"Bergen", "."}, words}, false, true), 0);
  NerFeatureExtractor large(kBits, &lexicon_);
  EXPECT_EQ(Mismatches(&large, {words, {"Bergen", "."}, words}, false, true), 0);
}

TEST_F(NerScoreTest, FullCacheIsEmptiedAndScoresStayTheSame) {
  NerFeatureExtractor small(kBits, &lexicon_, 4);
  EXPECT_EQ(Mismatches(&small, kScoreDoc), 0);
  EXPECT_GT(small.cache_clears(), 0u);
  EXPECT_LE(small.cached_words(), 4u);
  // A sentence longer than the cache: the words that do not fit are scored
  // without being cached.
  NerFeatureExtractor tiny(kBits, &lexicon_, 1);
  EXPECT_EQ(Mismatches(&tiny, kScoreDoc), 0);
  EXPECT_LE(tiny.cached_words(), 1u);
}

TEST_F(NerScoreTest, WordsLongerThanTheKeyLimitAreScoredButNotCached) {
  const std::string at_limit(kNerMaxCachedWordBytes, 'k');
  const std::string over_limit = "Q" + std::string(kNerMaxCachedWordBytes, 'q');
  const std::string huge(1 << 20, 'Z');
  // Two long words sharing their first kNerMaxCachedWordBytes bytes.
  const std::string over_other = "Q" + std::string(kNerMaxCachedWordBytes - 1, 'q') + "r";
  const std::vector<std::vector<std::string_view>> doc = {
      {"Ferry", over_limit, "sailed", over_other, huge, at_limit}, {over_limit, over_other, huge}};
  NerFeatureExtractor scored(kBits, &lexicon_);
  EXPECT_EQ(Mismatches(&scored, doc), 0);
  EXPECT_EQ(Mismatches(&scored, doc, true), 0);
  EXPECT_EQ(scored.cached_words(), 3u);  // Ferry, sailed, at_limit
}

// Scores "Kell left" after a document whose first sentence "Kell spoke" was
// tagged B-PER (or O when `kell_is_person` is false), with `fillers`
// distinct capitalized words in between (a large document table).
std::vector<int32_t> ScoreAfterKell(NerFeatureExtractor* scored, const NerWeightTable* weights,
                                    int fillers, bool kell_is_person) {
  std::vector<std::string> storage = {"Then"};
  for (int i = 0; i < fillers; ++i) storage.push_back("Filler" + std::to_string(i));
  const std::vector<std::string_view> filler(storage.begin(), storage.end());
  const std::vector<std::vector<std::string_view>> doc = {
      {"Kell", "spoke"}, filler, {"Kell", "left"}};
  scored->SetWeights(weights);
  scored->BeginDocument(doc);
  std::vector<int32_t> sums;
  scored->Score(doc[0], &sums);
  const uint8_t person = static_cast<uint8_t>(*NerTagFromName("B-PER"));
  scored->RecordScoredTags(std::vector<uint8_t>{kell_is_person ? person : uint8_t{0}, 0});
  scored->Score(doc[1], &sums);
  scored->RecordScoredTags(
      std::vector<uint8_t>(filler.size(), static_cast<uint8_t>(*NerTagFromName("B-ORG"))));
  scored->Score(doc[2], &sums);
  return sums;
}

TEST_F(NerScoreTest, DocumentStateSurvivesTheGrowthOfTheDocumentTable) {
  NerFeatureExtractor small_doc(kBits, &lexicon_);
  const std::vector<int32_t> expected = ScoreAfterKell(&small_doc, &table_, 1, true);
  // The comparison can fail: without Kell's history the scores differ.
  NerFeatureExtractor unrecorded(kBits, &lexicon_);
  EXPECT_NE(ScoreAfterKell(&unrecorded, &table_, 1, false), expected);
  // 5000 more words grow the table several times after Kell is recorded.
  NerFeatureExtractor large_doc(kBits, &lexicon_);
  EXPECT_EQ(ScoreAfterKell(&large_doc, &table_, 5000, true), expected);
}

TEST_F(NerScoreTest, NextDocumentStartsWithoutTheStateOfAHugeOne) {
  NerFeatureExtractor fresh(kBits, &lexicon_);
  fresh.SetWeights(&table_);
  NerFeatureExtractor reused(kBits, &lexicon_);
  ScoreAfterKell(&reused, &table_, 5000, true);
  const std::vector<std::vector<std::string_view>> doc = {{"Kell", "left"}, {"Filler7", "came"}};
  std::vector<int32_t> expected;
  std::vector<int32_t> sums;
  fresh.BeginDocument(doc);
  reused.BeginDocument(doc);
  for (const auto& sentence : doc) {
    fresh.Score(sentence, &expected);
    reused.Score(sentence, &sums);
    EXPECT_EQ(sums, expected);
  }
  // Without BeginDocument the previous document's history shows.
  ScoreAfterKell(&reused, &table_, 5000, true);
  reused.Score(doc[0], &sums);
  fresh.BeginDocument(doc);
  fresh.Score(doc[0], &expected);
  EXPECT_NE(sums, expected);
}

}  // namespace
}  // namespace newsflow
