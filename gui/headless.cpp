#include "gui/headless.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace wirelab::gui {

namespace {
bool set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}
}  // namespace

bool no_display_available() { return !set("DISPLAY") && !set("WAYLAND_DISPLAY") && !set("QT_QPA_PLATFORM"); }

int run_headless(const char* file) {
  std::vector<std::string> args = {"wirelab-cli"};
  if (file) args.insert(args.end(), {"-r", file});
  else args.insert(args.end(), {"run", "echo", "--model", "epoll-lt"});
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  cli::Options opts;
  if (const auto bad = cli::parse_options(static_cast<int>(args.size()), argv.data(), opts)) {
    std::fprintf(stderr, "wirelab: %s\n", bad->message.c_str());
    return 2;
  }
  return file ? cli::run_read(opts) : cli::run_run(opts);
}

}  // namespace wirelab::gui
