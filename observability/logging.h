// Process-wide logging set-up.
#pragma once

#include <string>

namespace newsflow {

// Replaces spdlog's default logger with one named "newsflow" writing to
// stderr. `level` is one of trace, debug, info, warn, error, critical, off;
// `format` is "json" (one JSON object per line, see JsonLogFormatter) or
// "text" (spdlog's default pattern, coloured on a terminal).
// The values are validated by LoadConfig; should an unknown one arrive
// anyway, the level falls back to info and the format to json, and false is
// returned. May be called again to reconfigure; not concurrently with itself.
bool SetupLogging(const std::string& level, const std::string& format);

}  // namespace newsflow
