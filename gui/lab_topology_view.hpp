// The lab network drawn (servers/lab_topology.hpp): hosts a, b, c on segment 1, router r with
// one interface on each segment, host d on segment 2; each box with the host's interface
// name, IPv4 address and MAC, each segment a bus labelled with its subnet and bridge.
//
// showPacket() highlights the hop of the selected frame (servers::lab_hop_of()): the sender's
// box, the receiver's (every other host of the segment for a broadcast), the segment, and an
// arrow along it. Frames of no lab interface leave the drawing plain and say so.
#pragma once
#include <QRectF>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <string_view>

#include "decode/packet.hpp"
#include "servers/lab_packet_hop.hpp"

namespace wirelab::gui {

class LabTopologyView : public QWidget {
  Q_OBJECT
 public:
  explicit LabTopologyView(QWidget* parent = nullptr);

  // Highlights the hop of `packet`, or nothing (nullptr). `captured_on` as for lab_hop_of().
  void showPacket(const decode::Packet* packet, std::string_view captured_on = {});
  const std::optional<servers::LabPacketHop>& hop() const { return hop_; }
  // The line under the drawing: the hop in words, "not a lab frame", or what to do.
  const QString& caption() const { return caption_; }
  // What is highlighted: the sender's host, the receivers' hosts, the segment (-1: none).
  QString senderHost() const;
  QStringList receiverHosts() const;
  int highlightedSegment() const { return hop_ ? hop_->hop.segment : -1; }
  // Where host `name`'s box is drawn, in widget coordinates (empty for an unknown name).
  QRectF hostRect(const QString& name) const;

  QSize sizeHint() const override { return {760, 300}; }
  QSize minimumSizeHint() const override { return {380, 150}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QTransform toWidget() const;

  std::optional<servers::LabPacketHop> hop_;
  QString caption_;
};

}  // namespace wirelab::gui
