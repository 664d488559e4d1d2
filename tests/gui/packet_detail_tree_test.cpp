// The detail tree shows the fields tshark shows, with tshark's values, and links nodes to
// their bytes both ways (node -> highlighted bytes, clicked byte -> node).
#include "gui/packet_detail_tree.hpp"

#include "gui/bytes_pane.hpp"
#include "gui/main_window.hpp"
#include "gui_test_support.hpp"

namespace wirelab::gui {
namespace {

// Every occurrence of a field in the tree, comma-joined like `tshark -T fields`.
std::string tree_value(const PacketDetailTree& tree, const std::string& name, const std::string& label) {
  std::string out;
  for (QTreeWidgetItemIterator it(const_cast<PacketDetailTree*>(&tree)); *it; ++it) {
    if ((*it)->data(0, PacketDetailTree::kFieldRole).toString().toStdString() != name) continue;
    std::string text = (*it)->text(0).toStdString();
    if (!text.empty() && text.front() == '[') text = text.substr(1, text.size() - 2);
    const std::string prefix = label + ": ";
    if (!out.empty()) out += ',';
    out += text.substr(text.find(prefix) == 0 ? prefix.size() : 0);
  }
  return out;
}

TEST(PacketDetailTree, ShowsTheFieldsTsharkShows) {
  std::size_t compared = 0;
  for (const std::string name : {"sv__bug-6244-tcp-rst-with-data__tcp-rst-with-data.pcap",
                                 "sv__exception-policy-defrag-01__ipv4frags.pcap", "sv__decode-arp-2__arp.pcap",
                                 "icmp-cksum-oobr-1.pcap"}) {
    SCOPED_TRACE(name);
    PacketListModel model;
    ASSERT_TRUE(test::load_into(model, test::corpus_pcap(name)));
    const auto oracle = test::oracle_rows(name);
    ASSERT_EQ(static_cast<std::size_t>(model.rowCount()), oracle.size());
    PacketDetailTree tree;
    MaterializedPacket m;
    decode::FieldValues scratch;
    std::string cli;
    for (std::size_t row = 0; row < oracle.size(); ++row) {
      model.store().materialize(row, m);
      tree.showPacket(m);
      for (const auto& [field, tshark] : oracle[row]) {
        const decode::FieldDef* def = decode::FieldRegistry::instance().find(field);
        if (!def || field.starts_with("_ws")) continue;
        cli.clear();
        decode::format_field(*def, m.context(), scratch, cli);
        const std::string shown = tree_value(tree, field, std::string(def->label));
        // The tree shows exactly what the CLI prints for each of tshark's fields (how the
        // CLI's values compare with tshark's is the oracle test's business).
        EXPECT_EQ(shown, cli) << "frame " << row + 1 << " field " << field;
        if (!tshark.empty() && !shown.empty()) ++compared;
      }
    }
  }
  EXPECT_GT(compared, 100u);
}

// The first packet of a corpus capture, shown in a detail tree.
struct FirstPacket {
  explicit FirstPacket(const std::string& name) {
    loaded = test::load_into(model, test::corpus_pcap(name)) != nullptr;
    if (!loaded) return;
    model.store().materialize(0, m);
    tree.showPacket(m);
  }
  PacketListModel model;
  PacketDetailTree tree;
  MaterializedPacket m;
  bool loaded = false;
};

TEST(PacketDetailTree, LayersAreNamedAndFieldsCarryWiresharkNames) {
  FirstPacket first("sv__bug-6244-tcp-rst-with-data__tcp-rst-with-data.pcap");
  ASSERT_TRUE(first.loaded);
  const PacketDetailTree& tree = first.tree;
  QStringList tops;
  for (int i = 0; i < tree.topLevelItemCount(); ++i) tops << tree.topLevelItem(i)->text(0);
  ASSERT_GE(tops.size(), 4);
  EXPECT_TRUE(tops[0].startsWith("Frame 1: ")) << tops[0].toStdString();
  EXPECT_TRUE(tops[1].startsWith("Ethernet II, Src: ")) << tops[1].toStdString();
  const auto ip = std::find_if(tops.begin(), tops.end(), [](const QString& t) { return t.startsWith("Internet Protocol Version 4"); });
  ASSERT_NE(ip, tops.end());
  EXPECT_TRUE(ip->contains(", Src: 1.1.1.1, Dst: 2.2.2.2")) << ip->toStdString();
  EXPECT_TRUE(tops.back().startsWith("Transmission Control Protocol, Src Port: ")) << tops.back().toStdString();
  QTreeWidgetItem* syn = tree.findField("tcp.flags.syn");
  ASSERT_NE(syn, nullptr);
  EXPECT_TRUE(syn->toolTip(0).startsWith("tcp.flags.syn")) << syn->toolTip(0).toStdString();
  EXPECT_EQ(syn->parent()->data(0, PacketDetailTree::kFieldRole).toString(), "tcp.flags") << "flag bits sit under Flags";
}

TEST(PacketDetailTree, TruncatedPacketGetsARedProblemNodeAndKeepsItsLayers) {
  FirstPacket first("sv__ipv4-truncated__truncated.pcap");
  ASSERT_TRUE(first.loaded);
  const PacketDetailTree& tree = first.tree;
  const MaterializedPacket& m = first.m;
  ASSERT_TRUE(m.packet.problem.has_value());
  QTreeWidgetItem* bad = tree.findField("_ws.malformed");
  ASSERT_NE(bad, nullptr);
  EXPECT_EQ(bad->background(0).color(), QColor(0xc0, 0x10, 0x10));
  EXPECT_TRUE(bad->toolTip(0).contains(QString::number(m.packet.problem->offset))) << bad->toolTip(0).toStdString();
  EXPECT_NE(tree.findField("eth"), nullptr);
  EXPECT_NE(tree.findField("eth.src"), nullptr);
}

TEST(MainWindow, FieldAndBytesSelectEachOther) {
  MainWindow w;
  w.setQuiet(true);
  QSignalSpy loaded(&w, &MainWindow::captureLoaded);
  ASSERT_TRUE(w.openFile(QString::fromStdString(test::corpus_pcap("sv__bug-6244-tcp-rst-with-data__tcp-rst-with-data.pcap"))));
  ASSERT_TRUE(loaded.wait(30000));
  ASSERT_GT(w.packetModel()->rowCount(), 0);
  w.selectPacket(0);
  PacketDetailTree* tree = w.detailTree();
  QTreeWidgetItem* port = tree->findField("tcp.dstport");
  ASSERT_NE(port, nullptr);
  tree->setCurrentItem(port);
  HexView* hex = w.bytesPane()->view(0);
  EXPECT_EQ(hex->highlightOffset(), port->data(0, PacketDetailTree::kOffsetRole).toLongLong());
  EXPECT_EQ(hex->highlightLength(), 2);
  // Clicking the first byte of the source port selects the source port node.
  QTreeWidgetItem* src = tree->findField("tcp.srcport");
  ASSERT_NE(src, nullptr);
  emit hex->byteClicked(src->data(0, PacketDetailTree::kOffsetRole).toLongLong());
  EXPECT_EQ(tree->currentItem(), src);
  // Selecting another packet shows its bytes.
  w.selectPacket(1);
  EXPECT_TRUE(tree->topLevelItem(0)->text(0).startsWith("Frame 2: "));
}

TEST(MainWindow, UnreadableFileSaysWhatAndWhere) {
  MainWindow w;
  w.setQuiet(true);
  const QString path = QString::fromStdString(test::corpus_pcap("pcap-invalid-version-1.pcap"));
  EXPECT_FALSE(w.openFile(path));
  EXPECT_TRUE(w.lastError().contains(path)) << w.lastError().toStdString();
  EXPECT_TRUE(w.lastError().contains("byte")) << w.lastError().toStdString();
}

}  // namespace
}  // namespace wirelab::gui
