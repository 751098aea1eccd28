#include "tagging/ner_knowledge.h"

#include <simdjson.h>

#include <algorithm>
#include <vector>

#include "tagging/ner_features.h"
#include "tagging/ner_lexicon.h"
#include "tagging/place_gazetteer.h"
#include "util/text_lines.h"

namespace newsflow {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

uint64_t NerNameWordHash(std::string_view word, std::string* scratch) {
  NormalizePlaceName(word, scratch);
  return scratch->empty() ? 0 : NerWordHash(*scratch);
}

void NerKnowledge::AddDictionaryWord(std::string_view word) {
  word = Trim(word);
  if (word.empty() || word.ends_with("'s")) return;
  const uint8_t case_class = NerCaseClass(word);
  if (case_class == 0) return;
  const uint8_t bit = case_class == 1   ? kNerDictLowercase
                      : case_class == 2 ? kNerDictCapitalized
                                        : kNerDictAllCaps;
  NerLowercase(word, &scratch_);
  words_.Insert(NerWordHash(scratch_), bit);
}

void NerKnowledge::AddDictionary(std::string_view text) {
  while (!text.empty()) {
    const size_t end = text.find('\n');
    AddDictionaryWord(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
}

bool NerKnowledge::AddPersonNames(std::string_view text, std::string* error) {
  return ForEachDataLine(text, [&](std::string_view line, size_t line_number) {
    line = Trim(line);
    if (line.empty() || line.front() == '#') return true;  // indented too
    const size_t tab = line.find('\t');
    const std::string_view kind = line.substr(0, tab);
    const std::string_view word =
        tab == std::string_view::npos ? std::string_view() : Trim(line.substr(tab + 1));
    const uint8_t bit = kind == "given"    ? kNerDictGivenName
                        : kind == "family" ? kNerDictFamilyName
                                           : 0;
    if (bit == 0 || word.empty()) {
      *error = "line " + std::to_string(line_number) +
               ": expected \"given\" or \"family\", a tab and a name";
      return false;
    }
    NerLowercase(word, &scratch_);
    words_.Insert(NerWordHash(scratch_), bit);
    return true;
  });
}

void NerKnowledge::AddName(std::string_view name, uint8_t sources) {
  sources &= kNerNameSources;
  if (sources == 0) return;
  NormalizePlaceName(name, &scratch_);
  std::vector<std::string_view> parts;
  std::string_view rest = scratch_;
  while (!rest.empty()) {
    const size_t space = rest.find(' ');
    parts.push_back(rest.substr(0, space));
    rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  }
  if (parts.empty() || parts.size() > static_cast<size_t>(kNerMaxPhraseWords)) return;
  // Every way of grouping adjacent words into tokens: bit i of `joins` set
  // joins word i + 1 to word i (a token "Guinea-Bissau" normalizes to the
  // two words "guinea bissau").
  const std::string_view normalized = scratch_;
  for (uint32_t joins = 0; joins < (1u << (parts.size() - 1)); ++joins) {
    uint64_t h = 0;
    size_t begin = 0;  // byte offset of the current token's first word
    for (size_t i = 0; i < parts.size(); ++i) {
      const bool last = i + 1 == parts.size();
      if (!last && (joins >> i & 1) != 0) continue;
      const size_t end = static_cast<size_t>(parts[i].data() - normalized.data()) + parts[i].size();
      h = NerPhraseHash(h, NerWordHash(normalized.substr(begin, end - begin)));
      if (!last) {
        names_.Insert(h, kNerNamePrefix);
        begin = end + 1;
      }
    }
    names_.Insert(h, sources);
  }
}

void NerKnowledge::AddPlaceNames(const PlaceGazetteer& places) {
  places.ForEachName([&](std::string_view normalized, const PlaceMatch& match) {
    uint8_t sources = 0;
    if (match.country != nullptr) sources |= kNerNameCountry;
    if (match.demonym_of != nullptr) sources |= kNerNameDemonym;
    for (const uint32_t index : match.places) {
      sources |= places.place(index).kind == PlaceKind::kRegion ? kNerNameRegion : kNerNameCity;
    }
    AddName(normalized, sources);
  });
}

bool NerKnowledge::AddIsoCodesNames(const std::string& path, std::string_view key, uint8_t sources,
                                    std::string* error) {
  simdjson::padded_string json;
  if (simdjson::padded_string::load(path).get(json) != simdjson::SUCCESS) {
    *error = path + ": cannot be read";
    return false;
  }
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  simdjson::ondemand::array entries;
  if (parser.iterate(json).get(doc) != simdjson::SUCCESS ||
      doc[key].get_array().get(entries) != simdjson::SUCCESS) {
    *error = path + ": not an iso-codes file with a \"" + std::string(key) + "\" array";
    return false;
  }
  size_t added = 0;
  for (auto entry_result : entries) {
    simdjson::ondemand::object entry;
    if (entry_result.get_object().get(entry) != simdjson::SUCCESS) {
      *error = path + ": malformed entry";
      return false;
    }
    for (auto field_result : entry) {
      simdjson::ondemand::field field;
      std::string_view field_key;
      std::string_view value;
      if (std::move(field_result).get(field) != simdjson::SUCCESS ||
          field.unescaped_key().get(field_key) != simdjson::SUCCESS) {
        *error = path + ": malformed entry";
        return false;
      }
      if (field_key != "name" && field_key != "common_name" && field_key != "official_name") {
        continue;
      }
      if (field.value().get_string().get(value) != simdjson::SUCCESS) continue;
      while (!value.empty()) {
        const size_t semicolon = value.find(';');
        std::string_view variant = value.substr(0, semicolon);
        variant = Trim(variant.substr(0, variant.find_first_of(",(")));
        if (!variant.empty()) {
          AddName(variant, sources);
          ++added;
        }
        value =
            semicolon == std::string_view::npos ? std::string_view() : value.substr(semicolon + 1);
      }
    }
  }
  if (added == 0) {
    *error = path + ": no names in \"" + std::string(key) + "\"";
    return false;
  }
  return true;
}

void NerKnowledge::Serialize(std::string* out) const {
  words_.Serialize(out);
  names_.Serialize(out);
}

bool NerKnowledge::Parse(std::string_view bytes, size_t* pos) {
  return words_.Parse(bytes, pos, kNerDictCases | kNerDictGivenName | kNerDictFamilyName) &&
         names_.Parse(bytes, pos, kNerNameSources | kNerNamePrefix);
}

}  // namespace newsflow
