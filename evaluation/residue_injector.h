// Deterministic injection of flattened copy-editing residue into clean text,
// to measure cleaning/residue_repair.h. Each injection models how a tracked
// change looks once old and new text are both kept:
//
//   stray_letter       a sentence start whose preceding opening was deleted:
//                      "<old opening>, t The …", or "t The …" alone; a clause
//                      start that lost its capital: "…, S since …".
//   doubled_initial    old and new initial glued: "according" -> "Aaccording",
//                      sentence start "The" -> "tThe".
//   duplicate_clause   a trailing clause moved from the sentence start to its
//                      end, with both copies kept: "P, c." becomes
//                      "C, p P., Cc. , p" (variants: "," for "., ", "C c" for
//                      "Cc", no tail, no "p " stray initial).
//   replaced_word      a closed-class word replaced by another, both kept:
//                      "about 5" -> "some about 5", "a" -> "its a",
//                      "would" -> "will would" (a closed list of edits).
//   orphan_punctuation "word, next" -> "word., next" or "word , next";
//                      "end." -> "end,." or (paragraph end) "end. , t".
//
// At most one injection per paragraph, so an injection can be judged by its
// paragraph alone. Paragraphs are separated by "\n\n" (normalized text) and
// the paragraph structure is unchanged by injection.
//
// Thread-safety: pure function; the same clean text and seed always give the
// same result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {

struct ResidueInjectorOptions {
  uint64_t seed = 1;
  double paragraph_rate = 0.6;  // share of paragraphs that get an injection
};

struct ResidueInjection {
  std::string kind;      // one of ResidueKinds()
  size_t paragraph = 0;  // index of the paragraph it is in
  // Byte ranges inside that paragraph: [clean_begin, clean_end) of the clean
  // paragraph was replaced by [begin, end) of the injected paragraph.
  size_t clean_begin = 0;
  size_t clean_end = 0;
  size_t begin = 0;
  size_t end = 0;
};

struct InjectedText {
  std::string text;
  std::vector<ResidueInjection> injections;  // in paragraph order
};

// The injected kinds, in report order.
const std::vector<std::string>& ResidueKinds();

InjectedText InjectResidue(std::string_view clean, const ResidueInjectorOptions& options);

// The paragraphs of `text`, split at each "\n\n" as InjectResidue numbers
// them (ResidueInjection::paragraph): n separators give n + 1 paragraphs, so
// empty text is one empty paragraph. Views into `text`.
std::vector<std::string_view> SplitParagraphs(std::string_view text);

}  // namespace newsflow
