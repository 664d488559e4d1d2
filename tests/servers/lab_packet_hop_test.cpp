// lab_hop_of() on stored lab runs (tests/data/lab, written by `wirelab-cli run NAME --lab -w`):
// the hop it finds from the MACs must agree with the interface each frame was captured on
// (the pcapng interface names), and say what the frame carries end to end.
#include "servers/lab_packet_hop.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "capture/capture_file.hpp"
#include "capture/packet_stream.hpp"
#include "corpus_support.hpp"
#include "decode/ipv4.hpp"

namespace wirelab::servers {
namespace {

struct Frame {
  std::string captured_on;  // pcapng interface name
  std::optional<LabPacketHop> hop;          // from the MACs alone
  std::optional<LabPacketHop> hop_on_iface; // with the capture interface
  int ip_id = -1, ttl = -1;
};

std::vector<Frame> frames_of(const std::string& name) {
  const std::string path = std::string(WIRELAB_SOURCE_DIR) + "/tests/data/lab/" + name + ".pcapng";
  auto stream = capture::PacketStream::open(path);
  EXPECT_TRUE(stream) << path;
  std::vector<Frame> out;
  if (!stream) return out;
  while (stream->next()) {
    const decode::Packet& p = stream->packet();
    Frame f;
    const auto& ifaces = stream->file().reader().interfaces();
    if (p.interface_id < ifaces.size()) f.captured_on = ifaces[p.interface_id].name;
    f.hop = lab_hop_of(p);
    f.hop_on_iface = lab_hop_of(p, f.captured_on);
    if (const decode::Layer* ip = p.find_top(decode::Proto::Ipv4)) {
      const decode::Ipv4View v{p.bytes_of(*ip)};
      f.ip_id = v.id();
      f.ttl = v.ttl();
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::string host(const LabInterface* i) { return i ? std::string(i->host) : "-"; }

TEST(LabPacketHop, RoutedRunHopsAgreeWithTheCaptureInterfaces) {
  const std::vector<Frame> frames = frames_of("routed");
  ASSERT_GE(frames.size(), 4u);
  for (std::size_t n = 0; n < frames.size(); ++n) {
    const Frame& f = frames[n];
    SCOPED_TRACE("frame " + std::to_string(n + 1) + " captured on " + f.captured_on);
    ASSERT_TRUE(f.hop) << "every frame of a lab run is a lab frame";
    ASSERT_TRUE(f.hop_on_iface);
    const LabInterface* iface = lab_topology().interface(f.captured_on);
    ASSERT_NE(iface, nullptr);
    EXPECT_EQ(f.hop->hop.segment, iface->segment) << "the MACs put the frame on the segment it was captured on";
    EXPECT_EQ(f.hop_on_iface->captured_on, iface);
    EXPECT_FALSE(f.hop->hop.broadcast);
    ASSERT_NE(f.hop->ip_src, nullptr);
    ASSERT_NE(f.hop->ip_dst, nullptr);
    const std::string hop = host(f.hop->hop.from) + ">" + host(f.hop->hop.to);
    const std::string ip = host(f.hop->ip_src) + ">" + host(f.hop->ip_dst);
    if (ip == "a>d") EXPECT_EQ(hop, iface->segment == 0 ? "a>r" : "r>d");
    else if (ip == "d>a") EXPECT_EQ(hop, iface->segment == 0 ? "r>a" : "d>r");
    else ADD_FAILURE() << "unexpected IP hosts " << ip;
    // Forwarded exactly when the router sent the frame.
    EXPECT_EQ(f.hop->forwarded(), host(f.hop->hop.from) == "r") << f.hop->describe();
  }
  // The first packet a -> d, then the same IP packet after the router: same id, TTL one less.
  EXPECT_EQ(frames[0].hop->describe(), "a → r on segment 1 (wl-br0) · IP a → d");
  EXPECT_EQ(frames[1].hop->describe(), "r → d on segment 2 (wl-br1) · IP a → d, forwarded by r");
  EXPECT_EQ(frames[1].ip_id, frames[0].ip_id);
  EXPECT_EQ(frames[1].ttl, frames[0].ttl - 1);
}

TEST(LabPacketHop, ArpWhoHasIsABroadcastOnItsSegment) {
  const std::vector<Frame> frames = frames_of("arp");
  ASSERT_GE(frames.size(), 3u);
  const LabPacketHop& who_has = *frames[0].hop;
  EXPECT_TRUE(who_has.arp && who_has.arp_request);
  EXPECT_TRUE(who_has.hop.broadcast);
  EXPECT_EQ(who_has.hop.to, nullptr);
  EXPECT_EQ(host(who_has.hop.from), "a");
  EXPECT_EQ(who_has.hop.segment, 0);
  EXPECT_EQ(who_has.describe(), "a → every host of segment 1 (wl-br0), broadcast · ARP who-has 198.18.0.2, tell a");
  const LabPacketHop& is_at = *frames[1].hop;
  EXPECT_TRUE(is_at.arp && !is_at.arp_request);
  EXPECT_EQ(host(is_at.hop.from) + ">" + host(is_at.hop.to), "b>a");
  EXPECT_EQ(is_at.describe(), "b → a on segment 1 (wl-br0) · ARP b is-at 02:77:6c:00:00:02");
}

TEST(LabPacketHop, AHostThatChangedItsMacIsStillFoundByItsAddress) {
  // gratuitous-arp: b asks for a and a answers; a moves to 02:77:6c:00:01:01 and announces it
  // (captured on b and on c); b sends to the new MAC; a moves back and announces again.
  const std::vector<Frame> frames = frames_of("gratuitous-arp");
  ASSERT_EQ(frames.size(), 9u);
  for (const Frame& f : frames) ASSERT_TRUE(f.hop) << "every frame of the run is a lab frame";
  const LabPacketHop& moved = *frames[4].hop;
  EXPECT_TRUE(moved.arp_gratuitous);
  EXPECT_TRUE(moved.foreign_src_mac);
  EXPECT_TRUE(moved.hop.broadcast);
  EXPECT_EQ(host(moved.hop.from), "a");
  EXPECT_EQ(moved.describe(),
            "a (as 02:77:6c:00:01:01, not its lab MAC) → every host of segment 1 (wl-br0), broadcast · gratuitous ARP: "
            "a announces 198.18.0.1 is at 02:77:6c:00:01:01");
  EXPECT_EQ(frames[4].hop_on_iface->captured_on, lab_topology().interface("wl-c-eth0"));
  EXPECT_EQ(frames[6].hop->describe(),
            "b → a (as 02:77:6c:00:01:01, not its lab MAC) on segment 1 (wl-br0) · IP b → a");
  const LabPacketHop& back = *frames[7].hop;
  EXPECT_TRUE(back.arp_gratuitous);
  EXPECT_FALSE(back.foreign_src_mac) << "a is back on its own MAC";
  EXPECT_FALSE(frames[0].hop->arp_gratuitous) << "b's who-has for a is an ordinary request";
}

TEST(LabPacketHop, FramesOfOtherNetworksAreNoLabFrames) {
  auto stream = capture::PacketStream::open((test::corpus_dir() / "pcaps" / "802.1ad_QinQ.pcap").string());
  ASSERT_TRUE(stream);
  int frames = 0;
  while (stream->next() && frames < 50) {
    ++frames;
    EXPECT_FALSE(lab_hop_of(stream->packet())) << "frame " << frames;
  }
  EXPECT_GT(frames, 0);
}

}  // namespace
}  // namespace wirelab::servers
