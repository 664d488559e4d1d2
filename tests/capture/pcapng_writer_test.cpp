// PcapngWriter: packets and socket events in one pcapng that tshark opens and wirelab reads
// back unchanged.
#include <gtest/gtest.h>

#include <filesystem>

#include "capture/capture_file.hpp"
#include "capture/packet_stream.hpp"
#include "capture/pcapng_writer.hpp"
#include "corpus_support.hpp"
#include "decode/socket_event.hpp"

namespace wirelab::test {
namespace {

struct Fixture {
  std::vector<capture::CapturedFrame> frames;
  std::vector<decode::SocketEvent> events;
  decode::LinkType link = decode::LinkType::Ethernet;
};

// Real frames from the repository's loopback capture, and events shaped like a run's.
Fixture load_fixture() {
  Fixture f;
  auto file = capture::open_capture_file((source_dir() / "resources/captures/echo-epoll-3clients.pcapng").string());
  EXPECT_TRUE(file) << file.error().message();
  if (!file) return f;
  capture::Record rec;
  while ((*file)->reader().next(rec) == capture::ReadStatus::Ok) {
    if (rec.kind != capture::Record::Kind::Packet) continue;
    capture::CapturedFrame cf;
    cf.ts_ns = rec.frame.ts_ns;
    cf.link_type = f.link = rec.frame.link_type;
    cf.wire_len = rec.frame.wire_len;
    cf.bytes.assign(rec.frame.bytes.begin(), rec.frame.bytes.end());
    f.frames.push_back(std::move(cf));
  }
  const std::int64_t t0 = f.frames.empty() ? 0 : f.frames.front().ts_ns;
  decode::SocketEvent accept{.ts_ns = t0 + 1000, .pid = 42, .tid = 43, .fd = 5, .call = decode::SocketCall::Accept,
                             .result = 5, .local = {0x7f000001, 7000}, .peer = {0x7f000001, 40000},
                             .actor = "server", .detail = "listener fd 3"};
  decode::SocketEvent refused{.ts_ns = t0 + 2001, .pid = 42, .tid = 44, .fd = 6,
                              .call = decode::SocketCall::ConnectReturn, .result = -1, .err = 111,
                              .peer = {0x7f000001, 9}, .actor = "client 1"};  // detail "": padding case
  decode::SocketEvent send{.ts_ns = t0 + 3000, .pid = 42, .tid = 45, .fd = 7, .call = decode::SocketCall::Send,
                           .result = 1234, .bytes = 1234, .actor = "client 22", .detail = "partial: 1234 of 4096"};
  f.events = {accept, refused, send};
  return f;
}

std::filesystem::path temp_file(const std::string& name) {
  return std::filesystem::temp_directory_path() / ("wirelab-test-" + std::to_string(::getpid()) + "-" + name);
}

TEST(PcapngWriter, ReadsBackTheSamePacketsAndEvents) {
  const Fixture f = load_fixture();
  ASSERT_FALSE(f.frames.empty());
  const auto path = temp_file("roundtrip.pcapng");
  ASSERT_FALSE(capture::write_pcapng(path.string(), f.link, "lo", f.frames, f.events));

  auto stream = capture::PacketStream::open(path.string());
  ASSERT_TRUE(stream) << stream.error().message();
  std::vector<decode::SocketEvent> events;
  stream->on_custom_block([&](const capture::CustomBlock& b) {
    ASSERT_EQ(b.pen, decode::kSocketEventPen);
    decode::SocketEvent e;
    ASSERT_GT(decode::decode_event(b.data.data(), b.data.size(), e), 0u);
    events.push_back(e);
  });
  std::size_t i = 0;
  while (stream->next()) {
    ASSERT_LT(i, f.frames.size());
    const auto& p = stream->packet();
    EXPECT_EQ(p.ts_ns, f.frames[i].ts_ns) << "nanosecond stamps survive (if_tsresol=9)";
    EXPECT_EQ(p.wire_len, f.frames[i].wire_len);
    EXPECT_EQ(p.link_type, f.link);
    EXPECT_TRUE(std::equal(p.data.begin(), p.data.end(), f.frames[i].bytes.begin(), f.frames[i].bytes.end()));
    ++i;
  }
  EXPECT_FALSE(stream->error());
  EXPECT_EQ(i, f.frames.size());
  ASSERT_EQ(events.size(), f.events.size());
  for (std::size_t k = 0; k < events.size(); ++k) {
    EXPECT_EQ(decode::encode_event(events[k]), decode::encode_event(f.events[k])) << "event " << k;
    EXPECT_EQ(events[k].actor, f.events[k].actor);
    EXPECT_EQ(events[k].detail, f.events[k].detail);
  }
  EXPECT_EQ(stream->file().reader().interfaces().at(0).name, "lo");
  std::filesystem::remove(path);
}

TEST(PcapngWriter, TsharkOpensTheFileAndNumbersPacketsLikeWirelab) {
  std::string out;
  if (run_command("tshark -v >/dev/null 2>&1", out) != 0) GTEST_SKIP() << "tshark is not installed";
  const Fixture f = load_fixture();
  const auto path = temp_file("tshark.pcapng");
  ASSERT_FALSE(capture::write_pcapng(path.string(), f.link, "lo", f.frames, f.events));
  ASSERT_EQ(run_command("tshark -r " + path.string() + " >/dev/null 2>&1", out), 0) << "tshark -r exits 0";
  // tshark lists each custom block as a frame of its own; the packets come first, so packet
  // N is frame N in both tools.
  ASSERT_EQ(run_command("tshark -r " + path.string() + " -Y eth -T fields -e frame.number 2>/dev/null", out), 0);
  std::string expected;
  for (std::size_t k = 1; k <= f.frames.size(); ++k) expected += std::to_string(k) + "\n";
  EXPECT_EQ(out, expected);
  ASSERT_EQ(run_command("tshark -r " + path.string() + " -T fields -e frame.number 2>/dev/null | wc -l", out), 0);
  EXPECT_EQ(std::stoul(out), f.frames.size() + f.events.size());
  std::filesystem::remove(path);
}

TEST(PcapngWriter, ReportsAnUnwritablePath) {
  auto w = capture::PcapngWriter::create("/nonexistent-dir/out.pcapng");
  ASSERT_FALSE(w);
  EXPECT_NE(w.error().message.find("/nonexistent-dir/out.pcapng"), std::string::npos);
}

}  // namespace
}  // namespace wirelab::test
