// -z conns: one line per conversation in Zeek's conn.log columns, then wirelab's own:
// handshake, teardown, time_wait (who holds TIME-WAIT and for how long) and rtt_ms.
#include <cinttypes>
#include <string>

#include "cli/reports.hpp"
#include "decode/track/tcp_tracker.hpp"
#include "decode/track/udp_tracker.hpp"

namespace wirelab::cli {

namespace {

std::string seconds(std::int64_t ns, int decimals) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, static_cast<double>(ns) / 1e9);
  return buf;
}

// Zeek's UDP states: an endpoint is active once it sent something.
const char* udp_conn_state(const decode::UdpFlow& f) {
  if (f.frames_ab && f.frames_ba) return "SF";
  if (f.frames_ab) return "S0";
  if (f.frames_ba) return "SHR";
  return "OTH";
}

}  // namespace

void print_conns(const decode::Trackers& t, std::FILE* out) {
  std::fprintf(out, "#separator \\x09\n#path\tconn\n");
  std::fprintf(out,
               "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tduration\torig_bytes\t"
               "resp_bytes\tconn_state\thistory\torig_pkts\tresp_pkts\thandshake\tteardown\ttime_wait\trtt_ms\n");
  for (const decode::TcpConnection& c : t.tcp().connections()) {
    const auto& o = c.client();
    const auto& r = c.server();
    std::string tw = "-";
    if (const auto* h = c.time_wait_holder()) {
      tw = std::string(h == &o ? "client" : "server") + ":" + seconds(2 * decode::kLinuxMslNs, 0) + "s(MSL=" +
           seconds(decode::kLinuxMslNs, 0) + "s)";
    }
    const std::string rtt = c.handshake_rtt_ns() > 0 ? seconds(c.handshake_rtt_ns() * 1000, 3) : "-";
    std::fprintf(out, "%s\tCT%" PRId64 "\t%s\t%u\t%s\t%u\ttcp\t%s\t%" PRIu64 "\t%" PRIu64 "\t%.*s\t%s\t%" PRIu64
                      "\t%" PRIu64 "\t%.*s\t%.*s\t%s\t%s\n",
                 seconds(c.first_ts_ns(), 6).c_str(), c.stream(), decode::to_string(o.address.ip).c_str(),
                 o.address.port, decode::to_string(r.address.ip).c_str(), r.address.port,
                 seconds(c.last_ts_ns() - c.first_ts_ns(), 6).c_str(), o.payload_bytes, r.payload_bytes,
                 static_cast<int>(c.conn_state().size()), c.conn_state().data(),
                 c.history().empty() ? "-" : c.history().c_str(), o.packets - o.bad_checksums,
                 r.packets - r.bad_checksums,
                 static_cast<int>(to_string(c.handshake()).size()), to_string(c.handshake()).data(),
                 static_cast<int>(to_string(c.teardown()).size()), to_string(c.teardown()).data(), tw.c_str(),
                 rtt.c_str());
  }
  for (const decode::UdpFlow& f : t.udp().flows()) {
    std::string history;
    if (f.frames_ab) history += 'D';
    if (f.frames_ba) history += 'd';
    std::fprintf(out, "%s\tCU%" PRId64 "\t%s\t%u\t%s\t%u\tudp\t%s\t%" PRIu64 "\t%" PRIu64 "\t%s\t%s\t%" PRIu64
                      "\t%" PRIu64 "\t-\t-\t-\t-\n",
                 seconds(f.first_ts_ns, 6).c_str(), f.stream, decode::to_string(f.a.ip).c_str(), f.a.port,
                 decode::to_string(f.b.ip).c_str(), f.b.port, seconds(f.last_ts_ns - f.first_ts_ns, 6).c_str(),
                 f.payload_bytes_ab, f.payload_bytes_ba, udp_conn_state(f), history.c_str(), f.frames_ab, f.frames_ba);
  }
}

}  // namespace wirelab::cli
