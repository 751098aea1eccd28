// Place names -> countries and coordinates, for the places stage.
//
// Sources, all read once at start:
//  - the countries of Debian iso-codes (tagging/country_table.h): each
//    country's name, common_name and official_name name that country;
//  - the project's place table (models/places/cities.tsv, config
//    tagging.places_table): capitals, major cities and some regions (US
//    states, Canadian provinces, ...), one per line: name, alternate names
//    (comma list), ISO 3166-1 alpha-2, latitude, longitude, population,
//    kind (capital, city or region). '#' lines and a header line starting
//    "name<TAB>" are skipped;
//  - the alias table (models/places/country_aliases.tsv): alias, alpha-2,
//    kind (alias: another name of the country, "Britain", "U.S.", "Soviet
//    Union"; demonym: "Israeli", "Japanese"). Every demonym also matches
//    with an "s" appended ("Israelis") unless it already ends in "s";
//  - optionally a GeoNames dump (cities15000.txt, allCountries.txt, ...:
//    geonameid, name, asciiname, alternatenames, latitude, longitude,
//    feature class, feature code, country code, cc2, admin1..4, population,
//    ...), streamed line by line: feature class P rows with a population of
//    at least kGeoNamesMinPopulation become cities under their name,
//    ASCII name and alternate names (a row whose normalized name and
//    country a table place already has is skipped), and A/PCLI rows add
//    their names as country aliases. Rows of unknown countries are skipped.
//
// Names are compared after NormalizePlaceName (below): case, diacritics,
// dots and apostrophes do not matter ("U.S." = "US" = "us", "Sao Paulo" =
// "São Paulo"), and a leading "the" is dropped ("The Hague" = "Hague").
//
// A name may be several things at once ("Luxembourg": a country and its
// capital; "Hyderabad": two cities); Lookup returns all of them and the
// resolver (tagging/place_resolver.h) decides.
//
// Errors: Load returns nullptr and sets *error to "<file>:<line>: <what>"
// (bad column count, unknown country code, bad number, unknown kind) or
// "<file>: cannot be read". Missing GeoNames fields make a row be skipped,
// not an error (the dumps are large and their format is loose).
//
// Thread-safety: a loaded gazetteer is immutable; lookups are const and
// reentrant. Lookups are hash-map probes: constant time per name.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tagging/country_table.h"

namespace newsflow {

// GeoNames populated places smaller than this are not loaded (allCountries
// has millions of hamlets whose names collide with everything).
inline constexpr int64_t kGeoNamesMinPopulation = 1000;

enum class PlaceKind : uint8_t { kCapital, kCity, kRegion };

struct Place {
  std::string name;  // as written in the source
  const CountryInfo* country = nullptr;
  double lat = 0;
  double lon = 0;
  int64_t population = 0;
  PlaceKind kind = PlaceKind::kCity;
};

struct PlaceGazetteerFiles {
  std::string places_table;   // cities.tsv format; required
  std::string aliases_table;  // country_aliases.tsv format; "" for none
  std::string geonames;       // GeoNames dump; "" for none
};

// What a normalized name denotes. Any part may be empty.
struct PlaceMatch {
  const CountryInfo* country = nullptr;     // a country's name or alias
  const CountryInfo* demonym_of = nullptr;  // a demonym of this country
  std::span<const uint32_t> places;         // PlaceGazetteer::place(i), most populous first
  bool empty() const { return country == nullptr && demonym_of == nullptr && places.empty(); }
};

// The comparison form of a place name, appended to *out (cleared first):
// letters and digits case-folded with diacritics removed (utf8proc), '.',
// '\'' and U+2019 dropped, every other run of characters one space, no
// leading or trailing space, a leading "the " removed. Names longer than
// kMaxPlaceNameBytes give "" (no place has such a name).
inline constexpr size_t kMaxPlaceNameBytes = 256;
void NormalizePlaceName(std::string_view name, std::string* out);
std::string NormalizePlaceName(std::string_view name);

class PlaceGazetteer {
 public:
  static std::shared_ptr<const PlaceGazetteer> Load(std::shared_ptr<const CountryTable> countries,
                                                    const PlaceGazetteerFiles& files,
                                                    std::string* error);

  // Everything `normalized` (the output of NormalizePlaceName) names.
  PlaceMatch Lookup(std::string_view normalized) const;
  // Calls f(normalized, match) for every name the gazetteer knows, in no
  // particular order (the NER tagger's knowledge is built from them).
  template <typename F>
  void ForEachName(F&& f) const {
    for (const auto& [name, entry] : names_) f(std::string_view(name), MatchOf(entry));
  }

  const Place& place(uint32_t index) const { return places_[index]; }
  size_t place_count() const { return places_.size(); }
  // The country's capital (the first "capital" row of the table for it, or
  // a GeoNames PPLC row), or null.
  const Place* CapitalOf(const CountryInfo& country) const;
  const CountryTable& countries() const { return *countries_; }

 private:
  struct NameEntry {
    const CountryInfo* country = nullptr;
    const CountryInfo* demonym_of = nullptr;
    std::vector<uint32_t> places;
  };
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  class Loader;
  static PlaceMatch MatchOf(const NameEntry& entry) {
    PlaceMatch match;
    match.country = entry.country;
    match.demonym_of = entry.demonym_of;
    match.places = entry.places;
    return match;
  }

  std::shared_ptr<const CountryTable> countries_;
  std::vector<Place> places_;
  std::vector<int32_t> capital_of_;  // by CountryInfo::index; -1 for none
  std::unordered_map<std::string, NameEntry, Hash, std::equal_to<>> names_;
};

}  // namespace newsflow
