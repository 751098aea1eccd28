// The one place that decides whether a failed delivery is worth retrying.
#pragma once

#include <librdkafka/rdkafkacpp.h>

namespace newsflow {

// True when producing the same message again may succeed (timeouts, leader
// changes, brokers down, topic not yet created). False for errors that will
// fail the same way every time (too large, invalid, not authorized, fatal
// producer state): the pipeline then dead-letters the record.
bool IsRetriableDeliveryError(RdKafka::ErrorCode error);

}  // namespace newsflow
