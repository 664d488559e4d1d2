// The lab scenarios by name, for `run SCENARIO --lab`, `list scenarios` and the GUI.
#include "servers/lab_scenario.hpp"
#include "servers/lab_scenarios.hpp"

namespace wirelab::servers {
namespace {

template <std::unique_ptr<LabScenario> (*Make)()>
LabScenarioEntry entry() {
  static const std::unique_ptr<LabScenario> prototype = Make();  // owns the info the entry points to
  return {.info = &prototype->info(), .make = Make};
}

}  // namespace

const std::vector<LabScenarioEntry>& lab_scenario_entries() {
  static const std::vector<LabScenarioEntry> entries{
      entry<make_arp_scenario>(),          entry<make_gratuitous_arp_scenario>(), entry<make_udp_broadcast_scenario>(),
      entry<make_port_unreachable_scenario>(), entry<make_ttl_scenario>(),           entry<make_routed_scenario>(),
      entry<make_lab_echo_scenario>(),
  };
  return entries;
}

void journal_note(Journal& journal, const std::string& actor, const std::string& what) {
  decode::SocketEvent e;
  e.call = decode::SocketCall::Note;
  e.actor = actor;
  e.detail = what;
  journal.record(std::move(e));
}

}  // namespace wirelab::servers
