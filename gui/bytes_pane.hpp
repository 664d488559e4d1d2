// The bytes pane: the frame's hex dump, plus a second tab for a reassembled IPv4 datagram
// when the packet has one (as Wireshark shows "Frame" and "Reassembled" tabs).
#pragma once
#include <QTabWidget>

#include "gui/hex_view.hpp"
#include "gui/packet_detail_tree.hpp"

namespace wirelab::gui {

class BytesPane : public QTabWidget {
  Q_OBJECT
 public:
  explicit BytesPane(QWidget* parent = nullptr);

  void showPacket(const decode::Packet& p);
  void clearPacket();
  void highlight(ByteRange field, ByteRange layer);
  HexView* view(int source) const { return source == 1 ? reassembled_ : frame_; }

 signals:
  void byteClicked(int source, qsizetype offset);

 private:
  HexView* frame_;
  HexView* reassembled_;
};

}  // namespace wirelab::gui
