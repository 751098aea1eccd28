#include "util/kafka_conf.h"

#include "newsflow/config.h"

namespace newsflow {
namespace {

bool Apply(RdKafka::Conf& conf, const KafkaProperties& properties, const char* origin,
           std::string* error) {
  for (const auto& [name, value] : properties) {
    std::string message;
    if (conf.set(name, value, message) != RdKafka::Conf::CONF_OK) {
      *error = std::string(origin) + " property '" + name + "'" +
               (IsSecretProperty(name) ? std::string() : " = '" + value + "'") + ": " + message;
      return false;
    }
  }
  return true;
}

}  // namespace

KafkaProperties MergeProperties(const KafkaProperties& base, const KafkaProperties& specific) {
  KafkaProperties merged = base;
  for (const auto& [name, value] : specific) merged[name] = value;
  return merged;
}

std::unique_ptr<RdKafka::Conf> BuildKafkaConf(const KafkaProperties& managed,
                                              const KafkaProperties& user, std::string* error) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  if (!Apply(*conf, managed, "newsflow", error)) return nullptr;
  if (!Apply(*conf, user, "librdkafka", error)) return nullptr;
  return conf;
}

}  // namespace newsflow
