#include "pipeline/record_headers.h"

#include <string>

namespace newsflow {

std::vector<Header> ProvenanceHeaders(const Provenance& provenance) {
  std::vector<Header> headers;
  headers.reserve(3);
  headers.emplace_back(std::string(kHeaderSourceTopic), provenance.topic);
  headers.emplace_back(std::string(kHeaderSourcePartition), std::to_string(provenance.partition));
  headers.emplace_back(std::string(kHeaderSourceOffset), std::to_string(provenance.offset));
  return headers;
}

}  // namespace newsflow
