#include "tagging/country_table.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/unit/scoped_temp_dir.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;

// A small file in the iso-codes format, written for these tests.
constexpr const char* kSmallIsoFile = R"({
  "3166-1": [
    {"alpha_2": "FR", "alpha_3": "FRA", "flag": "x", "name": "France", "numeric": "250",
     "official_name": "French Republic"},
    {"alpha_2": "IR", "alpha_3": "IRN", "name": "Iran, Islamic Republic of",
     "common_name": "Iran", "numeric": "364"},
    {"alpha_2": "us", "alpha_3": "USA", "name": "United States", "newer_field": [1, 2]}
  ]
})";

TEST(CountryTableTest, ParsesCodesAndNamesInFileOrder) {
  std::string error;
  const auto table = CountryTable::Parse(kSmallIsoFile, "small.json", &error);
  ASSERT_NE(table, nullptr) << error;
  ASSERT_EQ(table->countries().size(), 3u);
  const CountryInfo& france = table->countries()[0];
  EXPECT_EQ(france.alpha2, "FR");
  EXPECT_EQ(france.alpha3, "FRA");
  EXPECT_EQ(france.name, "France");
  EXPECT_EQ(france.official_name, "French Republic");
  EXPECT_EQ(france.index, 0);
  EXPECT_EQ(table->countries()[2].alpha2, "US");  // upper-cased
  EXPECT_EQ(table->countries()[2].index, 2);
}

TEST(CountryTableTest, DisplayNamePrefersCommonName) {
  std::string error;
  const auto table = CountryTable::Parse(kSmallIsoFile, "small.json", &error);
  ASSERT_NE(table, nullptr) << error;
  EXPECT_EQ(table->FindAlpha2("IR")->DisplayName(), "Iran");
  EXPECT_EQ(table->FindAlpha2("FR")->DisplayName(), "France");  // no common_name
}

TEST(CountryTableTest, FindsCodesInAnyCaseAndNotUnknownOnes) {
  std::string error;
  const auto table = CountryTable::Parse(kSmallIsoFile, "small.json", &error);
  ASSERT_NE(table, nullptr) << error;
  ASSERT_NE(table->FindAlpha2("fr"), nullptr);
  EXPECT_EQ(table->FindAlpha2("fr")->name, "France");
  EXPECT_EQ(table->FindAlpha3("usa")->alpha2, "US");
  EXPECT_EQ(table->FindAlpha2("DE"), nullptr);
  EXPECT_EQ(table->FindAlpha2("F"), nullptr);
  EXPECT_EQ(table->FindAlpha2("F1"), nullptr);
  EXPECT_EQ(table->FindAlpha3("DEU"), nullptr);
}

TEST(CountryTableTest, MissingFileIsAnErrorNamingThePath) {
  const std::string path = (fs::path(::testing::TempDir()) /
                            ("country_table_missing-" + std::to_string(::getpid()) + ".json"))
                               .string();
  std::string error;
  EXPECT_EQ(CountryTable::Load(path, &error), nullptr);
  EXPECT_NE(error.find(path), std::string::npos) << error;
  EXPECT_NE(error.find("cannot be read"), std::string::npos) << error;
}

TEST(CountryTableTest, LoadsAFileFromDisk) {
  const ScopedTempDir temp("country_table_small");
  const fs::path path = temp.path() / "country_table_small.json";
  std::ofstream(path) << kSmallIsoFile;
  std::string error;
  const auto table = CountryTable::Load(path.string(), &error);
  ASSERT_NE(table, nullptr) << error;
  EXPECT_EQ(table->countries().size(), 3u);
}

TEST(CountryTableTest, BadJsonIsAnErrorNamingTheFile) {
  std::string error;
  EXPECT_EQ(
      CountryTable::Parse("{\"3166-1\": [{\"alpha_2\": \"FR\", \"name\": ", "bad.json", &error),
      nullptr);
  EXPECT_NE(error.find("bad.json"), std::string::npos) << error;
  EXPECT_EQ(CountryTable::Parse("not json at all", "bad.json", &error), nullptr);
  EXPECT_NE(error.find("bad.json"), std::string::npos) << error;
}

TEST(CountryTableTest, FileWithoutTheArrayIsAnError) {
  std::string error;
  EXPECT_EQ(CountryTable::Parse(R"({"3166-2": []})", "other.json", &error), nullptr);
  EXPECT_NE(error.find("\"3166-1\""), std::string::npos) << error;
  EXPECT_EQ(CountryTable::Parse(R"({"3166-1": []})", "empty.json", &error), nullptr);
  EXPECT_NE(error.find("no countries"), std::string::npos) << error;
}

TEST(CountryTableTest, EntryWithoutCodeOrNameIsAnError) {
  std::string error;
  EXPECT_EQ(CountryTable::Parse(R"({"3166-1": [{"alpha_2": "FRA", "name": "France"}]})", "a.json",
                                &error),
            nullptr);
  EXPECT_NE(error.find("entry 1"), std::string::npos) << error;
  EXPECT_EQ(CountryTable::Parse(R"({"3166-1": [{"alpha_2": "FR"}]})", "a.json", &error), nullptr);
  EXPECT_EQ(CountryTable::Parse(R"({"3166-1": [{"alpha_2": 7, "name": "X"}]})", "a.json", &error),
            nullptr);
  EXPECT_NE(error.find("not a string"), std::string::npos) << error;
}

TEST(CountryTableTest, LoadsDebianIsoCodes) {
  const std::string path = "/usr/share/iso-codes/json/iso_3166-1.json";
  if (!fs::exists(path)) GTEST_SKIP() << "iso-codes not installed";
  std::string error;
  const auto table = CountryTable::Load(path, &error);
  ASSERT_NE(table, nullptr) << error;
  EXPECT_GE(table->countries().size(), 240u);
  EXPECT_EQ(table->FindAlpha2("GB")->name, "United Kingdom");
  EXPECT_EQ(table->FindAlpha2("KR")->DisplayName(), "South Korea");
}

}  // namespace
}  // namespace newsflow
