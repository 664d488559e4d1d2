// Scenarios built on the upload protocol (the client sends, shuts down writing, the server
// answers after the client's FIN):
//   "file": a large upload with a sendall-style loop over a small send buffer, so send()
//           accepts only part of what it is given and the loop has to wait and go on;
//   "half-close": a small request, then several lines of answer on the half-closed connection.
#include <poll.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>

#include "servers/scenario_list.hpp"
#include "servers/scenario_support.hpp"
#include "servers/tcp_client.hpp"
#include "servers/upload_protocol.hpp"

namespace wirelab::servers {
namespace {

const ScenarioInfo kFileInfo{
    .name = "file",
    .help = "upload a large file with a sendall loop: partial send()s, many segments, a hash check",
    .lesson = "send() copies into the kernel's send buffer and returns how much it took, which can be less than "
              "asked; a sendall loop keeps calling it (waiting for POLLOUT in between) until everything is in. "
              "On the wire the bytes go out in segments of the MSS, acknowledged in batches; the reader's recv() "
              "sizes match neither the writes nor the segments. The server checks the byte count and hash.",
    .uses_model = true,
    .default_clients = 1,
    .options_help = "--size BYTES (default 2097152, at most 64 MiB) --sndbuf BYTES (client SO_SNDBUF, default 32768)",
};

const ScenarioInfo kHalfCloseInfo{
    .name = "half-close",
    .help = "client sends, then shutdown(SHUT_WR); the server keeps sending its answer after the client's FIN",
    .lesson = "shutdown(SHUT_WR) sends a FIN but keeps the socket open for reading: the connection is half-"
              "closed. The server sees recv() return 0 (EOF) yet can still send; the client, in FIN-WAIT-2, keeps "
              "receiving until the server's own FIN. That is how a client says \"that was my whole request\" "
              "without giving up the answer.",
    .uses_model = true,
    .default_clients = 1,
    .options_help = "--lines N (answer lines after the FIN, default 5)",
};

// A sendall loop on a non-blocking send: each send() takes what fits; on EAGAIN wait for POLLOUT.
struct SendallStats {
  int calls = 0, partial = 0, waits = 0;
};
std::optional<Error> sendall_nonblocking(const ScenarioContext& ctx, TcpClient& c, std::string_view data,
                                         SendallStats& st) {
  std::size_t off = 0;
  while (off < data.size()) {
    if (ctx.past_deadline())  // the time limit, or a stop request: give up the upload
      return Error{c.tracer().actor() + ": stopped after sending " + std::to_string(off) + " of " +
                   std::to_string(data.size()) + " bytes (time limit or stop)"};
    ++st.calls;
    const ssize_t n = c.tracer().send(c.fd(), data.data() + off, data.size() - off, MSG_DONTWAIT);
    if (n > 0) {
      if (static_cast<std::size_t>(n) < data.size() - off) ++st.partial;
      off += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      ++st.waits;
      pollfd p{c.fd(), POLLOUT, 0};
      if (::poll(&p, 1, 3000) <= 0) return Error{c.tracer().actor() + ": send buffer stayed full for 3 s"};
      continue;
    }
    return Error{c.tracer().actor() + ": send() failed: " + std::strerror(errno)};
  }
  return std::nullopt;
}

class UploadScenario final : public Scenario {
 public:
  explicit UploadScenario(bool file) : file_(file) {}
  const ScenarioInfo& info() const override { return file_ ? kFileInfo : kHalfCloseInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    std::string bad;
    const auto size = ctx.options().number("size", 2 * 1024 * 1024, &bad);
    const auto sndbuf = ctx.options().number("sndbuf", 32768, &bad);
    const auto lines = ctx.options().number("lines", 5, &bad);
    if (!size || !sndbuf || !lines) return Error{bad};
    if (*size < 1 || *size > 64LL * 1024 * 1024 || *sndbuf < 4096 || *sndbuf > 4 * 1024 * 1024 || *lines < 1 ||
        *lines > 100)
      return Error{"bounds: --size 1..67108864, --sndbuf 4096..4194304, --lines 1..100"};
    auto server = start_server_and_capture(ctx, std::make_shared<UploadProtocol>(file_ ? 1 : static_cast<int>(*lines)));
    if (!server) return server.error();
    std::mutex mu;
    std::vector<std::string> facts;
    const auto errors = run_clients(ctx.clients(), [&](int i) -> std::optional<Error> {
      const std::string actor = "client " + std::to_string(i);
      TcpClient client(&ctx.journal(), actor);
      if (auto err = client.connect((*server)->port())) return err;
      std::string data;
      if (file_) {
        client.tracer().set_int_option(client.fd(), SOL_SOCKET, SO_SNDBUF, static_cast<int>(*sndbuf), "SO_SNDBUF");
        data.resize(static_cast<std::size_t>(*size));
        std::uint32_t x = 2463534242u + static_cast<std::uint32_t>(i);  // xorshift: same file every run
        for (char& ch : data) {
          x ^= x << 13, x ^= x >> 17, x ^= x << 5;
          ch = static_cast<char>(x & 0xff);
        }
      } else {
        data = "this is my whole request; answer after my FIN\n";
      }
      SendallStats st;
      if (auto err = sendall_nonblocking(ctx, client, data, st)) return err;
      if (auto err = client.shutdown_write()) return err;
      auto answer = client.recv_to_eof();
      if (!answer) return answer.error();
      char expect[96];
      std::snprintf(expect, sizeof expect, "RECEIVED %zu %016llx\n", data.size(),
                    static_cast<unsigned long long>(fnv1a(data)));
      if (answer->rfind(expect, 0) != 0) return Error{actor + ": the server's answer does not match what was sent"};
      std::lock_guard lock(mu);
      if (file_)
        facts.push_back(actor + ": " + std::to_string(data.size()) + " bytes in " + std::to_string(st.calls) +
                        " send() calls (" + std::to_string(st.partial) + " partial, " + std::to_string(st.waits) +
                        " waits for POLLOUT); the server counted the same bytes and hash");
      else
        facts.push_back(actor + ": after shutdown(SHUT_WR) it still received " + std::to_string(answer->size()) +
                        " bytes (" + std::to_string(*lines) + " lines) before the server's FIN");
      client.close();
      return std::nullopt;
    });
    const auto server_error = finish_server(ctx, **server);
    if (auto err = combine_errors(errors)) return err;
    if (server_error) return server_error;
    for (auto& f : facts) ctx.finding(std::move(f));
    if (file_) {
      int reads = 0;
      for (const auto& e : ctx.journal().snapshot())
        if (e.call == SocketCall::Recv && e.actor == "server" && e.bytes > 0) ++reads;
      ctx.finding("server: " + std::to_string(reads) + " recv() calls returned data");
    }
    return std::nullopt;
  }

 private:
  bool file_;
};

std::unique_ptr<Scenario> make_file() { return std::make_unique<UploadScenario>(true); }
std::unique_ptr<Scenario> make_half_close() { return std::make_unique<UploadScenario>(false); }

}  // namespace

ScenarioEntry file_scenario() { return {&kFileInfo, make_file}; }
ScenarioEntry half_close_scenario() { return {&kHalfCloseInfo, make_half_close}; }

}  // namespace wirelab::servers
