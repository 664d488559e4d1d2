// wirelab-cli lab up|down|status: the lab network of namespaced hosts (servers/lab_*.hpp).
#include <cstdio>
#include <string>

#include "cli/commands.hpp"
#include "servers/lab_control.hpp"
#include "servers/lab_status_report.hpp"
#include "servers/lab_scenario.hpp"
#include "servers/lab_topology.hpp"
#include "servers/scenario_list.hpp"

namespace wirelab::cli {
namespace {

constexpr std::chrono::seconds kWaitForLock{10};

int print_status() {
  std::fputs(servers::lab_status_report().c_str(), stdout);
  return 0;
}

std::string lab_scenario_names() {
  std::string out;
  for (const auto& e : servers::lab_scenario_entries()) out += (out.empty() ? "" : ", ") + std::string(e.info->name);
  return out;
}

}  // namespace

bool check_lab_scenario(const std::string& name, const servers::ScenarioOptions& options) {
  const servers::LabScenarioEntry* entry = servers::find_lab_scenario(name);
  if (entry == nullptr) {
    std::fprintf(stderr, "wirelab-cli: \"%s\" is not a lab scenario; with --lab: %s\n", name.c_str(),
                 lab_scenario_names().c_str());
    return false;
  }
  if (entry->info->uses_model && !servers::is_model(options.model)) {
    std::fprintf(stderr, "wirelab-cli: unknown model \"%s\" (see `wirelab-cli list models`)\n", options.model.c_str());
    return false;
  }
  return true;
}

std::string lab_scenario_hint(const std::string& name) {
  if (servers::find_lab_scenario(name) == nullptr) return "";
  return "; \"" + name + "\" runs on the lab network: `wirelab-cli run " + name + " --lab` (as root)";
}

Result<servers::RunReport> run_lab_scenario_for_cli(const std::string& name, const servers::ScenarioOptions& options,
                                                    std::vector<std::string>& interfaces) {
  auto lab = servers::run_lab_scenario(name, options);
  if (!lab) return lab.error();
  interfaces = lab->interfaces;
  const servers::LabTopology& topology = servers::lab_topology();
  std::string legend;
  for (std::size_t id = 0; id < interfaces.size(); ++id) {
    const servers::LabInterface* i = topology.interface(interfaces[id]);
    legend += (id == 0 ? "" : ", ") + std::to_string(id) + " = " + interfaces[id] + " (" + std::string(i->host) + ", " +
              std::string(topology.segment(i->segment)->name) + ")";
  }
  std::fprintf(stderr, "lab: %s; frame.interface_id %s\n", lab->lab_note.c_str(), legend.c_str());
  return std::move(lab->run);
}

int run_lab(const Options& opts) {
  if (opts.args.size() != 1 || !opts.extra.empty()) {
    std::fprintf(stderr, "wirelab-cli: lab takes one of: up, down, status\n");
    return 2;
  }
  const std::string& what = opts.args[0];
  if (what == "status") return print_status();
  if (what != "up" && what != "down") {
    std::fprintf(stderr, "wirelab-cli: lab takes one of: up, down, status (not \"%s\")\n", what.c_str());
    return 2;
  }
  auto done = what == "up" ? servers::lab_up(kWaitForLock) : servers::lab_down(kWaitForLock);
  if (!done) {
    std::fprintf(stderr, "wirelab-cli: lab %s: %s\n", what.c_str(), done.error().message.c_str());
    return 1;
  }
  std::printf("%s\n", done->c_str());
  return 0;
}

}  // namespace wirelab::cli
