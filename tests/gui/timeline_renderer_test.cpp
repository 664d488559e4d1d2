// The sequence-diagram renderer: one lane per endpoint address:port, one arrow per segment,
// state bands in the order the items put the endpoints in, shaded phases, socket calls in
// their own lanes, clicks mapped to frames, and exports that hold the diagram.
#include "gui/timeline_renderer.hpp"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include "gui/timeline_export.hpp"

namespace wirelab::gui {
namespace {

using decode::SequenceItem;
using decode::SequenceItemKind;
using decode::SequencePhase;
using decode::TcpState;

// An echo connection on loopback as the trackers describe it: both endpoints on 127.0.0.1.
decode::SequenceDiagram echo_connection() {
  decode::SequenceDiagram d;
  d.title = "TCP stream 0";
  d.nodes = {{.address = "127.0.0.1:36724", .role = "client"}, {.address = "127.0.0.1:7", .role = "server"}};
  const std::int64_t t0 = 1'700'000'000'000'000'000;
  std::uint64_t frame = 0;
  const auto packet = [&](std::int64_t us, int src, std::string label, TcpState c, TcpState s, SequencePhase ph,
                          std::string mark = "") {
    SequenceItem it{.kind = SequenceItemKind::Packet, .frame = ++frame, .time_ns = t0 + us * 1000,
                    .src_node = static_cast<std::uint8_t>(src), .dst_node = static_cast<std::uint8_t>(1 - src),
                    .label = std::move(label), .comment = "Seq=0 Ack=0"};
    it.state_after = {c, s};
    it.phase = ph;
    it.phase_mark = std::move(mark);
    d.items.push_back(it);
  };
  const auto event = [&](std::int64_t us, int node, std::string label) {
    SequenceItem it{.kind = SequenceItemKind::SocketEvent, .time_ns = t0 + us * 1000,
                    .src_node = static_cast<std::uint8_t>(node), .dst_node = static_cast<std::uint8_t>(node),
                    .label = std::move(label)};
    d.items.push_back(it);
  };
  using enum TcpState;
  event(0, 0, "connect()");
  packet(1, 0, "SYN", SynSent, SynReceived, SequencePhase::Handshake);
  packet(2, 1, "SYN, ACK", Established, SynReceived, SequencePhase::Handshake);
  packet(3, 0, "ACK", Established, Established, SequencePhase::Handshake, "handshake: three-way");
  event(4, 1, "accept() = 5");
  packet(100, 0, "PSH, ACK - Len: 5", Established, Established, SequencePhase::Data);
  packet(101, 1, "ACK", Established, Established, SequencePhase::Data);
  event(200, 0, "close()");
  packet(201, 0, "FIN, ACK", FinWait1, CloseWait, SequencePhase::Teardown);
  packet(202, 1, "ACK", FinWait2, CloseWait, SequencePhase::Teardown);
  packet(300, 1, "FIN, ACK", FinWait2, LastAck, SequencePhase::Teardown);
  packet(301, 0, "ACK", TimeWait, Closed, SequencePhase::Teardown, "teardown: four-way");
  return d;
}

std::vector<TcpState> band_states(const TimelineRenderer& r, int lane) {
  std::vector<TcpState> out;
  for (const auto& b : r.bands())
    if (b.lane == lane) out.push_back(b.state);
  return out;
}

TEST(TimelineRenderer, OneLanePerEndpointEvenOnOneAddress) {
  TimelineRenderer r;
  r.setDiagrams({echo_connection()});
  ASSERT_EQ(r.lanes().size(), 2u);
  EXPECT_EQ(r.lanes()[0].address, "127.0.0.1:36724");
  EXPECT_EQ(r.lanes()[1].address, "127.0.0.1:7");
  EXPECT_LT(r.lanes()[0].x + 200, r.lanes()[1].x) << "client and server lanes are apart";
  // Both sides made socket calls: each gets an application lane outside its TCP lane.
  EXPECT_LT(r.lanes()[0].app_x, r.lanes()[0].x);
  EXPECT_GT(r.lanes()[1].app_x, r.lanes()[1].x);
}

TEST(TimelineRenderer, OneArrowPerSegmentInTheRightDirection) {
  TimelineRenderer r;
  const auto d = echo_connection();
  r.setDiagrams({d});
  ASSERT_EQ(r.arrows().size(), 9u);
  ASSERT_EQ(r.events().size(), 3u);
  const int client = r.lanes()[0].x, server = r.lanes()[1].x;
  int prev_y = 0;
  for (const auto& a : r.arrows()) {
    const auto& item = d.items[std::find_if(d.items.begin(), d.items.end(), [&](const SequenceItem& i) { return i.frame == a.frame; }) - d.items.begin()];
    EXPECT_EQ(a.from_x, item.src_node == 0 ? client : server) << a.label.toStdString();
    EXPECT_EQ(a.to_x, item.src_node == 0 ? server : client) << a.label.toStdString();
    EXPECT_GT(a.y, prev_y) << "time flows down";
    prev_y = a.y;
  }
  EXPECT_EQ(r.arrows()[1].label, "SYN, ACK");
}

TEST(TimelineRenderer, StateBandsChangeAtTheCausingFrame) {
  TimelineRenderer r;
  r.setDiagrams({echo_connection()});
  using enum TcpState;
  EXPECT_EQ(band_states(r, 0), (std::vector<TcpState>{SynSent, Established, FinWait1, FinWait2, TimeWait}));
  EXPECT_EQ(band_states(r, 1), (std::vector<TcpState>{SynReceived, Established, CloseWait, LastAck, Closed}));
  for (const auto& b : r.bands()) EXPECT_EQ(b.y1, r.yOfFrame(b.caused_by)) << "a band starts at its frame's arrow";
  // The active closer's TIME-WAIT lasts 2 x MSL: past the end of this short capture.
  const auto& tw = r.bands()[4];
  ASSERT_EQ(tw.state, TimeWait);
  EXPECT_GT(tw.y2, r.arrows().back().y);
  r.setScale(TimeScale::RealTime);
  EXPECT_EQ(band_states(r, 0).back(), TimeWait);
}

TEST(TimelineRenderer, HandshakeAndTeardownAreShadedAndNamed) {
  TimelineRenderer r;
  r.setDiagrams({echo_connection()});
  ASSERT_EQ(r.phases().size(), 2u);
  EXPECT_EQ(r.phases()[0].name, "handshake: three-way");
  EXPECT_EQ(r.phases()[1].name, "teardown: four-way");
  EXPECT_LE(r.phases()[0].y1, r.arrows()[0].y);
  EXPECT_GE(r.phases()[0].y2, r.arrows()[2].y);
  EXPECT_LT(r.phases()[0].y2, r.arrows()[3].y) << "data is not shaded as handshake";
}

TEST(TimelineRenderer, RealTimeScaleIsProportionalAndZooms) {
  TimelineRenderer r;
  r.setDiagrams({echo_connection()});
  r.setScale(TimeScale::RealTime);
  const auto& a = r.arrows();
  // SYN at 1 us, data at 100 us, last ACK at 301 us: distances follow elapsed time.
  const double per_us = static_cast<double>(a[3].y - a[0].y) / 99.0;
  EXPECT_NEAR(a[8].y - a[0].y, per_us * 300.0, 2.0);
  const int h = r.size().height();
  r.setNsPerPixel(r.nsPerPixel() / 4);
  EXPECT_GT(r.size().height(), 3 * h);
}

TEST(TimelineRenderer, ClickOnAnArrowGivesItsFrame) {
  TimelineRenderer r;
  r.setDiagrams({echo_connection()});
  const auto& syn_ack = r.arrows()[1];
  EXPECT_EQ(r.frameAt(QPoint((syn_ack.from_x + syn_ack.to_x) / 2, syn_ack.y + 3)), syn_ack.frame);
  EXPECT_EQ(r.frameAt(QPoint(2, syn_ack.y)), 0u) << "the time axis is not an arrow";
}

TEST(TimelineRenderer, BadgesAndColoursComeFromFrameFacts) {
  TimelineRenderer r;
  r.setFrameFacts([](std::uint64_t frame) {
    ArrowFacts f;
    if (frame == 5) f.badges << "Retransmission";
    return f;
  });
  r.setDiagrams({echo_connection()});
  EXPECT_EQ(r.arrows()[4].badges, QStringList{"Retransmission"});
  EXPECT_TRUE(r.arrows()[3].badges.isEmpty());
}

TEST(TimelineRenderer, ExportsPngAndSvg) {
  TimelineRenderer r;
  r.setDiagrams({echo_connection()});
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString png = dir.filePath("t.png"), svg = dir.filePath("t.svg");
  ASSERT_TRUE(export_timeline_png(r, png));
  ASSERT_TRUE(export_timeline_svg(r, svg, "TCP stream 0"));
  QImage img(png);
  ASSERT_FALSE(img.isNull());
  EXPECT_EQ(img.size(), r.size());
  // The ESTABLISHED band's colour is really there, at the client's lifeline.
  const auto& est = r.bands()[1];
  EXPECT_EQ(img.pixelColor(r.lanes()[0].x, (est.y1 + est.y2) / 2), state_color(TcpState::Established));
  QFile f(svg);
  ASSERT_TRUE(f.open(QIODevice::ReadOnly));
  const QByteArray text = f.readAll();
  EXPECT_TRUE(text.contains("<svg"));
  EXPECT_TRUE(text.contains("127.0.0.1:36724"));
  EXPECT_TRUE(text.contains("ESTABLISHED"));
  EXPECT_TRUE(text.contains("handshake: three-way"));
}

}  // namespace
}  // namespace wirelab::gui
