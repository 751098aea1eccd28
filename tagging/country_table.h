// ISO 3166-1 countries (codes and English names) from Debian's iso-codes
// package (/usr/share/iso-codes/json/iso_3166-1.json, config
// tagging.iso_3166_file), read once at start by the places stage.
//
// Each entry of the file's "3166-1" array gives alpha_2, alpha_3 and name,
// and optionally common_name ("Iran" for "Iran, Islamic Republic of") and
// official_name. Entries are kept in file order.
//
// Errors: Load and Parse return nullptr and set *error to a message naming
// the file (missing, unreadable, not JSON, no "3166-1" array, an entry
// without a two-letter alpha_2 or a name, no entries at all). Unknown fields
// are ignored, so newer iso-codes releases still load.
//
// Thread-safety: a loaded table is immutable; share it freely.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {

struct CountryInfo {
  std::string alpha2;  // "US" (upper case)
  std::string alpha3;  // "USA"; "" when the file has none
  std::string name;    // "United States"
  std::string common_name;
  std::string official_name;
  uint16_t index = 0;  // position in CountryTable::countries()

  // The English name to show: common_name when the file has one, else name
  // ("Iran" rather than "Iran, Islamic Republic of").
  const std::string& DisplayName() const { return common_name.empty() ? name : common_name; }
};

class CountryTable {
 public:
  // Reads and parses the iso-codes JSON file at `path` (used as given).
  static std::shared_ptr<const CountryTable> Load(const std::string& path, std::string* error);
  // Parses iso-codes JSON text; `origin` names it in error messages.
  static std::shared_ptr<const CountryTable> Parse(std::string_view json, std::string_view origin,
                                                   std::string* error);

  // The country with this alpha-2 (or alpha-3) code, any letter case; null
  // when there is none.
  const CountryInfo* FindAlpha2(std::string_view code) const;
  const CountryInfo* FindAlpha3(std::string_view code) const;

  const std::vector<CountryInfo>& countries() const { return countries_; }

 private:
  CountryTable() = default;
  std::vector<CountryInfo> countries_;
  // Index by code: alpha-2 as (c0-'A')*26 + (c1-'A') -> index + 1 (0: none).
  std::vector<uint16_t> by_alpha2_ = std::vector<uint16_t>(26 * 26, 0);
};

}  // namespace newsflow
