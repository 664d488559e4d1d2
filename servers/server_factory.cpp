#include <string_view>

#include "servers/server_models.hpp"

namespace wirelab::servers {

std::unique_ptr<TcpServer> make_tcp_server(std::string_view model, ServerConfig config) {
  using Make = std::unique_ptr<TcpServer> (*)(ServerConfig);
  static constexpr std::pair<std::string_view, Make> kModels[] = {
      {"iterative", make_iterative_server}, {"fork", make_fork_server},
      {"thread", make_thread_server},       {"nonblocking", make_nonblocking_server},
      {"select", make_select_server},       {"poll", make_poll_server},
      {"epoll-lt", make_epoll_lt_server},   {"epoll-et", make_epoll_et_server},
      {"coroutine", make_coroutine_server},
  };
  for (const auto& [name, make] : kModels)
    if (name == model) return make(std::move(config));
  return nullptr;
}

}  // namespace wirelab::servers
