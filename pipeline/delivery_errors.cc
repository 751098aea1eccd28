#include "pipeline/delivery_errors.h"

namespace newsflow {

bool IsRetriableDeliveryError(RdKafka::ErrorCode error) {
  switch (error) {
    // The message itself is unacceptable to the broker.
    case RdKafka::ERR_MSG_SIZE_TOO_LARGE:
    case RdKafka::ERR_RECORD_LIST_TOO_LARGE:
    case RdKafka::ERR_INVALID_RECORD:
    case RdKafka::ERR_INVALID_MSG:
    case RdKafka::ERR__INVALID_ARG:
    case RdKafka::ERR_TOPIC_EXCEPTION:
    case RdKafka::ERR_INVALID_REQUIRED_ACKS:
    // Permissions do not fix themselves within a retry.
    case RdKafka::ERR_TOPIC_AUTHORIZATION_FAILED:
    case RdKafka::ERR_CLUSTER_AUTHORIZATION_FAILED:
    case RdKafka::ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
    // The idempotent producer is unusable; the process must restart.
    case RdKafka::ERR__FATAL:
    case RdKafka::ERR__PURGE_QUEUE:
    case RdKafka::ERR__PURGE_INFLIGHT:
      return false;
    default:
      return true;
  }
}

}  // namespace newsflow
