// `newsflow train keywords` (background statistics of the keyword tagger,
// tagging/keyword_background.h). Returns a process exit code
// (newsflow/shutdown.h): 0 on success, 2 for bad arguments or inputs without
// articles, 1 when the output cannot be written.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace newsflow {

struct TrainKeywordsOptions {
  // Files or directories of articles, read as evaluation/article_corpus.h
  // says (*.txt one article each, Reuters-21578 reut2-*.sgm one per <BODY>).
  std::vector<std::string> inputs;
  std::string output;   // background file to write
  uint32_t min_df = 3;  // keep terms seen in at least this many documents
};

// `newsflow train keywords --input PATH... --output FILE [--min-df N]`:
// counts the document frequency of every candidate term of every article
// and writes the terms seen in at least min_df documents. Prints a one-line
// summary (documents, distinct and kept terms, file size, seconds) on
// stderr.
int TrainKeywordsCommand(const TrainKeywordsOptions& options);

}  // namespace newsflow
