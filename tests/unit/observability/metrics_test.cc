#include "newsflow/metrics.h"

#include <gtest/gtest.h>
#include <prometheus/text_serializer.h>

#include <memory>
#include <string>
#include <vector>

#include "newsflow/build_info.h"
#include "newsflow/reason.h"

namespace newsflow {
namespace {

class MetricsTest : public ::testing::Test {
 protected:
  std::string Exposition() const {
    return prometheus::TextSerializer().Serialize(registry_->Collect());
  }
  bool Contains(const std::string& needle) const {
    return Exposition().find(needle) != std::string::npos;
  }

  std::shared_ptr<prometheus::Registry> registry_ = std::make_shared<prometheus::Registry>();
  Metrics metrics_{registry_, {"parse", "normalize_text", "publish"}};
};

TEST_F(MetricsTest, ExposesRegistry) { EXPECT_EQ(metrics_.registry(), registry_); }

TEST_F(MetricsTest, EveryFamilyHasHelpText) {
  for (const auto& family : registry_->Collect()) {
    EXPECT_FALSE(family.help.empty()) << family.name;
    EXPECT_EQ(family.name.rfind("newsflow_", 0), 0u) << family.name;
  }
}

TEST_F(MetricsTest, ScalarMetricsUseTheDocumentedNames) {
  metrics_.consumed.Increment(3);
  metrics_.consumed_bytes.Increment(1234);
  metrics_.produced.Increment();
  metrics_.dropped.Increment();
  metrics_.produce_retries.Increment();
  metrics_.commits.Increment();
  metrics_.offset_resets.Increment();
  metrics_.offset_reset_skipped.Increment(5);
  metrics_.in_flight_records.Set(7);
  metrics_.in_flight_bytes.Set(8);
  metrics_.paused_partitions.Set(1);
  metrics_.assigned_partitions.Set(4);
  metrics_.ready.Set(1);
  metrics_.workers.Set(2);
  const std::string text = Exposition();
  for (const char* line :
       {"newsflow_records_consumed_total 3", "newsflow_consumed_bytes_total 1234",
        "newsflow_records_produced_total 1", "newsflow_records_dropped_total 1",
        "newsflow_produce_retries_total 1", "newsflow_offset_commits_total 1",
        "newsflow_offset_resets_total 1", "newsflow_offset_reset_skipped_records_total 5",
        "newsflow_in_flight_records 7", "newsflow_in_flight_bytes 8",
        "newsflow_paused_partitions 1", "newsflow_assigned_partitions 4", "newsflow_ready 1",
        "newsflow_workers 2"}) {
    EXPECT_NE(text.find(std::string("\n") + line + "\n"), std::string::npos) << line;
  }
}

TEST_F(MetricsTest, RebalanceEventsShareOneFamily) {
  metrics_.rebalance_assigned.Increment(2);
  metrics_.rebalance_revoked.Increment();
  const std::string text = Exposition();
  EXPECT_NE(text.find("newsflow_rebalances_total{event=\"assign\"} 2"), std::string::npos);
  EXPECT_NE(text.find("newsflow_rebalances_total{event=\"revoke\"} 1"), std::string::npos);
  EXPECT_NE(text.find("newsflow_rebalances_total{event=\"lost\"} 0"), std::string::npos);
  const std::string help = "# HELP newsflow_rebalances_total";
  const auto first = text.find(help);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(text.find(help, first + 1), std::string::npos);
  EXPECT_NE(&metrics_.rebalance_assigned, &metrics_.rebalance_lost);
}

TEST_F(MetricsTest, DeadLetterSeriesExistForEveryReasonBeforeUse) {
  for (Reason reason : kAllReasons) {
    const std::string series = "newsflow_records_dead_lettered_total{reason=\"" +
                               std::string(ReasonName(reason)) + "\"} 0";
    EXPECT_TRUE(Contains(series)) << series;
  }
  metrics_.DeadLettered(Reason::kTooLarge).Increment();
  EXPECT_TRUE(Contains("newsflow_records_dead_lettered_total{reason=\"" +
                       std::string(ReasonName(Reason::kTooLarge)) + "\"} 1"));
}

TEST_F(MetricsTest, DeadLetterWithoutReasonCountsAsStageError) {
  EXPECT_EQ(&metrics_.DeadLettered(Reason::kNone), &metrics_.DeadLettered(Reason::kStageError));
}

TEST_F(MetricsTest, ErrorSeriesExistForEveryKind) {
  for (const char* kind : {"consume", "produce", "commit", "kafka", "stage"}) {
    EXPECT_TRUE(Contains(std::string("newsflow_errors_total{kind=\"") + kind + "\"} 0")) << kind;
  }
  metrics_.Errors(ErrorKind::kCommit).Increment();
  EXPECT_TRUE(Contains("newsflow_errors_total{kind=\"commit\"} 1"));
  EXPECT_NE(&metrics_.Errors(ErrorKind::kConsume), &metrics_.Errors(ErrorKind::kProduce));
}

TEST_F(MetricsTest, StageHistogramsPerConfiguredStageAndOtherForUnknown) {
  EXPECT_TRUE(Contains("newsflow_stage_duration_seconds_count{stage=\"parse\"} 0"));
  EXPECT_TRUE(Contains("newsflow_stage_duration_seconds_count{stage=\"publish\"} 0"));
  EXPECT_TRUE(Contains("newsflow_stage_duration_seconds_count{stage=\"other\"} 0"));
  EXPECT_NE(&metrics_.StageSeconds("parse"), &metrics_.StageSeconds("normalize_text"));
  EXPECT_EQ(&metrics_.StageSeconds("no_such_stage"), &metrics_.StageSeconds("other"));
  metrics_.StageSeconds("no_such_stage").Observe(0.002);
  EXPECT_TRUE(Contains("newsflow_stage_duration_seconds_count{stage=\"other\"} 1"));
  EXPECT_FALSE(Contains("no_such_stage"));
}

TEST_F(MetricsTest, HistogramBucketsSpanTheDocumentedRanges) {
  const std::string text = Exposition();
  EXPECT_NE(text.find("newsflow_stage_duration_seconds_bucket{stage=\"parse\",le=\"1e-05\"}"),
            std::string::npos);
  EXPECT_NE(text.find("newsflow_stage_duration_seconds_bucket{stage=\"parse\",le=\"1\"}"),
            std::string::npos);
  EXPECT_NE(text.find("newsflow_consume_to_ack_seconds_bucket{le=\"0.001\"}"), std::string::npos);
  EXPECT_NE(text.find("newsflow_consume_to_ack_seconds_bucket{le=\"60\"}"), std::string::npos);
  EXPECT_NE(text.find("newsflow_freshness_seconds_bucket{le=\"1\"}"), std::string::npos);
  EXPECT_NE(text.find("newsflow_freshness_seconds_bucket{le=\"604800\"}"), std::string::npos);
}

TEST_F(MetricsTest, HistogramsRecordObservations) {
  metrics_.consume_to_ack_seconds.Observe(0.2);
  metrics_.freshness_seconds.Observe(42);
  EXPECT_TRUE(Contains("newsflow_consume_to_ack_seconds_count 1"));
  EXPECT_TRUE(Contains("newsflow_freshness_seconds_sum 42"));
}

TEST_F(MetricsTest, BuildInfoCarriesVersionAndCommit) {
  EXPECT_TRUE(Contains(std::string("newsflow_build_info{commit=\"") + kGitCommit + "\",version=\"" +
                       kVersion + "\"} 1"));
}

TEST_F(MetricsTest, PartitionGaugesAreCreatedOnUseAndRemovedTogether) {
  EXPECT_FALSE(Contains("newsflow_consumer_lag_records{"));
  metrics_.SetPartitionLag("articles.raw", 3, 120);
  metrics_.SetCommittedOffset("articles.raw", 3, 4500);
  metrics_.SetPartitionLag("articles.raw", 3, 100);
  metrics_.SetPartitionLag("articles.raw", 4, 0);
  EXPECT_TRUE(
      Contains("newsflow_consumer_lag_records{partition=\"3\",topic=\"articles.raw\"} 100"));
  EXPECT_TRUE(Contains("newsflow_committed_offset{partition=\"3\",topic=\"articles.raw\"} 4500"));
  EXPECT_TRUE(Contains("newsflow_consumer_lag_records{partition=\"4\",topic=\"articles.raw\"} 0"));

  metrics_.RemovePartition("articles.raw", 3);
  EXPECT_FALSE(Contains("partition=\"3\""));
  EXPECT_TRUE(Contains("newsflow_consumer_lag_records{partition=\"4\",topic=\"articles.raw\"} 0"));
  metrics_.RemovePartition("articles.raw", 3);  // already gone: no-op
  metrics_.RemovePartition("articles.raw", 4);  // only the lag series existed
  EXPECT_FALSE(Contains("partition=\"4\""));

  metrics_.SetCommittedOffset("articles.raw", 3, 9);  // re-assigned later: fresh series
  EXPECT_TRUE(Contains("newsflow_committed_offset{partition=\"3\",topic=\"articles.raw\"} 9"));
}

TEST(MetricsConstructionTest, DuplicateStageNamesAndOtherAreHarmless) {
  auto registry = std::make_shared<prometheus::Registry>();
  Metrics metrics(registry, {"parse", "parse", "other"});
  EXPECT_EQ(&metrics.StageSeconds("other"), &metrics.StageSeconds("unknown"));
  EXPECT_NE(&metrics.StageSeconds("parse"), &metrics.StageSeconds("other"));
}

}  // namespace
}  // namespace newsflow
