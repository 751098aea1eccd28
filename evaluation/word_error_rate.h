// Word error rate: word-level Levenshtein distance between a reference and a
// hypothesis text, over whitespace-separated tokens (punctuation stays part
// of its word, so "end." and "end" differ).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace newsflow {

// Whitespace-separated tokens of `text` (ASCII whitespace).
std::vector<std::string_view> SplitWords(std::string_view text);

// Minimum number of word substitutions, deletions and insertions turning
// `reference` into `hypothesis`. A common prefix and suffix are skipped first,
// so texts that differ in a few places cost time linear in their length plus
// the product of the differing stretches (quadratic only in those).
int64_t WordEditDistance(std::string_view reference, std::string_view hypothesis);

// WordEditDistance / number of reference words; 0 when both are empty, 1 per
// hypothesis word when only the reference is empty.
double WordErrorRate(std::string_view reference, std::string_view hypothesis);

}  // namespace newsflow
