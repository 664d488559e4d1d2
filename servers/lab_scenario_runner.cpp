// run_lab_scenario(): the lab's counterpart of run_scenario() (scenario_runner.cpp).
#include <algorithm>
#include <thread>

#include "servers/lab_capture.hpp"
#include "servers/lab_scenario.hpp"
#include "servers/lab_session.hpp"
#include "servers/scenario_list.hpp"

namespace wirelab::servers {
namespace {

constexpr std::chrono::milliseconds kDrain{150};

std::string lab_scenario_names() {
  std::string out;
  for (const LabScenarioEntry& e : lab_scenario_entries()) out += (out.empty() ? "" : ", ") + std::string(e.info->name);
  return out;
}

}  // namespace

const LabScenarioEntry* find_lab_scenario(std::string_view name) {
  for (const LabScenarioEntry& e : lab_scenario_entries())
    if (e.info->name == name) return &e;
  return nullptr;
}

Result<LabRunReport> run_lab_scenario(std::string_view name, const ScenarioOptions& options) {
  const LabScenarioEntry* entry = find_lab_scenario(name);
  if (!entry) return Error{"unknown lab scenario \"" + std::string(name) + "\"; lab scenarios: " + lab_scenario_names()};
  if (entry->info->uses_model && !is_model(options.model))
    return Error{"unknown model \"" + options.model + "\" (see `wirelab-cli list models`)"};
  auto session = LabSession::open();
  if (!session) return session.error();

  LabRunReport report;
  report.lab_note = (*session)->owns_lab() ? "lab brought up for this run and removed after it"
                                           : "ran on the lab `wirelab-cli lab up` brought up (left up)";
  if (!(*session)->leftovers().empty()) report.lab_note += "; first " + (*session)->leftovers();
  RunReport& run = report.run;
  run.scenario = std::string(entry->info->name);
  run.model = entry->info->uses_model ? options.model : "";
  run.clients = options.clients > 0 ? options.clients : entry->info->default_clients;

  std::unique_ptr<LabScenario> scenario = entry->make();
  report.interfaces = scenario->capture_interfaces();
  for (const std::string& i : report.interfaces) run.interface += (run.interface.empty() ? "" : ",") + i;
  Journal journal;
  std::unique_ptr<LabCapture> capture;
  std::optional<Error> capture_error;
  auto start_capture = [&](const std::string& bpf) -> std::optional<Error> {
    run.filter = bpf;
    auto started = LabCapture::start(report.interfaces, bpf);
    if (!started) {
      capture_error = started.error();
      return started.error();
    }
    capture = std::move(*started);
    run.link_type = capture->link_type();
    return std::nullopt;
  };
  ScenarioContext ctx(options, run.clients, journal, start_capture);
  std::optional<Error> err = scenario->run(ctx);
  scenario.reset();
  if (capture_error) return *capture_error;
  if (!ctx.capture_started() && !err) err = Error{"lab scenario \"" + run.scenario + "\" never started its capture"};
  if (capture) {
    std::this_thread::sleep_for(kDrain);
    capture->stop();
    run.packets = capture->take_merged();
    run.stats = capture->stats();
    if (const std::string t = capture->thread_error(); !t.empty() && !err) err = Error{t};
  }
  run.events = journal.snapshot();
  run.findings = ctx.findings();
  run.scenario_error = std::move(err);
  return report;
}

}  // namespace wirelab::servers
