// The select model refuses a connection whose fd does not fit in an fd_set, says why, and
// keeps serving the others (no memory corruption: the test would crash or misbehave).
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/select.h>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "servers/echo_protocol.hpp"
#include "servers/tcp_client.hpp"
#include "servers/tcp_server.hpp"

namespace wirelab::test {
namespace {

TEST(SelectModel, RefusesFdsAtOrAboveFdSetsizeWithAClearError) {
  rlimit lim{};
  ::getrlimit(RLIMIT_NOFILE, &lim);
  if (lim.rlim_cur < 2 * FD_SETSIZE + 64) GTEST_SKIP() << "needs an fd limit above " << 2 * FD_SETSIZE + 64;
  servers::ServerConfig cfg;
  cfg.protocol = std::make_shared<servers::EchoProtocol>();
  cfg.backlog = 2048;
  auto server = servers::make_tcp_server("select", cfg);
  ASSERT_FALSE(server->start());
  std::vector<std::unique_ptr<servers::TcpClient>> clients;
  for (int i = 0; i < FD_SETSIZE + 8 && server->last_error().empty(); ++i) {
    clients.push_back(std::make_unique<servers::TcpClient>(nullptr, "client"));
    ASSERT_FALSE(clients.back()->connect(server->port()));
  }
  for (int i = 0; i < 200 && server->last_error().empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  const std::string err = server->last_error();
  EXPECT_NE(err.find("FD_SETSIZE"), std::string::npos) << err;
  EXPECT_NE(err.find("poll or epoll"), std::string::npos) << "the message says what to do instead";
  // The first connection still works.
  ASSERT_FALSE(clients.front()->send_all("still here\n"));
  auto echo = clients.front()->recv_exact(11);
  ASSERT_TRUE(echo) << echo.error().message;
  EXPECT_EQ(*echo, "still here\n");
  clients.clear();
  server->stop();
}

}  // namespace
}  // namespace wirelab::test
