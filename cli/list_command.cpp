// wirelab-cli list fields|scenarios|models
#include <cstdio>

#include "cli/commands.hpp"
#include "decode/fields.hpp"
#include "servers/lab_scenario.hpp"
#include "servers/scenario_list.hpp"

namespace wirelab::cli {
namespace {

std::string_view type_name(decode::FieldType t) {
  switch (t) {
    case decode::FieldType::Protocol: return "FT_PROTOCOL";
    case decode::FieldType::UInt: return "FT_UINT";
    case decode::FieldType::Int: return "FT_INT";
    case decode::FieldType::Hex: return "FT_UINT (hex)";
    case decode::FieldType::Bool: return "FT_BOOLEAN";
    case decode::FieldType::Ipv4: return "FT_IPv4";
    case decode::FieldType::Ipv6: return "FT_IPv6";
    case decode::FieldType::Mac: return "FT_ETHER";
    case decode::FieldType::String: return "FT_STRING";
    case decode::FieldType::Bytes: return "FT_BYTES";
    case decode::FieldType::AbsTime: return "FT_ABSOLUTE_TIME";
    case decode::FieldType::RelTime: return "FT_RELATIVE_TIME";
    case decode::FieldType::Double: return "FT_DOUBLE";
    case decode::FieldType::FrameNum: return "FT_FRAMENUM";
  }
  return "?";
}

}  // namespace

int run_list(const Options& opts) {
  if (opts.args.size() != 1) {
    std::fprintf(stderr, "wirelab-cli: list takes one of: scenarios, models, fields\n");
    return 2;
  }
  const std::string& what = opts.args[0];
  if (what == "fields") {
    for (const decode::FieldDef& f : decode::FieldRegistry::instance().all())
      std::printf("%s\t%.*s\t%.*s\n", std::string(f.name).c_str(), static_cast<int>(f.label.size()), f.label.data(),
                  static_cast<int>(type_name(f.type).size()), type_name(f.type).data());
    return 0;
  }
  if (what == "scenarios" || what == "models") {
    const auto& list = what == "scenarios" ? servers::scenario_list() : servers::model_list();
    for (const servers::NamedHelp& n : list)
      std::printf("%-16.*s %.*s\n", static_cast<int>(n.name.size()), n.name.data(), static_cast<int>(n.help.size()),
                  n.help.data());
    if (what == "scenarios")  // run with --lab, on the namespaced lab hosts (servers/lab_scenario.hpp)
      for (const servers::LabScenarioEntry& e : servers::lab_scenario_entries())
        std::printf("%-16.*s %.*s (--lab)\n", static_cast<int>(e.info->name.size()), e.info->name.data(),
                    static_cast<int>(e.info->help.size()), e.info->help.data());
    return 0;
  }
  std::fprintf(stderr, "wirelab-cli: list takes one of: scenarios, models, fields (not \"%s\")\n", what.c_str());
  return 2;
}

}  // namespace wirelab::cli
