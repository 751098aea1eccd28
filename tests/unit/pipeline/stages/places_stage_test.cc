#include "pipeline/stages/places_stage.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "newsflow/config.h"
#include "tests/unit/tagging/place_fixture.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;
using testing::PlaceFixture;

const PlaceFixture& Fixture() {
  // Destroyed at exit, which removes its directory.
  static const PlaceFixture fixture("places_stage_test");
  return fixture;
}

Config FixtureConfig() {
  Config config;
  config.tagging.iso_3166_file = Fixture().iso.string();
  config.tagging.places_table = Fixture().places.string();
  config.tagging.geonames_file = "";
  return config;
}

// The message of the exception the factory throws, or "" when it does not.
std::string FactoryError(const Config& config) {
  try {
    MakePlacesStageFactory()(StageContext{config});
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

Entity Location(const std::string& name, size_t begin) {
  Entity entity;
  entity.name = name;
  entity.mentions.push_back({begin, begin + name.size()});
  return entity;
}

TEST(PlacesStageTest, ResolvesLocationsAndCountsCountries) {
  const Config config = FixtureConfig();
  auto stage = MakePlacesStageFactory()(StageContext{config});
  ASSERT_NE(stage, nullptr);
  EXPECT_EQ(stage->Name(), "places");
  Article article;
  article.language = "en";
  article.dateline = "TEL AVIV, Israel";
  article.entities.locations.push_back(Location("Jerusalem", 10));
  article.entities.locations.push_back(Location("Tokyo", 40));
  article.entities.misc.push_back(Location("Israeli", 70));
  EXPECT_EQ(stage->Process(article).outcome, Outcome::kPass);
  ASSERT_EQ(article.countries.size(), 2u);
  EXPECT_EQ(article.countries[0].code, "IL");
  EXPECT_EQ(article.countries[0].name, "Israel");
  EXPECT_EQ(article.countries[0].mentions, 3);
  EXPECT_EQ(article.countries[1].code, "JP");
  EXPECT_EQ(article.entities.locations[1].country_code, "JP");
  EXPECT_DOUBLE_EQ(*article.entities.locations[1].lat, 35.68);
  EXPECT_TRUE(article.skipped_taggers.empty());
}

TEST(PlacesStageTest, OtherLanguagesAreSkippedAndSaySo) {
  const Config config = FixtureConfig();
  auto stage = MakePlacesStageFactory()(StageContext{config});
  Article article;
  article.language = "fr";
  article.entities.locations.push_back(Location("Tokyo", 0));
  article.countries.push_back({"ZZ", "Stale", 1});
  EXPECT_EQ(stage->Process(article).outcome, Outcome::kPass);
  EXPECT_TRUE(article.countries.empty());
  EXPECT_EQ(article.entities.locations[0].country_code, "");
  ASSERT_EQ(article.skipped_taggers.size(), 1u);
  EXPECT_EQ(article.skipped_taggers[0], "places");
}

TEST(PlacesStageTest, UnknownOrMissingLanguageIsTagged) {
  const Config config = FixtureConfig();
  auto stage = MakePlacesStageFactory()(StageContext{config});
  for (const char* language : {"", "und"}) {
    Article article;
    article.language = language;
    article.entities.locations.push_back(Location("Tokyo", 0));
    stage->Process(article);
    EXPECT_EQ(article.countries.size(), 1u) << language;
    EXPECT_TRUE(article.skipped_taggers.empty()) << language;
  }
}

TEST(PlacesStageTest, ReadsTheAliasTableNextToThePlaceTable) {
  const Config config = FixtureConfig();
  auto stage = MakePlacesStageFactory()(StageContext{config});
  Article article;
  article.entities.locations.push_back(Location("Britain", 0));
  stage->Process(article);
  ASSERT_EQ(article.countries.size(), 1u);
  EXPECT_EQ(article.countries[0].code, "GB");
}

TEST(PlacesStageTest, BadPlaceTableThrowsNamingTheFile) {
  const fs::path bad = Fixture().Write("bad_places.tsv", "Atlantis\t\tXX\t1\t2\t3\tcity\n");
  Config config = FixtureConfig();
  config.tagging.places_table = bad.string();
  const std::string error = FactoryError(config);
  EXPECT_NE(error.find(bad.string()), std::string::npos) << error;
  EXPECT_NE(error.find("places stage"), std::string::npos) << error;
}

TEST(PlacesStageTest, MissingFilesThrowNamingThem) {
  const std::string missing = (Fixture().dir / "missing.json").string();
  Config config = FixtureConfig();
  config.tagging.iso_3166_file = missing;
  EXPECT_NE(FactoryError(config).find(missing), std::string::npos);
  config = FixtureConfig();
  config.tagging.places_table = missing;
  EXPECT_NE(FactoryError(config).find(missing), std::string::npos);
  config = FixtureConfig();
  config.tagging.geonames_file = missing;
  EXPECT_NE(FactoryError(config).find(missing), std::string::npos);
  config = FixtureConfig();
  config.tagging.places_table = "";
  EXPECT_NE(FactoryError(config).find("places_table"), std::string::npos);
}

TEST(PlacesStageTest, BadIsoFileThrowsNamingIt) {
  const fs::path bad = Fixture().Write("bad_iso.json", "{\"3166-1\": 5}");
  Config config = FixtureConfig();
  config.tagging.iso_3166_file = bad.string();
  EXPECT_NE(FactoryError(config).find(bad.string()), std::string::npos);
}

TEST(PlacesStageTest, GoodConfigDoesNotThrow) { EXPECT_EQ(FactoryError(FixtureConfig()), ""); }

TEST(PlacesStageTest, ShippedDefaultsLoad) {
  if (!fs::exists("/usr/share/iso-codes/json/iso_3166-1.json")) {
    GTEST_SKIP() << "iso-codes not installed";
  }
  const Config config;  // the default paths, found by ResolveDataFile
  std::unique_ptr<Stage> stage;
  ASSERT_NO_THROW(stage = MakePlacesStageFactory()(StageContext{config}));
  Article article;
  article.entities.locations.push_back(Location("Frankfurt", 0));
  article.entities.misc.push_back(Location("Japanese", 20));
  stage->Process(article);
  ASSERT_EQ(article.countries.size(), 2u);
  EXPECT_EQ(article.countries[0].code, "DE");
  EXPECT_EQ(article.countries[0].name, "Germany");
  EXPECT_EQ(article.countries[1].code, "JP");
}

}  // namespace
}  // namespace newsflow
