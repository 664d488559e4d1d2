// What a compiled display filter selects, on frames built byte by byte and decoded by the
// real dissector: Wireshark 4.0's occurrence rules, literals of every type, slices, sets,
// strings and regexes. The corpus oracle test checks the same against tshark itself.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <vector>

#include "decode/dissector.hpp"
#include "decode/filter/filter.hpp"

// Counts heap allocations while `g_count_allocations` is set, to prove per-packet evaluation
// allocates nothing.
namespace {
std::atomic<bool> g_count_allocations{false};
std::atomic<long> g_allocations{0};
}  // namespace

// GCC pairs inlined `new` with our `free` and warns; malloc/free are matched here.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t n) {
  if (g_count_allocations) ++g_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace wirelab::decode::filter {
namespace {

// Ethernet / IPv4 / TCP with the given addresses, ports, flags and payload.
struct TcpFrameSpec {
  std::array<std::uint8_t, 6> src_mac{0x02, 0x00, 0x00, 0xaa, 0xbb, 0x01};
  std::array<std::uint8_t, 6> dst_mac{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  std::array<std::uint8_t, 4> src_ip{10, 0, 0, 1};
  std::array<std::uint8_t, 4> dst_ip{192, 168, 1, 20};
  std::uint16_t src_port = 40000;
  std::uint16_t dst_port = 80;
  std::uint8_t flags = 0x18;  // PSH+ACK
  std::string payload = "GET /index.html HTTP/1.1\r\n";
};

std::vector<std::byte> build(const TcpFrameSpec& s) {
  std::vector<std::uint8_t> b;
  b.insert(b.end(), s.dst_mac.begin(), s.dst_mac.end());
  b.insert(b.end(), s.src_mac.begin(), s.src_mac.end());
  b.insert(b.end(), {0x08, 0x00});
  const auto ip_len = static_cast<std::uint16_t>(20 + 20 + s.payload.size());
  b.insert(b.end(), {0x45, 0x00, static_cast<std::uint8_t>(ip_len >> 8), static_cast<std::uint8_t>(ip_len & 0xff),
                     0x12, 0x34, 0x40, 0x00, 64, 6, 0x00, 0x00});
  b.insert(b.end(), s.src_ip.begin(), s.src_ip.end());
  b.insert(b.end(), s.dst_ip.begin(), s.dst_ip.end());
  b.insert(b.end(), {static_cast<std::uint8_t>(s.src_port >> 8), static_cast<std::uint8_t>(s.src_port & 0xff),
                     static_cast<std::uint8_t>(s.dst_port >> 8), static_cast<std::uint8_t>(s.dst_port & 0xff), 0, 0, 0,
                     1, 0, 0, 0, 1, 0x50, s.flags, 0xff, 0xff, 0, 0, 0, 0});
  b.insert(b.end(), s.payload.begin(), s.payload.end());
  std::vector<std::byte> out(b.size());
  for (std::size_t i = 0; i < b.size(); ++i) out[i] = static_cast<std::byte>(b[i]);
  return out;
}

class FilterEval : public ::testing::Test {
 protected:
  void decode(const TcpFrameSpec& spec) {
    bytes_ = build(spec);
    RawFrame raw{.ts_ns = 1'700'000'000'000'000'000, .link_type = LinkType::Ethernet,
                 .wire_len = static_cast<std::uint32_t>(bytes_.size()), .bytes = Bytes(bytes_), .interface_id = 0};
    dissector_.dissect(raw, 7, packet_);
  }
  FieldContext ctx() const { return {.packet = packet_, .annotations = nullptr, .first_ts_ns = packet_.ts_ns - 1'500'000'000, .prev_ts_ns = packet_.ts_ns}; }

  bool sel(std::string_view text) {
    auto f = compile(text);
    EXPECT_TRUE(f) << text << ": " << (f ? "" : f.error().message);
    return f && f->matches(ctx());
  }

  Dissector dissector_;
  Packet packet_;
  std::vector<std::byte> bytes_;
};

TEST_F(FilterEval, CourseExamples) {
  TcpFrameSpec s;
  s.dst_ip = {10, 128, 160, 66};
  decode(s);
  EXPECT_TRUE(sel("ip.dst==10.128.160.66"));
  EXPECT_FALSE(sel("udp.port==2425"));
  EXPECT_FALSE(sel("ip.dst==10.128.160.66 and udp.port==2425"));
  EXPECT_TRUE(sel("ip.dst==10.128.160.66 and tcp.port==80"));
}

TEST_F(FilterEval, MultiOccurrenceFieldsMatchEitherSide) {
  decode({});
  EXPECT_TRUE(sel("tcp.port == 80"));
  EXPECT_TRUE(sel("tcp.port == 40000"));
  EXPECT_TRUE(sel("ip.addr == 10.0.0.1"));
  EXPECT_TRUE(sel("ip.addr == 192.168.1.20"));
  // 4.0: != is "all not equal", the negation of ==; ~= is "some value differs".
  EXPECT_FALSE(sel("ip.addr != 10.0.0.1"));
  EXPECT_TRUE(sel("ip.addr ~= 10.0.0.1"));
  EXPECT_TRUE(sel("ip.addr != 8.8.8.8"));
  EXPECT_FALSE(sel("tcp.port === 80"));
  EXPECT_TRUE(sel("tcp.port !== 80"));
  EXPECT_TRUE(sel("tcp.port all_eq 80 or tcp.port any_ne 80"));
}

TEST_F(FilterEval, AbsentFieldsMakeEveryComparisonFalse) {
  decode({});
  EXPECT_FALSE(sel("udp.port == 53"));
  EXPECT_FALSE(sel("udp.port != 53"));
  EXPECT_FALSE(sel("udp.port ~= 53"));
  EXPECT_FALSE(sel("udp.port in {53}"));
  EXPECT_TRUE(sel("udp.port not in {53}"));  // the negation of `in`
  EXPECT_TRUE(sel("!udp"));
}

TEST_F(FilterEval, IntegersInEveryBaseAndComparison) {
  decode({});
  EXPECT_TRUE(sel("tcp.dstport == 0x50"));
  EXPECT_TRUE(sel("tcp.dstport == 0120"));
  EXPECT_TRUE(sel("tcp.dstport == 0b1010000"));
  EXPECT_TRUE(sel("tcp.dstport == 'P'"));
  EXPECT_TRUE(sel("tcp.srcport gt 1023 and tcp.dstport lt 1024"));
  EXPECT_TRUE(sel("tcp.dstport <= 80 && tcp.dstport >= 80 && tcp.dstport le 80 && tcp.dstport ge 80"));
  EXPECT_FALSE(sel("tcp.dstport > -1"));  // tshark wraps a negative literal for unsigned fields
  EXPECT_TRUE(sel("tcp.flags == 0x018"));
  EXPECT_TRUE(sel("tcp.flags & 0x10"));
  EXPECT_FALSE(sel("tcp.flags bitwise_and 0x02"));
  EXPECT_TRUE(sel("frame.number == 7"));
}

TEST_F(FilterEval, BooleansCompareByTruth) {
  TcpFrameSpec s;
  s.flags = 0x02;
  decode(s);
  EXPECT_TRUE(sel("tcp.flags.syn"));  // present even when 0
  EXPECT_TRUE(sel("tcp.flags.ack"));
  EXPECT_TRUE(sel("tcp.flags.syn == 1 && tcp.flags.ack == 0"));
  EXPECT_TRUE(sel("tcp.flags.syn == True && tcp.flags.ack == False"));
  EXPECT_TRUE(sel("tcp.flags.syn == TRUE && tcp.flags.ack == FALSE"));
  EXPECT_TRUE(sel("tcp.flags.syn == 2"));  // as tshark: any non-zero value is true
}

TEST_F(FilterEval, AddressesCidrAndOrdering) {
  decode({});
  EXPECT_TRUE(sel("ip.src == 10.0.0.0/8"));
  EXPECT_TRUE(sel("ip.dst == 192.168.0.0/16 and ip.dst == 192.168.1.20/32"));
  EXPECT_FALSE(sel("ip.src == 172.16.0.0/12"));
  EXPECT_TRUE(sel("ip.src == 0.0.0.0/0"));
  EXPECT_TRUE(sel("ip.dst > 192.168.1.19 and ip.dst < 192.168.1.21"));
  EXPECT_TRUE(sel("ip.src in {10.0.0.0/8, 1.1.1.1}"));
  EXPECT_TRUE(sel("ip.dst in {192.168.1.1..192.168.1.100}"));
  EXPECT_TRUE(sel("ip.src != ip.dst"));
}

TEST_F(FilterEval, MacAddressesInEveryNotationAndSlices) {
  decode({});
  EXPECT_TRUE(sel("eth.src == 02:00:00:aa:bb:01"));
  EXPECT_TRUE(sel("eth.src == 02-00-00-AA-BB-01"));
  EXPECT_TRUE(sel("eth.src == 0200.00aa.bb01"));
  EXPECT_TRUE(sel("eth.src == 020000aabb01"));
  EXPECT_TRUE(sel("eth.dst eq ff:ff:ff:ff:ff:ff"));
  EXPECT_TRUE(sel("eth.addr == 02:00:00:aa:bb:01 and eth.addr == ff:ff:ff:ff:ff:ff"));
  EXPECT_TRUE(sel("eth.src[0:3] == 02:00:00"));
  EXPECT_TRUE(sel("eth.src[:3] == 02:00:00"));
  EXPECT_TRUE(sel("eth.src[3:] == aa:bb:01"));
  EXPECT_TRUE(sel("eth.src[3-4] == aa:bb"));
  EXPECT_TRUE(sel("eth.src[-1] == 01"));
  EXPECT_TRUE(sel("eth.src[-2:2] == bb:01"));
  EXPECT_TRUE(sel("eth.src[0:1,5] == 02:01"));
  EXPECT_TRUE(sel("eth.src[0] == 2"));  // a lone hex digit is one byte
  EXPECT_FALSE(sel("eth.src[4:4]"));    // past the end: the slice does not exist
  EXPECT_TRUE(sel("eth.dst[0] & 01"));
  EXPECT_TRUE(sel("ip.dst[0:2] == c0:a8"));
  EXPECT_TRUE(sel("frame[12:2] == 08:00"));
  EXPECT_TRUE(sel("tcp[13] == 18"));
  EXPECT_TRUE(sel("eth.src[0:3] != eth.dst[0:3]"));
}

TEST_F(FilterEval, ContainsAndMatchesOnStringsBytesAndProtocols) {
  decode({});
  EXPECT_TRUE(sel("tcp contains \"GET\""));       // a protocol's bytes include its payload
  EXPECT_TRUE(sel("ip contains \"index\""));
  EXPECT_FALSE(sel("tcp contains \"get\""));      // contains is case-sensitive
  EXPECT_TRUE(sel("tcp contains 47:45:54"));
  EXPECT_TRUE(sel("frame contains \"\\x47\\x45\\x54\""));
  EXPECT_TRUE(sel("frame contains \"\\107ET\""));
  EXPECT_TRUE(sel("frame contains r\"HTTP/1.1\""));
  EXPECT_TRUE(sel("frame matches \"get /INDEX\""));  // matches is case-insensitive
  EXPECT_FALSE(sel("frame matches \"(?-i)get\""));
  EXPECT_TRUE(sel("frame matches \"(?-i)GET\""));
  EXPECT_TRUE(sel("frame matches \"^.{12}\\\\x08\\\\x00\""));
  EXPECT_TRUE(sel("frame matches \"1\\\\.1.\\\\n$\""));  // "." matches \r, as in PCRE
  EXPECT_TRUE(sel("frame.protocols contains \"tcp\""));
  EXPECT_TRUE(sel("frame.protocols == \"eth:ethertype:ip:tcp:data\""));
  EXPECT_TRUE(sel("frame.protocols matches \"^eth.*tcp:DATA$\""));
}

TEST_F(FilterEval, SetsRangesAndPrecedence) {
  decode({});
  EXPECT_TRUE(sel("tcp.port in {443, 80}"));
  EXPECT_TRUE(sel("tcp.port in {1..100}"));
  EXPECT_TRUE(sel("tcp.dstport in {1 .. 79, 81..90, 80}"));
  EXPECT_FALSE(sel("tcp.dstport in {81..90}"));
  EXPECT_TRUE(sel("tcp.dstport not in {81..90}"));
  // and binds tighter than or; not tighter than and.
  EXPECT_TRUE(sel("tcp.port == 1 or tcp.port == 80 and ip.src == 10.0.0.1"));
  EXPECT_FALSE(sel("(tcp.port == 1 or tcp.port == 80) and ip.src == 9.9.9.9"));
  EXPECT_FALSE(sel("not tcp.port == 80 and tcp"));
  EXPECT_TRUE(sel("!(tcp.port == 80 && udp)"));
  EXPECT_TRUE(sel("tcp.srcport > tcp.dstport"));
}

TEST_F(FilterEval, TimesInSeconds) {
  decode({});
  EXPECT_TRUE(sel("frame.time_relative == 1.5"));
  EXPECT_TRUE(sel("frame.time_relative > 1 and frame.time_relative < 2"));
  EXPECT_TRUE(sel("frame.time_delta == 0"));
  EXPECT_TRUE(sel("frame.time_epoch > 1600000000"));
}

TEST_F(FilterEval, EvaluationAllocatesNothingPerPacket) {
  decode({});
  auto f = compile("tcp.port == 80 && ip.src == 10.0.0.1 && eth.src[0:3] == 02:00:00 && tcp contains \"GET\"");
  ASSERT_TRUE(f);
  const FieldContext c = ctx();
  EXPECT_TRUE(f->matches(c));  // the first packet sizes the scratch buffers
  g_allocations = 0;
  g_count_allocations = true;
  bool all = true;
  for (int i = 0; i < 1000; ++i) all = f->matches(c) && all;
  g_count_allocations = false;
  EXPECT_TRUE(all);
  EXPECT_EQ(g_allocations.load(), 0);
}

}  // namespace
}  // namespace wirelab::decode::filter
