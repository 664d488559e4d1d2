#include "servers/scenario_support.hpp"

#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>

namespace wirelab::servers {

Result<std::unique_ptr<TcpServer>> start_server_and_capture(ScenarioContext& ctx, std::shared_ptr<Protocol> protocol,
                                                            ServerConfig base) {
  const std::string& model = ctx.options().model;
  if (protocol->shares_state_between_connections() && model == "fork")
    return Error{"this scenario relays between connections inside one process; the fork model gives each "
                 "connection its own process. Choose another --model"};
  base.protocol = std::move(protocol);
  base.journal = &ctx.journal();
  std::unique_ptr<TcpServer> server = make_tcp_server(model, std::move(base));
  if (!server) return Error{"unknown model \"" + model + "\""};
  if (auto err = server->start()) return *err;
  if (auto err = ctx.start_capture("tcp port " + std::to_string(server->port()))) return *err;
  return server;
}

Result<int> listen_and_capture(ScenarioContext& ctx, SocketTracer& server, int backlog, bool reuse_addr) {
  const int lfd = server.socket();
  if (lfd >= 0 && reuse_addr) server.set_int_option(lfd, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
  if (lfd < 0 || server.bind(lfd) != 0 || server.listen(lfd, backlog) != 0) {
    const std::string why = std::strerror(errno);
    if (lfd >= 0) server.close(lfd);
    return Error{"cannot listen on 127.0.0.1: " + why};
  }
  if (auto err = ctx.start_capture("tcp port " + std::to_string(SocketTracer::local_port(lfd)))) {
    server.close(lfd);
    return *err;
  }
  return lfd;
}

std::optional<Error> finish_server(ScenarioContext& ctx, TcpServer& server) {
  const bool idle = server.wait_until_idle(ctx.remaining());
  server.stop();
  if (const std::string e = server.last_error(); !e.empty()) return Error{e};
  if (!idle) return Error{"the " + std::string(server.model()) + " server still had connections at the time limit"};
  return std::nullopt;
}

std::vector<std::string> run_clients(int n, const std::function<std::optional<Error>(int)>& body) {
  std::mutex mu;
  std::vector<std::string> errors;
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(n));
  for (int i = 1; i <= n; ++i)
    threads.emplace_back([&, i] {
      if (auto err = body(i)) {
        std::lock_guard lock(mu);
        errors.push_back(err->message);
      }
    });
  for (auto& t : threads) t.join();
  return errors;
}

std::optional<Error> combine_errors(const std::vector<std::string>& errors) {
  if (errors.empty()) return std::nullopt;
  std::string all;
  for (const auto& e : errors) all += (all.empty() ? "" : "; ") + e;
  return Error{all};
}

}  // namespace wirelab::servers
