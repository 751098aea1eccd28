// newsflow's configuration: plain structs with defaults.
//
// Sources, lowest to highest precedence (docs/CONFIGURATION.md):
//   1. the defaults below,
//   2. the YAML file given with --config,
//   3. environment variables NEWSFLOW_<SECTION>_<KEY> (e.g. NEWSFLOW_KAFKA_BROKERS),
//   4. command-line flags (--brokers, --workers, ...).
// Every setting is validated in one place (LoadConfig); an unknown key or a
// bad value is an error naming the setting, and the executable exits with 2.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace newsflow {

// Which records must keep their relative order in the output topic.
enum class Ordering {
  kPartition,  // records of one input partition (default)
  kKey,        // records with the same Kafka key (null key: by partition)
};

struct KafkaConfig {
  // bootstrap.servers for consumer and producer.
  std::string brokers = "127.0.0.1:9092";
  // Consumer group shared by every instance.
  std::string group_id = "newsflow";
  // Input topics; an entry starting with '^' is a regular expression.
  std::vector<std::string> input_topics = {"articles.raw"};
  // Where enriched records go.
  std::string output_topic = "articles.enriched";
  // Where records that cannot be processed go, with their reason.
  std::string dead_letter_topic = "articles.dead-letter";
  // Producer compression.type: none, gzip, snappy, lz4 or zstd.
  std::string compression = "lz4";
  // How often stored offsets are committed (auto.commit.interval.ms).
  int commit_interval_ms = 1000;
  // librdkafka statistics interval; drives the lag metrics. 0 disables them.
  int statistics_interval_ms = 5000;
  // librdkafka properties applied to both clients (security settings...).
  std::map<std::string, std::string> properties;
  // librdkafka properties for the consumer only; override `properties`.
  std::map<std::string, std::string> consumer_properties;
  // librdkafka properties for the producer only; override `properties`.
  std::map<std::string, std::string> producer_properties;
};

struct PipelineConfig {
  // Worker threads; 0 means one per available core.
  int workers = 0;
  // Stage names, in order. The publisher is always appended.
  std::vector<std::string> stages = {
      "parse",    "normalize_text",  "lead",     "boilerplate", "residue_repair",
      "language", "near_duplicates", "entities", "places",      "topics",
      "keywords", "dates",           "amounts"};
  Ordering ordering = Ordering::kPartition;
  // Bound on records between consume and broker acknowledgement.
  int64_t max_in_flight_records = 10000;
  // Bound on the raw bytes of those records.
  int64_t max_in_flight_bytes = 256LL << 20;
};

struct LimitsConfig {
  // Records larger than this are dead-lettered unparsed (reason too_large).
  int64_t max_record_bytes = 4LL << 20;
  // Deepest JSON nesting accepted (reason too_deep beyond it).
  int max_json_depth = 64;
  // Share of invalid UTF-8 bytes in the record up to which the bytes are
  // replaced by U+FFFD; above it the record is dead-lettered (invalid_utf8).
  double max_invalid_utf8_ratio = 0.01;
  // HTML bodies nested deeper than this (estimated by a linear pre-scan) are
  // dead-lettered unparsed (reason too_deep): the HTML parser's time grows
  // with depth.
  int64_t max_html_depth = 2048;
  // HTML bodies with more elements (start tags) than this are dead-lettered
  // unparsed (reason too_large): bounds the parser's memory, ~300 B/element.
  int64_t max_html_elements = 200000;
};

struct TaggingConfig {
  // Near-duplicate detection: how many recent articles the per-instance
  // index remembers (a few hundred bytes each).
  int64_t duplicate_window = 100000;
  // Largest SimHash Hamming distance flagged as a near duplicate (0..3).
  int duplicate_max_distance = 3;
  // Model and data files below: an absolute path, or a relative one looked
  // up as util/data_path.h explains (working directory, NEWSFLOW_DATA_DIR,
  // the installed share/newsflow, the source tree). A file that cannot be
  // found or loaded stops the start with exit code 2.
  //
  // fastText topic model (.bin or .ftz) for the `topics` stage.
  std::string topics_model = "models/topics/reuters.ftz";
  // Minimum probability of a reported topic (0..1).
  double topics_threshold = 0.3;
  // At most this many topics per article (0: no limit).
  int topics_max_labels = 5;
  // ISO 639-1 language the topic model was trained on; other languages skip.
  std::string topics_model_language = "en";
  // Named-entity model of the `entities` stage (newsflow train ner).
  std::string ner_model = "models/ner/conll2003-en.nfner";
  // Debian iso-codes' ISO 3166-1 list (country codes and names), read at
  // start by the `places` stage.
  std::string iso_3166_file = "/usr/share/iso-codes/json/iso_3166-1.json";
  // The project's table of capitals and major cities with coordinates.
  std::string places_table = "models/places/cities.tsv";
  // Optional GeoNames dump (cities15000.txt, allCountries.txt format) loaded
  // in addition to the table; "" for none.
  std::string geonames_file;
  // Background document frequencies of the `keywords` stage.
  std::string keywords_model = "models/keywords/background.tsv";
  // At most this many key phrases per article.
  int keywords_max = 10;
};

struct MetricsConfig {
  // host:port of the HTTP server for /metrics, /healthz and /readyz.
  // An empty string disables the server.
  std::string address = "127.0.0.1:9464";
};

struct HealthConfig {
  // /readyz fails when a partition with lag commits no progress this long.
  int stall_timeout_s = 300;
};

struct ShutdownConfig {
  // On SIGTERM/SIGINT, how long in-flight records may take to finish.
  int drain_timeout_ms = 30000;
  // On revoke, how long in-flight records of revoked partitions may take.
  int revoke_timeout_ms = 10000;
};

struct LogConfig {
  // trace, debug, info, warn, error, critical or off.
  std::string level = "info";
  // json (one object per line) or text.
  std::string format = "json";
};

struct Config {
  KafkaConfig kafka;
  PipelineConfig pipeline;
  LimitsConfig limits;
  TaggingConfig tagging;
  MetricsConfig metrics;
  HealthConfig health;
  ShutdownConfig shutdown;
  LogConfig log;
};

// Settings from the command line, already split by the CLI parser. Each entry
// is a dotted setting path ("kafka.brokers") and its textual value; lists are
// comma-separated.
using ConfigOverrides = std::vector<std::pair<std::string, std::string>>;

struct ConfigError {
  std::string setting;  // dotted path of the offending setting, or the file
  std::string message;
};

// Builds the effective configuration. `yaml_path` may be empty (no file).
// `environment` is the process environment (tests pass their own).
// Returns false and fills `error` on the first problem found.
bool LoadConfig(const std::string& yaml_path, const std::map<std::string, std::string>& environment,
                const ConfigOverrides& overrides, Config* config, ConfigError* error);

// The environment of this process, as a map.
std::map<std::string, std::string> ProcessEnvironment();

// True for librdkafka property names whose values must never be logged.
bool IsSecretProperty(const std::string& name);

// A printable one-line summary of the config with secrets masked.
std::string DescribeConfig(const Config& config);

}  // namespace newsflow
