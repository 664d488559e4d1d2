// ARP exchanges in the conversations table: one row per request, with who asked (IP and MAC),
// the IP asked for and the MAC that answered, the kind of request, the response time and the
// duplicate-address finding; unanswered and duplicate rows coloured like TCP's problem rows;
// selecting rows leaves exactly their request and reply frames in the packet list.
// The stored lab runs (tests/data/lab) and the corpus captures are judged against tshark.
#include <QAbstractItemModelTester>
#include <QBrush>
#include <QTableView>

#include <gtest/gtest.h>

#include <algorithm>

#include "gui/conversation_model.hpp"
#include "gui/main_window.hpp"
#include "gui/packet_list_model.hpp"
#include "gui_test_support.hpp"

namespace wirelab::gui {
namespace {

std::string lab_capture(const char* name) { return (test::source_dir() / "tests/data/lab" / name).string(); }

QString cell(const ConversationModel& m, int row, int column, int role = Qt::DisplayRole) {
  return m.data(m.index(row, column), role).toString();
}

// The rows of ARP exchanges, in exchange order.
std::vector<int> arp_rows(const ConversationModel& m) {
  std::vector<int> rows;
  for (int r = 0; r < m.rowCount(); ++r)
    if (cell(m, r, ConversationModel::kProto) == "ARP") rows.push_back(r);
  return rows;
}

// The frame numbers the packet list shows.
std::vector<std::uint64_t> visible_frames(MainWindow& w) {
  std::vector<std::uint64_t> out;
  for (int r = 0; r < w.packetModel()->rowCount(); ++r) out.push_back(w.packetModel()->packetIndex(r) + 1);
  return out;
}

QColor background(const ConversationModel& m, int row) {
  const QVariant v = m.data(m.index(row, ConversationModel::kProto), Qt::BackgroundRole);
  return v.isValid() ? v.value<QBrush>().color() : QColor();
}

TEST(ArpConversations, TheArpLabRunShowsBothAnsweredRequestsAndSelectingOneShowsItsTwoFrames) {
  // tshark -r arp.pcapng -Y arp: requests 1 and 5 from 198.18.0.1 (02:77:6c:00:00:01) for
  // 198.18.0.2, replies 2 and 6 from 02:77:6c:00:00:02, 53.629 µs and 21.432 µs later.
  auto w = test::open_in_window(lab_capture("arp.pcapng"));
  ConversationModel* conv = w->conversations();
  QAbstractItemModelTester tester(conv, QAbstractItemModelTester::FailureReportingMode::Fatal);
  const std::vector<int> rows = arp_rows(*conv);
  ASSERT_EQ(rows.size(), 2u);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(i);
    const int r = rows[i];
    EXPECT_EQ(conv->rowOf(ConversationModel::Kind::Arp, static_cast<std::int64_t>(i)), r);
    EXPECT_EQ(cell(*conv, r, ConversationModel::kStream), QString::number(i));
    EXPECT_EQ(cell(*conv, r, ConversationModel::kClient), "198.18.0.1 (02:77:6c:00:00:01)");
    EXPECT_EQ(cell(*conv, r, ConversationModel::kServer), "198.18.0.2 (02:77:6c:00:00:02)");
    EXPECT_EQ(cell(*conv, r, ConversationModel::kPackets), "1 / 1");
    EXPECT_EQ(cell(*conv, r, ConversationModel::kHandshake), "who-has / is-at");
    EXPECT_EQ(cell(*conv, r, ConversationModel::kConnState), "-");
    EXPECT_FALSE(background(*conv, r).isValid()) << "a plain answered request is not coloured";
  }
  EXPECT_EQ(cell(*conv, rows[0], ConversationModel::kRtt), "0.054 ms");
  EXPECT_EQ(cell(*conv, rows[1], ConversationModel::kRtt), "0.021 ms");
  EXPECT_TRUE(cell(*conv, rows[0], ConversationModel::kRtt, Qt::ToolTipRole).contains("53.629 µs"));

  const int all = w->packetModel()->rowCount();
  w->selectConversations({rows[0]});
  EXPECT_EQ(visible_frames(*w), (std::vector<std::uint64_t>{1, 2}));
  w->selectConversations({rows[1]});
  EXPECT_EQ(visible_frames(*w), (std::vector<std::uint64_t>{5, 6}));
  w->selectConversations(rows);
  EXPECT_EQ(visible_frames(*w), (std::vector<std::uint64_t>{1, 2, 5, 6}));
  w->conversationView()->clearSelection();
  EXPECT_EQ(w->packetModel()->rowCount(), all);
}

TEST(ArpConversations, UnansweredAndDuplicateRowsOfTheGratuitousArpLabRunStandOut) {
  // tshark -r gratuitous-arp.pcapng -Y arp: 198.18.0.2 asks for 198.18.0.1 twice (frames 1, 2),
  // frame 3 answers; 02:77:6c:00:01:01 announces 198.18.0.1 (frames 5, 6; tshark's
  // arp.duplicate-address-frame 3); the owner 02:77:6c:00:00:01 announces it back (8, 9).
  auto w = test::open_in_window(lab_capture("gratuitous-arp.pcapng"));
  ConversationModel* conv = w->conversations();
  QAbstractItemModelTester tester(conv, QAbstractItemModelTester::FailureReportingMode::Fatal);
  const std::vector<int> rows = arp_rows(*conv);
  ASSERT_EQ(rows.size(), 6u);
  const auto col = [&](std::size_t i, int column) { return cell(*conv, rows[i], column); };

  // The request the reply did not answer (the newer one got it).
  EXPECT_EQ(col(0, ConversationModel::kClient), "198.18.0.2 (02:77:6c:00:00:02)");
  EXPECT_EQ(col(0, ConversationModel::kServer), "198.18.0.1");
  EXPECT_EQ(col(0, ConversationModel::kPackets), "1 / 0");
  EXPECT_EQ(col(0, ConversationModel::kHandshake), "unanswered");
  EXPECT_EQ(col(0, ConversationModel::kRtt), "-");
  EXPECT_EQ(col(1, ConversationModel::kServer), "198.18.0.1 (02:77:6c:00:00:01)");
  EXPECT_EQ(col(1, ConversationModel::kPackets), "1 / 1");
  EXPECT_EQ(col(1, ConversationModel::kHandshake), "who-has / is-at");
  EXPECT_EQ(col(1, ConversationModel::kRtt), "0.022 ms");
  // Announcements: no answer expected, so not "unanswered"; the intruder's are duplicates.
  for (std::size_t i = 2; i < 6; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(col(i, ConversationModel::kHandshake), "announcement");
    EXPECT_EQ(col(i, ConversationModel::kPackets), "1 / 0");
    EXPECT_EQ(col(i, ConversationModel::kRtt), "-");
    EXPECT_EQ(col(i, ConversationModel::kConnState), i < 4 ? "duplicate IP" : "-");
  }
  EXPECT_EQ(col(2, ConversationModel::kClient), "198.18.0.1 (02:77:6c:00:01:01)");
  EXPECT_EQ(col(4, ConversationModel::kClient), "198.18.0.1 (02:77:6c:00:00:01)");
  const QString why = cell(*conv, rows[2], ConversationModel::kConnState, Qt::ToolTipRole);
  EXPECT_TRUE(why.contains("02:77:6c:00:01:01") && why.contains("02:77:6c:00:00:01") && why.contains("frame 3"))
      << why.toStdString();

  // Colours: the unanswered request like an unanswered TCP handshake, the duplicates like a
  // reset; the answered request and the owner's announcements plain.
  EXPECT_EQ(background(*conv, rows[0]), QColor(0xff, 0xf3, 0xc4));
  EXPECT_EQ(background(*conv, rows[2]), QColor(0xff, 0xcd, 0xd2));
  EXPECT_EQ(background(*conv, rows[3]), QColor(0xff, 0xcd, 0xd2));
  for (const std::size_t i : {1u, 4u, 5u}) EXPECT_FALSE(background(*conv, rows[i]).isValid()) << i;

  // Selecting an unanswered request leaves its one frame; an answered one, request and reply.
  w->selectConversations({rows[0]});
  EXPECT_EQ(visible_frames(*w), (std::vector<std::uint64_t>{1}));
  w->selectConversations({rows[1]});
  EXPECT_EQ(visible_frames(*w), (std::vector<std::uint64_t>{2, 3}));
  w->selectConversations({rows[2], rows[3]});
  EXPECT_EQ(visible_frames(*w), (std::vector<std::uint64_t>{5, 6}));
}

TEST(ArpConversations, CorpusCapturesHaveARowPerRequestTsharkShowsWithItsAddresses) {
  for (const std::string name : {"sv__decode-arp-2__arp.pcap", "sv__arp__detect-arp-03-vlan__input.pcap"}) {
    SCOPED_TRACE(name);
    std::vector<std::map<std::string, std::string>> requests, replies;
    for (auto& r : test::oracle_rows(name)) (r["arp.opcode"] == "1" ? requests : replies).push_back(r);
    ASSERT_FALSE(requests.empty());
    auto w = test::open_in_window(test::corpus_pcap(name));
    ConversationModel* conv = w->conversations();
    const std::vector<int> rows = arp_rows(*conv);
    ASSERT_EQ(rows.size(), requests.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      SCOPED_TRACE(i);
      const int r = rows[i];
      const QString requester = QString::fromStdString(requests[i]["arp.src.proto_ipv4"]);
      const QString asked = QString::fromStdString(requests[i]["arp.dst.proto_ipv4"]);
      EXPECT_TRUE(cell(*conv, r, ConversationModel::kClient).startsWith(requester + " ("));
      EXPECT_TRUE(cell(*conv, r, ConversationModel::kServer).startsWith(asked));
      // A reply from the asked IP to the requester makes the row answered, with an RTT.
      const bool answered = std::any_of(replies.begin(), replies.end(), [&](auto& p) {
        return p["arp.opcode"] == "2" && p["arp.src.proto_ipv4"] == requests[i]["arp.dst.proto_ipv4"] &&
               p["arp.dst.proto_ipv4"] == requests[i]["arp.src.proto_ipv4"];
      });
      EXPECT_EQ(cell(*conv, r, ConversationModel::kPackets), answered ? "1 / 1" : "1 / 0");
      EXPECT_EQ(cell(*conv, r, ConversationModel::kRtt).endsWith(" ms"), answered);
      EXPECT_EQ(cell(*conv, r, ConversationModel::kHandshake), answered ? "who-has / is-at" : "unanswered");
      // Its frames, and no others, are left in the packet list.
      w->selectConversations({r});
      const std::uint64_t request = std::stoull(requests[i]["frame.number"]);
      const std::vector<std::uint64_t> frames = visible_frames(*w);
      ASSERT_EQ(frames.size(), answered ? 2u : 1u);
      EXPECT_EQ(frames.front(), request);
    }
  }
}

}  // namespace
}  // namespace wirelab::gui
