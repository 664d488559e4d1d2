// Hex and ASCII dump of a byte buffer, 16 bytes a line, painted directly (no widget per byte).
// One range is highlighted strongly (the selected field) and one lightly (its layer);
// clicking a byte reports its offset so the detail tree can select the field there.
#pragma once
#include <QAbstractScrollArea>
#include <QByteArray>

namespace wirelab::gui {

class HexView : public QAbstractScrollArea {
  Q_OBJECT
 public:
  explicit HexView(QWidget* parent = nullptr);

  void setBytes(QByteArray bytes);
  const QByteArray& bytes() const { return bytes_; }
  // Highlights [offset, offset + length); length 0 clears. Scrolls the range into view.
  void setHighlight(qsizetype offset, qsizetype length);
  void setLayerHighlight(qsizetype offset, qsizetype length);
  qsizetype highlightOffset() const { return hl_offset_; }
  qsizetype highlightLength() const { return hl_length_; }
  // The byte under a point in viewport coordinates, or -1.
  qsizetype byteAt(QPoint pos) const;

  QSize sizeHint() const override;

 signals:
  void byteClicked(qsizetype offset);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  static constexpr int kBytesPerLine = 16;
  int lineCount() const;
  void updateScrollBar();
  int hexColumnX(int byte_in_line) const;
  int asciiColumnX(int byte_in_line) const;

  QByteArray bytes_;
  qsizetype hl_offset_ = 0, hl_length_ = 0;
  qsizetype layer_offset_ = 0, layer_length_ = 0;
  int char_w_ = 8, line_h_ = 16;
};

}  // namespace wirelab::gui
