#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "config/size_parse.h"
#include "newsflow/config.h"
#include "tests/unit/scoped_temp_dir.h"

namespace newsflow {
namespace {

using Env = std::map<std::string, std::string>;

class ConfigLoaderTest : public ::testing::Test {
 protected:
  std::string WriteYaml(const std::string& text, const std::string& file = "newsflow.yaml") {
    std::string path = (dir_ / file).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  bool Load(const std::string& yaml_path, const Env& env = {},
            const ConfigOverrides& overrides = {}) {
    config_ = Config();
    error_ = ConfigError();
    return LoadConfig(yaml_path, env, overrides, &config_, &error_);
  }
  bool LoadYaml(const std::string& text, const Env& env = {},
                const ConfigOverrides& overrides = {}) {
    yaml_path_ = WriteYaml(text);
    return Load(yaml_path_, env, overrides);
  }
  bool LoadOverride(const std::string& path, const std::string& value) {
    return Load("", {}, {{path, value}});
  }

  ScopedTempDir temp_{"config_loader_test"};
  const std::filesystem::path& dir_ = temp_.path();
  std::string yaml_path_;
  Config config_;
  ConfigError error_;
};

std::string ErrorText(const ConfigError& error) { return error.setting + ": " + error.message; }

// ---- defaults and sources

TEST_F(ConfigLoaderTest, NoSourcesYieldsTheStructDefaults) {
  ASSERT_TRUE(Load("")) << ErrorText(error_);
  EXPECT_EQ(DescribeConfig(config_), DescribeConfig(Config()));
  EXPECT_EQ(config_.kafka.brokers, "127.0.0.1:9092");
  EXPECT_EQ(config_.kafka.input_topics, std::vector<std::string>({"articles.raw"}));
  EXPECT_EQ(config_.pipeline.max_in_flight_bytes, 256LL << 20);
  EXPECT_EQ(config_.pipeline.ordering, Ordering::kPartition);
  EXPECT_TRUE(config_.kafka.properties.empty());
}

TEST_F(ConfigLoaderTest, EmptyYamlFileKeepsDefaults) {
  ASSERT_TRUE(LoadYaml("")) << ErrorText(error_);
  EXPECT_EQ(DescribeConfig(config_), DescribeConfig(Config()));
}

TEST_F(ConfigLoaderTest, CommentOnlyYamlFileKeepsDefaults) {
  ASSERT_TRUE(LoadYaml("# nothing here\n\n# still nothing\n")) << ErrorText(error_);
  EXPECT_EQ(DescribeConfig(config_), DescribeConfig(Config()));
}

TEST_F(ConfigLoaderTest, EmptySectionIsAllowed) {
  ASSERT_TRUE(LoadYaml("kafka:\npipeline: {}\n")) << ErrorText(error_);
  EXPECT_EQ(DescribeConfig(config_), DescribeConfig(Config()));
}

TEST_F(ConfigLoaderTest, YamlOverridesEverySetting) {
  ASSERT_TRUE(LoadYaml(R"(
kafka:
  brokers: broker-1:9092,broker-2:9092
  group_id: enrichers
  input_topics: [news.raw, "^feeds\\..*"]
  output_topic: news.enriched
  dead_letter_topic: news.dlq
  compression: zstd
  commit_interval_ms: 250
  statistics_interval_ms: 0
  properties:
    security.protocol: SASL_SSL
  consumer_properties:
    auto.offset.reset: earliest
  producer_properties:
    linger.ms: 20
pipeline:
  workers: 8
  stages:
    - parse
    - dedupe
  ordering: key
  max_in_flight_records: 500
  max_in_flight_bytes: 64MiB
limits:
  max_record_bytes: 1MiB
  max_json_depth: 32
  max_invalid_utf8_ratio: 0.5
metrics:
  address: "[::1]:9100"
health:
  stall_timeout_s: 60
shutdown:
  drain_timeout_ms: 5000
  revoke_timeout_ms: 0
log:
  level: debug
  format: text
)")) << ErrorText(error_);
  EXPECT_EQ(config_.kafka.brokers, "broker-1:9092,broker-2:9092");
  EXPECT_EQ(config_.kafka.group_id, "enrichers");
  EXPECT_EQ(config_.kafka.input_topics, std::vector<std::string>({"news.raw", "^feeds\\..*"}));
  EXPECT_EQ(config_.kafka.output_topic, "news.enriched");
  EXPECT_EQ(config_.kafka.dead_letter_topic, "news.dlq");
  EXPECT_EQ(config_.kafka.compression, "zstd");
  EXPECT_EQ(config_.kafka.commit_interval_ms, 250);
  EXPECT_EQ(config_.kafka.statistics_interval_ms, 0);
  EXPECT_EQ(config_.kafka.properties.at("security.protocol"), "SASL_SSL");
  EXPECT_EQ(config_.kafka.consumer_properties.at("auto.offset.reset"), "earliest");
  EXPECT_EQ(config_.kafka.producer_properties.at("linger.ms"), "20");
  EXPECT_EQ(config_.pipeline.workers, 8);
  EXPECT_EQ(config_.pipeline.stages, std::vector<std::string>({"parse", "dedupe"}));
  EXPECT_EQ(config_.pipeline.ordering, Ordering::kKey);
  EXPECT_EQ(config_.pipeline.max_in_flight_records, 500);
  EXPECT_EQ(config_.pipeline.max_in_flight_bytes, 64LL << 20);
  EXPECT_EQ(config_.limits.max_record_bytes, 1LL << 20);
  EXPECT_EQ(config_.limits.max_json_depth, 32);
  EXPECT_DOUBLE_EQ(config_.limits.max_invalid_utf8_ratio, 0.5);
  EXPECT_EQ(config_.metrics.address, "[::1]:9100");
  EXPECT_EQ(config_.health.stall_timeout_s, 60);
  EXPECT_EQ(config_.shutdown.drain_timeout_ms, 5000);
  EXPECT_EQ(config_.shutdown.revoke_timeout_ms, 0);
  EXPECT_EQ(config_.log.level, "debug");
  EXPECT_EQ(config_.log.format, "text");
}

TEST_F(ConfigLoaderTest, YamlSingleStringIsAOneItemList) {
  ASSERT_TRUE(LoadYaml("kafka:\n  input_topics: news.raw\npipeline:\n  stages: parse\n"))
      << ErrorText(error_);
  EXPECT_EQ(config_.kafka.input_topics, std::vector<std::string>({"news.raw"}));
  EXPECT_EQ(config_.pipeline.stages, std::vector<std::string>({"parse"}));
}

TEST_F(ConfigLoaderTest, YamlPropertyScalarsBecomeStrings) {
  ASSERT_TRUE(LoadYaml(R"(
kafka:
  properties:
    socket.timeout.ms: 60000
    enable.ssl.certificate.verification: false
    api.version.request: yes
    check.crcs: True
    client.id: "yes"
    ssl.endpoint.identification.algorithm: none
)")) << ErrorText(error_);
  const auto& p = config_.kafka.properties;
  EXPECT_EQ(p.at("socket.timeout.ms"), "60000");
  EXPECT_EQ(p.at("enable.ssl.certificate.verification"), "false");
  EXPECT_EQ(p.at("api.version.request"), "true");
  EXPECT_EQ(p.at("check.crcs"), "true");
  EXPECT_EQ(p.at("client.id"), "yes");  // quoted: a string, not a boolean
  EXPECT_EQ(p.at("ssl.endpoint.identification.algorithm"), "none");
}

TEST_F(ConfigLoaderTest, YamlStringSettingKeepsWordsThatLookBoolean) {
  ASSERT_TRUE(LoadYaml("log:\n  level: off\n")) << ErrorText(error_);
  EXPECT_EQ(config_.log.level, "off");
}

TEST_F(ConfigLoaderTest, EnvironmentOverridesYaml) {
  ASSERT_TRUE(LoadYaml("kafka:\n  brokers: yaml:9092\npipeline:\n  workers: 2\n",
                       {{"NEWSFLOW_KAFKA_BROKERS", "env:9092"}}))
      << ErrorText(error_);
  EXPECT_EQ(config_.kafka.brokers, "env:9092");
  EXPECT_EQ(config_.pipeline.workers, 2);
}

TEST_F(ConfigLoaderTest, OverridesOverrideEnvironment) {
  ASSERT_TRUE(LoadYaml("kafka:\n  brokers: yaml:9092\n",
                       {{"NEWSFLOW_KAFKA_BROKERS", "env:9092"}, {"NEWSFLOW_PIPELINE_WORKERS", "3"}},
                       {{"kafka.brokers", "cli:9092"}}))
      << ErrorText(error_);
  EXPECT_EQ(config_.kafka.brokers, "cli:9092");
  EXPECT_EQ(config_.pipeline.workers, 3);
}

TEST_F(ConfigLoaderTest, LaterOverrideOfTheSameSettingWins) {
  ASSERT_TRUE(Load("", {}, {{"pipeline.workers", "2"}, {"pipeline.workers", "5"}}));
  EXPECT_EQ(config_.pipeline.workers, 5);
}

TEST_F(ConfigLoaderTest, PropertyPrecedenceIsYamlThenEnvironmentThenOverrides) {
  std::string yaml =
      "kafka:\n  properties:\n    linger.ms: 1\n    batch.size: 100\n    client.id: yaml\n";
  Env env = {{"NEWSFLOW_KAFKA_PROPERTY_LINGER_MS", "2"},
             {"NEWSFLOW_KAFKA_PROPERTY_BATCH_SIZE", "200"}};
  ASSERT_TRUE(LoadYaml(yaml, env, {{"kafka.properties.linger.ms", "3"}})) << ErrorText(error_);
  EXPECT_EQ(config_.kafka.properties.at("linger.ms"), "3");
  EXPECT_EQ(config_.kafka.properties.at("batch.size"), "200");
  EXPECT_EQ(config_.kafka.properties.at("client.id"), "yaml");
}

TEST_F(ConfigLoaderTest, EnvironmentListsAreCommaSeparatedAndTrimmed) {
  ASSERT_TRUE(Load("", {{"NEWSFLOW_KAFKA_INPUT_TOPICS", "a, b ,^news\\..*"},
                        {"NEWSFLOW_PIPELINE_STAGES", "parse,normalize_text,dedupe"}}))
      << ErrorText(error_);
  EXPECT_EQ(config_.kafka.input_topics, std::vector<std::string>({"a", "b", "^news\\..*"}));
  EXPECT_EQ(config_.pipeline.stages,
            std::vector<std::string>({"parse", "normalize_text", "dedupe"}));
}

TEST_F(ConfigLoaderTest, OverrideListsAreCommaSeparated) {
  ASSERT_TRUE(LoadOverride("kafka.input_topics", "a,b,^news\\..*")) << ErrorText(error_);
  EXPECT_EQ(config_.kafka.input_topics, std::vector<std::string>({"a", "b", "^news\\..*"}));
}

TEST_F(ConfigLoaderTest, UnknownNewsflowEnvironmentVariablesAreIgnored) {
  ASSERT_TRUE(Load("", {{"NEWSFLOW_SERVICE_HOST", "10.0.0.1"},
                        {"NEWSFLOW_SERVICE_PORT", "9464"},
                        {"NEWSFLOW_PORT", "tcp://10.0.0.1:9464"},
                        {"NEWSFLOW_PORT_9464_TCP_ADDR", "10.0.0.1"},
                        {"NEWSFLOW_KAFKA", "x"},
                        {"NEWSFLOW_", "x"},
                        {"PATH", "/usr/bin"}}))
      << ErrorText(error_);
  EXPECT_EQ(DescribeConfig(config_), DescribeConfig(Config()));
}

TEST_F(ConfigLoaderTest, EnvironmentNamesAreCaseSensitive) {
  ASSERT_TRUE(Load("", {{"newsflow_kafka_brokers", "lower:9092"}}));
  EXPECT_EQ(config_.kafka.brokers, "127.0.0.1:9092");
}

TEST_F(ConfigLoaderTest, EnvironmentPropertyNamesAreLowerCasedWithDots) {
  ASSERT_TRUE(Load("", {{"NEWSFLOW_KAFKA_PROPERTY_SASL_PASSWORD", "pw"},
                        {"NEWSFLOW_KAFKA_CONSUMER_PROPERTY_AUTO_OFFSET_RESET", "earliest"},
                        {"NEWSFLOW_KAFKA_PRODUCER_PROPERTY_LINGER_MS", "10"}}))
      << ErrorText(error_);
  EXPECT_EQ(config_.kafka.properties,
            (std::map<std::string, std::string>{{"sasl.password", "pw"}}));
  EXPECT_EQ(config_.kafka.consumer_properties,
            (std::map<std::string, std::string>{{"auto.offset.reset", "earliest"}}));
  EXPECT_EQ(config_.kafka.producer_properties,
            (std::map<std::string, std::string>{{"linger.ms", "10"}}));
}

TEST_F(ConfigLoaderTest, OverridePropertyPathsFillTheRightMap) {
  ASSERT_TRUE(Load("", {},
                   {{"kafka.properties.security.protocol", "SSL"},
                    {"kafka.consumer_properties.fetch.max.bytes", "1048576"},
                    {"kafka.producer_properties.acks", "all"}}))
      << ErrorText(error_);
  EXPECT_EQ(config_.kafka.properties.at("security.protocol"), "SSL");
  EXPECT_EQ(config_.kafka.consumer_properties.at("fetch.max.bytes"), "1048576");
  EXPECT_EQ(config_.kafka.producer_properties.at("acks"), "all");
}

TEST_F(ConfigLoaderTest, OrderingAcceptsKeyAndPartition) {
  ASSERT_TRUE(LoadOverride("pipeline.ordering", "key"));
  EXPECT_EQ(config_.pipeline.ordering, Ordering::kKey);
  ASSERT_TRUE(LoadOverride("pipeline.ordering", "partition"));
  EXPECT_EQ(config_.pipeline.ordering, Ordering::kPartition);
}

TEST_F(ConfigLoaderTest, RegexInputTopicIsAccepted) {
  ASSERT_TRUE(LoadOverride("kafka.input_topics", "^news\\.[a-z]+$")) << ErrorText(error_);
  EXPECT_EQ(config_.kafka.input_topics, std::vector<std::string>({"^news\\.[a-z]+$"}));
}

TEST_F(ConfigLoaderTest, BadValueReplacedByAHigherSourceIsNotAnError) {
  ASSERT_TRUE(LoadYaml("pipeline:\n  workers: 5000\n", {}, {{"pipeline.workers", "4"}}))
      << ErrorText(error_);
  EXPECT_EQ(config_.pipeline.workers, 4);
}

TEST_F(ConfigLoaderTest, ConfigIsUntouchedOnFailure) {
  Config config;
  config.kafka.brokers = "sentinel:1";
  ConfigError error;
  EXPECT_FALSE(LoadConfig("", {}, {{"kafka.brokers", "other:2"}, {"pipeline.workers", "-1"}},
                          &config, &error));
  EXPECT_EQ(config.kafka.brokers, "sentinel:1");
  EXPECT_EQ(error.setting, "pipeline.workers");
}

TEST_F(ConfigLoaderTest, FirstErrorInSettingOrderWins) {
  EXPECT_FALSE(Load("", {}, {{"log.level", "loud"}, {"kafka.brokers", ""}}));
  EXPECT_EQ(error_.setting, "kafka.brokers");
}

TEST_F(ConfigLoaderTest, ProcessEnvironmentReadsEnviron) {
  ASSERT_EQ(setenv("NEWSFLOW_CONFIG_TEST_VARIABLE", "a=b", 1), 0);
  auto env = ProcessEnvironment();
  unsetenv("NEWSFLOW_CONFIG_TEST_VARIABLE");
  ASSERT_EQ(env.count("NEWSFLOW_CONFIG_TEST_VARIABLE"), 1u);
  EXPECT_EQ(env.at("NEWSFLOW_CONFIG_TEST_VARIABLE"), "a=b");  // split at the first '='
}

// ---- every setting is reachable from every source

struct SettingSample {
  std::string path;
  std::string value;
  std::string described;  // how DescribeConfig prints it afterwards
};

const std::vector<SettingSample>& Samples() {
  static const std::vector<SettingSample> samples = {
      {"kafka.brokers", "b1:9092,b2:9092", "b1:9092,b2:9092"},
      {"kafka.group_id", "g2", "g2"},
      {"kafka.input_topics", "t1,t2", "t1,t2"},
      {"kafka.output_topic", "out2", "out2"},
      {"kafka.dead_letter_topic", "dlq2", "dlq2"},
      {"kafka.compression", "gzip", "gzip"},
      {"kafka.commit_interval_ms", "77", "77"},
      {"kafka.statistics_interval_ms", "0", "0"},
      {"pipeline.workers", "3", "3"},
      {"pipeline.stages", "parse,x", "parse,x"},
      {"pipeline.ordering", "key", "key"},
      {"pipeline.max_in_flight_records", "12", "12"},
      {"pipeline.max_in_flight_bytes", "2KiB", "2048"},
      {"limits.max_record_bytes", "3KiB", "3072"},
      {"limits.max_json_depth", "9", "9"},
      {"limits.max_invalid_utf8_ratio", "0.25", "0.25"},
      {"limits.max_html_depth", "100", "100"},
      {"limits.max_html_elements", "5000", "5000"},
      {"metrics.address", "0.0.0.0:9100", "0.0.0.0:9100"},
      {"health.stall_timeout_s", "15", "15"},
      {"shutdown.drain_timeout_ms", "16", "16"},
      {"shutdown.revoke_timeout_ms", "17", "17"},
      {"log.level", "warn", "warn"},
      {"log.format", "text", "text"},
  };
  return samples;
}

std::string EnvNameFor(const std::string& path) {
  std::string name = "NEWSFLOW_";
  for (char c : path) name += c == '.' ? '_' : static_cast<char>(std::toupper(c));
  return name;
}

// True when DescribeConfig(config) holds exactly `path=value`.
bool Describes(const Config& config, const std::string& path, const std::string& value) {
  return (" " + DescribeConfig(config) + " ").find(" " + path + "=" + value + " ") !=
         std::string::npos;
}

TEST_F(ConfigLoaderTest, EverySettingCanBeSetByOverride) {
  for (const auto& sample : Samples()) {
    SCOPED_TRACE(sample.path);
    ASSERT_TRUE(LoadOverride(sample.path, sample.value)) << ErrorText(error_);
    EXPECT_TRUE(Describes(config_, sample.path, sample.described)) << DescribeConfig(config_);
  }
}

TEST_F(ConfigLoaderTest, EverySettingCanBeSetByEnvironment) {
  for (const auto& sample : Samples()) {
    SCOPED_TRACE(sample.path);
    ASSERT_TRUE(Load("", {{EnvNameFor(sample.path), sample.value}})) << ErrorText(error_);
    EXPECT_TRUE(Describes(config_, sample.path, sample.described)) << DescribeConfig(config_);
  }
}

TEST_F(ConfigLoaderTest, EverySettingCanBeSetByYaml) {
  for (const auto& sample : Samples()) {
    SCOPED_TRACE(sample.path);
    size_t dot = sample.path.find('.');
    std::string yaml = sample.path.substr(0, dot) + ":\n  " + sample.path.substr(dot + 1) + ": \"" +
                       sample.value + "\"\n";
    bool is_list = sample.path == "kafka.input_topics" || sample.path == "pipeline.stages";
    if (is_list) {
      yaml = sample.path.substr(0, dot) + ":\n  " + sample.path.substr(dot + 1) + ": [" +
             sample.value + "]\n";
    }
    ASSERT_TRUE(LoadYaml(yaml)) << ErrorText(error_);
    EXPECT_TRUE(Describes(config_, sample.path, sample.described)) << DescribeConfig(config_);
  }
}

std::string ExampleYamlPath() {
#ifdef NEWSFLOW_SOURCE_DIR
  return std::string(NEWSFLOW_SOURCE_DIR) + "/config/newsflow.example.yaml";
#else
  // Built by hand: __FILE__ is ".../tests/unit/config/config_loader_test.cc".
  std::string file = __FILE__;
  return file.substr(0, file.rfind("tests/unit/config/")) + "config/newsflow.example.yaml";
#endif
}

TEST_F(ConfigLoaderTest, ExampleFileLoadsToTheDefaults) {
  ASSERT_TRUE(Load(ExampleYamlPath())) << ErrorText(error_);
  EXPECT_EQ(DescribeConfig(config_), DescribeConfig(Config()));
}

TEST_F(ConfigLoaderTest, ExampleFileMentionsEverySetting) {
  YAML::Node root = YAML::LoadFile(ExampleYamlPath());
  for (const auto& sample : Samples()) {
    size_t dot = sample.path.find('.');
    EXPECT_TRUE(root[sample.path.substr(0, dot)][sample.path.substr(dot + 1)].IsDefined())
        << sample.path;
  }
  for (const char* map : {"properties", "consumer_properties", "producer_properties"}) {
    EXPECT_TRUE(root["kafka"][map].IsMap()) << map;
  }
}

// ---- YAML structure errors

TEST_F(ConfigLoaderTest, UnknownYamlKeyIsNamedWithFileAndLine) {
  EXPECT_FALSE(LoadYaml("kafka:\n  group_id: g\n  brokerz: x:1\n"));
  EXPECT_EQ(error_.setting, "kafka.brokerz");
  EXPECT_NE(error_.message.find("unknown setting"), std::string::npos) << error_.message;
  EXPECT_NE(error_.message.find(yaml_path_ + " line 3"), std::string::npos) << error_.message;
  EXPECT_NE(error_.message.find("brokers"), std::string::npos) << "lists the known keys";
}

TEST_F(ConfigLoaderTest, UnknownYamlSectionIsNamed) {
  EXPECT_FALSE(LoadYaml("kafak:\n  brokers: x:1\n"));
  EXPECT_EQ(error_.setting, "kafak");
  EXPECT_NE(error_.message.find("unknown section"), std::string::npos) << error_.message;
  EXPECT_NE(error_.message.find("line 1"), std::string::npos) << error_.message;
}

struct YamlErrorCase {
  const char* name;
  const char* yaml;
  const char* setting;  // nullptr: the file path
  const char* message_part;
};

void PrintTo(const YamlErrorCase& c, std::ostream* os) { *os << c.name; }

class YamlErrorTest : public ConfigLoaderTest,
                      public ::testing::WithParamInterface<YamlErrorCase> {};

TEST_P(YamlErrorTest, NamesTheSettingAndTheLine) {
  const YamlErrorCase& c = GetParam();
  EXPECT_FALSE(LoadYaml(c.yaml));
  EXPECT_EQ(error_.setting, c.setting != nullptr ? std::string(c.setting) : yaml_path_);
  EXPECT_NE(error_.message.find(c.message_part), std::string::npos) << error_.message;
}

INSTANTIATE_TEST_SUITE_P(
    Structure, YamlErrorTest,
    ::testing::Values(
        YamlErrorCase{"MapWhereScalarExpected", "kafka:\n  brokers: {a: 1}\n", "kafka.brokers",
                      "found a mapping"},
        YamlErrorCase{"ListWhereScalarExpected", "pipeline:\n  workers: [1, 2]\n",
                      "pipeline.workers", "line 2"},
        YamlErrorCase{"NullWhereScalarExpected", "kafka:\n  output_topic:\n", "kafka.output_topic",
                      "found nothing"},
        YamlErrorCase{"MapWhereListExpected", "kafka:\n  input_topics: {a: b}\n",
                      "kafka.input_topics", "a list or a single value"},
        YamlErrorCase{"MapInsideList", "pipeline:\n  stages:\n    - parse\n    - {x: 1}\n",
                      "pipeline.stages", "line 4"},
        YamlErrorCase{"ScalarWhereSectionExpected", "kafka: localhost\n", "kafka",
                      "must be a mapping"},
        YamlErrorCase{"ScalarWherePropertiesExpected", "kafka:\n  properties: x\n",
                      "kafka.properties", "must be a mapping"},
        YamlErrorCase{"MapAsPropertyValue", "kafka:\n  properties:\n    sasl: {a: b}\n",
                      "kafka.properties.sasl", "line 3"},
        YamlErrorCase{"NullPropertyValue", "kafka:\n  producer_properties:\n    acks:\n",
                      "kafka.producer_properties.acks", "found nothing"},
        YamlErrorCase{"DuplicateSetting", "log:\n  level: info\n  level: debug\n", "log.level",
                      "twice"},
        YamlErrorCase{"DuplicateSection", "log:\n  level: info\nlog:\n  format: text\n", "log",
                      "twice"},
        YamlErrorCase{"DuplicateProperty", "kafka:\n  properties:\n    acks: 1\n    acks: all\n",
                      "kafka.properties.acks", "twice"},
        YamlErrorCase{"TopLevelList", "- kafka\n- log\n", nullptr, "top level must be a mapping"},
        YamlErrorCase{"TopLevelScalar", "hello\n", nullptr, "top level must be a mapping"},
        YamlErrorCase{"Unparseable", "kafka:\n  brokers: [unclosed\n", nullptr, "invalid YAML"},
        YamlErrorCase{"BadIndentation", "kafka:\n  brokers: a\n bad: b\n", nullptr, "line 3"},
        YamlErrorCase{"TwoDocuments", "log:\n  level: info\n---\nlog:\n  level: debug\n", nullptr,
                      "2 YAML documents"},
        YamlErrorCase{"NonIntegerInYaml", "limits:\n  max_json_depth: deep\n",
                      "limits.max_json_depth", "line 2"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(ConfigLoaderTest, MissingFileIsNamed) {
  std::string path = (dir_ / "absent.yaml").string();
  EXPECT_FALSE(Load(path));
  EXPECT_EQ(error_.setting, path);
  EXPECT_NE(error_.message.find("No such file"), std::string::npos) << error_.message;
}

TEST_F(ConfigLoaderTest, DirectoryAsFileIsAnError) {
  EXPECT_FALSE(Load(dir_.string()));
  EXPECT_EQ(error_.setting, dir_.string());
  EXPECT_NE(error_.message.find("directory"), std::string::npos) << error_.message;
}

TEST_F(ConfigLoaderTest, RangeErrorFromYamlPointsAtTheLine) {
  EXPECT_FALSE(LoadYaml("# comment\npipeline:\n  workers: 5000\n"));
  EXPECT_EQ(error_.setting, "pipeline.workers");
  EXPECT_NE(error_.message.find("between 0 and 1024"), std::string::npos) << error_.message;
  EXPECT_NE(error_.message.find(yaml_path_ + " line 3"), std::string::npos) << error_.message;
}

TEST_F(ConfigLoaderTest, RangeErrorFromEnvironmentNamesTheVariable) {
  EXPECT_FALSE(Load("", {{"NEWSFLOW_LIMITS_MAX_JSON_DEPTH", "0"}}));
  EXPECT_EQ(error_.setting, "limits.max_json_depth");
  EXPECT_NE(error_.message.find("NEWSFLOW_LIMITS_MAX_JSON_DEPTH"), std::string::npos)
      << error_.message;
}

TEST_F(ConfigLoaderTest, ParseErrorFromEnvironmentNamesTheVariable) {
  EXPECT_FALSE(Load("", {{"NEWSFLOW_PIPELINE_WORKERS", "four"}}));
  EXPECT_EQ(error_.setting, "pipeline.workers");
  EXPECT_NE(error_.message.find("NEWSFLOW_PIPELINE_WORKERS"), std::string::npos) << error_.message;
}

TEST_F(ConfigLoaderTest, RangeErrorFromOverrideSaysCommandLine) {
  EXPECT_FALSE(LoadOverride("pipeline.workers", "2000"));
  EXPECT_NE(error_.message.find("command line"), std::string::npos) << error_.message;
}

// ---- overrides naming

TEST_F(ConfigLoaderTest, UnknownOverrideIsNamed) {
  EXPECT_FALSE(LoadOverride("pipeline.worker", "2"));
  EXPECT_EQ(error_.setting, "pipeline.worker");
  EXPECT_NE(error_.message.find("unknown setting"), std::string::npos) << error_.message;
  EXPECT_NE(error_.message.find("workers"), std::string::npos) << "lists the known keys";
}

TEST_F(ConfigLoaderTest, OverrideWithUnknownSectionIsNamed) {
  EXPECT_FALSE(LoadOverride("consumer.brokers", "x:1"));
  EXPECT_EQ(error_.setting, "consumer.brokers");
  EXPECT_NE(error_.message.find("unknown setting"), std::string::npos) << error_.message;
}

TEST_F(ConfigLoaderTest, OverrideOfAWholeSectionIsUnknown) {
  EXPECT_FALSE(LoadOverride("kafka", "x"));
  EXPECT_EQ(error_.setting, "kafka");
}

TEST_F(ConfigLoaderTest, OverridePropertyWithoutNameIsRejected) {
  EXPECT_FALSE(LoadOverride("kafka.properties", "x"));
  EXPECT_EQ(error_.setting, "kafka.properties");
  EXPECT_FALSE(LoadOverride("kafka.consumer_properties.", "x"));
  EXPECT_EQ(error_.setting, "kafka.consumer_properties.");
}

// ---- librdkafka property names

struct ManagedCase {
  std::string path;
  std::string instead;
};

// Parameters print as a name: without PrintTo GoogleTest prints their object
// bytes (pointers and uninitialized padding, which valgrind reports).
void PrintTo(const ManagedCase& c, std::ostream* os) { *os << c.path; }

class ManagedPropertyTest : public ConfigLoaderTest,
                            public ::testing::WithParamInterface<ManagedCase> {};

TEST_P(ManagedPropertyTest, IsRejectedWithAHint) {
  EXPECT_FALSE(LoadOverride(GetParam().path, "x"));
  EXPECT_EQ(error_.setting, GetParam().path);
  EXPECT_NE(error_.message.find("managed by newsflow"), std::string::npos) << error_.message;
  EXPECT_NE(error_.message.find(GetParam().instead), std::string::npos) << error_.message;
}

INSTANTIATE_TEST_SUITE_P(
    Properties, ManagedPropertyTest,
    ::testing::Values(
        ManagedCase{"kafka.properties.bootstrap.servers", "kafka.brokers"},
        ManagedCase{"kafka.properties.metadata.broker.list", "kafka.brokers"},
        ManagedCase{"kafka.properties.group.id", "kafka.group_id"},
        ManagedCase{"kafka.properties.enable.auto.offset.store", "stores"},
        ManagedCase{"kafka.properties.compression.type", "kafka.compression"},
        ManagedCase{"kafka.consumer_properties.bootstrap.servers", "kafka.brokers"},
        ManagedCase{"kafka.consumer_properties.group.id", "kafka.group_id"},
        ManagedCase{"kafka.consumer_properties.GROUP.ID", "kafka.group_id"},
        ManagedCase{"kafka.consumer_properties.enable.auto.offset.store", "stores"},
        ManagedCase{"kafka.consumer_properties.enable.auto.commit", "kafka.commit_interval_ms"},
        ManagedCase{"kafka.consumer_properties.auto.commit.interval.ms",
                    "kafka.commit_interval_ms"},
        ManagedCase{"kafka.consumer_properties.statistics.interval.ms",
                    "kafka.statistics_interval_ms"},
        ManagedCase{"kafka.producer_properties.bootstrap.servers", "kafka.brokers"},
        ManagedCase{"kafka.producer_properties.compression.codec", "kafka.compression"}));

TEST_F(ConfigLoaderTest, ManagedPropertyFromEnvironmentIsRejected) {
  EXPECT_FALSE(Load("", {{"NEWSFLOW_KAFKA_CONSUMER_PROPERTY_GROUP_ID", "other"}}));
  EXPECT_EQ(error_.setting, "kafka.consumer_properties.group.id");
  EXPECT_NE(error_.message.find("NEWSFLOW_KAFKA_CONSUMER_PROPERTY_GROUP_ID"), std::string::npos);
}

TEST_F(ConfigLoaderTest, ManagedPropertyFromYamlIsRejected) {
  EXPECT_FALSE(LoadYaml("kafka:\n  properties:\n    bootstrap.servers: x:1\n"));
  EXPECT_EQ(error_.setting, "kafka.properties.bootstrap.servers");
  EXPECT_NE(error_.message.find("line 3"), std::string::npos) << error_.message;
}

TEST_F(ConfigLoaderTest, PropertiesManagedForOneClientAreAllowedForTheOther) {
  ASSERT_TRUE(Load("", {},
                   {{"kafka.producer_properties.group.id", "x"},
                    {"kafka.producer_properties.statistics.interval.ms", "1000"},
                    {"kafka.consumer_properties.compression.type", "gzip"}}))
      << ErrorText(error_);
}

TEST_F(ConfigLoaderTest, EmptyPropertyNameIsRejected) {
  EXPECT_FALSE(Load("", {{"NEWSFLOW_KAFKA_PROPERTY_", "x"}}));
  EXPECT_EQ(error_.setting, "kafka.properties");
  EXPECT_NE(error_.message.find("empty"), std::string::npos) << error_.message;
}

TEST_F(ConfigLoaderTest, PropertyNameWithWhitespaceIsRejected) {
  EXPECT_FALSE(LoadOverride("kafka.producer_properties.linger ms", "5"));
  EXPECT_EQ(error_.setting, "kafka.producer_properties.linger ms");
  EXPECT_NE(error_.message.find("whitespace"), std::string::npos) << error_.message;
}

TEST_F(ConfigLoaderTest, PropertyValuesAreNotValidatedHere) {
  ASSERT_TRUE(LoadOverride("kafka.properties.linger.ms", "not-a-number")) << ErrorText(error_);
  EXPECT_EQ(config_.kafka.properties.at("linger.ms"), "not-a-number");
}

// ---- byte sizes

struct SizeCase {
  std::string text;
  int64_t bytes;
};

void PrintTo(const SizeCase& c, std::ostream* os) { *os << c.text; }

class ByteSizeAcceptedTest : public ConfigLoaderTest,
                             public ::testing::WithParamInterface<SizeCase> {};

TEST_P(ByteSizeAcceptedTest, ParsesToBytes) {
  ASSERT_TRUE(LoadOverride("pipeline.max_in_flight_bytes", GetParam().text)) << ErrorText(error_);
  EXPECT_EQ(config_.pipeline.max_in_flight_bytes, GetParam().bytes);
}

INSTANTIATE_TEST_SUITE_P(Sizes, ByteSizeAcceptedTest,
                         ::testing::Values(SizeCase{"2048", 2048}, SizeCase{"2048B", 2048},
                                           SizeCase{"4KiB", 4096}, SizeCase{"256MiB", 256LL << 20},
                                           SizeCase{"2GiB", 2LL << 30}, SizeCase{"2KB", 2000},
                                           SizeCase{"3MB", 3000000}, SizeCase{"1GB", 1000000000},
                                           SizeCase{"512 KiB", 512 * 1024},
                                           SizeCase{"16mib", 16 << 20}));

TEST_F(ConfigLoaderTest, RecordSizeAcceptsSuffixes) {
  ASSERT_TRUE(LoadOverride("limits.max_record_bytes", "1GiB")) << ErrorText(error_);
  EXPECT_EQ(config_.limits.max_record_bytes, 1LL << 30);
}

class ByteSizeRejectedTest : public ConfigLoaderTest,
                             public ::testing::WithParamInterface<std::string> {};

TEST_P(ByteSizeRejectedTest, NamesTheSetting) {
  EXPECT_FALSE(LoadOverride("pipeline.max_in_flight_bytes", GetParam()));
  EXPECT_EQ(error_.setting, "pipeline.max_in_flight_bytes");
  EXPECT_NE(error_.message.find("byte size"), std::string::npos) << error_.message;
}

INSTANTIATE_TEST_SUITE_P(Sizes, ByteSizeRejectedTest,
                         ::testing::Values("", "MiB", "1.5MiB", "12XB", "12 MiB ", " 12", "-5KiB",
                                           "99999999999GiB", "12abc", "0x400"));

TEST(ParseByteSizeTest, RejectsOverflowAndExplains) {
  int64_t bytes = 7;
  std::string why;
  EXPECT_FALSE(ParseByteSize("9223372036854775807KiB", &bytes, &why));
  EXPECT_NE(why.find("too large"), std::string::npos);
  EXPECT_FALSE(ParseByteSize("99999999999999999999", &bytes, &why));
  EXPECT_NE(why.find("too large"), std::string::npos);
  EXPECT_FALSE(ParseByteSize("5 parsecs", &bytes, &why));
  EXPECT_NE(why.find("unknown unit"), std::string::npos);
  EXPECT_EQ(bytes, 7) << "untouched on failure";
  ASSERT_TRUE(ParseByteSize("9223372036854775807", &bytes, &why));
  EXPECT_EQ(bytes, INT64_MAX);
}

TEST(ParseIntegerTest, AcceptsOnlyAWholeInteger) {
  int64_t value = 0;
  EXPECT_TRUE(ParseInteger("-42", &value));
  EXPECT_EQ(value, -42);
  EXPECT_FALSE(ParseInteger("12abc", &value));
  EXPECT_FALSE(ParseInteger("", &value));
  EXPECT_FALSE(ParseInteger("+1", &value));
  EXPECT_FALSE(ParseInteger(" 1", &value));
  EXPECT_FALSE(ParseInteger("1.0", &value));
  EXPECT_FALSE(ParseInteger("99999999999999999999", &value));
  EXPECT_EQ(value, -42);
}

TEST(ParseDoubleTest, AcceptsOnlyAWholeNumber) {
  double value = 0;
  EXPECT_TRUE(ParseDouble("1e-3", &value));
  EXPECT_DOUBLE_EQ(value, 0.001);
  EXPECT_FALSE(ParseDouble("0.1x", &value));
  EXPECT_FALSE(ParseDouble("", &value));
  EXPECT_DOUBLE_EQ(value, 0.001);
}

// ---- value validation: every rule names its setting

struct BadValueCase {
  std::string path;
  std::string value;
  std::string setting;       // expected ConfigError::setting
  std::string message_part;  // expected in ConfigError::message
};

void PrintTo(const BadValueCase& c, std::ostream* os) { *os << c.path << "=" << c.value; }

class BadValueTest : public ConfigLoaderTest, public ::testing::WithParamInterface<BadValueCase> {};

TEST_P(BadValueTest, IsRejectedNamingTheSetting) {
  const BadValueCase& c = GetParam();
  EXPECT_FALSE(LoadOverride(c.path, c.value));
  EXPECT_EQ(error_.setting, c.setting);
  EXPECT_NE(error_.message.find(c.message_part), std::string::npos) << error_.message;
}

INSTANTIATE_TEST_SUITE_P(
    Kafka, BadValueTest,
    ::testing::Values(
        BadValueCase{"kafka.brokers", "", "kafka.brokers", "must not be empty"},
        BadValueCase{"kafka.brokers", "  ", "kafka.brokers", "must not be empty"},
        BadValueCase{"kafka.group_id", "", "kafka.group_id", "must not be empty"},
        BadValueCase{"kafka.input_topics", "", "kafka.input_topics", "at least one"},
        BadValueCase{"kafka.input_topics", "a,,b", "kafka.input_topics", "not a valid topic"},
        BadValueCase{"kafka.input_topics", "news/raw", "kafka.input_topics", "'news/raw'"},
        BadValueCase{"kafka.input_topics", "..", "kafka.input_topics", "not a valid topic"},
        BadValueCase{"kafka.input_topics", std::string(250, 'a'), "kafka.input_topics",
                     "249 characters"},
        BadValueCase{"kafka.input_topics", "^news(", "kafka.input_topics",
                     "not a valid POSIX extended regular expression"},
        BadValueCase{"kafka.input_topics", "^[a-", "kafka.input_topics", "regular expression"},
        BadValueCase{"kafka.output_topic", "", "kafka.output_topic", "not a valid topic"},
        BadValueCase{"kafka.output_topic", "out put", "kafka.output_topic", "not a valid topic"},
        BadValueCase{"kafka.dead_letter_topic", "a*", "kafka.dead_letter_topic",
                     "not a valid topic"},
        BadValueCase{"kafka.dead_letter_topic", "articles.enriched", "kafka.dead_letter_topic",
                     "must differ from kafka.output_topic"},
        BadValueCase{"kafka.output_topic", "articles.raw", "kafka.output_topic",
                     "also an input topic"},
        BadValueCase{"kafka.dead_letter_topic", "articles.raw", "kafka.dead_letter_topic",
                     "also an input topic"},
        BadValueCase{"kafka.input_topics", "^articles\\..*", "kafka.output_topic",
                     "matches the input topic pattern"},
        BadValueCase{"kafka.compression", "brotli", "kafka.compression",
                     "none, gzip, snappy, lz4, zstd"},
        BadValueCase{"kafka.compression", "LZ4", "kafka.compression", "one of"},
        BadValueCase{"kafka.commit_interval_ms", "0", "kafka.commit_interval_ms",
                     "between 1 and 3600000"},
        BadValueCase{"kafka.commit_interval_ms", "3600001", "kafka.commit_interval_ms",
                     "between 1 and 3600000"},
        BadValueCase{"kafka.commit_interval_ms", "12abc", "kafka.commit_interval_ms",
                     "must be an integer"},
        BadValueCase{"kafka.commit_interval_ms", "99999999999", "kafka.commit_interval_ms",
                     "out of range"},
        BadValueCase{"kafka.statistics_interval_ms", "-1", "kafka.statistics_interval_ms",
                     "between 0 and 3600000"},
        BadValueCase{"kafka.statistics_interval_ms", "3600001", "kafka.statistics_interval_ms",
                     "between 0 and 3600000"}));

INSTANTIATE_TEST_SUITE_P(
    Pipeline, BadValueTest,
    ::testing::Values(
        BadValueCase{"pipeline.workers", "-1", "pipeline.workers", "between 0 and 1024"},
        BadValueCase{"pipeline.workers", "1025", "pipeline.workers", "between 0 and 1024"},
        BadValueCase{"pipeline.workers", "4.0", "pipeline.workers", "must be an integer"},
        BadValueCase{"pipeline.workers", "", "pipeline.workers", "must be an integer"},
        BadValueCase{"pipeline.stages", "", "pipeline.stages", "at least one stage"},
        BadValueCase{"pipeline.stages", "parse,,dedupe", "pipeline.stages", "must not be empty"},
        BadValueCase{"pipeline.ordering", "random", "pipeline.ordering", "partition or key"},
        BadValueCase{"pipeline.max_in_flight_records", "0", "pipeline.max_in_flight_records",
                     "at least 1"},
        BadValueCase{"pipeline.max_in_flight_records", "1k", "pipeline.max_in_flight_records",
                     "must be an integer"},
        BadValueCase{"pipeline.max_in_flight_bytes", "1023", "pipeline.max_in_flight_bytes",
                     "at least 1024"}));

INSTANTIATE_TEST_SUITE_P(
    Limits, BadValueTest,
    ::testing::Values(
        BadValueCase{"limits.max_record_bytes", "1023", "limits.max_record_bytes", "1KiB to 1GiB"},
        BadValueCase{"limits.max_record_bytes", "1073741825", "limits.max_record_bytes",
                     "between 1024 and 1073741824"},
        BadValueCase{"limits.max_record_bytes", "2GiB", "limits.max_record_bytes", "1GiB"},
        BadValueCase{"limits.max_json_depth", "0", "limits.max_json_depth", "between 1 and 1024"},
        BadValueCase{"limits.max_json_depth", "1025", "limits.max_json_depth",
                     "between 1 and 1024"},
        BadValueCase{"limits.max_invalid_utf8_ratio", "-0.1", "limits.max_invalid_utf8_ratio",
                     "between 0 and 1"},
        BadValueCase{"limits.max_invalid_utf8_ratio", "1.01", "limits.max_invalid_utf8_ratio",
                     "between 0 and 1"},
        BadValueCase{"limits.max_invalid_utf8_ratio", "nan", "limits.max_invalid_utf8_ratio",
                     "between 0 and 1"},
        BadValueCase{"limits.max_invalid_utf8_ratio", "1%", "limits.max_invalid_utf8_ratio",
                     "must be a number"},
        BadValueCase{"limits.max_html_depth", "63", "limits.max_html_depth",
                     "between 64 and 100000"},
        BadValueCase{"limits.max_html_elements", "999", "limits.max_html_elements",
                     "between 1000 and 50000000"}));

INSTANTIATE_TEST_SUITE_P(
    Rest, BadValueTest,
    ::testing::Values(
        BadValueCase{"metrics.address", "9464", "metrics.address", "host:port"},
        BadValueCase{"metrics.address", ":9464", "metrics.address", "0.0.0.0"},
        BadValueCase{"metrics.address", "localhost:0", "metrics.address", "1 to 65535"},
        BadValueCase{"metrics.address", "localhost:65536", "metrics.address", "1 to 65535"},
        BadValueCase{"metrics.address", "localhost:http", "metrics.address", "1 to 65535"},
        BadValueCase{"metrics.address", "localhost:", "metrics.address", "1 to 65535"},
        BadValueCase{"metrics.address", "::1:9464", "metrics.address", "brackets"},
        BadValueCase{"metrics.address", "[::1]", "metrics.address", "[IPv6]:port"},
        BadValueCase{"metrics.address", "[not-v6]:80", "metrics.address", "not an IPv6"},
        BadValueCase{"metrics.address", "300.1.1.1:80", "metrics.address", "not an IPv4"},
        BadValueCase{"metrics.address", "bad host:80", "metrics.address", "not a valid host"},
        BadValueCase{"health.stall_timeout_s", "0", "health.stall_timeout_s", "at least 1"},
        BadValueCase{"shutdown.drain_timeout_ms", "-1", "shutdown.drain_timeout_ms", "at least 0"},
        BadValueCase{"shutdown.revoke_timeout_ms", "-5", "shutdown.revoke_timeout_ms",
                     "at least 0"},
        BadValueCase{"log.level", "verbose", "log.level",
                     "trace, debug, info, warn, error, critical, off"},
        BadValueCase{"log.level", "INFO", "log.level", "one of"},
        BadValueCase{"log.format", "xml", "log.format", "json, text"}));

// Boundary values that must be accepted.
class GoodValueTest : public ConfigLoaderTest,
                      public ::testing::WithParamInterface<std::pair<std::string, std::string>> {};

TEST_P(GoodValueTest, IsAccepted) {
  EXPECT_TRUE(LoadOverride(GetParam().first, GetParam().second)) << ErrorText(error_);
}

INSTANTIATE_TEST_SUITE_P(
    Boundaries, GoodValueTest,
    ::testing::Values(
        std::pair<std::string, std::string>{"kafka.commit_interval_ms", "1"},
        std::pair<std::string, std::string>{"kafka.commit_interval_ms", "3600000"},
        std::pair<std::string, std::string>{"kafka.statistics_interval_ms", "0"},
        std::pair<std::string, std::string>{"kafka.input_topics", std::string(249, 'a')},
        std::pair<std::string, std::string>{"kafka.input_topics", "A-z_0.9"},
        std::pair<std::string, std::string>{"kafka.compression", "none"},
        std::pair<std::string, std::string>{"pipeline.workers", "0"},
        std::pair<std::string, std::string>{"pipeline.workers", "1024"},
        std::pair<std::string, std::string>{"pipeline.max_in_flight_records", "1"},
        std::pair<std::string, std::string>{"pipeline.max_in_flight_bytes", "1024"},
        std::pair<std::string, std::string>{"limits.max_record_bytes", "1024"},
        std::pair<std::string, std::string>{"limits.max_record_bytes", "1073741824"},
        std::pair<std::string, std::string>{"limits.max_json_depth", "1"},
        std::pair<std::string, std::string>{"limits.max_json_depth", "1024"},
        std::pair<std::string, std::string>{"limits.max_invalid_utf8_ratio", "0"},
        std::pair<std::string, std::string>{"limits.max_invalid_utf8_ratio", "1"},
        std::pair<std::string, std::string>{"metrics.address", ""},
        std::pair<std::string, std::string>{"metrics.address", "[::1]:9464"},
        std::pair<std::string, std::string>{"metrics.address", "[::]:1"},
        std::pair<std::string, std::string>{"metrics.address", "0.0.0.0:65535"},
        std::pair<std::string, std::string>{"metrics.address", "metrics.example-1.com:9464"},
        std::pair<std::string, std::string>{"health.stall_timeout_s", "1"},
        std::pair<std::string, std::string>{"shutdown.drain_timeout_ms", "0"},
        std::pair<std::string, std::string>{"shutdown.revoke_timeout_ms", "0"},
        std::pair<std::string, std::string>{"log.level", "off"},
        std::pair<std::string, std::string>{"log.level", "trace"}));

}  // namespace
}  // namespace newsflow
