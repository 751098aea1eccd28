#include "tagging/ner_features.h"

#include <utf8proc.h>
#include <xxhash.h>

#include <algorithm>

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
};

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
constexpr uint64_t Feature(uint32_t t, uint64_t a, uint64_t b) {
  return Fmix(Feature(t, a) ^ (b * 0xC2B2AE3D27D4EB4FULL + 0x165667B19E3779F9ULL));
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

NerFeatureExtractor::NerFeatureExtractor(uint32_t hash_bits, const NerLexicon* lexicon)
    : hash_bits_(std::clamp<uint32_t>(hash_bits, 8, 30)),
      lexicon_(lexicon != nullptr && lexicon->size() > 0 ? lexicon : nullptr) {}

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
  doc_case_.clear();
  history_.clear();
  for (const auto& sentence : sentences) {
    if (NerIsHeadline(sentence)) continue;
    for (size_t i = 1; i < sentence.size(); ++i) {
      const uint8_t c = NerCaseClass(sentence[i]);
      if (c == 0) continue;
      doc_case_[LowerHash(sentence[i])] |= (c == 1) ? 2 : 1;
    }
  }
}

void NerFeatureExtractor::Extract(std::span<const std::string_view> words,
                                  NerSentenceFeatures* out) {
  out->ids.clear();
  out->offsets.clear();
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
  for (size_t k = 0; k < n; ++k) {
    TokenInfo& t = tokens_[k + 2];
    const std::string_view w = words[k];
    t.exact = Hash(w);
    t.lower = LowerHash(w);
    NerWordShape(w, 1, &shape_);
    t.short_shape = Hash(shape_);
    NerWordShape(w, 4, &shape_);
    t.long_shape = Hash(shape_);
    t.case_class = NerCaseClass(w);
    if (auto it = doc_case_.find(t.lower); it != doc_case_.end()) t.doc_case = it->second;
    const NerWordClass* word_class = lexicon_ ? lexicon_->Find(t.lower) : nullptr;
    for (int l = 0; l < kNerClusterLevels; ++l) {
      t.clusters[l] = word_class ? word_class->clusters[l] : kNoCluster;
    }
    t.caps = word_class ? word_class->caps : 0;
    if (auto it = history_.find(t.lower); it != history_.end()) {
      const uint32_t* c = it->second.counts;
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
  // Longest entity names from the gazetteer, left to right, starting at a
  // capitalized word.
  if (gazetteer_) {
    for (size_t k = 0; k < n;) {
      size_t best_end = 0;
      uint8_t best_types = 0;
      if (tokens_[k + 2].case_class >= 2) {
        uint64_t h = 0;
        for (size_t j = k; j < n && j < k + kNerMaxPhraseWords; ++j) {
          h = NerPhraseHash(h, tokens_[j + 2].lower);
          const uint8_t types = gazetteer_->Find(h);
          if (types != 0) {
            best_end = j + 1;
            best_types = types;
          }
        }
      }
      if (best_end == 0) {
        ++k;
        continue;
      }
      const uint8_t length = static_cast<uint8_t>(std::min<size_t>(best_end - k, 4));
      for (size_t j = k; j < best_end; ++j) {
        tokens_[j + 2].gazetteer =
            static_cast<uint8_t>(best_types | (j == k ? 0 : 0x10) | length << 5);
      }
      k = best_end;
    }
  }
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
    if (t.run_end > t.run_begin) {
      const uint64_t length = std::min<uint32_t>(t.run_end - t.run_begin, 5);
      const uint64_t place = k == t.run_begin ? 0 : (k + 1 == t.run_end ? 1 : 2);
      add(Feature(kRunShape, length << 2 | place, hl));
      add(Feature(kRunFirst, tokens_[t.run_begin + 2].lower));
      add(Feature(kRunLast, tokens_[t.run_end + 1].lower));
      add(Feature(kRunBefore, tokens_[t.run_begin + 1].lower));
      add(Feature(kRunAfter, tokens_[t.run_end + 2].lower));
    }
  }
  out->offsets.push_back(static_cast<uint32_t>(out->ids.size()));
}

void NerFeatureExtractor::RecordTags(std::span<const std::string_view> words,
                                     std::span<const uint8_t> tags) {
  const size_t n = std::min(words.size(), tags.size());
  for (size_t k = 0; k < n; ++k) {
    if (NerCaseClass(words[k]) < 2) continue;
    history_[LowerHash(words[k])].counts[NerTagType(tags[k])]++;
  }
}

}  // namespace newsflow
