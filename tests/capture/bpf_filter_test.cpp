// Capture filters on files: libpcap compiles them, pcap_offline_filter applies them, and the
// frames kept are the frames tcpdump keeps for the same expression.
#include <gtest/gtest.h>

#include "capture/bpf_filter.hpp"
#include "capture/packet_stream.hpp"
#include "corpus_support.hpp"

namespace wirelab::capture {
namespace {

std::size_t kept_by_wirelab(const std::string& file, const std::string& expression) {
  auto bpf = FileBpf::compile(expression);
  EXPECT_TRUE(bpf) << expression;
  if (!bpf) return 0;
  auto stream = PacketStream::open(file);
  EXPECT_TRUE(stream) << file;
  if (!stream) return 0;
  stream->set_frame_filter([&](const decode::RawFrame& f) { return bpf->matches(f); });
  std::size_t n = 0;
  while (stream->next()) ++n;
  return n;
}

std::size_t kept_by_tcpdump(const std::string& file, const std::string& expression) {
  std::string out;
  test::run_command("tcpdump -n -r '" + file + "' '" + expression + "' 2>/dev/null", out);
  return static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n'));
}

TEST(BpfFilter, KeepsWhatTcpdumpKeeps) {
  const std::vector<std::string> expressions = {
      "tcp port 43", "tcp[tcpflags] & tcp-syn != 0", "udp", "host 10.0.2.15", "not tcp", "ip and len > 100",
      "udp port 69 or udp portrange 1024-65535", "ether broadcast", "arp", "icmp"};
  std::size_t checked = 0;
  for (const char* name : {"whois.pcap", "tftp_wrq.pcap", "sv__bug-4376__syn_retransmit_with_ts.pcap",
                           "sv__decode-sll2-01__input.pcap", "LINKTYPE_RAW_ipv4.pcap", "sv__decode-arp-2__arp.pcap",
                           "dhcp-rfc4388.pcap"}) {
    const std::string file = (test::corpus_dir() / "pcaps" / name).string();
    for (const auto& e : expressions) {
      EXPECT_EQ(kept_by_wirelab(file, e), kept_by_tcpdump(file, e)) << name << ": " << e;
      ++checked;
    }
  }
  EXPECT_GT(checked, 60u);
}

TEST(BpfFilter, BadExpressionGivesLibpcapsMessage) {
  auto bpf = FileBpf::compile("tcp prot 80");
  ASSERT_FALSE(bpf);
  EXPECT_EQ(bpf.error().message, "can't parse filter expression: syntax error");
  auto single = BpfFilter::compile("port 99999", decode::LinkType::Ethernet);
  ASSERT_FALSE(single);
  EXPECT_NE(single.error().message.find("illegal port number 99999"), std::string::npos) << single.error().message;
}

TEST(BpfFilter, ExpressionThatCanNeverMatchALinkTypeRejectsItsFramesSilently) {
  auto bpf = FileBpf::compile("arp");
  ASSERT_TRUE(bpf);
  auto stream = PacketStream::open((test::corpus_dir() / "pcaps" / "LINKTYPE_RAW_ipv4.pcap").string());
  ASSERT_TRUE(stream);
  stream->set_frame_filter([&](const decode::RawFrame& f) { return bpf->matches(f); });
  std::size_t kept = 0;
  while (stream->next()) ++kept;
  EXPECT_EQ(kept, 0u);
  EXPECT_EQ(bpf->error(), "");
}

TEST(BpfFilter, ExpressionThatDoesNotFitTheFilesLinkTypeIsReported) {
  auto bpf = FileBpf::compile("ether host 01:02:03:04:05:06");
  ASSERT_TRUE(bpf);
  const std::string file = (test::corpus_dir() / "pcaps" / "LINKTYPE_RAW_ipv4.pcap").string();
  auto stream = PacketStream::open(file);
  ASSERT_TRUE(stream);
  stream->set_frame_filter([&](const decode::RawFrame& f) { return bpf->matches(f); });
  while (stream->next()) {
  }
  EXPECT_NE(bpf->error().find("does not apply to link type RAW"), std::string::npos) << bpf->error();
}

TEST(BpfFilter, RejectedFramesAreNeverNumberedOrTracked) {
  const std::string file = (test::corpus_dir() / "pcaps" / "whois.pcap").string();
  auto bpf = FileBpf::compile("src host 192.0.47.59");
  ASSERT_TRUE(bpf);
  auto stream = PacketStream::open(file);
  ASSERT_TRUE(stream);
  stream->set_frame_filter([&](const decode::RawFrame& f) { return bpf->matches(f); });
  std::vector<std::uint64_t> numbers;
  while (stream->next()) numbers.push_back(stream->packet().number);
  EXPECT_EQ(numbers, (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));  // 5 of 11 frames, numbered as captured
}

}  // namespace
}  // namespace wirelab::capture
