// Helpers the scenarios share: start a server in the requested model and capture its port,
// run N clients on their own threads and collect what went wrong.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "decode/result.hpp"
#include "servers/scenario.hpp"
#include "servers/tcp_server.hpp"

namespace wirelab::servers {

// Makes the model's server (ctx.options().model) with `protocol`, starts it, and starts the
// capture on "tcp port <its port>". Errors say what failed.
Result<std::unique_ptr<TcpServer>> start_server_and_capture(ScenarioContext& ctx, std::shared_ptr<Protocol> protocol,
                                                            ServerConfig base = {});

// For scenarios with a hand-written server: socket, (SO_REUSEADDR), bind 127.0.0.1:0, listen,
// then the capture on "tcp port <port>". Returns the listening fd (journaled under `server`);
// on failure everything opened is closed again.
Result<int> listen_and_capture(ScenarioContext& ctx, SocketTracer& server, int backlog, bool reuse_addr = false);

// Lets the server finish the connections its clients closed (bounded by the deadline), stops
// it, and returns its error if it reported one.
std::optional<Error> finish_server(ScenarioContext& ctx, TcpServer& server);

// Runs body(i) for i = 1..n on n threads at once ("client i"), joins them all, and returns the
// errors they reported (empty: all fine).
std::vector<std::string> run_clients(int n, const std::function<std::optional<Error>(int)>& body);

// Joins the errors into one Error ("client 2: ...; client 3: ..."), or nullopt if none.
std::optional<Error> combine_errors(const std::vector<std::string>& errors);

}  // namespace wirelab::servers
