// `newsflow eval residue`: see app/commands.h. Clean articles come from a
// directory tree: *.txt files (one article each) and Reuters-21578 SGML files
// (reut2-*.sgm, one article per <BODY>).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "app/commands.h"
#include "cleaning/residue_repair.h"
#include "evaluation/article_corpus.h"
#include "evaluation/residue_injector.h"
#include "evaluation/word_error_rate.h"

namespace newsflow {
namespace {

constexpr size_t kExamplesPerKind = 5;
constexpr size_t kFalseChangeExamples = 30;
constexpr size_t kExcerptRadius = 60;

// Whether the clean region [begin, end) of `clean` reads the same in
// `repaired`: the stretch where the two differ (after their common prefix
// and suffix) must not touch it.
bool RegionRestored(std::string_view clean, std::string_view repaired, size_t begin, size_t end) {
  if (clean == repaired) return true;
  size_t prefix = 0;
  const size_t shorter = std::min(clean.size(), repaired.size());
  while (prefix < shorter && clean[prefix] == repaired[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < shorter - prefix &&
         clean[clean.size() - 1 - suffix] == repaired[repaired.size() - 1 - suffix]) {
    ++suffix;
  }
  const size_t diff_begin = prefix;
  const size_t diff_end = clean.size() - suffix;
  return diff_begin > end || diff_end < begin;
}

std::string Excerpt(std::string_view text, size_t begin, size_t end) {
  size_t from = begin > kExcerptRadius ? begin - kExcerptRadius : 0;
  size_t to = std::min(text.size(), end + kExcerptRadius);
  while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
  while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
  return std::string(text.substr(from, to - from));
}

struct KindStats {
  int64_t injected = 0;
  int64_t repaired = 0;
  std::vector<std::string> misses;
};

double Percent(int64_t part, int64_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

int EvalResidueCommand(const EvalResidueOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const std::vector<std::string> articles = LoadArticleCorpus(options.corpus, options.limit);
  if (articles.empty()) {
    std::cerr << "newsflow eval residue: skipped: no articles in " << options.corpus << "\n";
    return 0;
  }

  std::map<std::string, KindStats> stats;
  for (const std::string& kind : ResidueKinds()) stats[kind];
  std::map<std::string, int64_t> false_changes;
  std::vector<std::string> false_examples;
  int64_t words = 0;
  int64_t clean_edits = 0;
  int64_t articles_changed = 0;
  int64_t clean_bytes = 0;
  double clean_repair_seconds = 0;
  uint64_t article_index = 0;

  for (const std::string& clean : articles) {
    ++article_index;
    const std::vector<std::string_view> clean_words = SplitWords(clean);
    words += static_cast<int64_t>(clean_words.size());

    // False changes: the repair run on clean text.
    const auto repair_started = std::chrono::steady_clock::now();
    const ResidueRepairResult on_clean = RepairCopyEditResidue(clean);
    clean_repair_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - repair_started).count();
    clean_bytes += static_cast<int64_t>(clean.size());
    if (on_clean.text != clean) {
      ++articles_changed;
      clean_edits += WordEditDistance(clean, on_clean.text);
    }
    for (const Repair& repair : on_clean.repairs) {
      ++false_changes[repair.kind];
      if (options.examples && false_examples.size() < kFalseChangeExamples) {
        false_examples.push_back(repair.kind + ": " + repair.before + "  =>  " + repair.after);
      }
    }

    // Injected residue.
    ResidueInjectorOptions injector_options;
    injector_options.seed = options.seed * 0x9E3779B97F4A7C15ULL + article_index;
    const InjectedText injected = InjectResidue(clean, injector_options);
    const ResidueRepairResult repaired = RepairCopyEditResidue(injected.text);
    const std::vector<std::string_view> clean_paragraphs = SplitParagraphs(clean);
    const std::vector<std::string_view> repaired_paragraphs = SplitParagraphs(repaired.text);
    const std::vector<std::string_view> injected_paragraphs = SplitParagraphs(injected.text);
    for (const ResidueInjection& injection : injected.injections) {
      KindStats& kind = stats[injection.kind];
      ++kind.injected;
      const bool aligned = clean_paragraphs.size() == repaired_paragraphs.size();
      const bool ok = aligned && RegionRestored(clean_paragraphs[injection.paragraph],
                                                repaired_paragraphs[injection.paragraph],
                                                injection.clean_begin, injection.clean_end);
      if (ok) {
        ++kind.repaired;
      } else if (options.examples && kind.misses.size() < kExamplesPerKind) {
        std::string miss =
            "  injected: " +
            Excerpt(injected_paragraphs[injection.paragraph], injection.begin, injection.end) +
            "\n  clean:    " +
            Excerpt(clean_paragraphs[injection.paragraph], injection.clean_begin,
                    injection.clean_end);
        if (aligned) {
          miss += "\n  repaired: " + Excerpt(repaired_paragraphs[injection.paragraph],
                                             injection.clean_begin, injection.clean_end);
        }
        kind.misses.push_back(std::move(miss));
      }
    }
  }

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("newsflow eval residue: %s (seed %llu)\n", options.corpus.c_str(),
              static_cast<unsigned long long>(options.seed));
  std::printf("articles %zu, words %lld\n", articles.size(), static_cast<long long>(words));
  std::printf("\ninjected residue (repaired: the region reads exactly as the clean text)\n");
  std::printf("  %-20s %9s %9s %8s\n", "kind", "injected", "repaired", "share");
  int64_t all_injected = 0;
  int64_t all_repaired = 0;
  for (const std::string& name : ResidueKinds()) {
    const KindStats& kind = stats[name];
    all_injected += kind.injected;
    all_repaired += kind.repaired;
    std::printf("  %-20s %9lld %9lld %7.2f%%\n", name.c_str(),
                static_cast<long long>(kind.injected), static_cast<long long>(kind.repaired),
                Percent(kind.repaired, kind.injected));
  }
  std::printf("  %-20s %9lld %9lld %7.2f%%\n", "all", static_cast<long long>(all_injected),
              static_cast<long long>(all_repaired), Percent(all_repaired, all_injected));
  std::printf(
      "\nclean text: word error rate introduced %.4f%% (%lld word edits / %lld words), "
      "%lld articles changed\n",
      Percent(clean_edits, words), static_cast<long long>(clean_edits),
      static_cast<long long>(words), static_cast<long long>(articles_changed));
  std::printf("  repairs on clean text:");
  for (const std::string& name : ResidueKinds()) {
    std::printf(" %s %lld", name.c_str(), static_cast<long long>(false_changes[name]));
  }
  std::printf("\n");
  std::printf("repair speed on clean text: %.0f MB/s (%.1f MB in %.3f s, one thread)\n",
              clean_repair_seconds > 0
                  ? static_cast<double>(clean_bytes) / 1e6 / clean_repair_seconds
                  : 0.0,
              static_cast<double>(clean_bytes) / 1e6, clean_repair_seconds);
  if (options.examples) {
    for (const std::string& name : ResidueKinds()) {
      for (const std::string& miss : stats[name].misses) {
        std::printf("\nmiss %s\n%s\n", name.c_str(), miss.c_str());
      }
    }
    std::printf("\n");
    for (const std::string& change : false_examples) {
      std::printf("false change %s\n", change.c_str());
    }
  }
  std::printf("\ntime %.1f s\n", seconds);
  return 0;
}

}  // namespace newsflow
