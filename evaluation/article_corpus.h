// Plain-text article corpora on disk, for the training and evaluation
// commands: directories of *.txt files (one article per file, e.g. the BBC
// corpus) and Reuters-21578 SGML files (reut2-*.sgm, one article per <BODY>).
//
// Rules:
//   - A directory is walked recursively; a file is read as it is (a *.txt
//     article or a *.sgm collection). Order is stable: *.txt files sorted by
//     path, then *.sgm files sorted by path.
//   - *.txt files in a directory that also holds *.sgm files are the
//     collection's documentation (category lists), not articles: skipped.
//   - A *.txt file is repaired to valid UTF-8 when needed and normalized with
//     NormalizeParagraphs (cleaning/text_normalize.h).
//   - SGML bodies as evaluation/reuters_sgml.h decodes them (Latin-1 to
//     UTF-8, entities, the wire's "Reuter" sign-off cut), then
//     NormalizePlainText.
//   - Articles without a word (CountWords) are skipped.
//
// Thread-safety: reentrant (reads the file system only).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace newsflow {

// The articles under `path` (a directory, a .txt or a .sgm file), at most
// `limit` of them (0: all). Returns an empty vector when `path` does not
// exist or holds no article; unreadable files are skipped.
std::vector<std::string> LoadArticleCorpus(const std::string& path, size_t limit = 0);

// The article bodies of one SGML collection (Reuters-21578 reut2-*.sgm
// content), appended to *articles.
void AddSgmlArticles(const std::string& sgml, std::vector<std::string>* articles);

}  // namespace newsflow
