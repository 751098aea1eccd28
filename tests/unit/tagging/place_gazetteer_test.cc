#include "tagging/place_gazetteer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "tests/unit/tagging/place_fixture.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;
using testing::PlaceFixture;

const PlaceFixture& Fixture() {
  // Destroyed at exit, which removes its directory.
  static const PlaceFixture fixture("place_gazetteer_test");
  return fixture;
}

std::vector<std::string> PlaceNames(const PlaceGazetteer& g, const PlaceMatch& match) {
  std::vector<std::string> names;
  for (const uint32_t i : match.places) {
    names.push_back(g.place(i).name + "/" + g.place(i).country->alpha2);
  }
  return names;
}

TEST(NormalizePlaceNameTest, FoldsCaseDiacriticsDotsAndApostrophes) {
  EXPECT_EQ(NormalizePlaceName("U.S."), "us");
  EXPECT_EQ(NormalizePlaceName("US"), "us");
  EXPECT_EQ(NormalizePlaceName("São Paulo"), "sao paulo");
  EXPECT_EQ(NormalizePlaceName("Côte d\xE2\x80\x99Ivoire"), "cote divoire");
  EXPECT_EQ(NormalizePlaceName("Cote d'Ivoire"), "cote divoire");
  EXPECT_EQ(NormalizePlaceName("  Guinea-Bissau "), "guinea bissau");
  EXPECT_EQ(NormalizePlaceName("Iran, Islamic Republic of"), "iran islamic republic of");
  EXPECT_EQ(NormalizePlaceName("Straße"), "strasse");
  EXPECT_EQ(NormalizePlaceName("ZÜRICH"), "zurich");
}

TEST(NormalizePlaceNameTest, DropsALeadingTheOnly) {
  EXPECT_EQ(NormalizePlaceName("The Hague"), "hague");
  EXPECT_EQ(NormalizePlaceName("the Netherlands"), "netherlands");
  EXPECT_EQ(NormalizePlaceName("Theodore"), "theodore");
  EXPECT_EQ(NormalizePlaceName("The"), "the");
  EXPECT_EQ(NormalizePlaceName("Bay of the Sea"), "bay of the sea");
}

TEST(NormalizePlaceNameTest, KeepsOtherScriptsAndSurvivesBadInput) {
  EXPECT_EQ(NormalizePlaceName("東京"), "東京");
  EXPECT_EQ(NormalizePlaceName("Тель-Авив"), "тель авив");
  EXPECT_EQ(NormalizePlaceName("Tel\xFF"
                               "Aviv"),
            "tel aviv");  // invalid byte separates
  EXPECT_EQ(NormalizePlaceName("!!! ... ---"), "");
  EXPECT_EQ(NormalizePlaceName(std::string(kMaxPlaceNameBytes + 1, 'a')), "");
  EXPECT_EQ(NormalizePlaceName(std::string(kMaxPlaceNameBytes, 'a')).size(), kMaxPlaceNameBytes);
}

TEST(PlaceGazetteerTest, IsoCodesNamesNameCountries) {
  const auto g = Fixture().Gazetteer();
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->Lookup("france").country->alpha2, "FR");
  EXPECT_EQ(g->Lookup("iran").country->alpha2, "IR");  // common_name
  EXPECT_EQ(g->Lookup("iran islamic republic of").country->alpha2, "IR");
  EXPECT_TRUE(g->Lookup("narnia").empty());
  EXPECT_EQ(g->Lookup("tokyo").country, nullptr);
}

TEST(PlaceGazetteerTest, AliasesAndDemonymsWithPlurals) {
  const auto g = Fixture().Gazetteer();
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->Lookup(NormalizePlaceName("U.S.")).country->alpha2, "US");
  EXPECT_EQ(g->Lookup("britain").country->alpha2, "GB");
  const PlaceMatch israeli = g->Lookup("israeli");
  EXPECT_EQ(israeli.country, nullptr);  // a demonym is not a country name
  EXPECT_EQ(israeli.demonym_of->alpha2, "IL");
  EXPECT_EQ(g->Lookup("israelis").demonym_of->alpha2, "IL");
  EXPECT_EQ(g->Lookup("swiss").demonym_of->alpha2, "FR");
  EXPECT_TRUE(g->Lookup("swisss").empty());  // ends in "s": no plural added
  EXPECT_EQ(g->Lookup("americans").demonym_of->alpha2, "US");
}

TEST(PlaceGazetteerTest, PlacesOfOneNameAreMostPopulousFirst) {
  const auto g = Fixture().Gazetteer();
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(PlaceNames(*g, g->Lookup("paris")), (std::vector<std::string>{"Paris/FR", "Paris/US"}));
  EXPECT_EQ(PlaceNames(*g, g->Lookup("paris texas")), (std::vector<std::string>{"Paris/US"}));
  EXPECT_EQ(PlaceNames(*g, g->Lookup("sampa")), (std::vector<std::string>{"Sao Paulo/BR"}));
  EXPECT_EQ(PlaceNames(*g, g->Lookup("teheran")), (std::vector<std::string>{"Tehran/IR"}));
  const PlaceMatch luxembourg = g->Lookup("luxembourg");  // both a country and a city
  EXPECT_EQ(luxembourg.country->alpha2, "LU");
  EXPECT_EQ(luxembourg.places.size(), 1u);
  const Place& texas = g->place(g->Lookup("texas").places[0]);
  EXPECT_EQ(texas.kind, PlaceKind::kRegion);
  EXPECT_DOUBLE_EQ(texas.lat, 31.5);
}

TEST(PlaceGazetteerTest, CapitalOfEachCountry) {
  const auto g = Fixture().Gazetteer();
  ASSERT_NE(g, nullptr);
  const CountryTable& countries = g->countries();
  EXPECT_EQ(g->CapitalOf(*countries.FindAlpha2("FR"))->name, "Paris");
  EXPECT_EQ(g->CapitalOf(*countries.FindAlpha2("US"))->name, "Washington");
  EXPECT_EQ(g->CapitalOf(*countries.FindAlpha2("BR")), nullptr);  // only a city in the table
}

TEST(PlaceGazetteerTest, WithoutAliasTableOnlyIsoNamesAreKnown) {
  std::string error;
  const auto g =
      PlaceGazetteer::Load(Fixture().Countries(), {Fixture().places.string(), "", ""}, &error);
  ASSERT_NE(g, nullptr) << error;
  EXPECT_TRUE(g->Lookup("britain").empty());
  EXPECT_EQ(g->Lookup("united kingdom").country->alpha2, "GB");
}

struct BadTable {
  const char* line;
  const char* message;
};

TEST(PlaceGazetteerTest, MalformedTableLinesAreErrorsNamingFileAndLine) {
  const BadTable cases[] = {
      {"Atlantis\t\tXX\t1\t2\t3\tcity", "unknown ISO 3166-1 code 'XX'"},
      {"Atlantis\t\tFR\t91\t2\t3\tcity", "latitude '91'"},
      {"Atlantis\t\tFR\t1\teast\t3\tcity", "longitude 'east'"},
      {"Atlantis\t\tFR\t1\t2\t-3\tcity", "population '-3'"},
      {"Atlantis\t\tFR\t1\t2\t3\tvillage", "kind 'village'"},
      {"Atlantis\tFR\t1\t2\t3\tcity", "expected 7"},
      {"Atlantis\t\tFR\t1\t2\t3\tcity\textra", "expected 7"},
      {"...\t\tFR\t1\t2\t3\tcity", "empty name"},
  };
  for (const BadTable& bad : cases) {
    const fs::path path = Fixture().Write("bad.tsv", std::string("# header\n") + bad.line + "\n");
    std::string error;
    EXPECT_EQ(PlaceGazetteer::Load(Fixture().Countries(), {path.string(), "", ""}, &error), nullptr)
        << bad.line;
    EXPECT_NE(error.find(path.string() + ":2: "), std::string::npos) << error;
    EXPECT_NE(error.find(bad.message), std::string::npos) << error;
  }
}

TEST(PlaceGazetteerTest, MalformedAliasLinesAreErrors) {
  for (const char* line : {"Narnia\tXX\talias", "Narnian\tFR\tnickname", "Narnia\tFR"}) {
    const fs::path path = Fixture().Write("bad_aliases.tsv", std::string(line) + "\n");
    std::string error;
    EXPECT_EQ(PlaceGazetteer::Load(Fixture().Countries(),
                                   {Fixture().places.string(), path.string(), ""}, &error),
              nullptr)
        << line;
    EXPECT_NE(error.find(path.string() + ":1: "), std::string::npos) << error;
  }
}

TEST(PlaceGazetteerTest, MissingFilesAreErrorsNamingThem) {
  const std::string missing = (Fixture().dir / "no_such_file.tsv").string();
  std::string error;
  EXPECT_EQ(PlaceGazetteer::Load(Fixture().Countries(), {missing, "", ""}, &error), nullptr);
  EXPECT_NE(error.find(missing), std::string::npos) << error;
  EXPECT_EQ(
      PlaceGazetteer::Load(Fixture().Countries(), {Fixture().places.string(), "", missing}, &error),
      nullptr);
  EXPECT_NE(error.find(missing), std::string::npos) << error;
}

// One GeoNames row (19 columns) written for the test.
std::string GeoNamesRow(const std::string& name, const std::string& alternates,
                        const std::string& feature_class, const std::string& code,
                        const std::string& country, const std::string& population,
                        const std::string& lat = "10.5", const std::string& lon = "20.25") {
  return "1\t" + name + "\t" + name + "\t" + alternates + "\t" + lat + "\t" + lon + "\t" +
         feature_class + "\t" + code + "\t" + country + "\t\t01\t\t\t\t" + population +
         "\t\t12\tEurope/Paris\t2020-01-01\n";
}

TEST(PlaceGazetteerTest, GeoNamesAddsPopulatedPlacesAndCountryNames) {
  const std::string dump =
      GeoNamesRow("Villeneuve", "Villanova,Νέα Πόλη", "P", "PPL", "FR", "5000") +
      GeoNamesRow("Hameau", "", "P", "PPL", "FR", "200") +         // too small
      GeoNamesRow("Provence", "", "A", "ADM1", "FR", "5000000") +  // not a country
      GeoNamesRow("Republique Francaise", "Frankreich", "A", "PCLI", "FR", "67000000") +
      GeoNamesRow("Paris", "", "P", "PPLC", "FR", "2100000") +  // the table has it
      GeoNamesRow("Nowhere", "", "P", "PPL", "XX", "5000") +    // unknown country
      GeoNamesRow("Broken", "", "P", "PPL", "FR", "lots") +     // bad population
      "short\tline\n";
  const fs::path path = Fixture().Write("geonames.txt", dump);
  const auto g = Fixture().Gazetteer(path.string());
  ASSERT_NE(g, nullptr);
  ASSERT_EQ(g->Lookup("villeneuve").places.size(), 1u);
  const Place& village = g->place(g->Lookup("villeneuve").places[0]);
  EXPECT_EQ(village.country->alpha2, "FR");
  EXPECT_DOUBLE_EQ(village.lat, 10.5);
  EXPECT_DOUBLE_EQ(village.lon, 20.25);
  EXPECT_EQ(village.population, 5000);
  EXPECT_EQ(g->Lookup("villanova").places.size(), 1u);
  EXPECT_EQ(g->Lookup(NormalizePlaceName("Νέα Πόλη")).places.size(), 1u);
  EXPECT_TRUE(g->Lookup("hameau").empty());
  EXPECT_TRUE(g->Lookup("provence").empty());
  EXPECT_TRUE(g->Lookup("nowhere").empty());
  EXPECT_TRUE(g->Lookup("broken").empty());
  EXPECT_EQ(g->Lookup("frankreich").country->alpha2, "FR");
  EXPECT_EQ(g->Lookup("paris").places.size(), 2u);  // the table's two, no duplicate
}

// The committed data: models/places/*.tsv with Debian's iso-codes.
class CommittedPlacesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(kIso)) GTEST_SKIP() << "iso-codes not installed";
    std::string error;
    countries_ = CountryTable::Load(kIso, &error);
    ASSERT_NE(countries_, nullptr) << error;
    gazetteer_ = PlaceGazetteer::Load(countries_, {kTable, kAliases, ""}, &error);
    ASSERT_NE(gazetteer_, nullptr) << error;  // every code valid, every number in range
  }
  static constexpr const char* kIso = "/usr/share/iso-codes/json/iso_3166-1.json";
  static constexpr const char* kTable = NEWSFLOW_SOURCE_DIR "/models/places/cities.tsv";
  static constexpr const char* kAliases = NEWSFLOW_SOURCE_DIR "/models/places/country_aliases.tsv";
  std::shared_ptr<const CountryTable> countries_;
  std::shared_ptr<const PlaceGazetteer> gazetteer_;
};

TEST_F(CommittedPlacesTest, EveryPlaceHasAValidCodeAndCoordinates) {
  ASSERT_GE(gazetteer_->place_count(), 400u);
  for (size_t i = 0; i < gazetteer_->place_count(); ++i) {
    const Place& place = gazetteer_->place(static_cast<uint32_t>(i));
    ASSERT_NE(place.country, nullptr) << place.name;
    EXPECT_EQ(countries_->FindAlpha2(place.country->alpha2), place.country) << place.name;
    EXPECT_GE(place.lat, -90) << place.name;
    EXPECT_LE(place.lat, 90) << place.name;
    EXPECT_GE(place.lon, -180) << place.name;
    EXPECT_LE(place.lon, 180) << place.name;
    EXPECT_GT(place.population, 0) << place.name;
  }
}

TEST_F(CommittedPlacesTest, AtMostOneCapitalPerCountryAndNearlyAllCountriesHaveOne) {
  std::ifstream in(kTable);
  std::string line;
  std::set<std::string> with_capital;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream split(line);
    for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
    if (fields.size() == 7 && fields[6] == "capital") {
      EXPECT_TRUE(with_capital.insert(fields[2]).second) << "second capital for " << fields[2];
    }
  }
  size_t countries_with_capital = 0;
  for (const CountryInfo& country : countries_->countries()) {
    if (gazetteer_->CapitalOf(country) != nullptr) ++countries_with_capital;
  }
  EXPECT_EQ(countries_with_capital, with_capital.size());
  EXPECT_GE(countries_with_capital, 235u);  // all but uninhabited territories
}

TEST_F(CommittedPlacesTest, KnowsCommonNewsNames) {
  const auto country = [&](const char* name) -> std::string {
    const PlaceMatch match = gazetteer_->Lookup(NormalizePlaceName(name));
    if (match.country != nullptr) return match.country->alpha2;
    if (match.demonym_of != nullptr) return match.demonym_of->alpha2;
    if (!match.places.empty()) return gazetteer_->place(match.places[0]).country->alpha2;
    return "";
  };
  EXPECT_EQ(country("U.S."), "US");
  EXPECT_EQ(country("USA"), "US");
  EXPECT_EQ(country("America"), "US");
  EXPECT_EQ(country("Britain"), "GB");
  EXPECT_EQ(country("UK"), "GB");
  EXPECT_EQ(country("South Korea"), "KR");
  EXPECT_EQ(country("Ivory Coast"), "CI");
  EXPECT_EQ(country("Soviet Union"), "RU");
  EXPECT_EQ(country("West Germany"), "DE");
  EXPECT_EQ(country("Israeli"), "IL");
  EXPECT_EQ(country("Israelis"), "IL");
  EXPECT_EQ(country("Japanese"), "JP");
  EXPECT_EQ(country("Americans"), "US");
  EXPECT_EQ(country("British"), "GB");
  EXPECT_EQ(country("Chinese"), "CN");
  EXPECT_EQ(country("Saudi"), "SA");
  EXPECT_EQ(country("New York"), "US");
  EXPECT_EQ(country("Texas"), "US");
  EXPECT_EQ(country("Tokyo"), "JP");
  EXPECT_EQ(country("Frankfurt"), "DE");
  EXPECT_EQ(country("Persian Gulf"), "");
  EXPECT_EQ(country("Indian Ocean"), "");
}

}  // namespace
}  // namespace newsflow
