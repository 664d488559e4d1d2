// The packet list: a virtual table over a PacketStore.
//
// Rows are appended in batches: appendBatch() only queues, and one QTimer::singleShot(0)
// flush per event-loop turn inserts everything queued with a single beginInsertRows(first,
// last). Display strings are built in data() for the rows a view asks for, from summarize()
// (the same line the CLI prints), and kept in a small cache, so a million rows cost their
// 32-byte records and nothing per row in Qt.
//
// A row filter (a conversation, later a display filter) keeps a list of the packets shown.
#pragma once
#include <QAbstractTableModel>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "gui/packet_store.hpp"

namespace wirelab::gui {

class PacketListModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { kNumber, kTime, kSource, kDestination, kProtocol, kLength, kInfo, kColumnCount };
  // Decides whether packet `index` of the store is shown.
  using RowFilter = std::function<bool(const PacketStore& store, std::size_t index)>;

  explicit PacketListModel(QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

  // Queues a batch; rows appear at the next flush (one event-loop turn later).
  void appendBatch(std::shared_ptr<PacketBatch> batch);
  // Inserts everything queued now (the queued flush calls this; tests may too).
  void flush();
  // Drops every packet (model reset).
  void clear();

  void setRowFilter(RowFilter filter);
  void clearRowFilter();
  bool filtered() const { return visible_.has_value(); }

  const PacketStore& store() const { return store_; }
  // The store index of a view row, and back (-1 when the packet is filtered out).
  std::size_t packetIndex(int row) const;
  int rowOfPacket(std::size_t index) const;
  std::size_t queuedPackets() const { return queued_packets_; }

 signals:
  void rowsFlushed(int total);

 private:
  struct RowText {
    std::size_t index = static_cast<std::size_t>(-1);
    QString source, destination, protocol, info;
  };
  const RowText& text(std::size_t index) const;
  void scheduleFlush();

  PacketStore store_;
  std::vector<std::shared_ptr<PacketBatch>> queued_;
  std::size_t queued_packets_ = 0;
  bool flush_scheduled_ = false;
  RowFilter filter_;
  std::optional<std::vector<std::uint32_t>> visible_;  // store indices shown, when filtered

  // Direct-mapped cache of row text: the rows on screen are contiguous, so they never collide.
  static constexpr std::size_t kCacheSlots = 4096;
  mutable std::vector<RowText> cache_;
  mutable MaterializedPacket scratch_;
};

}  // namespace wirelab::gui
