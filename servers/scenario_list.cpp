#include "servers/scenario_list.hpp"

namespace wirelab::servers {

const std::vector<NamedHelp>& model_list() {
  static const std::vector<NamedHelp> models;
  return models;
}

const std::vector<NamedHelp>& scenario_list() {
  static const std::vector<NamedHelp> scenarios;
  return scenarios;
}

}  // namespace wirelab::servers
