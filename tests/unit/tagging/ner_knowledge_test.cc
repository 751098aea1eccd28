#include "tagging/ner_knowledge.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "tagging/ner_features.h"
#include "tagging/ner_lexicon.h"
#include "tests/unit/tagging/place_fixture.h"

namespace newsflow {
namespace {

uint64_t Word(std::string_view lowercase) { return NerWordHash(lowercase); }

// The phrase hash of tokens as the tagger computes it.
uint64_t Name(std::initializer_list<std::string_view> tokens) {
  std::string scratch;
  uint64_t h = 0;
  for (std::string_view t : tokens) h = NerPhraseHash(h, NerNameWordHash(t, &scratch));
  return h;
}

TEST(NerKnowledge, DictionaryRecordsTheCasesAWordIsListedIn) {
  NerKnowledge k;
  EXPECT_TRUE(k.empty());
  k.AddDictionary("Aaron\nbush\nBush\nNATO\nAaron's\nzebra's\n  \n\nStorm\r\n");
  EXPECT_EQ(k.FindWord(Word("aaron")), kNerDictCapitalized);
  EXPECT_EQ(k.FindWord(Word("bush")), kNerDictCapitalized | kNerDictLowercase);
  EXPECT_EQ(k.FindWord(Word("nato")), kNerDictAllCaps);
  EXPECT_EQ(k.FindWord(Word("storm")), kNerDictCapitalized);  // "\r" trimmed
  // Possessives and unlisted words have no bits.
  EXPECT_EQ(k.FindWord(Word("aaron's")), 0);
  EXPECT_EQ(k.FindWord(Word("zebra")), 0);
  EXPECT_EQ(k.FindWord(Word("Aaron")), 0);  // keyed by the lowercase form
  EXPECT_EQ(k.word_count(), 4u);
  EXPECT_EQ(k.name_count(), 0u);
}

TEST(NerKnowledge, PersonNameListsAddGivenAndFamilyBitsBesideTheCases) {
  NerKnowledge k;
  k.AddDictionary("Aaron\nbush\n");
  std::string error;
  ASSERT_TRUE(k.AddPersonNames(
      "given\tAaron\nfamily\tIvanov\n# a comment\n\n  \nfamily\tMüller\r\ngiven\tMüller\n"
      "family\t  Bush \n",
      &error))
      << error;
  EXPECT_EQ(k.FindWord(Word("aaron")), kNerDictCapitalized | kNerDictGivenName);
  EXPECT_EQ(k.FindWord(Word("ivanov")), kNerDictFamilyName);
  EXPECT_EQ(k.FindWord(Word("müller")), kNerDictGivenName | kNerDictFamilyName);
  EXPECT_EQ(k.FindWord(Word("bush")), kNerDictLowercase | kNerDictFamilyName);  // trimmed
  EXPECT_EQ(k.FindWord(Word("Ivanov")), 0);  // keyed by the lowercase form
  EXPECT_EQ(k.FindWord(Word("muller")), 0);  // the list writes that form itself
  EXPECT_EQ(k.word_count(), 4u);
  // A malformed line stops the list with its number; later lines are not added.
  for (const auto& [text, line] : {std::pair<std::string_view, std::string_view>{
                                       "given\tAnna\ngiven Berta\ngiven\tCarla\n", "line 2"},
                                   {"# names\nnickname\tBob\ngiven\tCarla\n", "line 2"},
                                   {"family\t \ngiven\tCarla\n", "line 1"},
                                   {"given\n", "line 1"}}) {
    NerKnowledge bad;
    error.clear();
    EXPECT_FALSE(bad.AddPersonNames(text, &error)) << text;
    EXPECT_NE(error.find(line), std::string::npos) << error;
    EXPECT_EQ(bad.FindWord(Word("carla")), 0) << text;
  }
}

TEST(NerKnowledge, NamesMatchNormalizedTokensAndMarkTheirPrefixes) {
  NerKnowledge k;
  k.AddName("Guinea-Bissau", kNerNameCountry);
  k.AddName("São Paulo", kNerNameCity);
  k.AddName("U.S.", kNerNameCountry);
  k.AddName("Israeli", kNerNameDemonym);
  k.AddName("Israeli", kNerNameLanguage);
  // Case, dots and diacritics do not matter; either tokenization matches.
  EXPECT_EQ(k.FindName(Name({"Guinea", "Bissau"})), kNerNameCountry);
  EXPECT_EQ(k.FindName(Name({"Guinea-Bissau"})), kNerNameCountry);
  EXPECT_EQ(k.FindName(Name({"GUINEA-BISSAU"})), kNerNameCountry);
  EXPECT_EQ(k.FindName(Name({"Sao", "Paulo"})), kNerNameCity);
  EXPECT_EQ(k.FindName(Name({"US"})), kNerNameCountry);
  EXPECT_EQ(k.FindName(Name({"U.S."})), kNerNameCountry);
  EXPECT_EQ(k.FindName(Name({"Israeli"})), kNerNameDemonym | kNerNameLanguage);
  // The first word of a longer name is only a prefix; other words nothing.
  EXPECT_EQ(k.FindName(Name({"Guinea"})), kNerNamePrefix);
  EXPECT_EQ(k.FindName(Name({"Sao"})), kNerNamePrefix);
  EXPECT_EQ(k.FindName(Name({"Paulo"})), 0);
  EXPECT_EQ(k.FindName(Name({"Bissau", "Guinea"})), 0);
  EXPECT_EQ(k.FindName(Name({"Israelis"})), 0);
  // Names without a source, or of more than six words, are not added.
  k.AddName("Nowhere", 0);
  k.AddName("One Two Three Four Five Six Seven", kNerNameRegion);
  EXPECT_EQ(k.FindName(Name({"Nowhere"})), 0);
  EXPECT_EQ(k.FindName(Name({"One"})), 0);
  // Punctuation has no name key: it continues no name.
  std::string scratch;
  EXPECT_EQ(NerNameWordHash(",", &scratch), 0u);
  EXPECT_NE(NerNameWordHash("Paulo", &scratch), 0u);
}

TEST(NerKnowledge, TakesEveryNameOfAPlaceGazetteerWithItsSource) {
  const testing::PlaceFixture fixture("ner-knowledge");
  const auto places = fixture.Gazetteer();
  ASSERT_NE(places, nullptr);
  NerKnowledge k;
  k.AddPlaceNames(*places);
  EXPECT_EQ(k.FindName(Name({"France"})), kNerNameCountry);
  EXPECT_EQ(k.FindName(Name({"Britain"})), kNerNameCountry);  // alias
  EXPECT_EQ(k.FindName(Name({"Tel", "Aviv"})), kNerNameCity);
  EXPECT_EQ(k.FindName(Name({"Texas"})), kNerNameRegion);
  EXPECT_EQ(k.FindName(Name({"Luxembourg"})), kNerNameCountry | kNerNameCity);
  EXPECT_EQ(k.FindName(Name({"Israelis"})), kNerNameDemonym);
  EXPECT_EQ(k.FindName(Name({"Japanese"})), kNerNameDemonym);
  EXPECT_EQ(k.FindName(Name({"Osaka", "Texas"})), 0);
  EXPECT_EQ(k.FindName(Name({"Chicago"})), 0);
}

TEST(NerKnowledge, ReadsIsoCodesNamesUpToTheirQualifiers) {
  const testing::PlaceFixture fixture("ner-knowledge-iso");
  const std::string json =
      "{\"639-2\": [{\"alpha_3\": \"grk\", \"name\": \"Greek, Modern (1453-)\"},"
      " {\"alpha_3\": \"nds\", \"name\": \"Low German; Low Saxon; German, Low\"},"
      " {\"alpha_3\": \"xxx\", \"name\": \"Klingon (fictional)\", \"common_name\": \"Tlhingan\"}]}";
  const auto languages = fixture.Write("iso_639-2.json", json);
  NerKnowledge k;
  std::string error;
  ASSERT_TRUE(k.AddIsoCodesNames(languages.string(), "639-2", kNerNameLanguage, &error)) << error;
  EXPECT_EQ(k.FindName(Name({"Greek"})), kNerNameLanguage);
  EXPECT_EQ(k.FindName(Name({"Low", "German"})), kNerNameLanguage);
  EXPECT_EQ(k.FindName(Name({"Low", "Saxon"})), kNerNameLanguage);
  EXPECT_EQ(k.FindName(Name({"German"})), kNerNameLanguage);  // "German, Low"
  EXPECT_EQ(k.FindName(Name({"Klingon"})), kNerNameLanguage);
  EXPECT_EQ(k.FindName(Name({"Tlhingan"})), kNerNameLanguage);
  EXPECT_EQ(k.FindName(Name({"Modern"})), 0);
  EXPECT_EQ(k.FindName(Name({"fictional"})), 0);

  // Another array name, a missing file and text that is not JSON fail and
  // say which file.
  EXPECT_FALSE(k.AddIsoCodesNames(languages.string(), "3166-2", kNerNameSubdivision, &error));
  EXPECT_NE(error.find("iso_639-2.json"), std::string::npos) << error;
  EXPECT_NE(error.find("3166-2"), std::string::npos) << error;
  EXPECT_FALSE(k.AddIsoCodesNames((fixture.dir / "absent.json").string(), "639-2", kNerNameLanguage,
                                  &error));
  EXPECT_NE(error.find("absent.json"), std::string::npos) << error;
  const auto junk = fixture.Write("junk.json", "no json here");
  EXPECT_FALSE(k.AddIsoCodesNames(junk.string(), "639-2", kNerNameLanguage, &error));
}

TEST(NerKnowledge, SerializeParseRoundTripAndBadInputIsRejected) {
  NerKnowledge k;
  k.AddDictionary("Aaron\nbush\n");
  std::string error;
  ASSERT_TRUE(k.AddPersonNames("given\tAaron\nfamily\tIvanov\n", &error)) << error;
  k.AddName("New Zealand", kNerNameCountry);
  std::string bytes;
  k.Serialize(&bytes);
  NerKnowledge parsed;
  size_t pos = 0;
  ASSERT_TRUE(parsed.Parse(bytes, &pos));
  EXPECT_EQ(pos, bytes.size());
  EXPECT_EQ(parsed.FindWord(Word("aaron")), kNerDictCapitalized | kNerDictGivenName);
  EXPECT_EQ(parsed.FindWord(Word("bush")), kNerDictLowercase);
  EXPECT_EQ(parsed.FindWord(Word("ivanov")), kNerDictFamilyName);
  EXPECT_EQ(parsed.FindName(Name({"New", "Zealand"})), kNerNameCountry);
  EXPECT_EQ(parsed.FindName(Name({"New"})), kNerNamePrefix);
  std::string again;
  parsed.Serialize(&again);
  EXPECT_EQ(again, bytes);
  // An empty one round-trips as empty.
  std::string empty_bytes;
  NerKnowledge().Serialize(&empty_bytes);
  pos = 0;
  ASSERT_TRUE(parsed.Parse(empty_bytes, &pos));
  EXPECT_TRUE(parsed.empty());
  // Truncated anywhere, or with zero bits, it is rejected.
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    pos = 0;
    EXPECT_FALSE(parsed.Parse(std::string_view(bytes).substr(0, cut), &pos)) << cut;
  }
  std::string zero = bytes;
  zero[4 + 8] = 0;  // the bits of the first word
  pos = 0;
  EXPECT_FALSE(parsed.Parse(zero, &pos));
  std::string unknown = bytes;
  unknown[4 + 8] = 32;  // no dictionary bit has this value
  pos = 0;
  EXPECT_FALSE(parsed.Parse(unknown, &pos));
}

}  // namespace
}  // namespace newsflow
