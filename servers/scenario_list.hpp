// The registry: every scenario and concurrency model by name. `wirelab-cli list`, `run` and
// the GUI launcher all read it, so a name means the same thing everywhere.
#pragma once
#include <string_view>
#include <vector>

#include "servers/scenario.hpp"

namespace wirelab::servers {

struct NamedHelp {
  std::string_view name;
  std::string_view help;
};

// One registered scenario: what it is and how to make one.
struct ScenarioEntry {
  const ScenarioInfo* info = nullptr;
  ScenarioFactory make = nullptr;
};

const std::vector<NamedHelp>& model_list();     // the nine concurrency models, in design.md order
const std::vector<NamedHelp>& scenario_list();  // name + one-line help, in registry order
const std::vector<ScenarioEntry>& scenario_entries();
const ScenarioEntry* find_scenario(std::string_view name);  // nullptr when unknown
bool is_model(std::string_view name);

}  // namespace wirelab::servers
