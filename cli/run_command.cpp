// wirelab-cli run SCENARIO [--model M] [--clients N] [--KEY VALUE]... [-w OUT.pcapng] [-q] [-z R]
// Runs the scenario with live capture on lo, then prints packets and socket calls on one time
// axis (or only the reports given with -z), the scenario's findings, and the capture's counters.
#include <unistd.h>

#include <charconv>
#include <cinttypes>
#include <cstdio>
#include <filesystem>

#include "capture/frame_sequence.hpp"
#include "capture/pcapng_writer.hpp"
#include "cli/commands.hpp"
#include "cli/event_line.hpp"
#include "cli/packet_printer.hpp"
#include "servers/scenario_list.hpp"
#include "servers/scenario_runner.hpp"

namespace wirelab::cli {
namespace {

struct RunArgs {
  servers::ScenarioOptions scenario;
  servers::RunnerOptions runner;
  bool lab = false;  // --lab: a lab scenario, on the namespaced hosts (lab_command.cpp)
};

std::optional<std::string> parse_run_args(const Options& opts, RunArgs& out) {
  for (std::size_t i = 0; i < opts.extra.size(); ++i) {
    std::string key = opts.extra[i].substr(2), value;
    if (const auto eq = key.find('='); eq != std::string::npos) {
      value = key.substr(eq + 1);
      key.resize(eq);
    } else if (key == "no-capture") {
      out.runner.capture = false;
      continue;
    } else if (key == "lab") {
      out.lab = true;
      continue;
    } else if (i + 1 < opts.extra.size() && opts.extra[i + 1].rfind("--", 0) != 0) {
      value = opts.extra[++i];
    } else {
      return "--" + key + " needs a value";
    }
    if (key == "model") {
      out.scenario.model = value;
    } else if (key == "clients") {
      int n = 0;
      const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc{} || p != value.data() + value.size() || n < 1 || n > 10000)
        return "--clients takes 1 to 10000, not \"" + value + "\"";
      out.scenario.clients = n;
    } else if (key == "time-limit") {
      int s = 0;
      const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), s);
      if (ec != std::errc{} || p != value.data() + value.size() || s < 1 || s > 600)
        return "--time-limit takes 1 to 600 seconds, not \"" + value + "\"";
      out.scenario.time_limit = std::chrono::seconds(s);
    } else if (key == "interface") {
      out.runner.interface = value;
    } else {
      out.scenario.extra[key] = value;
    }
  }
  return std::nullopt;
}

void print_merged(const Options& opts, const servers::RunReport& report, PacketPrinter& printer) {
  capture::FrameSequence seq;
  const std::int64_t origin = !report.packets.empty() ? report.packets.front().ts_ns
                              : !report.events.empty() ? report.events.front().ts_ns
                                                       : 0;
  const bool text = opts.format == OutputFormat::Text;
  printer.begin();
  std::size_t e = 0;
  for (const capture::CapturedFrame& f : report.packets) {
    for (; text && e < report.events.size() && report.events[e].ts_ns <= f.ts_ns; ++e)
      std::fputs(format_event_line(report.events[e], origin).c_str(), stdout);
    seq.feed(f.view());
    printer.print(seq.context());
  }
  for (; text && e < report.events.size(); ++e) std::fputs(format_event_line(report.events[e], origin).c_str(), stdout);
  printer.end();
}

}  // namespace

int run_run(const Options& opts) {
  if (opts.args.size() != 1) {
    std::fprintf(stderr, "wirelab-cli: run takes one scenario name (see `wirelab-cli list scenarios`)\n");
    return 2;
  }
  RunArgs args;
  if (auto err = parse_run_args(opts, args)) {
    std::fprintf(stderr, "wirelab-cli: %s\n", err->c_str());
    return 2;
  }
  const std::string& name = opts.args[0];
  const servers::ScenarioEntry* entry = servers::find_scenario(name);
  if (args.lab) {
    if (!check_lab_scenario(name, args.scenario)) return 2;
  } else if (!entry) {
    std::fprintf(stderr, "wirelab-cli: unknown scenario \"%s\" (see `wirelab-cli list scenarios`)%s\n", name.c_str(),
                 lab_scenario_hint(name).c_str());
    return 2;
  } else if (entry->info->uses_model && !servers::is_model(args.scenario.model)) {
    std::fprintf(stderr, "wirelab-cli: unknown model \"%s\" (see `wirelab-cli list models`)\n",
                 args.scenario.model.c_str());
    return 2;
  }
  auto printer = PacketPrinter::create(opts, stdout);
  if (!printer) {
    std::fprintf(stderr, "wirelab-cli: %s\n", printer.error().message.c_str());
    return 2;
  }
  std::vector<std::string> interfaces;  // pcapng interfaces; a frame's interface_id indexes them
  auto report = args.lab ? run_lab_scenario_for_cli(name, args.scenario, interfaces)
                         : servers::run_scenario(name, args.scenario, args.runner);
  if (report && !args.lab) interfaces = {report->interface};
  if (!report) {
    std::fprintf(stderr, "wirelab-cli: run %s: %s\n", name.c_str(), report.error().message.c_str());
    if (report.error().message.find("CAP_NET_RAW") != std::string::npos)
      std::fprintf(stderr, "  (or add --no-capture to run it anyway and see only the socket calls)\n");
    return 1;
  }
  // -z reports are computed by the same code as for -r, from the written file (a temporary one
  // when no -w was given), so a report of a run and of its saved file cannot differ.
  std::string file = opts.write_file;
  const bool temp = file.empty() && !opts.reports.empty();
  if (temp)
    file = (std::filesystem::temp_directory_path() / ("wirelab-run-" + std::to_string(::getpid()) + ".pcapng")).string();
  if (!file.empty())
    if (auto err = capture::write_pcapng(file, report->link_type, interfaces, report->packets, report->events)) {
      std::fprintf(stderr, "wirelab-cli: %s\n", err->message.c_str());
      return 1;
    }
  if (!opts.quiet && opts.reports.empty()) print_merged(opts, *report, *printer);
  int status = 0;
  if (!opts.reports.empty()) {
    Options read_opts = opts;
    read_opts.command.clear();
    read_opts.read_file = file;
    read_opts.quiet = true;
    status = run_read(read_opts);
    if (temp) std::filesystem::remove(file);
  }
  for (const std::string& f : report->findings) std::printf("Finding: %s\n", f.c_str());
  if (entry && !opts.quiet && opts.format == OutputFormat::Text)
    std::printf("Lesson: %.*s\n", static_cast<int>(entry->info->lesson.size()), entry->info->lesson.data());
  std::fflush(stdout);
  std::fprintf(stderr, "run %s%s%s: filter \"%s\", %zu socket events; %s\n", name.c_str(),
               report->model.empty() ? "" : " --model ", report->model.c_str(), report->filter.c_str(),
               report->events.size(), args.runner.capture ? report->stats.describe().c_str() : "capture off");
  if (report->scenario_error) {
    std::fprintf(stderr, "wirelab-cli: run %s: %s\n", name.c_str(), report->scenario_error->message.c_str());
    return 1;
  }
  return status;
}

}  // namespace wirelab::cli
