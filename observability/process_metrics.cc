#include "observability/process_metrics.h"

#include <unistd.h>

#include <charconv>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>
#include <utility>

namespace newsflow {
namespace {

std::optional<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return text;
}

// Splits on runs of spaces; fields are views into `text`.
std::vector<std::string_view> Fields(std::string_view text) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n' && text[i] != '\t') ++i;
    if (i > start) fields.push_back(text.substr(start, i - start));
  }
  return fields;
}

std::optional<double> ToNumber(std::string_view field) {
  unsigned long long value = 0;
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (ec != std::errc() || end != field.data() + field.size()) return std::nullopt;
  return static_cast<double>(value);
}

prometheus::MetricFamily Family(std::string name, std::string help, prometheus::MetricType type,
                                double value) {
  prometheus::MetricFamily family;
  family.name = std::move(name);
  family.help = std::move(help);
  family.type = type;
  prometheus::ClientMetric metric;
  if (type == prometheus::MetricType::Counter) {
    metric.counter.value = value;
  } else {
    metric.gauge.value = value;
  }
  family.metric.push_back(std::move(metric));
  return family;
}

// "Max open files            1024                 4096                 files"
std::optional<double> SoftOpenFilesLimit(const std::string& limits) {
  std::istringstream lines(limits);
  std::string line;
  constexpr std::string_view kPrefix = "Max open files";
  while (std::getline(lines, line)) {
    if (line.compare(0, kPrefix.size(), kPrefix) != 0) continue;
    const auto fields = Fields(std::string_view(line).substr(kPrefix.size()));
    if (fields.empty()) return std::nullopt;
    return ToNumber(fields[0]);  // "unlimited" -> nullopt
  }
  return std::nullopt;
}

}  // namespace

ProcessCollector::ProcessCollector(std::string proc_dir, std::string proc_root)
    : proc_dir_(std::move(proc_dir)),
      ticks_per_second_(static_cast<double>(sysconf(_SC_CLK_TCK))),
      page_size_(static_cast<double>(sysconf(_SC_PAGESIZE))) {
  // Boot time does not change while we run: read it once.
  if (auto stat = ReadSmallFile(proc_root + "/stat")) {
    std::istringstream lines(*stat);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.rfind("btime ", 0) == 0) {
        const auto fields = Fields(line);
        if (fields.size() < 2) break;
        if (auto value = ToNumber(fields[1])) boot_time_seconds_ = *value;
        break;
      }
    }
  }
}

std::vector<prometheus::MetricFamily> ProcessCollector::Collect() const {
  using prometheus::MetricType;
  std::vector<prometheus::MetricFamily> out;

  // /proc/<pid>/stat: the command name (field 2) is in parentheses and may
  // hold spaces or ')', so fields are counted from the last ')'.
  if (auto stat = ReadSmallFile(proc_dir_ + "/stat")) {
    const std::size_t close = stat->rfind(')');
    if (close != std::string::npos && ticks_per_second_ > 0) {
      // After ')': field 3 (state) is index 0, so field N is index N - 3.
      const auto fields = Fields(std::string_view(*stat).substr(close + 1));
      if (fields.size() > 21) {
        const auto utime = ToNumber(fields[14 - 3]);
        const auto stime = ToNumber(fields[15 - 3]);
        const auto start = ToNumber(fields[22 - 3]);
        if (utime && stime) {
          out.push_back(Family("process_cpu_seconds_total",
                               "Total user and system CPU time spent in seconds.",
                               MetricType::Counter, (*utime + *stime) / ticks_per_second_));
        }
        if (start && boot_time_seconds_ >= 0) {
          out.push_back(Family("process_start_time_seconds",
                               "Start time of the process since unix epoch in seconds.",
                               MetricType::Gauge, boot_time_seconds_ + *start / ticks_per_second_));
        }
      }
    }
  }

  // /proc/<pid>/statm: sizes in pages; field 1 total program size, field 2 resident.
  if (auto statm = ReadSmallFile(proc_dir_ + "/statm")) {
    const auto fields = Fields(*statm);
    if (fields.size() >= 2) {
      const auto size = ToNumber(fields[0]);
      const auto resident = ToNumber(fields[1]);
      if (size) {
        out.push_back(Family("process_virtual_memory_bytes", "Virtual memory size in bytes.",
                             MetricType::Gauge, *size * page_size_));
      }
      if (resident) {
        out.push_back(Family("process_resident_memory_bytes", "Resident memory size in bytes.",
                             MetricType::Gauge, *resident * page_size_));
      }
    }
  }

  std::error_code ec;
  std::filesystem::directory_iterator fds(proc_dir_ + "/fd", ec);
  if (!ec) {
    double open = 0;
    for (auto end = std::filesystem::directory_iterator(); fds != end; fds.increment(ec)) {
      if (ec) break;
      ++open;
    }
    if (!ec) {
      out.push_back(
          Family("process_open_fds", "Number of open file descriptors.", MetricType::Gauge, open));
    }
  }

  if (auto limits = ReadSmallFile(proc_dir_ + "/limits")) {
    if (auto max = SoftOpenFilesLimit(*limits)) {
      out.push_back(Family("process_max_fds", "Maximum number of open file descriptors.",
                           MetricType::Gauge, *max));
    }
  }
  return out;
}

std::vector<prometheus::MetricFamily> RegistryWithProcessMetrics::Collect() const {
  std::vector<prometheus::MetricFamily> families = prometheus::Registry::Collect();
  std::vector<prometheus::MetricFamily> process = process_.Collect();
  families.insert(families.end(), std::make_move_iterator(process.begin()),
                  std::make_move_iterator(process.end()));
  return families;
}

}  // namespace newsflow
