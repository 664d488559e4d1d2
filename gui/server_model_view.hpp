// The server-model view: a scenario's server drawn as its concurrency model has it at the
// moment under the cursor (ServerSnapshot), with every connection's TCP state from the
// trackers' sequence diagrams. The listening socket with its accept queue; one box per
// process (fork), thread (thread) or event loop (select, poll, epoll: the watched set and the
// last wake-up's ready list); suspended coroutines marked.
#pragma once
#include <QWidget>

#include <vector>

#include "decode/sequence_item.hpp"
#include "decode/tcp_state.hpp"
#include "gui/server_replay.hpp"

namespace wirelab::gui {

class ServerModelView : public QWidget {
  Q_OBJECT
 public:
  explicit ServerModelView(QWidget* parent = nullptr);

  void setRun(QString model, std::vector<decode::SocketEvent> events, std::vector<decode::SequenceDiagram> connections);
  void setTime(std::int64_t time_ns);
  std::int64_t time() const { return snapshot_.time_ns; }
  std::int64_t firstTime() const;
  std::int64_t lastTime() const;
  // The moment the server holds the most connections (where the model's structure shows best).
  std::int64_t busiestTime() const;
  const std::vector<decode::SocketEvent>& events() const { return events_; }
  const ServerSnapshot& snapshot() const { return snapshot_; }
  const QString& model() const { return model_; }
  // A connection's state on each side at the current time, found by the client's address.
  struct ConnectionState {
    QString client;
    decode::TcpState client_state = decode::TcpState::Unknown;
    decode::TcpState server_state = decode::TcpState::Unknown;
    bool accepted = false;
  };
  std::vector<ConnectionState> connectionStates() const;

  QSize sizeHint() const override { return {900, 560}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  decode::TcpState serverStateOf(const decode::SockAddr& peer) const;
  int paintListener(QPainter& p, int x, int y, int w) const;
  int paintWorkers(QPainter& p, int x, int y, int w) const;
  int paintConnections(QPainter& p, int x, int y, int w) const;
  void paintRecentCalls(QPainter& p, int x, int y, int w, int bottom) const;

  QString model_;
  std::vector<decode::SocketEvent> events_;
  std::vector<decode::SequenceDiagram> connections_;
  ServerSnapshot snapshot_;
};

}  // namespace wirelab::gui
