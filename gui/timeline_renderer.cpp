#include "gui/timeline_renderer.hpp"

#include "gui/paint_helpers.hpp"

#include <QFontMetrics>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace wirelab::gui {

namespace {
constexpr int kHeaderH = TimelineRenderer::kHeaderHeight;
constexpr int kRowH = 42;
constexpr int kAxisW = 92;
constexpr int kAppW = 132;
constexpr int kStateLabelW = 112;
constexpr int kLaneGap = 400;
constexpr int kGroupGap = 48;
constexpr int kFooterH = 28;
constexpr int kBandW = 12;

using decode::SequenceItemKind;
using decode::SequencePhase;
using decode::TcpState;

QString q(const std::string& s) { return QString::fromStdString(s); }

// A "nice" tick step (1, 2 or 5 times a power of ten) giving at least `min_px` between ticks.
double tick_step_ns(double ns_per_px, int min_px) {
  const double raw = ns_per_px * min_px;
  const double p10 = std::pow(10.0, std::floor(std::log10(std::max(raw, 1.0))));
  for (const double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p10 >= raw) return m * p10;
  return 10 * p10;
}

QColor arrow_color(const ArrowFacts& f) {
  if (f.marks & row_mark::kRst) return {0xc6, 0x28, 0x28};
  if (!f.badges.isEmpty() || (f.marks & row_mark::kAnalysis)) return {0xe6, 0x51, 0x00};
  if (f.marks & row_mark::kProblem) return {0x6a, 0x1b, 0x9a};
  if (f.row_class == RowClass::TcpSynFin) return {0x26, 0x32, 0x38};
  if (f.payload) return {0x15, 0x65, 0xc0};
  return {0x60, 0x7d, 0x8b};
}

}  // namespace

QColor state_color(TcpState s) {
  switch (s) {
    case TcpState::Unknown: return {0xe0, 0xe0, 0xe0};
    case TcpState::Closed: return {0xbd, 0xbd, 0xbd};
    case TcpState::Listen: return {0x81, 0xd4, 0xfa};
    case TcpState::SynSent: return {0xff, 0xd5, 0x4f};
    case TcpState::SynReceived: return {0xff, 0xb7, 0x4d};
    case TcpState::Established: return {0x81, 0xc7, 0x84};
    case TcpState::FinWait1: return {0xf0, 0x62, 0x92};
    case TcpState::FinWait2: return {0xba, 0x68, 0xc8};
    case TcpState::CloseWait: return {0xff, 0x8a, 0x65};
    case TcpState::Closing: return {0xe5, 0x73, 0x73};
    case TcpState::LastAck: return {0xa1, 0x88, 0x7f};
    case TcpState::TimeWait: return {0x64, 0xb5, 0xf6};
  }
  return Qt::lightGray;
}

void TimelineRenderer::setDiagrams(std::vector<decode::SequenceDiagram> diagrams) {
  diagrams_ = std::move(diagrams);
  ns_per_px_ = 0;
  layout();
}

void TimelineRenderer::setScale(TimeScale scale) {
  scale_ = scale;
  layout();
}

void TimelineRenderer::setNsPerPixel(double ns) {
  ns_per_px_ = std::clamp(ns, 1.0, 1e12);
  layout();
}

int TimelineRenderer::laneOf(int diagram, int node) const {
  for (std::size_t i = 0; i < lanes_.size(); ++i)
    if (lanes_[i].diagram == diagram && lanes_[i].node == node) return static_cast<int>(i);
  return -1;
}

int TimelineRenderer::yOfTime(std::int64_t t) const {
  return kHeaderH + kRowH / 2 + static_cast<int>(std::llround(static_cast<double>(t - t0_) / ns_per_px_));
}

void TimelineRenderer::layout() {
  lanes_.clear();
  rows_.clear();
  arrows_.clear();
  events_.clear();
  bands_.clear();
  phases_.clear();
  layoutLanes();
  layoutRows();
  layoutBands();
  layoutPhases();
}

void TimelineRenderer::layoutLanes() {
  int x = kAxisW;
  for (std::size_t d = 0; d < diagrams_.size(); ++d) {
    const auto& dia = diagrams_[d];
    std::vector<bool> has_events(dia.nodes.size(), false);
    for (const auto& it : dia.items)
      if (it.kind == SequenceItemKind::SocketEvent && it.src_node < has_events.size()) has_events[it.src_node] = true;
    for (std::size_t n = 0; n < dia.nodes.size(); ++n) {
      Lane lane{.diagram = static_cast<int>(d), .node = static_cast<int>(n), .address = q(dia.nodes[n].address),
                .role = q(dia.nodes[n].role)};
      // The first endpoint keeps its application lane on its left, the others on their right,
      // so arrows between endpoints never cross an application lane.
      if (n == 0) {
        if (has_events[n]) {
          lane.app_x = x + kAppW / 2;
          x += kAppW;
        }
        x += kStateLabelW;
        lane.x = x;
      } else {
        x += kLaneGap;
        lane.x = x;
        if (has_events[n]) {
          lane.app_x = x + kStateLabelW + kAppW / 2;
          x += kAppW;
        }
      }
      lanes_.push_back(lane);
    }
    x += kStateLabelW + kGroupGap;
  }
  width_ = std::max(x, 480);
}

void TimelineRenderer::layoutRows() {
  for (std::size_t d = 0; d < diagrams_.size(); ++d)
    for (std::size_t i = 0; i < diagrams_[d].items.size(); ++i)
      rows_.push_back(Row{.diagram = static_cast<int>(d), .item = i, .time_ns = diagrams_[d].items[i].time_ns});
  std::stable_sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) { return a.time_ns < b.time_ns; });
  t0_ = rows_.empty() ? 0 : rows_.front().time_ns;
  t_end_ = rows_.empty() ? 0 : rows_.back().time_ns;
  if (ns_per_px_ <= 0) {
    // Fit: the real-time view starts as tall as the compressed one.
    const double span = static_cast<double>(std::max<std::int64_t>(t_end_ - t0_, 1));
    ns_per_px_ = std::max(1.0, span / static_cast<double>(std::max<std::size_t>(rows_.size(), 1) * kRowH));
  }
  for (std::size_t r = 0; r < rows_.size(); ++r) {
    Row& row = rows_[r];
    row.y = scale_ == TimeScale::Compressed ? kHeaderH + kRowH / 2 + static_cast<int>(r) * kRowH : yOfTime(row.time_ns);
    const auto& item = diagrams_[static_cast<std::size_t>(row.diagram)].items[row.item];
    const int src = laneOf(row.diagram, item.src_node);
    const int dst = laneOf(row.diagram, item.dst_node);
    if (src < 0 || dst < 0) continue;
    if (item.kind == SequenceItemKind::SocketEvent) {
      events_.push_back(EventMark{.lane = src, .y = row.y, .label = q(item.label)});
      continue;
    }
    const ArrowFacts facts = facts_ ? facts_(item.frame) : ArrowFacts{};
    arrows_.push_back(Arrow{.frame = item.frame, .from_x = lanes_[static_cast<std::size_t>(src)].x,
                            .to_x = lanes_[static_cast<std::size_t>(dst)].x, .y = row.y, .label = q(item.label),
                            .comment = q(item.comment), .badges = facts.badges});
  }
  const int last_y = rows_.empty() ? kHeaderH : rows_.back().y;
  height_ = last_y + kRowH + kFooterH;
}

void TimelineRenderer::layoutBands() {
  const int bottom = height_ - kFooterH;
  for (std::size_t l = 0; l < lanes_.size(); ++l) {
    const Lane& lane = lanes_[l];
    if (lane.node > 1) continue;  // states are kept for the two endpoints of a connection
    const auto node = static_cast<std::size_t>(lane.node);
    std::optional<Band> open;
    for (const Row& row : rows_) {
      if (row.diagram != lane.diagram) continue;
      const auto& item = diagrams_[static_cast<std::size_t>(row.diagram)].items[row.item];
      const TcpState s = item.state_after[node];
      if (s == TcpState::Unknown || (open && open->state == s)) continue;
      if (open) {
        open->y2 = row.y;
        bands_.push_back(*open);
      }
      open = Band{.lane = static_cast<int>(l), .state = s, .y1 = row.y, .y2 = bottom, .caused_by = item.frame};
      if (s == TcpState::TimeWait && scale_ == TimeScale::RealTime)
        open->y2 = std::min(bottom, yOfTime(item.time_ns + 2 * decode::kLinuxMslNs));
      if (s == TcpState::Closed) open->y2 = std::min(bottom, row.y + kRowH / 2);
    }
    if (open) bands_.push_back(*open);
  }
}

void TimelineRenderer::layoutPhases() {
  for (std::size_t d = 0; d < diagrams_.size(); ++d) {
    std::optional<Phase> open;
    const auto close = [&] {
      if (open) phases_.push_back(*open);
      open.reset();
    };
    for (const Row& row : rows_) {
      if (row.diagram != static_cast<int>(d)) continue;
      const auto& item = diagrams_[d].items[row.item];
      const bool shaded = item.phase == SequencePhase::Handshake || item.phase == SequencePhase::Teardown;
      if (!shaded || (open && open->phase != item.phase)) close();
      if (!shaded) continue;
      if (!open)
        open = Phase{.diagram = static_cast<int>(d), .phase = item.phase, .y1 = row.y - kRowH / 2 + 3, .y2 = row.y,
                     .name = item.phase == SequencePhase::Handshake ? QStringLiteral("handshake") : QStringLiteral("teardown")};
      open->y2 = row.y + kRowH / 2 - 3;
      if (!item.phase_mark.empty()) open->name = q(item.phase_mark);
    }
    close();
  }
}

QString TimelineRenderer::timeText(std::int64_t rel_ns) const {
  const double ms = static_cast<double>(rel_ns) / 1e6;
  if (std::abs(ms) >= 1000) return QString::number(ms / 1000, 'f', 3) + QStringLiteral(" s");
  return QString::number(ms, 'f', 3) + QStringLiteral(" ms");
}

std::uint64_t TimelineRenderer::frameAt(QPoint pos) const {
  const Arrow* best = nullptr;
  int best_dy = kRowH / 2;
  for (const Arrow& a : arrows_) {
    const int dy = std::abs(a.y - pos.y());
    if (dy >= best_dy || pos.x() < std::min(a.from_x, a.to_x) - 8 || pos.x() > std::max(a.from_x, a.to_x) + 8) continue;
    best = &a;
    best_dy = dy;
  }
  return best ? best->frame : 0;
}

int TimelineRenderer::yOfFrame(std::uint64_t frame) const {
  for (const Arrow& a : arrows_)
    if (a.frame == frame) return a.y;
  return -1;
}

void TimelineRenderer::paint(QPainter& p, const QRect& clip) const {
  p.fillRect(clip, Qt::white);
  p.setRenderHint(QPainter::Antialiasing, true);
  p.setRenderHint(QPainter::TextAntialiasing, true);
  // The selected packet's row first, so the phase shading and its name stay readable over it.
  if (const int y = yOfFrame(selected_); y >= 0 && selected_ != 0)
    p.fillRect(QRect(0, y - kRowH / 2 + 2, width_, kRowH - 4), QColor(0xff, 0xf5, 0x9d));
  paintPhases(p);
  paintTimeAxis(p, clip);
  paintLanes(p);
  paintBands(p);
  paintArrows(p, clip);
  paintEvents(p, clip);
  paintHeader(p);
}

void TimelineRenderer::paintPhases(QPainter& p) const {
  const QFont font = sized(p.font(), 8.5, true);
  for (const Phase& ph : phases_) {
    int left = width_, right = 0;
    for (const Lane& l : lanes_)
      if (l.diagram == ph.diagram) {
        left = std::min(left, (l.app_x >= 0 && l.app_x < l.x ? l.app_x - kAppW / 2 : l.x - kStateLabelW) + 4);
        right = std::max(right, (l.app_x > l.x ? l.app_x + kAppW / 2 : l.x + kStateLabelW) - 4);
      }
    const bool hs = ph.phase == SequencePhase::Handshake;
    const QColor fill = hs ? QColor(0x4c, 0xaf, 0x50, 40) : QColor(0xe9, 0x1e, 0x63, 32);
    const QColor ink = hs ? QColor(0x2e, 0x7d, 0x32) : QColor(0xad, 0x14, 0x57);
    const QRect r(left, ph.y1, right - left, ph.y2 - ph.y1);
    p.setPen(QPen(ink.lighter(160), 1, Qt::DashLine));
    p.setBrush(fill);
    p.drawRoundedRect(r, 6, 6);
    // The name goes in the top-left corner, right of any application lane (its boxes would
    // cover it), when the shading is tall enough to hold it.
    if (r.height() < 16) continue;
    int name_x = r.left() + 8;
    for (const Lane& l : lanes_)
      if (l.diagram == ph.diagram && l.node == 0) name_x = std::max(name_x, l.x - kStateLabelW + 6);
    p.setFont(font);
    p.setPen(ink);
    p.drawText(QRect(name_x, r.top() + 2, r.right() - name_x - 8, 14), Qt::AlignLeft | Qt::AlignTop, ph.name);
  }
  p.setBrush(Qt::NoBrush);
}

void TimelineRenderer::paintTimeAxis(QPainter& p, const QRect& clip) const {
  p.setFont(sized(p.font(), 8));
  p.setPen(QColor(0x75, 0x75, 0x75));
  if (scale_ == TimeScale::Compressed) {
    for (const Row& r : rows_) {
      if (r.y < clip.top() - kRowH || r.y > clip.bottom() + kRowH) continue;
      p.drawText(QRect(4, r.y - 8, kAxisW - 12, 16), Qt::AlignRight | Qt::AlignVCenter, timeText(r.time_ns - t0_));
    }
  } else {
    const double step = tick_step_ns(ns_per_px_, 56);
    const double first = std::floor(static_cast<double>(clip.top() - kHeaderH) * ns_per_px_ / step) * step;
    for (double t = std::max(0.0, first); t < static_cast<double>(clip.bottom() + kRowH) * ns_per_px_ + step; t += step) {
      const int y = yOfTime(t0_ + static_cast<std::int64_t>(t));
      if (y > height_ - kFooterH) break;
      p.drawLine(kAxisW - 8, y, kAxisW - 2, y);
      p.drawText(QRect(4, y - 8, kAxisW - 14, 16), Qt::AlignRight | Qt::AlignVCenter,
                 timeText(static_cast<std::int64_t>(t)));
    }
  }
  p.setPen(QColor(0xe0, 0xe0, 0xe0));
  p.drawLine(kAxisW, kHeaderH, kAxisW, height_ - kFooterH);
}

void TimelineRenderer::paintLanes(QPainter& p) const {
  const int bottom = height_ - kFooterH;
  for (const Lane& l : lanes_) {
    p.setPen(QPen(QColor(0x9e, 0x9e, 0x9e), 1));
    p.drawLine(l.x, kHeaderH, l.x, bottom);
    if (l.app_x >= 0) {
      p.setPen(QPen(QColor(0xbc, 0xaa, 0xa4), 1, Qt::DotLine));
      p.drawLine(l.app_x, kHeaderH, l.app_x, bottom);
    }
  }
}

void TimelineRenderer::paintBands(QPainter& p) const {
  const QFont font = sized(p.font(), 7.5, true);
  p.setFont(font);
  const QFontMetrics fm(font);
  std::vector<int> last_label_y(lanes_.size(), -1000);
  for (const Band& b : bands_) {
    const Lane& l = lanes_[static_cast<std::size_t>(b.lane)];
    const QColor c = state_color(b.state);
    p.setPen(QPen(c.darker(140), 1));
    p.setBrush(c);
    p.drawRect(QRect(l.x - kBandW / 2, b.y1, kBandW, std::max(2, b.y2 - b.y1)));
    QString text = QString::fromUtf8(decode::to_string(b.state));
    if (b.state == TcpState::TimeWait)
      text += QStringLiteral(" · 2×MSL = %1 s").arg(2 * decode::kLinuxMslNs / 1'000'000'000);
    // The state name goes on the outer side of the band, just below the arrow that caused it,
    // unless the previous name is still there (states changing within a few pixels).
    int& last = last_label_y[static_cast<std::size_t>(b.lane)];
    if (b.y1 - last < fm.height() + 2) continue;
    last = b.y1;
    const bool left = l.node == 0;
    const int w = fm.horizontalAdvance(text) + 8;
    const QRect box = left ? QRect(l.x - kBandW / 2 - 4 - w, b.y1 + 3, w, fm.height() + 2)
                           : QRect(l.x + kBandW / 2 + 4, b.y1 + 3, w, fm.height() + 2);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(255, 255, 255, 220));
    p.drawRoundedRect(box, 3, 3);
    p.setPen(c.darker(220));
    p.drawText(box, Qt::AlignCenter, text);
  }
  p.setBrush(Qt::NoBrush);
}

void TimelineRenderer::paintArrows(QPainter& p, const QRect& clip) const {
  const QFont label_font = sized(p.font(), 8.5, true);
  const QFont comment_font = sized(p.font(), 8);
  const QFont badge_font = sized(p.font(), 7.5, true);
  int prev_y = -1000;
  for (const Arrow& a : arrows_) {
    if (a.y < clip.top() - kRowH || a.y > clip.bottom() + kRowH) continue;
    const ArrowFacts facts = facts_ ? facts_(a.frame) : ArrowFacts{};
    const QColor c = arrow_color(facts);
    const int dir = a.to_x > a.from_x ? 1 : -1;
    const int x1 = a.from_x + dir * (kBandW / 2 + 1);
    const int x2 = a.to_x - dir * (kBandW / 2 + 1);
    p.setPen(QPen(c, facts.payload ? 2.0 : 1.4));
    p.drawLine(x1, a.y, x2 - dir * 6, a.y);
    QPainterPath head;
    head.moveTo(x2, a.y);
    head.lineTo(x2 - dir * 10, a.y - 5);
    head.lineTo(x2 - dir * 10, a.y + 5);
    head.closeSubpath();
    p.fillPath(head, c);
    // Labels only where rows are far enough apart to read (the real-time scale may pack them).
    if (a.y - prev_y < 26) continue;
    prev_y = a.y;
    const QRect span(std::min(x1, x2) + 14, a.y - 17, std::abs(x2 - x1) - 28, 15);
    p.setFont(label_font);
    p.setPen(c.darker(115));
    const int label_w = QFontMetrics(label_font).horizontalAdvance(a.label);
    p.drawText(span, Qt::AlignHCenter | Qt::AlignBottom, a.label);
    p.setFont(comment_font);
    p.setPen(QColor(0x61, 0x61, 0x61));
    p.drawText(QRect(span.left(), a.y + 2, span.width(), 15), Qt::AlignHCenter | Qt::AlignTop, a.comment);
    int bx = span.center().x() + label_w / 2 + 8;
    p.setFont(badge_font);
    const QFontMetrics bfm(badge_font);
    for (const QString& badge : a.badges) {
      const QRect box(bx, a.y - 17, bfm.horizontalAdvance(badge) + 10, 14);
      p.setPen(Qt::NoPen);
      p.setBrush(QColor(0xe6, 0x51, 0x00));
      p.drawRoundedRect(box, 4, 4);
      p.setPen(Qt::white);
      p.drawText(box, Qt::AlignCenter, badge);
      bx += box.width() + 4;
    }
    p.setBrush(Qt::NoBrush);
  }
}

void TimelineRenderer::paintEvents(QPainter& p, const QRect& clip) const {
  const QFont font = sized(p.font(), 8);
  p.setFont(font);
  for (const EventMark& e : events_) {
    if (e.y < clip.top() - kRowH || e.y > clip.bottom() + kRowH) continue;
    const Lane& l = lanes_[static_cast<std::size_t>(e.lane)];
    const QRect box(l.app_x - kAppW / 2 + 8, e.y - 10, kAppW - 16, 20);
    // A dotted tie from the call to the endpoint's lifeline: the packets it caused sit there.
    p.setPen(QPen(QColor(0x8d, 0x6e, 0x63), 1, Qt::DotLine));
    p.drawLine(l.app_x < l.x ? box.right() : box.left(), e.y, l.x + (l.app_x < l.x ? -kBandW / 2 : kBandW / 2), e.y);
    p.setPen(QPen(QColor(0xf9, 0xa8, 0x25), 1));
    p.setBrush(QColor(0xff, 0xf8, 0xe1));
    p.drawRoundedRect(box, 5, 5);
    p.setPen(QColor(0x4e, 0x34, 0x2e));
    p.drawText(box.adjusted(4, 0, -4, 0), Qt::AlignCenter,
               QFontMetrics(font).elidedText(e.label, Qt::ElideRight, box.width() - 8));
  }
  p.setBrush(Qt::NoBrush);
}

void TimelineRenderer::paintHeader(QPainter& p) const {
  p.fillRect(QRect(0, 0, width_, kHeaderH - 6), QColor(0xfa, 0xfa, 0xfa));
  p.setPen(QColor(0xe0, 0xe0, 0xe0));
  p.drawLine(0, kHeaderH - 6, width_, kHeaderH - 6);
  const QFont title_font = sized(p.font(), 9, true);
  const QFont addr_font = sized(p.font(), 9, true);
  const QFont role_font = sized(p.font(), 8);
  p.setFont(sized(p.font(), 8));
  p.setPen(QColor(0x75, 0x75, 0x75));
  p.drawText(QRect(4, kHeaderH - 24, kAxisW - 12, 16), Qt::AlignRight | Qt::AlignVCenter,
             scale_ == TimeScale::Compressed ? QStringLiteral("time (rows)") : QStringLiteral("time"));
  for (std::size_t d = 0; d < diagrams_.size(); ++d) {
    int left = width_, right = 0;
    for (const Lane& l : lanes_) {
      if (l.diagram != static_cast<int>(d)) continue;
      left = std::min(left, l.x);
      right = std::max(right, l.x);
    }
    p.setFont(title_font);
    p.setPen(QColor(0x21, 0x21, 0x21));
    p.drawText(QRect(left - 200, 2, right - left + 400, 18), Qt::AlignCenter, q(diagrams_[d].title));
  }
  for (const Lane& l : lanes_) {
    p.setFont(addr_font);
    p.setPen(QColor(0x0d, 0x47, 0xa1));
    p.drawText(QRect(l.x - 150, 20, 300, 18), Qt::AlignCenter, l.address);
    p.setFont(role_font);
    p.setPen(QColor(0x61, 0x61, 0x61));
    p.drawText(QRect(l.x - 150, 37, 300, 16), Qt::AlignCenter, l.role);
    if (l.app_x >= 0) {
      p.setFont(addr_font);
      p.setPen(QColor(0x6d, 0x4c, 0x41));
      p.drawText(QRect(l.app_x - kAppW / 2, 20, kAppW, 18), Qt::AlignCenter, QStringLiteral("socket calls"));
      p.setFont(role_font);
      p.drawText(QRect(l.app_x - kAppW / 2, 37, kAppW, 16), Qt::AlignCenter, l.role + QStringLiteral(" process"));
    }
  }
}

}  // namespace wirelab::gui
