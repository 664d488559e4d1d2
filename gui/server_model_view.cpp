#include "gui/server_model_view.hpp"

#include <QPainter>

#include <algorithm>

#include "gui/paint_helpers.hpp"
#include "gui/timeline_renderer.hpp"

namespace wirelab::gui {

namespace {

QString addr_text(const decode::SockAddr& a) {
  return QStringLiteral("%1.%2.%3.%4:%5")
      .arg(a.ip >> 24)
      .arg((a.ip >> 16) & 0xff)
      .arg((a.ip >> 8) & 0xff)
      .arg(a.ip & 0xff)
      .arg(a.port);
}

QString state_text(decode::TcpState s) { return QString::fromUtf8(decode::to_string(s)); }

// A connection's state on one side: the last item at or before `t` that says.
decode::TcpState state_at(const decode::SequenceDiagram& d, std::size_t node, std::int64_t t) {
  decode::TcpState s = decode::TcpState::Unknown;
  for (const auto& it : d.items) {
    if (it.time_ns > t) break;
    if (it.state_after[node] != decode::TcpState::Unknown) s = it.state_after[node];
  }
  return s;
}

// One rounded "chip": a socket, coloured by its TCP state.
int paint_chip(QPainter& p, int x, int y, const QString& text, QColor fill, bool dashed = false) {
  const QFontMetrics fm(p.font());
  const int w = fm.horizontalAdvance(text) + 16;
  p.setPen(QPen(fill.darker(150), 1, dashed ? Qt::DashLine : Qt::SolidLine));
  p.setBrush(fill);
  p.drawRoundedRect(QRect(x, y, w, 22), 6, 6);
  p.setPen(QColor(0x21, 0x21, 0x21));
  p.drawText(QRect(x, y, w, 22), Qt::AlignCenter, text);
  p.setBrush(Qt::NoBrush);
  return w;
}

}  // namespace

ServerModelView::ServerModelView(QWidget* parent) : QWidget(parent) {
  setBackgroundRole(QPalette::Base);
  setAutoFillBackground(true);
  setMinimumSize(640, 360);
}

void ServerModelView::setRun(QString model, std::vector<decode::SocketEvent> events,
                             std::vector<decode::SequenceDiagram> connections) {
  model_ = std::move(model);
  events_ = std::move(events);
  std::stable_sort(events_.begin(), events_.end(), [](const auto& a, const auto& b) { return a.ts_ns < b.ts_ns; });
  connections_ = std::move(connections);
  setTime(firstTime());
}

std::int64_t ServerModelView::firstTime() const {
  std::vector<std::int64_t> starts;
  if (!events_.empty()) starts.push_back(events_.front().ts_ns);
  for (const auto& d : connections_)
    if (!d.items.empty()) starts.push_back(d.items.front().time_ns);
  return starts.empty() ? 0 : *std::min_element(starts.begin(), starts.end());
}

std::int64_t ServerModelView::lastTime() const {
  std::int64_t t = events_.empty() ? 0 : events_.back().ts_ns;
  for (const auto& d : connections_)
    if (!d.items.empty()) t = std::max(t, d.items.back().time_ns);
  return t;
}

std::int64_t ServerModelView::busiestTime() const {
  std::int64_t best_t = lastTime();
  std::size_t best = 0, seen = 0;
  for (const decode::SocketEvent& e : events_) {
    if (!is_server_actor(e.actor)) continue;
    if (++seen > 4000) break;  // replaying is quadratic; a long run starts at its end
    const std::size_t open = replay_server(events_, e.ts_ns).sockets.size();
    if (open > best) {
      best = open;
      best_t = e.ts_ns;
    }
  }
  return best_t;
}

void ServerModelView::setTime(std::int64_t time_ns) {
  snapshot_ = replay_server(events_, time_ns);
  update();
}

decode::TcpState ServerModelView::serverStateOf(const decode::SockAddr& peer) const {
  const std::string key = addr_text(peer).toStdString();
  for (const auto& d : connections_)
    if (!d.nodes.empty() && d.nodes[0].address == key) return state_at(d, 1, snapshot_.time_ns);
  return decode::TcpState::Unknown;
}

std::vector<ServerModelView::ConnectionState> ServerModelView::connectionStates() const {
  std::vector<ConnectionState> out;
  for (const auto& d : connections_) {
    if (d.nodes.size() < 2 || d.items.empty() || d.items.front().time_ns > snapshot_.time_ns) continue;
    ConnectionState c{.client = QString::fromStdString(d.nodes[0].address),
                      .client_state = state_at(d, 0, snapshot_.time_ns),
                      .server_state = state_at(d, 1, snapshot_.time_ns)};
    for (const auto& peer : snapshot_.accepted_peers)
      if (addr_text(peer).toStdString() == d.nodes[0].address) c.accepted = true;
    out.push_back(c);
  }
  return out;
}

void ServerModelView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), Qt::white);
  const int margin = 14;
  int y = margin;
  p.setFont(sized(font(), 10, true));
  p.setPen(QColor(0x0d, 0x47, 0xa1));
  const double rel_ms = static_cast<double>(snapshot_.time_ns - firstTime()) / 1e6;
  p.drawText(margin, y + 14, tr("Server model: %1   ·   t = %2 ms").arg(model_.isEmpty() ? tr("unknown") : model_).arg(rel_ms, 0, 'f', 3));
  y += 24;
  if (snapshot_.last) {
    p.setFont(sized(font(), 8.5));
    p.setPen(QColor(0x61, 0x61, 0x61));
    const auto& e = *snapshot_.last;
    QString last = tr("last server call: %1 %2").arg(QString::fromStdString(e.actor), QString::fromUtf8(decode::to_string(e.call)));
    if (e.fd >= 0) last += tr(" fd %1").arg(e.fd);
    if (!e.detail.empty()) last += QStringLiteral(" — ") + QString::fromStdString(e.detail);
    p.drawText(margin, y + 12, last);
    y += 22;
  }
  const int w = width() - 2 * margin;
  y = paintListener(p, margin, y + 6, w);
  y = paintWorkers(p, margin, y + 10, w);
  y = paintConnections(p, margin, y + 10, w);
  paintRecentCalls(p, margin, y + 6, w, height() - margin);
}

int ServerModelView::paintListener(QPainter& p, int x, int y, int w) const {
  const ServerSocket* listener = nullptr;
  for (const ServerSocket& s : snapshot_.sockets)
    if (s.listening) listener = &s;
  const int h = 70;
  paint_titled_box(p, QRect(x, y, w, h), QColor(0x90, 0xa4, 0xae), QColor(0xec, 0xef, 0xf1), QColor(0x37, 0x47, 0x4f),
                   listener ? tr("Listening socket fd %1 on %2").arg(listener->fd).arg(addr_text(listener->local))
                            : tr("No listening socket"));
  p.setPen(QColor(0x37, 0x47, 0x4f));
  // The kernel's queues: handshakes in progress (SYN-RECEIVED) and completed connections
  // waiting for accept() (ESTABLISHED on the server side, not yet accepted).
  p.setFont(sized(font(), 8.5));
  int cx = x + 10;
  p.drawText(cx, y + 48, tr("accept queue:"));
  cx += 92;
  bool any = false;
  for (const ConnectionState& c : connectionStates()) {
    if (c.accepted) continue;
    if (c.server_state != decode::TcpState::Established && c.server_state != decode::TcpState::SynReceived) continue;
    cx += paint_chip(p, cx, y + 34, c.client + QStringLiteral(" ") + state_text(c.server_state), state_color(c.server_state),
                     c.server_state == decode::TcpState::SynReceived) + 6;
    any = true;
  }
  if (!any) {
    p.setPen(QColor(0x9e, 0x9e, 0x9e));
    p.drawText(cx, y + 48, tr("empty"));
  }
  return y + h;
}

int ServerModelView::paintWorkers(QPainter& p, int x, int y, int w) const {
  const bool loop = model_.startsWith("select") || model_.startsWith("poll") || model_.startsWith("epoll") ||
                    model_.startsWith("nonblocking") || model_.startsWith("coroutine");
  // An event loop is one box per process (its threads share one loop); otherwise one box per
  // process or thread that is alive.
  std::vector<const ServerWorker*> workers;
  for (const ServerWorker& wk : snapshot_.workers) {
    if (!wk.alive) continue;
    if (loop && std::any_of(workers.begin(), workers.end(), [&](const ServerWorker* o) { return o->pid == wk.pid; })) continue;
    workers.push_back(&wk);
  }
  const int cols = std::max(1, std::min<int>(3, static_cast<int>(workers.size())));
  const int box_w = (w - (cols - 1) * 10) / cols;
  int bottom = y;
  for (std::size_t i = 0; i < workers.size(); ++i) {
    const ServerWorker& wk = *workers[i];
    const int bx = x + static_cast<int>(i % static_cast<std::size_t>(cols)) * (box_w + 10);
    const int by = y + static_cast<int>(i / static_cast<std::size_t>(cols)) * 150;
    // Each connection appears once: under the thread that last used it, else its process.
    std::vector<const ServerSocket*> mine;
    for (const ServerSocket& s : snapshot_.sockets) {
      if (s.listening || s.pid != wk.pid) continue;
      const bool user_alive = std::any_of(workers.begin(), workers.end(), [&](const ServerWorker* o) {
        return o->pid == s.pid && o->tid == s.tid;
      });
      if (loop || s.tid == wk.tid || (!user_alive && wk.tid == wk.pid)) mine.push_back(&s);
    }
    const int h = 140;
    const QString title = loop ? tr("event loop · pid %1").arg(wk.pid)
                               : wk.process ? tr("process %1").arg(wk.pid) : tr("thread %1 (pid %2)").arg(wk.tid).arg(wk.pid);
    paint_titled_box(p, QRect(bx, by, box_w, h), QColor(0x7e, 0x57, 0xc2), QColor(0xf3, 0xe5, 0xf5), QColor(0x4a, 0x14, 0x8c),
                     title);
    p.setFont(sized(font(), 8.5));
    int cy = by + 28;
    if (loop) {
      p.setPen(QColor(0x4a, 0x14, 0x8c));
      const QString set_name = model_.startsWith("epoll") ? tr("interest list") : model_.startsWith("coroutine") ? tr("coroutines") : tr("watched fds");
      p.drawText(bx + 10, cy + 15, set_name + QLatin1Char(':'));
      cy += 22;
    }
    int cx = bx + 10;
    // The listener sits in an event loop's watched set too (readable = a connection to accept).
    if (loop)
      for (const ServerSocket& s : snapshot_.sockets)
        if (s.listening && s.pid == wk.pid)
          cx += paint_chip(p, cx, cy, tr("listener fd %1").arg(s.fd), QColor(0xcf, 0xd8, 0xdc)) + 6;
    for (const ServerSocket* s : mine) {
      const decode::TcpState st = serverStateOf(s->peer);
      QString text = tr("fd %1 ↔ %2").arg(s->fd).arg(addr_text(s->peer));
      if (st != decode::TcpState::Unknown) text += QStringLiteral(" ") + state_text(st);
      if (s->suspended) text += tr(" · suspended");
      const int chip_w = QFontMetrics(p.font()).horizontalAdvance(text) + 16;
      if (cx + chip_w > bx + box_w - 10 && cx > bx + 10) {
        cx = bx + 10;
        cy += 26;
      }
      cx += paint_chip(p, cx, cy, text, st == decode::TcpState::Unknown ? QColor(0xe0, 0xe0, 0xe0) : state_color(st), s->suspended) + 6;
    }
    if (mine.empty()) {
      p.setPen(QColor(0x9e, 0x9e, 0x9e));
      p.drawText(cx, cy + 15, tr("no connection"));
    }
    if (loop && !snapshot_.wakeup.empty()) {
      p.setPen(QColor(0x4a, 0x14, 0x8c));
      const double ago = static_cast<double>(snapshot_.time_ns - snapshot_.wakeup_ns) / 1e6;
      p.drawText(QRect(bx + 10, by + h - 40, box_w - 20, 34), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                 tr("last wake-up (%1 ms ago): %2").arg(ago, 0, 'f', 3).arg(QString::fromStdString(snapshot_.wakeup)));
    }
    bottom = std::max(bottom, by + h);
  }
  return bottom;
}

int ServerModelView::paintConnections(QPainter& p, int x, int y, int w) const {
  p.setFont(sized(font(), 9, true));
  p.setPen(QColor(0x37, 0x47, 0x4f));
  p.drawText(x, y + 14, tr("Connections (client state → server state)"));
  p.setFont(sized(font(), 8.5));
  int cy = y + 22, cx = x;
  for (const ConnectionState& c : connectionStates()) {
    const QString text = QStringLiteral("%1  %2 | %3").arg(c.client, state_text(c.client_state), state_text(c.server_state));
    const int chip_w = QFontMetrics(p.font()).horizontalAdvance(text) + 16;
    if (cx + chip_w > x + w && cx > x) {
      cx = x;
      cy += 26;
    }
    cx += paint_chip(p, cx, cy, text, state_color(c.client_state).lighter(115)) + 6;
  }
  if (connections_.empty()) {
    p.setPen(QColor(0x9e, 0x9e, 0x9e));
    p.drawText(x, cy + 15, tr("(the conversation trackers give each connection's states)"));
  }
  return cy + 26;
}

// The journal around the cursor: the last server calls, newest at the bottom.
void ServerModelView::paintRecentCalls(QPainter& p, int x, int y, int w, int bottom) const {
  p.setFont(sized(font(), 9, true));
  p.setPen(QColor(0x37, 0x47, 0x4f));
  p.drawText(x, y + 14, tr("Server calls up to this moment"));
  const QFont mono = sized(QFont(QStringLiteral("DejaVu Sans Mono")), 8);
  p.setFont(mono);
  const int line = QFontMetrics(mono).height() + 2;
  const int rows = std::max(0, (bottom - y - 24) / line);
  std::vector<const decode::SocketEvent*> shown;
  for (const decode::SocketEvent& e : events_) {
    if (e.ts_ns > snapshot_.time_ns) break;
    if (is_server_actor(e.actor)) shown.push_back(&e);
  }
  if (shown.size() > static_cast<std::size_t>(rows)) shown.erase(shown.begin(), shown.end() - rows);
  int cy = y + 24;
  const std::int64_t t0 = firstTime();
  for (const decode::SocketEvent* e : shown) {
    QString text = QStringLiteral("%1 ms  %2  %3")
                       .arg(static_cast<double>(e->ts_ns - t0) / 1e6, 9, 'f', 3)
                       .arg(QString::fromStdString(e->actor), -8)
                       .arg(QString::fromUtf8(decode::to_string(e->call)), -12);
    if (e->fd >= 0) text += QStringLiteral(" fd %1").arg(e->fd);
    text += QStringLiteral(" = %1").arg(e->result);
    if (!e->detail.empty()) text += QStringLiteral("  ") + QString::fromStdString(e->detail);
    p.setPen(e == shown.back() ? QColor(0x0d, 0x47, 0xa1) : QColor(0x42, 0x42, 0x42));
    p.drawText(QRect(x, cy, w, line), Qt::AlignLeft | Qt::AlignVCenter, QFontMetrics(mono).elidedText(text, Qt::ElideRight, w));
    cy += line;
  }
}

}  // namespace wirelab::gui
