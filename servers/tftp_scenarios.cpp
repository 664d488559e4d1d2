// Scenarios tftp-get, tftp-put, tftp-options, tftp-wrap and tftp-error. Each serves a private
// temporary directory (removed afterwards) from a TftpServer on 127.0.0.1:0; every client binds
// its port before the capture starts, so the filter "udp and (port SERVER or port CLIENT...)"
// catches the whole transfer, including the server's replies from its new per-transfer port.
#include <fstream>
#include <string>
#include <vector>

#include "servers/datagram_scenario_support.hpp"
#include "servers/deadline_stopper.hpp"
#include "servers/temp_directory.hpp"
#include "servers/tftp_client.hpp"
#include "servers/tftp_server.hpp"

namespace wirelab::servers {
namespace {

constexpr long long kMaxFileSize = 16LL << 20;

std::string sample_content(std::size_t size, bool text) {
  std::string s(size, '\0');
  std::uint32_t x = 12345;
  for (std::size_t i = 0; i < size; ++i) {
    x = x * 1664525u + 1013904223u;
    s[i] = text ? (i % 61 == 60 ? '\n' : static_cast<char>('a' + (x >> 24) % 26)) : static_cast<char>(x >> 24);
  }
  return s;
}

bool write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string describe(const std::vector<TftpOption>& options) {
  std::string out;
  for (const auto& o : options) out += (out.empty() ? "" : " ") + o.name + "=" + o.value;
  return out.empty() ? "(none)" : out;
}

std::string describe(const TftpFailure& f) {
  return "ERROR " + std::to_string(static_cast<unsigned>(f.code)) + " (" + to_string(f.code) + "): " + f.message;
}

// The temporary root, the server and the deadline, set up the same way for every scenario.
class TftpRig {
 public:
  static Result<std::unique_ptr<TftpRig>> create(ScenarioContext& ctx, TftpServerConfig config = {}) {
    auto dir = TempDirectory::create("wirelab-tftp");
    if (!dir) return dir.error();
    auto rig = std::unique_ptr<TftpRig>(new TftpRig(ctx, std::move(*dir)));
    std::error_code ec;
    std::filesystem::create_directory(rig->dir_.path() / "root", ec);
    std::filesystem::create_directory(rig->dir_.path() / "local", ec);
    if (ec) return Error{"cannot create the TFTP scenario directories: " + ec.message()};
    config.root = rig->dir_ / "root";
    rig->server_ = std::make_unique<TftpServer>(&ctx.journal(), std::move(config));
    auto port = rig->server_->start();
    if (!port) return port.error();
    rig->addr_ = {.ip = kLoopback, .port = *port};
    return rig;
  }
  ~TftpRig() {
    // Let each server transfer see its last packet (a final ACK) before stopping it, then close
    // threads and sockets, then remove the directory.
    if (server_) server_->wait_finished(server_->transfers().size(), std::chrono::milliseconds(bounded_ms(ctx_, 1000)));
    server_.reset();
  }

  // A client whose socket is already bound; its port joins the capture filter.
  Result<std::unique_ptr<TftpClient>> client(TftpClientConfig config) {
    config.defaults.max_retries = 3;
    auto c = std::make_unique<TftpClient>(&ctx_.journal(), std::move(config));
    auto port = c->open();
    if (!port) return port.error();
    client_ports_.push_back(*port);
    return c;
  }
  std::optional<Error> start_capture() {
    std::string filter = "udp and (port " + std::to_string(addr_.port);
    for (auto p : client_ports_) filter += " or port " + std::to_string(p);
    return ctx_.start_capture(filter + ")");
  }

  SockAddr server_addr() const { return addr_; }
  TftpServer& server() { return *server_; }
  const StopSignal* stop() const { return &stop_; }
  std::string root(const std::string& name) const { return dir_ / ("root/" + name); }
  std::string local(const std::string& name) const { return dir_ / ("local/" + name); }
  const TempDirectory& dir() const { return dir_; }

 private:
  TftpRig(ScenarioContext& ctx, TempDirectory dir)
      : ctx_(ctx), dir_(std::move(dir)), stopper_(stop_, ctx.deadline(), ctx.stop_token()) {}

  ScenarioContext& ctx_;
  TempDirectory dir_;
  StopSignal stop_;
  DeadlineStopper stopper_;
  std::unique_ptr<TftpServer> server_;
  SockAddr addr_;
  std::vector<std::uint16_t> client_ports_;
};

Result<std::size_t> size_option(const ScenarioContext& ctx, long long fallback, long long min = 0) {
  std::string err;
  const auto size = ctx.options().number("size", fallback, &err);
  if (!size) return Error{err};
  if (*size < min || *size > kMaxFileSize)
    return Error{"--size takes " + std::to_string(min) + ".." + std::to_string(kMaxFileSize) + " bytes, not " + std::to_string(*size)};
  return static_cast<std::size_t>(*size);
}

Result<std::string> mode_option(const ScenarioContext& ctx) {
  const std::string mode = ctx.options().text("mode", "octet");
  if (mode != "octet" && mode != "netascii") return Error{"--mode takes octet or netascii, not \"" + mode + "\""};
  return mode;
}

// The facts every successful transfer reports.
void transfer_findings(ScenarioContext& ctx, const TftpClientResult& r, SockAddr server, std::string_view what) {
  ctx.finding(std::string(what) + " sent to port " + std::to_string(server.port) + " from client port " +
              std::to_string(r.client_tid.port) + "; the server answered from a new port " + std::to_string(r.server_tid.port) +
              " (its transfer ID): every later packet uses that pair");
  ctx.finding(std::to_string(r.stats.blocks) + " DATA blocks of up to " + std::to_string(r.params.blksize) + " bytes, " +
              std::to_string(r.stats.bytes) + " bytes on the wire; the short last block ends the transfer, no FIN needed");
}

// tftp-get and tftp-put: one sample file moved one way, with the facts of the transfer.
template <TftpOpcode kRequest>
class TftpMoveScenario final : public Scenario {
 public:
  static const ScenarioInfo kInfo;
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    constexpr bool kGet = kRequest == TftpOpcode::Rrq;
    auto size = size_option(ctx, 20000);
    auto mode = mode_option(ctx);
    if (!size) return size.error();
    if (!mode) return mode.error();
    auto rig = TftpRig::create(ctx);
    if (!rig) return rig.error();
    TftpRig& r = **rig;
    const std::string content = sample_content(*size, *mode == "netascii");
    const std::string source = kGet ? r.root("sample.bin") : r.local("sample.bin");
    const std::string destination = kGet ? r.local("sample.bin") : r.root("sample.bin");
    if (!write_file(source, content)) return Error{"cannot write the sample file " + source};
    auto client = r.client({.actor = "client 1", .mode = *mode});
    if (!client) return client.error();
    if (auto e = r.start_capture()) return e;
    const auto result = kGet ? (*client)->get(r.server_addr(), "sample.bin", destination, r.stop())
                             : (*client)->put(r.server_addr(), source, "sample.bin", r.stop());
    const std::string what = std::string(to_string(kRequest)) + " sample.bin (" + *mode + ")";
    if (!result.ok()) return Error{what + " failed: " + describe(*result.failure)};
    if (!kGet) r.server().wait_finished(1, std::chrono::milliseconds(bounded_ms(ctx, 2000)));  // file written
    transfer_findings(ctx, result, r.server_addr(), what);
    ctx.finding(std::string(kGet ? "the received file is " : "the server's copy is ") +
                (read_file(destination) == content ? "identical" : "DIFFERENT") + " (" + std::to_string(content.size()) + " bytes)");
    return std::nullopt;
  }
};

template <>
const ScenarioInfo TftpMoveScenario<TftpOpcode::Rrq>::kInfo{
    .name = "tftp-get",
    .help = "TFTP read (RRQ): lock-step DATA/ACK from the server's new port",
    .lesson = "TFTP runs over UDP and brings its own reliability: each DATA block waits for its ACK before the "
              "next (lock-step). The request goes to the server's well-known port, but the answer comes from "
              "a fresh port: the transfer ID. A block shorter than blksize marks the end.",
    .options_help = "--size BYTES (default 20000) --mode octet|netascii"};

template <>
const ScenarioInfo TftpMoveScenario<TftpOpcode::Wrq>::kInfo{
    .name = "tftp-put",
    .help = "TFTP write (WRQ): ACK 0 from the new port, then DATA from the client",
    .lesson = "A write turns the roles around: the server answers the WRQ with ACK 0 from its new port, then "
              "the client sends DATA and the server ACKs each block. The server only creates new files in its "
              "root; it never overwrites unless configured to.",
    .options_help = "--size BYTES (default 20000) --mode octet|netascii"};

class TftpOptionsScenario final : public Scenario {
 public:
  static constexpr ScenarioInfo kInfo{
      .name = "tftp-options",
      .help = "TFTP option negotiation: blksize, tsize, timeout and windowsize in the RRQ, answered by OACK",
      .lesson = "Options ride in the request (RFC 2347); the server answers with an OACK listing what it "
                "accepts, and the client confirms with ACK 0. tsize tells the size before any DATA, blksize "
                "makes blocks bigger, windowsize lets several DATA blocks go out per ACK (RFC 7440).",
      .options_help = "--size BYTES (default 100000) --blksize N (default 1024) --windowsize N (default 4)"};
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    std::string err;
    auto size = size_option(ctx, 100000);
    const auto blksize = ctx.options().number("blksize", 1024, &err);
    const auto windowsize = ctx.options().number("windowsize", 4, &err);
    if (!size) return size.error();
    if (!blksize || !windowsize) return Error{err};
    if (*blksize < 8 || *blksize > 65464) return Error{"--blksize takes 8..65464 (RFC 2348)"};
    if (*windowsize < 1 || *windowsize > 64) return Error{"--windowsize takes 1..64 here"};
    auto rig = TftpRig::create(ctx);
    if (!rig) return rig.error();
    const std::string content = sample_content(*size, false);
    if (!write_file((*rig)->root("options.bin"), content)) return Error{"cannot write the sample file"};
    TftpClientConfig config{.actor = "client 1"};
    config.options = {.blksize = static_cast<std::size_t>(*blksize),
                      .timeout_s = 2,
                      .tsize = true,
                      .windowsize = static_cast<std::uint16_t>(*windowsize)};
    auto client = (*rig)->client(config);
    if (!client) return client.error();
    if (auto e = (*rig)->start_capture()) return e;
    const auto r = (*client)->get((*rig)->server_addr(), "options.bin", (*rig)->local("options.bin"), (*rig)->stop());
    if (!r.ok()) return Error{"tftp get with options failed: " + describe(*r.failure)};
    ctx.finding("asked: " + describe(to_options(config.options, 0)) + "; OACK: " + describe(r.oack));
    if (r.tsize) ctx.finding("tsize announced " + std::to_string(*r.tsize) + " bytes before the first DATA");
    std::size_t acks = 0;
    for (const auto& e : ctx.journal().snapshot()) acks += (e.actor == "client 1" && e.call == SocketCall::SendTo) ? 1 : 0;
    ctx.finding(std::to_string(r.stats.blocks) + " DATA blocks of " + std::to_string(r.params.blksize) + " bytes with windowsize " +
                std::to_string(r.params.windowsize) + ": the client sent " + std::to_string(acks) +
                " packets (RRQ, ACK 0 for the OACK, one ACK per window)");
    ctx.finding(std::string("the received file is ") + (read_file((*rig)->local("options.bin")) == content ? "identical" : "DIFFERENT"));
    return std::nullopt;
  }
};

class TftpWrapScenario final : public Scenario {
 public:
  static constexpr ScenarioInfo kInfo{
      .name = "tftp-wrap",
      .help = "TFTP transfer of more than 65535 blocks (blksize 8): the 16-bit block number rolls over to 0",
      .lesson = "The block number is 16 bits: with 512-byte blocks a file over 32 MB would run out. Most "
                "implementations (and wirelab) roll 65535 over to 0 and carry on; both ends must agree. With "
                "blksize 8 the rollover comes after 512 KB.",
      .options_help = "--size BYTES (default 600000, at least 524281 to wrap) --windowsize N (default 1)"};
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    std::string err;
    auto size = size_option(ctx, 600000, 1);
    const auto windowsize = ctx.options().number("windowsize", 1, &err);
    if (!size) return size.error();
    if (!windowsize) return Error{err};
    if (*windowsize < 1 || *windowsize > 64) return Error{"--windowsize takes 1..64 here"};
    auto rig = TftpRig::create(ctx);
    if (!rig) return rig.error();
    const std::string content = sample_content(*size, false);
    if (!write_file((*rig)->root("big.bin"), content)) return Error{"cannot write the sample file"};
    TftpClientConfig config{.actor = "client 1"};
    config.options = {.blksize = 8};
    if (*windowsize > 1) config.options.windowsize = static_cast<std::uint16_t>(*windowsize);
    auto client = (*rig)->client(config);
    if (!client) return client.error();
    if (auto e = (*rig)->start_capture()) return e;
    const auto r = (*client)->get((*rig)->server_addr(), "big.bin", (*rig)->local("big.bin"), (*rig)->stop());
    if (!r.ok()) return Error{"tftp-wrap transfer failed: " + describe(*r.failure)};
    ctx.finding(std::to_string(r.stats.blocks) + " blocks of 8 bytes: the block number rolled over 65535 -> 0 " +
                std::to_string(r.stats.wraps) + " time(s); the last block on the wire is " +
                std::to_string(r.stats.blocks & 0xffff));
    const bool same = read_file((*rig)->local("big.bin")) == content;
    ctx.finding("received " + std::to_string(r.stats.bytes) + " of " + std::to_string(content.size()) + " bytes, file " +
                (same ? "identical" : "DIFFERENT"));
    return std::nullopt;
  }
};

class TftpErrorScenario final : public Scenario {
 public:
  static constexpr ScenarioInfo kInfo{
      .name = "tftp-error",
      .help = "TFTP errors: file not found (1), access violation for ../etc/passwd, /etc/passwd and a symlink out (2), file exists on WRQ (6)",
      .lesson = "A TFTP server answers a request it cannot serve with one ERROR packet (code + text) from its "
                "new port, and the transfer is over: ERROR is never acknowledged or retransmitted. The server "
                "is confined to its root: '..', absolute paths and symlinks leading out are access violations.",
      .default_clients = 1};
  const ScenarioInfo& info() const override { return kInfo; }

  std::optional<Error> run(ScenarioContext& ctx) override {
    auto rig = TftpRig::create(ctx);
    if (!rig) return rig.error();
    TftpRig& r = **rig;
    if (!write_file(r.root("exists.txt"), "already here\n") || !write_file(r.local("upload.txt"), "new text\n"))
      return Error{"cannot write the sample files"};
    std::error_code ec;
    std::filesystem::create_symlink("/etc/passwd", r.dir().path() / "root" / "link-out", ec);
    struct Attempt {
      TftpOpcode op;
      std::string name;
      TftpErrorCode expected;
    };
    const std::vector<Attempt> attempts{{TftpOpcode::Rrq, "missing.txt", TftpErrorCode::FileNotFound},
                                        {TftpOpcode::Rrq, "../etc/passwd", TftpErrorCode::AccessViolation},
                                        {TftpOpcode::Rrq, "/etc/passwd", TftpErrorCode::AccessViolation},
                                        {TftpOpcode::Rrq, "link-out", TftpErrorCode::AccessViolation},
                                        {TftpOpcode::Wrq, "exists.txt", TftpErrorCode::FileExists}};
    std::vector<std::unique_ptr<TftpClient>> clients;
    for (std::size_t i = 0; i < attempts.size(); ++i) {
      auto c = r.client({.actor = "client " + std::to_string(i + 1)});
      if (!c) return c.error();
      clients.push_back(std::move(*c));
    }
    if (auto e = r.start_capture()) return e;
    for (std::size_t i = 0; i < attempts.size(); ++i) {
      const Attempt& a = attempts[i];
      const auto res = a.op == TftpOpcode::Rrq ? clients[i]->get(r.server_addr(), a.name, r.local("got"), r.stop())
                                               : clients[i]->put(r.server_addr(), r.local("upload.txt"), a.name, r.stop());
      const std::string asked = std::string(to_string(a.op)) + " " + a.name;
      if (res.ok()) return Error{asked + " succeeded: the server should have refused it"};
      ctx.finding(asked + " -> " + describe(*res.failure) +
                  (res.failure->code == a.expected ? "" : "  (expected ERROR " + std::to_string(static_cast<unsigned>(a.expected)) + ")"));
    }
    ctx.finding(std::string("exists.txt still holds its original content: ") +
                (read_file(r.root("exists.txt")) == "already here\n" ? "yes" : "NO"));
    return std::nullopt;
  }
};

}  // namespace

ScenarioEntry tftp_get_scenario() { return make_scenario_entry<TftpMoveScenario<TftpOpcode::Rrq>>(); }
ScenarioEntry tftp_put_scenario() { return make_scenario_entry<TftpMoveScenario<TftpOpcode::Wrq>>(); }
ScenarioEntry tftp_options_scenario() { return make_scenario_entry<TftpOptionsScenario>(); }
ScenarioEntry tftp_wrap_scenario() { return make_scenario_entry<TftpWrapScenario>(); }
ScenarioEntry tftp_error_scenario() { return make_scenario_entry<TftpErrorScenario>(); }

}  // namespace wirelab::servers
