#include "decode/tftp_request_memory.hpp"

#include <algorithm>
#include <utility>

namespace wirelab::decode {

IpAddress IpAddress::from(Bytes b) {
  IpAddress a;
  a.size = static_cast<std::uint8_t>(std::min<std::size_t>(b.size(), a.bytes.size()));
  std::copy_n(b.begin(), a.size, a.bytes.begin());
  return a;
}

void TftpRequestMemory::remember_request(const Endpoints& e, std::string_view file, bool write,
                                         std::uint64_t frame) {
  Entry* slot = nullptr;
  for (std::size_t i = 0; i < used_; ++i)
    if (entries_[i].client == e.src && entries_[i].client_port == e.src_port && entries_[i].server == e.dst)
      slot = &entries_[i];
  if (!slot) {
    if (used_ < kCapacity) {
      slot = &entries_[used_++];
    } else {
      slot = &entries_[next_];
      next_ = (next_ + 1) % kCapacity;
    }
  }
  slot->client = e.src;
  slot->client_port = e.src_port;
  slot->server = e.dst;
  slot->context = TftpContext{.known = true, .file = std::string(file), .request_frame = frame, .write = write};
}

const TftpRequestMemory::Entry* TftpRequestMemory::lookup(const Endpoints& e) const {
  for (std::size_t i = 0; i < used_; ++i) {
    const Entry& x = entries_[i];
    const bool from_client = x.client == e.src && x.client_port == e.src_port && x.server == e.dst;
    const bool to_client = x.client == e.dst && x.client_port == e.dst_port && x.server == e.src;
    if (from_client || to_client) return &x;
  }
  return nullptr;
}

TftpRequestMemory::Entry* TftpRequestMemory::lookup(const Endpoints& e) {
  return const_cast<Entry*>(std::as_const(*this).lookup(e));  // NOLINT: same object, non-const overload
}

const TftpContext* TftpRequestMemory::find(const Endpoints& e) const {
  const Entry* x = lookup(e);
  return x ? &x->context : nullptr;
}

void TftpRequestMemory::set_block_size(const Endpoints& e, std::uint32_t block_size) {
  if (Entry* x = lookup(e)) x->context.block_size = block_size;
}

}  // namespace wirelab::decode
