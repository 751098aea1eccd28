// Throughput of the processing path on one core, without Kafka: the parse
// stage, text normalization, output serialization, and the whole chain as
// a worker runs it. Articles are generated (about 3 KB of plain text, or an
// HTML page of similar size); see docs/PERFORMANCE.md for figures.
#include <benchmark/benchmark.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "newsflow/build_info.h"
#include "newsflow/config.h"
#include "newsflow/metrics.h"
#include "newsflow/stage_registry.h"
#include "pipeline/json_lines_runner.h"
#include "pipeline/output_record.h"
#include "pipeline/stages/normalize_text_stage.h"
#include "pipeline/stages/parse_stage.h"

namespace newsflow {
namespace {

const char* const kWords[] = {
    "the",    "harbour", "board",   "approved", "a",     "plan",    "to",     "build",  "second",
    "berth",  "on",      "Tuesday", "after",    "years", "of",      "debate", "about",  "cost",
    "local",  "crews",   "said",    "work",     "would", "start",   "in",     "March",  "and",
    "finish", "within",  "thirty",  "months,",  "while", "traders", "expect", "prices", "to"};

std::string Paragraphs(std::mt19937& rng, size_t bytes, bool html) {
  std::string out;
  while (out.size() < bytes) {
    out += html ? "<p>" : "";
    for (int w = 0; w < 60; ++w) {
      out += kWords[rng() % std::size(kWords)];
      out += (w % 12 == 11) ? (html ? " " : "\n") : " ";
    }
    out += html ? "</p>\n" : ".\n\n";
  }
  return out;
}

std::vector<std::string> MakeRecords(size_t count, bool html) {
  std::mt19937 rng(7);
  std::vector<std::string> records;
  for (size_t i = 0; i < count; ++i) {
    std::string text = Paragraphs(rng, 3000, html);
    if (html)
      text = "<html><head><script>var x=1;</script></head><body><article>" + text +
             "</article><footer>Share this</footer></body></html>";
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    const std::string id = "bench-" + std::to_string(i);
    const std::string url = "https://example.org/a/" + std::to_string(i);
    w.StartObject();
    for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"id", &id},
                                     {"url", &url},
                                     {html ? "html" : "body", &text}}) {
      w.Key(key);
      w.String(value->data(), static_cast<rapidjson::SizeType>(value->size()));
    }
    w.Key("source");
    w.String("Bench Wire");
    w.Key("title");
    w.String("A headline");
    w.Key("published_at");
    w.String("2026-11-20T08:15:00Z");
    w.Key("section");
    w.String("business");
    w.EndObject();
    records.emplace_back(buffer.GetString(), buffer.GetSize());
  }
  return records;
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
  StageContext context{config};
  auto parse = MakeParseStage(context);
  auto normalize = MakeNormalizeTextStage(context);
  OutputRecordWriter writer(kVersion, kGitCommit);
  std::string out, error;
  for (auto _ : state) {
    for (const auto& r : records) {
      Article a;
      a.raw.value = r;
      a.raw.provenance = {"bench", 0, 1, 0};
      parse->Process(a);
      normalize->Process(a);
      if (!writer.Write(a, 0, &out, &error)) state.SkipWithError(error.c_str());
      benchmark::DoNotOptimize(out);
    }
  }
  SetThroughput(state, records);
}

// parse -> normalize_text -> serialize, as one worker runs it.
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
  Metrics metrics(std::make_shared<prometheus::Registry>(), {"parse", "normalize_text", "publish"});
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

BENCHMARK_MAIN();
