// ARP request/reply pairing, what each exchange records for its conversation row (requester,
// times, kind, duplicate finding) and duplicate-address findings; ICMP echo pairing and errors
// linked to the conversation they quote. On real captures from the corpus and the stored lab
// runs, plus built frames for the RFC 5227 probe the captures lack.
#include <gtest/gtest.h>

#include "capture/packet_stream.hpp"
#include "conversation_builder.hpp"
#include "corpus_support.hpp"
#include "decode/track/arp_tracker.hpp"
#include "decode/track/icmp_tracker.hpp"
#include "decode/trackers.hpp"

namespace wirelab {
namespace {

using Mac = std::array<std::uint8_t, 6>;

std::optional<capture::PacketStream> read_path(const std::filesystem::path& path) {
  auto s = capture::PacketStream::open(path.string());
  if (!s) return std::nullopt;
  while (s->next()) {
  }
  return std::move(*s);
}

std::optional<capture::PacketStream> read_all(const char* name) { return read_path(test::corpus_dir() / "pcaps" / name); }

// An Ethernet frame carrying an Ethernet/IPv4 ARP packet (broadcast for requests), padded to 60 bytes.
test::Frame arp_frame(std::int64_t ts_ns, std::uint16_t op, const Mac& sha, std::uint32_t spa, const Mac& tha,
                      std::uint32_t tpa) {
  test::Frame f{.ts_ns = ts_ns, .bytes = {}};
  const auto put = [&](std::uint64_t v, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) f.bytes.push_back(static_cast<std::byte>((v >> (8 * i)) & 0xff));
  };
  const auto put_mac = [&](const Mac& m) {
    for (const std::uint8_t x : m) f.bytes.push_back(std::byte{x});
  };
  put_mac(op == 1 ? Mac{0xff, 0xff, 0xff, 0xff, 0xff, 0xff} : tha);
  put_mac(sha);
  put(0x0806, 2);
  put(1, 2);       // hardware type: Ethernet
  put(0x0800, 2);  // protocol type: IPv4
  put(6, 1);
  put(4, 1);
  put(op, 2);
  put_mac(sha);
  put(spa, 4);
  put_mac(tha);
  put(tpa, 4);
  f.bytes.resize(60);
  return f;
}

TEST(ArpTracker, RequestsPairWithTheirRepliesAndKnowTheirRequesterAndTimes) {
  auto s = read_all("sv__decode-arp-2__arp.pcap");
  ASSERT_TRUE(s);
  const auto& x = s->trackers().arp().exchanges();
  ASSERT_EQ(x.size(), 2u);
  EXPECT_EQ(x[0].request_frame, 1u);
  EXPECT_EQ(x[0].reply_frame, 2u);
  EXPECT_EQ(x[0].answer_mac, (Mac{0x00, 0x1d, 0x09, 0xf0, 0x92, 0xab}));
  EXPECT_EQ(x[1].request_frame, 5u);
  EXPECT_EQ(x[1].reply_frame, 6u);
  // tshark: frame 1 "Who has 10.10.10.1? Tell 10.10.10.2" from 00:1a:6b:6c:0c:cc at
  // 1352595620.652165, answered by frame 2 at .652195.
  EXPECT_EQ(x[0].requester_ip, 0x0a0a0a02u);
  EXPECT_EQ(x[0].requester_mac, (Mac{0x00, 0x1a, 0x6b, 0x6c, 0x0c, 0xcc}));
  EXPECT_EQ(x[0].asked_ip, 0x0a0a0a01u);
  EXPECT_EQ(x[0].request_ts_ns, 1'352'595'620'652'165'000);
  EXPECT_EQ(x[0].reply_ts_ns, 1'352'595'620'652'195'000);
  EXPECT_TRUE(x[0].answered());
  EXPECT_FALSE(x[0].unanswered());
  EXPECT_EQ(x[0].response_ns(), 30'000);
  EXPECT_EQ(x[0].label(), "who-has / is-at");
  EXPECT_FALSE(x[0].kind.gratuitous || x[0].kind.probe || x[0].kind.announcement);
  EXPECT_EQ(x[0].duplicate, -1);
  // The other way round five seconds later: frames 5 and 6, 0.517 ms apart.
  EXPECT_EQ(x[1].requester_ip, 0x0a0a0a01u);
  EXPECT_EQ(x[1].requester_mac, (Mac{0x00, 0x1d, 0x09, 0xf0, 0x92, 0xab}));
  EXPECT_EQ(x[1].asked_ip, 0x0a0a0a02u);
  EXPECT_EQ(x[1].response_ns(), 517'000);
}

TEST(ArpTracker, UnansweredAnnouncedAndDuplicateExchangesOfTheGratuitousArpLabRun) {
  // tshark -Y arp: requests 1 and 2 for 198.18.0.1 (reply 3 answers the newer), then a second
  // MAC announces 198.18.0.1 (frames 5, 6: arp.duplicate-address-frame 3), then the owner
  // announces it again (frames 8, 9).
  auto s = read_path(test::source_dir() / "tests/data/lab/gratuitous-arp.pcapng");
  ASSERT_TRUE(s);
  const auto& arp = s->trackers().arp();
  const auto& x = arp.exchanges();
  ASSERT_EQ(x.size(), 6u);
  const std::uint64_t requests[] = {1, 2, 5, 6, 8, 9};
  for (std::size_t i = 0; i < x.size(); ++i) EXPECT_EQ(x[i].request_frame, requests[i]) << i;
  EXPECT_FALSE(x[0].answered());
  EXPECT_TRUE(x[0].unanswered());
  EXPECT_EQ(x[0].label(), "unanswered");
  EXPECT_EQ(x[1].reply_frame, 3u);
  EXPECT_EQ(x[1].response_ns(), 22'364);  // .752558975 - .752536611
  EXPECT_EQ(x[1].answer_mac, (Mac{0x02, 0x77, 0x6c, 0x00, 0x00, 0x01}));
  for (std::size_t i = 2; i < 6; ++i) {
    SCOPED_TRACE(i);
    EXPECT_TRUE(x[i].kind.gratuitous);
    EXPECT_TRUE(x[i].kind.announcement);
    EXPECT_FALSE(x[i].kind.probe);
    EXPECT_EQ(x[i].requester_ip, 0xc6120001u);
    EXPECT_EQ(x[i].asked_ip, 0xc6120001u);
    EXPECT_FALSE(x[i].answered());
    EXPECT_FALSE(x[i].unanswered()) << "an announcement asks for no answer";
    EXPECT_EQ(x[i].label(), "announcement");
  }
  // The intruder's two announcements carry the duplicate finding, the owner's do not.
  for (const std::size_t i : {2u, 3u}) {
    ASSERT_GE(x[i].duplicate, 0) << i;
    const decode::ArpDuplicate& d = arp.duplicates()[static_cast<std::size_t>(x[i].duplicate)];
    EXPECT_EQ(d.frame, x[i].request_frame);
    EXPECT_EQ(d.earlier_frame, 3u);
    EXPECT_EQ(d.ip, 0xc6120001u);
    EXPECT_EQ(d.mac, (Mac{0x02, 0x77, 0x6c, 0x00, 0x01, 0x01}));
  }
  for (const std::size_t i : {0u, 1u, 4u, 5u}) EXPECT_EQ(x[i].duplicate, -1) << i;
}

TEST(ArpTracker, ProbesAskForNoAnswerAndAnAnsweredOneSaysTheAddressIsInUse) {
  const Mac prober{0x02, 0, 0, 0, 0, 0x0a}, owner{0x02, 0, 0, 0, 0, 0x0b}, none{};
  const std::vector<test::Frame> frames = {
      arp_frame(1'000'000, 1, prober, 0, none, 0x0a000005),   // probe for 10.0.0.5
      arp_frame(1'250'000, 2, owner, 0x0a000005, prober, 0),  // 10.0.0.5 is at owner
      arp_frame(9'000'000, 1, prober, 0, none, 0x0a000006),   // probe for 10.0.0.6
  };
  decode::Trackers t;
  test::track(frames, t);
  const auto& x = t.arp().exchanges();
  ASSERT_EQ(x.size(), 2u);
  EXPECT_TRUE(x[0].kind.probe);
  EXPECT_FALSE(x[0].kind.gratuitous);
  EXPECT_EQ(x[0].requester_ip, 0u);
  EXPECT_EQ(x[0].requester_mac, prober);
  EXPECT_EQ(x[0].reply_frame, 2u);
  EXPECT_EQ(x[0].response_ns(), 250'000);
  EXPECT_EQ(x[0].label(), "probe / is-at");
  EXPECT_TRUE(x[1].kind.probe);
  EXPECT_FALSE(x[1].unanswered());
  EXPECT_EQ(x[1].label(), "probe");
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
