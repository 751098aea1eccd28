// spdlog formatter writing one JSON object per line:
//   {"ts":"2024-05-01T12:34:56.789Z","level":"info","logger":"newsflow",
//    "msg":"...","thread":12345}
// `ts` is RFC 3339 in UTC with milliseconds; `level` is spdlog's level name
// (trace, debug, info, warning, error, critical). Strings are escaped by
// RapidJSON; bytes that are not valid UTF-8 are replaced by U+FFFD so every
// line is valid JSON whatever the message carries.
//
// Thread-safety: like every spdlog formatter, an instance is used by one
// sink under that sink's lock; clone() makes independent copies.
#pragma once

#include <spdlog/details/log_msg.h>
#include <spdlog/formatter.h>

#include <memory>

namespace newsflow {

class JsonLogFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace newsflow
