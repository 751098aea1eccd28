#include "observability/process_metrics.h"

#include <gtest/gtest.h>
#include <prometheus/counter.h>
#include <prometheus/text_serializer.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "tests/unit/scoped_temp_dir.h"

namespace newsflow {
namespace {

std::map<std::string, double> Values(const std::vector<prometheus::MetricFamily>& families) {
  std::map<std::string, double> values;
  for (const auto& family : families) {
    if (family.metric.empty()) continue;
    values[family.name] = family.type == prometheus::MetricType::Counter
                              ? family.metric[0].counter.value
                              : family.metric[0].gauge.value;
  }
  return values;
}

// Spins until this process has used `seconds` of CPU time (std::clock), so a
// loaded machine makes the test slower, not flaky.
double BurnCpu(double seconds) {
  volatile double sink = 0;
  const std::clock_t start = std::clock();
  while (static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC < seconds) {
    for (int i = 0; i < 10000; ++i) sink = sink + i * 0.5;
  }
  return sink;
}

TEST(ProcessCollectorTest, ReportsPlausibleValuesForThisProcess) {
  const auto values = Values(ProcessCollector().Collect());
  ASSERT_EQ(values.count("process_resident_memory_bytes"), 1u);
  EXPECT_GT(values.at("process_resident_memory_bytes"), 1024 * 1024);
  ASSERT_EQ(values.count("process_virtual_memory_bytes"), 1u);
  EXPECT_GE(values.at("process_virtual_memory_bytes"), values.at("process_resident_memory_bytes"));
  ASSERT_EQ(values.count("process_open_fds"), 1u);
  EXPECT_GE(values.at("process_open_fds"), 3);  // stdin, stdout, stderr at least
  ASSERT_EQ(values.count("process_max_fds"), 1u);
  EXPECT_GE(values.at("process_max_fds"), values.at("process_open_fds"));
  ASSERT_EQ(values.count("process_start_time_seconds"), 1u);
  const double now = static_cast<double>(std::time(nullptr));
  EXPECT_LE(values.at("process_start_time_seconds"), now + 1);
  EXPECT_GT(values.at("process_start_time_seconds"), now - 24 * 3600);  // a test run is short
}

TEST(ProcessCollectorTest, CpuSecondsIncreaseAfterBurningCpu) {
  ProcessCollector collector;
  const double before = Values(collector.Collect()).at("process_cpu_seconds_total");
  BurnCpu(0.3);
  const double after = Values(collector.Collect()).at("process_cpu_seconds_total");
  EXPECT_GE(after - before, 0.25);
}

TEST(ProcessCollectorTest, OpenFdsCountsNewlyOpenedDescriptors) {
  ProcessCollector collector;
  const double before = Values(collector.Collect()).at("process_open_fds");
  std::ifstream a("/proc/self/stat");
  std::ifstream b("/proc/self/statm");
  const double after = Values(collector.Collect()).at("process_open_fds");
  EXPECT_EQ(after - before, 2);
}

TEST(ProcessCollectorTest, TypesAndNamesFollowPrometheusConventions) {
  for (const auto& family : ProcessCollector().Collect()) {
    const bool is_counter =
        family.name.size() > 6 && family.name.compare(family.name.size() - 6, 6, "_total") == 0;
    EXPECT_EQ(family.type == prometheus::MetricType::Counter, is_counter) << family.name;
    EXPECT_FALSE(family.help.empty()) << family.name;
  }
}

class ProcessCollectorFixtureTest : public ::testing::Test {
 protected:
  void SetUp() override { std::filesystem::create_directories(dir_ / "self" / "fd"); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::map<std::string, double> Collect() {
    return Values(ProcessCollector((dir_ / "self").string(), dir_.string()).Collect());
  }
  ScopedTempDir temp_{"process_metrics_test"};
  const std::filesystem::path& dir_ = temp_.path();
};

TEST_F(ProcessCollectorFixtureTest, ParsesStatFieldsAfterACommandNameWithSpacesAndParens) {
  const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
  Write("stat", "cpu 1 2 3\nbtime 1700000000\n");
  // Fields 14/15 (utime, stime) = 3*tick, 1*tick; field 22 (starttime) = 50*tick.
  std::string stat = "4242 (we ird) name)) S";
  for (int field = 4; field <= 30; ++field) {
    long value = 0;
    if (field == 14) value = static_cast<long>(3 * tick);
    if (field == 15) value = static_cast<long>(tick);
    if (field == 22) value = static_cast<long>(50 * tick);
    stat += " " + std::to_string(value);
  }
  Write("self/stat", stat + "\n");
  const auto values = Collect();
  EXPECT_DOUBLE_EQ(values.at("process_cpu_seconds_total"), 4.0);
  EXPECT_DOUBLE_EQ(values.at("process_start_time_seconds"), 1700000050.0);
}

TEST_F(ProcessCollectorFixtureTest, MemoryComesFromStatmPages) {
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  Write("self/statm", "1000 250 10 1 0 100 0\n");
  const auto values = Collect();
  EXPECT_DOUBLE_EQ(values.at("process_virtual_memory_bytes"), 1000 * page);
  EXPECT_DOUBLE_EQ(values.at("process_resident_memory_bytes"), 250 * page);
}

TEST_F(ProcessCollectorFixtureTest, MaxFdsIsTheSoftLimitAndAbsentWhenUnlimited) {
  Write("self/limits",
        "Limit                     Soft Limit           Hard Limit           Units     \n"
        "Max processes             unlimited            unlimited            processes \n"
        "Max open files            1024                 524288               files     \n");
  EXPECT_DOUBLE_EQ(Collect().at("process_max_fds"), 1024);
  Write("self/limits",
        "Max open files            unlimited            unlimited            files\n");
  EXPECT_EQ(Collect().count("process_max_fds"), 0u);
}

TEST_F(ProcessCollectorFixtureTest, MissingOrGarbledFilesDropOnlyTheirMetrics) {
  Write("stat", "no btime here\n");
  Write("self/stat", "garbage without parenthesis\n");
  Write("self/statm", "x y\n");
  const auto values = Collect();
  EXPECT_EQ(values.count("process_cpu_seconds_total"), 0u);
  EXPECT_EQ(values.count("process_start_time_seconds"), 0u);
  EXPECT_EQ(values.count("process_resident_memory_bytes"), 0u);
  EXPECT_EQ(values.count("process_max_fds"), 0u);      // no limits file
  EXPECT_DOUBLE_EQ(values.at("process_open_fds"), 0);  // empty fixture fd dir
}

TEST(RegistryWithProcessMetricsTest, ExposesRegistryMetricsAndProcessMetrics) {
  auto registry = std::make_shared<RegistryWithProcessMetrics>();
  std::shared_ptr<prometheus::Registry> as_base = registry;  // how HttpServer holds it
  prometheus::BuildCounter().Name("newsflow_test_total").Help("t").Register(*registry).Add({});
  const std::string text = prometheus::TextSerializer().Serialize(as_base->Collect());
  EXPECT_NE(text.find("newsflow_test_total 0"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE process_cpu_seconds_total counter"), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE process_resident_memory_bytes gauge"), std::string::npos) << text;
}

TEST(RegistryWithProcessMetricsTest, PlainRegistryHasNoProcessMetrics) {
  auto registry = std::make_shared<prometheus::Registry>();
  const std::string text = prometheus::TextSerializer().Serialize(registry->Collect());
  EXPECT_EQ(text.find("process_cpu_seconds_total"), std::string::npos);
}

}  // namespace
}  // namespace newsflow
