#include "gui/timeline_export.hpp"

#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

#include "gui/timeline_renderer.hpp"

namespace wirelab::gui {

bool export_timeline_svg(const TimelineRenderer& r, const QString& path, const QString& title) {
  QSvgGenerator svg;
  svg.setFileName(path);
  svg.setSize(r.size());
  svg.setViewBox(QRect(QPoint(0, 0), r.size()));
  svg.setTitle(title);
  svg.setDescription(QStringLiteral("wirelab sequence diagram"));
  QPainter p;
  if (!p.begin(&svg)) return false;
  r.paint(p, QRect(QPoint(0, 0), r.size()));
  return p.end();
}

bool export_timeline_png(const TimelineRenderer& r, const QString& path) {
  QImage image(r.size(), QImage::Format_RGB32);
  image.fill(Qt::white);
  {
    QPainter p(&image);
    r.paint(p, image.rect());
  }
  return image.save(path, "PNG");
}

}  // namespace wirelab::gui
