// The commands of wirelab-cli; each returns the process exit status (0, 1 runtime, 2 usage).
#pragma once
#include "cli/options.hpp"

namespace wirelab::cli {

int run_read(const Options& opts);   // -r FILE
int run_list(const Options& opts);   // list scenarios|models|fields
int run_live(const Options& opts);   // -i IFACE
int run_run(const Options& opts);    // run SCENARIO

}  // namespace wirelab::cli
