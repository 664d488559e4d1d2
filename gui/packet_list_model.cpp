#include "gui/packet_list_model.hpp"

#include <QBrush>
#include <QTimer>

#include "decode/summary.hpp"

namespace wirelab::gui {

namespace {
QString time_text(std::int64_t rel_ns) {
  return QString::number(static_cast<double>(rel_ns) / 1e9, 'f', 6);
}
}  // namespace

PacketListModel::PacketListModel(QObject* parent) : QAbstractTableModel(parent), cache_(kCacheSlots) {}

int PacketListModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid()) return 0;
  return static_cast<int>(visible_ ? visible_->size() : store_.size());
}

int PacketListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : kColumnCount; }

std::size_t PacketListModel::packetIndex(int row) const {
  return visible_ ? (*visible_)[static_cast<std::size_t>(row)] : static_cast<std::size_t>(row);
}

int PacketListModel::rowOfPacket(std::size_t index) const {
  if (index >= store_.size()) return -1;
  if (!visible_) return static_cast<int>(index);
  const auto it = std::lower_bound(visible_->begin(), visible_->end(), index);
  if (it == visible_->end() || *it != index) return -1;
  return static_cast<int>(it - visible_->begin());
}

const PacketListModel::RowText& PacketListModel::text(std::size_t index) const {
  RowText& slot = cache_[index % kCacheSlots];
  if (slot.index == index) return slot;
  store_.materialize(index, scratch_);
  const decode::PacketSummary s = decode::summarize(scratch_.context());
  slot.index = index;
  slot.source = QString::fromStdString(s.src);
  slot.destination = QString::fromStdString(s.dst);
  slot.protocol = QString::fromStdString(s.protocol);
  slot.info = QString::fromStdString(s.info);
  return slot;
}

QVariant PacketListModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const std::size_t i = packetIndex(index.row());
  const PacketRecord& r = store_.record(i);
  switch (role) {
    case Qt::DisplayRole:
      switch (index.column()) {
        case kNumber: return QString::number(i + 1);
        case kTime: return time_text(r.ts_ns - store_.first_ts_ns());
        case kSource: return text(i).source;
        case kDestination: return text(i).destination;
        case kProtocol: return text(i).protocol;
        case kLength: return QString::number(r.wire_len);
        case kInfo: return text(i).info;
        default: return {};
      }
    case Qt::BackgroundRole: return QBrush(row_colors(r.row_class, r.marks).background);
    case Qt::ForegroundRole: return QBrush(row_colors(r.row_class, r.marks).foreground);
    case Qt::TextAlignmentRole:
      if (index.column() == kNumber || index.column() == kTime || index.column() == kLength)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
      return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ToolTipRole:
      if (index.column() == kInfo) return text(i).info;
      return {};
    default: return {};
  }
}

QVariant PacketListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  static const char* const kTitles[kColumnCount] = {"No.", "Time", "Source", "Destination", "Protocol", "Length", "Info"};
  return section >= 0 && section < kColumnCount ? QString(kTitles[section]) : QVariant();
}

void PacketListModel::appendBatch(std::shared_ptr<PacketBatch> batch) {
  if (!batch || batch->empty()) return;
  queued_packets_ += batch->size();
  queued_.push_back(std::move(batch));
  scheduleFlush();
}

void PacketListModel::scheduleFlush() {
  if (flush_scheduled_) return;
  flush_scheduled_ = true;
  QTimer::singleShot(0, this, [this] { flush(); });
}

void PacketListModel::flush() {
  flush_scheduled_ = false;
  if (queued_.empty()) return;
  std::vector<std::shared_ptr<PacketBatch>> batches;
  batches.swap(queued_);
  const std::size_t added = queued_packets_;
  queued_packets_ = 0;
  const int first = rowCount();
  if (!visible_) {
    beginInsertRows({}, first, first + static_cast<int>(added) - 1);
    for (auto& b : batches) store_.append(std::move(*b));
    endInsertRows();
  } else {
    const std::size_t from = store_.size();
    for (auto& b : batches) store_.append(std::move(*b));
    std::vector<std::uint32_t> shown;
    for (std::size_t i = from; i < store_.size(); ++i)
      if (filter_(store_, i)) shown.push_back(static_cast<std::uint32_t>(i));
    if (!shown.empty()) {
      beginInsertRows({}, first, first + static_cast<int>(shown.size()) - 1);
      visible_->insert(visible_->end(), shown.begin(), shown.end());
      endInsertRows();
    }
  }
  emit rowsFlushed(rowCount());
}

void PacketListModel::clear() {
  beginResetModel();
  queued_.clear();
  queued_packets_ = 0;
  store_.clear();
  filter_ = nullptr;
  visible_.reset();
  for (RowText& t : cache_) t.index = static_cast<std::size_t>(-1);
  endResetModel();
}

void PacketListModel::setRowFilter(RowFilter filter) {
  beginResetModel();
  filter_ = std::move(filter);
  std::vector<std::uint32_t> shown;
  for (std::size_t i = 0; i < store_.size(); ++i)
    if (filter_(store_, i)) shown.push_back(static_cast<std::uint32_t>(i));
  visible_ = std::move(shown);
  endResetModel();
}

void PacketListModel::clearRowFilter() {
  if (!visible_) return;
  beginResetModel();
  filter_ = nullptr;
  visible_.reset();
  endResetModel();
}

}  // namespace wirelab::gui
