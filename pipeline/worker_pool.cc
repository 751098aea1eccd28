#include "pipeline/worker_pool.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>

#include "consumer/offset_watermark.h"
#include "newsflow/build_info.h"
#include "pipeline/dead_letter.h"
#include "pipeline/output_record.h"
#include "pipeline/record_headers.h"
#include "util/clock.h"

namespace newsflow {
namespace {}  // namespace

// One thread, one queue, one stage chain, one output writer.
class Worker {
 public:
  Worker(std::vector<std::unique_ptr<Stage>> stages, RecordSink& sink, WorkCompletion& completion,
         Metrics& metrics)
      : stages_(std::move(stages)),
        sink_(sink),
        completion_(completion),
        metrics_(metrics),
        writer_(kVersion, kGitCommit),
        publish_seconds_(metrics.StageSeconds("publish")) {
    for (const auto& stage : stages_)
      stage_seconds_.push_back(&metrics.StageSeconds(std::string(stage->Name())));
  }

  void Start() {
    thread_ = std::thread([this] { Loop(); });
  }

  void Enqueue(std::unique_ptr<WorkItem> item) {
    {
      std::lock_guard lock(mu_);
      queue_.push_back(std::move(item));
    }
    cv_.notify_one();
  }

  void Stop() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
  }

  int64_t Queued() const {
    std::lock_guard lock(mu_);
    return static_cast<int64_t>(queue_.size());
  }

 private:
  void Loop() {
    for (;;) {
      std::unique_ptr<WorkItem> item;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping and drained
        item = std::move(queue_.front());
        queue_.pop_front();
      }
      Process(std::move(item));
    }
  }

  void Process(std::unique_ptr<WorkItem> item) {
    if (item->watermark && item->watermark->Revoked()) {
      completion_.OnWorkDone(std::move(item), WorkOutcome::kAbandoned, nullptr);
      return;
    }
    StageResult result;
    for (size_t i = 0; i < stages_.size(); ++i) {
      const auto start = std::chrono::steady_clock::now();
      try {
        result = stages_[i]->Process(item->article);
      } catch (const std::exception& e) {
        metrics_.Errors(ErrorKind::kStage).Increment();
        result = StageResult::DeadLetter(Reason::kStageError, e.what());
      } catch (...) {
        metrics_.Errors(ErrorKind::kStage).Increment();
        result = StageResult::DeadLetter(Reason::kStageError, "unknown exception");
      }
      stage_seconds_[i]->Observe(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
      if (result.outcome != Outcome::kPass) {
        item->stage = std::string(stages_[i]->Name());
        break;
      }
    }
    const auto publish_start = std::chrono::steady_clock::now();
    switch (result.outcome) {
      case Outcome::kDrop:
        completion_.OnWorkDone(std::move(item), WorkOutcome::kDropped, nullptr);
        break;
      case Outcome::kDeadLetter:
        SendDeadLetter(std::move(item), result.reason, result.message);
        break;
      case Outcome::kPass:
        Publish(std::move(item));
        break;
    }
    publish_seconds_.Observe(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - publish_start).count());
  }

  void Publish(std::unique_ptr<WorkItem> item) {
    OutboundMessage message;
    std::string error;
    if (!writer_.Write(item->article, UnixNowMs(), &message.value, &error)) {
      item->stage = "publish";
      SendDeadLetter(std::move(item), Reason::kStageError, "output serialization failed: " + error);
      return;
    }
    message.destination = Destination::kOutput;
    message.key = item->article.id;
    message.headers = ProvenanceHeaders(item->article.raw.provenance);
    WorkItem* cookie = item.release();  // owned by the sink until delivery
    sink_.Send(std::move(message), cookie);
  }

  void SendDeadLetter(std::unique_ptr<WorkItem> item, Reason reason, const std::string& message) {
    item->reason = reason;
    OutboundMessage dead_letter =
        MakeDeadLetter(item->article.raw, reason, message, item->stage, UnixNowMs());
    WorkItem* cookie = item.release();  // owned by the sink until delivery
    sink_.Send(std::move(dead_letter), cookie);
  }

  std::vector<std::unique_ptr<Stage>> stages_;
  RecordSink& sink_;
  WorkCompletion& completion_;
  Metrics& metrics_;
  OutputRecordWriter writer_;
  std::vector<prometheus::Histogram*> stage_seconds_;
  prometheus::Histogram& publish_seconds_;
  std::thread thread_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  // Guarded by mu_.
  std::deque<std::unique_ptr<WorkItem>> queue_;
  bool stopping_ = false;
};

int ResolveWorkerCount(int configured) {
  if (configured > 0) return configured;
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

std::unique_ptr<WorkerPool> WorkerPool::Create(const Config& config, const StageRegistry& registry,
                                               RecordSink& sink, WorkCompletion& completion,
                                               Metrics& metrics, std::string* error) {
  const int count = ResolveWorkerCount(config.pipeline.workers);
  StageContext context{config};
  std::vector<std::unique_ptr<Worker>> workers;
  for (int i = 0; i < count; ++i) {
    std::string unknown;
    std::vector<std::unique_ptr<Stage>> chain;
    try {
      chain = registry.CreateChain(config.pipeline.stages, context, &unknown);
    } catch (const std::exception& e) {
      // A stage that cannot start (a model that does not load) is a
      // configuration problem: reported before the first article.
      *error = std::string("pipeline.stages: a stage could not be built: ") + e.what();
      return nullptr;
    }
    if (!unknown.empty()) {
      *error = "pipeline.stages: unknown stage '" + unknown + "'";
      return nullptr;
    }
    workers.push_back(std::make_unique<Worker>(std::move(chain), sink, completion, metrics));
  }
  metrics.workers.Set(count);
  return std::unique_ptr<WorkerPool>(new WorkerPool(std::move(workers)));
}

WorkerPool::WorkerPool(std::vector<std::unique_ptr<Worker>> workers)
    : workers_(std::move(workers)) {}

WorkerPool::~WorkerPool() { Stop(); }

void WorkerPool::Start() {
  if (started_) return;
  started_ = true;
  for (auto& worker : workers_) worker->Start();
}

void WorkerPool::Submit(std::unique_ptr<WorkItem> item, uint64_t shard) {
  workers_[shard % workers_.size()]->Enqueue(std::move(item));
}

void WorkerPool::Stop() {
  for (auto& worker : workers_) worker->Stop();
}

int64_t WorkerPool::Queued() const {
  int64_t total = 0;
  for (const auto& worker : workers_) total += worker->Queued();
  return total;
}

}  // namespace newsflow
