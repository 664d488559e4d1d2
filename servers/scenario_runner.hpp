// Runs one scenario end to end: journal + live capture on lo (started by the scenario through
// ScenarioContext::start_capture, before any traffic), the scenario itself, a short drain so
// the last FIN/ACKs are captured, then stop. Returns packets, events and findings together;
// the CLI prints or writes them, the GUI shows them, the tests assert on them.
//
// A caller that shows the run while it happens (the GUI) gives a RunSink: it sees every packet
// and every socket event as it is captured or journaled, and the report at the end holds
// exactly what the sink saw. A stop token ends the run early (see ScenarioContext::set_stop).
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "capture/captured_frame.hpp"
#include "capture/live_capture.hpp"
#include "decode/result.hpp"
#include "decode/socket_event.hpp"
#include "servers/scenario.hpp"

namespace wirelab::servers {

// Watches a run live. Either callback may be empty. The final report is the truth; these are
// the same records, earlier:
//  - packets: every captured frame, a batch at a time in capture order, as soon as the capture
//    thread hands it over; called from one runner thread at a time. The report's packets are
//    the concatenation of every batch, stably sorted by time.
//  - event: every journaled socket event as it enters the journal (Journal::set_listener: in
//    journal order, under its lock, from the recording thread, fork children's events when the
//    server drains their pipe). The report's events are these, stably sorted by time.
struct RunSink {
  std::function<void(std::span<const capture::CapturedFrame>)> packets;
  std::function<void(const decode::SocketEvent&)> event;
};

struct RunnerOptions {
  std::string interface = "lo";
  bool capture = true;  // false: run with the journal only (no packets), e.g. without permission
  std::chrono::milliseconds drain{150};
  RunSink sink;          // empty: nobody watches (the CLI), nothing extra runs
  std::stop_token stop;  // a request ends the scenario early; the report then says stopped
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
  bool stopped = false;                 // a stop request ended it before it finished on its own
};

// Validates the name and options (unknown scenario/model: error with the valid names), runs it.
// Errors: usage problems, capture that cannot start (with the permission hint).
Result<RunReport> run_scenario(std::string_view name, const ScenarioOptions& options,
                               const RunnerOptions& runner = {});

}  // namespace wirelab::servers
