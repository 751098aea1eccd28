// Inputs for the benchmarks: generated articles, or a real corpus read from
// disk (a directory given by the person running the benchmark).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace newsflow {

// `count` generated bodies of about 3 KB: plain text with hard-wrapped
// paragraphs, or an HTML page (head with a script, navigation, the article,
// an aside and a footer). Deterministic.
std::vector<std::string> GeneratedBodies(size_t count, bool html);

// `count` JSON input records whose `body` (or `html`) is a generated body,
// with id, url, source, title, published_at and one unknown field.
std::vector<std::string> GeneratedRecords(size_t count, bool html);

// Up to `limit` files under `dir` (recursively, sorted by path) whose name
// ends with one of `suffixes`, read whole. Empty if `dir` cannot be read.
std::vector<std::string> ReadCorpus(const std::string& dir,
                                    const std::vector<std::string>& suffixes, size_t limit);

}  // namespace newsflow
