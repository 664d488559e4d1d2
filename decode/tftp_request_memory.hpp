// Recognising a TFTP transfer after its request: the client sends RRQ/WRQ to port 69 from
// its port C; the server answers from a NEW port S (RFC 1350 §4, "TID"). Like Wireshark's
// wildcard conversation, the dissector remembers (client address, client port, server
// address) from each request and treats later UDP between client:C and server:any as TFTP.
// Fixed capacity (the oldest request is forgotten first), so it never grows with the input.
#pragma once
#include <array>
#include <cstdint>
#include <string>

#include "decode/bytes.hpp"
#include "decode/tftp_context.hpp"

namespace wirelab::decode {

// An IPv4 or IPv6 address, copied (4 or 16 bytes).
struct IpAddress {
  std::array<std::byte, 16> bytes{};
  std::uint8_t size = 0;
  static IpAddress from(Bytes b);
  bool operator==(const IpAddress& o) const { return size == o.size && bytes == o.bytes; }
};

class TftpRequestMemory {
 public:
  static constexpr std::size_t kCapacity = 64;

  struct Endpoints {
    IpAddress src;
    std::uint16_t src_port = 0;
    IpAddress dst;
    std::uint16_t dst_port = 0;
  };

  // Remembers an RRQ/WRQ sent from `e.src:e.src_port` to `e.dst`.
  void remember_request(const Endpoints& e, std::string_view file, bool write, std::uint64_t frame);
  // The request a packet between client:port and server:any belongs to, or nullptr.
  const TftpContext* find(const Endpoints& e) const;
  // Records the block size an OACK negotiated for the transfer `e` belongs to.
  void set_block_size(const Endpoints& e, std::uint32_t block_size);
  bool empty() const { return used_ == 0; }

 private:
  struct Entry {
    IpAddress client;
    std::uint16_t client_port = 0;
    IpAddress server;
    TftpContext context;
  };
  Entry* lookup(const Endpoints& e);
  const Entry* lookup(const Endpoints& e) const;

  std::array<Entry, kCapacity> entries_{};
  std::size_t used_ = 0;
  std::size_t next_ = 0;  // ring position of the next insertion once full
};

}  // namespace wirelab::decode
