#include "util/data_path.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

#include "newsflow/build_info.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;

bool IsRegularFile(const fs::path& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec);
}

std::vector<fs::path> Candidates(const fs::path& relative) {
  std::vector<fs::path> candidates{relative};
  if (const char* dir = std::getenv("NEWSFLOW_DATA_DIR"); dir != nullptr && *dir != '\0') {
    candidates.push_back(fs::path(dir) / relative);
  }
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && exe.has_parent_path()) {
    candidates.push_back(exe.parent_path().parent_path() / "share" / "newsflow" / relative);
  }
  candidates.push_back(fs::path(kInstallDataDir) / relative);
  candidates.push_back(fs::path(kSourceDir) / relative);
  return candidates;
}

}  // namespace

std::optional<std::string> ResolveDataFile(std::string_view path, std::string* error) {
  const fs::path given(path);
  if (path.empty()) {
    if (error != nullptr) *error = "no file configured";
    return std::nullopt;
  }
  if (given.is_absolute()) {
    if (IsRegularFile(given)) return given.string();
    if (error != nullptr) *error = std::string(path) + ": not found";
    return std::nullopt;
  }
  std::string tried;
  for (const fs::path& candidate : Candidates(given)) {
    if (IsRegularFile(candidate)) return candidate.lexically_normal().string();
    if (!tried.empty()) tried += ", ";
    tried += candidate.lexically_normal().string();
  }
  if (error != nullptr) *error = std::string(path) + ": not found (tried " + tried + ")";
  return std::nullopt;
}

}  // namespace newsflow
