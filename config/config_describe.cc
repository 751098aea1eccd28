// IsSecretProperty and DescribeConfig (include/newsflow/config.h).
//
// Masking policy (docs/CONFIGURATION.md, "Secret masking"): when in doubt a
// value is masked. Logging a masked value costs a little debugging comfort;
// logging a credential cannot be undone.

#include <charconv>
#include <string_view>

#include "newsflow/config.h"

namespace newsflow {
namespace {

constexpr std::string_view kMask = "****";

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Values are written bare when that is unambiguous, else double-quoted with
// C-style escapes so that the summary stays on one line and splits cleanly.
void AppendValue(std::string_view value, std::string* out) {
  bool bare = !value.empty();
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f || c == '"' || c == '\\' || c == '=') bare = false;
  }
  if (bare) {
    out->append(value);
    return;
  }
  out->push_back('"');
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (u < 0x20 || u == 0x7f) {
          static constexpr char kHex[] = "0123456789abcdef";
          out->append("\\x");
          out->push_back(kHex[u >> 4]);
          out->push_back(kHex[u & 0xf]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

class Describer {
 public:
  void Add(std::string_view path, std::string_view value) {
    if (!out_.empty()) out_.push_back(' ');
    for (char c : path) {
      // Property names come from users; keep the summary on one line.
      auto u = static_cast<unsigned char>(c);
      out_.push_back(u <= 0x20 || u == 0x7f || c == '=' ? '?' : c);
    }
    out_.push_back('=');
    AppendValue(value, &out_);
  }
  void Add(std::string_view path, int64_t value) { Add(path, std::to_string(value)); }
  void Add(std::string_view path, double value) {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
    Add(path, ec == std::errc() ? std::string_view(buffer, end - buffer) : "?");
  }
  void Add(std::string_view path, const std::vector<std::string>& values) {
    std::string joined;
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) joined.push_back(',');
      joined += values[i];
    }
    Add(path, joined);
  }
  void Add(std::string_view path, const std::map<std::string, std::string>& properties) {
    for (const auto& [name, value] : properties) {
      std::string property_path = std::string(path) + "." + name;
      Add(property_path, IsSecretProperty(name) ? kMask : std::string_view(value));
    }
  }

  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace

bool IsSecretProperty(const std::string& name) {
  const std::string lower = Lower(name);
  // Credentials, or text that usually embeds them (JAAS lines, OAUTHBEARER
  // config and extensions, a kinit command line). Usernames and OAuth client
  // ids are masked too: they are half of a credential.
  static constexpr std::string_view kSecretParts[] = {
      "password",
      "passwd",
      "passphrase",
      "secret",
      "token",
      "jaas",
      "credential",
      "apikey",
      "api.key",
      "sasl.username",
      "sasl.oauthbearer.config",
      "sasl.oauthbearer.extensions",
      "sasl.oauthbearer.client.id",
      "kinit.cmd",
  };
  for (std::string_view part : kSecretParts) {
    if (Contains(lower, part)) return true;
  }
  // Key material (ssl.key.pem, ssl_key, ...), but not the paths that point at
  // it (ssl.key.location, ssl.keystore.location, sasl.kerberos.keytab): a
  // path is not a secret and is often what one needs to see when debugging.
  if (Contains(lower, "key")) {
    bool is_path =
        EndsWith(lower, ".location") || EndsWith(lower, ".file") || lower == "sasl.kerberos.keytab";
    return !is_path;
  }
  return false;
}

std::string DescribeConfig(const Config& config) {
  Describer d;
  const KafkaConfig& kafka = config.kafka;
  d.Add("kafka.brokers", kafka.brokers);
  d.Add("kafka.group_id", kafka.group_id);
  d.Add("kafka.input_topics", kafka.input_topics);
  d.Add("kafka.output_topic", kafka.output_topic);
  d.Add("kafka.dead_letter_topic", kafka.dead_letter_topic);
  d.Add("kafka.compression", kafka.compression);
  d.Add("kafka.commit_interval_ms", int64_t{kafka.commit_interval_ms});
  d.Add("kafka.statistics_interval_ms", int64_t{kafka.statistics_interval_ms});
  d.Add("kafka.properties", kafka.properties);
  d.Add("kafka.consumer_properties", kafka.consumer_properties);
  d.Add("kafka.producer_properties", kafka.producer_properties);

  const PipelineConfig& pipeline = config.pipeline;
  d.Add("pipeline.workers", int64_t{pipeline.workers});
  d.Add("pipeline.stages", pipeline.stages);
  d.Add("pipeline.ordering", pipeline.ordering == Ordering::kKey ? "key" : "partition");
  d.Add("pipeline.max_in_flight_records", pipeline.max_in_flight_records);
  d.Add("pipeline.max_in_flight_bytes", pipeline.max_in_flight_bytes);

  d.Add("limits.max_record_bytes", config.limits.max_record_bytes);
  d.Add("limits.max_json_depth", int64_t{config.limits.max_json_depth});
  d.Add("limits.max_invalid_utf8_ratio", config.limits.max_invalid_utf8_ratio);
  d.Add("limits.max_html_depth", config.limits.max_html_depth);
  d.Add("limits.max_html_elements", config.limits.max_html_elements);
  d.Add("tagging.duplicate_window", config.tagging.duplicate_window);
  d.Add("tagging.duplicate_max_distance", int64_t{config.tagging.duplicate_max_distance});
  d.Add("tagging.topics_model", config.tagging.topics_model);
  d.Add("tagging.topics_threshold", config.tagging.topics_threshold);
  d.Add("tagging.topics_max_labels", int64_t{config.tagging.topics_max_labels});
  d.Add("tagging.topics_model_language", config.tagging.topics_model_language);
  d.Add("tagging.ner_model", config.tagging.ner_model);
  d.Add("tagging.iso_3166_file", config.tagging.iso_3166_file);
  d.Add("tagging.places_table", config.tagging.places_table);
  d.Add("tagging.geonames_file", config.tagging.geonames_file);
  d.Add("tagging.keywords_model", config.tagging.keywords_model);
  d.Add("tagging.keywords_max", int64_t{config.tagging.keywords_max});

  d.Add("metrics.address", config.metrics.address);
  d.Add("health.stall_timeout_s", int64_t{config.health.stall_timeout_s});
  d.Add("shutdown.drain_timeout_ms", int64_t{config.shutdown.drain_timeout_ms});
  d.Add("shutdown.revoke_timeout_ms", int64_t{config.shutdown.revoke_timeout_ms});
  d.Add("log.level", config.log.level);
  d.Add("log.format", config.log.format);
  return d.Take();
}

}  // namespace newsflow
