// A frame as it came off the wire or out of a file, and the layers decoded from it.
//
//   RawFrame --Dissector::dissect()--> Packet { layers[Frame, Eth, Ipv4, Tcp, ...], problem }
//
// Layers do not copy bytes: each names a byte range in the frame (source 0) or, after IPv4
// reassembly, in the packet's own reassembled buffer (source 1). Fields are read lazily
// from those ranges through the field registry (fields.hpp).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "decode/bytes.hpp"
#include "decode/decode_error.hpp"
#include "decode/link_type.hpp"
#include "decode/proto.hpp"
#include "decode/tftp_context.hpp"

namespace wirelab::decode {

struct RawFrame {
  std::int64_t ts_ns = 0;         // CLOCK_REALTIME nanoseconds since the epoch
  LinkType link_type = LinkType::Ethernet;
  std::uint32_t wire_len = 0;     // original length on the wire
  Bytes bytes;                    // captured bytes (caplen = bytes.size())
  std::uint32_t interface_id = 0;
};

// Layer::aux values the dissector sets and the field registry reads.
namespace layer_aux {
// On link layers: an EtherType follows (tshark's "ethertype" step in frame.protocols).
inline constexpr std::uint16_t kEthertype = 1;
// A header cut short (by the snap length, or inside an ICMP error's quoted datagram): the
// layer holds only the header_len bytes present, and fields past them are absent, as in
// tshark. Code that reads a view of such a layer must not read past header_len.
inline constexpr std::uint16_t kPartial = 2;
}  // namespace layer_aux

struct Layer {
  Proto proto = Proto::Frame;
  std::uint8_t source = 0;        // 0: frame bytes, 1: Packet::reassembled
  std::uint8_t depth = 0;         // nesting: 1 for the quoted datagram inside an ICMP error
  std::uint16_t aux = 0;          // per-protocol detail fixed at dissection (e.g. TFTP opcode guess)
  std::uint32_t offset = 0;       // where the header starts in its source
  std::uint32_t length = 0;       // header + payload, clamped to what was captured and claimed
  std::uint32_t header_len = 0;   // header bytes only
  // The length the enclosing header claims for this layer (tshark's "reported length"):
  // larger than `length` when the capture cut the packet short.
  std::uint32_t reported_len = 0;

  // The header was cut short: only header_len bytes exist (see layer_aux::kPartial).
  bool partial() const { return (aux & layer_aux::kPartial) != 0; }
};

// Fixed-capacity layer list: dissecting never allocates for layers.
class LayerList {
 public:
  static constexpr std::size_t kCapacity = 16;
  bool push(const Layer& l) {
    if (n_ == kCapacity) return false;
    items_[n_++] = l;
    return true;
  }
  // Room for `k` more layers at once (nullptr when full): the dissector's fast path fills
  // them in place.
  Layer* grow(std::size_t k) {
    if (k > kCapacity - n_) return nullptr;
    Layer* first = items_.data() + n_;
    n_ += k;
    return first;
  }
  void clear() {
    n_ = 0;
    eth_ipv4_transport_ = false;
  }
  // Set by the dissector's fast path: the layers are Frame, Eth, IPv4, TCP or UDP, then Data
  // when payload was captured, each once; the headers are whole, and only a TCP segment's
  // payload may be cut by the snap length (the problem then says so). A display filter then
  // finds a protocol's layer by its place instead of scanning the list (only_layer()).
  void mark_eth_ipv4_transport() { eth_ipv4_transport_ = true; }
  bool eth_ipv4_transport() const { return eth_ipv4_transport_; }
  // With that shape known (`known` true): the protocol's one layer, or nullptr when absent.
  // Otherwise `known` is false and the caller scans.
  const Layer* only_layer(Proto p, bool& known) const {
    known = eth_ipv4_transport_;
    if (!known) return nullptr;
    switch (p) {
      case Proto::Frame: return &items_[0];
      case Proto::Eth: return &items_[1];
      case Proto::Ipv4: return &items_[2];
      case Proto::Tcp:
      case Proto::Udp: return items_[3].proto == p ? &items_[3] : nullptr;
      case Proto::Data: return n_ == 5 ? &items_[4] : nullptr;
      default: return nullptr;
    }
  }
  std::size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  const Layer& operator[](std::size_t i) const { return items_[i]; }
  Layer& operator[](std::size_t i) { return items_[i]; }
  const Layer* begin() const { return items_.data(); }
  const Layer* end() const { return items_.data() + n_; }
  const Layer& back() const { return items_[n_ - 1]; }
  Layer& back() { return items_[n_ - 1]; }

 private:
  std::array<Layer, kCapacity> items_{};
  std::size_t n_ = 0;
  bool eth_ipv4_transport_ = false;  // see mark_eth_ipv4_transport()
};

struct Packet {
  std::uint64_t number = 0;       // 1-based frame number
  std::int64_t ts_ns = 0;
  LinkType link_type = LinkType::Ethernet;
  std::uint32_t wire_len = 0;
  std::uint32_t interface_id = 0;
  Bytes data;                     // the captured bytes (not owned)
  std::vector<std::byte> reassembled;  // owned bytes of a reassembled IPv4 payload, if any
  LayerList layers;
  std::optional<DecodeError> problem;  // first thing that stopped or troubled decoding
  TftpContext tftp;               // set on TFTP packets that follow a request seen earlier

  std::uint32_t cap_len() const { return static_cast<std::uint32_t>(data.size()); }
  Bytes source(std::uint8_t s) const { return s == 0 ? data : Bytes(reassembled); }
  // The bytes of one layer (header + payload) and of its header alone.
  Bytes bytes_of(const Layer& l) const { return source(l.source).subspan(l.offset, l.length); }
  Bytes header_of(const Layer& l) const { return source(l.source).subspan(l.offset, l.header_len); }
  Bytes payload_of(const Layer& l) const {
    return source(l.source).subspan(l.offset + l.header_len, l.length - l.header_len);
  }
  // First layer of a protocol (outermost), or nullptr. Note that the quoted datagram of an
  // ICMP error has depth 1: use find_top() for the packet's own headers.
  const Layer* find(Proto p) const {
    for (const Layer& l : layers)
      if (l.proto == p) return &l;
    return nullptr;
  }
  bool has(Proto p) const { return find(p) != nullptr; }
  // First layer of a protocol at depth 0 (not inside an ICMP error's quoted datagram).
  const Layer* find_top(Proto p) const {
    for (const Layer& l : layers)
      if (l.proto == p && l.depth == 0) return &l;
    return nullptr;
  }
};

}  // namespace wirelab::decode
