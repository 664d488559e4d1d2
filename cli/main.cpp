// wirelab-cli: the headless front end. tshark's flags where tshark has the feature.
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/options.hpp"

int main(int argc, char** argv) {
  using namespace wirelab::cli;
  Options opts;
  if (auto err = parse_options(argc, argv, opts)) {
    std::fprintf(stderr, "wirelab-cli: %s\n\n%s", err->message.c_str(), usage_text().c_str());
    return 2;
  }
  if (opts.help) {
    std::fputs(usage_text().c_str(), stdout);
    return 0;
  }
  if (opts.version) {
    std::puts("wirelab-cli 0.1.0");
    return 0;
  }
  if (opts.command == "list") return run_list(opts);
  if (opts.command == "lab") return run_lab(opts);
  if (opts.command == "run") return run_run(opts);
  if (!opts.interface.empty()) return run_live(opts);
  if (!opts.read_file.empty()) return run_read(opts);
  std::fprintf(stderr, "wirelab-cli: nothing to do: give -r FILE, -i IFACE, run SCENARIO or list WHAT\n\n%s",
               usage_text().c_str());
  return 2;
}
