// Saving a timeline: the whole diagram (not just what is on screen) as SVG or PNG.
#pragma once
#include <QString>

namespace wirelab::gui {

class TimelineRenderer;

bool export_timeline_svg(const TimelineRenderer& r, const QString& path, const QString& title);
bool export_timeline_png(const TimelineRenderer& r, const QString& path);

}  // namespace wirelab::gui
