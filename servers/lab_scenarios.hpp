// The lab scenarios (one file per theme) and what they share.
#pragma once
#include <chrono>
#include <memory>
#include <string>

#include "servers/lab_scenario.hpp"

namespace wirelab::servers {

std::unique_ptr<LabScenario> make_arp_scenario();
std::unique_ptr<LabScenario> make_gratuitous_arp_scenario();
std::unique_ptr<LabScenario> make_udp_broadcast_scenario();
std::unique_ptr<LabScenario> make_port_unreachable_scenario();
std::unique_ptr<LabScenario> make_ttl_scenario();
std::unique_ptr<LabScenario> make_routed_scenario();
std::unique_ptr<LabScenario> make_lab_echo_scenario();  // the servers' echo, between lab hosts

// How long a lab scenario waits for one expected datagram or ICMP error: generous for a loaded
// machine, yet far inside the run's time limit. Absence is checked with kQuietWait.
inline constexpr std::chrono::milliseconds kExpectWait{2000};
inline constexpr std::chrono::milliseconds kQuietWait{300};

// A Note on the timeline for something that is not a socket call ("ip neigh flush").
void journal_note(Journal& journal, const std::string& actor, const std::string& what);

}  // namespace wirelab::servers
