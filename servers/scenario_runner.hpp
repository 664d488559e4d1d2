// Runs one scenario end to end: journal + live capture on lo (started by the scenario through
// ScenarioContext::start_capture, before any traffic), the scenario itself, a short drain so
// the last FIN/ACKs are captured, then stop. Returns packets, events and findings together;
// the CLI prints or writes them, the GUI shows them, the tests assert on them.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "capture/captured_frame.hpp"
#include "capture/live_capture.hpp"
#include "decode/result.hpp"
#include "decode/socket_event.hpp"
#include "servers/scenario.hpp"

namespace wirelab::servers {

struct RunnerOptions {
  std::string interface = "lo";
  bool capture = true;  // false: run with the journal only (no packets), e.g. without permission
  std::chrono::milliseconds drain{150};
};

struct RunReport {
  std::string scenario;
  std::string model;  // "" for scenarios without a model
  int clients = 0;
  std::string filter;  // the BPF the scenario asked for
  decode::LinkType link_type = decode::LinkType::Ethernet;
  std::string interface;
  std::vector<capture::CapturedFrame> packets;  // time order
  std::vector<decode::SocketEvent> events;      // time order
  std::vector<std::string> findings;
  capture::CaptureStats stats;
  std::optional<Error> scenario_error;  // the scenario ran but failed to show its lesson
};

// Validates the name and options (unknown scenario/model: error with the valid names), runs it.
// Errors: usage problems, capture that cannot start (with the permission hint).
Result<RunReport> run_scenario(std::string_view name, const ScenarioOptions& options,
                               const RunnerOptions& runner = {});

}  // namespace wirelab::servers
