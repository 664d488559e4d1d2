#include "cli/options.hpp"

#include <charconv>
#include <string_view>

#include "decode/diagram_format.hpp"

namespace wirelab::cli {
namespace {

bool parse_u64(std::string_view s, std::uint64_t& v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc{} && p == s.data() + s.size();
}

std::optional<UsageError> parse_E(std::string_view arg, Options& o) {
  const auto eq = arg.find('=');
  if (eq == std::string_view::npos) return UsageError{"-E expects name=value, got \"" + std::string(arg) + "\""};
  const std::string_view name = arg.substr(0, eq), value = arg.substr(eq + 1);
  if (name == "header") {
    if (value != "y" && value != "n") return UsageError{"-E header= takes y or n, not \"" + std::string(value) + "\""};
    o.header = value == "y";
  } else if (name == "separator") {
    if (value == "/t") o.separator = "\t";
    else if (value == "/s") o.separator = " ";
    else if (value.size() == 1) o.separator = std::string(value);
    else return UsageError{"-E separator= takes /t, /s or one character, not \"" + std::string(value) + "\""};
  } else if (name == "aggregator") {
    if (value == "/s") o.occurrence_separator = ' ';
    else if (value == ",") o.occurrence_separator = ',';
    else if (value.size() == 1) o.occurrence_separator = value[0];
    else return UsageError{"-E aggregator= takes one character or /s"};
  } else if (name == "occurrence") {
    if (value != "a") return UsageError{"-E occurrence= supports only a (all occurrences)"};
  } else if (name == "quote") {
    if (value == "d") o.quote = "\"";
    else if (value == "s") o.quote = "'";
    else if (value == "n") o.quote.clear();
    else return UsageError{"-E quote= takes d, s or n"};
  } else {
    return UsageError{"-E " + std::string(name) + "= is not supported (header, separator, aggregator, quote)"};
  }
  return std::nullopt;
}

}  // namespace

std::string usage_text() {
  return "Usage:\n"
         "  wirelab-cli -r FILE [-Y FILTER] [-c N] [-T text|fields|json] [-e FIELD]... [-E header=y|n]\n"
         "              [-E separator=/t|/s|,] [-q] [-z REPORT]... [--export-tftp DIR]\n"
         "              [--diagram text|plantuml|mermaid|svg]\n"
         "  wirelab-cli -i IFACE [-f BPF] [-c N] [-a duration:SEC] [--immediate-mode] [-w OUT.pcapng] [output flags]\n"
         "  wirelab-cli run SCENARIO [--model MODEL] [--clients N] [-w OUT.pcapng] [-q] [-z REPORT]...\n"
         "  wirelab-cli list scenarios|models|fields\n"
         "  wirelab-cli lab up|down|status   (the lab network of namespaced hosts; needs root)\n"
         "\n"
         "\n"
         "Reports (-z):\n"
         "  conv,tcp  conv,udp      tshark's conversation tables\n"
         "  conns                   Zeek conn.log columns + handshake, teardown, time_wait, rtt_ms\n"
         "  timeline,N              sequence diagram of TCP stream N with both endpoints' states\n"
         "  timeline,udp,N          ... of UDP stream N (udp.stream)\n"
         "  timeline,tftp,N         ... of TFTP transfer N (as -z tftp numbers them)\n"
         "  timeline,icmp,N         ... of ICMP echo session N (one ping run)\n"
         "  follow,tcp,ascii,N      stream N's bytes, like tshark\n"
         "  tftp                    one line per TFTP transfer\n"
         "  --diagram FORMAT        timelines as text (default), plantuml, mermaid or svg\n"
         "                          (e.g. -z timeline,0 --diagram plantuml > t.puml; plantuml -tsvg t.puml)\n"
         "\n"
         "  -n is accepted and ignored (wirelab never resolves names).\n";
}

std::optional<UsageError> parse_options(int argc, char** argv, Options& o) {
  int i = 1;
  if (argc > 1) {
    const std::string_view first = argv[1];
    if (first == "run" || first == "list" || first == "lab") {
      o.command = first;
      i = 2;
    }
  }
  auto need_value = [&](std::string_view flag) -> std::optional<UsageError> {
    if (i + 1 >= argc) return UsageError{"option " + std::string(flag) + " needs a value"};
    return std::nullopt;
  };
  for (; i < argc; ++i) {
    std::string_view a = argv[i];
    // tshark accepts "-Tfields" as well as "-T fields".
    std::string attached;
    if (a.size() > 2 && a[0] == '-' && a[1] != '-' && std::string_view("rYcTeEzwifa").find(a[1]) != std::string_view::npos) {
      attached = std::string(a.substr(2));
      a = a.substr(0, 2);
    }
    auto value = [&]() -> std::optional<std::string> {
      if (!attached.empty()) return attached;
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    if (a == "-h" || a == "--help") { o.help = true; continue; }
    if (a == "-v" || a == "--version") { o.version = true; continue; }
    if (a == "-n") continue;
    if (a == "-q") { o.quiet = true; continue; }
    if (a == "-r" || a == "-Y" || a == "-c" || a == "-T" || a == "-e" || a == "-E" || a == "-z" || a == "-w" ||
        a == "-i" || a == "-f" || a == "-a") {
      if (attached.empty())
        if (auto e = need_value(a)) return e;
      const std::string v = *value();
      if (a == "-r") o.read_file = v;
      else if (a == "-Y") o.display_filter = v;
      else if (a == "-w") o.write_file = v;
      else if (a == "-i") o.interface = v;
      else if (a == "-f") o.capture_filter = v;
      else if (a == "-e") o.fields.push_back(v);
      else if (a == "-z") o.reports.push_back(v);
      else if (a == "-E") {
        if (auto e = parse_E(v, o)) return e;
      } else if (a == "-c") {
        std::uint64_t n = 0;
        if (!parse_u64(v, n) || n == 0) return UsageError{"-c takes a positive packet count, not \"" + v + "\""};
        o.count = n;
      } else if (a == "-T") {
        if (v == "text") o.format = OutputFormat::Text;
        else if (v == "fields") o.format = OutputFormat::Fields;
        else if (v == "json") o.format = OutputFormat::Json;
        else return UsageError{"-T takes text, fields or json, not \"" + v + "\""};
      } else if (a == "-a") {
        constexpr std::string_view kPrefix = "duration:";
        std::uint64_t secs = 0;
        if (v.rfind(kPrefix, 0) != 0 || !parse_u64(std::string_view(v).substr(kPrefix.size()), secs) || secs == 0)
          return UsageError{"-a supports duration:SECONDS (a positive whole number), not \"" + v + "\""};
        o.duration_s = static_cast<double>(secs);
      }
      continue;
    }
    if (a == "--export-tftp" || a.rfind("--export-tftp=", 0) == 0) {
      // Writes each TFTP transfer's reassembled file into DIR (like tshark --export-objects tftp,DIR).
      if (a.size() > 13) {
        o.export_tftp_dir = std::string(a.substr(14));
      } else {
        if (i + 1 >= argc) return UsageError{"--export-tftp needs a directory"};
        o.export_tftp_dir = argv[++i];
      }
      continue;
    }
    if (a == "--immediate-mode") {
      // tcpdump's flag: every packet handed over at once (TPACKET_V2) instead of in 5 ms blocks.
      o.immediate_mode = true;
      continue;
    }
    if (a == "--diagram" || a.rfind("--diagram=", 0) == 0) {
      // The format of -z timeline's diagram.
      std::string v;
      if (a.size() > 9) {
        v = std::string(a.substr(10));
      } else {
        if (i + 1 >= argc) return UsageError{"--diagram needs a format: " + std::string(decode::kDiagramFormatNames)};
        v = argv[++i];
      }
      if (!decode::parse_diagram_format(v))
        return UsageError{"--diagram takes " + std::string(decode::kDiagramFormatNames) + ", not \"" + v + "\""};
      o.diagram = v;
      continue;
    }
    if (a.rfind("--", 0) == 0 && !o.command.empty()) {
      // Scenario options: keep them, with their value, for the run command to interpret.
      o.extra.emplace_back(a);
      if (a.find('=') == std::string_view::npos && i + 1 < argc && argv[i + 1][0] != '-') o.extra.emplace_back(argv[++i]);
      continue;
    }
    if (a.size() > 1 && a[0] == '-') return UsageError{"unknown option " + std::string(a)};
    if (o.command.empty()) return UsageError{"unexpected argument \"" + std::string(a) + "\""};
    o.args.emplace_back(a);
  }
  if (o.format == OutputFormat::Fields && o.fields.empty() && o.command.empty() && !o.help)
    return UsageError{"-T fields needs at least one -e FIELD"};
  if (o.diagram != "text") {
    bool timeline = false;
    for (const std::string& r : o.reports) timeline |= r.rfind("timeline,", 0) == 0;
    if (!timeline) return UsageError{"--diagram " + o.diagram + " is used with -z timeline,N (or timeline,udp|tftp|icmp,N)"};
    o.quiet = true;  // stdout carries the diagram alone, ready for a file or a renderer
  }
  if (!o.fields.empty() && o.format == OutputFormat::Text)
    return UsageError{"-e FIELD is used with -T fields or -T json"};
  return std::nullopt;
}

}  // namespace wirelab::cli
