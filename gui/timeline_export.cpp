#include "gui/timeline_export.hpp"

#include <QFile>
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
  svg.setTitle(title.toHtmlEscaped());  // QSvgGenerator writes it as is: "<->" in a title broke the XML
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

bool export_timeline_text(const std::vector<decode::SequenceDiagram>& diagrams, decode::DiagramFormat format,
                          const QString& path) {
  std::string text;
  const bool fenced = format == decode::DiagramFormat::Mermaid && diagrams.size() > 1;
  for (const decode::SequenceDiagram& d : diagrams) {
    if (!text.empty()) text += "\n";
    if (fenced) text += "## " + d.title + "\n\n```mermaid\n";
    text += decode::write_diagram(d, format);
    if (fenced) text += "```\n";
  }
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
  return f.write(text.data(), static_cast<qint64>(text.size())) == static_cast<qint64>(text.size()) && f.flush();
}

}  // namespace wirelab::gui
