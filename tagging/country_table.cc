#include "tagging/country_table.h"

#include <simdjson.h>

#include <limits>
#include <utility>

namespace newsflow {
namespace {

int Alpha2Slot(std::string_view code) {
  if (code.size() != 2) return -1;
  int slot = 0;
  for (const char c : code) {
    const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    if (upper < 'A' || upper > 'Z') return -1;
    slot = slot * 26 + (upper - 'A');
  }
  return slot;
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::shared_ptr<const CountryTable> CountryTable::Load(const std::string& path,
                                                       std::string* error) {
  simdjson::padded_string json;
  if (simdjson::padded_string::load(path).get(json) != simdjson::SUCCESS) {
    *error = "ISO 3166-1 file " + path +
             ": cannot be read (install Debian's iso-codes package "
             "or set tagging.iso_3166_file)";
    return nullptr;
  }
  return Parse(json, path, error);
}

std::shared_ptr<const CountryTable> CountryTable::Parse(std::string_view json,
                                                        std::string_view origin,
                                                        std::string* error) {
  const std::string where = "ISO 3166-1 file " + std::string(origin) + ": ";
  std::shared_ptr<CountryTable> table(new CountryTable());
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(json);
  simdjson::ondemand::document doc;
  simdjson::ondemand::array entries;
  auto failure = [&](std::string message) {
    *error = where + std::move(message);
    return nullptr;
  };
  if (parser.iterate(padded).get(doc) != simdjson::SUCCESS) return failure("not JSON");
  if (doc["3166-1"].get_array().get(entries) != simdjson::SUCCESS) {
    return failure("no \"3166-1\" array");
  }
  for (auto entry_result : entries) {
    simdjson::ondemand::object entry;
    if (entry_result.get_object().get(entry) != simdjson::SUCCESS) {
      return failure("malformed JSON at entry " + std::to_string(table->countries_.size() + 1));
    }
    CountryInfo info;
    for (auto field_result : entry) {
      simdjson::ondemand::field field;
      std::string_view key;
      if (std::move(field_result).get(field) != simdjson::SUCCESS ||
          field.unescaped_key().get(key) != simdjson::SUCCESS) {
        return failure("malformed JSON");
      }
      std::string* target = nullptr;
      if (key == "alpha_2") {
        target = &info.alpha2;
      } else if (key == "alpha_3") {
        target = &info.alpha3;
      } else if (key == "name") {
        target = &info.name;
      } else if (key == "common_name") {
        target = &info.common_name;
      } else if (key == "official_name") {
        target = &info.official_name;
      }
      if (target == nullptr) continue;  // flag, numeric, newer fields
      std::string_view value;
      if (field.value().get_string().get(value) != simdjson::SUCCESS) {
        return failure("\"" + std::string(key) + "\" of entry " +
                       std::to_string(table->countries_.size() + 1) + " is not a string");
      }
      target->assign(value);
    }
    const int slot = Alpha2Slot(info.alpha2);
    if (slot < 0 || info.name.empty()) {
      return failure("entry " + std::to_string(table->countries_.size() + 1) +
                     " lacks a two-letter alpha_2 or a name");
    }
    if (table->countries_.size() >= std::numeric_limits<uint16_t>::max() - 1) {
      return failure("too many entries");
    }
    for (char& c : info.alpha2) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    if (table->by_alpha2_[slot] != 0) continue;  // first entry of a code wins
    info.index = static_cast<uint16_t>(table->countries_.size());
    table->by_alpha2_[slot] = static_cast<uint16_t>(info.index + 1);
    table->countries_.push_back(std::move(info));
  }
  if (table->countries_.empty()) return failure("no countries");
  return table;
}

const CountryInfo* CountryTable::FindAlpha2(std::string_view code) const {
  const int slot = Alpha2Slot(code);
  if (slot < 0 || by_alpha2_[slot] == 0) return nullptr;
  return &countries_[by_alpha2_[slot] - 1];
}

const CountryInfo* CountryTable::FindAlpha3(std::string_view code) const {
  if (code.size() != 3) return nullptr;
  for (const CountryInfo& info : countries_) {
    if (EqualsIgnoringAsciiCase(info.alpha3, code)) return &info;
  }
  return nullptr;
}

}  // namespace newsflow
