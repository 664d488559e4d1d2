#include "gui/packet_store.hpp"

namespace wirelab::gui {

namespace {

bool same_error(const std::optional<decode::DecodeError>& a, const std::optional<decode::DecodeError>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  return a->layer == b->layer && a->kind == b->kind && a->offset == b->offset && a->required == b->required &&
         a->available == b->available && a->field == b->field;
}

bool same_layers(const decode::LayerList& a, const decode::LayerList& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const decode::Layer& x = a[i];
    const decode::Layer& y = b[i];
    if (x.proto != y.proto || x.source != y.source || x.depth != y.depth || x.aux != y.aux || x.offset != y.offset ||
        x.length != y.length || x.header_len != y.header_len)
      return false;
  }
  return true;
}

bool same_tftp(const decode::TftpContext& a, const decode::TftpContext& b) {
  return a.known == b.known && a.file == b.file && a.request_frame == b.request_frame && a.write == b.write &&
         a.block_size == b.block_size;
}

bool has_notes(const decode::PacketAnnotations& n) {
  return n.tcp.stream >= 0 || n.udp_stream >= 0 || n.icmp_resp_in != 0 || n.icmp_resp_to != 0 || n.icmp_no_resp;
}

decode::RawFrame frame_of(const PacketRecord& r) {
  return {.ts_ns = r.ts_ns, .link_type = static_cast<decode::LinkType>(r.link_type), .wire_len = r.wire_len,
          .bytes = Bytes(r.data, r.cap_len)};
}

}  // namespace

void PacketBatchBuilder::add(const decode::Packet& packet, const decode::PacketAnnotations& notes) {
  const RowLook look = classify(packet, notes);
  PacketRecord r{.data = packet.data.data(), .ts_ns = packet.ts_ns, .cap_len = packet.cap_len(),
                 .wire_len = packet.wire_len, .link_type = static_cast<std::uint16_t>(packet.link_type),
                 .row_class = look.row_class, .marks = look.marks};
  if (has_notes(notes)) {
    r.notes = static_cast<std::uint32_t>(batch_.notes.size());
    batch_.notes.push_back(notes);
  }
  // Decode the frame on its own, as materialize() will; keep the stream's layers if they differ.
  decode::Dissector fresh;
  fresh.dissect(frame_of(r), packet.number, probe_);
  if (!same_layers(probe_.layers, packet.layers) || !same_error(probe_.problem, packet.problem) ||
      !same_tftp(probe_.tftp, packet.tftp) || probe_.reassembled != packet.reassembled) {
    r.marks |= row_mark::kSaved;
    batch_.saved.emplace(static_cast<std::uint32_t>(batch_.records.size()),
                         SavedDissection{.layers = {packet.layers.begin(), packet.layers.end()},
                                         .problem = packet.problem,
                                         .reassembled = packet.reassembled,
                                         .tftp = packet.tftp});
  }
  batch_.records.push_back(r);
}

PacketBatch PacketBatchBuilder::take() {
  PacketBatch out = std::move(batch_);
  batch_ = PacketBatch{};
  return out;
}

void PacketStore::append(PacketBatch&& batch) {
  const auto row0 = static_cast<std::uint32_t>(records_.size());
  const auto notes0 = static_cast<std::uint32_t>(notes_.size());
  for (PacketRecord r : batch.records) {
    if (r.notes != PacketRecord::kNoNotes) r.notes += notes0;
    records_.push_back(r);
  }
  notes_.insert(notes_.end(), batch.notes.begin(), batch.notes.end());
  for (auto& [i, s] : batch.saved) saved_.emplace(row0 + i, std::move(s));
  if (batch.owner && (owners_.empty() || owners_.back() != batch.owner)) owners_.push_back(std::move(batch.owner));
}

void PacketStore::clear() {
  records_ = {};
  notes_ = {};
  saved_ = {};
  owners_ = {};
}

decode::RawFrame PacketStore::frame(std::size_t row) const { return frame_of(records_[row]); }

void PacketStore::materialize(std::size_t row, MaterializedPacket& out) const {
  const PacketRecord& r = records_[row];
  decode::Dissector fresh;
  fresh.dissect(frame_of(r), row + 1, out.packet);
  if (r.marks & row_mark::kSaved) {
    const SavedDissection& s = saved_.at(static_cast<std::uint32_t>(row));
    out.packet.layers.clear();
    for (const decode::Layer& l : s.layers) out.packet.layers.push(l);
    out.packet.problem = s.problem;
    out.packet.reassembled = s.reassembled;
    out.packet.tftp = s.tftp;
  }
  out.has_notes = r.notes != PacketRecord::kNoNotes;
  out.notes = out.has_notes ? notes_[r.notes] : decode::PacketAnnotations{};
  out.first_ts_ns = first_ts_ns();
  out.prev_ts_ns = row == 0 ? r.ts_ns : records_[row - 1].ts_ns;
}

std::size_t PacketStore::memory_bytes() const {
  std::size_t n = records_.capacity() * sizeof(PacketRecord) + notes_.capacity() * sizeof(decode::PacketAnnotations);
  for (const auto& [row, s] : saved_)
    n += sizeof(row) + sizeof(s) + 32 + s.layers.capacity() * sizeof(decode::Layer) + s.reassembled.capacity() +
         s.tftp.file.capacity();
  return n;
}

}  // namespace wirelab::gui
