#include "tagging/keyword_extractor.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace newsflow {
namespace {

constexpr double kPositionScaleBytes = 1000;
constexpr double kTitleWeight = 2;
constexpr double kLoneMentionFactor = 0.5;
// A capital letter at a sentence start says nothing about the word: such a
// form only wins when there is no other.
constexpr double kSentenceStartVote = 0.01;
constexpr int32_t kNotAbsorbed = -1;
constexpr int32_t kAmbiguous = -2;
constexpr uint32_t kNoNext = ~0u;
// idf of the most frequent document frequencies, computed once (a log per
// candidate is a noticeable share of the cost).
constexpr size_t kIdfCacheSize = 4096;
// Written forms compared per keyword: enough for any real article, and a
// bound on the quadratic comparison for adversarial ones.
constexpr size_t kMaxSurfaceSamples = 64;

uint64_t Slot(uint64_t key) { return key ^ (key >> 29); }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// text[begin, end) with each whitespace run as one space.
std::string Surface(std::string_view text, uint32_t begin, uint32_t end) {
  std::string out;
  out.reserve(end - begin);
  bool space = false;
  for (uint32_t i = begin; i < end; ++i) {
    if (IsSpace(text[i])) {
      space = true;
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(text[i]);
  }
  return out;
}

bool SameSurface(std::string_view text, const KeywordTermOccurrence& a,
                 const KeywordTermOccurrence& b) {
  return text.substr(a.begin, a.end - a.begin) == text.substr(b.begin, b.end - b.begin);
}

}  // namespace

KeywordExtractor::KeywordExtractor(std::shared_ptr<const KeywordBackground> background)
    : background_(std::move(background)), idf_cache_(kIdfCacheSize, -1.0) {}

int32_t KeywordExtractor::Find(uint64_t key) const {
  const size_t mask = table_.size() - 1;
  for (size_t i = Slot(key) & mask;; i = (i + 1) & mask) {
    if (table_[i].second == 0) return -1;
    if (table_[i].first == key) return static_cast<int32_t>(table_[i].second - 1);
  }
}

int32_t KeywordExtractor::FindOrAdd(const KeywordTermOccurrence& occ, uint32_t index) {
  const size_t mask = table_.size() - 1;
  for (size_t i = Slot(occ.key) & mask;; i = (i + 1) & mask) {
    if (table_[i].second == 0) {
      background_->Prefetch(occ.key);  // Score() reads it
      Candidate c;
      c.key = occ.key;
      c.first = c.last = index;
      candidates_.push_back(c);
      table_[i] = {occ.key, static_cast<uint32_t>(candidates_.size())};
      return static_cast<int32_t>(candidates_.size() - 1);
    }
    if (table_[i].first == occ.key) return static_cast<int32_t>(table_[i].second - 1);
  }
}

void KeywordExtractor::Extract(std::string_view title, std::string_view text, int max_keywords,
                               std::vector<KeywordTag>* out) {
  out->clear();
  if (text.empty() || max_keywords <= 0) return;
  if (text.size() > kMaxKeywordTextBytes) {
    const size_t cut = text.find_last_of(" \n", kMaxKeywordTextBytes);
    text = text.substr(0, cut == std::string_view::npos ? kMaxKeywordTextBytes : cut);
  }
  text_occurrences_.clear();
  title_occurrences_.clear();
  candidates_.clear();
  scanner_.Scan(text, &text_occurrences_);
  if (text_occurrences_.empty()) return;
  title_scanner_.Scan(title, &title_occurrences_);

  // At most one candidate per occurrence: a table at least twice that size.
  size_t size = 64;
  while (size < text_occurrences_.size() * 2) size *= 2;
  table_.assign(size, {0, 0});
  next_.assign(text_occurrences_.size(), kNoNext);

  names_.clear();
  for (uint32_t i = 0; i < text_occurrences_.size(); ++i) {
    const KeywordTermOccurrence& occ = text_occurrences_[i];
    if (occ.proper) names_.push_back({occ.begin, occ.end});
    const int32_t index = FindOrAdd(occ, i);
    Candidate& c = candidates_[static_cast<size_t>(index)];
    if (c.text_mentions > 0) {
      next_[c.last] = i;
      c.last = i;
    }
    ++c.text_mentions;
    c.weight += 1 + 1 / (1 + occ.begin / kPositionScaleBytes);
    c.proper = c.proper || occ.proper;
    if (!occ.sentence_start) (occ.capitalized ? c.capitalized_mentions : c.lowercase_mentions)++;
    c.name = c.capitalized_mentions > c.lowercase_mentions ||
             (c.capitalized_mentions == 0 && c.lowercase_mentions == 0 && occ.capitalized);
  }
  for (const KeywordTermOccurrence& occ : title_occurrences_) {
    const int32_t index = Find(occ.key);
    if (index < 0) continue;
    Candidate& c = candidates_[static_cast<size_t>(index)];
    ++c.title_mentions;
    c.weight += kTitleWeight;
  }
  Score();
  Select(static_cast<size_t>(max_keywords));
  Emit(text, out);
}

void KeywordExtractor::Score() {
  const KeywordBackground& bg = *background_;
  const double documents = bg.documents();
  const uint32_t unknown_df = bg.min_df() > 1 ? bg.min_df() - 1 : 0;
  order_.clear();
  for (uint32_t i = 0; i < candidates_.size(); ++i) {
    Candidate& c = candidates_[i];
    const KeywordTermOccurrence& first = text_occurrences_[c.first];
    // A phrase must be more than words that happen to stand side by side.
    if (first.words > 1 && c.text_mentions < 2 && c.title_mentions == 0 && !c.proper) continue;
    const uint32_t known_df = bg.DocumentFrequencyOfKey(c.key);
    const uint32_t df = known_df > 0 ? std::min<uint32_t>(known_df, bg.documents()) : unknown_df;
    double idf;
    if (df < idf_cache_.size()) {
      if (idf_cache_[df] < 0) idf_cache_[df] = std::log((documents + 1) / (df + 1.0));
      idf = idf_cache_[df];
    } else {
      idf = std::log((documents + 1) / (df + 1.0));
    }
    double weight = c.weight;
    if (c.text_mentions == 1 && c.title_mentions == 0) weight *= kLoneMentionFactor;
    c.score = weight * idf;
    c.eligible = c.score > 0;
  }
  Absorb();
  for (uint32_t i = 0; i < candidates_.size(); ++i) {
    const Candidate& c = candidates_[i];
    if (c.eligible && c.absorbed_by == kNotAbsorbed) order_.push_back({c.score, c.first, i});
  }
}

void KeywordExtractor::Absorb() {
  // Each multi-word phrase looks up its shorter sub-terms.
  for (uint32_t p = 0; p < candidates_.size(); ++p) {
    if (!candidates_[p].eligible) continue;
    const KeywordTermOccurrence& occ = text_occurrences_[candidates_[p].first];
    if (occ.words < 2 || (candidates_[p].text_mentions < 2 && !candidates_[p].proper)) continue;
    for (uint8_t b = 0; b < occ.parts; ++b) {
      uint64_t key = kTermKeySeed;
      for (uint8_t e = b; e < occ.parts; ++e) {
        key = CombineTermKey(key, scanner_.word_key(occ.first_word + e));
        if (e - b + 1 == occ.parts) break;  // the phrase itself
        const int32_t sub = Find(key == 0 ? 1 : key);
        if (sub < 0) continue;
        Candidate& s = candidates_[static_cast<size_t>(sub)];
        Candidate& phrase = candidates_[p];
        if (2 * phrase.text_mentions < s.text_mentions) continue;
        if (s.absorbed_by == kNotAbsorbed) {
          s.absorbed_by = static_cast<int32_t>(p);
        } else if (s.absorbed_by >= 0 && s.absorbed_by != static_cast<int32_t>(p)) {
          // Two phrases hold it: the longer one if one holds the other
          // ("Bank of England" and "Bank of England governor"), else neither
          // takes its mentions ("Michael Howard", "Sandra Howard").
          Candidate& other = candidates_[static_cast<size_t>(s.absorbed_by)];
          if (Contains(phrase, other)) {
            s.absorbed_by = static_cast<int32_t>(p);
          } else if (!Contains(other, phrase)) {
            s.absorbed_by = kAmbiguous;
          }
        }
      }
    }
  }
  // A phrase inherits the score of what it absorbed (so "Ossie Davis" ranks
  // where "Davis" would have), shorter terms first so that scores climb
  // chains; ambiguous sub-terms are simply dropped.
  absorbed_.clear();
  for (uint8_t words = 1; words < 3; ++words) {
    for (uint32_t i = 0; i < candidates_.size(); ++i) {
      const Candidate& s = candidates_[i];
      if (s.absorbed_by < 0 || text_occurrences_[s.first].words != words) continue;
      absorbed_.push_back(i);
      Candidate& phrase = candidates_[static_cast<size_t>(s.absorbed_by)];
      phrase.score = std::max(phrase.score, s.score);
    }
  }
}

bool KeywordExtractor::WordsMatchAt(const Candidate& a, const Candidate& b, size_t start) const {
  const KeywordTermOccurrence& x = text_occurrences_[a.first];
  const KeywordTermOccurrence& y = text_occurrences_[b.first];
  if (start + y.parts > x.parts) return false;
  for (size_t k = 0; k < y.parts; ++k) {
    if (scanner_.word_stem(x.first_word + start + k) != scanner_.word_stem(y.first_word + k)) {
      return false;
    }
  }
  return true;
}

bool KeywordExtractor::Contains(const Candidate& a, const Candidate& b) const {
  const size_t parts = text_occurrences_[a.first].parts;
  for (size_t start = 0; start < parts; ++start) {
    if (WordsMatchAt(a, b, start)) return true;
  }
  return false;
}

bool KeywordExtractor::Overlaps(const Candidate& a, const Candidate& b) const {
  const KeywordTermOccurrence& x = text_occurrences_[a.first];
  const KeywordTermOccurrence& y = text_occurrences_[b.first];
  // A suffix of one is a prefix of the other.
  for (int pass = 0; pass < 2; ++pass) {
    const KeywordTermOccurrence& left = pass == 0 ? x : y;
    const KeywordTermOccurrence& right = pass == 0 ? y : x;
    for (size_t k = 1; k < left.parts && k < right.parts; ++k) {
      size_t i = 0;
      while (i < k && scanner_.word_stem(left.first_word + left.parts - k + i) ==
                          scanner_.word_stem(right.first_word + i)) {
        ++i;
      }
      if (i == k) return true;
    }
  }
  return false;
}

bool KeywordExtractor::SameWords(const Candidate& a, const Candidate& b) const {
  return text_occurrences_[a.first].parts == text_occurrences_[b.first].parts && Contains(a, b);
}

void KeywordExtractor::Select(size_t max_keywords) {
  selected_.clear();
  merged_.clear();
  auto better = [](const Ranked& x, const Ranked& y) {
    if (x.score != y.score) return x.score > y.score;
    return x.first < y.first;  // deterministic: earlier first
  };
  // Only the head of the ranking is sorted; it grows if overlaps use it up.
  size_t sorted = 0;
  size_t next = 0;
  while (selected_.size() < max_keywords) {
    if (next == sorted) {
      if (sorted == order_.size()) break;
      const size_t more =
          std::min(order_.size(), std::max<size_t>(sorted * 2, 4 * max_keywords + 16));
      const auto from = order_.begin() + static_cast<std::ptrdiff_t>(sorted);
      const auto to = order_.begin() + static_cast<std::ptrdiff_t>(more);
      if (to != order_.end()) std::nth_element(from, to, order_.end(), better);
      std::sort(from, to, better);
      sorted = more;
    }
    const uint32_t index = order_[next++].index;
    Candidate& c = candidates_[index];
    bool take = true;
    for (size_t k = 0; k < selected_.size() && take; ++k) {
      const Candidate& taken = candidates_[selected_[k]];
      if (SameWords(taken, c)) {
        c.merged_into = static_cast<int32_t>(selected_[k]);
        merged_.push_back(index);
        take = false;
      } else if (Contains(c, taken)) {
        take = false;  // "Telegraph newspapers" adds little to "Telegraph"
      } else if (Contains(taken, c)) {
        // One name is reported once ("Netanyahu", "Benjamin Netanyahu"); a
        // common word that was not absorbed lives on its own as well ("film"
        // is more than "Film Festival").
        take = !(taken.name && c.name);
      } else if (taken.name && c.name && Overlaps(taken, c)) {
        take = false;  // "BBC Radio Five", "Radio Five Live": one name
      }
    }
    if (take) selected_.push_back(index);
  }
}

bool KeywordExtractor::Connected(const Candidate& c) const {
  const KeywordTermOccurrence& occ = text_occurrences_[c.first];
  for (uint8_t k = 1; k + 1 < occ.parts; ++k) {
    if (scanner_.word_connector(occ.first_word + k)) return true;
  }
  return false;
}

bool KeywordExtractor::InsideName(const KeywordTermOccurrence& occ) const {
  // Stretches are in text order of their start and do not overlap, except
  // the two readings of one at a sentence start: the few starting at or
  // before the occurrence are enough to look at.
  auto it = std::upper_bound(names_.begin(), names_.end(), occ.begin,
                             [](uint32_t begin, const TextSpan& n) { return begin < n.begin; });
  for (int k = 0; k < 3 && it != names_.begin(); ++k) {
    --it;
    if (it->begin <= occ.begin && occ.end <= it->end &&
        (it->begin != occ.begin || it->end != occ.end)) {
      return true;
    }
  }
  return false;
}

void KeywordExtractor::Emit(std::string_view text, std::vector<KeywordTag>* out) {
  if (selected_.empty()) return;
  double best = 0;
  for (uint32_t index : selected_) best = std::max(best, candidates_[index].score);
  // Replacements can raise a later phrase's score: keep the output best first.
  std::stable_sort(selected_.begin(), selected_.end(), [&](uint32_t a, uint32_t b) {
    return candidates_[a].score > candidates_[b].score;
  });
  out->reserve(selected_.size());
  for (uint32_t index : selected_) {
    const Candidate& c = candidates_[index];
    // The most frequent written form; sentence-initial ones only break ties.
    uint32_t best_occ = c.first;
    double best_votes = -1;
    size_t samples = 0;
    for (uint32_t i = c.first; i != kNoNext && samples < kMaxSurfaceSamples;
         i = next_[i], ++samples) {
      bool seen = false;
      for (uint32_t j = c.first; j != i; j = next_[j]) {
        if (SameSurface(text, text_occurrences_[i], text_occurrences_[j])) {
          seen = true;
          break;
        }
      }
      if (seen) continue;
      double votes = 0;
      size_t counted = 0;
      for (uint32_t j = i; j != kNoNext && counted < kMaxSurfaceSamples; j = next_[j], ++counted) {
        if (SameSurface(text, text_occurrences_[i], text_occurrences_[j])) {
          votes += text_occurrences_[j].sentence_start ? kSentenceStartVote : 1;
        }
      }
      if (votes > best_votes) {
        best_votes = votes;
        best_occ = i;
      }
    }
    KeywordTag tag;
    tag.phrase = Surface(text, text_occurrences_[best_occ].begin, text_occurrences_[best_occ].end);
    tag.score = best > 0 ? c.score / best : 0;
    spans_.clear();
    for (uint32_t i = c.first; i != kNoNext; i = next_[i]) {
      spans_.push_back({text_occurrences_[i].begin, text_occurrences_[i].end});
    }
    bool extra = false;
    // A name also owns the mentions of the parts it absorbed ("Davis" after
    // "Ossie Davis"); "rates" is not always "interest rates", so only names.
    if (c.name) {
      for (uint32_t a : absorbed_) {
        const Candidate& part = candidates_[a];
        if (part.absorbed_by != static_cast<int32_t>(index)) continue;
        extra = true;
        // In a name with a connector only its start stands for the whole:
        // "the Bank" is the Bank of Japan, "Japan" is not (the part still
        // lends the name its score).
        if (Connected(c) && !WordsMatchAt(c, part, 0)) continue;
        // A part inside a stretch of capitals is either in the name itself
        // (its own mentions cover it) or in another name.
        for (uint32_t i = part.first; i != kNoNext; i = next_[i]) {
          if (InsideName(text_occurrences_[i])) continue;
          spans_.push_back({text_occurrences_[i].begin, text_occurrences_[i].end});
        }
      }
    }
    for (uint32_t m : merged_) {
      const Candidate& variant = candidates_[m];
      if (variant.merged_into != static_cast<int32_t>(index)) continue;
      extra = true;
      for (uint32_t i = variant.first; i != kNoNext; i = next_[i]) {
        spans_.push_back({text_occurrences_[i].begin, text_occurrences_[i].end});
      }
    }
    if (extra) {
      // Text order, longest first at one position; spans inside the one
      // before (the "Davis" of "Ossie Davis") go.
      std::sort(spans_.begin(), spans_.end(), [](const TextSpan& a, const TextSpan& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
      });
      size_t kept = 0;
      for (size_t i = 0; i < spans_.size(); ++i) {
        if (kept > 0 && spans_[i].end <= spans_[kept - 1].end) continue;
        spans_[kept++] = spans_[i];
      }
      spans_.resize(kept);
    }
    tag.mentions.assign(spans_.begin(), spans_.end());
    out->push_back(std::move(tag));
  }
}

}  // namespace newsflow
