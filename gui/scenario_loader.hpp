// Runs a scenario (servers::run_scenario: real servers and clients on loopback, live capture,
// socket-event journal) off the GUI thread, then decodes its packets through the same
// dissector and trackers as a file and hands them over as a PacketSource.
#pragma once
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
};

}  // namespace wirelab::gui
