// Model "thread": the accepting thread starts one thread per connection; each runs the
// blocking loop (recv -> session -> send) for its connection only.
#include <cerrno>
#include <list>
#include <mutex>
#include <thread>

#include "servers/server_models.hpp"

namespace wirelab::servers {
namespace {

class TcpServerThread final : public TcpServer {
 public:
  using TcpServer::TcpServer;
  ~TcpServerThread() override { stop(); }
  std::string_view model() const override { return "thread"; }

 protected:
  bool wake_by_listener_shutdown() const override { return true; }
  void run_loop() override {
    for (int fd; !stopping() && (fd = accept_blocking()) >= 0;) {
      const int id = register_connection(fd);
      std::lock_guard lock(threads_mu_);
      join_finished();
      auto& worker = workers_.emplace_back();
      worker.thread = std::thread([this, fd, id, done = &worker.done] {
        tracer().note(SocketCall::ThreadStart, fd, id, "thread for connection " + std::to_string(id));
        serve_blocking(tracer(), fd, id);
        tracer().note(SocketCall::ThreadExit, -1, id, "connection " + std::to_string(id) + " done");
        done->store(true);
      });
    }
  }
  void after_loop() override {
    std::lock_guard lock(threads_mu_);
    for (auto& w : workers_) w.thread.join();
    workers_.clear();
  }

 private:
  struct Worker {
    std::thread thread;
    std::atomic<bool> done{false};
  };
  void join_finished() {  // keeps the list short on long runs (benchmarks)
    for (auto it = workers_.begin(); it != workers_.end();) {
      if (it->done.load()) {
        it->thread.join();
        it = workers_.erase(it);
      } else {
        ++it;
      }
    }
  }
  std::mutex threads_mu_;
  std::list<Worker> workers_;  // list: Worker addresses stay put while threads run
};

}  // namespace

std::unique_ptr<TcpServer> make_thread_server(ServerConfig config) {
  return std::make_unique<TcpServerThread>(std::move(config));
}

}  // namespace wirelab::servers
