// Throughput of the cleaning stages on one core (normalize_text, lead,
// boilerplate, residue_repair), on plain-text bodies and on HTML pages.
//
// Inputs: by default generated articles (bench/bench_articles.h). Real
// corpora can be given through environment variables, so the figures in
// docs/PERFORMANCE.md are measured on real text:
//   NEWSFLOW_BENCH_TEXT_DIR  directory tree of plain-text articles (*.txt)
//   NEWSFLOW_BENCH_HTML_DIR  directory tree of web pages (*/source.html, else *.html)
// Bytes counted are the body or HTML bytes given to the stages.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_articles.h"
#include "newsflow/config.h"
#include "newsflow/stage_registry.h"

namespace newsflow {
namespace {

const std::vector<std::string>& Corpus(bool html) {
  static const std::vector<std::string> text = [] {
    const char* dir = std::getenv("NEWSFLOW_BENCH_TEXT_DIR");
    std::vector<std::string> files =
        dir ? ReadCorpus(dir, {".txt"}, 5000) : std::vector<std::string>{};
    return files.empty() ? GeneratedBodies(256, false) : files;
  }();
  static const std::vector<std::string> pages = [] {
    const char* dir = std::getenv("NEWSFLOW_BENCH_HTML_DIR");
    // An evaluation set (<page>/source.html + expected.html): only the sources.
    std::vector<std::string> files =
        dir ? ReadCorpus(dir, {"source.html"}, 5000) : std::vector<std::string>{};
    if (dir && files.empty()) files = ReadCorpus(dir, {".html", ".htm"}, 5000);
    return files.empty() ? GeneratedBodies(256, true) : files;
  }();
  return html ? pages : text;
}

void RunCleaning(benchmark::State& state, bool html) {
  const std::vector<std::string>& corpus = Corpus(html);
  Config config;
  StageRegistry registry;
  RegisterBuiltinStages(registry);
  std::string unknown;
  const std::vector<std::unique_ptr<Stage>> stages = registry.CreateChain(
      {"normalize_text", "lead", "boilerplate", "residue_repair"}, StageContext{config}, &unknown);
  if (stages.empty()) state.SkipWithError(("unknown stage " + unknown).c_str());
  int64_t bytes = 0;
  for (const std::string& body : corpus) bytes += static_cast<int64_t>(body.size());
  for (auto _ : state) {
    for (const std::string& body : corpus) {
      Article article;
      (html ? article.html : article.body) = body;
      for (const auto& stage : stages) {
        if (stage->Process(article).outcome != Outcome::kPass) break;
      }
      benchmark::DoNotOptimize(article.text);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus.size()));
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["articles"] = static_cast<double>(corpus.size());
}

void BM_CleanPlainText(benchmark::State& state) { RunCleaning(state, false); }
BENCHMARK(BM_CleanPlainText)->Unit(benchmark::kMillisecond);
void BM_CleanHtml(benchmark::State& state) { RunCleaning(state, true); }
BENCHMARK(BM_CleanHtml)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace newsflow
