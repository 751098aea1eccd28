// Knowledge from outside the training data for the named-entity tagger's
// features (tagging/ner_features.h), gathered at training time and stored
// in the model (hashed, no text), so tagging needs none of its sources:
//  - dictionary words (Debian's wamerican word lists,
//    /usr/share/dict/american-english): for each lowercase word, the letter
//    cases it is listed in. A word listed only capitalized is a proper noun
//    (a first name, surname or place: "Aaron", "Aberdeen"); one listed
//    lowercase is a common word ("bush", also listed as "Bush"); a word
//    listed in no form is rare or foreign, which for a capitalized word in
//    news usually means a name;
//  - person names: words listed as given names or family names (Faker's
//    name lists of many countries, written by tools/ner_person_names.py),
//    stored with the dictionary bits of the lowercase word;
//  - names of places and peoples: countries (Debian iso-codes ISO 3166-1
//    and 3166-3, and the project's alias table), capitals, cities and
//    regions (models/places/cities.tsv), country subdivisions (ISO 3166-2),
//    demonyms (models/places/country_aliases.tsv) and languages (ISO 639-2),
//    each phrase with a bit per source.
//
// Names are compared in the form of NormalizePlaceName
// (tagging/place_gazetteer.h), word by word: the tagger hashes each word's
// normalized form (NerNameWordHash) and extends the phrase hash
// (NerPhraseHash, tagging/ner_lexicon.h) one word at a time, so "U.S." is
// "US" and "Sao Paulo" is "São Paulo". A name whose normalized form has
// several words also matches when some of them are one token
// ("Guinea-Bissau", "guinea bissau" either way). Every proper prefix of a
// name is marked (kNerNamePrefix), so a search can stop at the first word
// that continues no name.
//
// Thread-safety: a built NerKnowledge is immutable and may be shared; the
// Add* functions are single-threaded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tagging/ner_lexicon.h"

namespace newsflow {

class PlaceGazetteer;

// Dictionary bits of a lowercase word (NerKnowledge::FindWord).
inline constexpr uint8_t kNerDictCapitalized = 1;  // listed capitalized ("Paris")
inline constexpr uint8_t kNerDictLowercase = 2;    // listed lowercase ("bush")
inline constexpr uint8_t kNerDictAllCaps = 4;      // listed in capitals ("NATO")
inline constexpr uint8_t kNerDictCases = 7;        // the three case bits above
inline constexpr uint8_t kNerDictGivenName = 8;    // a listed given name ("Wilfried")
inline constexpr uint8_t kNerDictFamilyName = 16;  // a listed family name ("Ivanov")

// Name bits of a phrase (NerKnowledge::FindName): its sources, and whether
// it begins a longer name.
inline constexpr uint8_t kNerNameCountry = 1;      // a country's name or alias
inline constexpr uint8_t kNerNameCity = 2;         // a capital or city
inline constexpr uint8_t kNerNameRegion = 4;       // a region of the place table
inline constexpr uint8_t kNerNameSubdivision = 8;  // an ISO 3166-2 subdivision
inline constexpr uint8_t kNerNameDemonym = 16;     // "Israeli", "Israelis"
inline constexpr uint8_t kNerNameLanguage = 32;    // an ISO 639-2 language
inline constexpr uint8_t kNerNameSources = 63;     // all the source bits
inline constexpr uint8_t kNerNamePrefix = 128;     // the first words of a longer name

// The hash under which names know a word: NerWordHash of its
// NormalizePlaceName form, 0 when that is empty (punctuation). `scratch`
// is working space.
uint64_t NerNameWordHash(std::string_view word, std::string* scratch);

class NerKnowledge {
 public:
  // Dictionary bits of a lowercase word (by NerWordHash), 0 when unlisted.
  uint8_t FindWord(uint64_t lower_hash) const { return words_.Find(lower_hash); }
  // Name bits of a phrase (NerPhraseHash over NerNameWordHash), 0 when it
  // neither is nor begins a name.
  uint8_t FindName(uint64_t phrase_hash) const { return names_.Find(phrase_hash); }
  bool empty() const { return words_.size() == 0 && names_.size() == 0; }
  size_t word_count() const { return words_.size(); }
  // Words of person-name lists (AddPersonNames), also counted by word_count.
  size_t person_name_count() const {
    return words_.CountWithAny(kNerDictGivenName | kNerDictFamilyName);
  }
  // Phrases, prefixes of longer names included.
  size_t name_count() const { return names_.size(); }

  // Adds one dictionary word as written (its case gives the bits; a word
  // with "'s" at the end, the lists' possessives, is skipped).
  void AddDictionaryWord(std::string_view word);
  // AddDictionaryWord for each line of a word list.
  void AddDictionary(std::string_view text);
  // Adds the words of a person-name list: one per line, "given<TAB>Word"
  // or "family<TAB>Word" (tools/ner_person_names.py); blank lines and lines
  // starting with '#' are skipped. The word is known by its lowercase form.
  // False with *error naming the first malformed line (no tab, another
  // kind, an empty word), after which nothing more is added.
  bool AddPersonNames(std::string_view text, std::string* error);
  // Adds a name (any spelling; it is normalized) with source bits
  // (kNerNameSources). Names of more than 6 words are skipped.
  void AddName(std::string_view name, uint8_t sources);
  // Every name of a place gazetteer: countries, cities and capitals,
  // regions and demonyms.
  void AddPlaceNames(const PlaceGazetteer& places);
  // The "name" (and "common_name", "official_name") of every entry of the
  // array `key` of a Debian iso-codes JSON file ("3166-2" in
  // iso_3166-2.json, "639-2" in iso_639-2.json). Language names list
  // variants separated by ";" and qualify some with a comma or parentheses
  // ("Greek, Modern (1453-)"): each variant is added up to its first comma
  // or parenthesis. False with *error naming the file when it cannot be
  // read or is not such a file.
  bool AddIsoCodesNames(const std::string& path, std::string_view key, uint8_t sources,
                        std::string* error);

  // Appends the knowledge (words, then names: NerBitsTable::Serialize).
  void Serialize(std::string* out) const;
  // Reads what Serialize wrote from `bytes` at *pos, advancing it; false on
  // truncation or bits that are zero or unknown.
  bool Parse(std::string_view bytes, size_t* pos);

 private:
  NerBitsTable words_;
  NerBitsTable names_;
  std::string scratch_;
};

}  // namespace newsflow
