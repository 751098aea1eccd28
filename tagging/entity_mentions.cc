#include "tagging/entity_mentions.h"

#include <algorithm>
#include <cstddef>
#include <iterator>

#include <xxhash.h>

#include "tagging/ner_features.h"
#include "util/ascii.h"

namespace newsflow {
namespace {

// Lowercase words (periods removed) that open a person mention without
// being part of the name.
constexpr std::string_view kPersonTitles[] = {"mr",
                                              "mrs",
                                              "ms",
                                              "miss",
                                              "mx",
                                              "messrs",
                                              "dr",
                                              "prof",
                                              "professor",
                                              "sir",
                                              "dame",
                                              "lord",
                                              "lady",
                                              "president",
                                              "vice",
                                              "prime",
                                              "minister",
                                              "premier",
                                              "chancellor",
                                              "senator",
                                              "sen",
                                              "rep",
                                              "representative",
                                              "congressman",
                                              "congresswoman",
                                              "gov",
                                              "governor",
                                              "gen",
                                              "general",
                                              "lt",
                                              "col",
                                              "colonel",
                                              "maj",
                                              "major",
                                              "capt",
                                              "captain",
                                              "cmdr",
                                              "commander",
                                              "sgt",
                                              "sergeant",
                                              "adm",
                                              "admiral",
                                              "judge",
                                              "justice",
                                              "king",
                                              "queen",
                                              "prince",
                                              "princess",
                                              "pope",
                                              "rev",
                                              "reverend",
                                              "father",
                                              "sheikh",
                                              "chairman",
                                              "chairwoman",
                                              "chief",
                                              "executive",
                                              "secretary",
                                              "mayor",
                                              "coach",
                                              "manager",
                                              "ambassador",
                                              "archbishop",
                                              "bishop",
                                              "cardinal",
                                              "foreign",
                                              "home",
                                              "deputy",
                                              "defence",
                                              "defense",
                                              "shadow",
                                              "attorney",
                                              "state",
                                              "former",
                                              "striker",
                                              "midfielder",
                                              "defender",
                                              "goalkeeper",
                                              "skipper",
                                              "boss",
                                              "spokesman",
                                              "spokeswoman"};

// Final words of organization names that merging ignores.
constexpr std::string_view kCompanySuffixes[] = {"inc",     "corp", "corporation", "co", "ltd",
                                                 "limited", "plc",  "llc",         "ag", "sa",
                                                 "nv",      "gmbh", "cos",         "lp", "llp"};

// Words an acronym's letters skip.
constexpr std::string_view kAcronymSkips[] = {"of", "and", "the", "for", "&",  "de", "du", "des",
                                              "la", "le",  "in",  "on",  "at", "to", "a",  "an"};

template <size_t N>
bool Contains(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

bool HasAlnum(std::string_view form) {
  for (char ch : form) {
    // Any non-ASCII byte may be a letter of another script: count it.
    if (IsAsciiAlnum(ch) || static_cast<unsigned char>(ch) >= 0x80) return true;
  }
  return false;
}

bool IsPossessive(std::string_view form) {
  return form == "'s" || form == "'S" || form == "'" || form == "\xE2\x80\x99s" ||
         form == "\xE2\x80\x99S" || form == "\xE2\x80\x99";
}

// True for a person title ("Mr.", "President"), compared in lowercase.
bool IsTitle(std::string_view form) {
  if (form.size() > 1 && form.back() == '.') form.remove_suffix(1);
  if (form.size() > 16) return false;
  char buffer[16];
  for (size_t i = 0; i < form.size(); ++i) buffer[i] = AsciiLower(form[i]);
  return Contains(kPersonTitles, std::string_view(buffer, form.size()));
}

void EmitMention(std::string_view text, std::span<const std::string_view> words,
                 std::span<const TextSpan> spans, size_t a, size_t b, int type, std::string* lower,
                 std::vector<EntityMention>* out) {
  while (a < b && !HasAlnum(words[a])) ++a;
  while (a < b && (!HasAlnum(words[b - 1]) || IsPossessive(words[b - 1]))) --b;
  const auto entity_type = static_cast<EntityType>(type);
  bool skip_the = false;  // "The Times": kept in the span, not in the key
  if (entity_type == EntityType::kPerson) {
    while (b - a >= 2 && IsTitle(words[a])) ++a;
  } else if (b - a >= 2 && EqualsIgnoreCase(words[a], "the")) {
    if (words[a] == "the") {
      ++a;
    } else {
      skip_the = true;
    }
  }
  if (a >= b) return;
  EntityMention mention;
  mention.type = entity_type;
  mention.span = TextSpan{spans[a].begin, spans[b - 1].end};
  mention.surface = text.substr(mention.span.begin, mention.span.end - mention.span.begin);
  mention.words = static_cast<uint32_t>(b - a);
  for (size_t i = skip_the ? a + 1 : a; i < b; ++i) {
    NerLowercase(words[i], lower);
    std::erase(*lower, '.');
    if (lower->empty()) continue;
    if (!mention.key.empty()) mention.key.push_back(' ');
    mention.key.append(*lower);
  }
  if (mention.key.empty()) return;
  out->push_back(std::move(mention));
}

bool IsOneWord(std::string_view key) { return key.find(' ') == std::string_view::npos; }
std::string_view FirstWord(std::string_view key) { return key.substr(0, key.find(' ')); }
std::string_view LastWord(std::string_view key) {
  const size_t space = key.rfind(' ');
  return space == std::string_view::npos ? key : key.substr(space + 1);
}

// First names of one person: equal, or one is the other's initial ("p"
// and "paul"; keys have no periods).
bool SameFirstName(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.size() == 1) return b.front() == a.front();
  return b.size() == 1 && a.front() == b.front();
}

// Whether the words of `tail` are the last words of `key`, and not all of
// them ("de vries" of "pieter de vries").
bool EndsWithWords(std::string_view key, std::string_view tail) {
  return key.size() > tail.size() && key.ends_with(tail) &&
         key[key.size() - tail.size() - 1] == ' ';
}

// `key` without final company suffixes, keeping at least one word.
std::string_view OrganizationKey(std::string_view key) {
  while (true) {
    const size_t space = key.rfind(' ');
    if (space == std::string_view::npos || !Contains(kCompanySuffixes, key.substr(space + 1))) {
      return key;
    }
    key = key.substr(0, space);
  }
}

// The initials of a multi-word key, skipping kAcronymSkips ("international
// monetary fund" -> "imf"); "" when a word does not start with an ASCII
// letter.
std::string Initials(std::string_view key) {
  std::string initials;
  size_t words = 0;
  while (!key.empty()) {
    const size_t space = key.find(' ');
    const std::string_view word = key.substr(0, space);
    key = space == std::string_view::npos ? std::string_view() : key.substr(space + 1);
    ++words;
    if (Contains(kAcronymSkips, word)) continue;
    if (!IsAsciiAlpha(word[0])) return {};
    initials.push_back(word[0]);
  }
  return words >= 2 ? initials : std::string();
}

// "IMF", "U.S.": 2-6 capital ASCII letters, periods ignored.
bool IsAcronym(std::string_view surface) {
  size_t letters = 0;
  for (char ch : surface) {
    if (ch == '.') continue;
    if (ch < 'A' || ch > 'Z') return false;
    ++letters;
  }
  return letters >= 2 && letters <= 6;
}

bool IsAllCaps(std::string_view surface) {
  bool upper = false;
  for (char ch : surface) {
    if (ch >= 'a' && ch <= 'z') return false;
    upper = upper || (ch >= 'A' && ch <= 'Z');
  }
  return upper;
}

// A name shared by more entities than this is ambiguous: bounds the work
// per mention on adversarial text (thousands of "X Smith").
constexpr size_t kMaxCandidates = 16;

// Adds `group` to a candidate list once; past kMaxCandidates the list ends
// with -1 instead.
void AddCandidate(std::vector<int>* list, int group) {
  if (!list->empty() && list->back() < 0) return;
  if (std::find(list->begin(), list->end(), group) != list->end()) return;
  list->push_back(list->size() < kMaxCandidates ? group : -1);
}

// Of `candidates` (group ids), the only one first mentioned before `begin`,
// else the only one at all; -1 when none or ambiguous (or the list
// overflowed: it ends with -1).
int UniqueCandidate(const std::vector<int>& candidates, const std::vector<size_t>& first_begin,
                    size_t begin) {
  if (candidates.empty() || candidates.back() < 0) return -1;
  int earlier = -1;
  int earlier_count = 0;
  for (int g : candidates) {
    if (first_begin[static_cast<size_t>(g)] < begin) {
      earlier = g;
      ++earlier_count;
    }
  }
  if (earlier_count > 0) return earlier_count == 1 ? earlier : -1;
  return candidates.size() == 1 ? candidates[0] : -1;
}

// Dense ids 0, 1, ... for the distinct strings of one merging step: open
// addressing over (hash, id), twice as many slots as strings at least. The
// strings are views, which must stay valid until the next Reset.
class StringIds {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // Forgets every string; room for `expected` before the table grows.
  void Reset(size_t expected) {
    size_t size = 16;
    while (size < 2 * expected) size *= 2;
    slots_.assign(size, Slot{});
    strings_.clear();
  }
  // The id of `s`, added when new.
  uint32_t Intern(std::string_view s) {
    if (2 * (strings_.size() + 1) > slots_.size()) Grow();
    const uint64_t hash = XXH3_64bits(s.data(), s.size());
    Slot& slot = slots_[Probe(s, hash)];
    if (slot.id == kNone) {
      slot = Slot{hash, static_cast<uint32_t>(strings_.size())};
      strings_.push_back(s);
    }
    return slot.id;
  }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t id = kNone;
  };
  // The index of the slot holding `s`, or of the empty one where it would
  // go (there is always one).
  size_t Probe(std::string_view s, uint64_t hash) const {
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.id == kNone || (slot.hash == hash && strings_[slot.id] == s)) return i;
    }
  }
  void Grow() {
    std::vector<Slot> old(2 * std::max<size_t>(slots_.size(), 8), Slot{});
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.id == kNone) continue;
      size_t i = slot.hash & mask;
      while (slots_[i].id != kNone) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }
  std::vector<Slot> slots_;
  std::vector<std::string_view> strings_;
};

// Per-string lists of one merging step, indexed by StringIds id; the lists
// keep their capacity from article to article.
template <typename T>
class ListsById {
 public:
  // Empties the lists used since the last Reset.
  void Reset() {
    for (size_t i = 0; i < used_; ++i) lists_[i].clear();
    used_ = 0;
  }
  std::vector<T>& operator[](uint32_t id) {
    if (id >= lists_.size()) lists_.resize(id + 1);
    used_ = std::max<size_t>(used_, id + 1);
    return lists_[id];
  }
  // The list of `id` (kNone: none), or null when empty.
  const std::vector<T>* Find(uint32_t id) const {
    return id < used_ && !lists_[id].empty() ? &lists_[id] : nullptr;
  }

 private:
  std::vector<std::vector<T>> lists_;
  size_t used_ = 0;
};

}  // namespace

// Working memory of the merging, kept between articles.
struct EntityMentionMerger::Scratch {
  // MergeEntityMentions: the type vote of each key.
  struct Votes {
    int counts[kNerTypeCount + 1] = {};
    int first = 0;
  };
  StringIds vote_keys;
  std::vector<Votes> votes;
  std::vector<uint32_t> vote_key_of;  // mention -> vote_keys id
  std::vector<size_t> of_type[kNerTypeCount + 1];

  // MergeType. Groups (entities being built): first mention's offset and,
  // for acronyms, the initials of the first multi-word key.
  std::vector<size_t> first_begin;
  std::vector<std::string> initials;
  std::vector<int> group_of;  // mention -> group
  // One id space for the keys, their first and last words and the initials.
  StringIds ids;
  std::vector<int> key_group;     // by id: multi-word key (and resolved one-word key) -> group
  std::vector<int> single_group;  // by id: one-word key -> its own group
  struct NameEntry {
    int group;
    std::string_view first;
    std::string_view key;
  };
  ListsById<NameEntry> by_last;  // persons: last word -> earlier names
  ListsById<int> by_name_word;   // first or last word -> candidate groups
  ListsById<int> by_initials;    // initials -> candidate groups
  std::string initials_text;     // the initials, which by_initials views
  std::vector<int> candidates;
  std::vector<size_t> groups_by_first;  // groups in first-mention order
  std::vector<uint32_t> rank;           // group -> its place in groups_by_first
  std::vector<size_t> order;            // the mentions of one type, grouped

  std::vector<Entity> MergeType(std::span<const EntityMention> mentions,
                                const std::vector<size_t>& of_type, EntityType type);
};

EntityMentionMerger::EntityMentionMerger() : scratch_(std::make_unique<Scratch>()) {}
EntityMentionMerger::~EntityMentionMerger() = default;
EntityMentionMerger::EntityMentionMerger(EntityMentionMerger&&) noexcept = default;
EntityMentionMerger& EntityMentionMerger::operator=(EntityMentionMerger&&) noexcept = default;

// Merges the mentions (indices, text order) of one type into entities.
std::vector<Entity> EntityMentionMerger::Scratch::MergeType(std::span<const EntityMention> mentions,
                                                            const std::vector<size_t>& of_type,
                                                            EntityType type) {
  if (of_type.empty()) return {};
  first_begin.clear();
  initials.clear();
  ids.Reset(2 * of_type.size());  // grows for names whose words are mostly new
  key_group.clear();
  single_group.clear();
  by_last.Reset();
  by_name_word.Reset();
  by_initials.Reset();
  auto id_of = [&](std::string_view s) {
    const uint32_t id = ids.Intern(s);
    if (id >= key_group.size()) {
      key_group.resize(id + 1, -1);
      single_group.resize(id + 1, -1);
    }
    return id;
  };
  auto key_of = [&](size_t m) {
    const std::string_view key = mentions[m].key;
    return type == EntityType::kOrganization ? OrganizationKey(key) : key;
  };
  auto join = [&](int g, size_t m) {
    first_begin[static_cast<size_t>(g)] =
        std::min(first_begin[static_cast<size_t>(g)], mentions[m].span.begin);
    group_of[m] = g;
  };
  auto add_group = [&](size_t m) {
    first_begin.push_back(mentions[m].span.begin);
    initials.emplace_back();
    group_of[m] = static_cast<int>(first_begin.size()) - 1;
    return group_of[m];
  };

  // Multi-word names first, so one-word names can find them before or
  // after them. Persons: last word -> (group, first word) of earlier names.
  for (size_t m : of_type) {
    const std::string_view key = key_of(m);
    if (IsOneWord(key)) continue;
    const uint32_t key_id = id_of(key);
    if (key_group[key_id] >= 0) {
      join(key_group[key_id], m);
      continue;
    }
    const std::string_view first = FirstWord(key);
    const std::string_view last = LastWord(key);
    const uint32_t last_id = id_of(last);
    int g = -1;
    if (type == EntityType::kPerson) {
      candidates.clear();
      if (const auto* same_last = by_last.Find(last_id);
          same_last != nullptr && same_last->size() < kMaxCandidates) {
        for (const NameEntry& entry : *same_last) {
          if ((SameFirstName(first, entry.first) || EndsWithWords(entry.key, key) ||
               EndsWithWords(key, entry.key)) &&
              std::find(candidates.begin(), candidates.end(), entry.group) == candidates.end()) {
            candidates.push_back(entry.group);
          }
        }
      }
      if (candidates.size() == 1) g = candidates[0];
    }
    if (g >= 0) {
      join(g, m);
    } else {
      g = add_group(m);
      if (type != EntityType::kPerson) initials[static_cast<size_t>(g)] = Initials(key);
    }
    key_group[key_id] = g;
    if (type == EntityType::kPerson) {
      std::vector<NameEntry>& same_last = by_last[last_id];
      if (same_last.size() < kMaxCandidates) same_last.push_back(NameEntry{g, first, key});
      if (first.size() > 1) AddCandidate(&by_name_word[id_of(first)], g);
      AddCandidate(&by_name_word[last_id], g);
    } else if (type == EntityType::kOrganization) {
      // "Northwind" -> "Northwind Airways", "Austral" -> "Aerolinea Austral".
      if (first.size() > 1) AddCandidate(&by_name_word[id_of(first)], g);
      if (last.size() > 1) AddCandidate(&by_name_word[last_id], g);
    }
  }

  // One-word names. The initials are copied into one buffer first: the
  // groups grow below.
  bool any_initials = false;
  if (type == EntityType::kOrganization || type == EntityType::kLocation) {
    size_t bytes = 0;
    for (const std::string& i : initials) bytes += i.size();
    initials_text.clear();
    initials_text.reserve(bytes);
    for (const std::string& i : initials) initials_text += i;
    size_t at = 0;
    for (size_t g = 0; g < initials.size(); ++g) {
      const size_t size = initials[g].size();
      if (size == 0) continue;
      AddCandidate(&by_initials[id_of(std::string_view(initials_text).substr(at, size))],
                   static_cast<int>(g));
      any_initials = true;
      at += size;
    }
  }
  for (size_t m : of_type) {
    const std::string_view key = key_of(m);
    if (!IsOneWord(key)) continue;
    const size_t begin = mentions[m].span.begin;
    const uint32_t key_id = id_of(key);
    int g = -1;
    if (type == EntityType::kPerson) {
      if (const auto* found = by_name_word.Find(key_id)) {
        g = UniqueCandidate(*found, first_begin, begin);
      }
    } else if (key_group[key_id] >= 0) {
      g = key_group[key_id];
    } else if (any_initials && IsAcronym(mentions[m].surface)) {
      if (const auto* found = by_initials.Find(key_id)) {
        g = UniqueCandidate(*found, first_begin, begin);
      }
      if (g >= 0) key_group[key_id] = g;
    } else if (type == EntityType::kOrganization && mentions[m].words == 1) {
      // Only a name written as one word: "Microsoft Corp." is a full name.
      if (const auto* found = by_name_word.Find(key_id)) {
        g = UniqueCandidate(*found, first_begin, begin);
      }
      if (g >= 0) key_group[key_id] = g;
    }
    if (g < 0) {
      if (single_group[key_id] >= 0) {
        g = single_group[key_id];
      } else {
        g = add_group(m);
        single_group[key_id] = g;
        if (type != EntityType::kPerson) key_group[key_id] = g;
        continue;
      }
    }
    join(g, m);
  }

  // Entities by first mention, mentions by position: one sort of the
  // mentions by (their entity's place, offset).
  const size_t groups = first_begin.size();
  groups_by_first.resize(groups);
  for (size_t g = 0; g < groups; ++g) groups_by_first[g] = g;
  std::sort(groups_by_first.begin(), groups_by_first.end(),
            [&](size_t a, size_t b) { return first_begin[a] < first_begin[b]; });
  rank.resize(groups);
  for (size_t r = 0; r < groups; ++r) rank[groups_by_first[r]] = static_cast<uint32_t>(r);
  order.assign(of_type.begin(), of_type.end());
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const uint32_t ra = rank[static_cast<size_t>(group_of[a])];
    const uint32_t rb = rank[static_cast<size_t>(group_of[b])];
    return ra != rb ? ra < rb : mentions[a].span.begin < mentions[b].span.begin;
  });
  std::vector<Entity> entities(groups);
  size_t i = 0;
  for (Entity& entity : entities) {
    const int g = group_of[order[i]];
    size_t end = i;
    while (end < order.size() && group_of[order[end]] == g) ++end;
    size_t best = order[i];
    bool best_caps = IsAllCaps(mentions[best].surface);
    entity.mentions.reserve(end - i);
    for (; i < end; ++i) {
      const size_t m = order[i];
      entity.mentions.push_back(mentions[m].span);
      const bool caps = IsAllCaps(mentions[m].surface);
      if (mentions[m].words > mentions[best].words ||
          (mentions[m].words == mentions[best].words && best_caps && !caps)) {
        best = m;
        best_caps = caps;
      }
    }
    entity.name = CollapseAsciiSpace(mentions[best].surface);
  }
  return entities;
}

void AppendEntityMentions(std::string_view text, std::span<const std::string_view> words,
                          std::span<const TextSpan> spans, std::span<const uint8_t> tags,
                          std::vector<EntityMention>* out) {
  const size_t n = std::min({words.size(), spans.size(), tags.size()});
  std::string lower;
  size_t start = 0;
  int type = 0;
  for (size_t i = 0; i <= n; ++i) {
    const int tag = i < n ? tags[i] : 0;
    const int tag_type = tag < kNerTagCount ? NerTagType(tag) : 0;
    if (type != 0 && NerTagIsInside(tag) && tag_type == type) continue;
    if (type != 0) EmitMention(text, words, spans, start, i, type, &lower, out);
    type = tag_type;
    start = i;
  }
}

void EntityMentionMerger::Merge(std::span<const EntityMention> mentions, Entities* out) {
  *out = Entities{};
  if (mentions.empty()) return;
  Scratch& s = *scratch_;
  // 1. Each key gets the type most of its mentions have (ties: the first's).
  s.vote_keys.Reset(mentions.size());
  s.votes.clear();
  s.vote_key_of.resize(mentions.size());
  for (size_t i = 0; i < mentions.size(); ++i) {
    const uint32_t id = s.vote_keys.Intern(mentions[i].key);
    if (id == s.votes.size()) s.votes.emplace_back();
    Scratch::Votes& v = s.votes[id];
    if (v.first == 0) v.first = static_cast<int>(mentions[i].type);
    ++v.counts[static_cast<int>(mentions[i].type)];
    s.vote_key_of[i] = id;
  }
  for (auto& list : s.of_type) list.clear();
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Scratch::Votes& v = s.votes[s.vote_key_of[i]];
    int type = v.first;
    for (int t = 1; t <= kNerTypeCount; ++t) {
      if (v.counts[t] > v.counts[type]) type = t;
    }
    s.of_type[type].push_back(i);
  }
  s.group_of.resize(mentions.size());
  out->people = s.MergeType(mentions, s.of_type[1], EntityType::kPerson);
  out->organizations = s.MergeType(mentions, s.of_type[2], EntityType::kOrganization);
  out->locations = s.MergeType(mentions, s.of_type[3], EntityType::kLocation);
  out->misc = s.MergeType(mentions, s.of_type[4], EntityType::kMisc);
}

void MergeEntityMentions(std::span<const EntityMention> mentions, Entities* out) {
  EntityMentionMerger().Merge(mentions, out);
}

}  // namespace newsflow
