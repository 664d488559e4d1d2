// Small pieces the UDP, TFTP and raw-socket scenarios share.
#pragma once
#include <algorithm>
#include <memory>

#include "servers/scenario_list.hpp"

namespace wirelab::servers {

// The registry entry of a scenario class S with a static `kInfo`.
template <class S>
ScenarioEntry make_scenario_entry() {
  return {.info = &S::kInfo, .make = []() -> std::unique_ptr<Scenario> { return std::make_unique<S>(); }};
}

// `ms`, cut to what is left of the run (at least 1 ms): every wait ends by the deadline.
inline int bounded_ms(const ScenarioContext& ctx, int ms) {
  return static_cast<int>(std::min<long long>(ms, std::max<long long>(1, ctx.remaining().count())));
}

}  // namespace wirelab::servers
