#include "lab_frames_support.hpp"

#include <cstdio>

namespace wirelab::test {
namespace {

struct Reader {
  const std::vector<std::byte>& b;
  bool has(std::size_t off, std::size_t len) const { return off <= b.size() && len <= b.size() - off; }
  unsigned u8(std::size_t off) const { return static_cast<unsigned>(b[off]); }
  unsigned u16(std::size_t off) const { return (u8(off) << 8) | u8(off + 1); }
  std::uint32_t u32(std::size_t off) const { return (std::uint32_t{u16(off)} << 16) | u16(off + 2); }
  std::string mac(std::size_t off) const {
    char s[18];
    std::snprintf(s, sizeof s, "%02x:%02x:%02x:%02x:%02x:%02x", u8(off), u8(off + 1), u8(off + 2), u8(off + 3),
                  u8(off + 4), u8(off + 5));
    return s;
  }
  std::string ip(std::size_t off) const {
    return std::to_string(u8(off)) + "." + std::to_string(u8(off + 1)) + "." + std::to_string(u8(off + 2)) + "." +
           std::to_string(u8(off + 3));
  }
  std::vector<unsigned char> bytes(std::size_t off, std::size_t len) const {
    std::vector<unsigned char> out;
    for (std::size_t i = off; i < off + len && i < b.size(); ++i) out.push_back(static_cast<unsigned char>(b[i]));
    return out;
  }
};

void read_ports(const Reader& r, std::size_t l4, int& src, int& dst) {
  if (!r.has(l4, 4)) return;
  src = static_cast<int>(r.u16(l4));
  dst = static_cast<int>(r.u16(l4 + 2));
}

void read_quoted(const Reader& r, std::size_t ip, QuotedDatagram& q) {
  if (!r.has(ip, 20)) return;
  const std::size_t ihl = (r.u8(ip) & 0x0f) * 4u;
  q.proto = static_cast<int>(r.u8(ip + 9));
  q.ip_src = r.ip(ip + 12);
  q.ip_dst = r.ip(ip + 16);
  read_ports(r, ip + ihl, q.src_port, q.dst_port);
  q.bytes = r.bytes(ip, r.b.size() - ip);
}

LabFrame read_frame(const capture::CapturedFrame& f, const std::string& iface) {
  LabFrame out;
  out.iface = iface;
  out.ts_ns = f.ts_ns;
  const Reader r{f.bytes};
  if (!r.has(0, 14)) return out;
  out.eth_dst = r.mac(0);
  out.eth_src = r.mac(6);
  out.ether_type = static_cast<int>(r.u16(12));
  if (out.ether_type == 0x0806 && r.has(14, 28)) {
    out.arp_op = static_cast<int>(r.u16(20));
    out.arp_sender_mac = r.mac(22);
    out.arp_sender_ip = r.ip(28);
    out.arp_target_mac = r.mac(32);
    out.arp_target_ip = r.ip(38);
    return out;
  }
  if (out.ether_type != 0x0800 || !r.has(14, 20)) return out;
  out.ipv4 = true;
  const std::size_t ihl = (r.u8(14) & 0x0f) * 4u;
  const std::size_t total = r.u16(16);
  out.ip_id = static_cast<int>(r.u16(18));
  out.ttl = static_cast<int>(r.u8(22));
  out.proto = static_cast<int>(r.u8(23));
  out.ip_checksum = static_cast<int>(r.u16(24));
  out.ip_src = r.ip(26);
  out.ip_dst = r.ip(30);
  out.ip_packet = r.bytes(14, total);
  const std::size_t l4 = 14 + ihl;
  const std::size_t end = 14 + total;
  auto text = [&](std::size_t from) {
    std::string s;
    for (std::size_t i = from; i < end && i < f.bytes.size(); ++i) s += static_cast<char>(f.bytes[i]);
    return s;
  };
  if (out.proto == 17 && r.has(l4, 8)) {
    read_ports(r, l4, out.src_port, out.dst_port);
    out.payload = text(l4 + 8);
  } else if (out.proto == 6 && r.has(l4, 20)) {
    read_ports(r, l4, out.src_port, out.dst_port);
    out.tcp_seq = r.u32(l4 + 4);
    out.tcp_flags = static_cast<int>(r.u8(l4 + 13));
    out.payload = text(l4 + (r.u8(l4 + 12) >> 4) * 4u);
  } else if (out.proto == 1 && r.has(l4, 8)) {
    out.icmp_type = static_cast<int>(r.u8(l4));
    out.icmp_code = static_cast<int>(r.u8(l4 + 1));
    if (out.icmp_type == 3 || out.icmp_type == 11) read_quoted(r, l4 + 8, out.quoted);
  }
  return out;
}

}  // namespace

std::vector<LabFrame> lab_frames(const servers::LabRunReport& report) {
  std::vector<LabFrame> frames;
  for (const capture::CapturedFrame& f : report.run.packets)
    frames.push_back(read_frame(f, f.interface_id < report.interfaces.size() ? report.interfaces[f.interface_id] : "?"));
  return frames;
}

std::vector<LabFrame> frames_on(const std::vector<LabFrame>& all, const std::string& iface) {
  std::vector<LabFrame> out;
  for (const LabFrame& f : all)
    if (f.iface == iface) out.push_back(f);
  return out;
}

std::string describe(const std::vector<LabFrame>& frames) {
  std::string s;
  for (const LabFrame& f : frames) {
    s += f.iface + " " + f.eth_src + " > " + f.eth_dst + " ";
    if (f.is_arp())
      s += "ARP " + std::string(f.arp_op == 1 ? "who-has " + f.arp_target_ip + " tell " + f.arp_sender_ip
                                              : f.arp_sender_ip + " is-at " + f.arp_sender_mac);
    else if (f.ipv4)
      s += f.ip_src + " > " + f.ip_dst + " ttl " + std::to_string(f.ttl) + " proto " + std::to_string(f.proto) +
           (f.icmp_type >= 0 ? " icmp " + std::to_string(f.icmp_type) + "/" + std::to_string(f.icmp_code) : "") +
           (f.src_port >= 0 ? " ports " + std::to_string(f.src_port) + ">" + std::to_string(f.dst_port) : "") +
           (f.payload.empty() ? "" : " \"" + f.payload + "\"");
    else
      s += "ethertype " + std::to_string(f.ether_type);
    s += "\n";
  }
  return s;
}

}  // namespace wirelab::test
