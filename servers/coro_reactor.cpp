#include "servers/coro_reactor.hpp"

#include <cerrno>
#include <utility>

namespace wirelab::servers {

bool CoroReactor::take_pending(int fd, bool write) noexcept {
  auto it = parked_.find(fd);
  if (it == parked_.end()) return false;
  Parked& p = it->second;
  return write ? std::exchange(p.pending_out, false) || p.write_finished
               : std::exchange(p.pending_in, false) || p.read_finished;
}

void CoroReactor::park(int fd, bool write, std::coroutine_handle<> h) {
  Parked& p = parked_[fd];
  (write ? p.writer : p.reader) = h;
  // Registered at the first wait: an fd already ready then is reported at once (epoll checks
  // readiness when it adds an fd), so nothing between the coroutine's EAGAIN and here is lost.
  if (!p.registered) p.registered = ep_.add(fd, EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET);
  if (tracer_->journal()) tracer_->note(SocketCall::CoSuspend, fd, 0, write ? "waits until writable" : "waits until readable");
}

void CoroReactor::forget(int fd) {
  auto it = parked_.find(fd);
  if (it == parked_.end()) return;
  if (it->second.registered) ep_.remove(fd);
  parked_.erase(it);
}

bool CoroReactor::run(const std::function<bool()>& should_stop) {
  if (!wake_registered_) wake_registered_ = ep_.add(wake_.fd(), EPOLLIN);
  std::vector<epoll_event> ready;
  std::vector<std::pair<int, std::coroutine_handle<>>> to_resume;
  while (!should_stop()) {
    const int n = ep_.wait(ready, 256, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (should_stop()) break;
    if (tracer_->journal())
      tracer_->note(SocketCall::Wakeup, -1, n,
                    "epoll_wait (reactor): " + std::to_string(n) + " ready: " + EpollSet::describe(ready, -1, wake_.fd()));
    to_resume.clear();
    for (const epoll_event& e : ready) {
      if (e.data.fd == wake_.fd()) {
        wake_.clear();
        continue;
      }
      auto it = parked_.find(e.data.fd);
      if (it == parked_.end()) continue;
      Parked& p = it->second;
      const bool err = e.events & (EPOLLHUP | EPOLLERR);
      if (err || e.events & EPOLLRDHUP) p.read_finished = true;
      if (err) p.write_finished = true;
      if (e.events & (EPOLLIN | EPOLLRDHUP) || err) {
        if (p.reader) to_resume.emplace_back(e.data.fd, std::exchange(p.reader, {}));
        else p.pending_in = true;
      }
      if (e.events & EPOLLOUT || err) {
        if (p.writer) to_resume.emplace_back(e.data.fd, std::exchange(p.writer, {}));
        else p.pending_out = true;
      }
    }
    for (auto [fd, h] : to_resume) {
      if (tracer_->journal()) tracer_->note(SocketCall::CoResume, fd, 0, "coroutine resumed");
      h.resume();  // runs until its next co_await or its end; may park again or forget its fd
    }
  }
  return true;
}

void CoroReactor::destroy_suspended() {
  std::vector<std::coroutine_handle<>> handles;
  for (auto& [fd, p] : parked_) {
    if (p.reader) handles.push_back(p.reader);
    if (p.writer && p.writer != p.reader) handles.push_back(p.writer);
    if (p.registered) ep_.remove(fd);
  }
  parked_.clear();
  for (auto h : handles) h.destroy();
}

}  // namespace wirelab::servers
