// Small drawing helpers shared by the custom-painted views (timeline, server model).
#pragma once
#include <QFont>
#include <QPainter>
#include <QString>

namespace wirelab::gui {

// `f` at `pt` points, bold or not.
inline QFont sized(QFont f, qreal pt, bool bold = false) {
  f.setPointSizeF(pt);
  f.setBold(bold);
  return f;
}

// A rounded box with a bold title in its top-left corner (the server model's cards).
inline void paint_titled_box(QPainter& p, const QRect& r, const QColor& border, const QColor& fill, const QColor& ink,
                             const QString& title) {
  p.setPen(QPen(border, 1));
  p.setBrush(fill);
  p.drawRoundedRect(r, 8, 8);
  p.setBrush(Qt::NoBrush);
  p.setFont(sized(p.font(), 9, true));
  p.setPen(ink);
  p.drawText(r.left() + 10, r.top() + 18, title);
}

}  // namespace wirelab::gui
