// `wirelab-cli lab status` as text: the lab's state (up, down, partial, stale) with what to do,
// the segments, and every interface with its address, MAC and link state. The CLI prints it,
// the GUI's Lab > Status shows it.
#pragma once
#include <string>

namespace wirelab::servers {

// Reads the lab's current state (read_lab_status(); no lock needed) and describes it.
std::string lab_status_report();

}  // namespace wirelab::servers
