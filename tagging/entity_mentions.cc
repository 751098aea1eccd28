#include "tagging/entity_mentions.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>

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

struct Group {
  std::vector<size_t> members;  // indices of mentions
  size_t first_begin = 0;
  std::string initials;  // of the first multi-word key, for acronyms
};

// A name shared by more entities than this is ambiguous: bounds the work
// per mention on adversarial text (thousands of "X Smith").
constexpr size_t kMaxCandidates = 16;

// Of `candidates` (group ids), the only one first mentioned before `begin`,
// else the only one at all; -1 when none or ambiguous (or the list
// overflowed: it ends with -1).
int UniqueCandidate(const std::vector<int>& candidates, const std::vector<Group>& groups,
                    size_t begin) {
  if (candidates.empty() || candidates.back() < 0) return -1;
  int earlier = -1;
  int earlier_count = 0;
  for (int g : candidates) {
    if (groups[g].first_begin < begin) {
      earlier = g;
      ++earlier_count;
    }
  }
  if (earlier_count > 0) return earlier_count == 1 ? earlier : -1;
  return candidates.size() == 1 ? candidates[0] : -1;
}

// Adds `group` to `word`'s candidates once; past kMaxCandidates the list
// ends with -1 instead.
template <typename Index>
void AddCandidate(Index* index, std::string_view word, int group) {
  std::vector<int>& list = (*index)[typename Index::key_type(word)];
  if (!list.empty() && list.back() < 0) return;
  if (std::find(list.begin(), list.end(), group) != list.end()) return;
  list.push_back(list.size() < kMaxCandidates ? group : -1);
}

// Merges the mentions (indices, text order) of one type into entities.
std::vector<Entity> MergeType(std::span<const EntityMention> mentions,
                              const std::vector<size_t>& of_type, EntityType type) {
  std::vector<Group> groups;
  std::unordered_map<std::string_view, int> by_key;
  auto key_of = [&](size_t m) {
    const std::string_view key = mentions[m].key;
    return type == EntityType::kOrganization ? OrganizationKey(key) : key;
  };
  auto join = [&](int g, size_t m) {
    if (groups[g].members.empty() || mentions[m].span.begin < groups[g].first_begin) {
      groups[g].first_begin = mentions[m].span.begin;
    }
    groups[g].members.push_back(m);
  };
  auto add_group = [&](size_t m) {
    groups.emplace_back();
    join(static_cast<int>(groups.size()) - 1, m);
    return static_cast<int>(groups.size()) - 1;
  };

  // Multi-word names first, so one-word names can find them before or
  // after them. Persons: last word -> (group, first word) of earlier names.
  struct NameEntry {
    int group;
    std::string_view first;
  };
  std::unordered_map<std::string_view, std::vector<NameEntry>> by_last;
  std::unordered_map<std::string_view, std::vector<int>> by_name_word;  // first or last word
  std::vector<int> candidates;
  for (size_t m : of_type) {
    const std::string_view key = key_of(m);
    if (IsOneWord(key)) continue;
    if (auto it = by_key.find(key); it != by_key.end()) {
      join(it->second, m);
      continue;
    }
    const std::string_view first = FirstWord(key);
    const std::string_view last = LastWord(key);
    int g = -1;
    if (type == EntityType::kPerson) {
      candidates.clear();
      if (auto it = by_last.find(last); it != by_last.end() && it->second.size() < kMaxCandidates) {
        for (const NameEntry& entry : it->second) {
          if (SameFirstName(first, entry.first) &&
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
      if (type != EntityType::kPerson) groups[g].initials = Initials(key);
    }
    by_key.emplace(key, g);
    if (type == EntityType::kPerson) {
      std::vector<NameEntry>& same_last = by_last[last];
      if (same_last.size() < kMaxCandidates) same_last.push_back(NameEntry{g, first});
      if (first.size() > 1) AddCandidate(&by_name_word, first, g);
      AddCandidate(&by_name_word, last, g);
    } else if (type == EntityType::kOrganization) {
      // "Northwind" -> "Northwind Airways", "Austral" -> "Aerolinea Austral".
      if (first.size() > 1) AddCandidate(&by_name_word, first, g);
      if (last.size() > 1) AddCandidate(&by_name_word, last, g);
    }
  }

  // One-word names. The initials are copied: `groups` grows below, and views
  // into its strings would dangle.
  std::unordered_map<std::string, std::vector<int>> by_initials;
  if (type == EntityType::kOrganization || type == EntityType::kLocation) {
    for (size_t g = 0; g < groups.size(); ++g) {
      if (!groups[g].initials.empty())
        AddCandidate(&by_initials, groups[g].initials, static_cast<int>(g));
    }
  }
  std::unordered_map<std::string_view, int> single;  // one-word key -> its own group
  for (size_t m : of_type) {
    const std::string_view key = key_of(m);
    if (!IsOneWord(key)) continue;
    const size_t begin = mentions[m].span.begin;
    int g = -1;
    if (type == EntityType::kPerson) {
      if (auto it = by_name_word.find(key); it != by_name_word.end()) {
        g = UniqueCandidate(it->second, groups, begin);
      }
    } else if (auto it = by_key.find(key); it != by_key.end()) {
      g = it->second;
    } else if (!by_initials.empty() && IsAcronym(mentions[m].surface)) {
      if (auto found = by_initials.find(std::string(key)); found != by_initials.end()) {
        g = UniqueCandidate(found->second, groups, begin);
      }
      if (g >= 0) by_key.emplace(key, g);
    } else if (type == EntityType::kOrganization && mentions[m].words == 1) {
      // Only a name written as one word: "Microsoft Corp." is a full name.
      if (auto found = by_name_word.find(key); found != by_name_word.end()) {
        g = UniqueCandidate(found->second, groups, begin);
      }
      if (g >= 0) by_key.emplace(key, g);
    }
    if (g < 0) {
      if (auto it = single.find(key); it != single.end()) {
        g = it->second;
      } else {
        g = add_group(m);
        single.emplace(key, g);
        if (type != EntityType::kPerson) by_key.emplace(key, g);
        continue;
      }
    }
    join(g, m);
  }

  // Entities, by first mention.
  std::sort(groups.begin(), groups.end(),
            [](const Group& a, const Group& b) { return a.first_begin < b.first_begin; });
  std::vector<Entity> entities;
  entities.reserve(groups.size());
  for (Group& group : groups) {
    std::sort(group.members.begin(), group.members.end(),
              [&](size_t a, size_t b) { return mentions[a].span.begin < mentions[b].span.begin; });
    size_t best = group.members[0];
    bool best_caps = IsAllCaps(mentions[best].surface);
    Entity entity;
    entity.mentions.reserve(group.members.size());
    for (size_t m : group.members) {
      entity.mentions.push_back(mentions[m].span);
      const bool caps = IsAllCaps(mentions[m].surface);
      if (mentions[m].words > mentions[best].words ||
          (mentions[m].words == mentions[best].words && best_caps && !caps)) {
        best = m;
        best_caps = caps;
      }
    }
    entity.name = CollapseAsciiSpace(mentions[best].surface);
    entities.push_back(std::move(entity));
  }
  return entities;
}

}  // namespace

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

void MergeEntityMentions(std::span<const EntityMention> mentions, Entities* out) {
  *out = Entities{};
  if (mentions.empty()) return;
  // 1. Each key gets the type most of its mentions have (ties: the first's).
  struct Votes {
    int counts[kNerTypeCount + 1] = {};
    int first = 0;
  };
  std::unordered_map<std::string_view, Votes> votes;
  for (const EntityMention& m : mentions) {
    Votes& v = votes[m.key];
    if (v.first == 0) v.first = static_cast<int>(m.type);
    ++v.counts[static_cast<int>(m.type)];
  }
  std::vector<size_t> of_type[kNerTypeCount + 1];
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Votes& v = votes[mentions[i].key];
    int type = v.first;
    for (int t = 1; t <= kNerTypeCount; ++t) {
      if (v.counts[t] > v.counts[type]) type = t;
    }
    of_type[type].push_back(i);
  }
  out->people = MergeType(mentions, of_type[1], EntityType::kPerson);
  out->organizations = MergeType(mentions, of_type[2], EntityType::kOrganization);
  out->locations = MergeType(mentions, of_type[3], EntityType::kLocation);
  out->misc = MergeType(mentions, of_type[4], EntityType::kMisc);
}

}  // namespace newsflow
