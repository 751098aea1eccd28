// Maps stage names (as written in config) to factories.
//
// Stages are registered explicitly in one place, RegisterBuiltinStages()
// (pipeline/builtin_stages.cc), never by static initialisers. Adding a stage
// is one new file under pipeline/stages/ plus one line there.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "newsflow/config.h"
#include "newsflow/stage.h"

namespace newsflow {

// What a stage may read while it is built. Lives as long as the pipeline.
struct StageContext {
  const Config& config;
};

using StageFactory = std::function<std::unique_ptr<Stage>(const StageContext&)>;

class StageRegistry {
 public:
  // Registers `factory` under `name`; a second registration of a name replaces the first.
  void Register(const std::string& name, StageFactory factory);
  bool Contains(const std::string& name) const;
  std::vector<std::string> Names() const;
  // Builds one instance of each named stage, in order. Returns an empty vector
  // and sets *unknown to the first unknown name if any name is not registered.
  std::vector<std::unique_ptr<Stage>> CreateChain(const std::vector<std::string>& names,
                                                  const StageContext& context,
                                                  std::string* unknown) const;

 private:
  std::map<std::string, StageFactory> factories_;
};

// Registers parse, normalize_text and every later built-in stage.
void RegisterBuiltinStages(StageRegistry& registry);

}  // namespace newsflow
