// The conversations table: every TCP connection, UDP flow, TFTP transfer, ICMP echo session
// and ARP exchange the trackers found, with the numbers of the CLI's -z reports (packets and
// bytes each way, duration, handshake and teardown kinds, Zeek conn_state and history, who
// holds TIME-WAIT, handshake RTT; a TFTP transfer's file, blocks and outcome; an echo session's
// mean RTT; an ARP request's kind, answer, response time and duplicate-address finding).
// The Stream column is the number -z timeline,KIND,N takes (for ARP: the exchange's index).
// Rows index the trackers' own deques; text is built in data().
#pragma once
#include <QAbstractTableModel>

#include <memory>
#include <vector>

#include "decode/icmp_echo_session.hpp"
#include "decode/trackers.hpp"

namespace wirelab::gui {

struct LoadedCapture;
class PacketStore;

class ConversationModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    kProto, kStream, kClient, kServer, kPackets, kBytes, kDuration, kHandshake, kTeardown, kConnState, kHistory,
    kTimeWait, kRtt, kColumnCount
  };
  enum class Kind : std::uint8_t { Tcp, Udp, Tftp, Icmp, Arp };
  struct Row {
    Kind kind = Kind::Tcp;
    std::int64_t stream = -1;
  };

  explicit ConversationModel(QObject* parent = nullptr);

  // Shows the conversations of a loaded capture (nullptr clears); keeps it alive. A newer view
  // of the same conversations (a run in progress) updates the rows in place.
  void setCapture(std::shared_ptr<const LoadedCapture> capture);
  const Row& row(int r) const { return rows_[static_cast<std::size_t>(r)]; }
  // The row of a TCP stream / UDP stream / TFTP transfer / ICMP echo session / ARP exchange, or -1.
  int rowOf(Kind kind, std::int64_t stream) const;
  // Which rows have at least one packet that `passes` lets through (indexed by packet: 1 =
  // passes; other values, and packets past its end, do not). How the dock limits itself to a
  // display filter, as Wireshark's "Limit to display filter"; the numbers stay the whole
  // conversation's.
  std::vector<bool> rowsWithPassingPackets(const PacketStore& store, const std::vector<char>& passes) const;

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  QVariant tcpData(const Row& r, int column, int role) const;
  QVariant udpData(const Row& r, int column, int role) const;
  QVariant tftpData(const Row& r, int column, int role) const;
  QVariant icmpData(const Row& r, int column, int role) const;
  QVariant arpData(const Row& r, int column, int role) const;

  std::shared_ptr<const LoadedCapture> capture_;
  std::vector<Row> rows_;
  std::vector<decode::IcmpEchoSession> icmp_sessions_;
};

}  // namespace wirelab::gui
