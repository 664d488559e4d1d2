// Runs a scenario (servers::run_scenario: real servers and clients on loopback, live capture,
// socket-event journal) off the GUI thread and shows it while it runs: each batch of captured
// packets is decoded and tracked as it arrives (the batching path of LiveLoader) and reaches
// the packet list at once; about ten times a second a frozen snapshot of the run so far
// (conversations, segments, socket events) goes out for the conversations, timeline and
// server-model views. stop() ends the run early. At the end the run's report, the complete
// ordered truth, is reconciled with what was streamed: finished() carries the same capture a
// run shown only at its end would.
#pragma once
#include <QObject>

#include <memory>
#include <mutex>
#include <stop_token>
#include <string>

#include "gui/packet_source.hpp"
#include "servers/scenario.hpp"

namespace wirelab::gui {

class ScenarioLoader : public PacketSource {
  Q_OBJECT
 public:
  explicit ScenarioLoader(QObject* parent = nullptr) : PacketSource(parent) {}
  // Starts `scenario` with `options`; finished() carries the run (or its error in note).
  void start(const std::string& scenario, const servers::ScenarioOptions& options);
  // Ends the run early (threads joined, children reaped, sockets closed by the scenario);
  // finished() follows with everything captured until then.
  void stop() { run_stop_.request_stop(); }

 signals:
  // A frozen view of the run so far (LoadedCapture::running): its own trackers and events, safe
  // to read on the GUI thread while the run goes on. Never emitted after finished().
  void runProgress(std::shared_ptr<LoadedCapture> snapshot);

 private:
  void publishSnapshot(std::shared_ptr<LoadedCapture> snapshot);  // from the loader's thread
  void deliverSnapshot();                                         // on the GUI thread

  std::stop_source run_stop_;
  std::mutex snapshot_mutex_;
  std::shared_ptr<LoadedCapture> pending_snapshot_;
  bool snapshot_queued_ = false;
};

}  // namespace wirelab::gui
