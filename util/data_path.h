// Finds the model and data files named in the configuration (tagging.*).
//
// An absolute path is used as it is. A relative one ("models/ner/x.nfner")
// is looked up, first match wins, in:
//   1. the working directory;
//   2. $NEWSFLOW_DATA_DIR, when set;
//   3. <directory of the executable>/../share/newsflow (a relocated install);
//   4. the configured install data directory (CMAKE_INSTALL_FULL_DATADIR/
//      newsflow, where `cmake --install` puts models/);
//   5. the source tree the binary was built from (running from a build tree).
// So the same default config works from a checkout, a build directory, an
// installed package and a container.
//
// Thread-safety: reentrant (reads the environment and the file system).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace newsflow {

// The first existing regular file for `path`, or nullopt; then `*error`
// (when not null) says which places were tried, e.g. "models/x.ftz: not
// found (tried ./models/x.ftz, /usr/share/newsflow/models/x.ftz, ...)".
std::optional<std::string> ResolveDataFile(std::string_view path, std::string* error);

}  // namespace newsflow
