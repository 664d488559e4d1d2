// Scenario "sticky": TCP is a byte stream, not a message stream ("sticky packets").
// Round 1 (naive): the client makes 10 small send()s; the server is busy for 100 ms, then
// reads: one recv() returns all ten messages glued together, and a server that takes one
// recv() for one message sees a single "message". Round 2 (the fix): each message carries a
// 2-byte big-endian length; the server reads in small pieces (7 bytes per recv(), so a message
// can also be split across reads) and still recovers exactly the 10 messages.
#include <poll.h>

#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "servers/byte_buffer.hpp"
#include "servers/scenario_list.hpp"
#include "servers/scenario_support.hpp"
#include "servers/tcp_client.hpp"

namespace wirelab::servers {
namespace {

const ScenarioInfo kInfo{
    .name = "sticky",
    .help = "10 send()s arrive as 1 recv(): message boundaries are not kept; then the length-prefix fix",
    .lesson = "TCP delivers bytes, not messages: what one send() wrote can arrive split across recv()s or glued "
              "to its neighbours, and the segments on the wire match neither. Compare the client's send() "
              "count, the segments, and the server's recv() count in each round. The fix is framing: a length "
              "prefix (or a delimiter) lets the reader cut the stream back into messages however it arrives.",
    .uses_model = false,
    .default_clients = 1,
    .options_help = "--messages N (default 10)",
};

constexpr int kRecvPieceFramed = 7;

class StickyScenario final : public Scenario {
 public:
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    std::string bad;
    const auto count = ctx.options().number("messages", 10, &bad);
    if (!count || *count < 2 || *count > 1000) return Error{bad.empty() ? "--messages takes 2 to 1000" : bad};
    const int n = static_cast<int>(*count);
    SocketTracer server(&ctx.journal(), "server");
    auto listener = listen_and_capture(ctx, server, 4);
    if (!listener) return listener.error();
    const int lfd = *listener;
    const std::uint16_t port = SocketTracer::local_port(lfd);
    int naive_reads = 0, framed_reads = 0, framed_messages = 0;
    std::string naive_first;
    bool framed_intact = true;
    std::thread server_thread([&] {
      auto accept_bounded = [&]() -> int {
        pollfd p{lfd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(ctx.remaining().count())) <= 0) return -1;
        return server.accept(lfd);
      };
      // Round 1: busy for a moment, then one recv() = one "message" (wrong).
      if (const int c = accept_bounded(); c >= 0) {
        server.note(SocketCall::Note, c, 0, "server busy for 100 ms: the client's writes pile up in the receive buffer");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        char buf[4096];
        for (ssize_t r; (r = server.recv(c, buf, sizeof buf)) > 0;) {
          if (naive_reads++ == 0) naive_first.assign(buf, static_cast<std::size_t>(r));
        }
        server.close(c);
      }
      // Round 2: length-prefixed frames, read 7 bytes at a time.
      if (const int c = accept_bounded(); c >= 0) {
        ByteBuffer in;
        for (;;) {
          auto room = in.prepare(kRecvPieceFramed);
          const ssize_t r = server.recv(c, room.data(), kRecvPieceFramed);
          if (r <= 0) break;
          ++framed_reads;
          in.commit(static_cast<std::size_t>(r));
          std::uint16_t len = 0;
          while (in.peek_be16(0, len) && in.readable() >= 2u + len) {
            in.consume(2);
            const std::string msg = in.take(len);
            ++framed_messages;
            if (msg != "message " + std::to_string(framed_messages)) framed_intact = false;
          }
        }
        server.close(c);
      }
    });

    std::optional<Error> err;
    {
      TcpClient client(&ctx.journal(), "client 1");
      err = client.connect(port);
      for (int i = 1; i <= n && !err; ++i) err = client.send_all("message " + std::to_string(i));
      client.close();
    }
    if (!err) {
      TcpClient client(&ctx.journal(), "client 1");
      err = client.connect(port);
      for (int i = 1; i <= n && !err; ++i) {
        const std::string body = "message " + std::to_string(i);
        std::string frame(2, '\0');
        frame[0] = static_cast<char>(body.size() >> 8);
        frame[1] = static_cast<char>(body.size() & 0xff);
        err = client.send_all(frame + body);
      }
      client.close();
    }
    server_thread.join();
    server.close(lfd);
    if (err) return err;
    ctx.finding("naive: " + std::to_string(n) + " send() calls; the server needed " + std::to_string(naive_reads) +
                " recv() call(s) and, taking one recv() for one message, saw " + std::to_string(naive_reads) +
                " message(s); the first was \"" + naive_first.substr(0, 60) + (naive_first.size() > 60 ? "..." : "") +
                "\"");
    ctx.finding("framed: " + std::to_string(n) + " send() calls; " + std::to_string(framed_reads) + " recv() calls of at most " +
                std::to_string(kRecvPieceFramed) + " bytes; " + std::to_string(framed_messages) + " messages decoded" +
                (framed_intact && framed_messages == n ? ", all intact" : ", NOT all intact"));
    if (framed_messages != n || !framed_intact) return Error{"framing failed to recover the messages"};
    return std::nullopt;
  }
};

std::unique_ptr<Scenario> make() { return std::make_unique<StickyScenario>(); }

}  // namespace

ScenarioEntry sticky_scenario() { return {&kInfo, make}; }

}  // namespace wirelab::servers
