// -z follow,tcp,ascii,N: tshark's follow output. Node 0 is the side that sent first; each
// segment's new bytes print as their count (indented by a tab for node 1) and the bytes,
// with anything but printable ASCII, CR and LF shown as '.'.
#include <cinttypes>
#include <string>

#include "cli/reports.hpp"
#include "decode/track/tcp_tracker.hpp"

namespace wirelab::cli {

void print_follow_tcp_ascii(const decode::Trackers& t, std::int64_t stream, std::FILE* out) {
  const decode::TcpConnection* c = t.tcp().stream(stream);
  const decode::TcpReassembly* r = t.tcp().followed();
  std::fprintf(out, "\n===================================================================\n");
  std::fprintf(out, "Follow: tcp,ascii\nFilter: tcp.stream eq %" PRId64 "\n", stream);
  if (!c || !r) {
    std::fprintf(out, "Node 0: :0\nNode 1: :0\n");
    std::fprintf(out, "===================================================================\n");
    return;
  }
  // Node 0 is the source of the first packet; map the reassembly's client/server onto it.
  const bool client_is_node0 = c->client().address == c->first_src();
  std::fprintf(out, "Node 0: %s\nNode 1: %s\n", decode::to_string(c->first_src()).c_str(),
               decode::to_string(c->first_dst()).c_str());
  std::string text;
  for (const decode::TcpReassembly::Chunk& ch : r->chunks()) {
    const int node = (ch.side == 0) == client_is_node0 ? 0 : 1;
    if (ch.gap_before) std::fprintf(out, "%s[%u bytes missing in capture file]\n", node ? "\t" : "", ch.gap_before);
    std::fprintf(out, "%s%zu\n", node ? "\t" : "", ch.data.size());
    text.assign(ch.data);
    for (char& ch2 : text) {
      const auto u = static_cast<unsigned char>(ch2);
      if (!((u >= 0x20 && u < 0x7f) || u == '\n' || u == '\r')) ch2 = '.';
    }
    std::fwrite(text.data(), 1, text.size(), out);
    std::fputc('\n', out);
  }
  if (r->dropped_bytes())
    std::fprintf(out, "[%" PRIu64 " bytes not kept: reassembly memory cap reached]\n", r->dropped_bytes());
  std::fprintf(out, "===================================================================\n");
}

}  // namespace wirelab::cli
