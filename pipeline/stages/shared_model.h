// Loading a tagger's model once for all the instances of its stage.
//
// A stage factory is called once per worker; the model (NER weights, topic
// classifier, gazetteer, keyword statistics) is immutable and shared by all
// of them. SharedModel<T> loads it on the first call and hands out the same
// object while the key (the configured path or paths) stays the same.
// Loading failures throw std::runtime_error, so the pipeline refuses to
// start (exit code 2) instead of failing at the first article.
//
// Thread-safety: Get may be called from several threads.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "util/data_path.h"

namespace newsflow {

// The file for a configured model path (util/data_path.h), or throws
// std::runtime_error("<stage> stage: <what> <path>: not found (tried ...)").
inline std::string ResolveModelFile(std::string_view stage, std::string_view what,
                                    std::string_view path) {
  std::string error;
  const std::optional<std::string> file = ResolveDataFile(path, &error);
  if (!file) {
    throw std::runtime_error(std::string(stage) + " stage: " + std::string(what) + " " + error);
  }
  return *file;
}

template <typename Model>
class SharedModel {
 public:
  // `load` builds the model (it may throw std::runtime_error); it runs only
  // when no model was loaded yet or `key` changed.
  std::shared_ptr<const Model> Get(const std::string& key,
                                   const std::function<std::shared_ptr<const Model>()>& load) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (model_ == nullptr || key != key_) {
      model_ = load();
      key_ = key;
    }
    return model_;
  }

 private:
  std::mutex mutex_;
  std::string key_;                     // guarded by mutex_
  std::shared_ptr<const Model> model_;  // guarded by mutex_
};

}  // namespace newsflow
