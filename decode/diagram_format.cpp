#include "decode/diagram_format.hpp"

#include "decode/diagram_mermaid.hpp"
#include "decode/diagram_plantuml.hpp"
#include "decode/diagram_svg.hpp"
#include "decode/diagram_text.hpp"

namespace wirelab::decode {

std::optional<DiagramFormat> parse_diagram_format(std::string_view name) {
  if (name == "text") return DiagramFormat::Text;
  if (name == "plantuml") return DiagramFormat::PlantUml;
  if (name == "mermaid") return DiagramFormat::Mermaid;
  if (name == "svg") return DiagramFormat::Svg;
  return std::nullopt;
}

std::string write_diagram(const SequenceDiagram& d, DiagramFormat format) {
  switch (format) {
    case DiagramFormat::Text: return text_diagram(d);
    case DiagramFormat::PlantUml: return plantuml_diagram(d);
    case DiagramFormat::Mermaid: return mermaid_diagram(d);
    case DiagramFormat::Svg: return svg_diagram(d);
  }
  return text_diagram(d);
}

}  // namespace wirelab::decode
