#include "gui/headless.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace wirelab::gui {

namespace {

bool set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0';
}

constexpr char kUsage[] =
    "usage without a display (the window's view printed as text):\n"
    "  wirelab FILE                                    the packets of FILE (as wirelab-cli -r FILE)\n"
    "  wirelab [--scenario NAME] [--model M] [--clients N]\n"
    "                                                  run a scenario (default: echo over epoll-lt)\n"
    "  -Y FILTER, --display-filter FILTER              show only the packets FILTER keeps (as -Y of wirelab-cli)\n";

// The app's options that take a value (main.cpp's QCommandLineParser).
bool takes_value(std::string_view option) {
  for (std::string_view o : {"--select", "--expand", "--field", "--grab", "--size", "--scenario", "--model", "--clients",
                             "--dock", "--conversation", "-Y", "--display-filter"})
    if (option == o) return true;
  return false;
}

}  // namespace

bool no_display_available() { return !set("DISPLAY") && !set("WAYLAND_DISPLAY") && !set("QT_QPA_PLATFORM"); }

int run_headless(int argc, char** argv) {
  std::string file, scenario = "echo", model = "epoll-lt", clients, display_filter;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i], value;
    if (a == "-h" || a == "--help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (a.size() < 2 || a[0] != '-') {
      if (!file.empty()) {
        std::fprintf(stderr, "wirelab: one capture file at a time (got \"%s\" and \"%s\")\n%s", file.c_str(), argv[i], kUsage);
        return 2;
      }
      file = a;
      continue;
    }
    if (const auto eq = a.find('='); eq != std::string_view::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
    } else if (takes_value(a)) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "wirelab: %s needs a value\n%s", argv[i], kUsage);
        return 2;
      }
      value = argv[++i];
    }
    if (a == "--scenario") scenario = value;
    else if (a == "--model") model = value;
    else if (a == "--clients") clients = value;
    else if (a == "-Y" || a == "--display-filter") display_filter = value;
    else if (takes_value(a) || a == "--bench") std::fprintf(stderr, "wirelab: %s is for the window; ignored\n", std::string(a).c_str());
    else {
      std::fprintf(stderr, "wirelab: unknown option %s\n%s", std::string(a).c_str(), kUsage);
      return 2;
    }
  }
  std::vector<std::string> args = {"wirelab-cli"};
  if (!file.empty()) {
    args.insert(args.end(), {"-r", file});
  } else {
    args.insert(args.end(), {"run", scenario, "--model", model});
    if (!clients.empty()) args.insert(args.end(), {"--clients", clients});
  }
  if (!display_filter.empty()) args.insert(args.end(), {"-Y", display_filter});
  std::vector<char*> cli_argv;
  for (std::string& a : args) cli_argv.push_back(a.data());
  cli_argv.push_back(nullptr);
  cli::Options opts;
  if (const auto bad = cli::parse_options(static_cast<int>(args.size()), cli_argv.data(), opts)) {
    std::fprintf(stderr, "wirelab: %s\n", bad->message.c_str());
    return 2;
  }
  return file.empty() ? cli::run_run(opts) : cli::run_read(opts);
}

}  // namespace wirelab::gui
