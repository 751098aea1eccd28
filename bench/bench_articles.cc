#include "bench/bench_articles.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <random>
#include <system_error>
#include <utility>

#include "util/file_bytes.h"

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

}  // namespace

std::vector<std::string> GeneratedBodies(size_t count, bool html) {
  std::mt19937 rng(7);
  std::vector<std::string> bodies;
  for (size_t i = 0; i < count; ++i) {
    std::string text = Paragraphs(rng, 3000, html);
    if (html) {
      text =
          "<html><head><title>A headline | Bench Wire</title><script>var x=1;</script></head>"
          "<body><nav><ul><li><a href=/>Home</a></li><li><a href=/w>World</a></li></ul></nav>"
          "<article><h1>A headline</h1>" +
          text +
          "</article><aside class=related><a href=/1>Other story</a></aside>"
          "<footer>Share this</footer></body></html>";
    }
    bodies.push_back(std::move(text));
  }
  return bodies;
}

std::vector<std::string> GeneratedRecords(size_t count, bool html) {
  std::vector<std::string> records;
  const std::vector<std::string> bodies = GeneratedBodies(count, html);
  for (size_t i = 0; i < count; ++i) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    const std::string id = "bench-" + std::to_string(i);
    const std::string url = "https://example.org/a/" + std::to_string(i);
    w.StartObject();
    for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"id", &id},
                                     {"url", &url},
                                     {html ? "html" : "body", &bodies[i]}}) {
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

std::vector<std::string> ReadCorpus(const std::string& dir,
                                    const std::vector<std::string>& suffixes, size_t limit) {
  std::vector<std::filesystem::path> paths;
  std::error_code error;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, error);
       !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
    if (!it->is_regular_file()) continue;
    const std::string name = it->path().filename().string();
    for (const std::string& suffix : suffixes) {
      if (name.size() >= suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        paths.push_back(it->path());
        break;
      }
    }
  }
  std::sort(paths.begin(), paths.end());
  if (paths.size() > limit) paths.resize(limit);
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::string content;
    if (ReadFileBytes(path, &content)) files.push_back(std::move(content));
  }
  return files;
}

}  // namespace newsflow
