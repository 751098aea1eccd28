// Word classes learned from unlabelled text, for the named-entity tagger's
// features (tagging/ner_features.h): they let the tagger generalize from
// names it saw in training to words that only occur in unlabelled news.
//
// For each word seen at least `min_count` times (lowercased):
//  - three distributional clusters (32, 128 and 512 classes): the word's
//    left and right neighbours among the most frequent words, as a
//    sqrt-scaled count vector, randomly projected to 64 dimensions and
//    clustered by spherical k-means (Lin and Wu 2009 do the same at scale;
//    Brown clusters play this role in Ratinov and Roth 2009);
//  - a capitalization prior: how often the word is capitalized when it is
//    not sentence-initial (a proper-noun prior for headlines and first
//    words).
// Words are keyed by the 64-bit hash of their lowercase form, as the
// extractor computes it, so the lexicon holds no text.
//
// Thread-safety: a built NerLexicon is immutable and may be shared; the
// builder is single-threaded. Building is deterministic for a given seed.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace newsflow {

inline constexpr int kNerClusterLevels = 3;

struct NerWordClass {
  uint16_t clusters[kNerClusterLevels] = {};  // 32-, 128-, 512-way cluster ids
  uint8_t caps = 0;  // 0 unknown; 1..4: capitalized mid-sentence <10%, <50%, <90%, >=90%
};

class NerLexicon {
 public:
  // nullptr when the word (by lowercase hash) is not in the lexicon.
  const NerWordClass* Find(uint64_t lower_hash) const {
    auto it = words_.find(lower_hash);
    return it == words_.end() ? nullptr : &it->second;
  }
  size_t size() const { return words_.size(); }

  // Appends the lexicon (u32 count, then per word u64 hash, u16 x3, u8).
  void Serialize(std::string* out) const;
  // Reads what Serialize wrote from `bytes` at *pos, advancing it; false on
  // truncation or out-of-range values.
  bool Parse(std::string_view bytes, size_t* pos);

  void Set(uint64_t lower_hash, const NerWordClass& word_class) { words_[lower_hash] = word_class; }

 private:
  std::unordered_map<uint64_t, NerWordClass> words_;
};

// Entity names seen in labelled training data, by type: phrases of up to
// kNerMaxPhraseWords words keyed by NerPhraseHash of their lowercase words,
// each with a bit per type (bit t - 1 for type t = 1..4: PER, ORG, LOC, MISC)
// and kNerGazetteerPrefix when it is the beginning of a longer name (a
// search for the longest name stops at a phrase without it).
inline constexpr int kNerMaxPhraseWords = 6;
inline constexpr uint8_t kNerGazetteerTypes = 0x0f;
inline constexpr uint8_t kNerGazetteerPrefix = 0x80;

// Hash of a phrase extended by one word (`word_hash` = NerWordHash of the
// lowercase word); start from `prefix_hash` = 0.
constexpr uint64_t NerPhraseHash(uint64_t prefix_hash, uint64_t word_hash) {
  uint64_t k = prefix_hash * 0x9E3779B97F4A7C15ULL + word_hash + 1;
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  return k;
}

// A map from well-mixed 64-bit hashes to non-zero bit sets (gazetteer
// phrases, NerKnowledge words and names). Open addressing, at most half
// full: a lookup is one or two probes into a flat array, where a node-based
// map cost a cache miss or two per capitalized word of every article, and
// loading is one allocation.
class NerBitsTable {
 public:
  // The bits of `hash`, 0 when absent.
  uint8_t Find(uint64_t hash) const {
    if (slots_.empty()) return 0;
    const size_t mask = slots_.size() - 1;
    for (size_t i = static_cast<size_t>(hash) & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.bits == 0) return 0;  // empty
      if (slot.hash == hash) return slot.bits;
    }
  }
  // Asks the CPU to load the slot Find(hash) reads first.
  void Prefetch(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  }
  // ORs `bits` (non-zero) into the bits of `hash`, adding it when new.
  void Insert(uint64_t hash, uint8_t bits);
  size_t size() const { return size_; }
  // Entries whose bits intersect `mask`.
  size_t CountWithAny(uint8_t mask) const;
  // Appends u32 count, then u64 hash and u8 bits per entry, by hash.
  void Serialize(std::string* out) const;
  // Reads what Serialize wrote from `bytes` at *pos, advancing it; false on
  // truncation or bits that are zero or outside `allowed`.
  bool Parse(std::string_view bytes, size_t* pos, uint8_t allowed);

 private:
  struct Slot {
    uint64_t hash = 0;
    uint8_t bits = 0;  // 0: empty slot
  };
  std::vector<Slot> slots_;  // power-of-two size
  size_t size_ = 0;
};

class NerGazetteer {
 public:
  // Type bits of the phrase (and kNerGazetteerPrefix), 0 when unknown.
  uint8_t Find(uint64_t phrase_hash) const { return table_.Find(phrase_hash); }
  // Asks the CPU to load the slot Find(phrase_hash) reads first.
  void Prefetch(uint64_t phrase_hash) const { table_.Prefetch(phrase_hash); }
  // Adds a phrase of type 1..4 without marking its prefixes: a search finds
  // a phrase of several words only through AddName (or AddPrefix).
  void Add(uint64_t phrase_hash, int type) {
    table_.Insert(phrase_hash, static_cast<uint8_t>(1u << (type - 1)));
  }
  // Marks a phrase as the first words of a longer name.
  void AddPrefix(uint64_t phrase_hash) { table_.Insert(phrase_hash, kNerGazetteerPrefix); }
  // Adds a name of type 1..4 from the NerWordHash of its lowercase words
  // (at most kNerMaxPhraseWords; longer ones are skipped), marking its
  // prefixes.
  void AddName(std::span<const uint64_t> word_hashes, int type);
  // Phrases, prefixes included.
  size_t size() const { return table_.size(); }
  // Phrases with a type (names).
  size_t name_count() const { return table_.CountWithAny(kNerGazetteerTypes); }
  void Serialize(std::string* out) const { table_.Serialize(out); }
  bool Parse(std::string_view bytes, size_t* pos) {
    return table_.Parse(bytes, pos, kNerGazetteerTypes | kNerGazetteerPrefix);
  }

 private:
  NerBitsTable table_;
};

class NerLexiconBuilder {
 public:
  // Adds running text: split on whitespace, punctuation at word edges split
  // off; a word after . ? ! or at the start of a paragraph is
  // sentence-initial.
  void AddText(std::string_view text);
  // Adds one tokenized sentence.
  void AddSentence(const std::vector<std::string_view>& words);

  size_t token_count() const { return tokens_.size(); }
  NerLexicon Build(uint32_t min_count = 3, uint64_t seed = 1) const;

 private:
  struct Token {
    uint32_t word;       // id in words_
    uint8_t case_class;  // as NerFeatureExtractor: 0 none, 1 lower, 2 capitalized, 3 all caps
    bool sentence_start;
  };
  uint32_t Intern(std::string_view word);
  void Add(std::string_view word, bool sentence_start);

  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<uint64_t> hashes_;  // per word id: lowercase hash
  std::vector<Token> tokens_;
  std::string lower_;
};

}  // namespace newsflow
