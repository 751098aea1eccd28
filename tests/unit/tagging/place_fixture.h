// Small place data written for the places tests (not copied from any
// dataset): a few countries in the iso-codes format, a place table and an
// alias table, in a directory of their own per process (ctest runs test
// cases in parallel processes), removed with the fixture.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "tagging/country_table.h"
#include "tagging/place_gazetteer.h"
#include "tests/unit/scoped_temp_dir.h"

namespace newsflow::testing {

inline constexpr const char* kFixtureIso = R"({"3166-1": [
  {"alpha_2": "FR", "alpha_3": "FRA", "name": "France"},
  {"alpha_2": "US", "alpha_3": "USA", "name": "United States"},
  {"alpha_2": "IL", "alpha_3": "ISR", "name": "Israel"},
  {"alpha_2": "JP", "alpha_3": "JPN", "name": "Japan"},
  {"alpha_2": "GB", "alpha_3": "GBR", "name": "United Kingdom"},
  {"alpha_2": "LU", "alpha_3": "LUX", "name": "Luxembourg"},
  {"alpha_2": "IR", "alpha_3": "IRN", "name": "Iran, Islamic Republic of", "common_name": "Iran"},
  {"alpha_2": "BR", "alpha_3": "BRA", "name": "Brazil"}
]})";

inline constexpr const char* kFixturePlaces =
    "# a comment\n"
    "name\talternate_names\tcountry\tlat\tlon\tpopulation\tkind\n"
    "Paris\t\tFR\t48.86\t2.35\t11000000\tcapital\n"
    "Paris\tParis Texas\tUS\t33.66\t-95.56\t25000\tcity\n"
    "Washington\tWashington D.C.\tUS\t38.90\t-77.04\t700000\tcapital\n"
    "Texas\t\tUS\t31.50\t-99.30\t30000000\tregion\n"
    "Jerusalem\t\tIL\t31.77\t35.21\t950000\tcapital\n"
    "Tel Aviv\t\tIL\t32.09\t34.78\t450000\tcity\n"
    "Tokyo\t\tJP\t35.68\t139.69\t14000000\tcapital\n"
    "Osaka\t\tJP\t34.69\t135.50\t2700000\tcity\n"
    "London\t\tGB\t51.51\t-0.13\t9000000\tcapital\n"
    "Luxembourg\t\tLU\t49.61\t6.13\t130000\tcapital\n"
    "Sao Paulo\tSampa\tBR\t-23.55\t-46.63\t12000000\tcity\n"
    "Tehran\tTeheran\tIR\t35.69\t51.39\t9000000\tcapital\r\n";

inline constexpr const char* kFixtureAliases =
    "alias\tcode\tkind\n"
    "U.S.\tUS\talias\n"
    "America\tUS\talias\n"
    "Britain\tGB\talias\n"
    "Israeli\tIL\tdemonym\n"
    "Japanese\tJP\tdemonym\n"
    "American\tUS\tdemonym\n"
    "Swiss\tFR\tdemonym\n";  // wrong on purpose: tests that no "s" is added

struct PlaceFixture {
  ScopedTempDir temp_dir;
  const std::filesystem::path& dir = temp_dir.path();
  std::filesystem::path iso;
  std::filesystem::path places;
  std::filesystem::path aliases;

  // `name` makes the directory unique per test file.
  explicit PlaceFixture(const std::string& name) : temp_dir(name) {
    iso = dir / "iso_3166-1.json";
    places = dir / "cities.tsv";
    aliases = dir / "country_aliases.tsv";
    std::ofstream(iso) << kFixtureIso;
    std::ofstream(places) << kFixturePlaces;
    std::ofstream(aliases) << kFixtureAliases;
  }

  std::filesystem::path Write(const std::string& file, const std::string& text) const {
    const std::filesystem::path path = dir / file;
    std::ofstream(path) << text;
    return path;
  }

  std::shared_ptr<const CountryTable> Countries() const {
    std::string error;
    return CountryTable::Load(iso.string(), &error);
  }

  std::shared_ptr<const PlaceGazetteer> Gazetteer(const std::string& geonames = "") const {
    std::string error;
    return PlaceGazetteer::Load(Countries(), {places.string(), aliases.string(), geonames}, &error);
  }
};

}  // namespace newsflow::testing
