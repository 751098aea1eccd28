// CoNLL-2003 style column files and the conlleval entity score.
//
// Format: one token per line, whitespace-separated columns with the token in
// the first column (CoNLL-2003: `token POS chunk NER`); a blank line ends a
// sentence; a line whose first column is `-DOCSTART-` starts a document (and
// is not a token). Files without -DOCSTART- lines are one document.
//
// ParseConll never fails: it only splits lines and columns. Views point into
// the caller's buffer, which must outlive the ConllCorpus.
//
// Scoring follows conlleval: an entity is an exact span with its type; a
// chunk starts at B-X, or at I-X that does not continue a chunk of type X
// (I-X after O, after another type, or at the start of a sentence); scores
// are micro-averaged over all types.
//
// Thread-safety: pure functions; EntityScore is a plain value.
#pragma once

#include <cstddef>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {

struct ConllSentence {
  std::vector<size_t> lines;                   // index into ConllCorpus::lines, per token
  std::vector<std::string_view> words;         // first column, per token
  std::vector<std::string_view> last_columns;  // last column (the gold tag), per token;
                                               // empty when the line has one column
};

struct ConllDocument {
  std::vector<ConllSentence> sentences;
};

struct ConllCorpus {
  std::vector<std::string_view> lines;  // without "\n" (and without a trailing "\r")
  std::vector<ConllDocument> documents;
  size_t token_count = 0;
};

// True for a line that holds only whitespace.
bool IsConllBlankLine(std::string_view line);
// True for a -DOCSTART- line.
bool IsConllDocStart(std::string_view line);

ConllCorpus ParseConll(std::string_view text);

// Writes every line of `corpus` followed by "\n": token lines get " " and
// their tag from `line_tags` (indexed like corpus.lines) appended; -DOCSTART-
// and blank lines (whose line_tags entry is ignored) pass through unchanged.
// `line_tags.size()` must equal `corpus.lines.size()`.
void WriteConllWithTags(const ConllCorpus& corpus, std::span<const std::string_view> line_tags,
                        std::string* out);

struct EntitySpan {
  size_t begin = 0;  // first token
  size_t end = 0;    // one past the last token
  std::string type;  // "PER", "ORG", ...
  bool operator==(const EntitySpan&) const = default;
};

// Entity chunks of one sentence's IOB tags (conlleval rules, see above).
// Tags other than "O", "B-X" and "I-X" count as O.
std::vector<EntitySpan> ExtractEntitySpans(std::span<const std::string_view> tags);

struct EntityCounts {
  size_t gold = 0;
  size_t predicted = 0;
  size_t correct = 0;  // exact span and type
  double Precision() const;
  double Recall() const;
  double F1() const;  // 0 when precision + recall is 0
};

class EntityScore {
 public:
  // Adds one sentence; `gold` and `predicted` must have the same size.
  void AddSentence(std::span<const std::string_view> gold,
                   std::span<const std::string_view> predicted);
  const EntityCounts& overall() const { return overall_; }
  const std::map<std::string, EntityCounts>& by_type() const { return by_type_; }
  // One line per type and an "overall" line: "type  P  R  F1  (gold N, predicted N)".
  std::string Format() const;

 private:
  EntityCounts overall_;
  std::map<std::string, EntityCounts> by_type_;
};

}  // namespace newsflow
