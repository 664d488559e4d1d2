// Things a lab scenario does to a host besides socket calls: its ARP cache (neighbour table),
// its MAC address, a hand-made gratuitous ARP.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "decode/result.hpp"

namespace wirelab::servers {

// `ip neigh flush dev IF` inside the host: forgets every learned MAC (the next IP packet to a
// neighbour needs ARP again).
std::optional<Error> flush_lab_neighbors(std::string_view host);

// The host's neighbour entry for `ip` as `ip neigh show` prints it ("198.18.0.2 dev wl-a-eth0
// lladdr 02:77:6c:00:00:02 REACHABLE"), "" when it has none.
std::string lab_neighbor_entry(std::string_view host, std::string_view ip);

// Sets the MAC of the host's (first) lab interface ("02:77:6c:00:01:01").
std::optional<Error> set_lab_mac(std::string_view host, std::string_view mac);

// Sends a gratuitous ARP from the host (RFC 5227 announcement: an ARP request, broadcast,
// whose sender and target protocol addresses are both the host's own address, target MAC zero)
// with the interface's current MAC, through a packet socket inside the host.
std::optional<Error> send_gratuitous_arp(std::string_view host);

}  // namespace wirelab::servers
