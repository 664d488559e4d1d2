// The detail tree: one node per layer, one child per field value, straight from the field
// registry (labels and values as the CLI prints them, Wireshark's field name in the tooltip),
// and a red node for the packet's DecodeError. Each node knows its bytes, for the hex view.
#pragma once
#include <QSet>
#include <QTreeWidget>

#include "gui/packet_store.hpp"

namespace wirelab::gui {

struct ByteRange {
  int source = 0;  // 0: frame bytes, 1: reassembled datagram
  qsizetype offset = 0;
  qsizetype length = 0;
};

class PacketDetailTree : public QTreeWidget {
  Q_OBJECT
 public:
  enum Role { kSourceRole = Qt::UserRole, kOffsetRole, kLengthRole, kFieldRole, kLayerOffsetRole, kLayerLengthRole };

  explicit PacketDetailTree(QWidget* parent = nullptr);

  void showPacket(const MaterializedPacket& m);
  void clearPacket();
  // Selects the narrowest node whose bytes contain `offset` in `source`.
  bool selectByte(int source, qsizetype offset);
  // The node of a field (by Wireshark name), first occurrence; nullptr if absent.
  QTreeWidgetItem* findField(const QString& name) const;

 signals:
  // The selected node's bytes and its layer's bytes (for the lighter highlight).
  void rangeSelected(ByteRange field, ByteRange layer);

 private:
  void onCurrentChanged(QTreeWidgetItem* current);
  QSet<QString> expanded_;  // protocols the user keeps open, kept across packets
};

}  // namespace wirelab::gui
