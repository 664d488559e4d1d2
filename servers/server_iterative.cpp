// Model "iterative": one client at a time. accept(), serve that connection until it closes,
// then accept() the next. Others wait in the listen queue: their handshakes complete in the
// kernel, but nobody reads their data until their turn.

#include "servers/server_models.hpp"

namespace wirelab::servers {
namespace {

class TcpServerIterative final : public TcpServer {
 public:
  using TcpServer::TcpServer;
  ~TcpServerIterative() override { stop(); }
  std::string_view model() const override { return "iterative"; }

 protected:
  bool wake_by_listener_shutdown() const override { return true; }
  void run_loop() override {
    for (int fd; !stopping() && (fd = accept_blocking()) >= 0;) serve_blocking(tracer(), fd, register_connection(fd));
  }
};

}  // namespace

std::unique_ptr<TcpServer> make_iterative_server(ServerConfig config) {
  return std::make_unique<TcpServerIterative>(std::move(config));
}

}  // namespace wirelab::servers
