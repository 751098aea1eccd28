// The unit of work that flows through the pipeline.
//
// An Article is created by a source (Kafka or a JSON Lines file) from one raw
// record, filled by the parse stage, refined by later stages and finally
// serialized by the publisher. It is owned by exactly one worker thread at a
// time, so it needs no synchronization.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace newsflow {

// Where a record came from. For file input, topic is the file name, partition
// is 0 and offset is the zero-based line number.
struct Provenance {
  std::string topic;
  int32_t partition = -1;
  int64_t offset = -1;
  int64_t timestamp_ms = -1;  // the record's Kafka timestamp, -1 if none
};

using Header = std::pair<std::string, std::string>;

// The record exactly as it arrived. Never modified: the dead-letter topic gets
// these bytes back unchanged.
struct RawRecord {
  std::optional<std::string> key;
  std::string value;
  std::vector<Header> headers;
  Provenance provenance;
};

// An unknown top-level input field, preserved verbatim (its raw JSON text) so
// it can be copied into the output record under "extra".
struct ExtraField {
  std::string name;  // unescaped UTF-8 key
  std::string json;  // the value's raw JSON text, already validated
};

// A change the cleaning made inside the text, listed in the output under
// cleaning.repairs: `before` and `after` are short excerpts around it, so a
// reader can see what was changed (e.g. kind "doubled_initial", before
// "Aaccording to", after "according to").
struct Repair {
  std::string kind;
  std::string before;
  std::string after;
};

// A piece the cleaning cut out of the text, listed in the output under
// cleaning.removed (e.g. kind "navigation", text "More In Mideast Africa").
struct Removal {
  std::string kind;
  std::string text;
};

// A topic label and its classifier probability (tagging stages).
struct TopicScore {
  std::string label;
  double score = 0;
};

// A span of Article::text, in bytes: [begin, end). The output record converts
// spans to Unicode code point offsets (util/char_offsets.h).
struct TextSpan {
  size_t begin = 0;
  size_t end = 0;
  friend bool operator==(const TextSpan&, const TextSpan&) = default;
};

// A named entity with all its mentions merged ("Benjamin Netanyahu" ...
// "Netanyahu" is one person): `name` is the canonical (fullest) form.
struct Entity {
  std::string name;
  std::vector<TextSpan> mentions;  // text order; the mention count is its size
  // Locations only, filled by the places stage when the place is known.
  std::string country_code;  // ISO 3166-1 alpha-2; "" when unknown
  std::optional<double> lat;
  std::optional<double> lon;
};

struct Entities {
  std::vector<Entity> people;
  std::vector<Entity> organizations;
  std::vector<Entity> locations;
  std::vector<Entity> misc;
};

// A country the article is about: named, as a place in it, or by a demonym.
struct CountryTag {
  std::string code;  // ISO 3166-1 alpha-2
  std::string name;  // its common English name (Debian iso-codes)
  int mentions = 0;
};

// A key phrase with its score (higher is more important).
struct KeywordTag {
  std::string phrase;
  double score = 0;
  std::vector<TextSpan> mentions;  // occurrences in the text, text order
};

// A date expression (tagging/date_extractor.h explains the fields).
struct DateTag {
  TextSpan span;
  bool resolved = false;
  std::string value;       // ISO 8601; "" when not resolved
  std::string end_value;   // last day of a range; usually ""
  std::string resolution;  // "day", "week", "month", "year"
  std::string qualifier;   // "", "start", "early", "mid", "late", "end"
  bool relative = false;
};

// A money amount or percentage (tagging/amount_extractor.h).
struct AmountTag {
  TextSpan span;
  std::string kind;  // "money", "percent", "percentage_points"
  std::optional<double> value;
  std::optional<double> upper_value;
  std::string currency;  // ISO 4217 for money; "" otherwise
};

struct Article {
  RawRecord raw;

  // ---- Identity, filled by the parse stage (see docs/CONTRACTS.md).
  std::string id;         // input `id`, else derived from url, else content
  std::string id_source;  // "input", "url" or "content"
  std::string url;
  std::string source;
  std::string title;
  std::string language_hint;
  std::string body;                        // plain-text body as given (UTF-8, repaired)
  std::string html;                        // HTML body as given (UTF-8, repaired)
  std::string published_at_raw;            // as given
  std::optional<int64_t> published_at_ms;  // parsed, UTC milliseconds
  std::vector<ExtraField> extra;
  std::vector<Repair> repairs;  // invalid UTF-8 replaced, copy-editing residue

  // ---- Derived by the text stages.
  std::string text;  // paragraphs separated by one blank line
  int64_t word_count = 0;
  std::string dateline;              // "TEL AVIV, Israel", "NEW YORK (Reuters)"
  std::vector<std::string> authors;  // from a "By ..." byline or the page's metadata
  std::string author_bio;            // "X is bureau chief for ..." cut from the end
  std::string site_name;             // from the page's metadata
  std::vector<Removal> removed;      // boilerplate cut from the text
  int64_t reading_time_seconds = 0;  // see SetArticleText (cleaning/article_text.h)

  // ---- Derived by the tagging stages (on `text`).
  std::string language;                      // ISO 639-1 ("en"); "und" when unknown
  double language_confidence = 0;            // 0..1
  bool language_reliable = false;            // false for short or mixed texts
  std::string language_source;               // "detected", "hint" or "none"
  std::vector<std::string> skipped_taggers;  // English-only stages skipped
  uint64_t simhash = 0;                      // tagging/simhash.h; 0 until computed
  std::string content_hash;                  // hex; "" until computed
  std::string duplicate_of;                  // id of an earlier near/exact duplicate, or ""
  int duplicate_distance = -1;               // SimHash Hamming distance to it
  bool duplicate_exact = false;              // same content hash
  std::vector<TopicScore> topics;            // above the configured threshold, best first
  Entities entities;                         // English named entities
  std::vector<CountryTag> countries;         // most mentioned first
  std::vector<KeywordTag> keywords;          // best first
  std::vector<DateTag> dates;                // text order
  std::vector<AmountTag> amounts;            // text order

  // ---- Timing, in steady/system clock units as documented.
  int64_t consumed_at_ns = 0;  // steady clock, when the source handed it over
};

}  // namespace newsflow
