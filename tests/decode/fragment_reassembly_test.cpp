// IPv4 fragment reassembly: the completing fragment carries the upper layers, as in tshark;
// the table's memory and age are bounded.
#include <gtest/gtest.h>

#include "decode/ipv4_reassembly.hpp"
#include "packet_builder.hpp"

namespace wirelab::test {
namespace {

using decode::Fragment;
using decode::FragmentKey;
using decode::Ipv4Reassembler;
using decode::Proto;

// A 1208-byte UDP datagram (8 + 1200) split into fragments of 400 bytes.
std::vector<std::byte> datagram() {
  std::vector<std::byte> payload(1200);
  for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<std::byte>(i * 7);
  return udp(7000, 7001, payload);
}

std::vector<std::byte> fragment_frame(const std::vector<std::byte>& whole, std::size_t off, std::size_t len,
                                      bool more, std::uint16_t id = 0x55) {
  const std::vector<std::byte> part(whole.begin() + static_cast<std::ptrdiff_t>(off),
                                    whole.begin() + static_cast<std::ptrdiff_t>(off + len));
  return concat({eth(0x0800), ipv4({.protocol = 17, .id = id, .mf = more,
                                    .frag_units = static_cast<std::uint16_t>(off / 8)}, part)});
}

TEST(FragmentReassembly, CompletingFragmentCarriesTheUpperLayers) {
  const auto whole = datagram();
  Dissected d;
  d.add(fragment_frame(whole, 0, 400, true));
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:data") << "tshark shows fragments before the last as data";
  EXPECT_EQ(d.field("udp.srcport"), "");
  d.add(fragment_frame(whole, 800, 408, false));  // the last, out of order
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:data");
  const auto& p = d.add(fragment_frame(whole, 400, 400, true));  // fills the hole
  EXPECT_EQ(d.protocols(), "eth:ethertype:ip:udp:data");
  EXPECT_EQ(d.field("ip.frag_offset"), "50");
  EXPECT_EQ(d.field("udp.length"), "1208");
  EXPECT_EQ(d.field("data.len"), "1200");
  ASSERT_EQ(p.reassembled.size(), whole.size());
  EXPECT_TRUE(std::equal(whole.begin(), whole.end(), p.reassembled.begin()));
  const decode::Layer* u = p.find(Proto::Udp);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->source, 1) << "the UDP layer lives in the reassembled buffer";
}

TEST(FragmentReassembly, DifferentIdsDoNotMix) {
  const auto whole = datagram();
  Dissected d;
  d.add(fragment_frame(whole, 0, 400, true, 1));
  d.add(fragment_frame(whole, 400, 808, false, 2));
  EXPECT_EQ(d.field("udp.srcport"), "");
  d.add(fragment_frame(whole, 400, 808, false, 1));
  EXPECT_EQ(d.field("udp.srcport"), "7000");
}

TEST(FragmentReassembly, TruncatedFirstFragmentIsDecodedAsTsharkDoes) {
  const auto whole = datagram();
  auto f = fragment_frame(whole, 0, 400, true);
  Dissected d;
  const auto& p = d.add(first(f, 14 + 20 + 30));
  EXPECT_EQ(d.field("udp.srcport"), "7000") << "a first fragment that cannot be reassembled is decoded";
  EXPECT_TRUE(p.problem);
}

TEST(FragmentReassembly, TableIsBoundedInCountBytesAndAge) {
  Ipv4Reassembler r({.max_datagrams = 4, .max_bytes = 2000, .max_age_ns = 1000});
  std::vector<std::byte> out;
  const std::vector<std::byte> chunk(400);
  for (std::uint16_t id = 0; id < 10; ++id)
    EXPECT_FALSE(r.add(Fragment{.key = {.src = 1, .dst = 2, .id = id, .protocol = 17}, .offset = 0, .more = true,
                                .payload = Bytes(chunk), .ts_ns = 0},
                       out));
  EXPECT_LE(r.pending(), 4u);
  EXPECT_LE(r.bytes_held(), 2000u);
  // Everything older than max_age is forgotten when time moves on.
  r.add(Fragment{.key = {.src = 9, .dst = 9, .id = 9, .protocol = 17}, .offset = 0, .more = true,
                 .payload = Bytes(chunk), .ts_ns = 5000},
        out);
  EXPECT_EQ(r.pending(), 1u);
  EXPECT_EQ(r.bytes_held(), 400u);
  // A fragment past 65515 bytes drops its datagram.
  EXPECT_FALSE(r.add(Fragment{.key = {.src = 9, .dst = 9, .id = 9, .protocol = 17}, .offset = 65512, .more = false,
                              .payload = Bytes(chunk), .ts_ns = 5000},
                     out));
  EXPECT_EQ(r.pending(), 0u);
  EXPECT_EQ(r.bytes_held(), 0u);
}

TEST(FragmentReassembly, DuplicateAndOverlappingFragmentsStillComplete) {
  const auto whole = datagram();
  Dissected d;
  d.add(fragment_frame(whole, 0, 400, true));
  d.add(fragment_frame(whole, 0, 400, true));
  d.add(fragment_frame(whole, 200, 600, true));
  d.add(fragment_frame(whole, 800, 408, false));
  EXPECT_EQ(d.field("udp.length"), "1208");
}

}  // namespace
}  // namespace wirelab::test
