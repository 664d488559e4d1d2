#include "servers/raw_syn_probe.hpp"

#include <linux/filter.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <random>

#include "decode/ipv4.hpp"
#include "decode/tcp.hpp"

namespace wirelab::servers {
namespace {

namespace flag = decode::tcp_flag;

void put16(std::vector<std::byte>& b, std::size_t off, std::uint16_t v) {
  b[off] = static_cast<std::byte>(v >> 8);
  b[off + 1] = static_cast<std::byte>(v & 0xff);
}

void put32(std::vector<std::byte>& b, std::size_t off, std::uint32_t v) {
  put16(b, off, static_cast<std::uint16_t>(v >> 16));
  put16(b, off + 2, static_cast<std::uint16_t>(v & 0xffff));
}

// A TCP socket bound to 127.0.0.1:0 and never listening: it reserves a source port nobody else
// gets, while the kernel still has no connection there, so a SYN-ACK to it is answered by RST.
class ReservedPort {
 public:
  explicit ReservedPort(Journal* journal) : tracer_(journal, "prober") {
    fd_ = tracer_.socket(SOCK_STREAM);
    if (fd_ >= 0 && tracer_.bind(fd_) == 0) port_ = SocketTracer::local_port(fd_);
  }
  ~ReservedPort() {
    if (fd_ >= 0) tracer_.close(fd_);
  }
  ReservedPort(const ReservedPort&) = delete;
  ReservedPort& operator=(const ReservedPort&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  SocketTracer tracer_;
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

// A raw TCP socket receives every TCP segment on the host. This classic BPF filter keeps only
// those to or from the probed port, so the journal shows our exchange and nothing else.
bool attach_port_filter(int fd, std::uint16_t port) {
  sock_filter code[] = {
      BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0),             // x = IPv4 header length
      BPF_STMT(BPF_LD | BPF_H | BPF_IND, 0),              // a = TCP source port
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, port, 2, 0),    // == port: keep
      BPF_STMT(BPF_LD | BPF_H | BPF_IND, 2),              // a = TCP destination port
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, port, 0, 1),    // == port: keep, else drop
      BPF_STMT(BPF_RET | BPF_K, 0xffff),
      BPF_STMT(BPF_RET | BPF_K, 0),
  };
  sock_fprog prog{.len = static_cast<unsigned short>(std::size(code)), .filter = code};
  return ::setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog) == 0;
}

}  // namespace

std::vector<std::byte> tcp_syn_segment(std::uint32_t src_ip, std::uint16_t src_port, std::uint32_t dst_ip,
                                       std::uint16_t dst_port, std::uint32_t seq) {
  std::vector<std::byte> seg(20);
  put16(seg, 0, src_port);
  put16(seg, 2, dst_port);
  put32(seg, 4, seq);
  put32(seg, 8, 0);                                      // no ACK yet
  put16(seg, 12, static_cast<std::uint16_t>((5u << 12) | flag::kSyn));  // data offset 5 words
  put16(seg, 14, 64240);                                 // window
  // Checksum over the pseudo-header (src, dst, zero, protocol, TCP length) and the segment.
  std::vector<std::byte> pseudo(12);
  put32(pseudo, 0, src_ip);
  put32(pseudo, 4, dst_ip);
  put16(pseudo, 8, IPPROTO_TCP);
  put16(pseudo, 10, static_cast<std::uint16_t>(seg.size()));
  pseudo.insert(pseudo.end(), seg.begin(), seg.end());
  put16(seg, 16, decode::internet_checksum(Bytes(pseudo.data(), pseudo.size())));
  return seg;
}

Result<SynProbeReport> raw_syn_probe(Journal* journal, const SynProbeConfig& config) {
  if (config.target_port == 0) return Error{"syn-probe needs the port of a listening TCP socket on 127.0.0.1"};
  if (config.syns < 1 || config.syns > 10) return Error{"syn-probe sends 1..10 SYNs, not " + std::to_string(config.syns)};
  auto raw = DatagramSocket::open_raw(journal, "prober", IPPROTO_TCP);
  if (!raw) return raw.error();
  if (!attach_port_filter(raw->fd(), config.target_port))
    return Error{std::string("SO_ATTACH_FILTER on the raw socket failed: ") + std::strerror(errno)};
  if (auto b = raw->bind({.ip = kLoopback, .port = 0}); !b) return b.error();

  std::mt19937 rng(std::random_device{}());
  SynProbeReport report;
  std::vector<std::byte> buf(65536);
  for (int i = 0; i < config.syns; ++i) {
    ReservedPort reserved(journal);
    if (reserved.port() == 0) return Error{"could not reserve a TCP source port on 127.0.0.1"};
    SynProbeResult probe{.source_port = reserved.port(), .syn_seq = static_cast<std::uint32_t>(rng())};
    const auto syn = tcp_syn_segment(kLoopback, probe.source_port, kLoopback, config.target_port, probe.syn_seq);
    const auto sent_at = std::chrono::steady_clock::now();
    if (raw->send_to(syn, {.ip = kLoopback, .port = 0}) < 0)
      return Error{std::string("sendto of the raw SYN failed: ") + std::strerror(errno)};
    const auto deadline = sent_at + std::chrono::milliseconds(config.timeout_ms);
    while (!(probe.syn_ack && probe.rst)) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
      if (left <= 0) break;
      const DatagramReceive r = raw->receive(buf, static_cast<int>(left));
      if (r.status != DatagramReceive::Status::Data) break;
      auto ip = decode::ipv4(Bytes(buf.data(), r.size), 0);
      if (!ip || ip->protocol() != IPPROTO_TCP) continue;
      auto tcp = decode::tcp(ip->payload(), ip->header_len());
      if (!tcp) continue;
      const bool outbound = tcp->src_port() == probe.source_port && tcp->dst_port() == config.target_port;
      const bool inbound = tcp->src_port() == config.target_port && tcp->dst_port() == probe.source_port;
      if (outbound && tcp->has(flag::kSyn) && !tcp->has(flag::kAck) && tcp->seq() == probe.syn_seq) probe.syn_seen = true;
      if (inbound && tcp->has(flag::kSyn) && tcp->has(flag::kAck) && tcp->ack() == probe.syn_seq + 1) {
        probe.syn_ack = true;
        probe.server_isn = tcp->seq();
        probe.syn_ack_after_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - sent_at).count();
      }
      if (outbound && tcp->has(flag::kRst) && tcp->seq() == probe.syn_seq + 1) probe.rst = true;
    }
    report.probes.push_back(probe);
  }
  return report;
}

}  // namespace wirelab::servers
