// Stage "places": resolves the article's locations and demonyms to
// countries and coordinates (tagging/place_resolver.h has the rules): fills
// country_code, lat and lon of Article::entities.locations and replaces
// Article::countries. Runs after the entities stage (and the lead stage,
// whose dateline it reads).
//
// Language: English only, like the entities it reads. An article whose
// `language` is set to another code than "en" (and is not "und") gets no
// countries: "places" is appended to Article::skipped_taggers and the
// article passes.
//
// Data, loaded once by the factory from MakePlacesStageFactory and shared,
// immutable, by the instances of all workers:
//  - tagging.iso_3166_file: Debian iso-codes' iso_3166-1.json;
//  - tagging.places_table: models/places/cities.tsv; the alias and demonym
//    table country_aliases.tsv is read from the same directory when it is
//    there (without it only the iso-codes names of countries are known);
//  - tagging.geonames_file: optional GeoNames dump ("" for none).
// Relative paths are found by ResolveDataFile (util/data_path.h). A file
// that is missing or malformed makes the factory throw std::runtime_error
// naming the file and the problem, so the pipeline refuses to start (exit
// 2) instead of failing at the first article.
//
// Never dead-letters.
#pragma once

#include <memory>
#include <string>

#include "newsflow/stage.h"
#include "newsflow/stage_registry.h"
#include "tagging/place_resolver.h"

namespace newsflow {

struct PlacesStageFiles {
  std::string iso_3166_file;
  std::string places_table;
  std::string geonames_file;  // "" for none
};

// The tagging.* files of a configuration.
PlacesStageFiles PlacesStageFilesOf(const Config& config);

class PlacesStage : public Stage {
 public:
  PlacesStage(std::shared_ptr<const PlaceGazetteer> gazetteer, PlaceResolverOptions options);
  std::string_view Name() const override { return "places"; }
  StageResult Process(Article& article) override;

 private:
  PlaceResolver resolver_;
};

// Loads the country table and the gazetteer (files resolved with
// ResolveDataFile). Throws std::runtime_error naming the file on failure.
std::shared_ptr<const PlaceGazetteer> LoadPlaceGazetteer(const PlacesStageFiles& files);

// Builds the factory to register as "places": reads tagging.iso_3166_file,
// tagging.places_table and tagging.geonames_file; the gazetteer is loaded on
// the first call and reused while those settings stay the same.
// Thread-safe: the factory may be called from several threads.
StageFactory MakePlacesStageFactory();

}  // namespace newsflow
