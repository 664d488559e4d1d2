// Command-line options of wirelab-cli, tshark's flags where tshark has the feature.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace wirelab::cli {

enum class OutputFormat { Text, Fields, Json };

struct Options {
  std::string command;            // "", "run", "list"
  std::vector<std::string> args;  // positional arguments of run / list
  std::string read_file;          // -r
  std::string interface;          // -i
  std::string capture_filter;     // -f
  std::string display_filter;     // -Y
  std::string write_file;         // -w
  std::optional<std::uint64_t> count;  // -c
  std::optional<double> duration_s;    // -a duration:SEC
  bool immediate_mode = false;         // --immediate-mode: no 5 ms blocks (fewer packets fit the ring)
  OutputFormat format = OutputFormat::Text;
  std::vector<std::string> fields;  // -e
  bool header = false;              // -E header=y
  std::string separator = "\t";     // -E separator=
  char occurrence_separator = ',';  // -E aggregator=
  std::string quote;                // -E quote=d|s|n
  bool quiet = false;               // -q
  std::vector<std::string> reports; // -z
  std::string export_tftp_dir;      // --export-tftp DIR
  std::string diagram = "text";     // --diagram text|plantuml|mermaid|svg (for -z timeline)
  std::vector<std::string> extra;   // scenario flags (--model, --clients, ...) passed through
  bool help = false;
  bool version = false;
};

struct UsageError {
  std::string message;
};

// Parses argv. On bad usage returns the message to print (exit status 2).
std::optional<UsageError> parse_options(int argc, char** argv, Options& out);
std::string usage_text();

}  // namespace wirelab::cli
