#include "gui/conversation_model.hpp"

#include <QBrush>

#include <algorithm>
#include <unordered_set>

#include "decode/ethernet.hpp"
#include "decode/track/arp_tracker.hpp"
#include "decode/track/tcp_tracker.hpp"
#include "decode/track/icmp_tracker.hpp"
#include "decode/track/tftp_tracker.hpp"
#include "decode/track/udp_tracker.hpp"
#include "gui/capture_loader.hpp"
#include "gui/packet_store.hpp"
#include "gui/timeline_renderer.hpp"

namespace wirelab::gui {

namespace {

QString q(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }
QString seconds(std::int64_t ns) { return QString::number(static_cast<double>(ns) / 1e9, 'f', 6); }
QString millis(double ns) { return QStringLiteral("%1 ms").arg(ns / 1e6, 0, 'f', 3); }
QString ipv4(std::uint32_t host_order) {
  return QString::fromStdString(decode::to_string(decode::NetAddress::v4(host_order)));
}
QString mac(const std::array<std::uint8_t, 6>& m) { return QString::fromStdString(decode::mac_text(m)); }
// Row backgrounds: a failure (reset, refused, error, duplicate address) and a missing answer.
QBrush failureBrush() { return QBrush(QColor(0xff, 0xcd, 0xd2)); }
QBrush missingBrush() { return QBrush(QColor(0xff, 0xf3, 0xc4)); }

}  // namespace

ConversationModel::ConversationModel(QObject* parent) : QAbstractTableModel(parent) {}

void ConversationModel::setCapture(std::shared_ptr<const LoadedCapture> capture) {
  std::vector<Row> rows;
  std::vector<decode::IcmpEchoSession> icmp;
  if (capture && capture->trackers) {
    const decode::Trackers& t = *capture->trackers;
    for (const decode::TcpConnection& c : t.tcp().connections()) rows.push_back(Row{Kind::Tcp, c.stream()});
    for (const decode::UdpFlow& f : t.udp().flows()) rows.push_back(Row{Kind::Udp, f.stream});
    const auto transfers = static_cast<std::int64_t>(t.tftp().transfers().size());
    for (std::int64_t i = 0; i < transfers; ++i) rows.push_back(Row{Kind::Tftp, i});
    icmp = decode::icmp_echo_sessions(t.icmp());
    for (std::size_t i = 0; i < icmp.size(); ++i) rows.push_back(Row{Kind::Icmp, static_cast<std::int64_t>(i)});
    const auto exchanges = static_cast<std::int64_t>(t.arp().exchanges().size());
    for (std::int64_t i = 0; i < exchanges; ++i) rows.push_back(Row{Kind::Arp, i});
  }
  // A later view of the same conversations (a run in progress, then its end) keeps the rows it
  // had and may add some: update in place, so the table keeps its selection and scroll.
  const auto same = [](const Row& a, const Row& b) { return a.kind == b.kind && a.stream == b.stream; };
  const std::size_t old = rows_.size();
  const bool extends = old > 0 && rows.size() >= old && std::equal(rows_.begin(), rows_.end(), rows.begin(), same);
  if (capture_ && capture && extends) {
    capture_ = std::move(capture);
    icmp_sessions_ = std::move(icmp);
    if (rows.size() > old) {
      beginInsertRows({}, static_cast<int>(old), static_cast<int>(rows.size()) - 1);
      rows_ = std::move(rows);
      endInsertRows();
    }
    emit dataChanged(index(0, 0), index(static_cast<int>(old) - 1, kColumnCount - 1));
    return;
  }
  beginResetModel();
  capture_ = std::move(capture);
  rows_ = std::move(rows);
  icmp_sessions_ = std::move(icmp);
  endResetModel();
}

int ConversationModel::rowOf(Kind kind, std::int64_t stream) const {
  for (std::size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i].kind == kind && rows_[i].stream == stream) return static_cast<int>(i);
  return -1;
}

std::vector<bool> ConversationModel::rowsWithPassingPackets(const PacketStore& store,
                                                            const std::vector<char>& passes) const {
  std::vector<bool> out(rows_.size(), false);
  if (!capture_ || !capture_->trackers) return out;
  const auto passed = [&](std::uint64_t frame) {
    return frame > 0 && frame <= passes.size() && passes[frame - 1] == 1;
  };
  // TCP, UDP and TFTP packets carry their conversation's number in their notes.
  std::unordered_set<std::int64_t> tcp, udp, tftp;
  for (std::size_t i = 0; i < passes.size() && i < store.size(); ++i) {
    if (passes[i] != 1) continue;
    const decode::PacketAnnotations* n = store.notes(i);
    if (!n) continue;
    if (n->tcp.stream >= 0) tcp.insert(n->tcp.stream);
    if (n->udp_stream >= 0) udp.insert(n->udp_stream);
    if (n->tftp_transfer >= 0) tftp.insert(n->tftp_transfer);
  }
  // Echo sessions and ARP exchanges are found by their frames.
  std::vector<bool> icmp(icmp_sessions_.size(), false);
  for (const decode::IcmpEchoPair& e : capture_->trackers->icmp().echoes()) {
    if (!passed(e.request_frame) && !passed(e.reply_frame)) continue;
    for (std::size_t s = 0; s < icmp_sessions_.size(); ++s) {
      const decode::IcmpEchoSession& x = icmp_sessions_[s];
      if (x.requester == e.requester && x.responder == e.responder && x.ident == e.ident) icmp[s] = true;
    }
  }
  const auto& arp = capture_->trackers->arp().exchanges();
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    const auto id = rows_[r].stream;
    const auto i = static_cast<std::size_t>(id);
    switch (rows_[r].kind) {
      case Kind::Tcp: out[r] = tcp.count(id) > 0; break;
      case Kind::Udp: out[r] = udp.count(id) > 0; break;
      case Kind::Tftp: out[r] = tftp.count(id) > 0; break;
      case Kind::Icmp: out[r] = id >= 0 && i < icmp.size() && icmp[i]; break;
      case Kind::Arp:
        out[r] = id >= 0 && i < arp.size() && (passed(arp[i].request_frame) || passed(arp[i].reply_frame));
        break;
    }
  }
  return out;
}

int ConversationModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ConversationModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumnCount; }

QVariant ConversationModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  static const char* const kTitles[kColumnCount] = {"Proto",    "Stream",   "Client (A)", "Server (B)", "Packets",
                                                    "Bytes",    "Duration", "Handshake",  "Teardown",   "State",
                                                    "History",  "TIME-WAIT", "RTT"};
  static const char* const kTips[kColumnCount] = {
      "Protocol", "tcp.stream / udp.stream; the index of a TFTP transfer, ICMP echo session or ARP exchange",
      "The side that opened the conversation (ARP: the requester, IP and MAC)",
      "The side that answered (ARP: the IP asked for, and the MAC that answered)",
      "Packets client→server / server→client", "Payload bytes client→server / server→client",
      "From first to last packet (s)", "How the connection opened (ARP: the kind of request and whether it was answered)",
      "How it ended", "Zeek conn_state (ARP: a second MAC claiming the same IP address)", "Zeek history letters",
      "Who holds TIME-WAIT at the end, for 2×MSL",
      "Handshake round-trip time (ICMP: mean echo RTT; ARP: request to reply)"};
  if (section < 0 || section >= kColumnCount) return {};
  if (role == Qt::DisplayRole) return QString(kTitles[section]);
  if (role == Qt::ToolTipRole) return QString(kTips[section]);
  return {};
}

QVariant ConversationModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !capture_) return {};
  const Row& r = rows_[static_cast<std::size_t>(index.row())];
  if (role == Qt::TextAlignmentRole) {
    const int c = index.column();
    return (c == kStream || c == kPackets || c == kBytes || c == kDuration || c == kRtt)
               ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
               : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
  }
  switch (r.kind) {
    case Kind::Tcp: return tcpData(r, index.column(), role);
    case Kind::Udp: return udpData(r, index.column(), role);
    case Kind::Tftp: return tftpData(r, index.column(), role);
    case Kind::Icmp: return icmpData(r, index.column(), role);
    case Kind::Arp: return arpData(r, index.column(), role);
  }
  return {};
}

QVariant ConversationModel::tcpData(const Row& r, int column, int role) const {
  const decode::TcpConnection* c = capture_->trackers->tcp().stream(r.stream);
  if (!c) return {};
  const auto& a = c->client();
  const auto& b = c->server();
  if (role == Qt::BackgroundRole) {
    // Resets and refused or unanswered handshakes stand out, as in the packet list.
    const auto td = c->teardown();
    const auto hs = c->handshake();
    if (td == decode::TeardownKind::ResetByClient || td == decode::TeardownKind::ResetByServer ||
        hs == decode::HandshakeKind::Refused)
      return failureBrush();
    if (hs == decode::HandshakeKind::Unanswered || hs == decode::HandshakeKind::Partial) return missingBrush();
    return {};
  }
  if (role != Qt::DisplayRole) return {};
  switch (column) {
    case kProto: return QStringLiteral("TCP");
    case kStream: return QString::number(r.stream);
    case kClient: return QString::fromStdString(decode::to_string(a.address));
    case kServer: return QString::fromStdString(decode::to_string(b.address));
    case kPackets: return QStringLiteral("%1 / %2").arg(a.packets).arg(b.packets);
    case kBytes: return QStringLiteral("%1 / %2").arg(a.payload_bytes).arg(b.payload_bytes);
    case kDuration: return seconds(c->last_ts_ns() - c->first_ts_ns());
    case kHandshake: return q(decode::to_string(c->handshake()));
    case kTeardown: return q(decode::to_string(c->teardown()));
    case kConnState: return q(c->conn_state());
    case kHistory: return c->history().empty() ? QStringLiteral("-") : QString::fromStdString(c->history());
    case kTimeWait:
      if (const auto* h = c->time_wait_holder())
        return QStringLiteral("%1 · %2 s").arg(h == &a ? "client" : "server").arg(2 * decode::kLinuxMslNs / 1'000'000'000);
      return QStringLiteral("-");
    case kRtt:
      return c->handshake_rtt_ns() > 0 ? millis(static_cast<double>(c->handshake_rtt_ns())) : QStringLiteral("-");
    default: return {};
  }
}

QVariant ConversationModel::udpData(const Row& r, int column, int role) const {
  const decode::UdpFlow* f = capture_->trackers->udp().stream(r.stream);
  if (!f || role != Qt::DisplayRole) return {};
  switch (column) {
    case kProto: return QStringLiteral("UDP");
    case kStream: return QString::number(r.stream);
    case kClient: return QString::fromStdString(decode::to_string(f->a));
    case kServer: return QString::fromStdString(decode::to_string(f->b));
    case kPackets: return QStringLiteral("%1 / %2").arg(f->frames_ab).arg(f->frames_ba);
    case kBytes: return QStringLiteral("%1 / %2").arg(f->payload_bytes_ab).arg(f->payload_bytes_ba);
    case kDuration: return seconds(f->last_ts_ns - f->first_ts_ns);
    default: return QStringLiteral("-");
  }
}

QVariant ConversationModel::tftpData(const Row& r, int column, int role) const {
  const auto& transfers = capture_->trackers->tftp().transfers();
  if (r.stream < 0 || static_cast<std::size_t>(r.stream) >= transfers.size()) return {};
  const decode::TftpTransfer& t = transfers[static_cast<std::size_t>(r.stream)];
  if (role == Qt::BackgroundRole)
    return t.outcome == decode::TftpOutcome::Error ? QVariant(failureBrush()) : QVariant();
  if (role == Qt::ToolTipRole && column == kTeardown && !t.error_message.empty())
    return QStringLiteral("error %1: %2").arg(t.error_code).arg(QString::fromStdString(t.error_message));
  if (role != Qt::DisplayRole) return {};
  switch (column) {
    case kProto: return QStringLiteral("TFTP");
    case kStream: return QString::number(r.stream);
    case kClient: return QString::fromStdString(decode::to_string(t.client));
    case kServer:
      return t.server_port != 0 ? QStringLiteral("%1 → :%2").arg(QString::fromStdString(decode::to_string(t.server))).arg(t.server_port)
                                : QString::fromStdString(decode::to_string(t.server));
    case kPackets: return QStringLiteral("%1 blocks").arg(t.blocks);
    case kBytes: return QString::number(t.bytes);
    case kDuration: return seconds(t.last_ts_ns - t.start_ts_ns);
    case kHandshake: return QStringLiteral("%1 %2").arg(t.write ? "write" : "read", QString::fromStdString(t.file));
    case kTeardown: return q(decode::to_string(t.outcome));
    default: return QStringLiteral("-");
  }
}

QVariant ConversationModel::icmpData(const Row& r, int column, int role) const {
  if (r.stream < 0 || static_cast<std::size_t>(r.stream) >= icmp_sessions_.size() || role != Qt::DisplayRole) return {};
  const decode::IcmpEchoSession& s = icmp_sessions_[static_cast<std::size_t>(r.stream)];
  switch (column) {
    case kProto: return QStringLiteral("ICMP");
    case kStream: return QString::number(r.stream);
    case kClient: return QString::fromStdString(decode::to_string(s.requester));
    case kServer: return QString::fromStdString(decode::to_string(s.responder));
    case kPackets: return QStringLiteral("%1 / %2").arg(s.requests).arg(s.replies);
    case kDuration: return seconds(s.last_ts_ns - s.first_ts_ns);
    case kHandshake: return QStringLiteral("echo id 0x%1").arg(s.ident, 4, 16, QLatin1Char('0'));
    case kRtt:
      return s.replies > 0 ? millis(static_cast<double>(s.rtt_sum_ns) / static_cast<double>(s.replies)) : QStringLiteral("-");
    default: return QStringLiteral("-");
  }
}

QVariant ConversationModel::arpData(const Row& r, int column, int role) const {
  const decode::ArpTracker& arp = capture_->trackers->arp();
  if (r.stream < 0 || static_cast<std::size_t>(r.stream) >= arp.exchanges().size()) return {};
  const decode::ArpExchange& x = arp.exchanges()[static_cast<std::size_t>(r.stream)];
  const decode::ArpDuplicate* dup =
      x.duplicate >= 0 && static_cast<std::size_t>(x.duplicate) < arp.duplicates().size()
          ? &arp.duplicates()[static_cast<std::size_t>(x.duplicate)] : nullptr;
  if (role == Qt::BackgroundRole)
    return dup ? QVariant(failureBrush()) : x.unanswered() ? QVariant(missingBrush()) : QVariant();
  if (role == Qt::ToolTipRole) {
    const QString asked = ipv4(x.asked_ip);
    switch (column) {
      case kClient:
        return tr("%1 at %2 asked (frame %3)").arg(ipv4(x.requester_ip), mac(x.requester_mac)).arg(x.request_frame);
      case kServer:
        return x.answered() ? tr("%1 is at %2 (reply in frame %3)").arg(asked, mac(x.answer_mac)).arg(x.reply_frame)
                            : tr("no reply for %1 in the capture").arg(asked);
      case kHandshake:
        if (x.kind.probe)
          return x.answered() ? tr("RFC 5227 probe for %1, answered: the address is in use").arg(asked)
                              : tr("RFC 5227 probe: is anyone using %1? (sender IP 0.0.0.0)").arg(asked);
        if (x.kind.announcement) return tr("RFC 5227 announcement: %1 claims %2").arg(mac(x.requester_mac), asked);
        if (x.kind.gratuitous) return tr("gratuitous ARP: sender IP = target IP (%1)").arg(asked);
        return x.answered() ? tr("who has %1? tell %2 — %1 is at %3").arg(asked, ipv4(x.requester_ip), mac(x.answer_mac))
                            : tr("who has %1? tell %2 — no reply").arg(asked, ipv4(x.requester_ip));
      case kConnState:
        if (!dup) return {};
        return tr("duplicate IP address: %1 is claimed by %2 (frame %3) and, earlier, by %4 (frame %5)")
            .arg(ipv4(dup->ip), mac(dup->mac)).arg(dup->frame).arg(mac(dup->earlier_mac)).arg(dup->earlier_frame);
      case kRtt:
        if (!x.answered()) return {};
        return tr("reply %1 µs after the request (frames %2 → %3)")
            .arg(static_cast<double>(x.response_ns()) / 1e3, 0, 'f', 3).arg(x.request_frame).arg(x.reply_frame);
      default: return {};
    }
  }
  if (role != Qt::DisplayRole) return {};
  switch (column) {
    case kProto: return QStringLiteral("ARP");
    case kStream: return QString::number(r.stream);
    case kClient: return QStringLiteral("%1 (%2)").arg(ipv4(x.requester_ip), mac(x.requester_mac));
    case kServer: return x.answered() ? QStringLiteral("%1 (%2)").arg(ipv4(x.asked_ip), mac(x.answer_mac)) : ipv4(x.asked_ip);
    case kPackets: return x.answered() ? QStringLiteral("1 / 1") : QStringLiteral("1 / 0");
    case kDuration: return seconds(x.answered() ? x.response_ns() : 0);
    case kHandshake: return q(x.label());
    case kConnState: return dup ? QStringLiteral("duplicate IP") : QStringLiteral("-");
    case kRtt: return x.answered() ? millis(static_cast<double>(x.response_ns())) : QStringLiteral("-");
    default: return QStringLiteral("-");
  }
}

}  // namespace wirelab::gui
