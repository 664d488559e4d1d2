#include "datagram_capture_support.hpp"

#include "decode/ipv4.hpp"
#include "decode/tcp.hpp"
#include "decode/udp.hpp"

namespace wirelab::servers::testing {
namespace {

std::size_t link_header_len(decode::LinkType t) {
  switch (t) {
    case decode::LinkType::Ethernet: return 14;
    case decode::LinkType::Null:
    case decode::LinkType::Loop: return 4;
    case decode::LinkType::LinuxSll: return 16;
    case decode::LinkType::LinuxSll2: return 20;
    default: return 0;
  }
}

}  // namespace

std::vector<SeenPacket> ipv4_packets(const RunReport& report) {
  std::vector<SeenPacket> out;
  for (const auto& f : report.packets) {
    const std::size_t skip = link_header_len(f.link_type);
    if (f.bytes.size() <= skip) continue;
    auto ip = decode::ipv4(Bytes(f.bytes.data() + skip, f.bytes.size() - skip), static_cast<std::uint32_t>(skip));
    if (!ip) continue;
    SeenPacket p{.ip_proto = ip->protocol(), .src_ip = ip->src(), .dst_ip = ip->dst()};
    const Bytes l4 = ip->payload();
    if (p.ip_proto == 17) {
      auto udp = decode::udp(l4, 0);
      if (!udp) continue;
      p.src_port = udp->src_port();
      p.dst_port = udp->dst_port();
      p.payload.assign(udp->payload().begin(), udp->payload().end());
    } else if (p.ip_proto == 6) {
      auto tcp = decode::tcp(l4, 0);
      if (!tcp) continue;
      p.src_port = tcp->src_port();
      p.dst_port = tcp->dst_port();
      p.tcp_flags = tcp->flags();
      p.payload.assign(tcp->payload().begin(), tcp->payload().end());
    } else if (p.ip_proto == 1 && l4.size() >= 8) {
      p.icmp_type = load_u8(l4, 0);
      p.payload.assign(l4.begin() + 8, l4.end());
    }
    out.push_back(std::move(p));
  }
  return out;
}

Result<RunReport> run_or_skip_reason(std::string_view scenario, const ScenarioOptions& options, std::string& skip) {
  auto report = run_scenario(scenario, options);
  skip.clear();
  if (!report && (report.error().message.find("permission") != std::string::npos ||
                  report.error().message.find("setcap") != std::string::npos ||
                  report.error().message.find("CAP_NET_RAW") != std::string::npos)) {
    skip = "no capture permission: " + report.error().message;
  }
  return report;
}

}  // namespace wirelab::servers::testing
