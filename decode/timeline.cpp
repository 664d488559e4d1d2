#include "decode/timeline.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "decode/tcp.hpp"
#include "decode/track/tcp_connection.hpp"

namespace wirelab::decode {

std::string tcp_flow_label(std::uint16_t flags, std::uint32_t len) {
  // tshark lists the flag names from the lowest bit up.
  static constexpr const char* kNames[] = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECN", "CWR", "AE"};
  std::string out;
  for (unsigned bit = 0; bit < 9; ++bit) {
    if (!(flags & (1u << bit))) continue;
    if (!out.empty()) out += ", ";
    out += kNames[bit];
  }
  if (out.empty()) out = "<None>";
  if (len > 0) out += " - Len: " + std::to_string(len);
  return out;
}

std::string tcp_flow_comment(std::uint16_t flags, std::uint32_t rel_seq, std::uint32_t rel_ack) {
  std::string out = "Seq = " + std::to_string(rel_seq);
  if (flags & tcp_flag::kAck) out += " Ack = " + std::to_string(rel_ack);
  return out;
}

namespace {

// "handshake: three-way (rtt 0.120 ms)   teardown: four-way   TIME-WAIT: client for 60 s (...)"
std::string tcp_summary(const TcpConnection& c) {
  std::string out = "handshake: " + std::string(to_string(c.handshake()));
  char buf[96];
  if (c.handshake_rtt_ns() > 0) {
    std::snprintf(buf, sizeof buf, " (rtt %.3f ms)", static_cast<double>(c.handshake_rtt_ns()) / 1e6);
    out += buf;
  }
  out += "   teardown: " + std::string(to_string(c.teardown()));
  if (const auto* h = c.time_wait_holder()) {
    std::snprintf(buf, sizeof buf, "   TIME-WAIT: %s for %.0f s (2 x MSL, MSL = %.0f s)", h == &c.client() ? "client" : "server",
                  2.0 * static_cast<double>(kLinuxMslNs) / 1e9, static_cast<double>(kLinuxMslNs) / 1e9);
    out += buf;
  }
  return out;
}

}  // namespace

SequenceDiagram tcp_sequence_diagram(const TcpConnection& c) {
  SequenceDiagram d;
  auto node = [](const FlowEndpoint& e, const char* role) {
    return SequenceNode{.address = to_string(e), .role = role,
                        .ipv4 = e.ip.family == 4 ? e.ip.v4_host_order() : 0u, .port = e.port};
  };
  d.nodes = {node(c.client().address, "client"), node(c.server().address, "server")};
  d.title = "TCP stream " + std::to_string(c.stream()) + ": " + d.nodes[0].address + " (client) <-> " +
            d.nodes[1].address + " (server)";
  d.tcp_states = true;
  d.state_before = {c.state_after(TcpSide::Client, 0), c.state_after(TcpSide::Server, 0)};
  d.summary = tcp_summary(c);
  d.items.reserve(c.steps().size());
  const std::uint64_t teardown_end = c.steps().empty() ? 0 : c.steps().back().frame;
  for (const TcpConnection::Step& s : c.steps()) {
    SequenceItem it;
    it.frame = s.frame;
    it.time_ns = s.ts_ns;
    it.src_node = s.side;
    it.dst_node = static_cast<std::uint8_t>(1 - s.side);
    it.label = tcp_flow_label(s.flags, s.len);
    it.comment = tcp_flow_comment(s.flags, s.rel_seq, s.rel_ack);
    it.state_after = {c.state_after(TcpSide::Client, s.frame), c.state_after(TcpSide::Server, s.frame)};
    const bool in_handshake = c.handshake() != HandshakeKind::None &&
                              (c.handshake_done_frame() == 0 || s.frame <= c.handshake_done_frame());
    const bool in_teardown = c.teardown_start_frame() != 0 && s.frame >= c.teardown_start_frame();
    it.phase = in_teardown ? SequencePhase::Teardown : in_handshake ? SequencePhase::Handshake : SequencePhase::Data;
    if (s.frame == c.handshake_done_frame()) it.phase_mark = "handshake: " + std::string(to_string(c.handshake()));
    if (s.frame == teardown_end && c.teardown() != TeardownKind::None) {
      if (!it.phase_mark.empty()) it.phase_mark += "; ";
      it.phase_mark += "teardown: " + std::string(to_string(c.teardown()));
    }
    d.items.push_back(std::move(it));
  }
  return d;
}

namespace {

std::string event_label(const SocketEvent& e) {
  std::string out(to_string(e.call));
  out += "()";
  switch (e.call) {
    case SocketCall::Send:
    case SocketCall::Recv:
    case SocketCall::SendTo:
    case SocketCall::RecvFrom: out += " = " + std::to_string(e.result); break;
    case SocketCall::Accept:
    case SocketCall::ConnectReturn:
    case SocketCall::Wakeup: out += " = " + std::to_string(e.result); break;
    default: break;
  }
  return out;
}

std::string event_comment(const SocketEvent& e) {
  std::string out = e.actor.empty() ? std::string() : e.actor;
  if (e.fd >= 0) out += (out.empty() ? "" : " ") + std::string("fd ") + std::to_string(e.fd);
  if (e.err != 0) out += " errno " + std::to_string(e.err);
  if (!e.detail.empty()) out += (out.empty() ? "" : " ") + e.detail;
  return out;
}

// The node an address names (its port must match; an IP of 0 matches any), or -1.
int node_of(const SockAddr& a, std::span<const SequenceNode> nodes) {
  if (a.port == 0) return -1;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const bool ip_ok = a.ip == 0 || nodes[i].ipv4 == 0 || a.ip == nodes[i].ipv4;
    if (ip_ok && a.port == nodes[i].port) return static_cast<int>(i);
  }
  return -1;
}

bool is_listener_setup(SocketCall c) {
  return c == SocketCall::Socket || c == SocketCall::Bind || c == SocketCall::Listen || c == SocketCall::SetSockOpt;
}

}  // namespace

std::vector<SequenceItem> Timeline::merge(std::span<const SequenceItem> items, std::span<const SocketEvent> events,
                                          std::span<const SequenceNode> nodes) {
  // Pass 1: sockets (pid, fd) proven to be this conversation's ends: their local address is one
  // node and their peer the other (after connect() returned, or accept()'s new socket).
  std::map<std::pair<std::int32_t, std::int64_t>, int> sockets;
  auto exact = [&](const SocketEvent& e) {
    const int local = node_of(e.local, nodes), peer = node_of(e.peer, nodes);
    return local >= 0 && peer >= 0 && local != peer ? local : -1;
  };
  for (const SocketEvent& e : events) {
    const int n = exact(e);
    if (n < 0) continue;
    sockets[{e.pid, e.fd}] = n;
    if (e.call == SocketCall::Accept) sockets[{e.pid, e.result}] = n;
  }
  // Pass 2: those sockets' calls (also before their addresses were known), and the
  // listening socket's setup on the server's address.
  std::vector<SequenceItem> evs;
  for (const SocketEvent& e : events) {
    int n = exact(e);
    if (n < 0)
      if (auto it = sockets.find({e.pid, e.fd}); it != sockets.end()) n = it->second;
    if (n < 0 && is_listener_setup(e.call) && e.peer.port == 0) n = node_of(e.local, nodes);
    if (n < 0) continue;
    SequenceItem it;
    it.kind = SequenceItemKind::SocketEvent;
    it.time_ns = e.ts_ns;
    it.src_node = it.dst_node = static_cast<std::uint8_t>(n);
    it.label = event_label(e);
    it.comment = event_comment(e);
    evs.push_back(std::move(it));
  }
  // Time order, ties in journal order (std::sort on (time, position): stable_sort's temporary
  // buffer trips ASan's alloc-dealloc check with libstdc++ 12).
  std::vector<std::pair<std::int64_t, std::size_t>> order(evs.size());
  for (std::size_t k = 0; k < evs.size(); ++k) order[k] = {evs[k].time_ns, k};
  std::sort(order.begin(), order.end());
  std::vector<SequenceItem> sorted;
  sorted.reserve(evs.size());
  for (const auto& [ts, k] : order) sorted.push_back(std::move(evs[k]));
  evs.swap(sorted);
  std::vector<SequenceItem> out;
  out.reserve(items.size() + evs.size());
  std::size_t i = 0, j = 0;
  while (i < items.size() || j < evs.size()) {
    if (j == evs.size() || (i < items.size() && items[i].time_ns <= evs[j].time_ns)) out.push_back(items[i++]);
    else out.push_back(evs[j++]);
  }
  // Socket events carry no TCP state: show the states in force at that moment.
  for (std::size_t k = 1; k < out.size(); ++k)
    if (out[k].kind == SequenceItemKind::SocketEvent) out[k].state_after = out[k - 1].state_after;
  return out;
}

void Timeline::merge_into(SequenceDiagram& d, std::span<const SocketEvent> events) {
  d.items = merge(d.items, events, d.nodes);
}

}  // namespace wirelab::decode
