// A stage does one job on an Article and says what should happen next.
//
// Thread-safety: none needed. The worker pool builds one instance of every
// configured stage per worker thread, and an Article is processed by one
// worker at a time. A stage may keep scratch buffers (a parser, a string) as
// members and reuse them across articles.
//
// Errors: a stage never throws for bad input; it returns DeadLetter() with a
// reason and a human-readable message. An exception escaping Process() is
// caught by the worker and turned into Reason::kStageError.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include "newsflow/article.h"
#include "newsflow/reason.h"

namespace newsflow {

enum class Outcome {
  kPass,        // continue with the next stage, then publish
  kDrop,        // intentionally filtered: not published, offset released
  kDeadLetter,  // published to the dead-letter topic with the reason
};

struct StageResult {
  Outcome outcome = Outcome::kPass;
  Reason reason = Reason::kNone;
  std::string message;

  static StageResult Pass() { return {}; }
  static StageResult Drop(std::string why) {
    return {Outcome::kDrop, Reason::kNone, std::move(why)};
  }
  static StageResult DeadLetter(Reason reason, std::string message) {
    return {Outcome::kDeadLetter, reason, std::move(message)};
  }
};

class Stage {
 public:
  virtual ~Stage() = default;
  // Stable name, as used in the config `pipeline.stages` list and the
  // `stage` label of metrics.
  virtual std::string_view Name() const = 0;
  virtual StageResult Process(Article& article) = 0;
};

}  // namespace newsflow
