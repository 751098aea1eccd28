#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "newsflow/config.h"

namespace newsflow {
namespace {

// True when `described` holds exactly the pair `path=value`.
bool HasPair(const std::string& described, const std::string& path, const std::string& value) {
  return (" " + described + " ").find(" " + path + "=" + value + " ") != std::string::npos;
}

TEST(DescribeConfigTest, ListsEverySettingWithItsDefault) {
  std::string described = DescribeConfig(Config());
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"kafka.brokers", "127.0.0.1:9092"},
      {"kafka.group_id", "newsflow"},
      {"kafka.input_topics", "articles.raw"},
      {"kafka.output_topic", "articles.enriched"},
      {"kafka.dead_letter_topic", "articles.dead-letter"},
      {"kafka.compression", "lz4"},
      {"kafka.commit_interval_ms", "1000"},
      {"kafka.statistics_interval_ms", "5000"},
      {"pipeline.workers", "0"},
      {"pipeline.stages",
       "parse,normalize_text,lead,boilerplate,residue_repair,language,near_duplicates,entities,"
       "places,topics,keywords,dates,amounts"},
      {"pipeline.ordering", "partition"},
      {"pipeline.max_in_flight_records", "10000"},
      {"pipeline.max_in_flight_bytes", "268435456"},
      {"limits.max_record_bytes", "4194304"},
      {"limits.max_json_depth", "64"},
      {"limits.max_invalid_utf8_ratio", "0.01"},
      {"limits.max_html_depth", "2048"},
      {"limits.max_html_elements", "200000"},
      {"tagging.duplicate_window", "100000"},
      {"tagging.duplicate_max_distance", "3"},
      {"tagging.topics_model", "models/topics/reuters.ftz"},
      {"tagging.topics_threshold", "0.3"},
      {"tagging.topics_max_labels", "5"},
      {"tagging.topics_model_language", "en"},
      {"tagging.ner_model", "models/ner/conll2003-en.nfner"},
      {"tagging.iso_3166_file", "/usr/share/iso-codes/json/iso_3166-1.json"},
      {"tagging.places_table", "models/places/cities.tsv"},
      {"tagging.geonames_file", "\"\""},
      {"tagging.keywords_model", "models/keywords/background.tsv"},
      {"tagging.keywords_max", "10"},
      {"metrics.address", "127.0.0.1:9464"},
      {"health.stall_timeout_s", "300"},
      {"shutdown.drain_timeout_ms", "30000"},
      {"shutdown.revoke_timeout_ms", "10000"},
      {"log.level", "info"},
      {"log.format", "json"},
  };
  for (const auto& [path, value] : expected) {
    EXPECT_TRUE(HasPair(described, path, value)) << path << " in " << described;
  }
  // Nothing beyond those settings when no properties are set.
  EXPECT_EQ(std::count(described.begin(), described.end(), '='),
            static_cast<std::ptrdiff_t>(expected.size()))
      << described;
}

TEST(DescribeConfigTest, IsOneLine) {
  Config config;
  config.kafka.group_id = "multi\nline\tgroup";
  config.kafka.properties["client.id"] = "a\r\nb";
  std::string described = DescribeConfig(config);
  EXPECT_EQ(described.find('\n'), std::string::npos) << described;
  EXPECT_EQ(described.find('\r'), std::string::npos) << described;
  EXPECT_TRUE(HasPair(described, "kafka.group_id", "\"multi\\nline\\tgroup\"")) << described;
}

TEST(DescribeConfigTest, QuotesEmptyAndSpacedValues) {
  Config config;
  config.metrics.address = "";
  config.kafka.properties["client.id"] = "my \"client\"";
  std::string described = DescribeConfig(config);
  EXPECT_TRUE(HasPair(described, "metrics.address", "\"\"")) << described;
  EXPECT_NE(described.find("kafka.properties.client.id=\"my \\\"client\\\"\""), std::string::npos)
      << described;
}

TEST(DescribeConfigTest, ShowsNonSecretPropertiesAndOrdering) {
  Config config;
  config.kafka.properties["security.protocol"] = "SASL_SSL";
  config.kafka.consumer_properties["auto.offset.reset"] = "earliest";
  config.kafka.producer_properties["linger.ms"] = "5";
  config.pipeline.ordering = Ordering::kKey;
  std::string described = DescribeConfig(config);
  EXPECT_TRUE(HasPair(described, "kafka.properties.security.protocol", "SASL_SSL")) << described;
  EXPECT_TRUE(HasPair(described, "kafka.consumer_properties.auto.offset.reset", "earliest"));
  EXPECT_TRUE(HasPair(described, "kafka.producer_properties.linger.ms", "5"));
  EXPECT_TRUE(HasPair(described, "pipeline.ordering", "key"));
}

TEST(DescribeConfigTest, NeverPrintsSecretValues) {
  const std::string kSecret = "hunter2-Zq9";
  Config config;
  config.kafka.properties["sasl.password"] = kSecret;
  config.kafka.properties["sasl.jaas.config"] = "user=\"x\" password=\"" + kSecret + "\"";
  config.kafka.consumer_properties["ssl.key.password"] = kSecret;
  config.kafka.producer_properties["sasl.oauthbearer.client.secret"] = kSecret;
  config.kafka.producer_properties["SSL.KEY.PEM"] = kSecret;
  std::string described = DescribeConfig(config);
  EXPECT_EQ(described.find(kSecret), std::string::npos) << described;
  EXPECT_EQ(described.find("hunter2"), std::string::npos) << described;
  EXPECT_TRUE(HasPair(described, "kafka.properties.sasl.password", "****")) << described;
  EXPECT_TRUE(HasPair(described, "kafka.properties.sasl.jaas.config", "****")) << described;
  EXPECT_TRUE(HasPair(described, "kafka.consumer_properties.ssl.key.password", "****"));
  EXPECT_TRUE(
      HasPair(described, "kafka.producer_properties.sasl.oauthbearer.client.secret", "****"));
  EXPECT_TRUE(HasPair(described, "kafka.producer_properties.SSL.KEY.PEM", "****"));
}

TEST(DescribeConfigTest, MasksEvenAnEmptySecret) {
  Config config;
  config.kafka.properties["sasl.password"] = "";
  EXPECT_TRUE(HasPair(DescribeConfig(config), "kafka.properties.sasl.password", "****"));
}

class SecretPropertyTest : public ::testing::TestWithParam<std::string> {};
TEST_P(SecretPropertyTest, IsSecret) { EXPECT_TRUE(IsSecretProperty(GetParam())); }
INSTANTIATE_TEST_SUITE_P(
    Librdkafka, SecretPropertyTest,
    ::testing::Values("sasl.password", "SASL.PASSWORD", "ssl.key.password", "ssl.keystore.password",
                      "ssl.key.pem", "ssl_key", "sasl.jaas.config", "sasl.oauthbearer.config",
                      "sasl.oauthbearer.client.secret", "sasl.oauthbearer.client.id",
                      "sasl.oauthbearer.extensions", "sasl.oauthbearer.token.endpoint.url",
                      "sasl.username", "sasl.kerberos.kinit.cmd",
                      "sasl.oauthbearer.assertion.private.key.passphrase",
                      "sasl.oauthbearer.assertion.private.key.pem", "some.future.api.key",
                      "some.credentials"));

class PublicPropertyTest : public ::testing::TestWithParam<std::string> {};
TEST_P(PublicPropertyTest, IsNotSecret) { EXPECT_FALSE(IsSecretProperty(GetParam())); }
INSTANTIATE_TEST_SUITE_P(
    Librdkafka, PublicPropertyTest,
    ::testing::Values("bootstrap.servers", "security.protocol", "sasl.mechanism", "sasl.mechanisms",
                      "ssl.key.location", "ssl.keystore.location", "ssl.ca.location",
                      "ssl.certificate.location", "ssl.certificate.pem", "ssl.ca.pem",
                      "sasl.kerberos.keytab", "sasl.kerberos.service.name",
                      "sasl.oauthbearer.assertion.private.key.file", "linger.ms", "client.id",
                      "acks", "enable.sasl.oauthbearer.unsecure.jwt"));

}  // namespace
}  // namespace newsflow
