#include "tagging/ner_lexicon.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <numeric>
#include <random>

#include "tagging/ner_features.h"
#include "util/ascii.h"

namespace newsflow {
namespace {

constexpr size_t kContextWords = 500;  // most frequent words used as context
constexpr int kDims = 64;              // random projection size
constexpr int kIterations = 12;
constexpr int kBranching[kNerClusterLevels] = {32, 4, 4};  // 32, 128, 512 clusters
constexpr size_t kMaxVocabulary = 100000;

template <typename T>
void Put(std::string* out, T value) {
  char buf[sizeof(T)];
  std::memcpy(buf, &value, sizeof(T));
  out->append(buf, sizeof(T));
}

template <typename T>
bool Get(std::string_view bytes, size_t* pos, T* value) {
  if (bytes.size() - *pos < sizeof(T)) return false;
  std::memcpy(value, bytes.data() + *pos, sizeof(T));
  *pos += sizeof(T);
  return true;
}

using Vec = std::array<float, kDims>;

float Dot(const Vec& a, const Vec& b) {
  float s = 0;
  for (int i = 0; i < kDims; ++i) s += a[i] * b[i];
  return s;
}

void Normalize(Vec* v) {
  const float n = std::sqrt(Dot(*v, *v));
  if (n > 0) {
    for (float& x : *v) x /= n;
  }
}

// Spherical k-means of points[members] into k clusters; writes the cluster
// (0..k-1) of each member into assignment[member].
void KMeans(const std::vector<Vec>& points, const std::vector<uint32_t>& members, int k,
            std::mt19937_64* rng, std::vector<uint16_t>* assignment) {
  if (members.empty()) return;
  std::vector<uint32_t> shuffled = members;
  std::shuffle(shuffled.begin(), shuffled.end(), *rng);
  const int clusters = std::min<int>(k, static_cast<int>(members.size()));
  std::vector<Vec> centers(clusters);
  for (int c = 0; c < clusters; ++c) centers[c] = points[shuffled[c]];
  for (uint32_t m : members) (*assignment)[m] = 0;
  for (int iteration = 0; iteration < kIterations; ++iteration) {
    for (uint32_t m : members) {
      int best = 0;
      float best_dot = -2;
      for (int c = 0; c < clusters; ++c) {
        const float d = Dot(points[m], centers[c]);
        if (d > best_dot) {
          best_dot = d;
          best = c;
        }
      }
      (*assignment)[m] = static_cast<uint16_t>(best);
    }
    std::vector<Vec> sums(clusters, Vec{});
    std::vector<size_t> sizes(clusters, 0);
    for (uint32_t m : members) {
      const int c = (*assignment)[m];
      for (int i = 0; i < kDims; ++i) sums[c][i] += points[m][i];
      ++sizes[c];
    }
    for (int c = 0; c < clusters; ++c) {
      if (sizes[c] == 0) continue;  // keeps its old center
      centers[c] = sums[c];
      Normalize(&centers[c]);
    }
  }
}

bool IsLeadingPunct(char c) { return std::strchr("\"'([{`", c) != nullptr && c != 0; }
bool IsTrailingPunct(char c) { return std::strchr(".,;:!?\"')]}", c) != nullptr && c != 0; }

}  // namespace

void NerLexicon::Serialize(std::string* out) const {
  // Sorted by hash so that equal lexicons serialize identically.
  std::vector<std::pair<uint64_t, NerWordClass>> sorted(words_.begin(), words_.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  Put<uint32_t>(out, static_cast<uint32_t>(sorted.size()));
  for (const auto& [hash, word_class] : sorted) {
    Put<uint64_t>(out, hash);
    for (uint16_t c : word_class.clusters) Put<uint16_t>(out, c);
    Put<uint8_t>(out, word_class.caps);
  }
}

bool NerLexicon::Parse(std::string_view bytes, size_t* pos) {
  words_.clear();
  uint32_t count = 0;
  if (!Get(bytes, pos, &count)) return false;
  constexpr size_t kRecord = 8 + 2 * kNerClusterLevels + 1;
  if ((bytes.size() - *pos) / kRecord < count) return false;
  words_.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    uint64_t hash = 0;
    NerWordClass word_class;
    Get(bytes, pos, &hash);
    for (uint16_t& c : word_class.clusters) Get(bytes, pos, &c);
    Get(bytes, pos, &word_class.caps);
    if (word_class.caps > 4 || word_class.clusters[kNerClusterLevels - 1] >= 4096) return false;
    words_[hash] = word_class;
  }
  return true;
}

void NerBitsTable::Insert(uint64_t hash, uint8_t bits) {
  if (2 * (size_ + 1) > slots_.size()) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<size_t>(16, 2 * old.size()), Slot{});
    size_ = 0;
    for (const Slot& slot : old) {
      if (slot.bits != 0) Insert(slot.hash, slot.bits);
    }
  }
  const size_t mask = slots_.size() - 1;
  for (size_t i = static_cast<size_t>(hash) & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.bits == 0) {
      slot.hash = hash;
      slot.bits = bits;
      ++size_;
      return;
    }
    if (slot.hash == hash) {
      slot.bits |= bits;
      return;
    }
  }
}

size_t NerBitsTable::CountWithAny(uint8_t mask) const {
  return static_cast<size_t>(std::count_if(
      slots_.begin(), slots_.end(), [mask](const Slot& slot) { return (slot.bits & mask) != 0; }));
}

void NerBitsTable::Serialize(std::string* out) const {
  std::vector<std::pair<uint64_t, uint8_t>> sorted;
  sorted.reserve(size_);
  for (const Slot& slot : slots_) {
    if (slot.bits != 0) sorted.emplace_back(slot.hash, slot.bits);
  }
  std::sort(sorted.begin(), sorted.end());
  Put<uint32_t>(out, static_cast<uint32_t>(sorted.size()));
  for (const auto& [hash, bits] : sorted) {
    Put<uint64_t>(out, hash);
    Put<uint8_t>(out, bits);
  }
}

bool NerBitsTable::Parse(std::string_view bytes, size_t* pos, uint8_t allowed) {
  slots_.clear();
  size_ = 0;
  uint32_t count = 0;
  if (!Get(bytes, pos, &count)) return false;
  if ((bytes.size() - *pos) / 9 < count) return false;
  slots_.assign(std::max<size_t>(16, std::bit_ceil(2 * static_cast<size_t>(count) + 1)), Slot{});
  for (uint32_t i = 0; i < count; ++i) {
    uint64_t hash = 0;
    uint8_t bits = 0;
    Get(bytes, pos, &hash);
    Get(bytes, pos, &bits);
    if (bits == 0 || (bits & ~allowed) != 0) return false;
    Insert(hash, bits);
  }
  return true;
}

void NerGazetteer::AddName(std::span<const uint64_t> word_hashes, int type) {
  if (word_hashes.empty() || word_hashes.size() > static_cast<size_t>(kNerMaxPhraseWords)) return;
  uint64_t h = 0;
  for (size_t i = 0; i < word_hashes.size(); ++i) {
    if (i > 0) AddPrefix(h);
    h = NerPhraseHash(h, word_hashes[i]);
  }
  Add(h, type);
}

uint32_t NerLexiconBuilder::Intern(std::string_view word) {
  NerLowercase(word, &lower_);
  auto [it, inserted] = ids_.try_emplace(lower_, static_cast<uint32_t>(hashes_.size()));
  if (inserted) hashes_.push_back(NerWordHash(lower_));
  return it->second;
}

void NerLexiconBuilder::Add(std::string_view word, bool sentence_start) {
  if (word.empty() || word.size() > 64) return;
  tokens_.push_back(Token{Intern(word), NerCaseClass(word), sentence_start});
}

void NerLexiconBuilder::AddSentence(const std::vector<std::string_view>& words) {
  const bool headline = NerIsHeadline(words);
  for (size_t i = 0; i < words.size(); ++i) Add(words[i], i == 0 || headline);
}

void NerLexiconBuilder::AddText(std::string_view text) {
  bool sentence_start = true;
  size_t i = 0;
  while (i < text.size()) {
    if (IsAsciiSpace(text[i])) {
      // A blank line or an indented line starts a paragraph.
      if (text[i] == '\n' && i + 1 < text.size() && IsAsciiSpace(text[i + 1])) {
        sentence_start = true;
      }
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && !IsAsciiSpace(text[end])) ++end;
    std::string_view chunk = text.substr(i, end - i);
    i = end;
    while (!chunk.empty() && IsLeadingPunct(chunk.front())) {
      Add(chunk.substr(0, 1), sentence_start);
      chunk.remove_prefix(1);
    }
    std::vector<std::string_view> trailing;
    while (!chunk.empty() && IsTrailingPunct(chunk.back())) {
      // Keep the period of abbreviations ("U.S.", "Inc.").
      if (chunk.back() == '.' && chunk.size() > 1 &&
          (chunk.substr(0, chunk.size() - 1).find('.') != std::string_view::npos ||
           chunk.size() <= 4)) {
        break;
      }
      trailing.push_back(chunk.substr(chunk.size() - 1));
      chunk.remove_suffix(1);
    }
    std::string_view possessive;
    if (chunk.size() > 2 && chunk.ends_with("'s")) {
      possessive = chunk.substr(chunk.size() - 2);
      chunk.remove_suffix(2);
    }
    if (!chunk.empty()) {
      Add(chunk, sentence_start);
      sentence_start = false;
    }
    if (!possessive.empty()) Add(possessive, false);
    for (auto it = trailing.rbegin(); it != trailing.rend(); ++it) {
      Add(*it, false);
      if (*it == "." || *it == "?" || *it == "!") sentence_start = true;
    }
  }
}

NerLexicon NerLexiconBuilder::Build(uint32_t min_count, uint64_t seed) const {
  const size_t words = hashes_.size();
  std::vector<uint32_t> counts(words, 0);
  for (const Token& t : tokens_) ++counts[t.word];
  std::vector<uint32_t> by_count(words);
  std::iota(by_count.begin(), by_count.end(), 0u);
  std::stable_sort(by_count.begin(), by_count.end(),
                   [&](uint32_t a, uint32_t b) { return counts[a] > counts[b]; });
  // Context dimensions: left and right neighbour among the top words.
  std::vector<int32_t> context(words, -1);
  for (size_t r = 0; r < std::min(kContextWords, words); ++r) {
    context[by_count[r]] = static_cast<int32_t>(r);
  }
  std::vector<int32_t> vocabulary(words, -1);
  std::vector<uint32_t> vocab_words;
  for (uint32_t w : by_count) {
    if (counts[w] < min_count || vocab_words.size() >= kMaxVocabulary) break;
    vocabulary[w] = static_cast<int32_t>(vocab_words.size());
    vocab_words.push_back(w);
  }
  // (vocabulary index, dimension) pairs, counted by sorting.
  std::vector<uint64_t> pairs;
  pairs.reserve(tokens_.size() * 2);
  for (size_t i = 0; i < tokens_.size(); ++i) {
    const int32_t v = vocabulary[tokens_[i].word];
    if (v < 0) continue;
    if (i > 0 && context[tokens_[i - 1].word] >= 0) {
      pairs.push_back(static_cast<uint64_t>(v) << 32 |
                      static_cast<uint32_t>(context[tokens_[i - 1].word]));
    }
    if (i + 1 < tokens_.size() && context[tokens_[i + 1].word] >= 0) {
      pairs.push_back(static_cast<uint64_t>(v) << 32 |
                      static_cast<uint32_t>(kContextWords + context[tokens_[i + 1].word]));
    }
  }
  std::sort(pairs.begin(), pairs.end());
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<Vec> projection(2 * kContextWords);
  for (Vec& r : projection) {
    for (float& x : r) x = normal(rng);
  }
  std::vector<Vec> points(vocab_words.size(), Vec{});
  for (size_t i = 0; i < pairs.size();) {
    size_t j = i;
    while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
    const float weight = std::sqrt(static_cast<float>(j - i));
    Vec& p = points[pairs[i] >> 32];
    const Vec& r = projection[pairs[i] & 0xffffffffu];
    for (int d = 0; d < kDims; ++d) p[d] += weight * r[d];
    i = j;
  }
  for (Vec& p : points) Normalize(&p);

  // Hierarchical k-means: level l splits each cluster of level l-1.
  std::vector<std::vector<uint16_t>> levels(kNerClusterLevels,
                                            std::vector<uint16_t>(points.size(), 0));
  std::vector<uint16_t> local(points.size(), 0);
  std::vector<std::vector<uint32_t>> groups(1);
  groups[0].resize(points.size());
  std::iota(groups[0].begin(), groups[0].end(), 0u);
  int parent_clusters = 1;
  for (int level = 0; level < kNerClusterLevels; ++level) {
    const int branching = kBranching[level];
    std::vector<std::vector<uint32_t>> next(static_cast<size_t>(parent_clusters) * branching);
    for (int g = 0; g < parent_clusters; ++g) {
      KMeans(points, groups[g], branching, &rng, &local);
      for (uint32_t m : groups[g]) {
        const int cluster = g * branching + local[m];
        levels[level][m] = static_cast<uint16_t>(cluster);
        next[cluster].push_back(m);
      }
    }
    groups = std::move(next);
    parent_clusters *= branching;
  }

  // Capitalization when not sentence-initial.
  std::vector<uint32_t> capitalized(words, 0);
  std::vector<uint32_t> lowercase(words, 0);
  for (const Token& t : tokens_) {
    if (t.sentence_start) continue;
    if (t.case_class >= 2) ++capitalized[t.word];
    if (t.case_class == 1) ++lowercase[t.word];
  }
  NerLexicon lexicon;
  for (size_t v = 0; v < vocab_words.size(); ++v) {
    const uint32_t w = vocab_words[v];
    NerWordClass word_class;
    for (int level = 0; level < kNerClusterLevels; ++level) {
      word_class.clusters[level] = levels[level][v];
    }
    const uint32_t cased = capitalized[w] + lowercase[w];
    if (cased >= 2) {
      const double ratio = static_cast<double>(capitalized[w]) / cased;
      word_class.caps = ratio < 0.1 ? 1 : ratio < 0.5 ? 2 : ratio < 0.9 ? 3 : 4;
    }
    lexicon.Set(hashes_[w], word_class);
  }
  return lexicon;
}

}  // namespace newsflow
