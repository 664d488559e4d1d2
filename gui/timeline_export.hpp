// Saving a timeline: the whole diagram (not just what is on screen) as SVG or PNG (drawn by
// the renderer, as on screen), or as editable text: PlantUML or Mermaid (decode's writers,
// the same text `wirelab-cli -z timeline,N --diagram plantuml|mermaid` prints).
#pragma once
#include <QString>

#include <vector>

#include "decode/diagram_format.hpp"
#include "decode/sequence_item.hpp"

namespace wirelab::gui {

class TimelineRenderer;

bool export_timeline_svg(const TimelineRenderer& r, const QString& path, const QString& title);
bool export_timeline_png(const TimelineRenderer& r, const QString& path);
// PlantUML: one @startuml block per diagram. Mermaid: one diagram as is; several as a
// Markdown file of ```mermaid blocks (one file can hold only one Mermaid diagram).
bool export_timeline_text(const std::vector<decode::SequenceDiagram>& diagrams, decode::DiagramFormat format,
                          const QString& path);

}  // namespace wirelab::gui
