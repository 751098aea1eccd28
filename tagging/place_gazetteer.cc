#include "tagging/place_gazetteer.h"

#include <utf8proc.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <utility>

#include "util/file_bytes.h"
#include "util/text_lines.h"
#include "util/unicode_class.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

bool IsMark(utf8proc_int32_t cp) {
  const utf8proc_category_t category = utf8proc_category(cp);
  return category == UTF8PROC_CATEGORY_MN || category == UTF8PROC_CATEGORY_MC ||
         category == UTF8PROC_CATEGORY_ME;
}

// Splits `line` at tabs into at most `max` fields; returns the field count
// (max + 1 when there are more).
size_t SplitTabs(std::string_view line, std::string_view* fields, size_t max) {
  size_t count = 0;
  size_t start = 0;
  while (true) {
    const size_t tab = line.find('\t', start);
    const size_t end = tab == std::string_view::npos ? line.size() : tab;
    if (count == max) return max + 1;
    fields[count++] = line.substr(start, end - start);
    if (tab == std::string_view::npos) return count;
    start = tab + 1;
  }
}

bool ParseDouble(std::string_view text, double* value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, *value);
  return ec == std::errc() && ptr == end;
}

bool ParseInt(std::string_view text, int64_t* value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, *value);
  return ec == std::errc() && ptr == end;
}

std::string_view TrimCr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// The data lines of one of the project's TSV tables in `text` (read from
// `path`): blank lines, '#' comments and the header line (starting with
// `header`) are skipped. on_line(line, fail) returns false to stop; `fail`
// sets *error to "path:line: what" and returns false.
template <typename OnLine>
bool ForEachTableLine(const std::string& path, std::string_view text, std::string_view header,
                      std::string* error, OnLine&& on_line) {
  return ForEachDataLine(text, [&](std::string_view line, size_t line_number) {
    if (line.rfind(header, 0) == 0) return true;
    auto fail = [&](const std::string& what) {
      *error = path + ":" + std::to_string(line_number) + ": " + what;
      return false;
    };
    return on_line(line, fail);
  });
}

}  // namespace

void NormalizePlaceName(std::string_view name, std::string* out) {
  out->clear();
  if (name.size() > kMaxPlaceNameBytes) return;
  bool pending_space = false;
  auto separate = [&] { pending_space = !out->empty(); };
  auto start_word_char = [&] {
    if (pending_space) out->push_back(' ');
    pending_space = false;
  };
  for (size_t i = 0; i < name.size();) {
    const unsigned char c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      ++i;
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        start_word_char();
        out->push_back(static_cast<char>(c));
      } else if (c >= 'A' && c <= 'Z') {
        start_word_char();
        out->push_back(static_cast<char>(c - 'A' + 'a'));
      } else if (c != '.' && c != '\'') {
        separate();
      }
      continue;
    }
    int32_t cp = 0;
    const size_t length = DecodeUtf8At(name, i, &cp);
    if (length == 0) {  // invalid byte: a separator
      ++i;
      separate();
      continue;
    }
    i += length;
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) continue;  // apostrophes
    utf8proc_int32_t decomposed[16];
    int boundclass = 0;
    const utf8proc_ssize_t n = utf8proc_decompose_char(
        cp, decomposed, 16,
        static_cast<utf8proc_option_t>(UTF8PROC_CASEFOLD | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                       UTF8PROC_COMPAT),
        &boundclass);
    if (n < 0 || n > 16) {
      separate();
      continue;
    }
    for (utf8proc_ssize_t k = 0; k < n; ++k) {
      const utf8proc_int32_t d = decomposed[k];
      if (IsLetterOrNumber(d)) {
        start_word_char();
        uint8_t bytes[4];
        const utf8proc_ssize_t size = utf8proc_encode_char(d, bytes);
        out->append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(size));
      } else if (!IsMark(d)) {
        separate();
      }
    }
  }
  if (out->size() > 4 && out->compare(0, 4, "the ") == 0) out->erase(0, 4);
}

std::string NormalizePlaceName(std::string_view name) {
  std::string out;
  NormalizePlaceName(name, &out);
  return out;
}

// Builds a PlaceGazetteer; keeps the scratch state of loading out of it.
class PlaceGazetteer::Loader {
 public:
  explicit Loader(PlaceGazetteer* g) : g_(g) {}

  void AddCountryNames() {
    for (const CountryInfo& country : g_->countries_->countries()) {
      for (const std::string* name :
           {&country.name, &country.common_name, &country.official_name}) {
        if (!name->empty()) AddCountryName(*name, &country);
      }
    }
  }

  bool LoadPlaces(const std::string& path, std::string* error) {
    std::string text;
    if (!ReadAll(path, &text, error)) return false;
    const bool loaded =
        ForEachTableLine(path, text, "name\t", error, [&](std::string_view line, auto& fail) {
          std::string_view f[7];
          if (SplitTabs(line, f, 7) != 7) return fail("expected 7 tab-separated columns");
          Place place;
          place.name.assign(f[0]);
          place.country = g_->countries_->FindAlpha2(f[2]);
          if (place.country == nullptr)
            return fail("unknown ISO 3166-1 code '" + std::string(f[2]) + "'");
          if (!ParseDouble(f[3], &place.lat) || place.lat < -90 || place.lat > 90) {
            return fail("latitude '" + std::string(f[3]) + "' is not a number in [-90, 90]");
          }
          if (!ParseDouble(f[4], &place.lon) || place.lon < -180 || place.lon > 180) {
            return fail("longitude '" + std::string(f[4]) + "' is not a number in [-180, 180]");
          }
          if (!ParseInt(f[5], &place.population) || place.population < 0) {
            return fail("population '" + std::string(f[5]) + "' is not a non-negative integer");
          }
          if (f[6] == "capital") {
            place.kind = PlaceKind::kCapital;
          } else if (f[6] == "city") {
            place.kind = PlaceKind::kCity;
          } else if (f[6] == "region") {
            place.kind = PlaceKind::kRegion;
          } else {
            return fail("kind '" + std::string(f[6]) + "' is not capital, city or region");
          }
          if (NormalizePlaceName(place.name).empty()) return fail("empty name");
          const uint32_t index = AddPlace(std::move(place));
          AddPlaceName(g_->places_[index].name, index);
          std::string_view alternates = f[1];
          while (!alternates.empty()) {
            const size_t comma = alternates.find(',');
            AddPlaceName(alternates.substr(0, comma), index);
            alternates =
                comma == std::string_view::npos ? std::string_view() : alternates.substr(comma + 1);
          }
          return true;
        });
    if (!loaded) return false;
    table_places_ = g_->places_.size();
    return true;
  }

  bool LoadAliases(const std::string& path, std::string* error) {
    std::string text;
    if (!ReadAll(path, &text, error)) return false;
    return ForEachTableLine(path, text, "alias\t", error, [&](std::string_view line, auto& fail) {
      std::string_view f[3];
      if (SplitTabs(line, f, 3) != 3) return fail("expected 3 tab-separated columns");
      const CountryInfo* country = g_->countries_->FindAlpha2(f[1]);
      if (country == nullptr) return fail("unknown ISO 3166-1 code '" + std::string(f[1]) + "'");
      NormalizePlaceName(f[0], &key_);
      if (key_.empty()) return fail("empty alias");
      if (f[2] == "alias") {
        AddCountryName(f[0], country);
      } else if (f[2] == "demonym") {
        AddDemonym(key_, country);
        if (key_.back() != 's') AddDemonym(key_ + "s", country);
      } else {
        return fail("kind '" + std::string(f[2]) + "' is not alias or demonym");
      }
      return true;
    });
  }

  bool LoadGeoNames(const std::string& path, std::string* error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      *error = "GeoNames file " + path + ": cannot be read";
      return false;
    }
    std::string line;
    std::string_view f[16];
    while (std::getline(in, line)) {
      if (SplitTabs(TrimCr(line), f, 15) < 15) continue;
      const std::string_view feature_class = f[6];
      const CountryInfo* country = g_->countries_->FindAlpha2(f[8]);
      if (country == nullptr) continue;
      if (feature_class == "A") {
        if (f[7] != "PCLI") continue;
        AddCountryName(f[1], country);
        AddCountryName(f[2], country);
        ForEachAlternate(f[3], [&](std::string_view name) { AddCountryName(name, country); });
        continue;
      }
      if (feature_class != "P") continue;
      Place place;
      place.country = country;
      if (!ParseInt(f[14], &place.population) || place.population < kGeoNamesMinPopulation ||
          !ParseDouble(f[4], &place.lat) || !ParseDouble(f[5], &place.lon) || place.lat < -90 ||
          place.lat > 90 || place.lon < -180 || place.lon > 180) {
        continue;
      }
      NormalizePlaceName(f[1], &key_);
      if (key_.empty() || InTable(key_, country)) continue;
      place.name.assign(f[1]);
      place.kind = f[7] == "PPLC" ? PlaceKind::kCapital : PlaceKind::kCity;
      const uint32_t index = AddPlace(std::move(place));
      AddPlaceName(f[1], index);
      AddPlaceName(f[2], index);
      ForEachAlternate(f[3], [&](std::string_view name) { AddPlaceName(name, index); });
    }
    if (in.bad()) {
      *error = "GeoNames file " + path + ": read error";
      return false;
    }
    return true;
  }

  void Finish() {
    const std::vector<Place>& places = g_->places_;
    for (auto& [name, entry] : g_->names_) {
      std::stable_sort(entry.places.begin(), entry.places.end(), [&](uint32_t a, uint32_t b) {
        return places[a].population > places[b].population;
      });
    }
  }

 private:
  static bool ReadAll(const std::string& path, std::string* text, std::string* error) {
    if (ReadFileBytes(path, text)) return true;
    *error = path + ": cannot be read";
    return false;
  }

  template <typename F>
  static void ForEachAlternate(std::string_view list, F&& add) {
    while (!list.empty()) {
      const size_t comma = list.find(',');
      add(list.substr(0, comma));
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
  }

  uint32_t AddPlace(Place place) {
    const uint32_t index = static_cast<uint32_t>(g_->places_.size());
    if (place.kind == PlaceKind::kCapital && g_->capital_of_[place.country->index] < 0) {
      g_->capital_of_[place.country->index] = static_cast<int32_t>(index);
    }
    g_->places_.push_back(std::move(place));
    return index;
  }

  void AddPlaceName(std::string_view name, uint32_t index) {
    NormalizePlaceName(name, &key_);
    if (key_.empty()) return;
    std::vector<uint32_t>& places = g_->names_[key_].places;
    if (std::find(places.begin(), places.end(), index) == places.end()) places.push_back(index);
  }

  void AddCountryName(std::string_view name, const CountryInfo* country) {
    NormalizePlaceName(name, &key_);
    if (key_.empty()) return;
    NameEntry& entry = g_->names_[key_];
    if (entry.country == nullptr) entry.country = country;  // the first source wins
  }

  void AddDemonym(const std::string& key, const CountryInfo* country) {
    NameEntry& entry = g_->names_[key];
    if (entry.demonym_of == nullptr) entry.demonym_of = country;
  }

  // Whether the table already has a place of `country` under `key`.
  bool InTable(const std::string& key, const CountryInfo* country) const {
    const auto it = g_->names_.find(key);
    if (it == g_->names_.end()) return false;
    for (const uint32_t index : it->second.places) {
      if (index < table_places_ && g_->places_[index].country == country) return true;
    }
    return false;
  }

  PlaceGazetteer* g_;
  std::string key_;
  size_t table_places_ = 0;
};

std::shared_ptr<const PlaceGazetteer> PlaceGazetteer::Load(
    std::shared_ptr<const CountryTable> countries, const PlaceGazetteerFiles& files,
    std::string* error) {
  std::shared_ptr<PlaceGazetteer> g(new PlaceGazetteer());
  g->countries_ = std::move(countries);
  g->capital_of_.assign(g->countries_->countries().size(), -1);
  Loader loader(g.get());
  loader.AddCountryNames();
  if (!loader.LoadPlaces(files.places_table, error)) return nullptr;
  if (!files.aliases_table.empty() && !loader.LoadAliases(files.aliases_table, error)) {
    return nullptr;
  }
  if (!files.geonames.empty() && !loader.LoadGeoNames(files.geonames, error)) return nullptr;
  loader.Finish();
  return g;
}

PlaceMatch PlaceGazetteer::Lookup(std::string_view normalized) const {
  const auto it = names_.find(normalized);
  return it == names_.end() ? PlaceMatch{} : MatchOf(it->second);
}

const Place* PlaceGazetteer::CapitalOf(const CountryInfo& country) const {
  if (country.index >= capital_of_.size() || capital_of_[country.index] < 0) return nullptr;
  return &places_[static_cast<size_t>(capital_of_[country.index])];
}

}  // namespace newsflow
