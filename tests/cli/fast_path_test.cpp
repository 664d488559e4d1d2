// The dissector's Ethernet/IPv4/TCP fast path must give exactly what the general walk gives:
// every corpus frame is dissected both ways and the layer lists and problems compared.
#include <gtest/gtest.h>

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
  return !a.problem || (a.problem->offset == b.problem->offset && a.problem->kind == b.problem->kind);
}

TEST(FastPath, DecodesEveryCorpusFrameLikeTheGeneralWalk) {
  std::size_t frames = 0, tcp_frames = 0;
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
    }
  }
  EXPECT_GT(frames, 4000u);
  EXPECT_GT(tcp_frames, 500u);
}

}  // namespace
}  // namespace wirelab
