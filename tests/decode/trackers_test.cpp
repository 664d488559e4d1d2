// Trackers::feed() resets only the part of the annotation record that the previous packet's
// tracker wrote (PacketAnnotations::written). A caller that reuses one record for every packet,
// as the CLI and the GUI do, must read exactly what a fresh record per packet would hold.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "capture/packet_stream.hpp"
#include "conversation_builder.hpp"
#include "corpus_support.hpp"
#include "decode/dissector.hpp"
#include "decode/trackers.hpp"

namespace wirelab {
namespace {

namespace fs = std::filesystem;
using Written = decode::PacketAnnotations::Written;
constexpr bool C = true, S = false;

// Two sets of trackers fed the same packets: one into a record reused for every packet, one
// into a fresh record each time. Counts which tracker's record followed which.
struct ReusedAgainstFresh {
  decode::Trackers reused_trackers, fresh_trackers;
  decode::PacketAnnotations reused;
  std::map<std::pair<Written, Written>, std::size_t>* transitions;

  // False (with a failure naming `where`) when the two records differ.
  bool feed(const decode::Packet& p, const std::string& where) {
    const Written before = reused.written;
    reused_trackers.feed(p, reused);
    decode::PacketAnnotations fresh;
    fresh_trackers.feed(p, fresh);
    ++(*transitions)[{before, reused.written}];
    EXPECT_TRUE(reused == fresh) << where << " frame " << p.number;
    return reused == fresh;
  }
};

TEST(Trackers, OneReusedAnnotationRecordReadsLikeAFreshOnePerPacket) {
  std::map<std::pair<Written, Written>, std::size_t> transitions;
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(test::corpus_dir() / "pcaps")) {
    auto stream = capture::PacketStream::open(e.path().string());
    if (!stream) continue;
    ++files;
    ReusedAgainstFresh run{.transitions = &transitions};
    while (stream->next())
      if (!run.feed(stream->packet(), e.path().filename().string())) break;
  }
  EXPECT_GT(files, 50u);

  // TCP and UDP taking turns (the corpus has no such capture), a TFTP request, and frames with
  // IPv4 options, which the dissector's fast path leaves to the general walk.
  const std::string rrq("\0\x01" "boot.img\0octet\0", 17);
  test::ConversationBuilder b;
  b.ports(40000, 7).tcp(C, "S", 100, 0).ports(40001, 53).udp(C, "query");
  b.ports(40000, 7).tcp(S, "S.", 500, 101).ports(40001, 53).udp(S, "answer");
  b.ports(40000, 7).tcp(C, ".", 101, 501).ports(40002, 69).udp(C, rrq);
  b.ports(40000, 7).tcp(C, "P.", 101, 501, "hello").ip_options(true).ports(40001, 53).udp(C, "query");
  b.ports(40000, 7).tcp(S, ".", 501, 106).ip_options(false).ports(40002, 69).udp(C, rrq);
  b.ports(40001, 53).udp(S, "answer").ports(40000, 7).tcp(C, "F.", 106, 501).tcp(S, "F.", 501, 107);
  // A segment cut short in its TCP header, after a tracked one: the TCP tracker tracks nothing
  // and must leave its record at the defaults.
  std::vector<test::Frame> frames = b.frames();
  test::Frame cut = frames[4];
  cut.bytes.resize(14 + 20 + 12);
  frames.insert(frames.begin() + 5, cut);
  for (const bool fast : {true, false}) {
    decode::Dissector d;
    d.set_fast_path(fast);
    ReusedAgainstFresh run{.transitions = &transitions};
    decode::Packet p;
    std::uint64_t n = 0;
    for (const test::Frame& f : frames) {
      d.dissect({.ts_ns = f.ts_ns, .link_type = decode::LinkType::Ethernet,
                 .wire_len = static_cast<std::uint32_t>(f.bytes.size()), .bytes = f.bytes},
                ++n, p);
      if (!run.feed(p, fast ? "built, fast path" : "built, general walk")) break;
    }
  }

  // Every way one tracker's record can follow another's was exercised.
  for (const Written from : {Written::kTcp, Written::kUdp, Written::kOther})
    for (const Written to : {Written::kTcp, Written::kUdp, Written::kOther})
      EXPECT_GT((transitions[{from, to}]), 0u) << static_cast<int>(from) << " -> " << static_cast<int>(to);
  EXPECT_GT((transitions[{Written::kTcp, Written::kNone}] + transitions[{Written::kUdp, Written::kNone}] +
             transitions[{Written::kOther, Written::kNone}]),
            0u)
      << "no untracked packet after a tracked one";
}

}  // namespace
}  // namespace wirelab
