#include "servers/scenario_runner.hpp"

#include <algorithm>
#include <memory>
#include <thread>

#include "servers/capture_relay.hpp"
#include "servers/scenario_list.hpp"

namespace wirelab::servers {
namespace {

std::string names_of(const std::vector<NamedHelp>& list) {
  std::string out;
  for (const NamedHelp& n : list) out += (out.empty() ? "" : ", ") + std::string(n.name);
  return out;
}

}  // namespace

Result<RunReport> run_scenario(std::string_view name, const ScenarioOptions& options, const RunnerOptions& runner) {
  const ScenarioEntry* entry = find_scenario(name);
  if (!entry) return Error{"unknown scenario \"" + std::string(name) + "\"; scenarios: " + names_of(scenario_list())};
  const ScenarioInfo& info = *entry->info;
  if (info.uses_model && !is_model(options.model))
    return Error{"unknown model \"" + options.model + "\"; models: " + names_of(model_list())};
  if (options.clients < 0 || options.clients > 10000)
    return Error{"--clients takes 1 to 10000, not " + std::to_string(options.clients)};

  RunReport report;
  report.scenario = std::string(info.name);
  report.model = info.uses_model ? options.model : "";
  report.clients = options.clients > 0 ? options.clients : info.default_clients;
  report.interface = runner.interface;

  Journal journal;
  if (runner.sink.event) journal.set_listener(runner.sink.event);
  std::unique_ptr<capture::LiveCapture> live;
  std::unique_ptr<CaptureRelay> relay;  // only when someone watches the packets live
  std::optional<Error> capture_error;
  auto start_capture = [&](const std::string& bpf) -> std::optional<Error> {
    report.filter = bpf;
    if (!runner.capture) return std::nullopt;
    capture::LiveCaptureOptions o;
    o.interface = runner.interface;
    o.filter = bpf;
    auto opened = capture::LiveCapture::open(o);
    if (!opened) {
      capture_error = opened.error();
      return opened.error();
    }
    live = std::move(*opened);
    report.link_type = live->link_type();
    live->start();
    if (runner.sink.packets) relay = std::make_unique<CaptureRelay>(*live, runner.sink.packets);
    return std::nullopt;
  };

  std::unique_ptr<Scenario> scenario = entry->make();
  ScenarioContext ctx(options, report.clients, journal, start_capture);
  ctx.set_stop(runner.stop);
  std::optional<Error> err = scenario->run(ctx);
  scenario.reset();  // destructors close whatever the scenario still held
  report.stopped = runner.stop.stop_requested();
  if (capture_error) return *capture_error;  // nothing worth showing without the packets
  if (!ctx.capture_started() && !err) err = Error{"scenario \"" + report.scenario + "\" never started its capture"};

  if (live) {
    std::this_thread::sleep_for(runner.drain);
    if (relay) {
      report.packets = relay->finish();
    } else {
      live->stop();
      live->take(report.packets);
    }
    report.stats = live->stats();
    if (const std::string t = live->thread_error(); !t.empty() && !err) err = Error{t};
  }
  std::stable_sort(report.packets.begin(), report.packets.end(),
                   [](const auto& a, const auto& b) { return a.ts_ns < b.ts_ns; });
  report.events = journal.snapshot();
  report.findings = ctx.findings();
  report.scenario_error = std::move(err);
  return report;
}

}  // namespace wirelab::servers
