#include "pipeline/output_record.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

#include "util/char_offsets.h"
#include "util/feed_date.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

using JsonWriter =
    rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>,
                      rapidjson::CrtAllocator, rapidjson::kWriteValidateEncodingFlag>;

// The name of an array element's field for error messages, built only when
// a write fails (records are written per article: no string per element):
// Field{"topics", 3, ".label"} is "topics[3].label".
struct Field {
  std::string_view array;
  size_t index = 0;
  std::string_view member;

  std::string Name() const {
    return std::string(array) + "[" + std::to_string(index) + "]" + std::string(member);
  }
};

// Wraps the writer so that every failure records which field caused it.
class Emitter {
 public:
  Emitter(JsonWriter& writer, std::string* error) : writer_(writer), error_(error) {}

  bool Key(std::string_view key) { return String(key, key); }

  bool String(std::string_view value, std::string_view field) {
    const char* problem = WriteString(value);
    return problem == nullptr || Fail(field, problem);
  }

  bool String(std::string_view value, const Field& field) {
    const char* problem = WriteString(value);
    return problem == nullptr || Fail(field.Name(), problem);
  }

  // Empty strings are written as null.
  bool NullableString(std::string_view value, std::string_view field) {
    return value.empty() ? writer_.Null() : String(value, field);
  }

  bool Member(std::string_view key, std::string_view value) {
    return Key(key) && String(value, key);
  }

  bool NullableMember(std::string_view key, std::string_view value) {
    return Key(key) && NullableString(value, key);
  }

  bool TimeMember(std::string_view key, int64_t epoch_ms, bool present) {
    if (!Key(key)) return false;
    return present ? String(FormatRfc3339Utc(epoch_ms), key) : writer_.Null();
  }

  // `json` was validated by the parse stage; it is copied byte for byte.
  bool Raw(std::string_view json, const Field& field) {
    if (json.empty() || std::memchr(json.data(), '\0', json.size()) != nullptr) {
      return Fail(field.Name(), " is not a JSON value");
    }
    // The type only matters for a root value; this one never is.
    return writer_.RawValue(json.data(), json.size(), rapidjson::kObjectType);
  }

 private:
  // nullptr when written, else what is wrong with the value.
  const char* WriteString(std::string_view value) {
    if (value.size() > std::numeric_limits<rapidjson::SizeType>::max()) {
      return " is larger than 4 GiB";
    }
    // RapidJSON validates too (kWriteValidateEncodingFlag), but it reads up
    // to three bytes past the end of a string that ends inside a multi-byte
    // sequence; IsValidUtf8 is bounds-safe, so it goes first.
    if (!IsValidUtf8(value) ||
        !writer_.String(value.data(), static_cast<rapidjson::SizeType>(value.size()))) {
      return " is not valid UTF-8";
    }
    return nullptr;
  }

  bool Fail(std::string_view field, std::string_view problem) {
    error_->assign(field);
    error_->append(problem);
    return false;
  }

  JsonWriter& writer_;
  std::string* error_;
};

// "cleaning": {"removed": [{kind, text}], "repairs": [{kind, before, after}]}
bool WriteCleaning(const Article& a, Emitter& e, JsonWriter& w) {
  if (!(e.Key("cleaning") && w.StartObject() && e.Key("removed") && w.StartArray())) return false;
  for (size_t i = 0; i < a.removed.size(); ++i) {
    const Removal& removal = a.removed[i];
    if (!(w.StartObject() && e.Key("kind") &&
          e.String(removal.kind, Field{"cleaning.removed", i, ".kind"}) && e.Key("text") &&
          e.String(removal.text, Field{"cleaning.removed", i, ".text"}) && w.EndObject())) {
      return false;
    }
  }
  if (!(w.EndArray() && e.Key("repairs") && w.StartArray())) return false;
  for (size_t i = 0; i < a.repairs.size(); ++i) {
    const Repair& repair = a.repairs[i];
    if (!(w.StartObject() && e.Key("kind") &&
          e.String(repair.kind, Field{"cleaning.repairs", i, ".kind"}) && e.Key("before") &&
          e.String(repair.before, Field{"cleaning.repairs", i, ".before"}) && e.Key("after") &&
          e.String(repair.after, Field{"cleaning.repairs", i, ".after"}) && w.EndObject())) {
      return false;
    }
  }
  return w.EndArray() && w.EndObject();
}

// Tags carry byte spans into `text`; the record gives code point offsets.
bool WriteSpan(const TextSpan& span, const CharOffsets& chars, JsonWriter& w) {
  return w.StartArray() && w.Uint64(chars.ToChar(span.begin)) && w.Uint64(chars.ToChar(span.end)) &&
         w.EndArray();
}

bool WriteOffsets(const std::vector<TextSpan>& spans, const CharOffsets& chars, Emitter& e,
                  JsonWriter& w) {
  if (!(e.Key("offsets") && w.StartArray())) return false;
  for (const TextSpan& span : spans) {
    if (!WriteSpan(span, chars, w)) return false;
  }
  return w.EndArray();
}

bool NullableDouble(const std::optional<double>& value, JsonWriter& w) {
  return value.has_value() ? w.Double(*value) : w.Null();
}

// "text", "start", "end" of one span: the mention's own text and offsets.
bool WriteMentionText(const Article& a, const TextSpan& span, const CharOffsets& chars,
                      const Field& field, Emitter& e, JsonWriter& w) {
  const size_t begin = std::min(span.begin, a.text.size());
  const size_t end = std::clamp(span.end, begin, a.text.size());
  return e.Key("text") && e.String(std::string_view(a.text).substr(begin, end - begin), field) &&
         e.Key("start") && w.Uint64(chars.ToChar(begin)) && e.Key("end") &&
         w.Uint64(chars.ToChar(end));
}

// "entities": {people, organizations, locations, misc}: [{name, mentions,
// offsets}], locations also {country_code, lat, lon} (null when unknown);
// "countries": [{code, name, mentions}].
bool WriteEntities(const Article& a, const CharOffsets& chars, Emitter& e, JsonWriter& w) {
  struct Group {
    std::string_view key;
    std::string_view path;  // for error messages
    const std::vector<Entity>* entities;
  };
  const Group groups[] = {{"people", "entities.people", &a.entities.people},
                          {"organizations", "entities.organizations", &a.entities.organizations},
                          {"locations", "entities.locations", &a.entities.locations},
                          {"misc", "entities.misc", &a.entities.misc}};
  if (!(e.Key("entities") && w.StartObject())) return false;
  for (const auto& [key, path, entities] : groups) {
    const bool locations = entities == &a.entities.locations;
    if (!(e.Key(key) && w.StartArray())) return false;
    for (size_t i = 0; i < entities->size(); ++i) {
      const Entity& entity = (*entities)[i];
      if (!(w.StartObject() && e.Key("name") && e.String(entity.name, Field{path, i, ".name"}) &&
            e.Key("mentions") && w.Uint64(entity.mentions.size()) &&
            WriteOffsets(entity.mentions, chars, e, w))) {
        return false;
      }
      if (locations &&
          !(e.NullableMember("country_code", entity.country_code) && e.Key("lat") &&
            NullableDouble(entity.lat, w) && e.Key("lon") && NullableDouble(entity.lon, w))) {
        return false;
      }
      if (!w.EndObject()) return false;
    }
    if (!w.EndArray()) return false;
  }
  if (!(w.EndObject() && e.Key("countries") && w.StartArray())) return false;
  for (size_t i = 0; i < a.countries.size(); ++i) {
    const CountryTag& country = a.countries[i];
    if (!(w.StartObject() && e.Key("code") &&
          e.String(country.code, Field{"countries", i, ".code"}) && e.Key("name") &&
          e.String(country.name, Field{"countries", i, ".name"}) && e.Key("mentions") &&
          w.Int(country.mentions) && w.EndObject())) {
      return false;
    }
  }
  return w.EndArray();
}

// "keywords": [{phrase, score, offsets}].
bool WriteKeywords(const Article& a, const CharOffsets& chars, Emitter& e, JsonWriter& w) {
  if (!(e.Key("keywords") && w.StartArray())) return false;
  for (size_t i = 0; i < a.keywords.size(); ++i) {
    const KeywordTag& keyword = a.keywords[i];
    if (!(w.StartObject() && e.Key("phrase") &&
          e.String(keyword.phrase, Field{"keywords", i, ".phrase"}) && e.Key("score") &&
          w.Double(keyword.score) && WriteOffsets(keyword.mentions, chars, e, w) &&
          w.EndObject())) {
      return false;
    }
  }
  return w.EndArray();
}

// "dates": [{text, start, end, value, end_value, resolution, qualifier,
// relative, resolved}]; "amounts": [{text, start, end, kind, value,
// upper_value, currency}]. Unknown values are null.
bool WriteDatesAndAmounts(const Article& a, const CharOffsets& chars, Emitter& e, JsonWriter& w) {
  if (!(e.Key("dates") && w.StartArray())) return false;
  for (size_t i = 0; i < a.dates.size(); ++i) {
    const DateTag& date = a.dates[i];
    if (!(w.StartObject() &&
          WriteMentionText(a, date.span, chars, Field{"dates", i, ".text"}, e, w) &&
          e.NullableMember("value", date.value) && e.NullableMember("end_value", date.end_value) &&
          e.Member("resolution", date.resolution) &&
          e.NullableMember("qualifier", date.qualifier) && e.Key("relative") &&
          w.Bool(date.relative) && e.Key("resolved") && w.Bool(date.resolved) && w.EndObject())) {
      return false;
    }
  }
  if (!(w.EndArray() && e.Key("amounts") && w.StartArray())) return false;
  for (size_t i = 0; i < a.amounts.size(); ++i) {
    const AmountTag& amount = a.amounts[i];
    if (!(w.StartObject() &&
          WriteMentionText(a, amount.span, chars, Field{"amounts", i, ".text"}, e, w) &&
          e.Member("kind", amount.kind) && e.Key("value") && NullableDouble(amount.value, w) &&
          e.Key("upper_value") && NullableDouble(amount.upper_value, w) &&
          e.NullableMember("currency", amount.currency) && w.EndObject())) {
      return false;
    }
  }
  return w.EndArray();
}

// "language": {code, confidence, reliable, source}, or null when the language
// stage did not run; "topics": [{label, score}]; the entity, keyword, date
// and amount tags; "skipped_taggers": [names].
bool WriteTags(const Article& a, Emitter& e, JsonWriter& w) {
  if (!e.Key("language")) return false;
  if (a.language.empty()) {
    if (!w.Null()) return false;
  } else if (!(w.StartObject() && e.Member("code", a.language) && e.Key("confidence") &&
               w.Double(a.language_confidence) && e.Key("reliable") &&
               w.Bool(a.language_reliable) && e.Member("source", a.language_source) &&
               w.EndObject())) {
    return false;
  }
  if (!(e.Key("topics") && w.StartArray())) return false;
  for (size_t i = 0; i < a.topics.size(); ++i) {
    if (!(w.StartObject() && e.Key("label") &&
          e.String(a.topics[i].label, Field{"topics", i, ".label"}) && e.Key("score") &&
          w.Double(a.topics[i].score) && w.EndObject())) {
      return false;
    }
  }
  if (!w.EndArray()) return false;
  const CharOffsets chars(a.text);
  if (!(WriteEntities(a, chars, e, w) && WriteKeywords(a, chars, e, w) &&
        WriteDatesAndAmounts(a, chars, e, w))) {
    return false;
  }
  if (!(e.Key("skipped_taggers") && w.StartArray())) return false;
  for (size_t i = 0; i < a.skipped_taggers.size(); ++i) {
    if (!e.String(a.skipped_taggers[i], Field{"skipped_taggers", i, ""})) return false;
  }
  if (!w.EndArray()) return false;
  // "fingerprint": {simhash, content_hash} or null before the stage runs;
  // "duplicate_of": {id, distance, exact} or null.
  if (!e.Key("fingerprint")) return false;
  if (a.content_hash.empty()) {
    if (!w.Null()) return false;
  } else {
    char simhash[17];
    std::snprintf(simhash, sizeof(simhash), "%016llx", static_cast<unsigned long long>(a.simhash));
    if (!(w.StartObject() && e.Member("simhash", simhash) &&
          e.Member("content_hash", a.content_hash) && w.EndObject())) {
      return false;
    }
  }
  if (!e.Key("duplicate_of")) return false;
  if (a.duplicate_of.empty()) return w.Null();
  return w.StartObject() && e.Key("id") && e.String(a.duplicate_of, "duplicate_of.id") &&
         e.Key("distance") && w.Int(a.duplicate_distance) && e.Key("exact") &&
         w.Bool(a.duplicate_exact) && w.EndObject();
}

}  // namespace

struct OutputRecordWriter::Impl {
  Impl(std::string_view version_in, std::string_view commit_in)
      : version(version_in), commit(commit_in), writer(buffer) {
    // Scores and confidences: four decimals (cut, not rounded) are plenty and
    // keep records short.
    writer.SetMaxDecimalPlaces(4);
  }

  bool WriteRecord(const Article& a, int64_t processed_at_ms, std::string* error);

  std::string version;
  std::string commit;
  rapidjson::StringBuffer buffer;
  JsonWriter writer;
};

bool OutputRecordWriter::Impl::WriteRecord(const Article& a, int64_t processed_at_ms,
                                           std::string* error) {
  Emitter e(writer, error);
  JsonWriter& w = writer;
  if (!(w.StartObject() && e.Member("id", a.id) && e.Member("id_source", a.id_source) &&
        e.NullableMember("url", a.url) && e.NullableMember("source", a.source) &&
        e.NullableMember("title", a.title) && e.NullableMember("language_hint", a.language_hint) &&
        e.TimeMember("published_at", a.published_at_ms.value_or(0),
                     a.published_at_ms.has_value()))) {
    return false;
  }
  if (!a.published_at_raw.empty() && !e.Member("published_at_raw", a.published_at_raw)) {
    return false;
  }
  const Provenance& p = a.raw.provenance;
  // A file name used as topic may be any bytes; it must not fail every record.
  const Utf8RepairResult topic = RepairUtf8(p.topic);
  if (!(e.NullableMember("site_name", a.site_name) && e.Member("text", a.text) &&
        e.NullableMember("dateline", a.dateline) && e.Key("authors") && w.StartArray())) {
    return false;
  }
  for (size_t i = 0; i < a.authors.size(); ++i) {
    if (!e.String(a.authors[i], Field{"authors", i, ""})) return false;
  }
  if (!(w.EndArray() && e.NullableMember("author_bio", a.author_bio) && e.Key("word_count") &&
        w.Int64(a.word_count) && e.Key("reading_time_seconds") && w.Int64(a.reading_time_seconds) &&
        WriteCleaning(a, e, w) && WriteTags(a, e, w) &&
        e.TimeMember("processed_at", processed_at_ms, true) && e.Key("provenance") &&
        w.StartObject() && e.Member("topic", topic.text) && e.Key("partition") &&
        w.Int(p.partition) && e.Key("offset") && w.Int64(p.offset) &&
        e.TimeMember("timestamp", p.timestamp_ms, p.timestamp_ms >= 0) && w.EndObject() &&
        e.Key("pipeline") && w.StartObject() && e.Member("version", version) &&
        e.Member("commit", commit) && w.EndObject())) {
    return false;
  }
  if (!a.extra.empty()) {
    if (!(e.Key("extra") && w.StartObject())) return false;
    for (size_t i = 0; i < a.extra.size(); ++i) {
      if (!(e.String(a.extra[i].name, Field{"extra", i, " name"}) &&
            e.Raw(a.extra[i].json, Field{"extra", i, " value"}))) {
        return false;
      }
    }
    if (!w.EndObject()) return false;
  }
  return w.EndObject();
}

OutputRecordWriter::OutputRecordWriter(std::string_view version, std::string_view commit)
    : impl_(std::make_unique<Impl>(version, commit)) {}

OutputRecordWriter::~OutputRecordWriter() = default;

bool OutputRecordWriter::Write(const Article& article, int64_t processed_at_ms, std::string* out,
                               std::string* error) {
  impl_->buffer.Clear();
  impl_->writer.Reset(impl_->buffer);  // also recovers from a failed write
  std::string problem;
  if (!impl_->WriteRecord(article, processed_at_ms, &problem)) {
    *error = problem.empty() ? "JSON writer error" : std::move(problem);
    return false;
  }
  out->assign(impl_->buffer.GetString(), impl_->buffer.GetSize());
  return true;
}

}  // namespace newsflow
