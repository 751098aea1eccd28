#include "newsflow/stage_registry.h"

namespace newsflow {

void StageRegistry::Register(const std::string& name, StageFactory factory) {
  factories_[name] = std::move(factory);
}

bool StageRegistry::Contains(const std::string& name) const { return factories_.count(name) != 0; }

std::vector<std::string> StageRegistry::Names() const {
  std::vector<std::string> names;
  names.reserve(factories_.size());
  for (const auto& [name, factory] : factories_) names.push_back(name);
  return names;
}

std::vector<std::unique_ptr<Stage>> StageRegistry::CreateChain(
    const std::vector<std::string>& names, const StageContext& context,
    std::string* unknown) const {
  std::vector<std::unique_ptr<Stage>> chain;
  for (const auto& name : names) {
    auto it = factories_.find(name);
    if (it == factories_.end()) {
      *unknown = name;
      return {};
    }
    chain.push_back(it->second(context));
  }
  return chain;
}

}  // namespace newsflow
