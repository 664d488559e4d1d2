#include "cli/event_line.hpp"

#include <cstdio>
#include <cstring>

namespace wirelab::cli {
namespace {

std::string addr(const decode::SockAddr& a) {
  if (a.ip == 0 && a.port == 0) return "";
  char b[32];
  std::snprintf(b, sizeof b, "%u.%u.%u.%u:%u", a.ip >> 24, (a.ip >> 16) & 0xff, (a.ip >> 8) & 0xff, a.ip & 0xff, a.port);
  return b;
}

}  // namespace

std::string format_event_line(const decode::SocketEvent& e, std::int64_t origin_ns) {
  const double t = static_cast<double>(e.ts_ns - origin_ns) / 1e9;
  const std::string call(decode::to_string(e.call));
  char head[160];
  std::snprintf(head, sizeof head, "    ~ %12.9f %-9s %-14s", t, e.actor.c_str(), call.c_str());
  std::string line = head;
  if (e.fd >= 0) line += " fd " + std::to_string(e.fd);
  line += " = " + std::to_string(e.result);
  if (e.err) line += std::string(" (") + std::strerror(e.err) + ")";
  if (e.bytes) line += ", " + std::to_string(e.bytes) + " bytes";
  const std::string local = addr(e.local), peer = addr(e.peer);
  if (!local.empty() || !peer.empty()) line += "  " + local + (peer.empty() ? "" : " <-> " + peer);
  if (!e.detail.empty()) line += "  [" + e.detail + "]";
  line += '\n';
  return line;
}

}  // namespace wirelab::cli
