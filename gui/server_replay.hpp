// A scenario's server, as its concurrency model has it at one moment, replayed from the
// socket-event journal: which processes and threads exist, which sockets each holds open
// (the listener, every accepted connection), which are suspended (coroutines), and what the
// last select/poll/epoll wake-up reported ready. Nothing is inferred beyond the journal; the
// connections' TCP states come from the trackers (see ServerModelView).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "decode/socket_event.hpp"

namespace wirelab::gui {

struct ServerSocket {
  int pid = 0;
  int tid = 0;             // the thread that last used it
  int fd = -1;
  bool listening = false;
  bool suspended = false;  // a coroutine waits on it
  decode::SockAddr local;
  decode::SockAddr peer;
  std::string last_call;   // "recv 5 B", "send 5 B", "accept", ...
};

struct ServerWorker {
  int pid = 0;
  int tid = 0;
  bool process = false;  // a forked child (or the main process), not a thread of one
  bool alive = true;
};

struct ServerSnapshot {
  std::int64_t time_ns = 0;
  std::vector<ServerWorker> workers;
  std::vector<ServerSocket> sockets;  // open at time_ns: listeners first, then by fd
  std::vector<decode::SockAddr> accepted_peers;  // every peer accepted so far
  std::string wakeup;                 // the last wake-up's report ("epoll_wait: 1 ready: fd 5 in")
  std::int64_t wakeup_ns = 0;
  std::size_t applied = 0;            // events up to time_ns
  const decode::SocketEvent* last = nullptr;
};

// True for the journal actors that belong to the server ("server", "server worker 2", ...).
bool is_server_actor(const std::string& actor);

// Replays the server's events (sorted by time) up to and including `time_ns`.
ServerSnapshot replay_server(const std::vector<decode::SocketEvent>& events, std::int64_t time_ns);

}  // namespace wirelab::gui
