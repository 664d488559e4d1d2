// Which hop of the lab a decoded frame is: the Ethernet sender and receiver (lab_topology.hpp
// hop_of()), the segment it was captured on, and what the frame carries end to end (the IP
// hosts of a routed packet, the question of an ARP request). The GUI's topology view draws it;
// the CLI and the tests can print it.
//
//   a -> r on segment 1, IP a -> d          the routed packet before the router
//   r -> d on segment 2, IP a -> d          the same IP packet after it (new MACs, TTL - 1)
//   a -> every host of segment 1, broadcast an ARP who-has
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "decode/packet.hpp"
#include "servers/lab_topology.hpp"

namespace wirelab::servers {

struct LabPacketHop {
  LabHop hop;                             // segment, Ethernet sender and receiver
  const LabInterface* captured_on = nullptr;  // the interface the frame was captured on, when known
  MacAddress eth_src{}, eth_dst{};
  // The sender's (receiver's) MAC is no lab interface's: the host was found by its IPv4 or
  // ARP address instead (a host that changed its MAC, as in the gratuitous-arp scenario).
  bool foreign_src_mac = false, foreign_dst_mac = false;
  const LabInterface* ip_src = nullptr;   // IPv4 (or ARP sender/target) addresses that are lab hosts'
  const LabInterface* ip_dst = nullptr;
  bool arp = false;
  bool arp_request = false;               // who-has
  bool arp_gratuitous = false;            // sender address = target address: an announcement
  std::string arp_target;                 // the ARP target address, "198.18.0.2"
  // The IP packet's source is not the frame's sender: a router forwarded it on this hop.
  bool forwarded() const { return !arp && ip_src != nullptr && hop.from != nullptr && ip_src->host != hop.from->host; }
  // One line: "r → d on segment 2 (wl-br1) · IP a → d, forwarded by r".
  std::string describe() const;
};

// The lab hop of `packet`, or nullopt when it is no lab frame (not Ethernet, or neither its
// source MAC nor the IPv4/ARP sender address is a lab interface's). `captured_on` is the capture interface's name (pcapng interface
// name, e.g. "wl-d-eth0") when known: it fixes the segment.
std::optional<LabPacketHop> lab_hop_of(const decode::Packet& packet, std::string_view captured_on = {});

}  // namespace wirelab::servers
