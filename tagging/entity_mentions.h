// Named-entity mentions from IOB2 tags, and their merging into the entities
// of one article (Article::entities).
//
// Mentions (AppendEntityMentions): each maximal B-X I-X... run of a tagged
// sentence (an I-X that does not continue a run of type X starts one, so
// any tag sequence is accepted) becomes one mention of type X, trimmed to
// the name itself:
//  - words without a letter or digit at either end (quotes, dashes);
//  - a possessive at the end ("'s", "'", "’s": "Germany's" -> "Germany");
//  - a lowercase "the" at the start of a non-person ("the Kremlin" ->
//    "Kremlin"; "The Times" keeps its "The" in the span, not in the key);
//  - person titles at the start ("Mr.", "President", "Prime Minister",
//    "Foreign Secretary": kPersonTitles in the .cc), as long as a word
//    remains ("King" alone stays).
// The span covers the remaining words exactly as written in the text (so
// "U.S." keeps its periods and "O’Brien" its curly apostrophe). A mention
// with nothing left is dropped. Its key is the words' tagger forms without
// a leading "the" of any case for non-persons, lowercased (Unicode),
// periods removed ("U.S." -> "us"), joined by one space: the basis of
// merging.
//
// Merging (MergeEntityMentions), in this order:
//  1. Type conflicts: all mentions with the same key get the type most of
//     them were tagged with; a tie goes to the type of the first one. So
//     "Jordan" tagged PER once and LOC twice is one location with three
//     mentions. Partial names are not compared across types ("Washington"
//     LOC never joins "George Washington" PER).
//  2. Same name: within a type, mentions with the same key are one entity
//     (case-insensitive: "NETANYAHU" and "Netanyahu"; "U.S." and "US").
//     Organizations also ignore a final company suffix ("Microsoft Corp."
//     and "Microsoft": Inc, Corp, Co, Ltd, plc, LLC, AG, ...).
//  3. Persons: a multi-word name joins an earlier one with the same last
//     word and the same first word or its initial ("George Bush" and "G.
//     Bush" -> "George W. Bush"), or whose last words it is or has ("De
//     Vries" and "Pieter de Vries"), when that earlier entity is the only
//     such one. A one-word name joins the multi-word
//     person whose last or first word it is ("Netanyahu" -> "Benjamin
//     Netanyahu"): among those mentioned before it, or if none, among those
//     mentioned after it; only when exactly one matches. With two
//     candidates (two Smiths) it is not merged and one-word mentions with
//     the same key form their own entity ("Smith"). A word shared by more
//     than 16 people of the article is ambiguous wherever it appears
//     (bounds the work on adversarial text).
//  4. Acronyms: a one-word organization or location written in capitals
//     (2-6 letters, periods ignored: "IMF", "U.S.") joins the entity of the
//     same type whose words' initials, skipping "of", "and", "the", "for"
//     and the like, spell it ("International Monetary Fund", "United
//     States"), under the same earlier-first, unique-only rule.
//  5. Organizations: a one-word organization that is not an acronym joins
//     the multi-word organization whose first or last word it is
//     ("Northwind" -> "Northwind Airways", "Austral" -> "Aerolinea
//     Austral"), under the same earlier-first, unique-only rule. Locations
//     never do ("Korea" is not "South Korea").
// Canonical name (the fullest form): the mention with the most words,
// preferring one not in all capitals, then the earliest; its text with
// white space runs made one space. Entities are ordered by first mention,
// mentions by position.
//
// Thread-safety: AppendEntityMentions and MergeEntityMentions are pure
// functions; an EntityMentionMerger is used by one thread at a time. Cost:
// linear in the mentions plus, for each one-word person, organization or
// acronym, the candidate entities (hash lookups), plus sorting them.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "newsflow/article.h"

namespace newsflow {

// NerTagType values (tagging/ner_features.h).
enum class EntityType : uint8_t { kPerson = 1, kOrganization = 2, kLocation = 3, kMisc = 4 };

struct EntityMention {
  EntityType type = EntityType::kMisc;
  TextSpan span;             // bytes of the text
  std::string_view surface;  // the text of span
  std::string key;           // merging key (see above)
  uint32_t words = 0;        // words in the span
};

// Appends the mentions of one sentence: `words` (tagger forms, e.g.
// ArticleTokenizer::sentences()), their `spans` in `text` and IOB2 `tags`
// (NerTag values), all the same length (the shortest is used otherwise).
void AppendEntityMentions(std::string_view text, std::span<const std::string_view> words,
                          std::span<const TextSpan> spans, std::span<const uint8_t> tags,
                          std::vector<EntityMention>* out);

// Merges the mentions of one article (in text order, spans into `text`) into
// `out`, replacing its four lists. Locations get no country or coordinates.
void MergeEntityMentions(std::span<const EntityMention> mentions, Entities* out);

// MergeEntityMentions with its working memory (string tables, candidate
// lists) kept from one article to the next: after the first articles it
// allocates only the output.
class EntityMentionMerger {
 public:
  EntityMentionMerger();
  ~EntityMentionMerger();
  EntityMentionMerger(EntityMentionMerger&&) noexcept;
  EntityMentionMerger& operator=(EntityMentionMerger&&) noexcept;

  // The same as MergeEntityMentions.
  void Merge(std::span<const EntityMention> mentions, Entities* out);

 private:
  struct Scratch;
  std::unique_ptr<Scratch> scratch_;
};

}  // namespace newsflow
