// LiveCapture on lo: real datagrams we send to ourselves, captured with ns stamps and counted.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ctime>

#include "capture/live_capture.hpp"
#include "decode/dissector.hpp"
#include "decode/udp.hpp"

namespace wirelab::test {
namespace {

std::int64_t now_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

// Opens lo or skips the test with the reason (no permission outside root/CI).
std::unique_ptr<capture::LiveCapture> open_or_skip(const std::string& filter, std::string& skip) {
  capture::LiveCaptureOptions o;
  o.filter = filter;
  auto cap = capture::LiveCapture::open(o);
  if (!cap) {
    skip = "live capture on lo not permitted here: " + cap.error().message + " (run as root or with CAP_NET_RAW; CI does)";
    return nullptr;
  }
  return std::move(*cap);
}

TEST(LiveCapture, CapturesOnlyFilteredDatagramsWithNanosecondStamps) {
  // A UDP socket bound to an ephemeral port; we send to it from another socket.
  const int rx = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  const int tx = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(rx, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(rx, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  socklen_t len = sizeof a;
  ::getsockname(rx, reinterpret_cast<sockaddr*>(&a), &len);
  const std::uint16_t port = ntohs(a.sin_port);

  std::string skip;
  auto cap = open_or_skip("udp dst port " + std::to_string(port), skip);
  if (!cap) {
    ::close(rx);
    ::close(tx);
    GTEST_SKIP() << skip;
  }
  EXPECT_EQ(cap->link_type(), decode::LinkType::Ethernet) << "lo is DLT_EN10MB on Linux";
  cap->start();
  const std::int64_t before = now_ns();
  constexpr int kDatagrams = 50;
  for (int i = 0; i < kDatagrams; ++i) {
    const std::string msg = "datagram " + std::to_string(i);
    ASSERT_EQ(::sendto(tx, msg.data(), msg.size(), 0, reinterpret_cast<sockaddr*>(&a), sizeof a),
              static_cast<ssize_t>(msg.size()));
  }
  // Another port's traffic must not get through the filter.
  sockaddr_in other = a;
  other.sin_port = htons(static_cast<std::uint16_t>(port == 65535 ? 1 : port + 1));
  ::sendto(tx, "x", 1, 0, reinterpret_cast<sockaddr*>(&other), sizeof other);
  const std::int64_t after = now_ns();

  std::vector<capture::CapturedFrame> frames;
  for (int tries = 0; tries < 50 && frames.size() < kDatagrams; ++tries)
    cap->wait_take(frames, std::chrono::milliseconds(20));
  cap->stop();
  cap->take(frames);
  ::close(rx);
  ::close(tx);

  ASSERT_EQ(frames.size(), static_cast<std::size_t>(kDatagrams));
  decode::Dissector d;
  decode::Packet p;
  std::int64_t prev = 0;
  for (std::size_t i = 0; i < frames.size(); ++i) {
    d.dissect(frames[i].view(), i + 1, p);
    const decode::Layer* udp = p.find(decode::Proto::Udp);
    ASSERT_NE(udp, nullptr);
    const auto payload = p.payload_of(*udp);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(payload.data()), payload.size()), "datagram " + std::to_string(i));
    EXPECT_GE(frames[i].ts_ns, before);
    EXPECT_LE(frames[i].ts_ns, after);
    EXPECT_GE(frames[i].ts_ns, prev);
    prev = frames[i].ts_ns;
  }
  const capture::CaptureStats s = cap->stats();
  EXPECT_EQ(s.delivered, static_cast<std::uint64_t>(kDatagrams));
  EXPECT_EQ(s.queue_dropped, 0u);
  EXPECT_TRUE(s.kernel_stats_valid);
  EXPECT_EQ(s.kernel_dropped, 0u);
}

TEST(LiveCapture, NamesTheProblemForAMissingInterfaceOrABadFilter) {
  std::string skip;
  if (!open_or_skip("", skip)) GTEST_SKIP() << skip;
  capture::LiveCaptureOptions o;
  o.interface = "wirelab-no-such0";
  auto missing = capture::LiveCapture::open(o);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("wirelab-no-such0"), std::string::npos) << missing.error().message;
  o.interface = "lo";
  o.filter = "tcp port banana";
  auto bad = capture::LiveCapture::open(o);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("tcp port banana"), std::string::npos) << bad.error().message;
}

TEST(LiveCapture, PermissionHintNamesSetcapAndRoot) {
  const std::string hint = capture::capture_permission_hint();
  EXPECT_NE(hint.find("setcap cap_net_raw,cap_net_admin+eip"), std::string::npos);
  EXPECT_NE(hint.find("root"), std::string::npos);
}

}  // namespace
}  // namespace wirelab::test
