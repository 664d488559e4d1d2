#include "servers/scenario_list.hpp"

namespace wirelab::servers {

// Each scenario's .cpp defines its entry function; the table below decides the order
// `list scenarios` prints. Add a scenario: define `ScenarioEntry NAME_scenario()` next to its
// implementation, declare it here and add one line to the table.
// TCP (branch servers)
ScenarioEntry echo_scenario();
ScenarioEntry chat_scenario();
ScenarioEntry file_scenario();
ScenarioEntry sticky_scenario();
ScenarioEntry heartbeat_scenario();
ScenarioEntry http_short_scenario();
ScenarioEntry http_keepalive_scenario();
ScenarioEntry half_close_scenario();
ScenarioEntry reset_scenario();
ScenarioEntry refused_scenario();
ScenarioEntry backlog_scenario();
ScenarioEntry time_wait_scenario();

// UDP, TFTP and raw sockets (branch udp)
ScenarioEntry udp_echo_scenario();
ScenarioEntry udp_chat_scenario();
ScenarioEntry udp_broadcast_scenario();
ScenarioEntry udp_overflow_scenario();
ScenarioEntry tftp_get_scenario();
ScenarioEntry tftp_put_scenario();
ScenarioEntry tftp_options_scenario();
ScenarioEntry tftp_wrap_scenario();
ScenarioEntry tftp_error_scenario();
ScenarioEntry ping_scenario();
ScenarioEntry syn_probe_scenario();

namespace {

std::vector<ScenarioEntry> build_entries() {
  using Make = ScenarioEntry (*)();
  static constexpr Make kTable[] = {
      // TCP (branch servers)
      echo_scenario,
      chat_scenario,
      file_scenario,
      sticky_scenario,
      heartbeat_scenario,
      http_short_scenario,
      http_keepalive_scenario,
      half_close_scenario,
      reset_scenario,
      refused_scenario,
      backlog_scenario,
      time_wait_scenario,
      // UDP, TFTP and raw sockets (branch udp)
      udp_echo_scenario, udp_chat_scenario, udp_broadcast_scenario, udp_overflow_scenario,
      tftp_get_scenario, tftp_put_scenario, tftp_options_scenario, tftp_wrap_scenario, tftp_error_scenario,
      ping_scenario, syn_probe_scenario,
      nullptr,
  };
  std::vector<ScenarioEntry> out;
  for (Make m : kTable)
    if (m) out.push_back(m());
  return out;
}

}  // namespace

const std::vector<NamedHelp>& model_list() {
  static const std::vector<NamedHelp> models{
      {"iterative", "one client at a time: accept, serve until it closes, then accept the next"},
      {"fork", "a process per connection (fork after accept); the parent reaps children"},
      {"thread", "a thread per connection"},
      {"nonblocking", "one thread polling non-blocking sockets in a loop (EAGAIN = nothing yet)"},
      {"select", "one thread, select() over fd_sets (refuses fds >= FD_SETSIZE)"},
      {"poll", "one thread, poll() over a pollfd array"},
      {"epoll-lt", "one thread, epoll level-triggered: woken while data is unread"},
      {"epoll-et", "one thread, epoll edge-triggered: woken on new data, drains until EAGAIN"},
      {"coroutine", "C++20 coroutines on a small epoll reactor: each connection reads like blocking code"},
  };
  return models;
}

const std::vector<ScenarioEntry>& scenario_entries() {
  static const std::vector<ScenarioEntry> entries = build_entries();
  return entries;
}

const std::vector<NamedHelp>& scenario_list() {
  static const std::vector<NamedHelp> list = [] {
    std::vector<NamedHelp> out;
    for (const ScenarioEntry& e : scenario_entries()) out.push_back({e.info->name, e.info->help});
    return out;
  }();
  return list;
}

const ScenarioEntry* find_scenario(std::string_view name) {
  for (const ScenarioEntry& e : scenario_entries())
    if (e.info->name == name) return &e;
  return nullptr;
}

bool is_model(std::string_view name) {
  for (const NamedHelp& m : model_list())
    if (m.name == name) return true;
  return false;
}

}  // namespace wirelab::servers
