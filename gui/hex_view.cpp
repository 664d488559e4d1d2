#include "gui/hex_view.hpp"

#include <QFontDatabase>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

namespace wirelab::gui {

namespace {
// Layout in characters: "0000  " offset, then 16 "xx " groups with a gap after 8, then ASCII.
constexpr int kOffsetChars = 6;
constexpr int kHexChars = 16 * 3 + 1;
constexpr int kGapChars = 2;
}  // namespace

HexView::HexView(QWidget* parent) : QAbstractScrollArea(parent) {
  QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  setFont(mono);
  const QFontMetrics fm(mono);
  char_w_ = fm.horizontalAdvance(QLatin1Char('0'));
  line_h_ = fm.height() + 2;
  verticalScrollBar()->setSingleStep(1);
  viewport()->setCursor(Qt::IBeamCursor);
}

QSize HexView::sizeHint() const {
  return {(kOffsetChars + kHexChars + kGapChars + kBytesPerLine + 2) * char_w_, 8 * line_h_};
}

void HexView::setBytes(QByteArray bytes) {
  bytes_ = std::move(bytes);
  hl_offset_ = hl_length_ = layer_offset_ = layer_length_ = 0;
  updateScrollBar();
  verticalScrollBar()->setValue(0);
  viewport()->update();
}

void HexView::setHighlight(qsizetype offset, qsizetype length) {
  hl_offset_ = offset;
  hl_length_ = length;
  if (length > 0) {
    const int line = static_cast<int>(offset / kBytesPerLine);
    QScrollBar* bar = verticalScrollBar();
    const int page = std::max(1, viewport()->height() / line_h_);
    if (line < bar->value() || line >= bar->value() + page) bar->setValue(std::max(0, line - 1));
  }
  viewport()->update();
}

void HexView::setLayerHighlight(qsizetype offset, qsizetype length) {
  layer_offset_ = offset;
  layer_length_ = length;
  viewport()->update();
}

int HexView::lineCount() const { return static_cast<int>((bytes_.size() + kBytesPerLine - 1) / kBytesPerLine); }

void HexView::updateScrollBar() {
  const int page = std::max(1, viewport()->height() / line_h_);
  verticalScrollBar()->setRange(0, std::max(0, lineCount() - page));
  verticalScrollBar()->setPageStep(page);
}

void HexView::resizeEvent(QResizeEvent* event) {
  QAbstractScrollArea::resizeEvent(event);
  updateScrollBar();
}

int HexView::hexColumnX(int b) const { return (kOffsetChars + b * 3 + (b >= 8 ? 1 : 0)) * char_w_ + 4; }
int HexView::asciiColumnX(int b) const { return (kOffsetChars + kHexChars + kGapChars + b) * char_w_ + 4; }

qsizetype HexView::byteAt(QPoint pos) const {
  const int line = verticalScrollBar()->value() + (pos.y() - 2) / line_h_;
  int b = -1;
  for (int i = 0; i < kBytesPerLine; ++i) {
    if (pos.x() >= hexColumnX(i) && pos.x() < hexColumnX(i) + 3 * char_w_) b = i;
    if (pos.x() >= asciiColumnX(i) && pos.x() < asciiColumnX(i) + char_w_) b = i;
  }
  if (b < 0 || line < 0) return -1;
  const qsizetype at = static_cast<qsizetype>(line) * kBytesPerLine + b;
  return at < bytes_.size() ? at : -1;
}

void HexView::mousePressEvent(QMouseEvent* event) {
  const qsizetype at = byteAt(event->position().toPoint());
  if (at >= 0) emit byteClicked(at);
}

void HexView::paintEvent(QPaintEvent*) {
  QPainter p(viewport());
  const QPalette pal = palette();
  p.fillRect(viewport()->rect(), pal.base());
  const QColor field_bg = pal.highlight().color();
  const QColor field_fg = pal.highlightedText().color();
  QColor layer_bg = field_bg;
  layer_bg.setAlpha(45);
  const QColor offset_fg = pal.color(QPalette::PlaceholderText);
  const int first = verticalScrollBar()->value();
  const int visible = viewport()->height() / line_h_ + 1;
  const QFontMetrics fm(font());
  for (int line = first; line < std::min(lineCount(), first + visible); ++line) {
    const int y = (line - first) * line_h_ + 2;
    const int base = y + fm.ascent() + 1;
    p.setPen(offset_fg);
    p.drawText(4, base, QString("%1").arg(line * kBytesPerLine, 4, 16, QLatin1Char('0')));
    for (int b = 0; b < kBytesPerLine; ++b) {
      const qsizetype at = static_cast<qsizetype>(line) * kBytesPerLine + b;
      if (at >= bytes_.size()) break;
      const auto byte = static_cast<unsigned char>(bytes_[at]);
      const bool in_field = at >= hl_offset_ && at < hl_offset_ + hl_length_;
      const bool in_layer = at >= layer_offset_ && at < layer_offset_ + layer_length_;
      // Fill the gap after a byte when the next one is highlighted too, so ranges read as one.
      const bool next_in_field = in_field && at + 1 < hl_offset_ + hl_length_ && b != kBytesPerLine - 1;
      const bool next_in_layer = in_layer && at + 1 < layer_offset_ + layer_length_ && b != kBytesPerLine - 1;
      const int hex_w = (next_in_field || next_in_layer) ? hexColumnX(b + 1) - hexColumnX(b) : 2 * char_w_;
      if (in_field || in_layer) {
        const QColor bg = in_field ? field_bg : layer_bg;
        p.fillRect(QRect(hexColumnX(b) - 1, y, hex_w + 1, line_h_), bg);
        p.fillRect(QRect(asciiColumnX(b), y, char_w_, line_h_), bg);
      }
      p.setPen(in_field ? field_fg : pal.text().color());
      p.drawText(hexColumnX(b), base, QString("%1").arg(byte, 2, 16, QLatin1Char('0')));
      const QChar c = (byte >= 0x20 && byte < 0x7f) ? QChar(byte) : QChar('.');
      p.drawText(asciiColumnX(b), base, QString(c));
    }
  }
}

}  // namespace wirelab::gui
