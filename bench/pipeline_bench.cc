// Throughput of the processing path on one core, without Kafka: the parse
// stage, the default stage chain with output serialization as a worker runs
// it, and the offline runner. Articles are generated (bench/bench_articles.h:
// about 3 KB of plain text, or an HTML page of similar size); see
// docs/PERFORMANCE.md for figures.
#include <benchmark/benchmark.h>

#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_articles.h"

#include "newsflow/build_info.h"
#include "newsflow/config.h"
#include "newsflow/metrics.h"
#include "newsflow/stage_registry.h"
#include "pipeline/json_lines_runner.h"
#include "pipeline/output_record.h"
#include "pipeline/stages/parse_stage.h"

namespace newsflow {
namespace {

std::vector<std::string> MakeRecords(size_t count, bool html) {
  return GeneratedRecords(count, html);
}

void SetThroughput(benchmark::State& state, const std::vector<std::string>& records) {
  int64_t bytes = 0;
  for (const auto& r : records) bytes += static_cast<int64_t>(r.size());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(records.size()));
  state.SetBytesProcessed(state.iterations() * bytes);
}

void BM_ParseStage(benchmark::State& state) {
  const auto records = MakeRecords(256, false);
  Config config;
  ParseStage stage(config);
  for (auto _ : state) {
    for (const auto& r : records) {
      Article a;
      a.raw.value = r;
      benchmark::DoNotOptimize(stage.Process(a));
    }
  }
  SetThroughput(state, records);
}
BENCHMARK(BM_ParseStage);

void RunChain(benchmark::State& state, bool html) {
  const auto records = MakeRecords(256, html);
  Config config;
  StageRegistry registry;
  RegisterBuiltinStages(registry);
  std::string unknown;
  const auto stages = registry.CreateChain(config.pipeline.stages, StageContext{config}, &unknown);
  OutputRecordWriter writer(kVersion, kGitCommit);
  std::string out, error;
  for (auto _ : state) {
    for (const auto& r : records) {
      Article a;
      a.raw.value = r;
      a.raw.provenance = {"bench", 0, 1, 0};
      for (const auto& stage : stages) stage->Process(a);
      if (!writer.Write(a, 0, &out, &error)) state.SkipWithError(error.c_str());
      benchmark::DoNotOptimize(out);
    }
  }
  SetThroughput(state, records);
}

// The default stages (config pipeline.stages) -> serialize, as one worker runs it.
void BM_ChainPlainText(benchmark::State& state) { RunChain(state, false); }
BENCHMARK(BM_ChainPlainText);
void BM_ChainHtml(benchmark::State& state) { RunChain(state, true); }
BENCHMARK(BM_ChainHtml);

// The offline runner end to end with N workers (includes the reorder buffer).
void BM_JsonLinesRunner(benchmark::State& state) {
  const auto records = MakeRecords(2000, false);
  std::string input;
  for (const auto& r : records) input += r + "\n";
  Config config;
  config.pipeline.workers = static_cast<int>(state.range(0));
  StageRegistry registry;
  RegisterBuiltinStages(registry);
  std::vector<std::string> metric_stages = config.pipeline.stages;
  metric_stages.push_back("publish");
  Metrics metrics(std::make_shared<prometheus::Registry>(), metric_stages);
  for (auto _ : state) {
    std::istringstream in(input);
    std::ostringstream out;
    JsonLinesSummary summary;
    std::string error;
    if (!RunJsonLines(config, registry, metrics, "bench", in, out, nullptr, &summary, &error)) {
      state.SkipWithError(error.c_str());
    }
  }
  SetThroughput(state, records);
}
BENCHMARK(BM_JsonLinesRunner)->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace newsflow
