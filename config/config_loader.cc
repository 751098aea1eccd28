// LoadConfig and ProcessEnvironment (include/newsflow/config.h).
//
// One table (kSettings) names every scalar and list setting once; the YAML
// walker, the environment reader and the override reader all resolve names
// through it, so a setting cannot be reachable from one source and not from
// another. Range checks run once, on the merged result, so a bad value from a
// lower-precedence source that a higher one replaces is not an error. Every
// assignment records where it came from, so a range error on the merged value
// still points at the file line, variable or flag that set it.

#include <regex.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>
#include <variant>

#include <yaml-cpp/yaml.h>

#include "config/size_parse.h"
#include "newsflow/config.h"

extern char** environ;

namespace newsflow {
namespace {

using StringField = std::string* (*)(Config*);
using ListField = std::vector<std::string>* (*)(Config*);
using IntField = int* (*)(Config*);
using Int64Field = int64_t* (*)(Config*);
using DoubleField = double* (*)(Config*);
using OrderingField = Ordering* (*)(Config*);
struct ByteSizeField {
  int64_t* (*get)(Config*);
};
using Field = std::variant<StringField, ListField, IntField, Int64Field, ByteSizeField, DoubleField,
                           OrderingField>;

struct Setting {
  std::string_view path;  // "section.key", identical to the struct member names
  Field field;
};

// The path string and the member access come from the same tokens, so they
// cannot drift apart.
// clang-format off
#define NEWSFLOW_SETTING(section, key) \
  Setting{#section "." #key, Field(+[](Config* c) { return &c->section.key; })}
#define NEWSFLOW_SIZE_SETTING(section, key) \
  Setting{#section "." #key, Field(ByteSizeField{+[](Config* c) { return &c->section.key; }})}
// clang-format on

const Setting kSettings[] = {
    NEWSFLOW_SETTING(kafka, brokers),
    NEWSFLOW_SETTING(kafka, group_id),
    NEWSFLOW_SETTING(kafka, input_topics),
    NEWSFLOW_SETTING(kafka, output_topic),
    NEWSFLOW_SETTING(kafka, dead_letter_topic),
    NEWSFLOW_SETTING(kafka, compression),
    NEWSFLOW_SETTING(kafka, commit_interval_ms),
    NEWSFLOW_SETTING(kafka, statistics_interval_ms),
    NEWSFLOW_SETTING(pipeline, workers),
    NEWSFLOW_SETTING(pipeline, stages),
    NEWSFLOW_SETTING(pipeline, ordering),
    NEWSFLOW_SETTING(pipeline, max_in_flight_records),
    NEWSFLOW_SIZE_SETTING(pipeline, max_in_flight_bytes),
    NEWSFLOW_SIZE_SETTING(limits, max_record_bytes),
    NEWSFLOW_SETTING(limits, max_json_depth),
    NEWSFLOW_SETTING(limits, max_invalid_utf8_ratio),
    NEWSFLOW_SETTING(limits, max_html_depth),
    NEWSFLOW_SETTING(limits, max_html_elements),
    NEWSFLOW_SETTING(tagging, duplicate_window),
    NEWSFLOW_SETTING(tagging, duplicate_max_distance),
    NEWSFLOW_SETTING(tagging, topics_model),
    NEWSFLOW_SETTING(tagging, topics_threshold),
    NEWSFLOW_SETTING(tagging, topics_max_labels),
    NEWSFLOW_SETTING(tagging, topics_model_language),
    NEWSFLOW_SETTING(tagging, ner_model),
    NEWSFLOW_SETTING(tagging, iso_3166_file),
    NEWSFLOW_SETTING(tagging, places_table),
    NEWSFLOW_SETTING(tagging, geonames_file),
    NEWSFLOW_SETTING(tagging, keywords_model),
    NEWSFLOW_SETTING(tagging, keywords_max),
    NEWSFLOW_SETTING(metrics, address),
    NEWSFLOW_SETTING(health, stall_timeout_s),
    NEWSFLOW_SETTING(shutdown, drain_timeout_ms),
    NEWSFLOW_SETTING(shutdown, revoke_timeout_ms),
    NEWSFLOW_SETTING(log, level),
    NEWSFLOW_SETTING(log, format),
};

#undef NEWSFLOW_SETTING
#undef NEWSFLOW_SIZE_SETTING

constexpr std::string_view kSections[] = {"kafka",   "pipeline", "limits",   "tagging",
                                          "metrics", "health",   "shutdown", "log"};

// librdkafka property maps: setting path, environment prefix, member.
struct PropertyMap {
  std::string_view path;
  std::string_view env_prefix;
  std::map<std::string, std::string>* (*get)(Config*);
};
const PropertyMap kPropertyMaps[] = {
    {"kafka.properties", "NEWSFLOW_KAFKA_PROPERTY_",
     +[](Config* c) { return &c->kafka.properties; }},
    {"kafka.consumer_properties", "NEWSFLOW_KAFKA_CONSUMER_PROPERTY_",
     +[](Config* c) { return &c->kafka.consumer_properties; }},
    {"kafka.producer_properties", "NEWSFLOW_KAFKA_PRODUCER_PROPERTY_",
     +[](Config* c) { return &c->kafka.producer_properties; }},
};

// librdkafka properties newsflow sets itself, and what to use instead.
struct ManagedProperty {
  std::string_view name;
  std::string_view instead;
};
const ManagedProperty kConsumerManaged[] = {
    {"bootstrap.servers", "set kafka.brokers instead"},
    {"metadata.broker.list", "set kafka.brokers instead"},
    {"group.id", "set kafka.group_id instead"},
    {"enable.auto.offset.store", "newsflow stores each offset itself once its record is delivered"},
    {"enable.auto.commit", "newsflow commits stored offsets every kafka.commit_interval_ms"},
    {"auto.commit.interval.ms", "set kafka.commit_interval_ms instead"},
    {"statistics.interval.ms", "set kafka.statistics_interval_ms instead"},
};
const ManagedProperty kProducerManaged[] = {
    {"bootstrap.servers", "set kafka.brokers instead"},
    {"metadata.broker.list", "set kafka.brokers instead"},
    {"compression.type", "set kafka.compression instead"},
    {"compression.codec", "set kafka.compression instead"},
};

constexpr std::string_view kEnvPrefix = "NEWSFLOW_";

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

// "pipeline.max_in_flight_bytes" -> "NEWSFLOW_PIPELINE_MAX_IN_FLIGHT_BYTES".
std::string EnvName(std::string_view path) {
  std::string name = std::string(kEnvPrefix) + Upper(path);
  std::replace(name.begin(), name.end(), '.', '_');
  return name;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// "a, b,c" -> {"a", "b", "c"}; "" -> {}. Empty items are kept so that
// validation can name them.
std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  if (Trim(text).empty()) return items;
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    std::string_view item = text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    items.emplace_back(Trim(item));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return items;
}

std::string Join(const std::vector<std::string_view>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::string Quote(std::string_view text) { return "'" + std::string(text) + "'"; }

const Setting* FindSetting(std::string_view path) {
  for (const Setting& setting : kSettings) {
    if (setting.path == path) return &setting;
  }
  return nullptr;
}

const PropertyMap* FindPropertyMap(std::string_view path) {
  for (const PropertyMap& map : kPropertyMaps) {
    if (map.path == path) return &map;
  }
  return nullptr;
}

std::string SectionList() {
  return Join(std::vector<std::string_view>(std::begin(kSections), std::end(kSections)), ", ");
}

bool IsSection(std::string_view name) {
  return std::find(std::begin(kSections), std::end(kSections), name) != std::end(kSections);
}

// The keys of one section, for "unknown setting" messages.
std::string KeysOf(std::string_view section) {
  std::vector<std::string_view> keys;
  for (const Setting& setting : kSettings) {
    std::string_view path = setting.path;
    if (path.substr(0, path.find('.')) == section) keys.push_back(path.substr(path.find('.') + 1));
  }
  for (const PropertyMap& map : kPropertyMaps) {
    std::string_view path = map.path;
    if (path.substr(0, path.find('.')) == section) keys.push_back(path.substr(path.find('.') + 1));
  }
  return Join(keys, ", ");
}

bool IsValidTopicName(std::string_view name) {
  if (name.empty() || name.size() > 249 || name == "." || name == "..") return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

// A compiled POSIX extended regex, freed on scope exit.
class Regex {
 public:
  explicit Regex(const std::string& pattern) {
    status_ = regcomp(&regex_, pattern.c_str(), REG_EXTENDED | REG_NOSUB);
  }
  ~Regex() {
    if (status_ == 0) regfree(&regex_);
  }
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  bool ok() const { return status_ == 0; }
  std::string ErrorText() const {
    char buffer[256];
    regerror(status_, &regex_, buffer, sizeof(buffer));
    return buffer;
  }
  bool Matches(const std::string& text) const {
    return regexec(&regex_, text.c_str(), 0, nullptr, 0) == 0;
  }

 private:
  regex_t regex_{};
  int status_ = 0;
};

bool IsValidHostName(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  size_t label_length = 0;
  for (char c : host) {
    if (c == '.') {
      if (label_length == 0) return false;
      label_length = 0;
      continue;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok || ++label_length > 63) return false;
  }
  return label_length > 0;
}

// Checks "host:port"; on failure sets `why`.
bool IsValidListenAddress(std::string_view address, std::string* why) {
  std::string_view host;
  std::string_view port;
  if (!address.empty() && address.front() == '[') {
    size_t close = address.find(']');
    if (close == std::string_view::npos || close + 1 >= address.size() ||
        address[close + 1] != ':') {
      *why = "must be [IPv6]:port";
      return false;
    }
    std::string ipv6(address.substr(1, close - 1));
    in6_addr parsed{};
    if (inet_pton(AF_INET6, ipv6.c_str(), &parsed) != 1) {
      *why = Quote(ipv6) + " is not an IPv6 address";
      return false;
    }
    port = address.substr(close + 2);
  } else {
    size_t colon = address.rfind(':');
    if (colon == std::string_view::npos) {
      *why = "must be host:port (e.g. 127.0.0.1:9464, 0.0.0.0:9464, [::1]:9464), or empty";
      return false;
    }
    host = address.substr(0, colon);
    port = address.substr(colon + 1);
    if (host.find(':') != std::string_view::npos) {
      *why = "an IPv6 host must be written in brackets, e.g. [::1]:9464";
      return false;
    }
    if (host.empty()) {
      *why = "needs a host; use 0.0.0.0:<port> to listen on every interface";
      return false;
    }
    bool numeric = std::all_of(host.begin(), host.end(),
                               [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    if (numeric) {
      in_addr parsed{};
      if (inet_pton(AF_INET, std::string(host).c_str(), &parsed) != 1) {
        *why = Quote(host) + " is not an IPv4 address";
        return false;
      }
    } else if (!IsValidHostName(host)) {
      *why = Quote(host) + " is not a valid host name";
      return false;
    }
  }
  int64_t port_number = 0;
  bool digits_only = !port.empty() && std::all_of(port.begin(), port.end(),
                                                  [](char c) { return c >= '0' && c <= '9'; });
  if (!digits_only || !ParseInteger(port, &port_number) || port_number < 1 || port_number > 65535) {
    *why = "port must be a number from 1 to 65535, got " + Quote(port);
    return false;
  }
  return true;
}

class Loader {
 public:
  Loader(Config* config, ConfigError* error) : config_(config), error_(error) {}

  bool LoadYamlFile(const std::string& path);
  bool LoadEnvironment(const std::map<std::string, std::string>& environment);
  bool LoadOverrides(const ConfigOverrides& overrides);
  bool Validate();

 private:
  bool Fail(std::string setting, std::string message) {
    error_->setting = std::move(setting);
    error_->message = std::move(message);
    return false;
  }
  // " (in x.yaml line 3)" for a setting that was set somewhere, else "".
  std::string OriginOf(const std::string& path) const {
    auto it = origins_.find(path);
    return it == origins_.end() ? std::string() : " (" + it->second + ")";
  }
  bool FailAt(const std::string& path, const std::string& message) {
    return Fail(path, message + OriginOf(path));
  }

  bool AssignText(const Setting& setting, const std::string& text, const std::string& origin);
  bool AssignList(const Setting& setting, std::vector<std::string> items,
                  const std::string& origin);
  void AssignProperty(const PropertyMap& map, const std::string& name, const std::string& value,
                      const std::string& origin);

  bool WalkYamlSection(const std::string& file, const std::string& section, const YAML::Node& node);
  bool ApplyYamlSetting(const std::string& file, const Setting& setting, const YAML::Node& value);
  bool ApplyYamlProperties(const std::string& file, const PropertyMap& map,
                           const YAML::Node& value);

  bool CheckRange(const std::string& path, int64_t value, int64_t min, int64_t max,
                  std::string_view unit = "");
  bool CheckOneOf(const std::string& path, const std::string& value,
                  std::initializer_list<std::string_view> allowed);
  bool CheckTopics();
  bool CheckProperties(const PropertyMap& map, bool consumer, bool producer);

  Config* config_;
  ConfigError* error_;
  std::map<std::string, std::string> origins_;  // setting path -> where it was last set
};

bool Loader::AssignText(const Setting& setting, const std::string& text,
                        const std::string& origin) {
  std::string path(setting.path);
  std::string where = " (" + origin + ")";
  bool ok = std::visit(
      [&](auto field) -> bool {
        using T = decltype(field);
        if constexpr (std::is_same_v<T, StringField>) {
          *field(config_) = text;
        } else if constexpr (std::is_same_v<T, ListField>) {
          *field(config_) = SplitList(text);
        } else if constexpr (std::is_same_v<T, IntField>) {
          int64_t value = 0;
          if (!ParseInteger(text, &value)) {
            return Fail(path, "must be an integer, got " + Quote(text) + where);
          }
          if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
            return Fail(path, "is out of range, got " + Quote(text) + where);
          }
          *field(config_) = static_cast<int>(value);
        } else if constexpr (std::is_same_v<T, Int64Field>) {
          if (!ParseInteger(text, field(config_))) {
            return Fail(path, "must be an integer, got " + Quote(text) + where);
          }
        } else if constexpr (std::is_same_v<T, ByteSizeField>) {
          std::string why;
          if (!ParseByteSize(text, field.get(config_), &why)) {
            return Fail(path, "must be a byte size such as 1048576, 512KiB, 256MiB or 1GiB; " +
                                  Quote(text) + " " + why + where);
          }
        } else if constexpr (std::is_same_v<T, DoubleField>) {
          if (!ParseDouble(text, field(config_))) {
            return Fail(path, "must be a number such as 0.01, got " + Quote(text) + where);
          }
        } else if constexpr (std::is_same_v<T, OrderingField>) {
          if (text == "partition") {
            *field(config_) = Ordering::kPartition;
          } else if (text == "key") {
            *field(config_) = Ordering::kKey;
          } else {
            return Fail(path, "must be partition or key, got " + Quote(text) + where);
          }
        }
        return true;
      },
      setting.field);
  if (ok) origins_[path] = origin;
  return ok;
}

bool Loader::AssignList(const Setting& setting, std::vector<std::string> items,
                        const std::string& origin) {
  *std::get<ListField>(setting.field)(config_) = std::move(items);
  origins_[std::string(setting.path)] = origin;
  return true;
}

void Loader::AssignProperty(const PropertyMap& map, const std::string& name,
                            const std::string& value, const std::string& origin) {
  (*map.get(config_))[name] = value;
  origins_[std::string(map.path) + "." + name] = origin;
}

// ---- YAML

std::string LineOf(const std::string& file, const YAML::Node& node) {
  YAML::Mark mark = node.Mark();
  if (mark.is_null()) return "in " + file;
  return "in " + file + " line " + std::to_string(mark.line + 1);
}

std::string TypeName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Scalar:
      return "a single value";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Undefined:
      break;
  }
  return "an undefined node";
}

// Plain (unquoted) YAML 1.1 booleans are normalised to what librdkafka
// expects; quoted strings are passed through untouched.
std::string PropertyValueOf(const YAML::Node& node) {
  const std::string& text = node.Scalar();
  if (node.Tag() != "?") return text;
  std::string lower = Lower(text);
  if (lower == "true" || lower == "yes" || lower == "on") return "true";
  if (lower == "false" || lower == "no" || lower == "off") return "false";
  return text;
}

bool Loader::LoadYamlFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Fail(path, "cannot read configuration file: it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Fail(path, std::string("cannot open configuration file: ") + std::strerror(errno));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) {
    return Fail(path, "cannot read configuration file");
  }

  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(contents.str());
  } catch (const YAML::ParserException& e) {
    return Fail(path, "invalid YAML at line " + std::to_string(e.mark.line + 1) + " column " +
                          std::to_string(e.mark.column + 1) + ": " + e.msg);
  } catch (const YAML::Exception& e) {
    return Fail(path, std::string("invalid YAML: ") + e.what());
  }
  if (documents.size() > 1) {
    return Fail(path, "holds " + std::to_string(documents.size()) +
                          " YAML documents; a configuration file holds one");
  }
  if (documents.empty() || documents[0].IsNull()) return true;

  const YAML::Node& root = documents[0];
  try {
    if (!root.IsMap()) {
      return Fail(path, "the top level must be a mapping of sections (" + SectionList() +
                            "), found " + TypeName(root) + " " + LineOf(path, root));
    }
    std::set<std::string> seen;
    for (const auto& entry : root) {
      if (!entry.first.IsScalar()) {
        return Fail(path, "section names must be plain words " + LineOf(path, entry.first));
      }
      const std::string& section = entry.first.Scalar();
      if (!IsSection(section)) {
        return Fail(section, "unknown section " + LineOf(path, entry.first) + "; sections are " +
                                 SectionList());
      }
      if (!seen.insert(section).second) {
        return Fail(section, "section appears twice " + LineOf(path, entry.first));
      }
      if (!WalkYamlSection(path, section, entry.second)) return false;
    }
  } catch (const YAML::Exception& e) {
    // Not expected: the walker only uses non-throwing accessors after type checks.
    return Fail(path, std::string("cannot read YAML: ") + e.what());
  }
  return true;
}

bool Loader::WalkYamlSection(const std::string& file, const std::string& section,
                             const YAML::Node& node) {
  if (node.IsNull()) return true;  // "kafka:" with nothing under it
  if (!node.IsMap()) {
    return Fail(section, "must be a mapping of settings, found " + TypeName(node) + " " +
                             LineOf(file, node));
  }
  std::set<std::string> seen;
  for (const auto& entry : node) {
    if (!entry.first.IsScalar()) {
      return Fail(section, "setting names must be plain words " + LineOf(file, entry.first));
    }
    std::string path = section + "." + entry.first.Scalar();
    if (!seen.insert(path).second) {
      return Fail(path, "setting appears twice " + LineOf(file, entry.first));
    }
    if (const PropertyMap* map = FindPropertyMap(path)) {
      if (!ApplyYamlProperties(file, *map, entry.second)) return false;
      continue;
    }
    const Setting* setting = FindSetting(path);
    if (setting == nullptr) {
      return Fail(path, "unknown setting " + LineOf(file, entry.first) + "; " + section +
                            " settings are " + KeysOf(section));
    }
    if (!ApplyYamlSetting(file, *setting, entry.second)) return false;
  }
  return true;
}

bool Loader::ApplyYamlSetting(const std::string& file, const Setting& setting,
                              const YAML::Node& value) {
  std::string path(setting.path);
  std::string origin = LineOf(file, value);
  bool is_list = std::holds_alternative<ListField>(setting.field);
  if (value.IsScalar()) {
    if (is_list) return AssignList(setting, {value.Scalar()}, origin);
    return AssignText(setting, value.Scalar(), origin);
  }
  if (is_list && value.IsSequence()) {
    std::vector<std::string> items;
    for (const auto& item : value) {
      if (!item.IsScalar()) {
        return Fail(path, "list items must be single values, found " + TypeName(item) + " " +
                              LineOf(file, item));
      }
      items.push_back(item.Scalar());
    }
    return AssignList(setting, std::move(items), origin);
  }
  std::string expected = is_list ? "a list or a single value" : "a single value";
  std::string hint = value.IsNull() ? " (write \"\" for an empty string)" : "";
  return Fail(path, "must be " + expected + ", found " + TypeName(value) + hint + " " + origin);
}

bool Loader::ApplyYamlProperties(const std::string& file, const PropertyMap& map,
                                 const YAML::Node& value) {
  std::string path(map.path);
  if (value.IsNull()) return true;
  if (!value.IsMap()) {
    return Fail(path, "must be a mapping of librdkafka property names to values, found " +
                          TypeName(value) + " " + LineOf(file, value));
  }
  std::set<std::string> seen;
  for (const auto& entry : value) {
    if (!entry.first.IsScalar()) {
      return Fail(path, "property names must be single values " + LineOf(file, entry.first));
    }
    const std::string& name = entry.first.Scalar();
    std::string property_path = path + "." + name;
    if (!seen.insert(name).second) {
      return Fail(property_path, "property appears twice " + LineOf(file, entry.first));
    }
    if (!entry.second.IsScalar()) {
      return Fail(property_path, "must be a single value (string, number or boolean), found " +
                                     TypeName(entry.second) + " " + LineOf(file, entry.second));
    }
    AssignProperty(map, name, PropertyValueOf(entry.second), LineOf(file, entry.second));
  }
  return true;
}

// ---- environment and overrides

bool Loader::LoadEnvironment(const std::map<std::string, std::string>& environment) {
  for (const auto& [name, value] : environment) {
    if (name.compare(0, kEnvPrefix.size(), kEnvPrefix) != 0) continue;
    std::string origin = "from environment variable " + name;
    bool handled = false;
    for (const PropertyMap& map : kPropertyMaps) {
      if (name.compare(0, map.env_prefix.size(), map.env_prefix) != 0) continue;
      std::string property = Lower(std::string_view(name).substr(map.env_prefix.size()));
      std::replace(property.begin(), property.end(), '_', '.');
      AssignProperty(map, property, value, origin);
      handled = true;
      break;
    }
    if (handled) continue;
    for (const Setting& setting : kSettings) {
      if (EnvName(setting.path) != name) continue;
      if (!AssignText(setting, value, origin)) return false;
      break;
    }
    // Any other NEWSFLOW_* variable is ignored on purpose: Kubernetes injects
    // NEWSFLOW_SERVICE_HOST, NEWSFLOW_PORT_... for a Service named newsflow.
  }
  return true;
}

bool Loader::LoadOverrides(const ConfigOverrides& overrides) {
  const std::string origin = "from the command line";
  for (const auto& [path, value] : overrides) {
    if (const Setting* setting = FindSetting(path)) {
      if (!AssignText(*setting, value, origin)) return false;
      continue;
    }
    bool handled = false;
    for (const PropertyMap& map : kPropertyMaps) {
      std::string prefix = std::string(map.path) + ".";
      if (path == map.path || path.compare(0, prefix.size(), prefix) == 0) {
        if (path.size() <= prefix.size()) {
          return Fail(path,
                      "needs a librdkafka property name: " + prefix + "<name>=<value> " + origin);
        }
        AssignProperty(map, path.substr(prefix.size()), value, origin);
        handled = true;
        break;
      }
    }
    if (handled) continue;
    std::string_view section = std::string_view(path).substr(0, path.find('.'));
    if (IsSection(section) && path.size() > section.size()) {
      return Fail(path, "unknown setting (" + origin + "); " + std::string(section) +
                            " settings are " + KeysOf(section));
    }
    return Fail(path, "unknown setting (" + origin + "); settings are <section>.<key> with " +
                          "sections " + SectionList());
  }
  return true;
}

// ---- validation

bool Loader::CheckRange(const std::string& path, int64_t value, int64_t min, int64_t max,
                        std::string_view unit) {
  if (value >= min && value <= max) return true;
  std::string suffix = unit.empty() ? "" : " " + std::string(unit);
  std::string got = ", got " + std::to_string(value);
  if (max == std::numeric_limits<int64_t>::max() || max == std::numeric_limits<int>::max()) {
    return FailAt(path, "must be at least " + std::to_string(min) + suffix + got);
  }
  return FailAt(path, "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                          suffix + got);
}

bool Loader::CheckOneOf(const std::string& path, const std::string& value,
                        std::initializer_list<std::string_view> allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return true;
  return FailAt(path, "must be one of " + Join(std::vector<std::string_view>(allowed), ", ") +
                          ", got " + Quote(value));
}

bool Loader::CheckTopics() {
  const KafkaConfig& kafka = config_->kafka;
  if (kafka.input_topics.empty()) {
    return FailAt("kafka.input_topics", "must list at least one topic or ^regex");
  }
  std::vector<const std::string*> patterns;
  for (const std::string& topic : kafka.input_topics) {
    if (!topic.empty() && topic.front() == '^') {
      Regex regex(topic);
      if (!regex.ok()) {
        return FailAt("kafka.input_topics", Quote(topic) +
                                                " is not a valid POSIX extended regular "
                                                "expression: " +
                                                regex.ErrorText());
      }
      patterns.push_back(&topic);
    } else if (!IsValidTopicName(topic)) {
      return FailAt("kafka.input_topics",
                    Quote(topic) +
                        " is not a valid topic name (1 to 249 characters of A-Z a-z 0-9 . _ -) "
                        "nor a regular expression (starting with ^)");
    }
  }
  const std::pair<const char*, const std::string*> outputs[] = {
      {"kafka.output_topic", &kafka.output_topic},
      {"kafka.dead_letter_topic", &kafka.dead_letter_topic}};
  for (const auto& [path, topic] : outputs) {
    if (!IsValidTopicName(*topic)) {
      return FailAt(path, Quote(*topic) +
                              " is not a valid topic name (1 to 249 characters of A-Z a-z 0-9 "
                              ". _ -)");
    }
  }
  if (kafka.output_topic == kafka.dead_letter_topic) {
    return FailAt("kafka.dead_letter_topic", "must differ from kafka.output_topic (both are " +
                                                 Quote(kafka.output_topic) + ")");
  }
  // Consuming what we produce would loop records forever.
  for (const auto& [path, topic] : outputs) {
    for (const std::string& input : kafka.input_topics) {
      if (input == *topic) {
        return FailAt(
            path, Quote(*topic) + " is also an input topic; newsflow would consume its own output");
      }
    }
    for (const std::string* pattern : patterns) {
      if (Regex(*pattern).Matches(*topic)) {
        std::string origin = OriginOf(path);
        if (origin.empty()) origin = OriginOf("kafka.input_topics");
        return Fail(path, Quote(*topic) + " matches the input topic pattern " + Quote(*pattern) +
                              "; newsflow would consume its own output" + origin);
      }
    }
  }
  return true;
}

bool Loader::CheckProperties(const PropertyMap& map, bool consumer, bool producer) {
  for (const auto& [name, value] : *map.get(config_)) {
    std::string path = std::string(map.path) + "." + name;
    if (name.empty()) {
      return Fail(std::string(map.path),
                  "librdkafka property names must not be empty" + OriginOf(path));
    }
    if (std::any_of(name.begin(), name.end(), [](char c) {
          return IsSpace(c) || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
        })) {
      return FailAt(path, "librdkafka property names must not contain whitespace");
    }
    std::string lower = Lower(name);
    auto check = [&](const auto& managed, std::string_view client) -> bool {
      for (const ManagedProperty& property : managed) {
        if (lower != property.name) continue;
        return FailAt(path, "the " + std::string(client) + " property " + Quote(name) +
                                " is managed by newsflow and cannot be set; " +
                                std::string(property.instead));
      }
      return true;
    };
    if (consumer && !check(kConsumerManaged, "consumer")) return false;
    if (producer && !check(kProducerManaged, "producer")) return false;
  }
  return true;
}

bool Loader::Validate() {
  constexpr int64_t kIntMax = std::numeric_limits<int>::max();
  constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
  const Config& c = *config_;

  if (Trim(c.kafka.brokers).empty()) {
    return FailAt("kafka.brokers", "must not be empty; give host:port[,host:port...]");
  }
  if (c.kafka.group_id.empty()) {
    return FailAt("kafka.group_id", "must not be empty");
  }
  if (!CheckTopics()) return false;
  if (!CheckOneOf("kafka.compression", c.kafka.compression,
                  {"none", "gzip", "snappy", "lz4", "zstd"})) {
    return false;
  }
  if (!CheckRange("kafka.commit_interval_ms", c.kafka.commit_interval_ms, 1, 3600000)) return false;
  if (!CheckRange("kafka.statistics_interval_ms", c.kafka.statistics_interval_ms, 0, 3600000)) {
    return false;
  }
  if (!CheckProperties(kPropertyMaps[0], true, true)) return false;
  if (!CheckProperties(kPropertyMaps[1], true, false)) return false;
  if (!CheckProperties(kPropertyMaps[2], false, true)) return false;

  if (!CheckRange("pipeline.workers", c.pipeline.workers, 0, 1024)) return false;
  if (c.pipeline.stages.empty()) {
    return FailAt("pipeline.stages", "must list at least one stage");
  }
  for (const std::string& stage : c.pipeline.stages) {
    if (Trim(stage).empty()) return FailAt("pipeline.stages", "stage names must not be empty");
  }
  if (!CheckRange("pipeline.max_in_flight_records", c.pipeline.max_in_flight_records, 1,
                  kInt64Max)) {
    return false;
  }
  if (!CheckRange("pipeline.max_in_flight_bytes", c.pipeline.max_in_flight_bytes, 1024, kInt64Max,
                  "bytes")) {
    return false;
  }

  if (!CheckRange("limits.max_record_bytes", c.limits.max_record_bytes, 1024, int64_t{1} << 30,
                  "bytes (1KiB to 1GiB)")) {
    return false;
  }
  if (!CheckRange("limits.max_json_depth", c.limits.max_json_depth, 1, 1024)) return false;
  if (!CheckRange("limits.max_html_depth", c.limits.max_html_depth, 64, 100000)) return false;
  if (!CheckRange("tagging.duplicate_window", c.tagging.duplicate_window, 1, 100000000)) {
    return false;
  }
  if (!CheckRange("tagging.duplicate_max_distance", c.tagging.duplicate_max_distance, 0, 3)) {
    return false;
  }
  if (!(c.tagging.topics_threshold >= 0.0 && c.tagging.topics_threshold <= 1.0)) {
    return FailAt("tagging.topics_threshold", "must be between 0 and 1");
  }
  if (!CheckRange("tagging.topics_max_labels", c.tagging.topics_max_labels, 0, 1000)) return false;
  if (!CheckRange("tagging.keywords_max", c.tagging.keywords_max, 1, 1000)) return false;
  if (!CheckRange("limits.max_html_elements", c.limits.max_html_elements, 1000, 50000000)) {
    return false;
  }
  double ratio = c.limits.max_invalid_utf8_ratio;
  if (!(ratio >= 0.0 && ratio <= 1.0)) {
    return FailAt("limits.max_invalid_utf8_ratio", "must be between 0 and 1");
  }

  std::string why;
  if (!c.metrics.address.empty() && !IsValidListenAddress(c.metrics.address, &why)) {
    return FailAt("metrics.address", Quote(c.metrics.address) + ": " + why);
  }

  if (!CheckRange("health.stall_timeout_s", c.health.stall_timeout_s, 1, kIntMax, "seconds")) {
    return false;
  }
  if (!CheckRange("shutdown.drain_timeout_ms", c.shutdown.drain_timeout_ms, 0, kIntMax)) {
    return false;
  }
  if (!CheckRange("shutdown.revoke_timeout_ms", c.shutdown.revoke_timeout_ms, 0, kIntMax)) {
    return false;
  }

  if (!CheckOneOf("log.level", c.log.level,
                  {"trace", "debug", "info", "warn", "error", "critical", "off"})) {
    return false;
  }
  return CheckOneOf("log.format", c.log.format, {"json", "text"});
}

}  // namespace

bool LoadConfig(const std::string& yaml_path, const std::map<std::string, std::string>& environment,
                const ConfigOverrides& overrides, Config* config, ConfigError* error) {
  // *config is only written on success.
  Config merged;
  ConfigError ignored;
  Loader loader(&merged, error != nullptr ? error : &ignored);
  if (!yaml_path.empty() && !loader.LoadYamlFile(yaml_path)) return false;
  if (!loader.LoadEnvironment(environment)) return false;
  if (!loader.LoadOverrides(overrides)) return false;
  if (!loader.Validate()) return false;
  *config = std::move(merged);
  return true;
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> environment;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    size_t equals = text.find('=');
    if (equals == std::string_view::npos) continue;
    environment.emplace(std::string(text.substr(0, equals)), std::string(text.substr(equals + 1)));
  }
  return environment;
}

}  // namespace newsflow
