// `newsflow eval residue`: see app/commands.h. Clean articles come from a
// directory tree: *.txt files (one article each) and Reuters-21578 SGML files
// (reut2-*.sgm, one article per <BODY>).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "app/commands.h"
#include "cleaning/residue_repair.h"
#include "cleaning/text_normalize.h"
#include "evaluation/residue_injector.h"
#include "evaluation/word_error_rate.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;

constexpr size_t kExamplesPerKind = 5;
constexpr size_t kFalseChangeExamples = 30;
constexpr size_t kExcerptRadius = 60;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// SGML body text: entities decoded (&lt; &gt; &amp; &quot; &apos; &#N;),
// control characters other than line breaks dropped, Latin-1 bytes to UTF-8.
std::string DecodeSgmlText(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c == '&') {
      const size_t semi = raw.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 8) {
        const std::string_view name = raw.substr(i + 1, semi - i - 1);
        uint32_t cp = 0;
        bool known = true;
        if (name == "lt") {
          cp = '<';
        } else if (name == "gt") {
          cp = '>';
        } else if (name == "amp") {
          cp = '&';
        } else if (name == "quot") {
          cp = '"';
        } else if (name == "apos") {
          cp = '\'';
        } else if (name.size() >= 2 && name[0] == '#' &&
                   std::all_of(name.begin() + 1, name.end(),
                               [](char d) { return d >= '0' && d <= '9'; })) {
          cp = static_cast<uint32_t>(std::stoul(std::string(name.substr(1))));
        } else {
          known = false;
        }
        if (known) {
          if (cp >= 0x20 && cp != 0x7F) AppendUtf8(cp, &out);
          i = semi;
          continue;
        }
      }
    }
    if (c >= 0x80) {
      AppendUtf8(c, &out);  // Latin-1
    } else if (c >= 0x20 || c == '\n') {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// Drops the wire's sign-off line ("Reuter", "REUTER") at the end of a body.
std::string_view StripSignOff(std::string_view body) {
  while (!body.empty() && (body.back() == ' ' || body.back() == '\n')) body.remove_suffix(1);
  for (std::string_view sign : {std::string_view("Reuter"), std::string_view("REUTER")}) {
    if (body.size() >= sign.size() && body.substr(body.size() - sign.size()) == sign) {
      const std::string_view before = body.substr(0, body.size() - sign.size());
      if (before.empty() || before.back() == '\n' || before.back() == ' ') {
        return before;
      }
    }
  }
  return body;
}

void AddSgmlArticles(const std::string& sgml, std::vector<std::string>* articles) {
  size_t pos = 0;
  while (true) {
    const size_t open = sgml.find("<BODY>", pos);
    if (open == std::string::npos) return;
    const size_t close = sgml.find("</BODY>", open);
    if (close == std::string::npos) return;
    const std::string body =
        DecodeSgmlText(std::string_view(sgml).substr(open + 6, close - open - 6));
    std::string text = NormalizePlainText(StripSignOff(body));
    if (CountWords(text) > 0) articles->push_back(std::move(text));
    pos = close + 7;
  }
}

bool HasSgmlFiles(const fs::path& dir) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".sgm") return true;
  }
  return false;
}

// Articles in `corpus`, in a stable order. *.txt files beside SGML files are
// the collection's documentation (category lists), not articles.
std::vector<std::string> LoadArticles(const std::string& corpus, size_t limit) {
  std::vector<fs::path> txt;
  std::vector<fs::path> sgml;
  std::map<fs::path, bool> sgml_directories;  // directory -> holds SGML files
  std::error_code error;
  if (!fs::is_directory(corpus, error)) return {};
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
  std::sort(txt.begin(), txt.end());
  std::sort(sgml.begin(), sgml.end());
  std::vector<std::string> articles;
  for (const fs::path& path : txt) {
    if (limit != 0 && articles.size() >= limit) return articles;
    std::string raw = ReadFile(path);
    if (!IsValidUtf8(raw)) raw = RepairUtf8(raw).text;
    std::string text = NormalizeParagraphs(raw);
    if (CountWords(text) > 0) articles.push_back(std::move(text));
  }
  for (const fs::path& path : sgml) {
    if (limit != 0 && articles.size() >= limit) break;
    AddSgmlArticles(ReadFile(path), &articles);
  }
  if (limit != 0 && articles.size() > limit) articles.resize(limit);
  return articles;
}

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
  const std::vector<std::string> articles = LoadArticles(options.corpus, options.limit);
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
