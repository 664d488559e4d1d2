// The scenarios and concurrency models `wirelab-cli list` prints; filled in by the servers work.
#pragma once
#include <string_view>
#include <vector>

namespace wirelab::servers {

struct NamedHelp {
  std::string_view name;
  std::string_view help;
};

const std::vector<NamedHelp>& model_list();
const std::vector<NamedHelp>& scenario_list();

}  // namespace wirelab::servers
