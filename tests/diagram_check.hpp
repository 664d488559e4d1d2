// Judging a written diagram the way a user's tools would: PlantUML's own parser, an XML parser,
// and counting the lines (messages, notes) a reader would see.
#pragma once
#include <cstddef>
#include <string>

namespace wirelab::test {

// Lines of `text` in which the regular expression `re` finds a match.
std::size_t count_lines_matching(const std::string& text, const std::string& re);
// True when `name` is a command on PATH.
bool tool_available(const std::string& name);
// "" when `plantuml -syntax` accepts `text` as a sequence diagram, else what it said.
std::string plantuml_verdict(const std::string& text);
// "" when `xmllint --noout` accepts `text`, else its complaint.
std::string xml_verdict(const std::string& text);

}  // namespace wirelab::test
