// `newsflow eval html`: see app/commands.h. Each subdirectory of the pages
// directory holding source.html and expected.html is one page; the expected
// text is HtmlToText(expected.html), scored with word 4-gram shingles
// (evaluation/shingle_score.h). Metadata is scored against
// expected-metadata.json when present.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>
#include <vector>

#include "app/commands.h"
#include "cleaning/html_document.h"
#include "cleaning/html_metadata.h"
#include "cleaning/html_text.h"
#include "cleaning/main_content.h"
#include "evaluation/html_metadata_eval.h"
#include "evaluation/shingle_score.h"
#include "util/file_bytes.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;

struct PageResult {
  std::string name;
  ShinglePageScore score;
};

}  // namespace

int EvalHtmlCommand(const EvalHtmlOptions& options) {
  std::vector<fs::path> pages;
  std::error_code error;
  if (fs::is_directory(options.pages, error)) {
    for (const fs::directory_entry& entry : fs::directory_iterator(options.pages, error)) {
      if (!entry.is_directory(error)) continue;
      if (fs::is_regular_file(entry.path() / "source.html", error) &&
          fs::is_regular_file(entry.path() / "expected.html", error)) {
        pages.push_back(entry.path());
      }
    }
  }
  if (pages.empty()) {
    std::cerr << "newsflow eval html: skipped: no pages in " << options.pages << "\n";
    return 0;
  }
  std::sort(pages.begin(), pages.end());

  ShingleCorpusScore corpus;
  MetadataEvaluator metadata_evaluator;
  std::vector<PageResult> results;
  size_t source_bytes = 0;
  std::chrono::steady_clock::duration parse_time{};
  std::chrono::steady_clock::duration extraction_time{};  // parse included
  for (const fs::path& page : pages) {
    std::string source;
    std::string expected_html;
    if (!ReadFileBytes(page / "source.html", &source) ||
        !ReadFileBytes(page / "expected.html", &expected_html)) {
      std::cerr << "newsflow eval html: cannot read " << page.string() << "\n";
      return 1;
    }
    const auto start = std::chrono::steady_clock::now();
    HtmlDocument document;
    document.Parse(source);
    const auto parsed = std::chrono::steady_clock::now();
    const std::string ours = ExtractMainContent(document);
    const auto extracted = std::chrono::steady_clock::now();
    parse_time += parsed - start;
    extraction_time += extracted - start;
    source_bytes += source.size();

    const std::string expected = HtmlToText(expected_html);
    results.push_back({page.filename().string(), corpus.Add(ours, expected)});

    const fs::path metadata_path = page / "expected-metadata.json";
    if (fs::exists(metadata_path, error)) {
      std::string expected_json;
      if (!ReadFileBytes(metadata_path, &expected_json)) {
        std::cerr << "newsflow eval html: cannot read " << metadata_path.string() << "\n";
        return 1;
      }
      std::string json_error;
      if (!metadata_evaluator.AddPage(ExtractHtmlMetadata(document), expected_json, &json_error)) {
        std::cerr << "newsflow eval html: " << metadata_path.string() << ": " << json_error << "\n";
      }
    }
  }

  if (options.per_page) {
    std::vector<PageResult> sorted = results;
    std::stable_sort(sorted.begin(), sorted.end(), [](const PageResult& a, const PageResult& b) {
      const double fa = a.score.precision + a.score.recall;
      const double fb = b.score.precision + b.score.recall;
      const double f1a = fa == 0 ? 0 : 2 * a.score.precision * a.score.recall / fa;
      const double f1b = fb == 0 ? 0 : 2 * b.score.precision * b.score.recall / fb;
      return f1a < f1b;
    });
    std::printf("%-48s %9s %9s\n", "page (worst first)", "precision", "recall");
    for (const PageResult& r : sorted) {
      std::printf("%-48s %9.4f %9.4f\n", r.name.c_str(), r.score.precision, r.score.recall);
    }
    std::printf("\n");
  }

  const double seconds = std::chrono::duration<double>(extraction_time).count();
  const double parse_seconds = std::chrono::duration<double>(parse_time).count();
  const double megabytes = static_cast<double>(source_bytes) / 1e6;
  std::printf("pages:     %zu\n", corpus.pages());
  std::printf("precision: %.4f (mean over pages, word 4-gram shingles)\n", corpus.mean_precision());
  std::printf("recall:    %.4f\n", corpus.mean_recall());
  std::printf("F1:        %.4f\n", corpus.f1());
  std::printf(
      "speed:     %.1f MB/s (parse + main content, %.1f MB in %.3f s, one thread; "
      "parse alone %.1f MB/s)\n",
      seconds > 0 ? megabytes / seconds : 0.0, megabytes, seconds,
      parse_seconds > 0 ? megabytes / parse_seconds : 0.0);

  std::printf("\nmetadata:\n%-16s %9s %9s\n", "field", "correct", "accuracy");
  for (const MetadataFieldScore& field : metadata_evaluator.Scores()) {
    const double accuracy = field.compared == 0 ? 0.0
                                                : static_cast<double>(field.correct) /
                                                      static_cast<double>(field.compared);
    std::printf("%-16s %4lld/%-4lld %9.4f\n", field.field.c_str(),
                static_cast<long long>(field.correct), static_cast<long long>(field.compared),
                accuracy);
  }
  return 0;
}

}  // namespace newsflow
