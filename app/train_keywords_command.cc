// `newsflow train keywords`: see app/keywords_commands.h.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "app/keywords_commands.h"
#include "evaluation/article_corpus.h"
#include "newsflow/shutdown.h"
#include "tagging/keyword_background.h"

namespace newsflow {

int TrainKeywordsCommand(const TrainKeywordsOptions& options) {
  if (options.inputs.empty() || options.output.empty()) {
    std::fprintf(stderr, "train keywords: --input and --output are required\n");
    return kExitConfigError;
  }
  if (options.min_df < 1) {
    std::fprintf(stderr, "train keywords: --min-df must be at least 1\n");
    return kExitConfigError;
  }
  const auto start = std::chrono::steady_clock::now();
  KeywordBackgroundBuilder builder(options.min_df);
  for (const std::string& input : options.inputs) {
    std::error_code ec;
    if (!std::filesystem::exists(input, ec)) {
      std::fprintf(stderr, "train keywords: %s: no such file or directory\n", input.c_str());
      return kExitConfigError;
    }
    const std::vector<std::string> articles = LoadArticleCorpus(input);
    if (articles.empty()) {
      std::fprintf(stderr, "train keywords: %s: no articles (*.txt or reut2-*.sgm)\n",
                   input.c_str());
      return kExitConfigError;
    }
    for (const std::string& article : articles) builder.AddDocument(article);
    std::fprintf(stderr, "train keywords: %s: %zu articles\n", input.c_str(), articles.size());
  }
  const auto background = builder.Build();
  std::string error;
  if (!background->Save(options.output, &error)) {
    std::fprintf(stderr, "train keywords: %s\n", error.c_str());
    return kExitRuntimeError;
  }
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(options.output, ec);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr,
               "train keywords: %u documents, %zu distinct terms, %zu kept (df >= %u), %s %ju "
               "bytes, %.1f s\n",
               builder.documents(), builder.distinct_terms(), background->size(), options.min_df,
               options.output.c_str(), static_cast<uintmax_t>(ec ? 0 : bytes), seconds);
  return kExitOk;
}

}  // namespace newsflow
