// The packet list model: rows for corpus captures match tshark's, and the model stays
// consistent (QAbstractItemModelTester, Fatal) while rows are appended, filtered and reset.
#include "gui/packet_list_model.hpp"

#include <QAbstractItemModelTester>

#include <filesystem>
#include <fstream>

#include "capture/packet_stream.hpp"
#include "decode/summary.hpp"
#include "gui_test_support.hpp"

namespace wirelab::gui {
namespace {

using test::corpus_pcap;
using test::oracle_rows;

QString cell(const PacketListModel& m, int row, int col) { return m.data(m.index(row, col), Qt::DisplayRole).toString(); }

// Reads a capture into batches of `per_batch` packets with the same builder the loader uses.
std::vector<std::shared_ptr<PacketBatch>> batches_of(std::shared_ptr<capture::PacketStream> stream, std::size_t per_batch) {
  std::vector<std::shared_ptr<PacketBatch>> out;
  PacketBatchBuilder builder;
  const auto take = [&] {
    auto b = std::make_shared<PacketBatch>(builder.take());
    b->owner = stream;
    out.push_back(std::move(b));
  };
  while (stream->next()) {
    builder.add(stream->packet(), stream->annotations());
    if (builder.size() == per_batch) take();
  }
  if (builder.size()) take();
  return out;
}

TEST(PacketListModel, RowsOfACorpusCaptureMatchTshark) {
  for (const std::string name : {"sv__bug-6244-tcp-rst-with-data__tcp-rst-with-data.pcap", "sv__tcp-split-handshake-01-4whs__split-handshake-4whs.pcap",
                                 "sv__exception-policy-defrag-01__ipv4frags.pcap"}) {
    SCOPED_TRACE(name);
    PacketListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    auto loaded = test::load_into(model, corpus_pcap(name));
    ASSERT_TRUE(loaded);
    const auto oracle = oracle_rows(name);
    ASSERT_EQ(model.rowCount(), static_cast<int>(oracle.size()));
    ASSERT_EQ(model.columnCount(), 7);
    EXPECT_EQ(model.headerData(PacketListModel::kInfo, Qt::Horizontal, Qt::DisplayRole).toString(), "Info");
    for (int r = 0; r < model.rowCount(); ++r) {
      const auto& o = oracle[static_cast<std::size_t>(r)];
      EXPECT_EQ(cell(model, r, PacketListModel::kNumber).toStdString(), o.at("frame.number"));
      EXPECT_EQ(cell(model, r, PacketListModel::kLength).toStdString(), o.at("frame.len"));
      if (!o.at("ip.src").empty()) {
        EXPECT_EQ(cell(model, r, PacketListModel::kSource).toStdString(), o.at("ip.src"));
        EXPECT_EQ(cell(model, r, PacketListModel::kDestination).toStdString(), o.at("ip.dst"));
      }
    }
    EXPECT_EQ(cell(model, 0, PacketListModel::kTime), "0.000000");
  }
}

TEST(PacketListModel, RowTextIsTheLineTheCliPrints) {
  const std::string path = corpus_pcap("sv__tcp-split-handshake-01-4whs__split-handshake-4whs.pcap");
  PacketListModel model;
  ASSERT_TRUE(test::load_into(model, path));
  std::string cli;
  ASSERT_EQ(test::run_command(std::string(WIRELAB_CLI_PATH) + " -r '" + path + "'", cli), 0);
  const auto lines = test::split(cli, '\n');
  for (int r = 0; r < model.rowCount(); ++r) {
    const std::string& line = lines[static_cast<std::size_t>(r)];
    for (int c : {PacketListModel::kSource, PacketListModel::kDestination, PacketListModel::kProtocol, PacketListModel::kInfo})
      EXPECT_NE(line.find(cell(model, r, c).toStdString()), std::string::npos) << line << " lacks column " << c;
  }
  // Resets and SYN/FIN rows are coloured apart from plain TCP rows.
  const auto rst_row = [&] {
    for (int r = 0; r < model.rowCount(); ++r)
      if (cell(model, r, PacketListModel::kInfo).contains("RST")) return r;
    return -1;
  }();
  ASSERT_GE(rst_row, 0);
  const auto bg = [&](int r) { return model.data(model.index(r, 0), Qt::BackgroundRole).value<QBrush>().color(); };
  EXPECT_NE(bg(rst_row), bg(0));
  EXPECT_EQ(bg(rst_row), row_colors(RowClass::Tcp, row_mark::kRst).background);
}

TEST(PacketListModel, StaysConsistentWhileAppendedFilteredAndReset) {
  auto stream = capture::PacketStream::open(corpus_pcap("tftp_oack.pcap"));
  ASSERT_TRUE(stream);
  auto batches = batches_of(std::make_shared<capture::PacketStream>(std::move(*stream)), 2);
  ASSERT_GE(batches.size(), 3u);
  std::size_t total = 0;
  for (const auto& b : batches) total += b->size();

  PacketListModel model;
  QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
  // Two batches queued before one flush: one insert covering both.
  int inserts = 0;
  const auto watch = QObject::connect(&model, &QAbstractItemModel::rowsInserted, [&](const QModelIndex&, int first, int last) {
    ++inserts;
    EXPECT_EQ(first, 0);
    EXPECT_EQ(last, static_cast<int>(batches[0]->size() + batches[1]->size()) - 1);
  });
  model.appendBatch(batches[0]);
  model.appendBatch(batches[1]);
  EXPECT_EQ(model.rowCount(), 0) << "rows appear at the flush, not at append";
  QCoreApplication::processEvents();
  EXPECT_EQ(inserts, 1);
  QObject::disconnect(watch);

  // Filter to odd frame numbers, then keep appending: new rows are filtered too.
  model.setRowFilter([](const PacketStore&, std::size_t i) { return i % 2 == 0; });
  for (std::size_t i = 2; i < batches.size(); ++i) model.appendBatch(batches[i]);
  model.flush();
  EXPECT_EQ(model.rowCount(), static_cast<int>((total + 1) / 2));
  EXPECT_EQ(cell(model, 1, PacketListModel::kNumber), "3");
  EXPECT_EQ(model.rowOfPacket(2), 1);
  EXPECT_EQ(model.rowOfPacket(1), -1);
  model.clearRowFilter();
  EXPECT_EQ(model.rowCount(), static_cast<int>(total));
  model.clear();
  EXPECT_EQ(model.rowCount(), 0);
}

TEST(PacketListModel, EveryCorpusRowReadsAsTheStreamDecodedIt) {
  // The store rebuilds rows from the bytes alone, keeping layers only where decoding needed
  // earlier frames (TFTP on a port learned from the request, reassembled IPv4). Every row of
  // every corpus capture must still read exactly as the one-pass stream (and so the CLI) saw it.
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::corpus_dir() / "pcaps")) {
    const std::string path = entry.path().string();
    SCOPED_TRACE(path);
    auto stream = capture::PacketStream::open(path);
    if (!stream) continue;  // unreadable file headers: the loader test covers those
    PacketListModel model;
    if (!test::load_into(model, path)) continue;
    ++files;
    int row = 0;
    while (stream->next()) {
      const decode::PacketSummary s = decode::summarize(stream->context());
      ASSERT_LT(row, model.rowCount());
      EXPECT_EQ(cell(model, row, PacketListModel::kSource).toStdString(), s.src) << "row " << row;
      EXPECT_EQ(cell(model, row, PacketListModel::kDestination).toStdString(), s.dst) << "row " << row;
      EXPECT_EQ(cell(model, row, PacketListModel::kProtocol).toStdString(), s.protocol) << "row " << row;
      EXPECT_EQ(cell(model, row, PacketListModel::kInfo).toStdString(), s.info) << "row " << row;
      ++row;
    }
    EXPECT_EQ(row, model.rowCount());
  }
  EXPECT_GT(files, 90u);
}

TEST(PacketListModel, DamagedFileKeepsEveryPacketBeforeTheDamage) {
  const std::filesystem::path src = corpus_pcap("tftp_oack.pcap");
  const auto dir = std::filesystem::temp_directory_path() / "wirelab_gui_damaged";
  std::filesystem::create_directories(dir);
  const auto cut = dir / "cut.pcap";
  const auto size = std::filesystem::file_size(src);
  {
    std::ifstream in(src, std::ios::binary);
    std::string bytes(size - 20, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::ofstream(cut, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  PacketListModel model;
  auto loaded = test::load_into(model, cut.string());
  ASSERT_TRUE(loaded);
  ASSERT_TRUE(loaded->error.has_value());
  EXPECT_EQ(model.rowCount(), static_cast<int>(oracle_rows("tftp_oack.pcap").size()) - 1);
  EXPECT_EQ(loaded->error->packets_before, static_cast<std::uint64_t>(model.rowCount()));
  EXPECT_NE(loaded->error->message().find("byte"), std::string::npos) << loaded->error->message();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace wirelab::gui
