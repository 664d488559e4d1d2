#include "gui/packet_detail_tree.hpp"

#include <QHeaderView>

#include "decode/fields.hpp"

namespace wirelab::gui {

namespace {

QString frame_heading(const decode::Packet& p) {
  return QString("Frame %1: %2 bytes on wire (%3 bits), %4 bytes captured (%5 bits)")
      .arg(p.number)
      .arg(p.wire_len)
      .arg(std::uint64_t{p.wire_len} * 8)
      .arg(p.cap_len())
      .arg(std::uint64_t{p.cap_len()} * 8);
}

// The fields Wireshark repeats in a layer's heading ("Src: ..., Dst: ..."): presentation only,
// the values come from the registry like every other node.
struct HeadingField {
  decode::Proto proto;
  std::string_view field;
  std::string_view label;
};
constexpr HeadingField kHeadingFields[] = {
    {decode::Proto::Eth, "eth.src", "Src"},          {decode::Proto::Eth, "eth.dst", "Dst"},
    {decode::Proto::Ipv4, "ip.src", "Src"},          {decode::Proto::Ipv4, "ip.dst", "Dst"},
    {decode::Proto::Tcp, "tcp.srcport", "Src Port"}, {decode::Proto::Tcp, "tcp.dstport", "Dst Port"},
    {decode::Proto::Tcp, "tcp.seq", "Seq"},          {decode::Proto::Tcp, "tcp.ack", "Ack"},
    {decode::Proto::Tcp, "tcp.len", "Len"},          {decode::Proto::Udp, "udp.srcport", "Src Port"},
    {decode::Proto::Udp, "udp.dstport", "Dst Port"},
};

QString layer_heading(const decode::FieldContext& ctx, const decode::Layer& l) {
  if (l.proto == decode::Proto::Frame) return frame_heading(ctx.packet);
  QString s = QString::fromUtf8(decode::proto_long_name(l.proto));
  decode::FieldValues values;
  std::string text;
  for (const HeadingField& h : kHeadingFields) {
    if (h.proto != l.proto) continue;
    const decode::FieldDef* def = decode::FieldRegistry::instance().find(h.field);
    if (!def) continue;
    values.clear();
    def->extract(ctx, l, values);
    if (values.empty()) continue;
    text.clear();
    decode::format_value(*def, values[0], text);
    s += QStringLiteral(", %1: %2").arg(QString::fromUtf8(h.label), QString::fromStdString(text));
  }
  if (l.depth > 0) s += QStringLiteral(" (quoted in the error)");
  return s;
}

// Truncated captures, length fields that lie and bad values read differently, as in Wireshark.
QString problem_heading(const decode::DecodeError& e) {
  const QString msg = QString::fromStdString(e.message());
  switch (e.kind) {
    case decode::ErrorKind::Truncated: return QStringLiteral("[Packet size limited during capture: %1]").arg(msg);
    case decode::ErrorKind::LengthMismatch: return QStringLiteral("[Malformed Packet: %1]").arg(msg);
    case decode::ErrorKind::Invalid: return QStringLiteral("[Invalid value: %1]").arg(msg);
  }
  return msg;
}

void set_range(QTreeWidgetItem* item, int source, qsizetype offset, qsizetype length) {
  item->setData(0, PacketDetailTree::kSourceRole, source);
  item->setData(0, PacketDetailTree::kOffsetRole, offset);
  item->setData(0, PacketDetailTree::kLengthRole, length);
}

}  // namespace

PacketDetailTree::PacketDetailTree(QWidget* parent) : QTreeWidget(parent) {
  setHeaderHidden(true);
  setColumnCount(1);
  setUniformRowHeights(true);
  header()->setStretchLastSection(true);
  connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* cur, QTreeWidgetItem*) { onCurrentChanged(cur); });
  connect(this, &QTreeWidget::itemExpanded, this, [this](QTreeWidgetItem* it) {
    if (!it->parent()) expanded_.insert(it->data(0, kFieldRole).toString());
  });
  connect(this, &QTreeWidget::itemCollapsed, this, [this](QTreeWidgetItem* it) {
    if (!it->parent()) expanded_.remove(it->data(0, kFieldRole).toString());
  });
}

void PacketDetailTree::clearPacket() { clear(); }

void PacketDetailTree::showPacket(const MaterializedPacket& m) {
  const decode::FieldRegistry& reg = decode::FieldRegistry::instance();
  const decode::FieldContext ctx = m.context();
  const decode::Packet& p = m.packet;
  QSet<QString> keep_open = expanded_;
  clear();
  decode::FieldValues values;
  std::string text;
  QList<QTreeWidgetItem*> tops;
  for (const decode::Layer& layer : p.layers) {
    auto* top = new QTreeWidgetItem(QStringList(layer_heading(ctx, layer)));
    const QString proto_name = QString::fromUtf8(decode::proto_filter_name(layer.proto));
    top->setData(0, kFieldRole, proto_name);
    top->setToolTip(0, proto_name);
    set_range(top, layer.source, layer.offset, layer.proto == decode::Proto::Frame ? p.cap_len() : layer.header_len);
    top->setData(0, kLayerOffsetRole, layer.offset);
    top->setData(0, kLayerLengthRole, layer.proto == decode::Proto::Frame ? p.cap_len() : layer.length);
    // parents[d] is the last node at tree depth d; a field at depth d hangs under parents[d-1].
    std::vector<QTreeWidgetItem*> parents{top};
    for (const std::uint16_t id : reg.of(layer.proto)) {
      const decode::FieldDef& def = reg.at(id);
      if (def.type == decode::FieldType::Protocol) continue;
      values.clear();
      def.extract(ctx, layer, values);
      for (const decode::FieldValue& v : values) {
        text.clear();
        decode::format_value(def, v, text);
        QString line = QString::fromUtf8(def.label) + QStringLiteral(": ") + QString::fromStdString(text);
        // Values computed rather than read from the bytes are bracketed, as Wireshark does.
        if (v.length == 0) line = QLatin1Char('[') + line + QLatin1Char(']');
        const std::size_t depth = std::max<std::size_t>(1, def.tree_depth);
        QTreeWidgetItem* parent = parents[std::min(depth - 1, parents.size() - 1)];
        auto* item = new QTreeWidgetItem(parent, QStringList(line));
        const QString name = QString::fromUtf8(def.name);
        item->setData(0, kFieldRole, name);
        item->setToolTip(0, QStringLiteral("%1 (%2 byte%3 at offset %4)")
                                .arg(name)
                                .arg(v.length)
                                .arg(v.length == 1 ? "" : "s")
                                .arg(v.offset));
        set_range(item, v.source, v.offset, v.length);
        item->setData(0, kLayerOffsetRole, layer.offset);
        item->setData(0, kLayerLengthRole, layer.length);
        parents.resize(depth);
        parents.push_back(item);
      }
    }
    tops.push_back(top);
  }
  if (p.problem) {
    auto* bad = new QTreeWidgetItem(QStringList(problem_heading(*p.problem)));
    const QColor red(0xc0, 0x10, 0x10);
    bad->setForeground(0, QColor(Qt::white));
    bad->setBackground(0, red);
    bad->setData(0, kFieldRole, QStringLiteral("_ws.malformed"));
    bad->setToolTip(0, QStringLiteral("%1 in %2, field %3, at offset %4")
                           .arg(QString::fromUtf8(decode::to_string(p.problem->kind)))
                           .arg(QString::fromUtf8(decode::proto_filter_name(p.problem->layer)))
                           .arg(QString::fromUtf8(p.problem->field))
                           .arg(p.problem->offset));
    const qsizetype cap = p.cap_len();
    const qsizetype at = std::min<qsizetype>(p.problem->offset, cap);
    set_range(bad, 0, at, cap > at ? cap - at : 0);
    tops.push_back(bad);
  }
  addTopLevelItems(tops);
  for (QTreeWidgetItem* t : tops)
    if (keep_open.contains(t->data(0, kFieldRole).toString())) t->setExpanded(true);
  expanded_ = keep_open;
}

QTreeWidgetItem* PacketDetailTree::findField(const QString& name) const {
  for (QTreeWidgetItemIterator it(const_cast<PacketDetailTree*>(this)); *it; ++it)
    if ((*it)->data(0, kFieldRole).toString() == name) return *it;
  return nullptr;
}

bool PacketDetailTree::selectByte(int source, qsizetype offset) {
  QTreeWidgetItem* best = nullptr;
  qsizetype best_len = 0;
  for (QTreeWidgetItemIterator it(this); *it; ++it) {
    const QTreeWidgetItem* item = *it;
    if (item->data(0, kSourceRole).toInt() != source) continue;
    const qsizetype off = item->data(0, kOffsetRole).toLongLong();
    const qsizetype len = item->data(0, kLengthRole).toLongLong();
    if (len <= 0 || offset < off || offset >= off + len) continue;
    // Narrowest wins; on a tie the first in the tree (tcp.srcport before tcp.port) does.
    if (!best || len < best_len) {
      best = *it;
      best_len = len;
    }
  }
  if (!best) return false;
  for (QTreeWidgetItem* up = best->parent(); up; up = up->parent()) up->setExpanded(true);
  setCurrentItem(best);
  scrollToItem(best);
  return true;
}

void PacketDetailTree::onCurrentChanged(QTreeWidgetItem* current) {
  if (!current) return;
  const int source = current->data(0, kSourceRole).toInt();
  emit rangeSelected(ByteRange{source, current->data(0, kOffsetRole).toLongLong(), current->data(0, kLengthRole).toLongLong()},
                     ByteRange{source, current->data(0, kLayerOffsetRole).toLongLong(),
                               current->data(0, kLayerLengthRole).toLongLong()});
}

}  // namespace wirelab::gui
