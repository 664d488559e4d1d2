// The lab topology dock on stored lab runs (tests/data/lab, written by `wirelab-cli run NAME
// --lab -w`): selecting each packet in the main window highlights the hop the frame took. The
// expected hop comes from outside the view: the pcapng interface the frame was captured on and
// the IP (or ARP) addresses, not the MACs the view reads.
#include <QDockWidget>
#include <QImage>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "capture/capture_file.hpp"
#include "capture/packet_stream.hpp"
#include "decode/ipv4.hpp"
#include "gui/lab_topology_view.hpp"
#include "gui/main_window.hpp"
#include "gui/packet_list_model.hpp"
#include "gui_test_support.hpp"

namespace wirelab::gui {
namespace {

std::string lab_capture(const std::string& name) {
  return std::string(WIRELAB_SOURCE_DIR) + "/tests/data/lab/" + name + ".pcapng";
}

std::string dotted(std::uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xff) + "." + std::to_string((a >> 8) & 0xff) + "." +
         std::to_string(a & 0xff);
}

// Per frame: the capture interface's name and the IPv4 addresses (empty when not IPv4).
struct Truth {
  std::string iface, ip_src, ip_dst;
};
std::vector<Truth> truth_of(const std::string& path) {
  std::vector<Truth> out;
  auto stream = capture::PacketStream::open(path);
  if (!stream) return out;
  while (stream->next()) {
    const decode::Packet& p = stream->packet();
    Truth t;
    t.iface = stream->file().reader().interfaces().at(p.interface_id).name;
    if (const decode::Layer* ip = p.find_top(decode::Proto::Ipv4)) {
      const decode::Ipv4View v{p.bytes_of(*ip)};
      t.ip_src = dotted(v.src());
      t.ip_dst = dotted(v.dst());
    }
    out.push_back(t);
  }
  return out;
}

bool open_and_wait(MainWindow& w, const std::string& path) {
  QSignalSpy loaded(&w, &MainWindow::captureLoaded);
  return w.openFile(QString::fromStdString(path)) && (loaded.count() > 0 || loaded.wait(30000));
}

QColor fill_of(LabTopologyView& view, const QString& host) {
  // A point inside the box, clear of its text and rounded corners (grabbed first: grabbing
  // lays the dock out, which may resize the view).
  const QImage image = view.grab().toImage();
  const QRectF r = view.hostRect(host);
  return image.pixelColor(QPoint(static_cast<int>(r.right() - 10), static_cast<int>(r.bottom() - 6)));
}

TEST(LabTopologyView, RoutedRunHighlightsEachHopOnItsSegment) {
  MainWindow w;
  w.setQuiet(true);
  const std::string path = lab_capture("routed");
  const std::vector<Truth> truth = truth_of(path);
  ASSERT_GE(truth.size(), 4u);
  ASSERT_TRUE(open_and_wait(w, path)) << w.lastError().toStdString();
  ASSERT_EQ(w.packetModel()->rowCount(), static_cast<int>(truth.size()));
  EXPECT_FALSE(w.findChild<QDockWidget*>("lab")->isHidden()) << "a lab capture opens the topology dock";

  LabTopologyView* view = w.labTopology();
  const servers::LabTopology& lab = servers::lab_topology();
  for (std::size_t i = 0; i < truth.size(); ++i) {
    SCOPED_TRACE("frame " + std::to_string(i + 1) + " on " + truth[i].iface);
    w.selectPacket(i);
    const servers::LabInterface* iface = lab.interface(truth[i].iface);
    ASSERT_NE(iface, nullptr);
    const bool a_to_d = truth[i].ip_src == "198.18.0.1" && truth[i].ip_dst == "198.18.1.1";
    const bool d_to_a = truth[i].ip_src == "198.18.1.1" && truth[i].ip_dst == "198.18.0.1";
    ASSERT_TRUE(a_to_d || d_to_a) << truth[i].ip_src << " > " << truth[i].ip_dst;
    // Segment 1 is a <-> r, segment 2 is r <-> d; the IP direction says which way.
    const QString near = iface->segment == 0 ? "a" : "r", far = iface->segment == 0 ? "r" : "d";
    ASSERT_TRUE(view->hop());
    EXPECT_EQ(view->hop()->captured_on, iface) << "the pcapng interface of the frame";
    EXPECT_TRUE(view->caption().contains(QString::fromStdString("captured on " + truth[i].iface)));
    EXPECT_EQ(view->highlightedSegment(), iface->segment);
    EXPECT_EQ(view->senderHost(), a_to_d ? near : far);
    EXPECT_EQ(view->receiverHosts(), QStringList{a_to_d ? far : near});
  }
  // The same IP packet, before and after the router.
  w.selectPacket(0);
  EXPECT_TRUE(view->caption().contains("a → r on segment 1")) << view->caption().toStdString();
  w.selectPacket(1);
  EXPECT_TRUE(view->caption().contains("r → d on segment 2")) << view->caption().toStdString();
  EXPECT_TRUE(view->caption().contains("IP a → d, forwarded by r")) << view->caption().toStdString();

  // What is drawn: r's box in the sender's colour, d's in the receiver's, a's plain.
  view->resize(1000, 400);
  EXPECT_EQ(fill_of(*view, "r"), QColor(0xff, 0xe0, 0xb2));
  EXPECT_EQ(fill_of(*view, "d"), QColor(0xbb, 0xde, 0xfb));
  EXPECT_EQ(fill_of(*view, "a"), QColor(0xf5, 0xf5, 0xf5));
}

TEST(LabTopologyView, ArpWhoHasHighlightsTheWholeSegment) {
  MainWindow w;
  w.setQuiet(true);
  ASSERT_TRUE(open_and_wait(w, lab_capture("arp"))) << w.lastError().toStdString();
  LabTopologyView* view = w.labTopology();
  w.selectPacket(0);  // who-has 198.18.0.2, tell 198.18.0.1
  ASSERT_TRUE(view->hop());
  EXPECT_TRUE(view->hop()->hop.broadcast);
  EXPECT_EQ(view->senderHost(), "a");
  EXPECT_EQ(view->receiverHosts(), (QStringList{"b", "c", "r"})) << "every other interface of segment 1";
  EXPECT_EQ(view->highlightedSegment(), 0);
  EXPECT_TRUE(view->caption().contains("ARP who-has 198.18.0.2")) << view->caption().toStdString();
  view->resize(1000, 400);
  for (const char* host : {"b", "c", "r"}) EXPECT_EQ(fill_of(*view, host), QColor(0xbb, 0xde, 0xfb)) << host;
  EXPECT_EQ(fill_of(*view, "d"), QColor(0xf5, 0xf5, 0xf5)) << "d is behind the router: no broadcast reaches it";

  w.selectPacket(1);  // the is-at comes back to a alone
  EXPECT_FALSE(view->hop()->hop.broadcast);
  EXPECT_EQ(view->senderHost(), "b");
  EXPECT_EQ(view->receiverHosts(), QStringList{"a"});
}

TEST(LabTopologyView, GratuitousArpFromAMovedMacIsStillA) {
  MainWindow w;
  w.setQuiet(true);
  ASSERT_TRUE(open_and_wait(w, lab_capture("gratuitous-arp"))) << w.lastError().toStdString();
  LabTopologyView* view = w.labTopology();
  w.selectPacket(4);  // a, on its new MAC, announces it
  ASSERT_TRUE(view->hop());
  EXPECT_EQ(view->senderHost(), "a");
  EXPECT_EQ(view->receiverHosts(), (QStringList{"b", "c", "r"}));
  EXPECT_TRUE(view->caption().contains("gratuitous ARP")) << view->caption().toStdString();
}

TEST(LabTopologyView, OtherCapturesSayNotALabFrame) {
  MainWindow w;
  w.setQuiet(true);
  ASSERT_TRUE(open_and_wait(w, test::corpus_pcap("802.1ad_QinQ.pcap"))) << w.lastError().toStdString();
  EXPECT_TRUE(w.findChild<QDockWidget*>("lab")->isHidden()) << "no lab frame: the dock stays closed";
  w.showDock("lab");
  w.selectPacket(0);
  LabTopologyView* view = w.labTopology();
  EXPECT_FALSE(view->hop());
  EXPECT_TRUE(view->caption().contains("not a lab frame")) << view->caption().toStdString();
  EXPECT_TRUE(view->senderHost().isEmpty());
  EXPECT_EQ(view->highlightedSegment(), -1);
  view->resize(1000, 400);
  EXPECT_EQ(fill_of(*view, "a"), QColor(0xf5, 0xf5, 0xf5));
}

}  // namespace
}  // namespace wirelab::gui
