#include "pipeline/json_lines_runner.h"

#include <spdlog/spdlog.h>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>

#include "newsflow/shutdown.h"
#include "pipeline/dead_letter.h"
#include "pipeline/delivery_router.h"
#include "pipeline/immediate_sink.h"
#include "pipeline/work_item.h"
#include "pipeline/worker_pool.h"

namespace newsflow {
namespace {

// Puts finished records back in input order and writes them.
class OrderedWriter : public WorkCompletion {
 public:
  OrderedWriter(std::ostream& output, std::ostream* dead_letter, int64_t max_records,
                int64_t max_bytes)
      : output_(output),
        dead_letter_(dead_letter),
        max_records_(max_records),
        max_bytes_(max_bytes) {}

  // Blocks the reader while too much is in flight.
  void Admit(int64_t bytes) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] {
      return in_flight_ == 0 || (in_flight_ < max_records_ && in_flight_bytes_ < max_bytes_);
    });
    ++in_flight_;
    in_flight_bytes_ += bytes;
  }

  void WaitIdle() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return in_flight_ == 0; });
  }

  void OnWorkDone(std::unique_ptr<WorkItem> item, WorkOutcome outcome,
                  const OutboundMessage* delivered) override {
    Finished finished;
    finished.outcome = outcome;
    if (delivered) {
      finished.text =
          outcome == WorkOutcome::kDeadLettered ? DeadLetterJsonLine(*delivered) : delivered->value;
    }
    finished.bytes = item->charged_bytes;
    std::lock_guard lock(mu_);
    done_.emplace(item->article.raw.provenance.offset, std::move(finished));
    WriteReady();
  }

  // A blank line: nothing to process, but it holds a place in the order.
  void Skip(int64_t sequence) {
    std::lock_guard lock(mu_);
    Finished blank;
    blank.blank = true;
    done_.emplace(sequence, std::move(blank));
    WriteReady();
  }

  JsonLinesSummary summary() const {
    std::lock_guard lock(mu_);
    return summary_;
  }
  bool failed() const {
    std::lock_guard lock(mu_);
    return !output_ || (dead_letter_ && !*dead_letter_);
  }

 private:
  struct Finished {
    WorkOutcome outcome = WorkOutcome::kDropped;
    std::string text;
    int64_t bytes = 0;
    bool blank = false;
  };

  // Requires mu_. Writes every finished record whose predecessors are written.
  void WriteReady() {
    while (!done_.empty() && done_.begin()->first == next_) {
      const Finished& f = done_.begin()->second;
      if (!f.blank) {
        Write(f);
        --in_flight_;
        in_flight_bytes_ -= f.bytes;
      }
      done_.erase(done_.begin());
      ++next_;
    }
    cv_.notify_all();
  }

  void Write(const Finished& f) {
    switch (f.outcome) {
      case WorkOutcome::kPublished:
        output_ << f.text << '\n';
        ++summary_.enriched;
        break;
      case WorkOutcome::kDeadLettered:
        ++summary_.dead_lettered;
        if (dead_letter_) {
          *dead_letter_ << f.text << '\n';
        } else {
          spdlog::warn("dead letter: {}", f.text);
        }
        break;
      case WorkOutcome::kDropped:
      case WorkOutcome::kAbandoned:
        ++summary_.dropped;
        break;
    }
  }

  std::ostream& output_;
  std::ostream* dead_letter_;
  const int64_t max_records_;
  const int64_t max_bytes_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  // Guarded by mu_: finished records waiting for their predecessors.
  std::map<int64_t, Finished> done_;
  int64_t next_ = 0;
  int64_t in_flight_ = 0;
  int64_t in_flight_bytes_ = 0;
  JsonLinesSummary summary_;
};

}  // namespace

bool RunJsonLines(const Config& config, const StageRegistry& registry, Metrics& metrics,
                  const std::string& input_name, std::istream& input, std::ostream& output,
                  std::ostream* dead_letter, JsonLinesSummary* summary, std::string* error) {
  OrderedWriter writer(output, dead_letter, config.pipeline.max_in_flight_records,
                       config.pipeline.max_in_flight_bytes);
  Shutdown shutdown;
  DeliveryRouter router(writer, metrics, shutdown);
  ImmediateSink sink(router);
  auto pool = WorkerPool::Create(config, registry, sink, writer, metrics, error);
  if (!pool) return false;
  router.Start(&sink);
  pool->Start();

  int64_t sequence = 0;
  int64_t blank = 0;
  std::string line;
  while (std::getline(input, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const int64_t this_sequence = sequence++;
    if (line.find_first_not_of(" \t") == std::string::npos) {
      ++blank;
      writer.Skip(this_sequence);
      continue;
    }
    auto item = std::make_unique<WorkItem>();
    item->article.raw.value = std::move(line);
    item->article.raw.provenance = {input_name, 0, this_sequence, -1};
    item->charged_bytes = static_cast<int64_t>(item->article.raw.value.size());
    writer.Admit(item->charged_bytes);
    metrics.consumed.Increment();
    metrics.consumed_bytes.Increment(static_cast<double>(item->charged_bytes));
    pool->Submit(std::move(item), static_cast<uint64_t>(this_sequence));
    line.clear();
  }
  writer.WaitIdle();
  pool->Stop();
  router.Stop();
  output.flush();
  if (dead_letter) dead_letter->flush();
  *summary = writer.summary();
  summary->blank = blank;
  summary->lines = sequence - blank;
  if (writer.failed()) {
    *error = "writing the output failed";
    return false;
  }
  return true;
}

}  // namespace newsflow
