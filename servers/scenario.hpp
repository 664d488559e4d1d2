// The interface every scenario implements, and what the runner gives it.
//
// A scenario is a small, self-terminating piece of real network traffic on loopback (a server
// in some concurrency model plus its clients, or a UDP/TFTP/raw-socket exchange) that teaches
// one thing. The runner (scenario_runner.hpp) owns the live capture and the journal:
//
//   runner: journal, context ------> scenario.run(ctx)
//                                      binds its sockets (127.0.0.1:0), learns its ports
//                                      ctx.start_capture("tcp port 41234")   <- BEFORE any traffic
//             capture on lo starts <-- (returns once libpcap is active)
//                                      traffic; every socket call goes to ctx.journal
//                                      ctx.finding("..."): what the learner should notice
//                                      returns (every thread joined, child reaped, fd closed)
//   runner: drain ~150 ms, stop capture, return packets + events + findings
//
// Rules for implementers: never send before start_capture(); stop by ctx.deadline; clean up
// every process, thread and fd before run() returns (also on failure); journal every socket
// call with an actor ("server", "client 1", ...).
#pragma once
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "decode/result.hpp"
#include "servers/journal.hpp"

namespace wirelab::servers {

// What the user asked for: `run SCENARIO --model M --clients N --key value ...`.
struct ScenarioOptions {
  std::string model = "thread";  // concurrency model, for scenarios whose info says uses_model
  int clients = 0;               // 0 = the scenario's default_clients
  std::map<std::string, std::string, std::less<>> extra;  // other --key value pairs
  std::chrono::milliseconds time_limit{10000};             // hard bound of one run

  // An extra option as text / number, or the fallback when absent.
  std::string text(std::string_view key, std::string fallback) const;
  // Number parsing of an extra option; nullopt (and `error` set) when present but not a number.
  std::optional<long long> number(std::string_view key, long long fallback, std::string* error = nullptr) const;
};

// Given to Scenario::run(). Not copyable; lives on the runner's stack for one run.
class ScenarioContext {
 public:
  using StartCapture = std::function<std::optional<Error>(const std::string& bpf)>;

  ScenarioContext(const ScenarioOptions& options, int clients, Journal& journal, StartCapture start_capture);
  ScenarioContext(const ScenarioContext&) = delete;
  ScenarioContext& operator=(const ScenarioContext&) = delete;

  const ScenarioOptions& options() const { return *options_; }
  int clients() const { return clients_; }  // resolved: --clients or the scenario's default
  Journal& journal() { return *journal_; }

  // Starts the live capture with a BPF filter that matches only this scenario's traffic
  // (e.g. "tcp port 41234", "udp and (port 5000 or port 5001)"). Call it once, after binding
  // and before sending anything. Returns an error when capture cannot start (permission, bad
  // filter): the scenario should then return that error without sending traffic.
  std::optional<Error> start_capture(const std::string& bpf);
  bool capture_started() const { return capture_started_; }
  const std::string& capture_filter() const { return filter_; }

  // The moment the run must be over. Every wait in a scenario is bounded by it.
  std::chrono::steady_clock::time_point deadline() const { return deadline_; }
  // A stop request (the GUI's Stop button) pulls the deadline in: from then on past_deadline()
  // is true and remaining() is 0, so every wait bounded by them ends. Waits keyed on the
  // deadline() time point itself watch stop_token() too (DeadlineStopper takes it).
  bool past_deadline() const { return stop_requested() || std::chrono::steady_clock::now() >= deadline_; }
  std::chrono::milliseconds remaining() const;
  void set_stop(std::stop_token stop) { stop_ = std::move(stop); }
  bool stop_requested() const { return stop_.stop_requested(); }
  std::stop_token stop_token() const { return stop_; }

  // One observed fact that carries the lesson ("rebind without SO_REUSEADDR: EADDRINUSE").
  // Printed after the timeline; tests assert on them alongside the packets and events.
  void finding(std::string text);
  const std::vector<std::string>& findings() const { return findings_; }

 private:
  const ScenarioOptions* options_;
  int clients_;
  Journal* journal_;
  StartCapture start_capture_;
  bool capture_started_ = false;
  std::string filter_;
  std::chrono::steady_clock::time_point deadline_;
  std::stop_token stop_;  // never requested unless the runner was given a stop token
  std::vector<std::string> findings_;
};

// What `list scenarios` and the GUI launcher show, and how to make one.
struct ScenarioInfo {
  std::string_view name;    // "echo", "time-wait", "udp-overflow", ...
  std::string_view help;    // one line for `wirelab-cli list scenarios`
  std::string_view lesson;  // a short paragraph: what to look at in the timeline, and why
  bool uses_model = false;  // honours --model (the TCP server scenarios)
  int default_clients = 1;
  std::string_view options_help;  // extra --key value options, "" if none ("--size BYTES ...")
};

class Scenario {
 public:
  virtual ~Scenario() = default;
  virtual const ScenarioInfo& info() const = 0;
  // Runs the whole scenario; see the file comment for the rules. An error means the run could
  // not show its lesson (capture refused, bind failed, ...): say what and what to do.
  virtual std::optional<Error> run(ScenarioContext& ctx) = 0;
};

using ScenarioFactory = std::unique_ptr<Scenario> (*)();

}  // namespace wirelab::servers
