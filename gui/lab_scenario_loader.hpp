// Runs a lab scenario (servers::run_lab_scenario: the lab brought up if it is not, the
// scenario between namespaced hosts, capture on several lab interfaces merged in time) off the
// GUI thread, then decodes its packets like a file and hands them over as a PacketSource. The
// finished capture looks like a scenario run's, so the main window shows it the same way.
#pragma once
#include <string>

#include "gui/packet_source.hpp"
#include "servers/scenario.hpp"

namespace wirelab::gui {

class LabScenarioLoader : public PacketSource {
  Q_OBJECT
 public:
  explicit LabScenarioLoader(QObject* parent = nullptr) : PacketSource(parent) {}
  // Starts lab scenario `scenario`; finished() carries the run (or its error in note).
  void start(const std::string& scenario, const servers::ScenarioOptions& options);
};

}  // namespace wirelab::gui
