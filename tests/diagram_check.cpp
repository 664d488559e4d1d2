#include "diagram_check.hpp"

#include <unistd.h>

#include <filesystem>
#include <functional>
#include <fstream>
#include <regex>
#include <sstream>

#include "corpus_support.hpp"

namespace wirelab::test {

namespace {

// Runs `command` on `text` written to a scratch file (its path replaces {}); "" on status 0
// with stdout starting with `expect`, else the status and output.
std::string verdict(const std::string& text, const std::string& suffix, const std::string& before,
                    const std::string& after, const std::string& expect) {
  const std::filesystem::path p = std::filesystem::temp_directory_path() /
                                  ("wirelab_diagram_" + std::to_string(::getpid()) + "_" +
                                   std::to_string(std::hash<std::string>{}(text)) + suffix);
  std::ofstream(p, std::ios::binary) << text;
  std::string out;
  const int status = run_command(before + "'" + p.string() + "'" + after + " 2>&1", out);
  std::filesystem::remove(p);
  if (status == 0 && out.rfind(expect, 0) == 0) return "";
  return "status " + std::to_string(status) + ": " + out;
}

}  // namespace

std::size_t count_lines_matching(const std::string& text, const std::string& re) {
  std::istringstream in(text);
  const std::regex r(re);
  std::size_t n = 0;
  for (std::string line; std::getline(in, line);) n += std::regex_search(line, r);
  return n;
}

bool tool_available(const std::string& name) {
  std::string out;
  return run_command("command -v " + name + " >/dev/null 2>&1", out) == 0;
}

std::string plantuml_verdict(const std::string& text) { return verdict(text, ".puml", "plantuml -syntax < ", "", "SEQUENCE"); }

std::string xml_verdict(const std::string& text) { return verdict(text, ".svg", "xmllint --noout ", "", ""); }

}  // namespace wirelab::test
