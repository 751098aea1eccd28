#include "evaluation/article_corpus.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "cleaning/text_normalize.h"
#include "evaluation/reuters_sgml.h"
#include "util/file_bytes.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;

bool HasSgmlFiles(const fs::path& dir) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".sgm") return true;
  }
  return false;
}

bool AddTextArticle(const fs::path& path, std::vector<std::string>* articles) {
  std::string raw;
  if (!ReadFileBytes(path, &raw)) return false;  // unreadable: skipped
  if (!IsValidUtf8(raw)) raw = RepairUtf8(raw).text;
  std::string text = NormalizeParagraphs(raw);
  if (CountWords(text) == 0) return false;
  articles->push_back(std::move(text));
  return true;
}

}  // namespace

void AddSgmlArticles(const std::string& sgml, std::vector<std::string>* articles) {
  for (const ReutersRecord& record : ParseReutersSgml(sgml)) {
    std::string text = NormalizePlainText(record.body);
    if (CountWords(text) > 0) articles->push_back(std::move(text));
  }
}

std::vector<std::string> LoadArticleCorpus(const std::string& corpus, size_t limit) {
  std::vector<fs::path> txt;
  std::vector<fs::path> sgml;
  std::map<fs::path, bool> sgml_directories;  // directory -> holds SGML files
  std::error_code error;
  if (fs::is_regular_file(corpus, error)) {
    (fs::path(corpus).extension() == ".sgm" ? sgml : txt).push_back(corpus);
  } else if (fs::is_directory(corpus, error)) {
    for (auto it = fs::recursive_directory_iterator(corpus, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (!it->is_regular_file(error)) continue;
      const fs::path& path = it->path();
      const std::string name = path.filename().string();
      if (path.extension() == ".sgm" && name.rfind("reut2-", 0) == 0) {
        sgml.push_back(path);
      } else if (path.extension() == ".txt") {
        auto [it_dir, inserted] = sgml_directories.try_emplace(path.parent_path(), false);
        if (inserted) it_dir->second = HasSgmlFiles(path.parent_path());
        if (!it_dir->second) txt.push_back(path);
      }
    }
  }
  std::sort(txt.begin(), txt.end());
  std::sort(sgml.begin(), sgml.end());
  std::vector<std::string> articles;
  for (const fs::path& path : txt) {
    if (limit != 0 && articles.size() >= limit) return articles;
    AddTextArticle(path, &articles);
  }
  for (const fs::path& path : sgml) {
    if (limit != 0 && articles.size() >= limit) break;
    std::string sgml;
    if (ReadFileBytes(path, &sgml)) AddSgmlArticles(sgml, &articles);  // unreadable: skipped
  }
  if (limit != 0 && articles.size() > limit) articles.resize(limit);
  return articles;
}

}  // namespace newsflow
