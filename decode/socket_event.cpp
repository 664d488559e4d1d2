#include "decode/socket_event.hpp"

#include <array>

namespace wirelab::decode {

std::string_view to_string(SocketCall c) {
  static constexpr std::array<std::string_view, static_cast<std::size_t>(SocketCall::kCount)> kNames{
      "socket",   "bind",     "listen", "accept",   "connect",      "connect-return", "send",
      "recv",     "sendto",   "recvfrom", "shutdown", "close",       "setsockopt",     "fork",
      "thread-start", "thread-exit", "wakeup", "co-suspend", "co-resume", "note"};
  const auto i = static_cast<std::size_t>(c);
  return i < kNames.size() ? kNames[i] : std::string_view("unknown");
}

}  // namespace wirelab::decode
