// N worker threads, each with its own instance of every configured stage.
//
// Order: Submit() routes by `shard`; all items with one shard value go to the
// same worker and are processed and handed to the sink in submission order,
// so records of one partition (or one key) keep their order in the output.
// Bounds: queues are not bounded here; the source bounds what is in flight
// with InFlightLimiter and pauses its input.
//
// Thread-safety: Submit() may be called from any one thread at a time (the
// source's poll thread). Start/Stop from the owner thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "newsflow/config.h"
#include "newsflow/metrics.h"
#include "newsflow/record_sink.h"
#include "newsflow/stage.h"
#include "newsflow/stage_registry.h"
#include "pipeline/work_item.h"

namespace newsflow {

class Worker;

class WorkerPool {
 public:
  // Builds the workers and their stage chains. Returns nullptr and sets
  // *error when a stage name is unknown or a stage cannot be built.
  static std::unique_ptr<WorkerPool> Create(const Config& config, const StageRegistry& registry,
                                            RecordSink& sink, WorkCompletion& completion,
                                            Metrics& metrics, std::string* error);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void Start();
  void Submit(std::unique_ptr<WorkItem> item, uint64_t shard);
  // Processes what is queued, then joins the threads. Idempotent.
  void Stop();
  // Items queued and not yet taken by a worker.
  int64_t Queued() const;
  int size() const { return static_cast<int>(workers_.size()); }

 private:
  explicit WorkerPool(std::vector<std::unique_ptr<Worker>> workers);
  std::vector<std::unique_ptr<Worker>> workers_;
  bool started_ = false;
};

// Number of workers for a config value: 0 means one per available core.
int ResolveWorkerCount(int configured);

}  // namespace newsflow
