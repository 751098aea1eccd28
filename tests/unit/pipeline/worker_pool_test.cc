#include "pipeline/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <random>
#include <stdexcept>
#include <thread>

#include "consumer/offset_watermark.h"
#include "newsflow/shutdown.h"
#include "pipeline/delivery_router.h"

namespace newsflow {
namespace {

std::string HeaderValue(const OutboundMessage& m, const std::string& name) {
  for (const auto& [k, v] : m.headers)
    if (k == name) return v;
  return "<missing>";
}

// Acknowledges (or fails) every message synchronously and remembers it.
class RecordingSink : public RecordSink {
 public:
  explicit RecordingSink(DeliveryListener& listener) : listener_(listener) {}
  void Send(OutboundMessage message, void* cookie) override {
    DeliveryStatus status = DeliveryStatus::kDelivered;
    std::string error;
    {
      std::lock_guard lock(mu_);
      sent_.push_back(message);
      if (message.destination == Destination::kOutput && fail_output_) {
        status = DeliveryStatus::kFailed;
        error = "Broker: Topic authorization failed";
      }
      if (message.destination == Destination::kDeadLetter && fail_dead_letter_ > 0) {
        --fail_dead_letter_;
        status = DeliveryStatus::kFailed;
        error = dead_letter_error_;
      }
    }
    listener_.OnDelivery(cookie, message, status, error);
  }
  int Flush(int) override { return 0; }

  std::vector<OutboundMessage> sent() {
    std::lock_guard lock(mu_);
    return sent_;
  }
  void FailOutput() { fail_output_ = true; }
  void FailDeadLetters(int times, std::string error) {
    fail_dead_letter_ = times;
    dead_letter_error_ = std::move(error);
  }

 private:
  DeliveryListener& listener_;
  std::mutex mu_;
  std::vector<OutboundMessage> sent_;
  bool fail_output_ = false;
  int fail_dead_letter_ = 0;
  std::string dead_letter_error_;
};

struct Done {
  int64_t offset;
  int32_t partition;
  WorkOutcome outcome;
};

class RecordingCompletion : public WorkCompletion {
 public:
  void OnWorkDone(std::unique_ptr<WorkItem> item, WorkOutcome outcome,
                  const OutboundMessage*) override {
    std::lock_guard lock(mu_);
    done_.push_back(
        {item->article.raw.provenance.offset, item->article.raw.provenance.partition, outcome});
    cv_.notify_all();
  }
  bool WaitFor(size_t n, std::chrono::seconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return done_.size() >= n; });
  }
  std::vector<Done> done() {
    std::lock_guard lock(mu_);
    return done_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Done> done_;
};

// Test stages: behaviour chosen by the record's value.
class ScriptedStage : public Stage {
 public:
  std::string_view Name() const override { return "scripted"; }
  StageResult Process(Article& a) override {
    // Random jitter makes workers finish out of order.
    std::this_thread::sleep_for(std::chrono::microseconds(rng_() % 200));
    a.id = "id-" + std::to_string(a.raw.provenance.offset);
    a.text = "text";
    const std::string& v = a.raw.value;
    if (v == "drop") return StageResult::Drop("filtered");
    if (v == "dead") return StageResult::DeadLetter(Reason::kMissingBody, "no body here");
    if (v == "throw") throw std::runtime_error("stage blew up");
    return StageResult::Pass();
  }

 private:
  std::mt19937 rng_{std::random_device{}()};
};

class WorkerPoolTest : public ::testing::Test {
 protected:
  WorkerPoolTest()
      : metrics_(std::make_shared<prometheus::Registry>(), {"scripted", "publish"}),
        router_(completion_, metrics_, shutdown_),
        sink_(router_) {
    registry_.Register(
        "scripted", [](const StageContext&) { return std::unique_ptr<Stage>(new ScriptedStage); });
    config_.pipeline.stages = {"scripted"};
    config_.pipeline.workers = 4;
  }
  void SetUp() override {
    std::string error;
    pool_ = WorkerPool::Create(config_, registry_, sink_, completion_, metrics_, &error);
    ASSERT_NE(pool_, nullptr) << error;
    router_.Start(&sink_);
    pool_->Start();
  }
  void TearDown() override {
    pool_->Stop();
    router_.Stop();
  }
  std::unique_ptr<WorkItem> Item(int32_t partition, int64_t offset, std::string value,
                                 std::shared_ptr<OffsetWatermark> wm = nullptr) {
    auto item = std::make_unique<WorkItem>();
    item->article.raw.value = std::move(value);
    item->article.raw.key = "k" + std::to_string(offset);
    item->article.raw.provenance = {"in", partition, offset, 1700000000000};
    item->watermark = std::move(wm);
    return item;
  }

  Config config_;
  StageRegistry registry_;
  Shutdown shutdown_;
  RecordingCompletion completion_;
  Metrics metrics_;
  DeliveryRouter router_;
  RecordingSink sink_;
  std::unique_ptr<WorkerPool> pool_;
};

TEST_F(WorkerPoolTest, RecordsOfOneShardReachTheSinkInSubmissionOrder) {
  constexpr int kPartitions = 3, kPerPartition = 300;
  for (int i = 0; i < kPerPartition; ++i)
    for (int p = 0; p < kPartitions; ++p) pool_->Submit(Item(p, i, "ok"), p);
  ASSERT_TRUE(completion_.WaitFor(kPartitions * kPerPartition));
  std::map<std::string, int64_t> last;
  for (const auto& m : sink_.sent()) {
    ASSERT_EQ(m.destination, Destination::kOutput);
    const std::string partition = HeaderValue(m, "newsflow.source.partition");
    const int64_t offset = std::stoll(HeaderValue(m, "newsflow.source.offset"));
    if (last.count(partition)) {
      EXPECT_GT(offset, last[partition]) << "partition " << partition;
    }
    last[partition] = offset;
  }
  EXPECT_EQ(last.size(), 3u);
  EXPECT_EQ(metrics_.produced.Value(), kPartitions * kPerPartition);
}

TEST_F(WorkerPoolTest, PublishedRecordIsKeyedByArticleId) {
  pool_->Submit(Item(0, 41, "ok"), 0);
  ASSERT_TRUE(completion_.WaitFor(1));
  const auto sent = sink_.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].key, std::optional<std::string>("id-41"));
  EXPECT_NE(sent[0].value.find("\"id-41\""), std::string::npos);
  EXPECT_EQ(completion_.done()[0].outcome, WorkOutcome::kPublished);
}

TEST_F(WorkerPoolTest, DeadLetterVerdictSendsTheOriginalRecordWithItsReason) {
  pool_->Submit(Item(2, 7, "dead"), 2);
  ASSERT_TRUE(completion_.WaitFor(1));
  const auto sent = sink_.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].destination, Destination::kDeadLetter);
  EXPECT_EQ(sent[0].value, "dead");
  EXPECT_EQ(sent[0].key, std::optional<std::string>("k7"));
  EXPECT_EQ(HeaderValue(sent[0], "newsflow.error.reason"), "missing_body");
  EXPECT_EQ(HeaderValue(sent[0], "newsflow.error.stage"), "scripted");
  EXPECT_EQ(HeaderValue(sent[0], "newsflow.error.message"), "no body here");
  EXPECT_EQ(completion_.done()[0].outcome, WorkOutcome::kDeadLettered);
  EXPECT_EQ(metrics_.DeadLettered(Reason::kMissingBody).Value(), 1);
}

TEST_F(WorkerPoolTest, ExceptionInAStageBecomesStageErrorDeadLetter) {
  pool_->Submit(Item(0, 1, "throw"), 0);
  ASSERT_TRUE(completion_.WaitFor(1));
  const auto sent = sink_.sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(HeaderValue(sent[0], "newsflow.error.reason"), "stage_error");
  EXPECT_NE(HeaderValue(sent[0], "newsflow.error.message").find("stage blew up"),
            std::string::npos);
  EXPECT_EQ(metrics_.Errors(ErrorKind::kStage).Value(), 1);
}

TEST_F(WorkerPoolTest, DroppedRecordIsReleasedWithoutPublishing) {
  pool_->Submit(Item(0, 1, "drop"), 0);
  ASSERT_TRUE(completion_.WaitFor(1));
  EXPECT_TRUE(sink_.sent().empty());
  EXPECT_EQ(completion_.done()[0].outcome, WorkOutcome::kDropped);
}

TEST_F(WorkerPoolTest, RecordsOfARevokedPartitionAreAbandonedNotProcessed) {
  auto wm = std::make_shared<OffsetWatermark>("in", 0);
  wm->MarkRevoked();
  pool_->Submit(Item(0, 1, "ok", wm), 0);
  ASSERT_TRUE(completion_.WaitFor(1));
  EXPECT_TRUE(sink_.sent().empty());
  EXPECT_EQ(completion_.done()[0].outcome, WorkOutcome::kAbandoned);
}

TEST_F(WorkerPoolTest, PermanentOutputFailureIsDeadLetteredAsProduceFailed) {
  sink_.FailOutput();
  pool_->Submit(Item(0, 5, "ok"), 0);
  ASSERT_TRUE(completion_.WaitFor(1));
  const auto sent = sink_.sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[1].destination, Destination::kDeadLetter);
  EXPECT_EQ(sent[1].value, "ok") << "the dead letter carries the original input";
  EXPECT_EQ(HeaderValue(sent[1], "newsflow.error.reason"), "produce_failed");
  EXPECT_EQ(completion_.done()[0].outcome, WorkOutcome::kDeadLettered);
  EXPECT_EQ(metrics_.DeadLettered(Reason::kProduceFailed).Value(), 1);
}

TEST_F(WorkerPoolTest, UndeliverableDeadLetterStopsTheDaemonWithoutReleasingTheOffset) {
  sink_.FailDeadLetters(1, "Broker: Topic authorization failed");
  pool_->Submit(Item(0, 5, "dead"), 0);
  ASSERT_TRUE(shutdown_.WaitFor(std::chrono::seconds(10)));
  EXPECT_EQ(shutdown_.exit_code(), kExitDeliveryFatal);
  EXPECT_FALSE(completion_.WaitFor(1, std::chrono::seconds(0)))
      << "the record must stay unfinished so its offset is never committed";
}

TEST_F(WorkerPoolTest, OversizedDeadLetterIsResentTruncatedOnce) {
  const size_t original = DeliveryRouter::kTruncatedValueBytes + 1000;
  sink_.FailOutput();  // output fails -> dead letter, which the broker rejects as too large
  sink_.FailDeadLetters(1, "Broker: Message size too large");
  pool_->Submit(Item(0, 5, std::string(original, 'x')), 0);
  ASSERT_TRUE(completion_.WaitFor(1));
  const auto sent = sink_.sent();
  ASSERT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[2].destination, Destination::kDeadLetter);
  EXPECT_EQ(sent[2].value.size(), DeliveryRouter::kTruncatedValueBytes);
  EXPECT_EQ(HeaderValue(sent[2], "newsflow.error.value_truncated_from"), std::to_string(original));
  EXPECT_EQ(completion_.done()[0].outcome, WorkOutcome::kDeadLettered);
}

}  // namespace
}  // namespace newsflow
