// The captured frames of a lab run, read into plain fields for the lesson assertions.
//
// Deliberately independent of decode/: these tests check what the lab put on the wire, so they
// read Ethernet, ARP, IPv4, ICMP, UDP and TCP at their fixed RFC offsets themselves.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "servers/lab_scenario.hpp"

namespace wirelab::test {

struct QuotedDatagram {  // the datagram an ICMP error quotes
  std::string ip_src, ip_dst;
  int proto = -1;
  int src_port = -1, dst_port = -1;
  std::vector<unsigned char> bytes;  // everything quoted, from its IP header on
};

struct LabFrame {
  std::string iface;
  std::int64_t ts_ns = 0;
  std::string eth_src, eth_dst;
  int ether_type = 0;
  int arp_op = 0;  // 1 request, 2 reply; 0 when not ARP
  std::string arp_sender_mac, arp_sender_ip, arp_target_mac, arp_target_ip;
  bool ipv4 = false;
  std::string ip_src, ip_dst;
  int ttl = -1, proto = -1, ip_id = -1, ip_checksum = -1;
  std::vector<unsigned char> ip_packet;  // the whole IPv4 packet
  int src_port = -1, dst_port = -1;       // UDP or TCP
  std::uint32_t tcp_seq = 0;
  int tcp_flags = -1;
  std::string payload;                    // UDP or TCP payload
  int icmp_type = -1, icmp_code = -1;
  QuotedDatagram quoted;

  bool is_arp() const { return arp_op != 0; }
  bool is_udp() const { return proto == 17; }
  bool is_tcp() const { return proto == 6; }
  bool is_icmp() const { return proto == 1; }
};

std::vector<LabFrame> lab_frames(const servers::LabRunReport& report);
std::vector<LabFrame> frames_on(const std::vector<LabFrame>& all, const std::string& iface);
// The run's frames, one line each, for failure messages.
std::string describe(const std::vector<LabFrame>& frames);

}  // namespace wirelab::test
