#include "run_support.hpp"

#include <dirent.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "capture/live_capture.hpp"
#include "decode/dissector.hpp"
#include "decode/tcp.hpp"

namespace wirelab::test {

std::string capture_unavailable_reason() {
  capture::LiveCaptureOptions o;
  o.filter = "tcp port 9";  // nothing of interest: just try to open
  auto cap = capture::LiveCapture::open(o);
  if (cap) return "";
  return "live capture on lo is not permitted here (" + cap.error().message +
         "); run the tests as root or with CAP_NET_RAW (CI does)";
}

std::string model_test_name(const ::testing::TestParamInfo<std::string>& param_info) {
  std::string n = param_info.param;
  for (char& ch : n)
    if (ch == '-') ch = '_';
  return n;
}

std::vector<Segment> tcp_segments(const servers::RunReport& report) {
  std::vector<Segment> out;
  decode::Dissector d;
  decode::Packet p;
  std::uint64_t n = 0;
  for (const auto& f : report.packets) {
    d.dissect(f.view(), ++n, p);
    const decode::Layer* l = p.find(decode::Proto::Tcp);
    if (!l) continue;
    const decode::TcpView t{p.bytes_of(*l)};
    out.push_back({.ts_ns = p.ts_ns, .src_port = t.src_port(), .dst_port = t.dst_port(), .flags = t.flags(),
                   .seq = t.seq(), .ack = t.ack(), .payload = t.payload().size()});
  }
  return out;
}

std::vector<WireConnection> wire_connections(const std::vector<Segment>& segs, std::uint16_t server_port) {
  std::vector<WireConnection> conns;
  auto find = [&](std::uint16_t client) -> WireConnection& {
    for (auto& c : conns)
      if (c.client_port == client) return c;
    conns.push_back({.client_port = client, .server_port = server_port});
    return conns.back();
  };
  using namespace decode::tcp_flag;
  for (const Segment& s : segs) {
    const bool from_client = s.dst_port == server_port;
    if (!from_client && s.src_port != server_port) continue;
    WireConnection& c = find(from_client ? s.src_port : s.dst_port);
    if (s.has(kRst)) ++c.rst;
    if (s.has(kSyn) && !s.has(kAck) && from_client) ++c.syn;
    if (s.has(kSyn) && s.has(kAck) && !from_client) ++c.syn_ack;
    if (from_client && !s.has(kSyn) && s.has(kAck) && c.syn_ack && !c.handshake_ack_ts) c.handshake_ack_ts = s.ts_ns;
    if (s.has(kSyn)) (from_client ? c.client_isn : c.server_isn) = s.seq;
    if (s.payload) {
      const std::uint32_t isn = from_client ? c.client_isn : c.server_isn;
      const std::size_t end = s.seq + static_cast<std::uint32_t>(s.payload) - isn - 1;  // mod 2^32
      auto& covered = from_client ? c.client_bytes : c.server_bytes;
      if (end > covered) covered = end;
    }
    if (s.has(kFin)) {
      auto& fin = from_client ? c.client_fin_ts : c.server_fin_ts;
      if (!fin) fin = s.ts_ns;
    } else if (s.has(kAck) && c.client_fin_ts && c.server_fin_ts) {
      const bool client_first = c.client_fin_ts < c.server_fin_ts;
      if (from_client == client_first) c.final_ack = true;
    }
  }
  return conns;
}

std::vector<decode::SocketEvent> events_of(const servers::RunReport& r, const std::string& actor,
                                           decode::SocketCall call) {
  std::vector<decode::SocketEvent> out;
  for (const auto& e : r.events)
    if (e.call == call && e.actor.rfind(actor, 0) == 0) out.push_back(e);
  return out;
}

bool in_time_wait(std::uint16_t local_port, std::uint16_t remote_port) {
  std::ifstream in("/proc/net/tcp");
  std::string line;
  std::getline(in, line);  // header
  char want_local[32], want_remote[32];
  std::snprintf(want_local, sizeof want_local, "0100007F:%04X", local_port);
  std::snprintf(want_remote, sizeof want_remote, "0100007F:%04X", remote_port);
  while (std::getline(in, line)) {
    std::istringstream f(line);
    std::string slot, local, remote, state;
    f >> slot >> local >> remote >> state;
    if (local == want_local && remote == want_remote && state == "06") return true;  // TCP_TIME_WAIT
  }
  return false;
}

namespace {
int count_dir(const char* path) {
  int n = 0;
  if (DIR* d = ::opendir(path)) {
    while (const dirent* e = ::readdir(d))
      if (e->d_name[0] != '.') ++n;
    ::closedir(d);
  }
  return n;
}
}  // namespace

ResourceCount count_resources() { return {count_dir("/proc/self/fd"), count_dir("/proc/self/task")}; }

bool no_children() {
  int status = 0;
  return ::waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD;
}

}  // namespace wirelab::test
