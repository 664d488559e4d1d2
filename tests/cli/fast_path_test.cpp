// The dissector's Ethernet/IPv4/TCP fast path must give exactly what the general walk gives:
// every corpus frame is dissected both ways and the layer lists and problems compared,
// segments cut by the snap length included.
#include <gtest/gtest.h>

#include <string_view>

#include "capture/capture_file.hpp"
#include "corpus_support.hpp"
#include "decode/dissector.hpp"

namespace wirelab {
namespace {

namespace fs = std::filesystem;

bool same_layers(const decode::Packet& a, const decode::Packet& b) {
  if (a.layers.size() != b.layers.size() || a.problem.has_value() != b.problem.has_value()) return false;
  for (std::size_t i = 0; i < a.layers.size(); ++i) {
    const decode::Layer& x = a.layers[i];
    const decode::Layer& y = b.layers[i];
    if (x.proto != y.proto || x.source != y.source || x.depth != y.depth || x.aux != y.aux || x.offset != y.offset ||
        x.length != y.length || x.header_len != y.header_len || x.reported_len != y.reported_len)
      return false;
  }
  if (!a.problem) return true;
  const decode::DecodeError& x = *a.problem;
  const decode::DecodeError& y = *b.problem;
  return x.layer == y.layer && x.kind == y.kind && std::string_view(x.field) == y.field && x.offset == y.offset &&
         x.required == y.required && x.available == y.available && std::string_view(x.len_source) == y.len_source;
}

TEST(FastPath, DecodesEveryCorpusFrameLikeTheGeneralWalk) {
  std::size_t frames = 0, tcp_frames = 0, cut_fast = 0;
  for (const auto& e : fs::directory_iterator(test::corpus_dir() / "pcaps")) {
    auto file = capture::open_capture_file(e.path().string());
    if (!file) continue;
    decode::Dissector fast, slow;
    slow.set_fast_path(false);
    decode::Packet a, b;
    capture::Record r;
    std::uint64_t n = 0;
    while ((*file)->reader().next(r) == capture::ReadStatus::Ok) {
      if (r.kind != capture::Record::Kind::Packet) continue;
      fast.dissect(r.frame, ++n, a);
      slow.dissect(r.frame, n, b);
      ++frames;
      if (b.find(decode::Proto::Tcp)) ++tcp_frames;
      ASSERT_TRUE(same_layers(a, b)) << e.path().filename() << " frame " << n;
      // The corpus has few segments cut by the snap length (tcpdump -s): each whole TCP
      // segment of the fast path is cut here as a snap length would cut it, inside its TCP
      // header (the walk's), right after it, one byte later and one byte short of the end.
      const decode::Layer* found = a.layers.eth_ipv4_transport() ? a.find(decode::Proto::Tcp) : nullptr;
      if (!found || a.problem) continue;
      const decode::Layer tcp = *found;  // `a` is dissected again below
      const std::uint32_t header_end = tcp.offset + tcp.header_len, end = tcp.offset + tcp.length;
      for (const std::uint32_t caplen : {tcp.offset + 10, header_end, header_end + 1, end - 1}) {
        if (caplen < tcp.offset + 10 || caplen >= end) continue;
        decode::RawFrame cut = r.frame;
        cut.bytes = r.frame.bytes.first(caplen);
        fast.dissect(cut, n, a);
        slow.dissect(cut, n, b);
        ASSERT_TRUE(same_layers(a, b)) << e.path().filename() << " frame " << n << " cut to " << caplen;
        if (a.layers.eth_ipv4_transport()) {
          ASSERT_TRUE(a.problem) << e.path().filename() << " frame " << n << " cut to " << caplen;
          ++cut_fast;
        }
      }
    }
  }
  EXPECT_GT(frames, 4000u);
  EXPECT_GT(tcp_frames, 500u);
  EXPECT_GT(cut_fast, 500u);
}

}  // namespace
}  // namespace wirelab
