// One factory per concurrency model; each class lives in its own servers/server_<model>.cpp.
// Use make_tcp_server(name, config) (tcp_server.hpp) rather than these directly.
#pragma once
#include <memory>

#include "servers/tcp_server.hpp"

namespace wirelab::servers {

std::unique_ptr<TcpServer> make_iterative_server(ServerConfig config);
std::unique_ptr<TcpServer> make_fork_server(ServerConfig config);
std::unique_ptr<TcpServer> make_thread_server(ServerConfig config);
std::unique_ptr<TcpServer> make_nonblocking_server(ServerConfig config);
std::unique_ptr<TcpServer> make_select_server(ServerConfig config);
std::unique_ptr<TcpServer> make_poll_server(ServerConfig config);
std::unique_ptr<TcpServer> make_epoll_lt_server(ServerConfig config);
std::unique_ptr<TcpServer> make_epoll_et_server(ServerConfig config);
std::unique_ptr<TcpServer> make_coroutine_server(ServerConfig config);

}  // namespace wirelab::servers
