// ARP request/reply pairing and duplicate-address findings, ICMP echo pairing and errors
// linked to the conversation they quote, on real captures from the corpus.
#include <gtest/gtest.h>

#include "capture/packet_stream.hpp"
#include "corpus_support.hpp"
#include "decode/track/arp_tracker.hpp"
#include "decode/track/icmp_tracker.hpp"

namespace wirelab {
namespace {

std::optional<capture::PacketStream> read_all(const char* name) {
  auto s = capture::PacketStream::open((test::corpus_dir() / "pcaps" / name).string());
  if (!s) return std::nullopt;
  while (s->next()) {
  }
  return std::move(*s);
}

TEST(ArpTracker, RequestsPairWithTheirReplies) {
  auto s = read_all("sv__decode-arp-2__arp.pcap");
  ASSERT_TRUE(s);
  const auto& x = s->trackers().arp().exchanges();
  ASSERT_EQ(x.size(), 2u);
  EXPECT_EQ(x[0].request_frame, 1u);
  EXPECT_EQ(x[0].reply_frame, 2u);
  EXPECT_EQ(x[0].answer_mac, (std::array<std::uint8_t, 6>{0x00, 0x1d, 0x09, 0xf0, 0x92, 0xab}));
  EXPECT_EQ(x[1].request_frame, 5u);
  EXPECT_EQ(x[1].reply_frame, 6u);
}

TEST(ArpTracker, SecondMacClaimingAnIpIsReportedWithTheEarlierFrame) {
  auto s = read_all("arp-oobr.pcap");
  ASSERT_TRUE(s);
  const auto& d = s->trackers().arp().duplicates();
  ASSERT_FALSE(d.empty());
  EXPECT_EQ(d[0].frame, 26u);  // tshark: arp.duplicate-address-frame 25 on frame 26
  EXPECT_EQ(d[0].earlier_frame, 25u);
  EXPECT_EQ(d[0].ip, 0xc0a80168u);  // 192.168.1.104
}

TEST(IcmpTracker, EchoRepliesPairAndErrorsPointAtTheQuotedUdpFlow) {
  auto s = read_all("sv__bug-4663-02__icmp.pcap");
  ASSERT_TRUE(s);
  const auto& e = s->trackers().icmp().echoes();
  ASSERT_GE(e.size(), 5u);
  EXPECT_EQ(e[0].request_frame, 1u);
  EXPECT_EQ(e[0].reply_frame, 2u);
  EXPECT_EQ(e[0].rtt_ns, 9'662'000);
  auto afs = read_all("afs.pcap");
  ASSERT_TRUE(afs);
  const auto& errors = afs->trackers().icmp().errors();
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].frame, 29u);
  EXPECT_EQ(errors[0].type, 3);
  EXPECT_EQ(errors[0].quoted, decode::Proto::Udp);
  EXPECT_EQ(errors[0].stream, 4);  // the UDP conversation the port unreachable answers
}

}  // namespace
}  // namespace wirelab
