#include "decode/track/tftp_tracker.hpp"

#include <algorithm>

#include "decode/tftp.hpp"

namespace wirelab::decode {

std::string_view to_string(TftpOutcome o) {
  switch (o) {
    case TftpOutcome::InProgress: return "in-progress";
    case TftpOutcome::Complete: return "complete";
    case TftpOutcome::Error: return "error";
    case TftpOutcome::TsizeProbe: return "tsize-probe";
  }
  return "in-progress";
}

namespace {

std::vector<std::pair<std::string, std::string>> read_options(TftpStringReader& r) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string_view name, value;
  std::uint32_t off = 0, len = 0;
  while (r.next(name, off, len)) {
    if (!r.next(value, off, len)) value = {};
    out.emplace_back(std::string(name), std::string(value));
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

// The full block number: a 16-bit number that falls far below the last one has wrapped.
std::uint64_t full_block(TftpTransfer& t, std::uint16_t block) {
  const std::uint64_t base = std::uint64_t{t.wraps} << 16;
  std::uint64_t full = base + block;
  if (t.last_block_full >= base && full + 0x8000 < t.last_block_full) {
    ++t.wraps;
    full += 0x10000;
  }
  return full;
}

}  // namespace

TftpTransfer* TftpTracker::transfer_for(const FlowEndpoint& src, const FlowEndpoint& dst, std::int64_t& index) {
  // Newest first: a client port reused for a later transfer belongs to the later one.
  for (std::size_t i = transfers_.size(); i-- > 0;) {
    TftpTransfer& t = transfers_[i];
    const bool from_client = src == t.client && dst.ip == t.server.ip;
    const bool to_client = dst == t.client && src.ip == t.server.ip;
    if (!from_client && !to_client) continue;
    const FlowEndpoint& server_side = from_client ? dst : src;
    if (t.server_port == 0 && server_side.port != 69) t.server_port = server_side.port;
    if (t.server_port != 0 && server_side.port != t.server_port) continue;  // another TID
    index = static_cast<std::int64_t>(i);
    return &t;
  }
  return nullptr;
}

void TftpTracker::feed(const Packet& p, const Layer& l, PacketAnnotations& out) {
  const Bytes b = p.bytes_of(l);
  if (b.size() < TftpView::kOpcodeLen) return;
  const TftpView v{b};
  const Layer* udp = nullptr;
  for (const Layer& x : p.layers)
    if (x.proto == Proto::Udp && x.depth == l.depth) udp = &x;
  if (!udp) return;
  const auto a = flow_addresses(p, *udp);
  if (!a) return;

  if (v.op() == TftpOpcode::Rrq || v.op() == TftpOpcode::Wrq) {
    TftpTransfer t{.request_frame = p.number, .start_ts_ns = p.ts_ns, .last_ts_ns = p.ts_ns, .client = a->src,
                   .server = a->dst, .write = v.op() == TftpOpcode::Wrq};
    TftpStringReader r = v.strings();
    std::string_view text;
    std::uint32_t off = 0, len = 0;
    if (r.next(text, off, len)) t.file = text;
    if (r.next(text, off, len)) t.mode = text;
    t.requested = read_options(r);
    transfers_.push_back(std::move(t));
    out.tftp_transfer = static_cast<std::int64_t>(transfers_.size() - 1);
    return;
  }
  std::int64_t index = -1;
  TftpTransfer* t = transfer_for(a->src, a->dst, index);
  if (!t) return;
  out.tftp_transfer = index;
  t->last_ts_ns = p.ts_ns;
  const bool from_client = a->src == t->client;
  switch (v.op()) {
    case TftpOpcode::Oack: {
      TftpStringReader r = v.strings();
      t->negotiated = read_options(r);
      for (const auto& [name, value] : t->negotiated)
        if (iequals(name, "blksize")) t->block_size = static_cast<std::uint32_t>(std::strtoul(value.c_str(), nullptr, 10));
      break;
    }
    case TftpOpcode::Data: {
      if (b.size() < 4) return;
      const std::uint64_t full = full_block(*t, v.block());
      out.tftp_block_full = static_cast<std::int64_t>(full);
      const Bytes data = b.subspan(4);
      if (full <= t->last_block_full && t->blocks > 0) {
        ++t->duplicate_data;  // a retransmitted block
      } else {
        if (full != t->last_block_full + 1) t->content_dropped += (full - t->last_block_full - 1) * t->block_size;
        ++t->blocks;
        t->bytes += data.size();
        const std::size_t room = kContentCapBytes > t->content.size() ? kContentCapBytes - t->content.size() : 0;
        const std::size_t keep = std::min(room, data.size());
        t->content.append(as_chars(data.subspan(0, keep)));
        t->content_dropped += data.size() - keep;
        t->last_block_full = full;
        if (data.size() < t->block_size) t->outcome = TftpOutcome::Complete;
      }
      break;
    }
    case TftpOpcode::Ack: {
      if (b.size() < 4) return;
      // ACKs trail the DATA they answer: number them against the data side's count.
      const std::uint64_t base = std::uint64_t{t->wraps} << 16;
      std::uint64_t full = base + v.block();
      if (full > t->last_block_full + 0x8000 && full >= 0x10000) full -= 0x10000;
      out.tftp_block_full = static_cast<std::int64_t>(full);
      (void)from_client;
      break;
    }
    case TftpOpcode::Error: {
      if (b.size() < 4) return;  // no error code: nothing to read
      const bool after_oack_only = !t->negotiated.empty() && t->blocks == 0;
      bool tsize_only = !t->requested.empty();
      for (const auto& [name, value] : t->requested) tsize_only &= iequals(name, "tsize");
      t->error_code = v.error_code();
      TftpStringReader r = v.strings();
      std::string_view msg;
      std::uint32_t off = 0, len = 0;
      if (r.next(msg, off, len)) t->error_message = msg;
      if (t->outcome != TftpOutcome::Complete)
        t->outcome = after_oack_only && tsize_only && !t->write && (t->error_code == 0 || t->error_code == 8)
                         ? TftpOutcome::TsizeProbe
                         : TftpOutcome::Error;
      break;
    }
    default: break;
  }
}

}  // namespace wirelab::decode
