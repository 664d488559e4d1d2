// The sequence diagram, laid out and painted with QPainter: a dumb renderer of decode/'s
// SequenceDiagram items (conventions item 11). It decides geometry and colours only.
//
//   time |  app       client 127.0.0.1:46000          server 127.0.0.1:7       app
//        |            ‖ SYN-SENT  ---- SYN ------------> ‖ LISTEN
//   0.02 | [connect]  ‖           <--- SYN, ACK -------- ‖ SYN-RECEIVED     handshake shaded
//        |            ‖ ESTABLISHED --- ACK ----------> ‖ ESTABLISHED
//
// One lane per endpoint address:port (two endpoints on one address stay two lanes), each
// with its TCP state as a band that changes at the item that caused it; an application lane
// beside an endpoint when the capture carries its socket calls. Time flows down, either one
// row per item (compressed) or on a real time scale (zoomable).
#pragma once
#include <QPainter>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

#include "gui/row_class.hpp"
#include "decode/sequence_item.hpp"
#include "decode/tcp_state.hpp"

namespace wirelab::gui {

// What the renderer needs to know about a frame beyond the diagram, to colour and mark it.
struct ArrowFacts {
  RowClass row_class = RowClass::Tcp;
  std::uint8_t marks = 0;   // row_mark bits
  bool payload = false;     // carries data (drawn stronger than a bare ACK)
  QStringList badges;       // tracker findings to show: "Retransmission", "Dup ACK", ...
};
using FrameFacts = std::function<ArrowFacts(std::uint64_t frame)>;

enum class TimeScale { Compressed, RealTime };

class TimelineRenderer {
 public:
  // What was drawn, for hit tests and tests.
  struct Lane {
    int diagram = 0;
    int node = 0;
    int x = 0;        // the TCP lifeline
    int app_x = -1;   // the application lane's centre, or -1 without socket events
    QString address;
    QString role;
  };
  struct Arrow {
    std::uint64_t frame = 0;
    int from_x = 0, to_x = 0, y = 0;
    QString label, comment;
    QStringList badges;
  };
  struct EventMark {
    int lane = 0;
    int y = 0;
    QString label;
  };
  struct Band {
    int lane = 0;
    decode::TcpState state = decode::TcpState::Unknown;
    int y1 = 0, y2 = 0;
    std::uint64_t caused_by = 0;  // the frame that moved the endpoint into this state
  };
  struct Phase {
    int diagram = 0;
    decode::SequencePhase phase = decode::SequencePhase::None;
    int y1 = 0, y2 = 0;
    QString name;
  };

  void setDiagrams(std::vector<decode::SequenceDiagram> diagrams);
  void setFrameFacts(FrameFacts facts) { facts_ = std::move(facts); }
  void setScale(TimeScale scale);
  TimeScale scale() const { return scale_; }
  // Real-time zoom: nanoseconds per pixel (smaller = zoomed in).
  void setNsPerPixel(double ns);
  double nsPerPixel() const { return ns_per_px_; }
  void setSelectedFrame(std::uint64_t frame) { selected_ = frame; }
  std::uint64_t selectedFrame() const { return selected_; }

  QSize size() const { return {width_, height_}; }
  // Paints the part of the diagram inside `clip` (diagram coordinates).
  void paint(QPainter& p, const QRect& clip) const;
  // The lane titles (addresses, roles), drawn at the top; the view keeps them in sight.
  void paintHeader(QPainter& p) const;
  static constexpr int kHeaderHeight = 64;
  // The frame of the arrow at `pos` (diagram coordinates), or 0.
  std::uint64_t frameAt(QPoint pos) const;
  int yOfFrame(std::uint64_t frame) const;

  const std::vector<Lane>& lanes() const { return lanes_; }
  const std::vector<Arrow>& arrows() const { return arrows_; }
  const std::vector<EventMark>& events() const { return events_; }
  const std::vector<Band>& bands() const { return bands_; }
  const std::vector<Phase>& phases() const { return phases_; }
  const std::vector<decode::SequenceDiagram>& diagrams() const { return diagrams_; }

 private:
  struct Row {
    int diagram = 0;
    std::size_t item = 0;
    std::int64_t time_ns = 0;
    int y = 0;
  };
  void layout();
  void layoutLanes();
  void layoutRows();
  void layoutBands();
  void layoutPhases();
  int laneOf(int diagram, int node) const;
  int yOfTime(std::int64_t t) const;
  QString timeText(std::int64_t rel_ns) const;

  void paintPhases(QPainter& p) const;
  void paintTimeAxis(QPainter& p, const QRect& clip) const;
  void paintLanes(QPainter& p) const;
  void paintBands(QPainter& p) const;
  void paintArrows(QPainter& p, const QRect& clip) const;
  void paintEvents(QPainter& p, const QRect& clip) const;

  std::vector<decode::SequenceDiagram> diagrams_;
  FrameFacts facts_;
  TimeScale scale_ = TimeScale::Compressed;
  double ns_per_px_ = 0;   // 0: fit on the first layout
  std::uint64_t selected_ = 0;
  std::int64_t t0_ = 0, t_end_ = 0;

  std::vector<Lane> lanes_;
  std::vector<Row> rows_;
  std::vector<Arrow> arrows_;
  std::vector<EventMark> events_;
  std::vector<Band> bands_;
  std::vector<Phase> phases_;
  int width_ = 0, height_ = 0;
};

// The colours the timeline gives each TCP state (also used by the legend).
QColor state_color(decode::TcpState s);

}  // namespace wirelab::gui
