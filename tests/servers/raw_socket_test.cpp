#include <gtest/gtest.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "decode/ipv4.hpp"
#include "decode/tcp.hpp"
#include "servers/raw_ping.hpp"
#include "servers/raw_syn_probe.hpp"

namespace wirelab::servers {
namespace {

// Raw sockets need CAP_NET_RAW: without it these tests say so and skip.
bool can_open_raw() {
  const int fd = ::socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

#define REQUIRE_RAW()                                                                                \
  if (!can_open_raw()) GTEST_SKIP() << "no CAP_NET_RAW: run the tests as root or " << raw_socket_permission_hint()

TEST(RawPackets, EchoRequestChecksumVerifies) {
  const auto m = icmp_echo_request(0x1234, 7, 10);
  ASSERT_EQ(m.size(), 18u);
  EXPECT_EQ(load_u8(Bytes(m.data(), m.size()), 0), 8);
  EXPECT_EQ(load_be16(Bytes(m.data(), m.size()), 4), 0x1234);
  EXPECT_EQ(load_be16(Bytes(m.data(), m.size()), 6), 7);
  EXPECT_EQ(decode::internet_checksum(Bytes(m.data(), m.size())), 0) << "a correct checksum sums to zero";
}

TEST(RawPackets, SynSegmentIsAValidTcpSynWithPseudoHeaderChecksum) {
  const auto seg = tcp_syn_segment(kLoopback, 40000, kLoopback, 80, 0xdeadbeef);
  auto tcp = decode::tcp(Bytes(seg.data(), seg.size()), 0);
  ASSERT_TRUE(tcp);
  EXPECT_EQ(tcp->src_port(), 40000);
  EXPECT_EQ(tcp->dst_port(), 80);
  EXPECT_EQ(tcp->seq(), 0xdeadbeefu);
  EXPECT_EQ(tcp->flags(), decode::tcp_flag::kSyn);
  // Re-sum with the pseudo-header: 127.0.0.1 twice, protocol 6, length 20.
  std::uint32_t pseudo = 0x7f00 + 0x0001 + 0x7f00 + 0x0001 + 6 + 20;
  EXPECT_EQ(decode::internet_checksum(Bytes(seg.data(), seg.size()), pseudo), 0);
}

TEST(RawPing, LoopbackAnswersEachEchoRequestWithAMatchingReply) {
  REQUIRE_RAW();
  Journal journal;
  auto report = raw_ping(&journal, {.count = 3, .identifier = 0, .payload = 24, .timeout_ms = 1000});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->sent, 3);
  ASSERT_EQ(report->replies.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(report->replies[i].sequence, i + 1);
    EXPECT_TRUE(report->replies[i].checksum_ok);
    EXPECT_EQ(report->replies[i].icmp_bytes, 8u + 24u);
    EXPECT_GT(report->replies[i].rtt_ns, 0);
  }
  EXPECT_EQ(report->own_requests_seen, 3) << "a raw socket on lo sees our requests come back too";
  int sends = 0;
  for (const auto& e : journal.snapshot()) sends += (e.call == SocketCall::SendTo && e.actor == "pinger") ? 1 : 0;
  EXPECT_EQ(sends, 3);
}

TEST(RawPing, RefusesTargetsOutsideLoopback) {
  auto report = raw_ping(nullptr, {.target = 0x08080808});
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message.find("loopback only"), std::string::npos);
}

TEST(RawSynProbe, ListenerAnswersSynAckAndOurKernelResetsTheHalfOpenConnection) {
  REQUIRE_RAW();
  const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  ASSERT_GE(listener, 0);
  sockaddr_in sa = to_sockaddr({.ip = kLoopback, .port = 0});
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&sa), sizeof sa), 0);  // NOLINT
  ASSERT_EQ(::listen(listener, 8), 0);
  socklen_t len = sizeof sa;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&sa), &len);  // NOLINT
  const std::uint16_t port = ntohs(sa.sin_port);

  Journal journal;
  auto report = raw_syn_probe(&journal, {.target_port = port, .syns = 3, .timeout_ms = 1000});
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->probes.size(), 3u);
  for (const auto& p : report->probes) {
    EXPECT_TRUE(p.syn_seen) << "port " << p.source_port;
    EXPECT_TRUE(p.syn_ack) << "port " << p.source_port;
    EXPECT_TRUE(p.rst) << "port " << p.source_port;
  }
  // The half-open connections never completed: nothing to accept.
  EXPECT_LT(::accept(listener, nullptr, nullptr), 0);
  EXPECT_EQ(errno, EAGAIN);
  ::close(listener);
}

TEST(RawSocketPermission, WithoutCapNetRawTheErrorNamesTheFix) {
  REQUIRE_RAW();  // we need the capability to be able to drop it
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Drop CAP_NET_RAW from the effective set of this child only.
    __user_cap_header_struct header{.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    __user_cap_data_struct data[2] = {};
    if (::syscall(SYS_capget, &header, data) != 0) ::_exit(3);
    data[CAP_NET_RAW / 32].effective &= ~(1u << (CAP_NET_RAW % 32));
    if (::syscall(SYS_capset, &header, data) != 0) ::_exit(3);
    auto r = raw_ping(nullptr, {.count = 1});
    if (r) ::_exit(1);
    const std::string& m = r.error().message;
    ::_exit(m.find("CAP_NET_RAW") != std::string::npos && m.find("setcap cap_net_raw+ep") != std::string::npos ? 0 : 2);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: raw socket opened anyway, 2: message lacks the fix, 3: capset failed";
}

}  // namespace
}  // namespace wirelab::servers
