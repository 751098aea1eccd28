#include "tagging/place_resolver.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "tests/unit/tagging/place_fixture.h"

namespace newsflow {
namespace {

using testing::PlaceFixture;

const PlaceFixture& Fixture() {
  // Destroyed at exit, which removes its directory.
  static const PlaceFixture fixture("place_resolver_test");
  return fixture;
}

// An entity with `count` mentions, the first at byte `first`.
Entity MakeEntity(const std::string& name, int count, size_t first) {
  Entity entity;
  entity.name = name;
  for (int i = 0; i < count; ++i) {
    entity.mentions.push_back(
        {first + 100 * static_cast<size_t>(i), first + 100 * static_cast<size_t>(i) + name.size()});
  }
  return entity;
}

std::string Countries(const Article& article) {
  std::string out;
  for (const CountryTag& tag : article.countries) {
    if (!out.empty()) out += " ";
    out += tag.code + ":" + std::to_string(tag.mentions);
  }
  return out;
}

class PlaceResolverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    gazetteer_ = Fixture().Gazetteer();
    ASSERT_NE(gazetteer_, nullptr);
  }
  // Lists every country with evidence, so the rule tests see all of them;
  // the selection has tests of its own below.
  static PlaceResolverOptions ListAll() {
    PlaceResolverOptions options;
    options.min_mentions = 1;
    options.lead_bytes = 0;
    return options;
  }
  std::string Resolve(Article& article, PlaceResolverOptions options = ListAll()) {
    PlaceResolver resolver(gazetteer_, options);
    resolver.Resolve(article);
    return Countries(article);
  }
  std::shared_ptr<const PlaceGazetteer> gazetteer_;
};

TEST_F(PlaceResolverTest, CountryLocationGetsCodeAndCapitalCoordinates) {
  Article article;
  article.entities.locations.push_back(MakeEntity("France", 2, 10));
  EXPECT_EQ(Resolve(article), "FR:2");
  const Entity& france = article.entities.locations[0];
  EXPECT_EQ(france.country_code, "FR");
  ASSERT_TRUE(france.lat.has_value());
  EXPECT_DOUBLE_EQ(*france.lat, 48.86);
  EXPECT_DOUBLE_EQ(*france.lon, 2.35);
  EXPECT_EQ(article.countries[0].name, "France");
}

TEST_F(PlaceResolverTest, CountryWithoutCapitalRowHasCodeButNoCoordinates) {
  Article article;
  article.entities.locations.push_back(MakeEntity("Brazil", 1, 0));
  EXPECT_EQ(Resolve(article), "BR:1");
  EXPECT_EQ(article.entities.locations[0].country_code, "BR");
  EXPECT_FALSE(article.entities.locations[0].lat.has_value());
}

TEST_F(PlaceResolverTest, CountryNameUsesIsoCodesDisplayName) {
  Article article;
  article.entities.locations.push_back(MakeEntity("Iran", 1, 0));
  article.entities.locations.push_back(MakeEntity("Teheran", 1, 50));
  EXPECT_EQ(Resolve(article), "IR:2");
  EXPECT_EQ(article.countries[0].name, "Iran");
}

TEST_F(PlaceResolverTest, CityGetsItsCoordinatesAndCountsForItsCountry) {
  Article article;
  article.entities.locations.push_back(MakeEntity("Osaka", 3, 0));
  EXPECT_EQ(Resolve(article), "JP:3");
  const Entity& osaka = article.entities.locations[0];
  EXPECT_EQ(osaka.country_code, "JP");
  EXPECT_DOUBLE_EQ(*osaka.lat, 34.69);
  EXPECT_DOUBLE_EQ(*osaka.lon, 135.50);
}

TEST_F(PlaceResolverTest, CitiesNeedNotCountForTheirCountry) {
  Article article;
  article.entities.locations.push_back(MakeEntity("Osaka", 3, 0));
  PlaceResolverOptions options = ListAll();
  options.places_count_for_country = false;
  EXPECT_EQ(Resolve(article, options), "");
  EXPECT_EQ(article.entities.locations[0].country_code, "JP");  // still resolved
}

TEST_F(PlaceResolverTest, UnknownLocationIsLeftEmpty) {
  Article article;
  article.entities.locations.push_back(MakeEntity("Atlantis", 1, 0));
  article.entities.locations.push_back(MakeEntity("Persian Gulf", 1, 20));
  EXPECT_EQ(Resolve(article), "");
  for (const Entity& location : article.entities.locations) {
    EXPECT_EQ(location.country_code, "");
    EXPECT_FALSE(location.lat.has_value());
    EXPECT_FALSE(location.lon.has_value());
  }
}

TEST_F(PlaceResolverTest, DemonymsAmongMiscCountForTheirCountry) {
  Article article;
  article.entities.misc.push_back(MakeEntity("Israeli", 2, 5));
  article.entities.misc.push_back(MakeEntity("Israelis", 1, 300));
  EXPECT_EQ(Resolve(article), "IL:3");
}

TEST_F(PlaceResolverTest, OtherMiscEntitiesCountForNothing) {
  Article article;
  article.entities.misc.push_back(MakeEntity("Olympics", 2, 5));
  article.entities.misc.push_back(MakeEntity("Super-Bowl", 1, 50));
  EXPECT_EQ(Resolve(article), "");
}

TEST_F(PlaceResolverTest, HyphenatedMiscCountsEachKnownPart) {
  Article article;
  article.entities.misc.push_back(MakeEntity("U.S.-Japanese", 1, 5));
  article.entities.misc.push_back(MakeEntity("Franco/Israeli", 1, 50));
  EXPECT_EQ(Resolve(article), "JP:1 US:1 IL:1");  // ties: first mention, then code
}

TEST_F(PlaceResolverTest, DemonymTaggedAsLocationCountsWithoutCoordinates) {
  Article article;
  article.entities.locations.push_back(MakeEntity("Japanese", 1, 0));
  EXPECT_EQ(Resolve(article), "JP:1");
  EXPECT_EQ(article.entities.locations[0].country_code, "JP");
  EXPECT_FALSE(article.entities.locations[0].lat.has_value());
}

TEST_F(PlaceResolverTest, AmbiguousCityIsTheMostPopulousWithoutContext) {
  Article article;
  article.entities.locations.push_back(MakeEntity("Paris", 1, 0));
  EXPECT_EQ(Resolve(article), "FR:1");
  EXPECT_EQ(article.entities.locations[0].country_code, "FR");
}

TEST_F(PlaceResolverTest, AmbiguousCityPrefersACountryTheArticleMentions) {
  Article article;
  article.entities.locations.push_back(MakeEntity("Paris", 1, 0));
  article.entities.locations.push_back(MakeEntity("U.S.", 1, 40));
  EXPECT_EQ(Resolve(article), "US:2");
  EXPECT_EQ(article.entities.locations[0].country_code, "US");
  EXPECT_DOUBLE_EQ(*article.entities.locations[0].lat, 33.66);
}

TEST_F(PlaceResolverTest, UnambiguousPlacesAreContextWhateverTheOrder) {
  for (const bool texas_first : {false, true}) {
    Article article;
    article.entities.locations.push_back(MakeEntity("Paris", 1, texas_first ? 40 : 0));
    article.entities.locations.push_back(MakeEntity("Texas", 1, texas_first ? 0 : 40));
    if (texas_first) std::swap(article.entities.locations[0], article.entities.locations[1]);
    EXPECT_EQ(Resolve(article), "US:2");
    for (const Entity& location : article.entities.locations) {
      EXPECT_EQ(location.country_code, "US") << location.name;
    }
  }
}

TEST_F(PlaceResolverTest, PlacesOfAnotherCountryDoNotMoveACity) {
  Article article;
  article.entities.locations.push_back(MakeEntity("Paris", 2, 0));
  article.entities.locations.push_back(MakeEntity("Osaka", 1, 40));
  EXPECT_EQ(Resolve(article), "FR:2 JP:1");
}

TEST_F(PlaceResolverTest, NameOfCountryAndCityIsTheCountry) {
  Article article;
  article.entities.locations.push_back(MakeEntity("Luxembourg", 1, 0));
  EXPECT_EQ(Resolve(article), "LU:1");
  EXPECT_DOUBLE_EQ(*article.entities.locations[0].lat, 49.61);
}

TEST_F(PlaceResolverTest, DatelineCountsOnceAndRanksFirst) {
  Article article;
  article.dateline = "TOKYO, March 3";
  article.entities.locations.push_back(MakeEntity("France", 1, 10));
  EXPECT_EQ(Resolve(article), "JP:1 FR:1");  // a tie: the dateline comes first
}

TEST_F(PlaceResolverTest, DatelineCountryOrRegionDecidesItsPlace) {
  Article article;
  article.dateline = "PARIS, Texas (Reuters)";
  EXPECT_EQ(Resolve(article), "US:1");
  article.dateline = "TEL AVIV, Israel";
  EXPECT_EQ(Resolve(article), "IL:1");
  article.dateline = "NEW YORK (Reuters)";  // unknown here
  EXPECT_EQ(Resolve(article), "");
  article.dateline = "PARIS";
  EXPECT_EQ(Resolve(article), "FR:1");
}

TEST_F(PlaceResolverTest, DatelineIsContextForAmbiguousCities) {
  Article article;
  article.dateline = "WASHINGTON, March 3";
  article.entities.locations.push_back(MakeEntity("Paris", 1, 10));
  EXPECT_EQ(Resolve(article), "US:2");
}

TEST_F(PlaceResolverTest, CountriesSortByMentionsThenFirstMention) {
  Article article;
  article.entities.locations.push_back(MakeEntity("Britain", 1, 500));
  article.entities.locations.push_back(MakeEntity("France", 1, 20));
  article.entities.locations.push_back(MakeEntity("Japan", 3, 900));
  EXPECT_EQ(Resolve(article), "JP:3 FR:1 GB:1");
}

TEST_F(PlaceResolverTest, MinMentionsDropsRarelyMentionedCountries) {
  Article article;
  article.entities.locations.push_back(MakeEntity("France", 1, 200));
  article.entities.locations.push_back(MakeEntity("Japan", 2, 900));
  PlaceResolverOptions options = ListAll();
  options.min_mentions = 2;
  EXPECT_EQ(Resolve(article, options), "JP:2");
  EXPECT_EQ(article.entities.locations[0].country_code, "FR");  // still resolved
}

TEST_F(PlaceResolverTest, TheMostMentionedCountryIsAlwaysListed) {
  Article article;
  article.entities.locations.push_back(MakeEntity("France", 1, 900));
  article.entities.locations.push_back(MakeEntity("Japan", 1, 1000));
  PlaceResolverOptions options = ListAll();
  options.min_mentions = 5;
  EXPECT_EQ(Resolve(article, options), "FR:1");
}

TEST_F(PlaceResolverTest, CountriesInTheLeadOrDatelineAreListed) {
  Article article;
  article.dateline = "TOKYO, March 3";
  article.entities.locations.push_back(MakeEntity("France", 4, 500));
  article.entities.locations.push_back(MakeEntity("Britain", 1, 149));
  article.entities.locations.push_back(MakeEntity("U.S.", 1, 150));
  PlaceResolverOptions options;
  options.min_mentions = 3;
  options.lead_bytes = 150;
  EXPECT_EQ(Resolve(article, options), "FR:4 JP:1 GB:1");
}

TEST_F(PlaceResolverTest, DefaultsListFrequentAndLeadCountries) {
  const PlaceResolverOptions defaults;
  EXPECT_EQ(defaults.min_mentions, 3);
  EXPECT_EQ(defaults.lead_bytes, 150u);
  EXPECT_TRUE(defaults.places_count_for_country);
  Article article;
  article.entities.locations.push_back(MakeEntity("Japan", 2, 10));
  article.entities.locations.push_back(MakeEntity("France", 3, 400));
  article.entities.misc.push_back(MakeEntity("Israeli", 2, 600));
  EXPECT_EQ(Resolve(article, defaults), "FR:3 JP:2");
}

TEST_F(PlaceResolverTest, UnknownCompoundLocationCountsItsCountries) {
  Article article;
  article.entities.locations.push_back(MakeEntity("France/Japan", 1, 0));
  article.entities.locations.push_back(MakeEntity("Atlantis-Lemuria", 1, 30));
  EXPECT_EQ(Resolve(article), "FR:1 JP:1");
  EXPECT_EQ(article.entities.locations[0].country_code, "");  // two countries: no code
  EXPECT_EQ(article.entities.locations[1].country_code, "");
}

TEST_F(PlaceResolverTest, ResolvingAgainReplacesEarlierResults) {
  PlaceResolver resolver(gazetteer_, ListAll());
  Article first;
  first.entities.locations.push_back(MakeEntity("France", 2, 0));
  resolver.Resolve(first);
  Article second;
  second.entities.locations.push_back(MakeEntity("Atlantis", 1, 0));
  second.entities.locations[0].country_code = "ZZ";
  second.entities.locations[0].lat = 1;
  second.countries.push_back({"ZZ", "Nowhere", 9});
  resolver.Resolve(second);
  EXPECT_EQ(Countries(second), "");
  EXPECT_EQ(second.entities.locations[0].country_code, "");
  EXPECT_FALSE(second.entities.locations[0].lat.has_value());
  resolver.Resolve(first);
  EXPECT_EQ(Countries(first), "FR:2");
}

TEST_F(PlaceResolverTest, ManyEntitiesStayCheap) {
  Article article;
  for (int i = 0; i < 20000; ++i) {
    article.entities.locations.push_back(
        MakeEntity(i % 2 == 0 ? "Paris" : "Unknown " + std::to_string(i), 1, i));
    article.entities.misc.push_back(MakeEntity(std::string(300, '-'), 1, i));
  }
  EXPECT_EQ(Resolve(article), "FR:10000");
}

}  // namespace
}  // namespace newsflow
