// The commands of wirelab-cli; each returns the process exit status (0, 1 runtime, 2 usage).
#pragma once
#include <string>
#include <vector>

#include "cli/options.hpp"
#include "decode/result.hpp"
#include "servers/scenario_runner.hpp"

namespace wirelab::cli {

int run_read(const Options& opts);   // -r FILE
int run_list(const Options& opts);   // list scenarios|models|fields
int run_lab(const Options& opts);    // lab up|down|status
int run_live(const Options& opts);   // -i IFACE
int run_run(const Options& opts);    // run SCENARIO

// run SCENARIO --lab (lab_command.cpp): name check (prints the usage error), the run itself
// (fills the lab interfaces captured, in interface-id order), and the hint for a lab scenario
// named without --lab ("" for other names).
bool check_lab_scenario(const std::string& name, const servers::ScenarioOptions& options);
Result<servers::RunReport> run_lab_scenario_for_cli(const std::string& name, const servers::ScenarioOptions& options,
                                                    std::vector<std::string>& interfaces);
std::string lab_scenario_hint(const std::string& name);

}  // namespace wirelab::cli
