#include "observability/logging.h"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "observability/json_log_formatter.h"

namespace newsflow {

bool SetupLogging(const std::string& level, const std::string& format) {
  bool known = true;
  spdlog::level::level_enum parsed = spdlog::level::from_str(level);
  // from_str maps anything it does not know to `off`, which would silence
  // the process; only take `off` when it was asked for.
  if (parsed == spdlog::level::off && level != "off") {
    parsed = spdlog::level::info;
    known = false;
  }

  std::shared_ptr<spdlog::logger> logger;
  if (format == "text") {
    logger = std::make_shared<spdlog::logger>(
        "newsflow", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  } else {
    known = known && format == "json";
    // Plain sink: colour escapes would corrupt the JSON lines.
    logger = std::make_shared<spdlog::logger>("newsflow",
                                              std::make_shared<spdlog::sinks::stderr_sink_mt>());
    logger->set_formatter(std::make_unique<JsonLogFormatter>());
  }
  logger->set_level(parsed);
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(std::move(logger));
  return known;
}

}  // namespace newsflow
