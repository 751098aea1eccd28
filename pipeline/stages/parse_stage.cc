#include "pipeline/stages/parse_stage.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cleaning/text_normalize.h"
#include "util/feed_date.h"
#include "util/stable_id.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

namespace od = simdjson::ondemand;

constexpr size_t kMinParserCapacity = 64 * 1024;
constexpr size_t kMaxTokenInMessage = 40;

enum class KnownField {
  kUnknown,
  kId,
  kUrl,
  kSource,
  kTitle,
  kPublishedAt,
  kLanguage,
  kBody,
  kHtml
};

KnownField LookupField(std::string_view key) {
  if (key == "id") return KnownField::kId;
  if (key == "url") return KnownField::kUrl;
  if (key == "source") return KnownField::kSource;
  if (key == "title") return KnownField::kTitle;
  if (key == "published_at") return KnownField::kPublishedAt;
  if (key == "language") return KnownField::kLanguage;
  if (key == "body") return KnownField::kBody;
  if (key == "html") return KnownField::kHtml;
  return KnownField::kUnknown;
}

std::string_view TypeName(od::json_type type) {
  switch (type) {
    case od::json_type::array:
      return "array";
    case od::json_type::object:
      return "object";
    case od::json_type::number:
      return "number";
    case od::json_type::string:
      return "string";
    case od::json_type::boolean:
      return "boolean";
    case od::json_type::null:
      return "null";
  }
  return "unknown";
}

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view TrimJsonSpace(std::string_view s) {
  while (!s.empty() && IsJsonSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsJsonSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The RFC 8259 number grammar. simdjson's number parser also rejects valid
// numbers it cannot represent (1e400, 30-digit integers); those are valid
// JSON, so unknown fields are checked against the grammar alone.
bool IsJsonNumber(std::string_view s, bool* is_integer) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size()) return false;
  if (s[i] == '0') {
    ++i;
  } else if (s[i] >= '1' && s[i] <= '9') {
    while (i < s.size() && IsDigit(s[i])) ++i;
  } else {
    return false;
  }
  *is_integer = true;
  if (i < s.size() && s[i] == '.') {
    *is_integer = false;
    const size_t start = ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == start) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    *is_integer = false;
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    const size_t start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == start) return false;
  }
  return i == s.size();
}

// Keeps messages short and valid UTF-8 (never cuts inside a character).
std::string Shorten(std::string_view token) {
  if (token.size() <= kMaxTokenInMessage) return std::string(token);
  size_t cut = kMaxTokenInMessage;
  while (cut > 0 && (static_cast<unsigned char>(token[cut]) & 0xC0) == 0x80) --cut;
  return std::string(token.substr(0, cut)) + "...";
}

// True if `text` has no character other than Unicode white space.
bool IsBlank(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    int32_t cp = 0;
    const size_t n = DecodeUtf8At(text, i, &cp);
    if (n == 0 || !IsUnicodeSpace(static_cast<char32_t>(cp))) return false;
    i += n;
  }
  return true;
}

StageResult Malformed(std::string message) {
  return StageResult::DeadLetter(Reason::kMalformedJson, std::move(message));
}

StageResult Malformed(std::string_view context, simdjson::error_code error) {
  return Malformed(std::string(context) + ": " + simdjson::error_message(error));
}

// One open array or object while walking a value.
struct Frame {
  bool is_object = false;
  int depth = 0;
  bool started = false;
  od::array_iterator array_it;
  od::array_iterator array_end;
  od::object_iterator object_it;
  od::object_iterator object_end;
};

// What the root object said about the known fields (last occurrence wins).
struct KnownValues {
  std::string published_at;  // string value or number token, "" if absent
  bool published_at_is_number = false;
  std::optional<StageResult> invalid_field;  // first wrong-typed known field
};

}  // namespace

struct ParseStage::Impl {
  explicit Impl(const LimitsConfig& limits_in) : limits(limits_in) {
    if (limits.max_json_depth < 1) limits.max_json_depth = 1;
  }

  StageResult Process(Article& article);
  // Builds with SIMDJSON_DEVELOPMENT_CHECKS (no NDEBUG) assert that On Demand
  // never enters more levels than the parser's max_depth; Validate stops one
  // level past limits.max_json_depth, so leave room for that and the root.
  size_t ParserMaxDepth() const { return static_cast<size_t>(limits.max_json_depth) + 4; }
  bool LoadInput(std::string_view input, StageResult* failure);
  StageResult ParseObject(od::document& doc, Article& article, KnownValues* known);
  StageResult ClassifyNonObject(od::document& doc, od::json_type type, std::string_view input);
  bool ReadKnownField(KnownField which, std::string_view key, od::value& value, od::json_type type,
                      Article& article, KnownValues* known, StageResult* failure);
  bool ReadString(std::string_view key, od::value& value, od::json_type type, std::string* out,
                  KnownValues* known, StageResult* failure);
  bool Validate(od::value& value, od::json_type type, int depth, StageResult* failure);
  bool ValidateScalar(od::value& value, od::json_type type, StageResult* failure);
  bool PushContainer(od::value& value, od::json_type type, int depth, StageResult* failure);
  void DeduplicateExtra(std::vector<ExtraField>& extra);
  void FinishIdentity(Article& article);

  LimitsConfig limits;
  od::parser parser;
  std::string buffer;         // input copy followed by SIMDJSON_PADDING bytes
  std::vector<Frame> stack;   // reused by Validate
  std::vector<size_t> order;  // reused by DeduplicateExtra
};

bool ParseStage::Impl::LoadInput(std::string_view input, StageResult* failure) {
  const size_t needed = input.size() + simdjson::SIMDJSON_PADDING;
  if (buffer.size() < needed) buffer.resize(std::max(needed, buffer.size() * 2));
  std::memcpy(buffer.data(), input.data(), input.size());
  std::memset(buffer.data() + input.size(), 0, simdjson::SIMDJSON_PADDING);
  if (parser.capacity() < input.size() || parser.max_depth() != ParserMaxDepth()) {
    // Grow geometrically so that a run of ever larger records does not
    // reallocate the parser every time.
    const size_t capacity = std::max({input.size(), 2 * parser.capacity(), kMinParserCapacity});
    const simdjson::error_code error = parser.allocate(capacity, ParserMaxDepth());
    if (error != simdjson::SUCCESS) {
      *failure = StageResult::DeadLetter(Reason::kStageError,
                                         std::string("cannot allocate the JSON parser for ") +
                                             std::to_string(input.size()) +
                                             " bytes: " + simdjson::error_message(error));
      return false;
    }
  }
  return true;
}

bool ParseStage::Impl::ValidateScalar(od::value& value, od::json_type type, StageResult* failure) {
  if (type == od::json_type::string) {
    std::string_view unused;
    const simdjson::error_code error = value.get_string().get(unused);
    if (error != simdjson::SUCCESS) {
      *failure = Malformed("invalid string", error);
      return false;
    }
    return true;
  }
  const std::string_view token = TrimJsonSpace(value.raw_json_token());
  bool valid = false;
  if (type == od::json_type::number) {
    bool is_integer = false;
    valid = IsJsonNumber(token, &is_integer);
  } else if (type == od::json_type::boolean) {
    valid = token == "true" || token == "false";
  } else if (type == od::json_type::null) {
    valid = token == "null";
  }
  if (!valid) {
    *failure = Malformed("invalid JSON token '" + Shorten(token) + "'");
    return false;
  }
  return true;
}

bool ParseStage::Impl::PushContainer(od::value& value, od::json_type type, int depth,
                                     StageResult* failure) {
  if (depth > limits.max_json_depth) {
    *failure = StageResult::DeadLetter(Reason::kTooDeep,
                                       "JSON nesting is deeper than limits.max_json_depth (" +
                                           std::to_string(limits.max_json_depth) + ")");
    return false;
  }
  Frame frame;
  frame.depth = depth;
  simdjson::error_code error;
  if (type == od::json_type::object) {
    frame.is_object = true;
    od::object object;
    error = value.get_object().get(object);
    if (!error) error = object.begin().get(frame.object_it);
    if (!error) error = object.end().get(frame.object_end);
  } else {
    od::array array;
    error = value.get_array().get(array);
    if (!error) error = array.begin().get(frame.array_it);
    if (!error) error = array.end().get(frame.array_end);
  }
  if (error) {
    *failure = Malformed(type == od::json_type::object ? "invalid object" : "invalid array", error);
    return false;
  }
  stack.push_back(frame);
  return true;
}

// Checks `value` (at nesting `depth`, the root being 1) and everything in it:
// On Demand skips what it is not asked for without validating it, and the
// depth limit of its parser only applies to development builds. An explicit
// stack instead of recursion keeps 100000 nested '[' harmless.
bool ParseStage::Impl::Validate(od::value& value, od::json_type type, int depth,
                                StageResult* failure) {
  if (type != od::json_type::array && type != od::json_type::object) {
    return ValidateScalar(value, type, failure);
  }
  stack.clear();
  if (!PushContainer(value, type, depth, failure)) return false;
  while (!stack.empty()) {
    Frame& frame = stack.back();
    if (frame.started) {
      if (frame.is_object) {
        ++frame.object_it;
      } else {
        ++frame.array_it;
      }
    }
    frame.started = true;
    const bool more =
        frame.is_object ? frame.object_it != frame.object_end : frame.array_it != frame.array_end;
    if (!more) {
      stack.pop_back();
      continue;
    }
    const int child_depth = frame.depth + 1;
    od::value child;
    simdjson::error_code error;
    if (frame.is_object) {
      od::field field;
      error = (*frame.object_it).get(field);
      std::string_view key;
      if (!error) error = field.unescaped_key().get(key);
      if (!error) child = field.value();
    } else {
      error = (*frame.array_it).get(child);
    }
    od::json_type child_type{};
    if (!error) error = child.type().get(child_type);
    if (error) {
      *failure = Malformed("invalid JSON", error);
      return false;
    }
    // `frame` may dangle after this point (push_back).
    if (child_type == od::json_type::array || child_type == od::json_type::object) {
      if (!PushContainer(child, child_type, child_depth, failure)) return false;
    } else if (!ValidateScalar(child, child_type, failure)) {
      return false;
    }
  }
  return true;
}

bool ParseStage::Impl::ReadString(std::string_view key, od::value& value, od::json_type type,
                                  std::string* out, KnownValues* known, StageResult* failure) {
  if (type == od::json_type::string) {
    std::string_view text;
    const simdjson::error_code error = value.get_string().get(text);
    if (error) {
      *failure = Malformed("invalid string in field \"" + std::string(key) + "\"", error);
      return false;
    }
    out->assign(text);
    return true;
  }
  if (!Validate(value, type, 2, failure)) return false;
  if (type == od::json_type::null) {
    out->clear();
  } else if (!known->invalid_field) {
    known->invalid_field = StageResult::DeadLetter(
        Reason::kInvalidField, "field \"" + std::string(key) + "\" must be a string or null, got " +
                                   std::string(TypeName(type)));
  }
  return true;
}

bool ParseStage::Impl::ReadKnownField(KnownField which, std::string_view key, od::value& value,
                                      od::json_type type, Article& article, KnownValues* known,
                                      StageResult* failure) {
  switch (which) {
    case KnownField::kId:
      if (type == od::json_type::number) {
        const std::string_view token = TrimJsonSpace(value.raw_json_token());
        bool is_integer = false;
        if (!IsJsonNumber(token, &is_integer)) {
          *failure = Malformed("invalid JSON token '" + Shorten(token) + "'");
          return false;
        }
        if (is_integer) {
          article.id.assign(token);
        } else if (!known->invalid_field) {
          known->invalid_field = StageResult::DeadLetter(
              Reason::kInvalidField,
              "field \"id\" must be a string, an integer or null, got number " + Shorten(token));
        }
        return true;
      }
      if (type != od::json_type::string && type != od::json_type::null) {
        if (!Validate(value, type, 2, failure)) return false;
        if (!known->invalid_field) {
          known->invalid_field = StageResult::DeadLetter(
              Reason::kInvalidField, "field \"id\" must be a string, an integer or null, got " +
                                         std::string(TypeName(type)));
        }
        return true;
      }
      return ReadString(key, value, type, &article.id, known, failure);
    case KnownField::kUrl:
      return ReadString(key, value, type, &article.url, known, failure);
    case KnownField::kSource:
      return ReadString(key, value, type, &article.source, known, failure);
    case KnownField::kTitle:
      return ReadString(key, value, type, &article.title, known, failure);
    case KnownField::kLanguage:
      return ReadString(key, value, type, &article.language_hint, known, failure);
    case KnownField::kBody:
      return ReadString(key, value, type, &article.body, known, failure);
    case KnownField::kHtml:
      return ReadString(key, value, type, &article.html, known, failure);
    case KnownField::kPublishedAt:
      if (type == od::json_type::number) {
        if (!ValidateScalar(value, type, failure)) return false;
        known->published_at.assign(TrimJsonSpace(value.raw_json_token()));
        known->published_at_is_number = true;
        return true;
      }
      if (type != od::json_type::string && type != od::json_type::null) {
        if (!Validate(value, type, 2, failure)) return false;
        if (!known->invalid_field) {
          known->invalid_field = StageResult::DeadLetter(
              Reason::kInvalidField,
              "field \"published_at\" must be a string, a number or null, got " +
                  std::string(TypeName(type)));
        }
        return true;
      }
      known->published_at_is_number = false;
      return ReadString(key, value, type, &known->published_at, known, failure);
    case KnownField::kUnknown:
      break;
  }
  return true;
}

StageResult ParseStage::Impl::ParseObject(od::document& doc, Article& article, KnownValues* known) {
  od::object root;
  simdjson::error_code error = doc.get_object().get(root);
  if (error) return Malformed("invalid JSON", error);
  StageResult failure;
  for (auto field_result : root) {
    od::field field;
    error = std::move(field_result).get(field);
    std::string_view key;
    if (!error) error = field.unescaped_key().get(key);
    od::json_type type{};
    if (!error) error = field.value().type().get(type);
    if (error) return Malformed("invalid JSON", error);
    od::value& value = field.value();

    const KnownField which = LookupField(key);
    if (which != KnownField::kUnknown) {
      if (!ReadKnownField(which, key, value, type, article, known, &failure)) return failure;
      continue;
    }
    // Unknown field: keep its raw JSON text, validated.
    ExtraField extra;
    extra.name.assign(key);
    const std::string_view token = value.raw_json_token();
    if (!Validate(value, type, 2, &failure)) return failure;
    if (type == od::json_type::array || type == od::json_type::object) {
      // The walk stopped on the ',' or '}' that follows the value.
      const char* end = nullptr;
      error = doc.current_location().get(end);
      if (error || end < token.data()) return Malformed("invalid JSON", simdjson::TAPE_ERROR);
      extra.json.assign(TrimJsonSpace(std::string_view(token.data(), end - token.data())));
    } else {
      extra.json.assign(TrimJsonSpace(token));
    }
    article.extra.push_back(std::move(extra));
  }
  const char* trailing = nullptr;
  if (doc.current_location().get(trailing) != simdjson::OUT_OF_BOUNDS) {
    return Malformed("unexpected content after the top-level object");
  }
  return StageResult::Pass();
}

StageResult ParseStage::Impl::ClassifyNonObject(od::document& doc, od::json_type type,
                                                std::string_view input) {
  StageResult failure;
  if (type == od::json_type::array) {
    od::value value;
    const simdjson::error_code error = doc.get_value().get(value);
    if (error) return Malformed("invalid JSON", error);
    if (!Validate(value, type, 1, &failure)) return failure;
    const char* trailing = nullptr;
    if (doc.current_location().get(trailing) != simdjson::OUT_OF_BOUNDS) {
      return Malformed("unexpected content after the top-level value");
    }
  } else {
    // A scalar document: one token, nothing after it.
    const std::string_view trimmed_input = TrimJsonSpace(input);
    std::string_view token;
    simdjson::error_code error = doc.raw_json_token().get(token);
    if (error) return Malformed("invalid JSON", error);
    token = TrimJsonSpace(token);
    const std::string_view as_value = token;
    if (token.size() != trimmed_input.size()) {
      return Malformed("unexpected content after the top-level value");
    }
    if (type == od::json_type::string) {
      std::string_view unused;
      error = doc.get_string().get(unused);
      if (error) return Malformed("invalid string", error);
    } else {
      bool is_integer = false;
      const bool valid =
          (type == od::json_type::number && IsJsonNumber(as_value, &is_integer)) ||
          (type == od::json_type::boolean && (as_value == "true" || as_value == "false")) ||
          (type == od::json_type::null && as_value == "null");
      if (!valid) return Malformed("invalid JSON token '" + Shorten(as_value) + "'");
    }
  }
  return StageResult::DeadLetter(
      Reason::kNotAnObject,
      "top-level JSON value is " + std::string(TypeName(type)) + ", expected an object");
}

void ParseStage::Impl::DeduplicateExtra(std::vector<ExtraField>& extra) {
  if (extra.size() < 2) return;
  order.resize(extra.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&extra](size_t a, size_t b) {
    const int c = extra[a].name.compare(extra[b].name);
    return c != 0 ? c < 0 : a < b;
  });
  bool any_duplicate = false;
  std::vector<bool> drop;
  for (size_t k = 0; k + 1 < order.size(); ++k) {
    if (extra[order[k]].name == extra[order[k + 1]].name) {
      if (!any_duplicate) drop.assign(extra.size(), false);
      any_duplicate = true;
      drop[order[k]] = true;  // a later occurrence exists: the last one wins
    }
  }
  if (!any_duplicate) return;
  size_t out = 0;
  for (size_t i = 0; i < extra.size(); ++i) {
    if (drop[i]) continue;
    if (out != i) extra[out] = std::move(extra[i]);
    ++out;
  }
  extra.resize(out);
}

void ParseStage::Impl::FinishIdentity(Article& article) {
  if (!IsBlank(article.id)) {
    article.id_source = "input";
    return;
  }
  const std::string normalized = NormalizeUrlForId(article.url);
  if (!normalized.empty()) {
    article.id = IdFromUrl(article.url);
    article.id_source = "url";
    return;
  }
  article.id = IdFromContent(article.title, article.body, article.html);
  article.id_source = "content";
}

StageResult ParseStage::Impl::Process(Article& article) {
  article.id.clear();
  article.id_source.clear();
  article.url.clear();
  article.source.clear();
  article.title.clear();
  article.language_hint.clear();
  article.body.clear();
  article.html.clear();
  article.published_at_raw.clear();
  article.published_at_ms.reset();
  article.extra.clear();

  const std::string& raw = article.raw.value;
  if (static_cast<int64_t>(raw.size()) > limits.max_record_bytes) {
    return StageResult::DeadLetter(Reason::kTooLarge, "record is " + std::to_string(raw.size()) +
                                                          " bytes, limits.max_record_bytes is " +
                                                          std::to_string(limits.max_record_bytes));
  }

  std::string_view input = raw;
  std::string repaired;  // only for the rare invalid UTF-8 case
  size_t invalid_bytes = 0;
  if (!IsValidUtf8(raw)) {
    Utf8RepairResult repair = RepairUtf8(raw);
    invalid_bytes = repair.invalid_bytes;
    const double ratio = static_cast<double>(invalid_bytes) / static_cast<double>(raw.size());
    if (ratio > limits.max_invalid_utf8_ratio) {
      return StageResult::DeadLetter(Reason::kInvalidUtf8,
                                     std::to_string(invalid_bytes) + " of " +
                                         std::to_string(raw.size()) +
                                         " bytes are invalid UTF-8, above "
                                         "limits.max_invalid_utf8_ratio (" +
                                         std::to_string(limits.max_invalid_utf8_ratio) + ")");
    }
    repaired = std::move(repair.text);
    input = repaired;
  }

  StageResult failure;
  if (!LoadInput(input, &failure)) return failure;
  od::document doc;
  simdjson::error_code error = parser.iterate(buffer.data(), input.size(), buffer.size()).get(doc);
  if (error) return Malformed("invalid JSON", error);
  od::json_type type{};
  error = doc.type().get(type);
  if (error) return Malformed("invalid JSON", error);
  if (type != od::json_type::object) return ClassifyNonObject(doc, type, input);

  KnownValues known;
  StageResult parsed = ParseObject(doc, article, &known);
  if (parsed.outcome != Outcome::kPass) return parsed;
  if (known.invalid_field) return std::move(*known.invalid_field);

  if (IsBlank(article.body) && IsBlank(article.html)) {
    return StageResult::DeadLetter(Reason::kMissingBody,
                                   "neither \"body\" nor \"html\" carries text");
  }

  DeduplicateExtra(article.extra);
  FinishIdentity(article);

  if (!IsBlank(known.published_at)) {
    article.published_at_raw = known.published_at;
    std::optional<int64_t> ms;
    if (known.published_at_is_number) {
      double seconds = 0;
      const std::string& token = known.published_at;
      const auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), seconds);
      if (ec == std::errc() && ptr == token.data() + token.size()) ms = EpochNumberToMs(seconds);
    } else {
      ms = ParseFeedDate(known.published_at);
    }
    if (ms) {
      article.published_at_ms = ms;
    } else {
      article.repairs.push_back({"unparsed_date", article.published_at_raw, ""});
    }
  }
  if (invalid_bytes > 0) {
    article.repairs.push_back(
        {"invalid_utf8", "<" + std::to_string(invalid_bytes) + " invalid bytes>", "U+FFFD"});
  }
  return StageResult::Pass();
}

ParseStage::ParseStage(const Config& config) : impl_(std::make_unique<Impl>(config.limits)) {}

ParseStage::~ParseStage() = default;

StageResult ParseStage::Process(Article& article) { return impl_->Process(article); }

std::unique_ptr<Stage> MakeParseStage(const StageContext& context) {
  return std::make_unique<ParseStage>(context.config);
}

}  // namespace newsflow
