#include "gui/server_replay.hpp"

#include <algorithm>

namespace wirelab::gui {

namespace {

using decode::SocketCall;

ServerSocket* find_socket(std::vector<ServerSocket>& sockets, int pid, int fd) {
  for (ServerSocket& s : sockets)
    if (s.pid == pid && s.fd == fd) return &s;
  return nullptr;
}

// A fork child inherits the parent's descriptors; a thread shares its process's.
ServerSocket* owner_socket(std::vector<ServerSocket>& sockets, const decode::SocketEvent& e) {
  return find_socket(sockets, e.pid, e.fd);
}

void note_worker(std::vector<ServerWorker>& workers, int pid, int tid, int main_pid) {
  for (ServerWorker& w : workers)
    if (w.pid == pid && w.tid == tid) return;
  workers.push_back(ServerWorker{.pid = pid, .tid = tid, .process = tid == pid || pid != main_pid});
}

}  // namespace

bool is_server_actor(const std::string& actor) { return actor.rfind("server", 0) == 0; }

ServerSnapshot replay_server(const std::vector<decode::SocketEvent>& events, std::int64_t time_ns) {
  ServerSnapshot snap{.time_ns = time_ns};
  int main_pid = 0;
  for (const decode::SocketEvent& e : events) {
    if (e.ts_ns > time_ns) break;
    if (!is_server_actor(e.actor)) continue;
    ++snap.applied;
    snap.last = &e;
    if (main_pid == 0) main_pid = e.pid;
    note_worker(snap.workers, e.pid, e.tid, main_pid);
    const bool ok = e.result >= 0;
    switch (e.call) {
      case SocketCall::Socket:
        if (ok) snap.sockets.push_back(ServerSocket{.pid = e.pid, .tid = e.tid, .fd = static_cast<int>(e.result), .last_call = "socket"});
        break;
      case SocketCall::Listen:
        if (ServerSocket* s = owner_socket(snap.sockets, e); s && ok) {
          s->listening = true;
          s->local = e.local;
          s->last_call = "listen";
        }
        break;
      case SocketCall::Bind:
        if (ServerSocket* s = owner_socket(snap.sockets, e)) s->local = e.local;
        break;
      case SocketCall::Accept:
        if (ok) {
          snap.sockets.push_back(ServerSocket{.pid = e.pid, .tid = e.tid, .fd = static_cast<int>(e.result),
                                              .local = e.local, .peer = e.peer, .last_call = "accepted"});
          snap.accepted_peers.push_back(e.peer);
        }
        break;
      case SocketCall::Send:
      case SocketCall::Recv:
      case SocketCall::Shutdown:
      case SocketCall::SetSockOpt:
        if (ServerSocket* s = owner_socket(snap.sockets, e)) {
          s->tid = e.tid;
          s->suspended = false;
          s->last_call = std::string(decode::to_string(e.call));
          if (e.call == SocketCall::Send || e.call == SocketCall::Recv)
            s->last_call += ok ? " " + std::to_string(e.result) + " B" : " (error)";
          if (e.peer.port != 0) s->peer = e.peer;
        }
        break;
      case SocketCall::Close:
        std::erase_if(snap.sockets, [&](const ServerSocket& s) { return s.pid == e.pid && s.fd == e.fd; });
        break;
      case SocketCall::Fork:
        if (ok && e.result > 0) {
          const int child = static_cast<int>(e.result);
          std::vector<ServerSocket> inherited;
          for (const ServerSocket& s : snap.sockets)
            if (s.pid == e.pid) {
              ServerSocket c = s;
              c.pid = c.tid = child;
              inherited.push_back(c);
            }
          snap.sockets.insert(snap.sockets.end(), inherited.begin(), inherited.end());
          note_worker(snap.workers, child, child, main_pid);
        }
        break;
      case SocketCall::ThreadExit:
        for (ServerWorker& w : snap.workers)
          if (w.pid == e.pid && w.tid == e.tid) w.alive = false;
        break;
      case SocketCall::Wakeup:
        snap.wakeup = e.detail.empty() ? std::to_string(e.result) + " ready" : e.detail;
        snap.wakeup_ns = e.ts_ns;
        break;
      case SocketCall::CoSuspend:
      case SocketCall::CoResume:
        if (ServerSocket* s = owner_socket(snap.sockets, e)) s->suspended = e.call == SocketCall::CoSuspend;
        break;
      default: break;
    }
  }
  // A child that exited took its descriptors with it: drop workers' sockets once all are gone.
  std::stable_sort(snap.sockets.begin(), snap.sockets.end(), [](const ServerSocket& a, const ServerSocket& b) {
    if (a.listening != b.listening) return a.listening;
    if (a.pid != b.pid) return a.pid < b.pid;
    return a.fd < b.fd;
  });
  return snap;
}

}  // namespace wirelab::gui
