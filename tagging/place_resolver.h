// Resolves an article's places to countries and coordinates (the places
// stage's logic; pipeline/stages/places_stage.h runs it).
//
// Input: Article::entities (locations and misc, from the entities stage) and
// Article::dateline (from the lead stage). Output: country_code, lat and lon
// of every known location, and Article::countries.
//
// Rules, in this order:
//  1. A location that names a country ("France", "U.S.", "Soviet Union")
//     gets the country's code and its capital's coordinates (capital rather
//     than a centroid: one well-defined point that the table has for every
//     country; null when the country has no capital row) and counts its
//     mentions for the country. A location that is a demonym (the tagger
//     sometimes labels "Israeli" a location) gets the code, no coordinates,
//     and counts. An unknown location joined by '-' or '/' counts the
//     countries among its parts, as in rule 2 below ("Belgium/Luxembourg"), and
//     gets no code.
//  2. A misc entity that is a demonym ("Japanese", "Israelis") or a country
//     name counts its mentions for the country; one that is not but is
//     joined by '-' or '/' counts each part that is ("U.S.-Japanese",
//     "Sino-Soviet" -> US, JP; RU; at most the first four parts).
//  3. The dateline ("TEL AVIV, Israel", "TOKYO, March 3", "AUSTIN, Texas"):
//     its first comma-separated part is the place; a later part that is a
//     country or a region ("Israel", "Texas") decides the country, else the
//     place does (as in rule 4). One mention, ranked before the text.
//  4. A location that is a city or region gets the coordinates of the best
//     candidate: among the places of that name, the most populous one whose
//     country has evidence from rules 1-3 or is the only country of another
//     place name of the article (so "Paris" is Paris, Texas in an article
//     that names "Texas" or the "U.S.", when the GeoNames dump is loaded),
//     else the most populous one. The choice does not depend on the order of
//     the entities. Its mentions count for the country when
//     options.places_count_for_country.
// A name that is both a country and a city ("Luxembourg", "Singapore") is
// the country. Unknown names are left without code or coordinates.
//
// Article::countries: the countries with evidence, with their iso-codes
// display name (common_name, else name), most mentions first, ties by first
// mention (the dateline first); of these only the first, those with at least
// options.min_mentions mentions, the dateline's and those mentioned in the
// lead (options.lead_bytes) are kept.
//
// Cost: one normalization and one hash probe per entity name (plus one per
// part of a hyphenated misc name), linear in the number of entities; no
// allocation per article once the scratch buffers have grown.
//
// Thread-safety: a resolver keeps scratch state; use one per thread. The
// gazetteer it shares is immutable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "newsflow/article.h"
#include "tagging/place_gazetteer.h"

namespace newsflow {

struct PlaceResolverOptions {
  // Whether a city or region mention counts as a mention of its country.
  bool places_count_for_country = true;
  // Which countries Article::countries lists (the others' locations keep
  // their codes): the first one (most mentions), those with at least
  // min_mentions mentions, the dateline's, and those first mentioned in the
  // first lead_bytes bytes of `text`.
  int min_mentions = 3;
  size_t lead_bytes = 150;
};

class PlaceResolver {
 public:
  PlaceResolver(std::shared_ptr<const PlaceGazetteer> gazetteer, PlaceResolverOptions options);

  // Fills the location entities' country_code/lat/lon (reset first) and
  // replaces Article::countries.
  void Resolve(Article& article);

 private:
  void Count(const CountryInfo& country, int mentions, size_t first);
  // Counts the countries and demonyms among the '-' or '/' separated parts
  // of an unknown name.
  void CountCompoundParts(const Entity& entity);
  const Place& BestPlace(std::span<const uint32_t> candidates) const;
  const CountryInfo* DatelineCountry(std::string_view dateline);

  std::shared_ptr<const PlaceGazetteer> gazetteer_;
  PlaceResolverOptions options_;
  // Per country (CountryInfo::index); only the touched_ entries are nonzero.
  std::vector<int> mentions_;
  std::vector<size_t> first_;
  std::vector<uint16_t> touched_;
  std::vector<uint8_t> context_;  // countries of unambiguous place names
  std::vector<uint16_t> context_touched_;
  std::vector<size_t> pending_;  // locations that are cities or regions
  std::string key_;
};

}  // namespace newsflow
