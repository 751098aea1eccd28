#include "util/file_bytes.h"

#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

namespace newsflow {

bool ReadFileBytes(const std::filesystem::path& path, std::string* out) {
  std::error_code error;
  // A directory opens for reading on Linux; only its reads fail.
  if (std::filesystem::is_directory(path, error)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  // In bulk through the stream buffer, faster than building the string from
  // istreambuf_iterator (the 3.7 MB NER model: 3.0-3.6 against 4.2-6.1 ms).
  // An empty file only sets the failbit of `bytes`.
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return false;
  *out = std::move(bytes).str();
  return true;
}

}  // namespace newsflow
