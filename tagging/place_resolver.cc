#include "tagging/place_resolver.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace newsflow {
namespace {

constexpr size_t kNoPosition = std::numeric_limits<size_t>::max();
// Dateline parts looked at: "PLACE, Region, Country" and a date at most.
constexpr size_t kMaxDatelineParts = 4;
// Parts of a hyphenated misc name looked at ("U.S.-Japanese-Soviet").
constexpr size_t kMaxCompoundParts = 4;

int MentionCount(const Entity& entity) {
  return entity.mentions.empty() ? 1 : static_cast<int>(entity.mentions.size());
}

size_t FirstMention(const Entity& entity) {
  return entity.mentions.empty() ? kNoPosition : entity.mentions.front().begin;
}

void SetPlace(const Place& place, Entity* entity) {
  entity->country_code = place.country->alpha2;
  entity->lat = place.lat;
  entity->lon = place.lon;
}

}  // namespace

PlaceResolver::PlaceResolver(std::shared_ptr<const PlaceGazetteer> gazetteer,
                             PlaceResolverOptions options)
    : gazetteer_(std::move(gazetteer)), options_(options) {
  const size_t countries = gazetteer_->countries().countries().size();
  mentions_.assign(countries, 0);
  first_.assign(countries, kNoPosition);
  context_.assign(countries, 0);
}

void PlaceResolver::Count(const CountryInfo& country, int mentions, size_t first) {
  if (mentions_[country.index] == 0) touched_.push_back(country.index);
  mentions_[country.index] += mentions;
  first_[country.index] = std::min(first_[country.index], first);
}

void PlaceResolver::CountCompoundParts(const Entity& entity) {
  std::string_view rest = entity.name;
  if (rest.size() > kMaxPlaceNameBytes || rest.find_first_of("-/") == std::string_view::npos) {
    return;
  }
  for (size_t part = 0; part < kMaxCompoundParts && !rest.empty(); ++part) {
    const size_t cut = rest.find_first_of("-/");
    NormalizePlaceName(rest.substr(0, cut), &key_);
    rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
    const PlaceMatch match = gazetteer_->Lookup(key_);
    const CountryInfo* country = match.demonym_of != nullptr ? match.demonym_of : match.country;
    if (country != nullptr) Count(*country, MentionCount(entity), FirstMention(entity));
  }
}

const Place& PlaceResolver::BestPlace(std::span<const uint32_t> candidates) const {
  for (const uint32_t index : candidates) {  // most populous first
    const Place& place = gazetteer_->place(index);
    if (mentions_[place.country->index] > 0 || context_[place.country->index] != 0) return place;
  }
  return gazetteer_->place(candidates.front());
}

const CountryInfo* PlaceResolver::DatelineCountry(std::string_view dateline) {
  const size_t paren = dateline.find('(');  // "NEW YORK (Reuters)"
  if (paren != std::string_view::npos) dateline = dateline.substr(0, paren);
  const CountryInfo* place_country = nullptr;
  for (size_t part = 0; part < kMaxDatelineParts && !dateline.empty(); ++part) {
    const size_t comma = dateline.find(',');
    NormalizePlaceName(dateline.substr(0, comma), &key_);
    dateline = comma == std::string_view::npos ? std::string_view() : dateline.substr(comma + 1);
    const PlaceMatch match = gazetteer_->Lookup(key_);
    if (part == 0) {
      if (match.country != nullptr) return match.country;
      if (!match.places.empty()) place_country = BestPlace(match.places).country;
      continue;
    }
    if (match.country != nullptr) return match.country;
    for (const uint32_t index : match.places) {
      const Place& place = gazetteer_->place(index);
      if (place.kind == PlaceKind::kRegion) return place.country;
    }
  }
  return place_country;
}

void PlaceResolver::Resolve(Article& article) {
  for (const uint16_t index : touched_) {
    mentions_[index] = 0;
    first_[index] = kNoPosition;
  }
  touched_.clear();
  for (const uint16_t index : context_touched_) context_[index] = 0;
  context_touched_.clear();
  pending_.clear();
  article.countries.clear();

  // Rule 1: locations that are countries (or demonyms).
  std::vector<Entity>& locations = article.entities.locations;
  for (size_t i = 0; i < locations.size(); ++i) {
    Entity& location = locations[i];
    location.country_code.clear();
    location.lat.reset();
    location.lon.reset();
    NormalizePlaceName(location.name, &key_);
    const PlaceMatch match = gazetteer_->Lookup(key_);
    if (match.country != nullptr) {
      location.country_code = match.country->alpha2;
      if (const Place* capital = gazetteer_->CapitalOf(*match.country)) {
        location.lat = capital->lat;
        location.lon = capital->lon;
      }
      Count(*match.country, MentionCount(location), FirstMention(location));
    } else if (!match.places.empty()) {
      pending_.push_back(i);
    } else if (match.demonym_of != nullptr) {
      location.country_code = match.demonym_of->alpha2;
      Count(*match.demonym_of, MentionCount(location), FirstMention(location));
    } else {
      CountCompoundParts(location);  // "Belgium/Luxembourg", "Tanzania-Zambia"
    }
  }

  // Rule 2: demonyms and country names among misc entities.
  for (const Entity& misc : article.entities.misc) {
    NormalizePlaceName(misc.name, &key_);
    const PlaceMatch match = gazetteer_->Lookup(key_);
    const CountryInfo* country = match.demonym_of != nullptr ? match.demonym_of : match.country;
    if (country != nullptr) {
      Count(*country, MentionCount(misc), FirstMention(misc));
      continue;
    }
    CountCompoundParts(misc);
  }

  // Rule 3: the dateline, before the text.
  int dateline_country = -1;
  if (!article.dateline.empty()) {
    if (const CountryInfo* country = DatelineCountry(article.dateline)) {
      Count(*country, 1, 0);
      dateline_country = country->index;
    }
  }

  // Rule 4: cities and regions, with the evidence above as context. Their
  // own counts wait until all are chosen, so the order of entities does not
  // change the choice.
  // A place name whose candidates are all in one country ("Texas") is
  // context too.
  for (const size_t i : pending_) {
    NormalizePlaceName(locations[i].name, &key_);
    const std::span<const uint32_t> places = gazetteer_->Lookup(key_).places;
    const CountryInfo* country = gazetteer_->place(places.front()).country;
    const bool one_country = std::all_of(places.begin(), places.end(), [&](uint32_t index) {
      return gazetteer_->place(index).country == country;
    });
    if (one_country && !context_[country->index]) {
      context_[country->index] = 1;
      context_touched_.push_back(country->index);
    }
  }
  for (const size_t i : pending_) {
    Entity& location = locations[i];
    NormalizePlaceName(location.name, &key_);
    SetPlace(BestPlace(gazetteer_->Lookup(key_).places), &location);
  }
  if (options_.places_count_for_country) {
    for (const size_t i : pending_) {
      const Entity& location = locations[i];
      const CountryInfo* country = gazetteer_->countries().FindAlpha2(location.country_code);
      if (country != nullptr) Count(*country, MentionCount(location), FirstMention(location));
    }
  }

  // Most mentions first, then first mention, then code (deterministic).
  const std::vector<CountryInfo>& countries = gazetteer_->countries().countries();
  std::sort(touched_.begin(), touched_.end(), [&](uint16_t a, uint16_t b) {
    if (mentions_[a] != mentions_[b]) return mentions_[a] > mentions_[b];
    if (first_[a] != first_[b]) return first_[a] < first_[b];
    return countries[a].alpha2 < countries[b].alpha2;
  });
  for (size_t rank = 0; rank < touched_.size(); ++rank) {
    const uint16_t index = touched_[rank];
    const bool keep = rank == 0 || mentions_[index] >= options_.min_mentions ||
                      index == dateline_country || first_[index] < options_.lead_bytes;
    if (!keep) continue;
    const CountryInfo& country = countries[index];
    article.countries.push_back(
        CountryTag{country.alpha2, country.DisplayName(), mentions_[index]});
  }
}

}  // namespace newsflow
