// Repair of flattened copy-editing residue in plain text.
//
// Some newsroom systems export an edited article with its tracked changes
// flattened: deleted and inserted text are both kept. The traces are
// recognizable because they are ungrammatical in a narrow, mechanical way.
// Rules run in this order over each paragraph; each change is one Repair:
//
//   replaced_word      two bare lowercase closed-class words that cannot be
//                      adjacent; the first is the replaced one and goes:
//                      article/possessive + article/possessive/demonstrative
//                      ("its a", "the its", "a the"; not "the a priori", not
//                      "its" after "think", "says", "whether" … where it is
//                      the misspelt "it's"), approximator + approximator
//                      before a number ("some about $4.7"; never a preposition
//                      first: "worried about some 500 jobs"), modal + modal
//                      ("will would").
//   stray_letter       a lone letter before a word starting with the same
//                      letter in the other case, at a clause start (paragraph
//                      start or after , ; : . ! ?): "…, S since" -> "…,
//                      since". A lowercase stray needs a common word after it
//                      ("t The", not "a Audi"); an uppercase one a lowercase
//                      word ("I" only before words a pronoun cannot precede,
//                      or when the text has no other "I"); never before a name
//                      particle ("D dal Maso") or in "A and P".
//                      A lowercase stray after "<opening>, " means the
//                      sentence start moved: the old opening, from the
//                      sentence start (at most 25 tokens back, never across a
//                      period that may be an abbreviation) through the stray,
//                      is deleted too.
//   duplicate_clause   that deleted opening when its words occur again later
//                      in the paragraph (the clause was moved; the later,
//                      edited copy is kept).
//   doubled_initial    old and new initial glued: "tThe" -> "The" (may delete
//                      an old opening as above), "Aaccording" -> "according".
//                      For "Xx…" the remainder must be a function word or a
//                      word the text uses in lowercase (or capitalized, right
//                      after a comma), or, for letters other than a e i o l f
//                      (which start real names: Aaron, Oona, Lloyd, Ffion),
//                      any lowercase word of 3+ letters the text does not use
//                      capitalized-doubled again; a e i o l f also qualify
//                      after orphan punctuation or with an English ending
//                      (-ing, -ed, -tion, …).
//   orphan_punctuation punctuation left by deletions: "word., next" (not
//                      after abbreviations: "Inc.,", "U.S.,", "Tex.,",
//                      "D-IL.,"), "end. , t" and "end. , Next", "word,.",
//                      "word,,", "word , next", "word ." at paragraph end, and
//                      "word, t" at paragraph end (becomes "word.").
//
// Conservative on clean text: real names ("Aaron", "Lloyd", "Ooh"), the
// pronoun "I", the article "a", initials ("A. B. Smith", "U.S."), list
// markers ("a)"), ellipses (". . .") and numbers are left alone. Only ASCII
// letters take part in the rules; other scripts pass through untouched.
//
// Cost: one pass over each paragraph decides whether it can hold residue at
// all (an impossible pair, a lone letter before its other case, a doubled
// initial, a comma next to a period/comma/space); paragraphs that cannot are
// copied unchanged, so clean text goes at a few hundred MB/s. Work on a
// suspect paragraph is linear in its length (look-backs and look-aheads are
// bounded).
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "newsflow/article.h"

namespace newsflow {

struct ResidueRepairResult {
  std::string text;
  // One per change, in the order the rules applied them (rules run one after
  // another over each paragraph; paragraphs in text order). `before`/`after`
  // are excerpts of about 40 bytes around the change.
  std::vector<Repair> repairs;
};

// `text` is normalized paragraphs (paragraphs separated by "\n\n", as made by
// NormalizeParagraphs). Paragraph structure is kept: the result has the same
// number of paragraphs. Input without residue comes back unchanged.
ResidueRepairResult RepairCopyEditResidue(std::string_view text);

// A token of one normalized paragraph: bytes [begin, end), never empty.
struct ParagraphToken {
  size_t begin;
  size_t end;
};

// The tokens of `paragraph` separated by runs of ' ' (the only separator
// NormalizeParagraphs leaves inside a paragraph), in order. The unit the
// repair rules (and evaluation/residue_injector.h, which imitates what they
// undo) count and edit in.
std::vector<ParagraphToken> TokenizeParagraph(std::string_view paragraph);

}  // namespace newsflow
