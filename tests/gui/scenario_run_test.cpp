// The launcher's path end to end: a real scenario (echo over epoll-lt, three clients) runs on
// loopback with live capture; its packets fill the list and its journal drives the server view.
#include <QSignalSpy>
#include <QTest>
#include <QTemporaryDir>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "gui/conversation_model.hpp"
#include "gui/main_window.hpp"
#include "gui/timeline_panel.hpp"
#include "gui/packet_list_model.hpp"
#include "gui/server_model_panel.hpp"

namespace wirelab::gui {
namespace {

TEST(ScenarioRun, EchoOverEpollShowsItsPacketsAndServer) {
  MainWindow w;
  w.setQuiet(true);
  QSignalSpy loaded(&w, &MainWindow::captureLoaded);
  servers::ScenarioOptions options;
  options.model = "epoll-lt";
  options.clients = 3;
  w.runScenario("echo", options);
  ASSERT_TRUE(loaded.wait(60000));
  const auto& run = w.capture();
  ASSERT_TRUE(run);
  if (!run->source && run->note.find("permission") != std::string::npos) GTEST_SKIP() << run->note;
  ASSERT_TRUE(run->source) << run->note;
  // Three connections: at least a handshake and a teardown each, all on loopback.
  EXPECT_GE(w.packetModel()->rowCount(), 3 * 7);
  EXPECT_EQ(w.packetModel()->data(w.packetModel()->index(0, PacketListModel::kSource), Qt::DisplayRole).toString(),
            "127.0.0.1");
  EXPECT_FALSE(run->events.empty());
  // The conversations table shows three connections, each ending SF (opened and closed cleanly).
  ConversationModel* conv = w.conversations();
  int sf = 0;
  for (int r = 0; r < conv->rowCount(); ++r)
    if (conv->data(conv->index(r, ConversationModel::kProto), Qt::DisplayRole).toString() == "TCP" &&
        conv->data(conv->index(r, ConversationModel::kConnState), Qt::DisplayRole).toString() == "SF")
      ++sf;
  EXPECT_EQ(sf, 3);
  // The run opens on the timeline of every connection, each with its socket calls.
  const TimelineRenderer& timeline = w.timeline()->view()->renderer();
  EXPECT_EQ(timeline.diagrams().size(), 3u);
  EXPECT_FALSE(timeline.events().empty());
  ServerModelView* view = w.serverModel()->view();
  EXPECT_EQ(view->model(), "epoll-lt");
  const ServerSnapshot end = replay_server(view->events(), view->lastTime());
  EXPECT_EQ(end.accepted_peers.size(), 3u) << "the server accepted each client";
  // At the busiest moment the event loop holds the listener and the clients' connections.
  const ServerSnapshot busy = replay_server(view->events(), view->busiestTime());
  EXPECT_GE(busy.sockets.size(), 2u);
  EXPECT_TRUE(busy.sockets.front().listening);
  EXPECT_FALSE(busy.wakeup.empty()) << "epoll_wait wake-ups are journaled";

  // Saved as pcapng and opened again: the same packets and the same socket calls.
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString saved = dir.filePath("echo.pcapng");
  const int rows = w.packetModel()->rowCount();
  const std::size_t events = run->events.size();
  ASSERT_TRUE(w.saveAs(saved)) << w.lastError().toStdString();
  ASSERT_TRUE(w.openFile(saved));
  ASSERT_TRUE(loaded.wait(30000));
  EXPECT_EQ(w.packetModel()->rowCount(), rows);
  EXPECT_EQ(w.capture()->events.size(), events);
}

}  // namespace
}  // namespace wirelab::gui

namespace wirelab::gui {
namespace {

// A UDP socket on loopback that sends to a port nobody listens on.
class UdpSender {
 public:
  UdpSender() : fd_(::socket(AF_INET, SOCK_DGRAM, 0)) {}
  ~UdpSender() { ::close(fd_); }
  UdpSender(const UdpSender&) = delete;
  UdpSender& operator=(const UdpSender&) = delete;
  // A port the kernel just handed out and that is free again.
  static std::uint16_t unusedPort() {
    const int s = ::socket(AF_INET, SOCK_DGRAM, 0);
    sockaddr_in a = loopback(0);
    ::bind(s, reinterpret_cast<const sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(s);
    return ntohs(a.sin_port);
  }
  void send(std::uint16_t port) const {
    const sockaddr_in a = loopback(port);
    ::sendto(fd_, "wirelab", 7, 0, reinterpret_cast<const sockaddr*>(&a), sizeof a);
  }

 private:
  static sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
  }
  int fd_;
};

// Live capture on loopback with a BPF filter: our own bounded burst of UDP datagrams to a
// port nobody listens on (the kernel answers with ICMP port unreachable) shows up as rows.
TEST(LiveCapture, LoopbackPacketsAppearUntilStopped) {
  MainWindow w;
  w.setQuiet(true);
  QSignalSpy loaded(&w, &MainWindow::captureLoaded);
  const UdpSender sender;
  const std::uint16_t port = UdpSender::unusedPort();
  if (!w.startLiveCapture("lo", QStringLiteral("udp port %1 or icmp").arg(port))) {
    if (w.lastError().contains("permission", Qt::CaseInsensitive)) GTEST_SKIP() << w.lastError().toStdString();
    FAIL() << w.lastError().toStdString();
  }
  for (int i = 0; i < 5; ++i) sender.send(port);
  QTest::qWait(400);
  w.stopLiveCapture();
  ASSERT_TRUE(loaded.wait(10000));
  EXPECT_GE(w.packetModel()->rowCount(), 5);
  EXPECT_EQ(w.packetModel()->data(w.packetModel()->index(0, PacketListModel::kProtocol), Qt::DisplayRole).toString(), "UDP");
  EXPECT_NE(w.capture()->note.find("dropped"), std::string::npos) << "the drop counters are reported: " << w.capture()->note;
}

}  // namespace
}  // namespace wirelab::gui
