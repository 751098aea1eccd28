#include "util/file_bytes.h"

#include <fstream>
#include <iterator>
#include <system_error>
#include <utility>

namespace newsflow {

bool ReadFileBytes(const std::filesystem::path& path, std::string* out) {
  std::error_code error;
  // A directory opens for reading on Linux; only its reads fail.
  if (std::filesystem::is_directory(path, error)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return false;
  *out = std::move(bytes);
  return true;
}

}  // namespace newsflow
