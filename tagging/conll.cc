#include "tagging/conll.h"

#include <cstdio>

#include "util/ascii.h"

namespace newsflow {
namespace {

std::string_view FirstColumn(std::string_view line) {
  size_t b = 0;
  while (b < line.size() && IsAsciiSpace(line[b])) ++b;
  size_t e = b;
  while (e < line.size() && !IsAsciiSpace(line[e])) ++e;
  return line.substr(b, e - b);
}

// Empty when the line has a single column.
std::string_view LastColumn(std::string_view line) {
  size_t e = line.size();
  while (e > 0 && IsAsciiSpace(line[e - 1])) --e;
  size_t b = e;
  while (b > 0 && !IsAsciiSpace(line[b - 1])) --b;
  size_t before = b;
  while (before > 0 && IsAsciiSpace(line[before - 1])) --before;
  bool has_earlier_column = false;
  for (size_t i = 0; i < before; ++i) {
    if (!IsAsciiSpace(line[i])) {
      has_earlier_column = true;
      break;
    }
  }
  return has_earlier_column ? line.substr(b, e - b) : std::string_view();
}

}  // namespace

bool IsConllBlankLine(std::string_view line) { return TrimAsciiSpace(line).empty(); }

bool IsConllDocStart(std::string_view line) { return FirstColumn(line) == "-DOCSTART-"; }

ConllCorpus ParseConll(std::string_view text) {
  ConllCorpus corpus;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    corpus.lines.push_back(line);
    pos = nl + 1;
  }
  bool in_sentence = false;
  for (size_t i = 0; i < corpus.lines.size(); ++i) {
    const std::string_view line = corpus.lines[i];
    if (IsConllBlankLine(line)) {
      in_sentence = false;
      continue;
    }
    if (IsConllDocStart(line)) {
      corpus.documents.emplace_back();
      in_sentence = false;
      continue;
    }
    if (corpus.documents.empty()) corpus.documents.emplace_back();
    auto& sentences = corpus.documents.back().sentences;
    if (!in_sentence) sentences.emplace_back();
    in_sentence = true;
    ConllSentence& sentence = sentences.back();
    sentence.lines.push_back(i);
    sentence.words.push_back(FirstColumn(line));
    sentence.last_columns.push_back(LastColumn(line));
    ++corpus.token_count;
  }
  return corpus;
}

void WriteConllWithTags(const ConllCorpus& corpus, std::span<const std::string_view> line_tags,
                        std::string* out) {
  for (size_t i = 0; i < corpus.lines.size(); ++i) {
    const std::string_view line = corpus.lines[i];
    out->append(line);
    if (i < line_tags.size() && !IsConllBlankLine(line) && !IsConllDocStart(line)) {
      out->push_back(' ');
      out->append(line_tags[i]);
    }
    out->push_back('\n');
  }
}

std::vector<EntitySpan> ExtractEntitySpans(std::span<const std::string_view> tags) {
  std::vector<EntitySpan> spans;
  bool open = false;
  for (size_t i = 0; i < tags.size(); ++i) {
    const std::string_view tag = tags[i];
    const bool is_b = tag.size() > 2 && tag.starts_with("B-");
    const bool is_i = tag.size() > 2 && tag.starts_with("I-");
    const std::string_view type = (is_b || is_i) ? tag.substr(2) : std::string_view();
    const bool continues = is_i && open && spans.back().type == type;
    if (open && !continues) {
      spans.back().end = i;
      open = false;
    }
    if ((is_b || is_i) && !continues) {
      spans.push_back(EntitySpan{i, i, std::string(type)});
      open = true;
    }
  }
  if (open) spans.back().end = tags.size();
  return spans;
}

double EntityCounts::Precision() const {
  return predicted == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(predicted);
}
double EntityCounts::Recall() const {
  return gold == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(gold);
}
double EntityCounts::F1() const {
  const double p = Precision();
  const double r = Recall();
  return p + r == 0.0 ? 0.0 : 2 * p * r / (p + r);
}

void EntityScore::AddSentence(std::span<const std::string_view> gold,
                              std::span<const std::string_view> predicted) {
  const std::vector<EntitySpan> g = ExtractEntitySpans(gold);
  const std::vector<EntitySpan> p = ExtractEntitySpans(predicted);
  for (const EntitySpan& span : g) {
    ++overall_.gold;
    ++by_type_[span.type].gold;
  }
  for (const EntitySpan& span : p) {
    ++overall_.predicted;
    ++by_type_[span.type].predicted;
  }
  // Both lists are sorted by begin and non-overlapping: merge.
  size_t gi = 0;
  for (const EntitySpan& span : p) {
    while (gi < g.size() && g[gi].begin < span.begin) ++gi;
    if (gi < g.size() && g[gi] == span) {
      ++overall_.correct;
      ++by_type_[span.type].correct;
    }
  }
}

std::string EntityScore::Format() const {
  std::string out;
  char buf[160];
  auto line = [&](const std::string& name, const EntityCounts& c) {
    std::snprintf(buf, sizeof buf, "%-8s P %.4f  R %.4f  F1 %.4f  (gold %zu, predicted %zu)\n",
                  name.c_str(), c.Precision(), c.Recall(), c.F1(), c.gold, c.predicted);
    out += buf;
  };
  for (const auto& [type, counts] : by_type_) line(type, counts);
  line("overall", overall_);
  return out;
}

}  // namespace newsflow
