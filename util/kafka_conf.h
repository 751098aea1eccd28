// Builds librdkafka configurations from newsflow settings.
#pragma once

#include <librdkafka/rdkafkacpp.h>

#include <map>
#include <memory>
#include <string>

namespace newsflow {

using KafkaProperties = std::map<std::string, std::string>;

// Applies `managed` (newsflow's own choices), then `user` (passthrough,
// overriding), to a new global Conf. Returns nullptr and sets *error naming
// the property when librdkafka rejects a name or value. Values of secret
// properties never appear in the error.
std::unique_ptr<RdKafka::Conf> BuildKafkaConf(const KafkaProperties& managed,
                                              const KafkaProperties& user, std::string* error);

// `base` overlaid with `specific`.
KafkaProperties MergeProperties(const KafkaProperties& base, const KafkaProperties& specific);

}  // namespace newsflow
