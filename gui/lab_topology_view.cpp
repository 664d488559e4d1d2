#include "gui/lab_topology_view.hpp"

#include <QFontDatabase>
#include <QPainter>
#include <QPainterPath>

#include <cmath>
#include <vector>

namespace wirelab::gui {

namespace {

using servers::LabInterface;
using servers::LabRole;

// The drawing is laid out on a fixed canvas and scaled to the widget, keeping its proportions.
constexpr QSizeF kCanvas{1000, 400};
constexpr double kBusY = 160;
constexpr double kHostTop = 30;
constexpr QSizeF kHostBox{170, 84};
constexpr QRectF kRouterBox{520, 232, 320, 110};
constexpr double kArrowLane = kBusY - 14;  // arrows run along the bus, just above it
constexpr QRectF kCaption{20, 352, 960, 44};
// Bus extents per segment: segment 1 on the left, segment 2 on the right.
constexpr double kBusLeft[2] = {20, 700};
constexpr double kBusRight[2] = {650, 980};

const QColor kInk{0x21, 0x21, 0x21};
const QColor kMuted{0x61, 0x61, 0x61};
const QColor kPlainFill{0xf5, 0xf5, 0xf5};
const QColor kPlainBorder{0x9e, 0x9e, 0x9e};
const QColor kBus{0x75, 0x75, 0x75};
const QColor kSenderFill{0xff, 0xe0, 0xb2};
const QColor kHot{0xe6, 0x51, 0x00};  // the sender, the segment, the arrow
const QColor kReceiverFill{0xbb, 0xde, 0xfb};
const QColor kReceiverBorder{0x0d, 0x47, 0xa1};

QString q(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

QFont pixel_font(QFont f, int px, bool bold = false) {
  f.setPixelSize(px);
  f.setBold(bold);
  return f;
}

QFont mono(int px) { return pixel_font(QFontDatabase::systemFont(QFontDatabase::FixedFont), px); }

const servers::LabTopology& lab() { return servers::lab_topology(); }

bool is_router(std::string_view host) {
  const servers::LabHost* h = lab().host(host);
  return h && h->role == LabRole::Router;
}

// Hosts of segment 1 from the left, hosts of segment 2 from the right; the router between.
QRectF canvas_box(std::string_view host) {
  if (is_router(host)) return kRouterBox;
  int left = 0, right = 0;
  for (const servers::LabHost& h : lab().hosts) {
    if (h.role != LabRole::Host) continue;
    const LabInterface* i = lab().interface_of(h.name);
    if (i == nullptr) continue;
    const double x = i->segment == 0 ? 20 + 195 * left : 810 - 195 * right;
    if (h.name == host) return {QPointF(x, kHostTop), kHostBox};
    (i->segment == 0 ? left : right)++;
  }
  return {};
}

// Where an interface meets its bus, and where its line meets its box.
double attach_x(const LabInterface& i) {
  const QRectF box = canvas_box(i.host);
  if (!is_router(i.host)) return box.center().x();
  return i.segment == 0 ? box.left() + box.width() / 4 : box.right() - box.width() / 4;
}
double router_attach_x(int segment) {
  for (const LabInterface& i : lab().interfaces)
    if (is_router(i.host) && i.segment == segment) return attach_x(i);
  return kBusLeft[segment];
}
double edge_y(const LabInterface& i) { return is_router(i.host) ? kRouterBox.top() : kHostTop + kHostBox.height(); }

std::vector<const LabInterface*> receivers_of(const servers::LabPacketHop& h) {
  std::vector<const LabInterface*> out;
  if (h.hop.broadcast) {
    for (const LabInterface& i : lab().interfaces)
      if (i.segment == h.hop.segment && &i != h.hop.from) out.push_back(&i);
  } else if (h.hop.to != nullptr) {
    out.push_back(h.hop.to);
  }
  return out;
}

void paint_arrow_head(QPainter& p, QPointF tip, QPointF from) {
  const QPointF d = tip - from;
  const double len = std::hypot(d.x(), d.y());
  if (len <= 0) return;
  const QPointF u = d / len, n(-u.y(), u.x());
  const QPointF base = tip - u * 13;
  p.drawPolygon(QPolygonF{tip, base + n * 6.5, base - n * 6.5});
}

// From the sender's box down (or up) to the lane, along the bus, to the receiver's box.
void paint_hop_arrow(QPainter& p, const LabInterface& from, const LabInterface* to, int segment) {
  const double x0 = attach_x(from);
  const double x1 = to ? attach_x(*to) : (kBusLeft[segment] + kBusRight[segment]) / 2;
  const QPointF end = to ? QPointF(x1, edge_y(*to)) : QPointF(x1, kArrowLane);
  const QPointF turn(x1, kArrowLane);
  QPainterPath path(QPointF(x0, edge_y(from)));
  path.lineTo(x0, kArrowLane);
  path.lineTo(turn);
  path.lineTo(end);
  p.setPen(QPen(kHot, 3.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
  p.setBrush(Qt::NoBrush);
  p.drawPath(path);
  p.setPen(Qt::NoPen);
  p.setBrush(kHot);
  paint_arrow_head(p, end, to ? turn : QPointF(x0, kArrowLane));
}

void paint_box(QPainter& p, const QRectF& r, const QColor& fill, const QColor& border, double width) {
  p.setPen(QPen(border, width));
  p.setBrush(fill);
  p.drawRoundedRect(r, 8, 8);
}

// Interface name, address and MAC, three lines from `top_left`.
void paint_interface_lines(QPainter& p, const LabInterface& i, QPointF top_left) {
  p.setPen(kMuted);
  p.setFont(pixel_font(p.font(), 12));
  p.drawText(top_left + QPointF(0, 0), q(i.name));
  p.setPen(kInk);
  p.setFont(mono(14));
  p.drawText(top_left + QPointF(0, 20), q(i.ipv4));
  p.setFont(mono(12));
  p.drawText(top_left + QPointF(0, 38), q(i.mac_text));
}

}  // namespace

LabTopologyView::LabTopologyView(QWidget* parent) : QWidget(parent) {
  setAutoFillBackground(false);
  showPacket(nullptr);
}

void LabTopologyView::showPacket(const decode::Packet* packet, std::string_view captured_on) {
  hop_.reset();
  if (packet == nullptr) {
    caption_ = tr("Select a packet to see which hop of the lab it is.");
  } else if ((hop_ = servers::lab_hop_of(*packet, captured_on))) {
    caption_ = tr("Frame %1: %2").arg(packet->number).arg(QString::fromStdString(hop_->describe()));
  } else {
    caption_ = tr("Frame %1: not a lab frame (its Ethernet source is no lab interface's MAC).").arg(packet->number);
  }
  setToolTip(caption_);
  update();
}

QString LabTopologyView::senderHost() const { return hop_ && hop_->hop.from ? q(hop_->hop.from->host) : QString(); }

QStringList LabTopologyView::receiverHosts() const {
  QStringList out;
  if (hop_)
    for (const LabInterface* i : receivers_of(*hop_)) out << q(i->host);
  return out;
}

QTransform LabTopologyView::toWidget() const {
  const double s = std::min(width() / kCanvas.width(), height() / kCanvas.height());
  QTransform t;
  t.translate((width() - kCanvas.width() * s) / 2, 0);  // top-aligned: a tall dock leaves its space below
  t.scale(s, s);
  return t;
}

QRectF LabTopologyView::hostRect(const QString& name) const {
  const std::string host = name.toStdString();
  if (lab().host(host) == nullptr) return {};
  return toWidget().mapRect(canvas_box(host));
}

void LabTopologyView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), Qt::white);
  p.setTransform(toWidget());
  const QFont base = font();

  // Segments: a bus each, with subnet and bridge.
  for (const servers::LabSegment& seg : lab().segments) {
    const bool hot = highlightedSegment() == seg.index;
    p.setPen(QPen(hot ? kHot : kBus, hot ? 7 : 4, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(kBusLeft[seg.index], kBusY), QPointF(kBusRight[seg.index], kBusY));
    p.setPen(hot ? kHot : kInk);
    p.setFont(pixel_font(base, 14, true));
    // Segment 2's label starts right of r's link to it, so that line does not cross it.
    const QPointF label(seg.index == 0 ? kBusLeft[0] : router_attach_x(1) + 14, kBusY + 26);
    p.drawText(label, tr("%1 · %2/%3").arg(q(seg.name), q(seg.subnet)).arg(seg.prefix_len));
    p.setPen(kMuted);
    p.setFont(pixel_font(base, 12));
    p.drawText(label + QPointF(0, 18), tr("bridge %1 in %2").arg(q(seg.bridge), q(lab().switch_netns)));
  }
  // Each interface's link to its bus.
  p.setPen(QPen(kBus, 2.5));
  for (const LabInterface& i : lab().interfaces) p.drawLine(QPointF(attach_x(i), kBusY), QPointF(attach_x(i), edge_y(i)));

  // Boxes, coloured by their part in the hop.
  const QString sender = senderHost();
  const QStringList receivers = receiverHosts();
  for (const servers::LabHost& h : lab().hosts) {
    if (h.role == LabRole::Switch) continue;
    const QRectF box = canvas_box(h.name);
    const QString name = q(h.name);
    if (name == sender) paint_box(p, box, kSenderFill, kHot, 3.5);
    else if (receivers.contains(name)) paint_box(p, box, kReceiverFill, kReceiverBorder, 3.5);
    else paint_box(p, box, kPlainFill, kPlainBorder, 1.2);
    p.setPen(kInk);
    p.setFont(pixel_font(base, 18, true));
    if (h.role == LabRole::Router) {
      p.drawText(box.topLeft() + QPointF(12, 24), name);
      p.setFont(pixel_font(base, 12));
      p.setPen(kMuted);
      p.drawText(box.topLeft() + QPointF(32, 24), tr("router · IP forwarding on"));
      paint_interface_lines(p, *lab().interface_of(h.name, 0), box.topLeft() + QPointF(12, 52));
      paint_interface_lines(p, *lab().interface_of(h.name, 1), box.topLeft() + QPointF(box.width() / 2 + 8, 52));
    } else {
      p.drawText(box.topLeft() + QPointF(12, 24), name);
      const LabInterface* i = lab().interface_of(h.name);
      p.setFont(pixel_font(base, 12));
      p.setPen(kMuted);
      p.drawText(QRectF(box.left(), box.top() + 10, box.width() - 12, 18), Qt::AlignRight, q(i->name));
      p.setPen(kInk);
      p.setFont(mono(14));
      p.drawText(box.topLeft() + QPointF(12, 50), q(i->ipv4));
      p.setFont(mono(12));
      p.drawText(box.topLeft() + QPointF(12, 70), q(i->mac_text));
    }
  }

  if (hop_ && hop_->hop.from) {
    // The end-to-end IP hosts, when they are not this hop's ends (a routed packet).
    p.setFont(pixel_font(base, 12, true));
    auto tag = [&](const LabInterface* i, const QString& what) {
      if (i == nullptr || hop_->arp) return;
      const QRectF box = canvas_box(i->host);
      p.setPen(kReceiverBorder);
      p.drawText(QPointF(box.left() + 4, box.top() - 6), what);
    };
    tag(hop_->ip_src, tr("IP source"));
    tag(hop_->ip_dst, tr("IP destination"));
    const std::vector<const LabInterface*> to = receivers_of(*hop_);
    if (to.empty()) paint_hop_arrow(p, *hop_->hop.from, nullptr, hop_->hop.segment);
    for (const LabInterface* i : to) paint_hop_arrow(p, *hop_->hop.from, i, hop_->hop.segment);
  }

  p.setPen(hop_ ? kInk : kMuted);
  p.setFont(pixel_font(base, 15, hop_.has_value()));
  p.drawText(kCaption, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, caption_);
}

}  // namespace wirelab::gui
