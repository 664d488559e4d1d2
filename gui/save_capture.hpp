// Saving what is loaded (a file, a scenario run, a live capture) as pcapng: every packet of
// the store, and the socket events in wirelab's custom blocks, through capture's writer.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "decode/result.hpp"
#include "decode/socket_event.hpp"

namespace wirelab::gui {

class PacketStore;

std::optional<Error> save_pcapng(const PacketStore& store, const std::vector<decode::SocketEvent>& events,
                                 const std::string& path);

}  // namespace wirelab::gui
