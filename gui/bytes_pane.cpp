#include "gui/bytes_pane.hpp"

namespace wirelab::gui {

namespace {
QByteArray copy_of(Bytes b) {
  return QByteArray(reinterpret_cast<const char*>(b.data()), static_cast<qsizetype>(b.size()));  // bytes as chars
}
}  // namespace

BytesPane::BytesPane(QWidget* parent) : QTabWidget(parent), frame_(new HexView(this)), reassembled_(new HexView(this)) {
  setTabPosition(QTabWidget::South);
  setDocumentMode(true);
  addTab(frame_, tr("Frame"));
  addTab(reassembled_, tr("Reassembled"));
  setTabVisible(1, false);
  connect(frame_, &HexView::byteClicked, this, [this](qsizetype at) { emit byteClicked(0, at); });
  connect(reassembled_, &HexView::byteClicked, this, [this](qsizetype at) { emit byteClicked(1, at); });
}

void BytesPane::showPacket(const decode::Packet& p) {
  frame_->setBytes(copy_of(p.data));
  setTabText(0, tr("Frame (%1 bytes)").arg(p.cap_len()));
  reassembled_->setBytes(copy_of(Bytes(p.reassembled)));
  setTabText(1, tr("Reassembled IPv4 (%1 bytes)").arg(p.reassembled.size()));
  setTabVisible(1, !p.reassembled.empty());
  setCurrentIndex(0);
}

void BytesPane::clearPacket() {
  frame_->setBytes({});
  reassembled_->setBytes({});
  setTabVisible(1, false);
}

void BytesPane::highlight(ByteRange field, ByteRange layer) {
  HexView* v = view(field.source);
  setCurrentWidget(v);
  v->setLayerHighlight(layer.offset, layer.length);
  v->setHighlight(field.offset, field.length);
}

}  // namespace wirelab::gui
