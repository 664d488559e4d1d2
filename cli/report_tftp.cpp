// -z tftp: one line per TFTP transfer (client, server and its transfer port, direction, file,
// mode, requested and negotiated options, blocks, bytes, duplicates, outcome), and
// --export-tftp DIR: each transfer's reassembled file written into DIR.
#include <cinttypes>
#include <filesystem>
#include <fstream>
#include <string>

#include "cli/reports.hpp"
#include "decode/track/tftp_tracker.hpp"

namespace wirelab::cli {

namespace {
std::string options_text(const std::vector<std::pair<std::string, std::string>>& opts) {
  std::string out;
  for (const auto& [n, v] : opts) out += (out.empty() ? "" : ",") + n + "=" + v;
  return out.empty() ? "-" : out;
}
}  // namespace

void print_tftp(const decode::Trackers& t, std::FILE* out) {
  std::fprintf(out, "================================================================================\n");
  std::fprintf(out, "TFTP transfers\n");
  std::fprintf(out, "#\tclient\tserver\tserver_port\tdirection\tfile\tmode\trequested\tnegotiated\tblocks\tbytes\t"
                    "dup_data\toutcome\n");
  std::size_t i = 0;
  for (const decode::TftpTransfer& x : t.tftp().transfers()) {
    std::string outcome(to_string(x.outcome));
    if (x.outcome == decode::TftpOutcome::Error || x.outcome == decode::TftpOutcome::TsizeProbe)
      outcome += " " + std::to_string(x.error_code) + " \"" + x.error_message + "\"";
    std::fprintf(out, "%zu\t%s\t%s\t%u\t%s\t%s\t%s\t%s\t%s\t%" PRIu64 "\t%" PRIu64 "\t%" PRIu64 "\t%s\n", i++,
                 decode::to_string(x.client).c_str(), decode::to_string(x.server).c_str(), x.server_port,
                 x.write ? "write" : "read", x.file.c_str(), x.mode.c_str(), options_text(x.requested).c_str(),
                 options_text(x.negotiated).c_str(), x.blocks, x.bytes, x.duplicate_data, outcome.c_str());
  }
  std::fprintf(out, "================================================================================\n");
}

int export_tftp(const decode::Trackers& t, const std::string& dir, std::FILE* err) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::fprintf(err, "wirelab-cli: --export-tftp: cannot create \"%s\": %s\n", dir.c_str(), ec.message().c_str());
    return 1;
  }
  std::size_t i = 0;
  for (const decode::TftpTransfer& x : t.tftp().transfers()) {
    ++i;
    if (x.blocks == 0) continue;
    // Only the file's base name, so a hostile name cannot leave DIR.
    std::string name = fs::path(x.file).filename().string();
    if (name.empty() || name == "." || name == "..") name = "tftp_transfer";
    const fs::path target = fs::path(dir) / (std::to_string(i) + "_" + name);
    std::ofstream f(target, std::ios::binary);
    f.write(x.content.data(), static_cast<std::streamsize>(x.content.size()));
    if (!f) {
      std::fprintf(err, "wirelab-cli: --export-tftp: cannot write \"%s\"\n", target.string().c_str());
      return 1;
    }
  }
  return 0;
}

}  // namespace wirelab::cli
