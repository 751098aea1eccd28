#include "pipeline/stages/places_stage.h"

#include <filesystem>
#include <stdexcept>
#include <utility>

#include "pipeline/stages/shared_model.h"
#include "pipeline/stages/tagger_language.h"

namespace newsflow {
namespace {

constexpr const char* kAliasesFileName = "country_aliases.tsv";

std::string Resolve(const std::string& what, const std::string& path) {
  return ResolveModelFile("places", what, path);
}

}  // namespace

PlacesStageFiles PlacesStageFilesOf(const Config& config) {
  PlacesStageFiles files;
  files.iso_3166_file = config.tagging.iso_3166_file;
  files.places_table = config.tagging.places_table;
  files.geonames_file = config.tagging.geonames_file;
  return files;
}

std::shared_ptr<const PlaceGazetteer> LoadPlaceGazetteer(const PlacesStageFiles& files) {
  if (files.places_table.empty()) throw std::runtime_error("places stage: no tagging.places_table");
  std::string error;
  auto countries = CountryTable::Load(Resolve("ISO 3166-1 file", files.iso_3166_file), &error);
  if (countries == nullptr) throw std::runtime_error("places stage: " + error);
  PlaceGazetteerFiles gazetteer_files;
  gazetteer_files.places_table = Resolve("place table", files.places_table);
  const std::filesystem::path aliases =
      std::filesystem::path(gazetteer_files.places_table).parent_path() / kAliasesFileName;
  std::error_code ec;
  if (std::filesystem::is_regular_file(aliases, ec)) gazetteer_files.aliases_table = aliases;
  if (!files.geonames_file.empty()) {
    gazetteer_files.geonames = Resolve("GeoNames file", files.geonames_file);
  }
  auto gazetteer = PlaceGazetteer::Load(std::move(countries), gazetteer_files, &error);
  if (gazetteer == nullptr) throw std::runtime_error("places stage: " + error);
  return gazetteer;
}

PlacesStage::PlacesStage(std::shared_ptr<const PlaceGazetteer> gazetteer,
                         PlaceResolverOptions options)
    : resolver_(std::move(gazetteer), options) {}

StageResult PlacesStage::Process(Article& article) {
  if (SkipForLanguage(article, Name())) {
    article.countries.clear();
    return StageResult::Pass();
  }
  resolver_.Resolve(article);
  return StageResult::Pass();
}

StageFactory MakePlacesStageFactory() {
  auto shared = std::make_shared<SharedModel<PlaceGazetteer>>();
  return [shared](const StageContext& context) {
    const PlacesStageFiles files = PlacesStageFilesOf(context.config);
    // '\n' cannot occur in a configured path: the key is unambiguous.
    const std::string key =
        files.iso_3166_file + '\n' + files.places_table + '\n' + files.geonames_file;
    auto gazetteer = shared->Get(key, [&]() { return LoadPlaceGazetteer(files); });
    return std::make_unique<PlacesStage>(std::move(gazetteer), PlaceResolverOptions{});
  };
}

}  // namespace newsflow
