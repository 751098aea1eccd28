// `newsflow eval places`: see app/places_commands.h.
//
// Reuters PLACES names -> ISO 3166-1 alpha-2: a name is looked up among the
// iso-codes names of countries (name, common_name, official_name) with its
// hyphens read as spaces ("saudi-arabia" -> "Saudi Arabia" -> SA); the
// names that do not match are mapped by kReutersPlaces below. Historical
// states map to their successor, as the place table's aliases do: ussr ->
// RU, west-germany and east-germany -> DE, czechoslovakia -> CZ, yugoslavia
// -> RS, both Yemens -> YE, kampuchea -> KH, burma -> MM, zaire -> CD,
// netherlands-antilles -> CW (Curacao, seat of its government). A PLACES
// name that maps to no country (none in the collection's list, but a
// record could hold one, e.g. "ec") is skipped and counted; a record left
// with no country is not evaluated.
//
// Result with the shipped tables and defaults, over all 13,013 records:
// micro P 0.927, R 0.930, F1 0.928 (models/places/README.md has the tuning
// table of the selection rule).
//
// The articles enter as JSON records {"id", "title", "body"} whose body is
// the DATELINE element followed by the BODY text, as a wire story starts,
// so the lead stage finds the dateline as it would in production.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/places_commands.h"
#include "evaluation/reuters_sgml.h"
#include "newsflow/config.h"
#include "newsflow/shutdown.h"
#include "newsflow/stage_registry.h"
#include "pipeline/stages/places_stage.h"
#include "tagging/country_table.h"
#include "tagging/place_gazetteer.h"
#include "util/data_path.h"
#include "util/file_bytes.h"

namespace newsflow {
namespace {

// Reuters PLACES names that are not an iso-codes name of their country.
constexpr std::pair<const char*, const char*> kReutersPlaces[] = {
    {"usa", "US"},
    {"uk", "GB"},
    {"ussr", "RU"},
    {"west-germany", "DE"},
    {"east-germany", "DE"},
    {"czechoslovakia", "CZ"},
    {"yugoslavia", "RS"},
    {"burma", "MM"},
    {"kampuchea", "KH"},
    {"zaire", "CD"},
    {"ivory-coast", "CI"},
    {"south-korea", "KR"},
    {"north-korea", "KP"},
    {"uae", "AE"},
    {"vatican", "VA"},
    {"netherlands-antilles", "CW"},
    {"western-samoa", "WS"},
    {"yemen-arab-republic", "YE"},
    {"yemen-demo-republic", "YE"},
    {"swaziland", "SZ"},
    {"cape-verde", "CV"},
    {"us-virgin-islands", "VI"},
    {"british-virgin-islands", "VG"},
    {"trinidad-tobago", "TT"},
    {"antigua", "AG"},
    {"brunei", "BN"},
    {"turkey", "TR"},
};

const std::vector<std::string> kChain = {"parse",    "normalize_text", "lead",  "boilerplate",
                                         "language", "entities",       "places"};

std::string InputRecord(const ReutersRecord& record) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  std::string body = record.dateline;
  if (!body.empty()) body.push_back(' ');
  body += record.body;
  writer.StartObject();
  writer.Key("id");
  writer.String(record.new_id.c_str(), static_cast<rapidjson::SizeType>(record.new_id.size()));
  writer.Key("title");
  writer.String(record.title.c_str(), static_cast<rapidjson::SizeType>(record.title.size()));
  writer.Key("body");
  writer.String(body.c_str(), static_cast<rapidjson::SizeType>(body.size()));
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

struct Counts {
  size_t true_positives = 0;
  size_t false_positives = 0;
  size_t false_negatives = 0;

  void Add(const std::set<std::string>& predicted, const std::set<std::string>& expected) {
    for (const std::string& code : predicted) {
      ++(expected.count(code) != 0 ? true_positives : false_positives);
    }
    for (const std::string& code : expected) {
      if (predicted.count(code) == 0) ++false_negatives;
    }
  }
  void Print(const char* label) const {
    const auto ratio = [](size_t a, size_t b) { return b == 0 ? 0.0 : static_cast<double>(a) / b; };
    const double p = ratio(true_positives, true_positives + false_positives);
    const double r = ratio(true_positives, true_positives + false_negatives);
    const double f1 = p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    std::printf("%-34s P %.4f  R %.4f  F1 %.4f  (tp %zu fp %zu fn %zu)\n", label, p, r, f1,
                true_positives, false_positives, false_negatives);
  }
};

std::string Join(const std::set<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes) out += (out.empty() ? "" : " ") + code;
  return out;
}

}  // namespace

int EvalPlacesCommand(const EvalPlacesOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(options.dir, ec)) {
    std::fprintf(stderr, "skipped: no directory %s\n", options.dir.c_str());
    return kExitOk;
  }
  const std::vector<std::string> files = ReutersSgmlFiles(options.dir);
  if (files.empty()) {
    std::fprintf(stderr, "skipped: no reut2-*.sgm files in %s\n", options.dir.c_str());
    return kExitOk;
  }
  Config config;
  config.pipeline.stages = kChain;
  config.tagging.geonames_file = options.geonames_file;

  // The gold mapping, from the iso-codes names.
  std::string error;
  const std::optional<std::string> iso_file = ResolveDataFile(config.tagging.iso_3166_file, &error);
  const auto countries = iso_file ? CountryTable::Load(*iso_file, &error) : nullptr;
  if (countries == nullptr) {
    std::fprintf(stderr, "eval places: %s\n", error.c_str());
    return kExitConfigError;
  }
  std::unordered_map<std::string, std::string> code_of_name;
  for (const CountryInfo& country : countries->countries()) {
    for (const std::string* name : {&country.name, &country.common_name, &country.official_name}) {
      if (!name->empty()) code_of_name.emplace(NormalizePlaceName(*name), country.alpha2);
    }
  }
  for (const auto& [name, code] : kReutersPlaces) code_of_name[NormalizePlaceName(name)] = code;

  // The real stages, as `newsflow process` builds them.
  StageRegistry registry;
  RegisterBuiltinStages(registry);
  const bool tuning =
      options.min_mentions >= 0 || options.lead_bytes >= 0 || options.no_place_counts;
  if (tuning) {
    PlaceResolverOptions resolver;
    if (options.min_mentions >= 0) resolver.min_mentions = options.min_mentions;
    if (options.lead_bytes >= 0) resolver.lead_bytes = static_cast<size_t>(options.lead_bytes);
    resolver.places_count_for_country = !options.no_place_counts;
    std::fprintf(stderr,
                 "eval places: places stage with min_mentions %d, lead_bytes %zu, "
                 "places_count_for_country %d\n",
                 resolver.min_mentions, resolver.lead_bytes, resolver.places_count_for_country);
    registry.Register("places", [resolver](const StageContext& context) {
      return std::make_unique<PlacesStage>(LoadPlaceGazetteer(PlacesStageFilesOf(context.config)),
                                           resolver);
    });
  }
  std::vector<std::unique_ptr<Stage>> chain;
  try {
    std::string unknown;
    const StageContext context{config};
    chain = registry.CreateChain(kChain, context, &unknown);
    if (chain.empty()) {
      std::fprintf(stderr, "eval places: unknown stage %s\n", unknown.c_str());
      return kExitConfigError;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "eval places: %s\n", e.what());
    return kExitConfigError;
  }

  Counts listed;  // Article::countries as the stage outputs it
  size_t records = 0;
  size_t not_passed = 0;
  size_t unmapped_places = 0;
  size_t examples = 0;
  std::map<std::string, size_t> unmapped_names;
  std::map<std::string, Counts> per_country;
  double seconds = 0;
  double places_seconds = 0;  // the places stage alone
  for (const std::string& file : files) {
    if (options.limit != 0 && records >= options.limit) break;
    std::string sgml;
    if (!ReadFileBytes(file, &sgml)) {
      std::fprintf(stderr, "eval places: cannot read %s\n", file.c_str());
      return kExitConfigError;
    }
    for (const ReutersRecord& record : ParseReutersSgml(sgml)) {
      if (options.limit != 0 && records >= options.limit) break;
      if (record.body.empty() || record.places.empty()) continue;
      std::set<std::string> expected;
      for (const std::string& place : record.places) {
        const auto it = code_of_name.find(NormalizePlaceName(place));
        if (it == code_of_name.end()) {
          ++unmapped_places;
          ++unmapped_names[place];
        } else {
          expected.insert(it->second);
        }
      }
      if (expected.empty()) continue;
      Article article;
      article.raw.value = InputRecord(record);
      bool passed = true;
      const auto start = std::chrono::steady_clock::now();
      for (const auto& stage : chain) {
        const auto stage_start = std::chrono::steady_clock::now();
        if (stage->Process(article).outcome != Outcome::kPass) {
          passed = false;
          break;
        }
        if (stage.get() == chain.back().get()) {
          places_seconds +=
              std::chrono::duration<double>(std::chrono::steady_clock::now() - stage_start).count();
        }
      }
      seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (!passed) {
        ++not_passed;
        continue;
      }
      ++records;
      std::set<std::string> all;
      for (const CountryTag& tag : article.countries) all.insert(tag.code);
      listed.Add(all, expected);
      for (const std::string& code : all) {
        ++(expected.count(code) != 0 ? per_country[code].true_positives
                                     : per_country[code].false_positives);
      }
      for (const std::string& code : expected) {
        if (all.count(code) == 0) ++per_country[code].false_negatives;
      }
      if (examples < options.examples && all != expected) {
        ++examples;
        std::printf("NEWID %s  expected [%s]  predicted [%s]  dateline '%s'\n",
                    record.new_id.c_str(), Join(expected).c_str(), Join(all).c_str(),
                    article.dateline.c_str());
        for (const Entity& location : article.entities.locations) {
          std::printf("    LOC %s -> %s x%zu\n", location.name.c_str(),
                      location.country_code.empty() ? "?" : location.country_code.c_str(),
                      location.mentions.size());
        }
        for (const Entity& misc : article.entities.misc) {
          std::printf("    MISC %s x%zu\n", misc.name.c_str(), misc.mentions.size());
        }
      }
    }
  }
  std::printf("records %zu (with a body and a mapped PLACES tag; %zu not passed by the chain)\n",
              records, not_passed);
  std::printf("PLACES names skipped (no ISO country) %zu", unmapped_places);
  for (const auto& [name, count] : unmapped_names) std::printf(" %s:%zu", name.c_str(), count);
  std::printf("\n");
  if (options.per_country) {
    std::vector<std::pair<size_t, std::string>> by_support;
    for (const auto& [code, counts] : per_country) {
      by_support.emplace_back(counts.true_positives + counts.false_negatives, code);
    }
    std::sort(by_support.rbegin(), by_support.rend());
    for (const auto& [support, code] : by_support) {
      per_country[code].Print(("  " + code + " (support " + std::to_string(support) + ")").c_str());
    }
  }
  listed.Print("countries (stage output)");
  std::printf("time per article: chain %.1f us, places stage %.2f us\n",
              records == 0 ? 0.0 : 1e6 * seconds / records,
              records == 0 ? 0.0 : 1e6 * places_seconds / records);
  return kExitOk;
}

}  // namespace newsflow
