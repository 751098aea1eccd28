// Throughput of the tagging stages on one core, each alone and all together
// in the default order, on articles already cleaned (text, language).
//
// Inputs: by default generated articles (bench/bench_articles.h: word salad,
// which has few entities, dates or amounts, so it understates the taggers'
// work); the figures in docs/PERFORMANCE.md use real articles given through
//   NEWSFLOW_BENCH_TEXT_DIR  directory tree of plain-text articles (*.txt)
// The first line of each file is taken as the title.
//   NEWSFLOW_BENCH_TEXT_BYTES  MIN-MAX: keep only articles whose cleaned text
//                              has MIN to MAX bytes (e.g. 2560-3583 for the
//                              ~3 KB articles of the speed target)
//   NEWSFLOW_BENCH_SKIP        NAME: BM_AllTaggers without that tagger (its
//                              cost in the chain is the difference, more
//                              than alone: the taggers evict each other's
//                              tables from the caches)
//   NEWSFLOW_BENCH_ITERATIONS  N: exactly N passes over the articles instead
//                              of as many as the time allows, for counting
//                              instructions (docs/PERFORMANCE.md: run with
//                              N = 1 and N = 3 under cachegrind and take the
//                              difference)
// Models and tables are
// the configured defaults (found as util/data_path.h explains). A tagger
// whose stage is not registered, or whose model does not load, is reported
// as an error for that benchmark only.
//
// Bytes counted are the cleaned text's. Each tagger runs on the output of
// the whole chain (so `places` sees the entities), with its own fields
// overwritten on every run. Two parts whose cost docs/PERFORMANCE.md quotes
// on their own run on the same texts: the article tokenizer of `entities`
// (BM_ArticleTokenizer) and the text normalization of `topics`
// (BM_TopicNormalization).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "bench/bench_articles.h"
#include "newsflow/config.h"
#include "newsflow/stage_registry.h"
#include "tagging/article_tokenizer.h"
#include "tagging/topic_classifier.h"

namespace newsflow {
namespace {

// The taggers of the default chain, in order, plus `topics`.
const std::vector<std::string> kTaggers = {"language", "near_duplicates", "entities", "places",
                                           "topics",   "keywords",        "dates",    "amounts"};

constexpr int64_t kPublishedAtMs = 1420675200000;  // 2015-01-08, for date resolution

std::vector<std::unique_ptr<Stage>> Chain(const std::vector<std::string>& names,
                                          std::string* error) {
  static const Config config;
  StageRegistry registry;
  RegisterBuiltinStages(registry);
  try {
    std::string unknown;
    auto chain = registry.CreateChain(names, StageContext{config}, &unknown);
    if (chain.empty()) *error = "unknown stage " + unknown;
    return chain;
  } catch (const std::exception& e) {
    *error = e.what();
    return {};
  }
}

// Cleaned articles with every registered tagger applied once.
const std::vector<Article>& TaggedArticles() {
  static const std::vector<Article> articles = [] {
    const char* dir = std::getenv("NEWSFLOW_BENCH_TEXT_DIR");
    std::vector<std::string> files =
        dir ? ReadCorpus(dir, {".txt"}, 5000) : std::vector<std::string>{};
    if (files.empty()) files = GeneratedBodies(256, false);
    std::vector<std::string> names = {"normalize_text", "lead", "boilerplate", "residue_repair"};
    std::string error;
    for (const std::string& tagger : kTaggers) {
      if (!Chain({tagger}, &error).empty()) names.push_back(tagger);
    }
    const auto chain = Chain(names, &error);
    size_t min_bytes = 0;
    size_t max_bytes = SIZE_MAX;
    if (const char* range = std::getenv("NEWSFLOW_BENCH_TEXT_BYTES")) {
      std::sscanf(range, "%zu-%zu", &min_bytes, &max_bytes);
    }
    std::vector<Article> out;
    for (const std::string& file : files) {
      Article article;
      const size_t title_end = file.find('\n');
      article.title = file.substr(0, title_end);
      article.body = title_end == std::string::npos ? file : file.substr(title_end + 1);
      article.published_at_ms = kPublishedAtMs;
      bool passed = true;
      for (const auto& stage : chain) {
        if (stage->Process(article).outcome != Outcome::kPass) {
          passed = false;
          break;
        }
      }
      if (passed && article.text.size() >= min_bytes && article.text.size() <= max_bytes) {
        out.push_back(std::move(article));
      }
    }
    return out;
  }();
  return articles;
}

// NEWSFLOW_BENCH_ITERATIONS, when set to a positive number.
void ApplyFixedIterations(benchmark::internal::Benchmark* benchmark) {
  if (const char* value = std::getenv("NEWSFLOW_BENCH_ITERATIONS")) {
    const long long iterations = std::atoll(value);
    if (iterations > 0) benchmark->Iterations(iterations);
  }
}

int64_t TextBytes(const std::vector<Article>& articles) {
  int64_t bytes = 0;
  for (const Article& article : articles) bytes += static_cast<int64_t>(article.text.size());
  return bytes;
}

void RunTaggers(benchmark::State& state, const std::vector<std::string>& names) {
  std::string error;
  const auto chain = Chain(names, &error);
  if (chain.empty()) {
    state.SkipWithError(error.c_str());
    return;
  }
  std::vector<Article> articles = TaggedArticles();
  const int64_t bytes = TextBytes(articles);
  for (auto _ : state) {
    for (Article& article : articles) {
      article.skipped_taggers.clear();
      for (const auto& stage : chain) benchmark::DoNotOptimize(stage->Process(article));
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(articles.size()));
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["articles"] = static_cast<double>(articles.size());
  state.counters["avg_bytes"] =
      articles.empty() ? 0.0 : static_cast<double>(bytes) / static_cast<double>(articles.size());
}

void BM_ArticleTokenizer(benchmark::State& state) {
  const std::vector<Article>& articles = TaggedArticles();
  ArticleTokenizer tokenizer;
  for (auto _ : state) {
    for (const Article& article : articles) {
      tokenizer.Tokenize(article.text);
      benchmark::DoNotOptimize(tokenizer.sentence_count());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(articles.size()));
  state.SetBytesProcessed(state.iterations() * TextBytes(articles));
}
BENCHMARK(BM_ArticleTokenizer)->Unit(benchmark::kMicrosecond)->Apply(ApplyFixedIterations);

void BM_TopicNormalization(benchmark::State& state) {
  const std::vector<Article>& articles = TaggedArticles();
  std::string normalized;
  for (auto _ : state) {
    for (const Article& article : articles) {
      normalized.clear();
      AppendNormalizedTopicText(article.text, &normalized);
      benchmark::DoNotOptimize(normalized.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(articles.size()));
  state.SetBytesProcessed(state.iterations() * TextBytes(articles));
}
BENCHMARK(BM_TopicNormalization)->Unit(benchmark::kMicrosecond)->Apply(ApplyFixedIterations);

const bool kRegistered = [] {
  for (const std::string& tagger : kTaggers) {
    benchmark::RegisterBenchmark(("BM_Tagger/" + tagger).c_str(),
                                 [tagger](benchmark::State& state) { RunTaggers(state, {tagger}); })
        ->Unit(benchmark::kMicrosecond)
        ->Apply(ApplyFixedIterations);
  }
  benchmark::RegisterBenchmark("BM_AllTaggers",
                               [](benchmark::State& state) {
                                 const char* skip = std::getenv("NEWSFLOW_BENCH_SKIP");
                                 std::vector<std::string> names;
                                 for (const std::string& tagger : kTaggers) {
                                   if (skip == nullptr || tagger != skip) names.push_back(tagger);
                                 }
                                 RunTaggers(state, names);
                               })
      ->Unit(benchmark::kMicrosecond)
      ->Apply(ApplyFixedIterations);
  return true;
}();

}  // namespace
}  // namespace newsflow
