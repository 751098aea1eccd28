#include "tagging/ner_features.h"

#include <utf8proc.h>
#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cstring>

#include "util/short_bytes_equal.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

constexpr std::string_view kTagNames[kNerTagCount] = {"O",     "B-PER", "I-PER",  "B-ORG", "I-ORG",
                                                      "B-LOC", "I-LOC", "B-MISC", "I-MISC"};

constexpr size_t kMaxShapeLength = 24;
constexpr size_t kMaxAffix = 4;

// Feature templates: the first argument of Feature(); values are part of the
// model file's meaning (kNerFeatureVersion).
enum Template : uint32_t {
  kBias = 1,
  kLower0,
  kExact0,
  kLowerM1,
  kLowerP1,
  kLowerM2,
  kLowerP2,
  kBigramM1,
  kBigramP1,
  kLongShape0,
  kShortShape0,
  kShortShapeM1,
  kShortShapeP1,
  kShapeBigramM1,
  kShapeBigramP1,
  kShapeTrigram,
  kPrefix,  // + length - 1 (4 templates)
  kSuffix = kPrefix + 4,
  kCaseContext = kSuffix + 4,
  kLowerFirst,
  kHistoryCase,
  kHistory0,
  kHistoryM1,
  kHistoryP1,
  kLowerM1Shape0,
  kShape0LowerP1,
  kHeadlineLower,
  kDocCaseShape,
  kRunShape,
  kRunFirst,
  kRunLast,
  kRunBefore,
  kRunAfter,
  kCluster0,  // + level (kNerClusterLevels templates)
  kClusterM1 = kCluster0 + kNerClusterLevels,
  kClusterP1,
  kClusterCase,
  kCapsPrior,
  kGazetteer,
  kGazetteerCase,
  kDictCase,
  kDictCaps,
  kDictM1,
  kDictP1,
  kName,
  kNameCase,
  kNameDict,
  kPersonCase,
  kPersonM1,
  kPersonP1,
  kDocContextM1,
  kDocContextP1,
  kDocContextM2,  // the places of kDocContextOffsets, in order
  kDocContextP2,
};

// Most contextual features of one word in Score(): 6 of the first word or
// a headline, 8 always, 2 of a gazetteer name, 3 of a knowledge name, 5 of
// a capitalized run.
constexpr size_t kMaxContextFeatures = 24;
// Words per block of Score()'s two passes.
constexpr size_t kScoreBlock = 256;

// Nine int32 sums, eight of them in two vectors of four lanes (an SSE
// register each on the baseline target), for summing int16 weight rows
// without a loop over tags. Two 128-bit vectors rather than one 256-bit
// one: GCC keeps a 256-bit generic vector in memory on targets without
// AVX, and the sums would then go through a store and a load per row.
using Int32x4 = int32_t __attribute__((vector_size(16)));
using Int16x4 = int16_t __attribute__((vector_size(8)));
static_assert(kNerTagCount == 9, "TagSums holds 4 + 4 + 1 lanes");
struct TagSums {
  Int32x4 low;
  Int32x4 high;
  int32_t last;

  static TagSums Load(const int32_t* sum) {
    TagSums s;
    std::memcpy(&s.low, sum, sizeof s.low);
    std::memcpy(&s.high, sum + 4, sizeof s.high);
    s.last = sum[8];
    return s;
  }
  void Store(int32_t* sum) const {
    std::memcpy(sum, &low, sizeof low);
    std::memcpy(sum + 4, &high, sizeof high);
    sum[8] = last;
  }
  void AddRow(const int16_t* row) {
    Int16x4 a;
    Int16x4 b;
    std::memcpy(&a, row, sizeof a);
    std::memcpy(&b, row + 4, sizeof b);
    low += __builtin_convertvector(a, Int32x4);
    high += __builtin_convertvector(b, Int32x4);
    last += row[8];
  }
  void AddSums(const int32_t* other) {
    Int32x4 a;
    Int32x4 b;
    std::memcpy(&a, other, sizeof a);
    std::memcpy(&b, other + 4, sizeof b);
    low += a;
    high += b;
    last += other[8];
  }
};

// Longest names of at most kNerMaxPhraseWords words, left to right, each
// starting at a capitalized word of tokens [2, n + 2) (`capitalized(k)`):
// `key(j)` is word j's key for the phrase hash (0: no name goes through
// it), `probe(j, k, h)` the bits of the phrase [k, j] with hash h; a phrase
// with any of `found` bits is a name, one without `prefix` begins none and
// ends the search. `mark(j, first, bits, length)` marks each word of a
// found name (length capped at 4).
template <typename Capitalized, typename Key, typename Probe, typename Mark>
void MarkLongestNamesIn(size_t n, uint8_t found, uint8_t prefix, Capitalized capitalized, Key key,
                        Probe probe, Mark mark) {
  for (size_t k = 0; k < n;) {
    size_t best_end = 0;
    uint8_t best_bits = 0;
    if (capitalized(k)) {
      uint64_t h = 0;
      for (size_t j = k; j < n && j < k + kNerMaxPhraseWords; ++j) {
        const uint64_t word = key(j);
        if (word == 0) break;
        h = NerPhraseHash(h, word);
        const uint8_t bits = probe(j, k, h);
        if ((bits & found) != 0) {
          best_end = j + 1;
          best_bits = bits & found;
        }
        if ((bits & prefix) == 0) break;
      }
    }
    if (best_end == 0) {
      ++k;
      continue;
    }
    const size_t length = std::min<size_t>(best_end - k, 4);
    for (size_t j = k; j < best_end; ++j) mark(j, j == k, best_bits, length);
    k = best_end;
  }
}

// Index of NerFeatureExtractor::state_sums_: history 0..5, case class 0..3,
// sentence-initial 0..1, headline 0..1, document case 0..3.
constexpr size_t StateIndex(uint32_t history, uint32_t case_class, uint32_t first, uint32_t hl,
                            uint32_t doc_case) {
  return (((static_cast<size_t>(history) * 4 + case_class) * 2 + first) * 2 + hl) * 4 + doc_case;
}

constexpr uint16_t kNoCluster = 0xffff;
constexpr uint16_t kBoundaryCluster = 0xfffe;

constexpr uint64_t Fmix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}
constexpr uint64_t Feature(uint32_t t, uint64_t a) {
  return Fmix(a + (static_cast<uint64_t>(t) + 1) * 0x9E3779B97F4A7C15ULL);
}
// The pair feature (t, a, b) from `first` = Feature(t, a), which the word
// cache keeps for the word-type values a of the pair features.
constexpr uint64_t Pair(uint64_t first, uint64_t b) {
  return Fmix(first ^ (b * 0xC2B2AE3D27D4EB4FULL + 0x165667B19E3779F9ULL));
}
constexpr uint64_t Feature(uint32_t t, uint64_t a, uint64_t b) { return Pair(Feature(t, a), b); }

// Features shared by Extract and Score, in the same order in both (the
// trainer's float sums follow Extract's order). `t` is a TokenInfo.
// The knowledge name the word is in, if any.
template <typename Token, typename Add>
[[gnu::always_inline]] inline void AddNameFeatures(const Token& t, uint32_t first, uint32_t hl,
                                                   Add& add) {
  if (t.name == 0) return;
  add(Feature(kName, t.name));
  add(Feature(kNameCase, t.name & 0xff, t.case_class | hl << 2 | first << 3));
  add(Feature(kNameDict, t.name & 0x3f, t.dict | (t.name >> 8) << 3));
}

// The run of capitalized words word k is in, if any (`tokens`: two
// sentinels, then the words).
template <typename Token, typename Add>
[[gnu::always_inline]] inline void AddRunFeatures(const Token* tokens, size_t k, uint32_t hl,
                                                  Add& add) {
  const Token& t = tokens[k + 2];
  if (t.run_end <= t.run_begin) return;
  const uint64_t length = std::min<uint32_t>(t.run_end - t.run_begin, 5);
  const uint64_t place = k == t.run_begin ? 0 : (k + 1 == t.run_end ? 1 : 2);
  add(Feature(kRunShape, length << 2 | place, hl));
  add(Feature(kRunFirst, tokens[t.run_begin + 2].lower));
  add(Feature(kRunLast, tokens[t.run_end + 1].lower));
  add(Feature(kRunBefore, tokens[t.run_begin + 1].lower));
  add(Feature(kRunAfter, tokens[t.run_end + 2].lower));
}

uint64_t Hash(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

const uint64_t kStartHash = Hash("<S>");
const uint64_t kEndHash = Hash("</S>");

enum class CharClass { kUpper, kLower, kOtherLetter, kDigit, kOther };

CharClass Classify(int32_t cp) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') return CharClass::kUpper;
    if (cp >= 'a' && cp <= 'z') return CharClass::kLower;
    if (cp >= '0' && cp <= '9') return CharClass::kDigit;
    return CharClass::kOther;
  }
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
      return CharClass::kUpper;
    case UTF8PROC_CATEGORY_LL:
      return CharClass::kLower;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return CharClass::kOtherLetter;
    case UTF8PROC_CATEGORY_ND:
      return CharClass::kDigit;
    default:
      return CharClass::kOther;
  }
}

// Decodes one code point at i; invalid bytes come back as -1 with length 1.
size_t Next(std::string_view s, size_t i, int32_t* cp) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  const size_t n = DecodeUtf8At(s, i, cp);
  if (n == 0) {
    *cp = -1;
    return 1;
  }
  return n;
}

}  // namespace

uint64_t NerWordHash(std::string_view lowercase) { return Hash(lowercase); }

std::string_view NerTagName(int tag) {
  return tag >= 0 && tag < kNerTagCount ? kTagNames[tag] : std::string_view("O");
}

std::optional<int> NerTagFromName(std::string_view name) {
  for (int t = 0; t < kNerTagCount; ++t) {
    if (kTagNames[t] == name) return t;
  }
  return std::nullopt;
}

void NerLowercase(std::string_view word, std::string* out) {
  out->clear();
  for (size_t i = 0; i < word.size();) {
    const char c = word[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      out->push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
      ++i;
      continue;
    }
    int32_t cp = 0;
    const size_t n = Next(word, i, &cp);
    if (cp < 0) {
      out->push_back(c);
    } else {
      utf8proc_uint8_t buf[4];
      const utf8proc_ssize_t len = utf8proc_encode_char(utf8proc_tolower(cp), buf);
      out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(len));
    }
    i += n;
  }
}

void NerWordShape(std::string_view word, int max_run, std::string* out) {
  out->clear();
  char last = 0;
  int run = 0;
  for (size_t i = 0; i < word.size() && out->size() < kMaxShapeLength;) {
    int32_t cp = 0;
    i += Next(word, i, &cp);
    char s = '~';
    if (cp >= 0) {
      switch (Classify(cp)) {
        case CharClass::kUpper:
          s = 'X';
          break;
        case CharClass::kLower:
          s = 'x';
          break;
        case CharClass::kOtherLetter:
          s = 'l';
          break;
        case CharClass::kDigit:
          s = 'd';
          break;
        case CharClass::kOther:
          if (cp < 0x80 && cp > 0x20) s = static_cast<char>(cp);
          break;
      }
    }
    run = (s == last) ? run + 1 : 1;
    last = s;
    if (run <= max_run) out->push_back(s);
  }
}

NerFeatureExtractor::NerFeatureExtractor(uint32_t hash_bits, const NerLexicon* lexicon,
                                         size_t cache_entries)
    : hash_bits_(std::clamp<uint32_t>(hash_bits, 8, 30)),
      lexicon_(lexicon != nullptr && lexicon->size() > 0 ? lexicon : nullptr),
      cache_capacity_(std::clamp<size_t>(cache_entries, 1, size_t{1} << 20)) {}

uint8_t NerCaseClass(std::string_view word) {
  int letters = 0;
  bool first_upper = false;
  bool first_lower = false;
  bool any_lower = false;
  for (size_t i = 0; i < word.size();) {
    int32_t cp = 0;
    i += Next(word, i, &cp);
    if (cp < 0) continue;
    const CharClass c = Classify(cp);
    if (c != CharClass::kUpper && c != CharClass::kLower) continue;
    if (letters == 0) {
      first_upper = c == CharClass::kUpper;
      first_lower = c == CharClass::kLower;
    }
    any_lower |= c == CharClass::kLower;
    ++letters;
  }
  if (letters == 0) return 0;
  if (first_lower) return 1;
  if (first_upper && !any_lower && letters >= 2) return 3;
  return 2;
}

bool NerHasUpper(std::string_view word) {
  for (size_t i = 0; i < word.size();) {
    int32_t cp = 0;
    i += Next(word, i, &cp);
    if (cp >= 0 && Classify(cp) == CharClass::kUpper) return true;
  }
  return false;
}

bool NerIsHeadline(std::span<const std::string_view> words) {
  bool upper = false;
  for (std::string_view w : words) {
    const uint8_t c = NerCaseClass(w);
    if (c == 1) return false;
    if (c == 2) {
      // A capitalized word with lowercase letters after the first ("Bonn").
      for (char ch : w.substr(1)) {
        if (ch >= 'a' && ch <= 'z') return false;
      }
    }
    upper |= c >= 2;
  }
  return upper;
}

uint64_t NerFeatureExtractor::LowerHash(std::string_view word) {
  NerLowercase(word, &lower_);
  return Hash(lower_);
}

void NerFeatureExtractor::BeginDocument(std::span<const std::vector<std::string_view>> sentences) {
  scored_words_ = 0;
  ClearDocWords();
  doc_sentences_ = sentences;
  doc_word_entries_.clear();
  doc_sentence_begin_.clear();
  doc_headline_.clear();
  doc_valid_from_ = 0;
  for (const auto& sentence : sentences) {
    const bool headline = NerIsHeadline(sentence);
    if (weights_ != nullptr) {
      // Every word is looked up, for ScoreDocumentSentence; only the words
      // after the first of sentences other than headlines count for the
      // document case.
      doc_sentence_begin_.push_back(doc_word_entries_.size());
      doc_headline_.push_back(headline ? 1 : 0);
      HashAndPrefetch(sentence);
      sentence_lower_.clear();
      sentence_cases_.clear();
      for (size_t i = 0; i < sentence.size(); ++i) {
        const uint64_t generation = cache_generation_;
        const WordEntry* e = Lookup(sentence[i], word_hashes_[i], true);
        // A full cache was emptied: the entries recorded so far are gone.
        if (cache_generation_ != generation) doc_valid_from_ = doc_word_entries_.size();
        const bool cached = uncached_.empty() || e != &uncached_.back();
        doc_word_entries_.push_back(cached ? static_cast<uint32_t>(e - entries_.data()) + 1 : 0);
        sentence_lower_.push_back(e->info.lower);
        sentence_cases_.push_back(e->info.case_class);
      }
      AddDocSentence(sentence_lower_, sentence_cases_, headline);
      continue;
    }
    sentence_lower_.clear();
    sentence_cases_.clear();
    for (const std::string_view word : sentence) {
      sentence_cases_.push_back(NerCaseClass(word));
      sentence_lower_.push_back(LowerHash(word));
    }
    AddDocSentence(sentence_lower_, sentence_cases_, headline);
  }
  doc_sentence_begin_.push_back(doc_word_entries_.size());
  doc_cache_generation_ = cache_generation_;
  if (weights_ != nullptr) SumDocContexts();
}

void NerFeatureExtractor::AddDocSentence(std::span<const uint64_t> lower,
                                         std::span<const uint8_t> cases, bool headline) {
  const size_t n = lower.size();
  // The lowercase hash of the word `offset` places from word i, or the
  // sentence boundary's.
  auto around = [&](size_t i, int offset) {
    const size_t distance = static_cast<size_t>(offset < 0 ? -offset : offset);
    if (offset < 0) return i >= distance ? lower[i - distance] : kStartHash;
    return i + distance < n ? lower[i + distance] : kEndHash;
  };
  for (size_t i = 0; i < n; ++i) {
    const uint8_t c = cases[i];
    // Only the words after the first of sentences other than headlines
    // count for the document case.
    const bool case_evidence = c != 0 && i != 0 && !headline;
    if (c < 2 && !case_evidence) continue;
    DocWord& word = AddDocWord(lower[i]);
    if (case_evidence) word.doc_case |= (c == 1) ? 2 : 1;
    if (c < 2) continue;
    if (word.capitalized < 255) ++word.capitalized;
    for (size_t p = 0; p < kDocContextPlaces; ++p) {
      uint32_t* list = word.context[p];
      uint8_t& size = word.context_count[p];
      const auto key = static_cast<uint32_t>(around(i, kDocContextOffsets[p]));
      if (size < kDocContexts && std::find(list, list + size, key) == list + size) {
        list[size++] = key;
      }
    }
  }
}

bool NerFeatureExtractor::HasDocContexts(size_t k) const {
  const DocWord* word = token_doc_words_[k];
  return word != nullptr && word->has_contexts() && tokens_[k + 2].case_class >= 2;
}

template <typename Add>
void NerFeatureExtractor::AddDocContextFeatures(const DocWord& word, Add& add) {
  for (size_t p = 0; p < kDocContextPlaces; ++p) {
    const auto feature = static_cast<uint32_t>(kDocContextM1 + p);
    for (size_t j = 0; j < word.context_count[p]; ++j) add(Feature(feature, word.context[p][j]));
  }
}

void NerFeatureExtractor::SumDocContexts() {
  // The weight rows of every word's features first, prefetched, so that
  // their cache misses overlap; then the sums.
  doc_context_sums_.clear();
  doc_context_rows_.clear();
  auto add = [&](uint64_t h) {
    const int16_t* row = weights_->Row(Bucket(h));
    __builtin_prefetch(row);
    __builtin_prefetch(row + kNerTagCount - 1);
    doc_context_rows_.push_back(row);
  };
  for (const uint32_t s : doc_used_) {
    const DocWord& word = doc_slots_[s].word;
    if (word.has_contexts()) AddDocContextFeatures(word, add);
  }
  const int16_t* const* row = doc_context_rows_.data();
  for (const uint32_t s : doc_used_) {
    DocWord& word = doc_slots_[s].word;
    if (!word.has_contexts()) continue;
    const size_t at = doc_context_sums_.size();
    doc_context_sums_.resize(at + kNerTagCount, 0);
    TagSums sum = TagSums::Load(doc_context_sums_.data() + at);
    for (const uint8_t count : word.context_count) {
      for (size_t j = 0; j < count; ++j) sum.AddRow(*row++);
    }
    sum.Store(doc_context_sums_.data() + at);
    word.context_sums = static_cast<uint32_t>(at);
  }
}

void NerFeatureExtractor::WordInfo(std::string_view w, uint64_t exact_hash, TokenInfo* t) {
  t->exact = exact_hash;
  NerWordShape(w, 1, &shape_);
  t->short_shape = Hash(shape_);
  NerWordShape(w, 4, &shape_);
  t->long_shape = Hash(shape_);
  t->case_class = NerCaseClass(w);
  t->no_upper = !NerHasUpper(w);
  t->lower = LowerHash(w);  // last: callers read lower_
  const NerWordClass* word_class = lexicon_ ? lexicon_->Find(t->lower) : nullptr;
  for (int l = 0; l < kNerClusterLevels; ++l) {
    t->clusters[l] = word_class ? word_class->clusters[l] : kNoCluster;
  }
  t->caps = word_class ? word_class->caps : 0;
  if (gazetteer_) t->gazetteer_first = gazetteer_->Find(NerPhraseHash(0, t->lower));
  if (knowledge_) {
    const uint8_t bits = knowledge_->FindWord(t->lower);
    t->dict = bits & kNerDictCases;
    t->person = static_cast<uint8_t>((bits & (kNerDictGivenName | kNerDictFamilyName)) >> 3);
    t->name_key = NerNameWordHash(w, &name_scratch_);
    if (t->name_key != 0) t->name_first = knowledge_->FindName(NerPhraseHash(0, t->name_key));
  }
}

void NerFeatureExtractor::AddContext(size_t n) {
  token_doc_words_.resize(n);
  for (size_t k = 0; k < n; ++k) {
    TokenInfo& t = tokens_[k + 2];
    DocWord* word = FindDocWord(t.lower);
    token_doc_words_[k] = word;
    if (word == nullptr) continue;
    t.doc_case = word->doc_case;
    if (word->recorded) {
      const uint16_t* c = word->counts;
      t.history = static_cast<uint8_t>(1 + (std::max_element(c, c + kNerTypeCount + 1) - c));
    }
  }
  // Runs of consecutive capitalized words ("Tagus Foods Inc"): every word of
  // a run sees the run's length, its own place, the run's first and last
  // words and the words around it.
  for (size_t k = 0; k < n;) {
    if (tokens_[k + 2].case_class < 2) {
      ++k;
      continue;
    }
    size_t end = k;
    while (end < n && tokens_[end + 2].case_class >= 2) ++end;
    for (size_t j = k; j < end; ++j) {
      tokens_[j + 2].run_begin = static_cast<uint32_t>(k);
      tokens_[j + 2].run_end = static_cast<uint32_t>(end);
    }
    k = end;
  }
  auto capitalized = [&](size_t k) { return tokens_[k + 2].case_class >= 2; };
  // Longest entity names from the gazetteer, left to right, starting at a
  // capitalized word.
  if (gazetteer_) {
    // The probes miss the cache more often than not: load the first one of
    // each name-beginning word first (the word's own bits come with it).
    for (size_t k = 0; k + 1 < n; ++k) {
      const TokenInfo& t = tokens_[k + 2];
      if (t.case_class < 2 || (t.gazetteer_first & kNerGazetteerPrefix) == 0) continue;
      gazetteer_->Prefetch(NerPhraseHash(NerPhraseHash(0, t.lower), tokens_[k + 3].lower));
    }
    MarkLongestNamesIn(
        n, kNerGazetteerTypes, kNerGazetteerPrefix, capitalized,
        [&](size_t j) { return tokens_[j + 2].lower; },
        [&](size_t j, size_t k, uint64_t h) {
          // The first word's bits come with the word (and its cache entry).
          return j == k ? tokens_[k + 2].gazetteer_first : gazetteer_->Find(h);
        },
        [&](size_t j, bool first, uint8_t types, size_t length) {
          tokens_[j + 2].gazetteer = static_cast<uint8_t>(types | (first ? 0 : 0x10) | length << 5);
        });
  }
  // Longest knowledge names, likewise; a phrase that begins no name ends the
  // search.
  if (knowledge_) {
    MarkLongestNamesIn(
        n, kNerNameSources, kNerNamePrefix, capitalized,
        [&](size_t j) { return tokens_[j + 2].name_key; },
        [&](size_t j, size_t k, uint64_t h) {
          return j == k ? tokens_[k + 2].name_first : knowledge_->FindName(h);
        },
        [&](size_t j, bool first, uint8_t sources, size_t length) {
          tokens_[j + 2].name = static_cast<uint16_t>(sources | (first ? 0 : 0x80) | length << 8);
        });
  }
}

void NerFeatureExtractor::SetGazetteer(const NerGazetteer* gazetteer) {
  gazetteer = gazetteer != nullptr && gazetteer->size() > 0 ? gazetteer : nullptr;
  if (gazetteer == gazetteer_) return;
  gazetteer_ = gazetteer;
  if (weights_ != nullptr) ResetWordCache();
}

void NerFeatureExtractor::SetKnowledge(const NerKnowledge* knowledge) {
  knowledge = knowledge != nullptr && !knowledge->empty() ? knowledge : nullptr;
  if (knowledge == knowledge_) return;
  knowledge_ = knowledge;
  if (weights_ != nullptr) ResetWordCache();
}

void NerFeatureExtractor::Extract(std::span<const std::string_view> words,
                                  NerSentenceFeatures* out) {
  out->ids.clear();
  out->offsets.clear();
  scored_words_ = 0;
  const size_t n = words.size();
  // tokens_[k + 2] is word k; two sentinels on each side.
  tokens_.assign(n + 4, TokenInfo{});
  for (size_t k : {size_t{0}, size_t{1}}) {
    TokenInfo& s = tokens_[k];
    s.lower = s.exact = s.short_shape = s.long_shape = kStartHash;
    TokenInfo& e = tokens_[n + 2 + k];
    e.lower = e.exact = e.short_shape = e.long_shape = kEndHash;
    for (int l = 0; l < kNerClusterLevels; ++l) s.clusters[l] = e.clusters[l] = kBoundaryCluster;
  }
  const bool headline = NerIsHeadline(words);
  uint64_t affixes[2 * kMaxAffix];
  for (size_t k = 0; k < n; ++k) WordInfo(words[k], Hash(words[k]), &tokens_[k + 2]);
  AddContext(n);
  const uint32_t hl = headline ? 1 : 0;
  for (size_t k = 0; k < n; ++k) {
    out->offsets.push_back(static_cast<uint32_t>(out->ids.size()));
    const TokenInfo& m2 = tokens_[k];
    const TokenInfo& m1 = tokens_[k + 1];
    const TokenInfo& t = tokens_[k + 2];
    const TokenInfo& p1 = tokens_[k + 3];
    const TokenInfo& p2 = tokens_[k + 4];
    auto add = [&](uint64_t h) { out->ids.push_back(Bucket(h)); };
    const uint32_t first = k == 0 ? 1 : 0;
    add(Feature(kBias, 0));
    add(Feature(kLower0, t.lower));
    add(Feature(kExact0, t.exact));
    add(Feature(kLowerM1, m1.lower));
    add(Feature(kLowerP1, p1.lower));
    add(Feature(kLowerM2, m2.lower));
    add(Feature(kLowerP2, p2.lower));
    add(Feature(kBigramM1, m1.lower, t.lower));
    add(Feature(kBigramP1, t.lower, p1.lower));
    add(Feature(kLongShape0, t.long_shape));
    add(Feature(kShortShape0, t.short_shape));
    add(Feature(kShortShapeM1, m1.short_shape));
    add(Feature(kShortShapeP1, p1.short_shape));
    add(Feature(kShapeBigramM1, m1.short_shape, t.short_shape));
    add(Feature(kShapeBigramP1, t.short_shape, p1.short_shape));
    add(Feature(kShapeTrigram, Feature(0, m1.short_shape, t.short_shape), p1.short_shape));
    NerLowercase(words[k], &lower_);
    const std::string_view lower = lower_;
    const size_t len = lower.size();
    for (size_t a = 1; a <= kMaxAffix && a <= len; ++a) {
      affixes[a - 1] = Feature(kPrefix + static_cast<uint32_t>(a) - 1, Hash(lower.substr(0, a)));
      affixes[kMaxAffix + a - 1] =
          Feature(kSuffix + static_cast<uint32_t>(a) - 1, Hash(lower.substr(len - a)));
    }
    for (size_t a = 0; a < kMaxAffix && a < len; ++a) {
      add(affixes[a]);
      add(affixes[kMaxAffix + a]);
    }
    const uint64_t case_context = t.case_class | first << 2 | hl << 3 | t.doc_case << 4;
    add(Feature(kCaseContext, case_context));
    add(Feature(kLowerFirst, t.lower, first));
    add(Feature(kHistoryCase, t.history, t.case_class));
    add(Feature(kHistory0, t.history));
    add(Feature(kHistoryM1, m1.history));
    add(Feature(kHistoryP1, p1.history));
    add(Feature(kLowerM1Shape0, m1.lower, t.short_shape));
    add(Feature(kShape0LowerP1, t.short_shape, p1.lower));
    add(Feature(kHeadlineLower, t.lower, hl));
    add(Feature(kDocCaseShape, t.short_shape, t.doc_case | hl << 2 | first << 3));
    if (lexicon_) {
      for (int l = 0; l < kNerClusterLevels; ++l) {
        add(Feature(kCluster0 + static_cast<uint32_t>(l), t.clusters[l]));
      }
      add(Feature(kClusterM1, m1.clusters[1]));
      add(Feature(kClusterP1, p1.clusters[1]));
      add(Feature(kClusterCase, t.clusters[1], t.case_class | first << 2 | hl << 3));
      add(Feature(kCapsPrior, t.caps | t.case_class << 3 | first << 5 | hl << 6));
    }
    if (t.gazetteer != 0) {
      add(Feature(kGazetteer, t.gazetteer));
      add(Feature(kGazetteerCase, t.gazetteer & 0x1f, t.case_class | hl << 2));
    }
    if (knowledge_) {
      add(Feature(kDictCase, t.dict | t.case_class << 3 | first << 5 | hl << 6));
      add(Feature(kDictCaps, t.dict | t.caps << 3 | t.case_class << 6));
      add(Feature(kDictM1, m1.dict | m1.case_class << 3));
      add(Feature(kDictP1, p1.dict | p1.case_class << 3));
      add(Feature(kPersonCase, t.person | t.case_class << 2 | first << 4 | hl << 5));
      add(Feature(kPersonM1, m1.person | m1.case_class << 2));
      add(Feature(kPersonP1, p1.person | p1.case_class << 2));
      AddNameFeatures(t, first, hl, add);
    }
    AddRunFeatures(tokens_.data(), k, hl, add);
    if (HasDocContexts(k)) AddDocContextFeatures(*token_doc_words_[k], add);
  }
  out->offsets.push_back(static_cast<uint32_t>(out->ids.size()));
}

void NerFeatureExtractor::AddWeights(int32_t* sum, uint64_t feature_hash) const {
  TagSums s = TagSums::Load(sum);
  s.AddRow(weights_->Row(Bucket(feature_hash)));
  s.Store(sum);
}

// The at[] sums of a word at each place around the token scored.
void NerFeatureExtractor::FillPlaces(WordEntry* e) const {
  const TokenInfo& t = e->info;
  for (auto& place : e->at) std::fill(place, place + kNerTagCount, 0);
  AddWeights(e->at[0], Feature(kLowerM2, t.lower));
  AddWeights(e->at[1], Feature(kLowerM1, t.lower));
  AddWeights(e->at[1], Feature(kShortShapeM1, t.short_shape));
  AddWeights(e->at[2], Feature(kLowerP1, t.lower));
  AddWeights(e->at[2], Feature(kShortShapeP1, t.short_shape));
  AddWeights(e->at[3], Feature(kLowerP2, t.lower));
  if (lexicon_) {
    AddWeights(e->at[1], Feature(kClusterM1, t.clusters[1]));
    AddWeights(e->at[2], Feature(kClusterP1, t.clusters[1]));
  }
  if (knowledge_) {
    AddWeights(e->at[1], Feature(kDictM1, t.dict | t.case_class << 3));
    AddWeights(e->at[2], Feature(kDictP1, t.dict | t.case_class << 3));
    AddWeights(e->at[1], Feature(kPersonM1, t.person | t.case_class << 2));
    AddWeights(e->at[2], Feature(kPersonP1, t.person | t.case_class << 2));
  }
  PairStarts& p = e->pairs;
  p.bigram_m1 = Feature(kBigramM1, t.lower);
  p.bigram_p1 = Feature(kBigramP1, t.lower);
  p.shape_bigram_m1 = Feature(kShapeBigramM1, t.short_shape);
  p.shape_bigram_p1 = Feature(kShapeBigramP1, t.short_shape);
  p.shape_trigram = Feature(0, t.short_shape);
  p.lower_m1_shape0 = Feature(kLowerM1Shape0, t.lower);
  p.shape0_lower_p1 = Feature(kShape0LowerP1, t.short_shape);
  p.doc_case_shape = Feature(kDocCaseShape, t.short_shape);
}

void NerFeatureExtractor::FillEntry(std::string_view word, uint64_t exact_hash, WordEntry* e) {
  e->info = TokenInfo{};
  WordInfo(word, exact_hash, &e->info);
  const TokenInfo& t = e->info;
  int32_t* sum = e->self_base;
  std::fill(sum, sum + kNerTagCount, 0);
  AddWeights(sum, Feature(kBias, 0));
  AddWeights(sum, Feature(kLower0, t.lower));
  AddWeights(sum, Feature(kExact0, t.exact));
  AddWeights(sum, Feature(kLongShape0, t.long_shape));
  AddWeights(sum, Feature(kShortShape0, t.short_shape));
  const std::string_view lower = lower_;  // WordInfo left the lowercase word there
  const size_t len = lower.size();
  for (size_t a = 1; a <= kMaxAffix && a <= len; ++a) {
    AddWeights(sum, Feature(kPrefix + static_cast<uint32_t>(a) - 1, Hash(lower.substr(0, a))));
    AddWeights(sum, Feature(kSuffix + static_cast<uint32_t>(a) - 1, Hash(lower.substr(len - a))));
  }
  if (lexicon_) {
    for (int l = 0; l < kNerClusterLevels; ++l) {
      AddWeights(sum, Feature(kCluster0 + static_cast<uint32_t>(l), t.clusters[l]));
    }
  }
  if (knowledge_) AddWeights(sum, Feature(kDictCaps, t.dict | t.caps << 3 | t.case_class << 6));
  // The features of the first word and of headlines, for neither.
  std::copy(sum, sum + kNerTagCount, e->self_plain);
  AddWeights(e->self_plain, Feature(kLowerFirst, t.lower, 0));
  AddWeights(e->self_plain, Feature(kHeadlineLower, t.lower, 0));
  if (lexicon_) {
    AddWeights(e->self_plain, Feature(kClusterCase, t.clusters[1], t.case_class));
    AddWeights(e->self_plain, Feature(kCapsPrior, t.caps | t.case_class << 3));
  }
  if (knowledge_) {
    AddWeights(e->self_plain, Feature(kDictCase, t.dict | t.case_class << 3));
    AddWeights(e->self_plain, Feature(kPersonCase, t.person | t.case_class << 2));
  }
  FillPlaces(e);
  e->key_size = 0;
}

void NerFeatureExtractor::ClearCache() {
  ++cache_generation_;
  entries_.clear();
  std::fill(slots_.begin(), slots_.end(), 0u);
}

void NerFeatureExtractor::PrefetchEntry(const WordEntry& e) {
  // Every cache line of it (it is line-aligned): Score reads all of an entry.
  static_assert(sizeof(WordEntry) % 64 == 0);
  const char* entry = reinterpret_cast<const char*>(&e);
  for (size_t line = 0; line < sizeof(WordEntry); line += 64) __builtin_prefetch(entry + line);
}

void NerFeatureExtractor::HashAndPrefetch(std::span<const std::string_view> words) {
  word_hashes_.resize(words.size());
  const size_t mask = slots_.size() - 1;
  for (size_t k = 0; k < words.size(); ++k) {
    word_hashes_[k] = Hash(words[k]);
    __builtin_prefetch(&slots_[static_cast<size_t>(word_hashes_[k]) & mask]);
  }
  // Most words are found at their first slot: Lookup and Score read all of
  // its entry.
  for (size_t k = 0; k < words.size(); ++k) {
    const uint32_t index = slots_[static_cast<size_t>(word_hashes_[k]) & mask];
    if (index == 0 || index > entries_.size()) continue;
    PrefetchEntry(entries_[index - 1]);
  }
}

const NerFeatureExtractor::WordEntry* NerFeatureExtractor::Lookup(std::string_view word, uint64_t h,
                                                                  bool may_clear) {
  if (word.size() > kNerMaxCachedWordBytes) {
    if (may_clear) uncached_.clear();
    FillEntry(word, h, &uncached_.emplace_back());
    return &uncached_.back();
  }
  const size_t mask = slots_.size() - 1;
  size_t slot = static_cast<size_t>(h) & mask;
  for (; slots_[slot] != 0; slot = (slot + 1) & mask) {
    const WordEntry& e = entries_[slots_[slot] - 1];
    if (e.info.exact == h && e.key_size == word.size() &&
        ShortBytesEqual(e.key, word.data(), word.size())) {
      return &e;
    }
  }
  if (entries_.size() == cache_capacity_) {
    if (!may_clear) {
      FillEntry(word, h, &uncached_.emplace_back());
      return &uncached_.back();
    }
    ClearCache();
    ++cache_clears_;
    for (slot = static_cast<size_t>(h) & mask; slots_[slot] != 0; slot = (slot + 1) & mask) {
    }
  }
  WordEntry& e = entries_.emplace_back();
  FillEntry(word, h, &e);
  e.key_size = static_cast<uint8_t>(word.size());
  std::memcpy(e.key, word.data(), word.size());
  slots_[slot] = static_cast<uint32_t>(entries_.size());
  return &e;
}

void NerFeatureExtractor::FillStateSums() {
  state_sums_.assign(kStateCombinations * kNerTagCount, 0);
  for (uint32_t history = 0; history < kHistoryValues; ++history) {
    for (uint32_t case_class = 0; case_class < 4; ++case_class) {
      for (uint32_t first = 0; first < 2; ++first) {
        for (uint32_t hl = 0; hl < 2; ++hl) {
          for (uint32_t doc_case = 0; doc_case < 4; ++doc_case) {
            int32_t* sum = state_sums_.data() +
                           StateIndex(history, case_class, first, hl, doc_case) * kNerTagCount;
            const uint64_t case_context = case_class | first << 2 | hl << 3 | doc_case << 4;
            AddWeights(sum, Feature(kCaseContext, case_context));
            AddWeights(sum, Feature(kHistoryCase, history, case_class));
            AddWeights(sum, Feature(kHistory0, history));
          }
        }
      }
    }
  }
  for (uint32_t history = 0; history < kHistoryValues; ++history) {
    std::fill_n(history_m1_[history], kNerTagCount, 0);
    std::fill_n(history_p1_[history], kNerTagCount, 0);
    AddWeights(history_m1_[history], Feature(kHistoryM1, history));
    AddWeights(history_p1_[history], Feature(kHistoryP1, history));
  }
}

void NerFeatureExtractor::SetWeights(const NerWeightTable* weights) {
  if (weights == weights_) return;
  weights_ = weights;
  if (weights_ == nullptr) return;
  if (slots_.empty()) {
    // At most half full: short probe sequences.
    slots_.assign(std::bit_ceil(2 * cache_capacity_), 0u);
    entries_.reserve(cache_capacity_);
  }
  FillStateSums();
  ResetWordCache();
  SumDocContexts();  // of the document begun, if any, with these weights
}

void NerFeatureExtractor::ResetWordCache() {
  ClearCache();
  // The sentence boundaries' sums as neighbours depend on the weights and
  // the knowledge, like the cached words'.
  start_.info = TokenInfo{};
  start_.info.lower = start_.info.short_shape = kStartHash;
  end_.info = TokenInfo{};
  end_.info.lower = end_.info.short_shape = kEndHash;
  start_.info.no_upper = end_.info.no_upper = true;
  for (int l = 0; l < kNerClusterLevels; ++l) {
    start_.info.clusters[l] = end_.info.clusters[l] = kBoundaryCluster;
  }
  FillPlaces(&start_);
  FillPlaces(&end_);
}

void NerFeatureExtractor::Score(std::span<const std::string_view> words,
                                std::vector<int32_t>* out) {
  ScoreWords(words, nullptr, NerIsHeadline(words), out);
}

void NerFeatureExtractor::ScoreDocumentSentence(size_t s, std::vector<int32_t>* out) {
  const std::span<const std::string_view> words = doc_sentences_[s];
  if (weights_ == nullptr || s + 1 >= doc_sentence_begin_.size()) {
    Score(words, out);
    return;
  }
  const size_t begin = doc_sentence_begin_[s];
  const uint32_t* known = doc_word_entries_.data() + begin;
  bool all_known = cache_generation_ == doc_cache_generation_ && begin >= doc_valid_from_;
  for (size_t k = 0; all_known && k < words.size(); ++k) all_known = known[k] != 0;
  ScoreWords(words, all_known ? known : nullptr, doc_headline_[s] != 0, out);
}

// With POPCNT clones (ner_weight_table.h), the weight rows are found with
// one instruction per bit count; the same sums either way.
NEWSFLOW_POPCNT_CLONES void NerFeatureExtractor::ScoreWords(std::span<const std::string_view> words,
                                                            const uint32_t* known, bool headline,
                                                            std::vector<int32_t>* out) {
  const size_t n = words.size();
  scored_words_ = 0;
  out->assign(n * kNerTagCount, 0);
  if (n == 0) return;
  sentence_.resize(n + 4);
  sentence_[0] = sentence_[1] = &start_;
  sentence_[n + 2] = sentence_[n + 3] = &end_;
  tokens_.resize(n + 4);
  tokens_[0] = tokens_[1] = start_.info;
  tokens_[n + 2] = tokens_[n + 3] = end_.info;
  if (known != nullptr) {
    for (size_t k = 0; k < n; ++k) PrefetchEntry(entries_[known[k] - 1]);
    for (size_t k = 0; k < n; ++k) {
      const WordEntry* e = &entries_[known[k] - 1];
      sentence_[k + 2] = e;
      tokens_[k + 2] = e->info;
    }
  } else {
    // Entries stay put during the sentence: the cache is only emptied here,
    // and uncached_ has room for every word.
    if (entries_.size() + n > cache_capacity_ && !entries_.empty()) {
      ClearCache();
      ++cache_clears_;
    }
    uncached_.clear();
    uncached_.reserve(n);
    HashAndPrefetch(words);
    for (size_t k = 0; k < n; ++k) {
      const WordEntry* e = Lookup(words[k], word_hashes_[k], false);
      sentence_[k + 2] = e;
      tokens_[k + 2] = e->info;
    }
  }
  AddContext(n);
  pruned_.resize(n);
  scored_words_ = n;
  const uint32_t hl = headline ? 1 : 0;
  // Two passes over each block of words: the buckets of their contextual
  // features first, prefetched, then the sums, so that the table's cache
  // misses overlap. Blocks bound the buffers on huge sentences.
  context_rows_.resize(kScoreBlock * kMaxContextFeatures);
  context_offsets_.resize(kScoreBlock + 1);
  const int16_t** rows = context_rows_.data();
  size_t count = 0;
  auto add = [&](uint64_t h) __attribute__((always_inline)) {
    const int16_t* row = weights_->Row(Bucket(h));
    // A row of 18 bytes may end in the next cache line.
    __builtin_prefetch(row);
    __builtin_prefetch(row + kNerTagCount - 1);
    rows[count++] = row;
  };
  for (size_t block = 0; block < n; block += kScoreBlock) {
    const size_t block_end = std::min(n, block + kScoreBlock);
    count = 0;
    for (size_t k = block; k < block_end; ++k) {
      context_offsets_[k - block] = static_cast<uint32_t>(count);
      int32_t* sum = out->data() + k * kNerTagCount;
      const TokenInfo& m1 = tokens_[k + 1];
      const TokenInfo& t = tokens_[k + 2];
      const TokenInfo& p1 = tokens_[k + 3];
      const uint32_t first = k == 0 ? 1 : 0;
      // Such words are 56 % of CoNLL valid.txt, 6 of them inside a gold
      // entity, and the model tags them all O anyway (docs/NER.md, Speed).
      pruned_[k] = prune_lowercase_ && t.no_upper && m1.no_upper && p1.no_upper && t.history <= 1;
      if (pruned_[k] != 0) {
        sum[0] = 0;
        std::fill(sum + 1, sum + kNerTagCount, kNerPrunedSum);
        continue;
      }
      const WordEntry& self = *sentence_[k + 2];
      if (first == 0 && hl == 0) {
        std::copy(self.self_plain, self.self_plain + kNerTagCount, sum);
      } else {
        std::copy(self.self_base, self.self_base + kNerTagCount, sum);
        add(Feature(kLowerFirst, t.lower, first));
        add(Feature(kHeadlineLower, t.lower, hl));
        if (lexicon_) {
          add(Feature(kClusterCase, t.clusters[1], t.case_class | first << 2 | hl << 3));
          add(Feature(kCapsPrior, t.caps | t.case_class << 3 | first << 5 | hl << 6));
        }
        if (knowledge_) {
          add(Feature(kDictCase, t.dict | t.case_class << 3 | first << 5 | hl << 6));
          add(Feature(kPersonCase, t.person | t.case_class << 2 | first << 4 | hl << 5));
        }
      }
      TagSums around = TagSums::Load(sum);
      around.AddSums(sentence_[k]->at[0]);
      around.AddSums(sentence_[k + 1]->at[1]);
      around.AddSums(sentence_[k + 3]->at[2]);
      around.AddSums(sentence_[k + 4]->at[3]);
      // Pair features: Feature(type, a, b), from the first halves the word
      // cache keeps (Feature(type, a)).
      const PairStarts& left = sentence_[k + 1]->pairs;
      const PairStarts& own = self.pairs;
      add(Pair(left.bigram_m1, t.lower));
      add(Pair(own.bigram_p1, p1.lower));
      add(Pair(left.shape_bigram_m1, t.short_shape));
      add(Pair(own.shape_bigram_p1, p1.short_shape));
      add(Feature(kShapeTrigram, Pair(left.shape_trigram, t.short_shape), p1.short_shape));
      // Case context and prediction history: FillStateSums.
      around.AddSums(state_sums_.data() +
                     StateIndex(t.history, t.case_class, first, hl, t.doc_case) * kNerTagCount);
      around.AddSums(history_m1_[m1.history]);
      around.AddSums(history_p1_[p1.history]);
      if (HasDocContexts(k)) {
        around.AddSums(doc_context_sums_.data() + token_doc_words_[k]->context_sums);
      }
      around.Store(sum);
      add(Pair(left.lower_m1_shape0, t.short_shape));
      add(Pair(own.shape0_lower_p1, p1.lower));
      add(Pair(own.doc_case_shape, t.doc_case | hl << 2 | first << 3));
      if (t.gazetteer != 0) {
        add(Feature(kGazetteer, t.gazetteer));
        add(Feature(kGazetteerCase, t.gazetteer & 0x1f, t.case_class | hl << 2));
      }
      AddNameFeatures(t, first, hl, add);
      AddRunFeatures(tokens_.data(), k, hl, add);
    }
    context_offsets_[block_end - block] = static_cast<uint32_t>(count);
    for (size_t k = block; k < block_end; ++k) {
      int32_t* sum = out->data() + k * kNerTagCount;
      TagSums acc = TagSums::Load(sum);
      for (uint32_t f = context_offsets_[k - block]; f < context_offsets_[k - block + 1]; ++f) {
        acc.AddRow(context_rows_[f]);
      }
      acc.Store(sum);
    }
  }
}

NerFeatureExtractor::DocWord* NerFeatureExtractor::FindDocWord(uint64_t lower) {
  if (doc_slots_.empty()) return nullptr;
  const size_t mask = doc_slots_.size() - 1;
  for (size_t s = static_cast<size_t>(lower) & mask; doc_slots_[s].word.used; s = (s + 1) & mask) {
    if (doc_slots_[s].lower == lower) return &doc_slots_[s].word;
  }
  return nullptr;
}

NerFeatureExtractor::DocWord& NerFeatureExtractor::AddDocWord(uint64_t lower) {
  if (2 * (doc_used_.size() + 1) > doc_slots_.size()) {
    std::vector<DocEntry> old(std::max<size_t>(256, 2 * doc_slots_.size()));
    old.swap(doc_slots_);
    const size_t mask = doc_slots_.size() - 1;
    for (uint32_t& used : doc_used_) {
      size_t s = static_cast<size_t>(old[used].lower) & mask;
      while (doc_slots_[s].word.used) s = (s + 1) & mask;
      doc_slots_[s] = old[used];
      used = static_cast<uint32_t>(s);
    }
  }
  const size_t mask = doc_slots_.size() - 1;
  size_t s = static_cast<size_t>(lower) & mask;
  for (; doc_slots_[s].word.used; s = (s + 1) & mask) {
    if (doc_slots_[s].lower == lower) return doc_slots_[s].word;
  }
  DocEntry& e = doc_slots_[s];
  e.lower = lower;
  e.word.used = true;
  doc_used_.push_back(static_cast<uint32_t>(s));
  return e.word;
}

void NerFeatureExtractor::ClearDocWords() {
  for (const uint32_t s : doc_used_) doc_slots_[s] = DocEntry{};
  doc_used_.clear();
  doc_context_sums_.clear();
}

void NerFeatureExtractor::Record(uint64_t lower, uint8_t tag) {
  DocWord& word = AddDocWord(lower);
  word.recorded = true;
  uint16_t& count = word.counts[NerTagType(tag)];
  if (count < UINT16_MAX) ++count;
}

void NerFeatureExtractor::RecordScoredTags(std::span<const uint8_t> tags) {
  // tokens_ still holds the lowercase hash and case of the words scored.
  const size_t n = std::min(scored_words_, tags.size());
  for (size_t k = 0; k < n; ++k) {
    const TokenInfo& info = tokens_[k + 2];
    if (info.case_class >= 2) Record(info.lower, tags[k]);
  }
  scored_words_ = 0;
}

void NerFeatureExtractor::RecordTags(std::span<const std::string_view> words,
                                     std::span<const uint8_t> tags) {
  const size_t n = std::min(words.size(), tags.size());
  for (size_t k = 0; k < n; ++k) {
    if (weights_ != nullptr) {
      const TokenInfo& info = Lookup(words[k], Hash(words[k]), true)->info;
      if (info.case_class >= 2) Record(info.lower, tags[k]);
      continue;
    }
    if (NerCaseClass(words[k]) < 2) continue;
    Record(LowerHash(words[k]), tags[k]);
  }
}

}  // namespace newsflow
