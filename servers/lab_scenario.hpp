// Lab scenarios: `wirelab-cli run SCENARIO --lab`. Like the loopback scenarios (scenario.hpp)
// they get a ScenarioContext (journal, deadline, findings, start_capture before any traffic),
// but their capture runs on the lab interfaces they name, all at once, merged in time order.
//
//   run_lab_scenario: LabSession (lab up, or reuse `lab up`'s) -> scenario.run(ctx)
//                       ctx.start_capture(bpf) -> LabCapture on capture_interfaces()
//                     -> drain, stop, merge -> LabRunReport; session ends (lab down if it built it)
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "decode/result.hpp"
#include "servers/scenario.hpp"
#include "servers/scenario_runner.hpp"

namespace wirelab::servers {

class LabScenario {
 public:
  virtual ~LabScenario() = default;
  virtual const ScenarioInfo& info() const = 0;
  // The lab interfaces captured, in pcapng interface order ("wl-a-eth0", "wl-d-eth0").
  virtual std::vector<std::string> capture_interfaces() const = 0;
  // Same rules as Scenario::run: capture first, bounded by ctx.deadline(), clean up everything,
  // and leave the lab as it was (MACs, addresses) for the next run.
  virtual std::optional<Error> run(ScenarioContext& ctx) = 0;
};

using LabScenarioFactory = std::unique_ptr<LabScenario> (*)();

struct LabScenarioEntry {
  const ScenarioInfo* info = nullptr;
  LabScenarioFactory make = nullptr;
};

const std::vector<LabScenarioEntry>& lab_scenario_entries();
const LabScenarioEntry* find_lab_scenario(std::string_view name);

// A run on the lab: the loopback report (packets carry interface_id = index into
// `interfaces`), plus the lab interfaces captured and whether the run built the lab itself.
struct LabRunReport {
  RunReport run;
  std::vector<std::string> interfaces;
  std::string lab_note;  // "lab brought up for this run and removed after it", or how it was reused
};

Result<LabRunReport> run_lab_scenario(std::string_view name, const ScenarioOptions& options);

}  // namespace wirelab::servers
