// Builds TCP/UDP conversations as real Ethernet/IPv4 frames for tracker and report tests: feed them
// straight through Dissector + Trackers, or write them as a pcap file for tshark to judge.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "decode/annotations.hpp"
#include "decode/trackers.hpp"

namespace wirelab::test {

struct Frame {
  std::int64_t ts_ns = 0;
  std::vector<std::byte> bytes;
};

// Flags spelled like tcpdump: "S", "S.", ".", "P.", "F.", "R", "R." ...
std::uint16_t tcp_flags(const std::string& spec);

class ConversationBuilder {
 public:
  ConversationBuilder(std::uint32_t client_ip = 0x7f000001, std::uint16_t client_port = 40000,
                      std::uint32_t server_ip = 0x7f000001, std::uint16_t server_port = 7);
  // A segment from the client (from_client) or the server with absolute seq/ack numbers.
  ConversationBuilder& tcp(bool from_client, const std::string& flags, std::uint32_t seq, std::uint32_t ack,
                           const std::string& payload = "", std::uint16_t window = 65535, std::int8_t wscale = -1);
  ConversationBuilder& udp(bool from_client, const std::string& payload);
  ConversationBuilder& gap(std::int64_t ns) { now_ += ns; return *this; }
  // Switch the ports (a new connection on another 4-tuple, or the same one reused).
  ConversationBuilder& ports(std::uint16_t client_port, std::uint16_t server_port);
  // The frames that follow carry 4 bytes of IPv4 options (NOP, NOP, NOP, EOL), or none.
  ConversationBuilder& ip_options(bool on) { ip_options_ = on; return *this; }

  const std::vector<Frame>& frames() const { return frames_; }
  void write_pcap(const std::filesystem::path& p) const;

 private:
  void ipv4(bool from_client, std::uint8_t proto, const std::vector<std::byte>& l4);
  std::uint32_t cip_, sip_;
  std::uint16_t cport_, sport_;
  bool ip_options_ = false;
  std::int64_t now_ = 1'700'000'000'000'000'000;
  std::vector<Frame> frames_;
};

// Runs frames through a Dissector (with or without its Ethernet/IPv4 fast path) and
// Trackers; returns each packet's annotations.
std::vector<decode::PacketAnnotations> track(const std::vector<Frame>& frames, decode::Trackers& t,
                                             bool dissector_fast_path = true);

}  // namespace wirelab::test
