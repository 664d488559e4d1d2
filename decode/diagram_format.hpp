// The formats a sequence diagram can be written in (`--diagram` of `-z timeline`, the GUI's
// export menu), and one call that writes any of them.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "decode/sequence_item.hpp"

namespace wirelab::decode {

enum class DiagramFormat : std::uint8_t { Text, PlantUml, Mermaid, Svg };

// "text", "plantuml", "mermaid", "svg" -> the format; nullopt for anything else.
std::optional<DiagramFormat> parse_diagram_format(std::string_view name);
inline constexpr std::string_view kDiagramFormatNames = "text, plantuml, mermaid or svg";

std::string write_diagram(const SequenceDiagram& d, DiagramFormat format);

}  // namespace wirelab::decode
