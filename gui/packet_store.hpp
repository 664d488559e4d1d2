// The packets of one capture, kept small enough for millions of rows.
//
// Each packet is a 32-byte PacketRecord pointing at its captured bytes (in the file's memory
// mapping, which outlives the store). Nothing decoded is kept per packet except what can't be
// recomputed from those bytes alone:
//   - the trackers' annotations (tcp.stream, relative seq/ack, analysis), when the packet has any;
//   - the dissection, when decoding the frame on its own gives a different one than the stream
//     did (TFTP on a port or block size learned from an earlier request, reassembled IPv4).
// materialize() rebuilds a packet exactly as the CLI saw it, for the row text, the detail tree
// and the hex view.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "decode/annotations.hpp"
#include "decode/dissector.hpp"
#include "decode/fields.hpp"
#include "decode/packet.hpp"
#include "gui/row_class.hpp"

namespace wirelab::gui {

struct PacketRecord {
  const std::byte* data = nullptr;  // captured bytes (not owned)
  std::int64_t ts_ns = 0;
  std::uint32_t cap_len = 0;
  std::uint32_t wire_len = 0;
  std::uint32_t notes = kNoNotes;   // index of the packet's annotations, or kNoNotes
  std::uint16_t link_type = 0;      // decode::LinkType
  RowClass row_class = RowClass::Other;
  std::uint8_t marks = 0;           // RowMark bits

  static constexpr std::uint32_t kNoNotes = 0xffffffffu;
};
static_assert(sizeof(PacketRecord) == 32, "keep the per-packet record compact");

// What decoding a frame on its own can't reproduce; kept only for the packets that need it.
struct SavedDissection {
  std::vector<decode::Layer> layers;
  std::optional<decode::DecodeError> problem;
  std::vector<std::byte> reassembled;
  decode::TftpContext tftp;
};

// A run of consecutive packets, built off the GUI thread and appended in one go.
struct PacketBatch {
  std::vector<PacketRecord> records;
  std::vector<decode::PacketAnnotations> notes;
  std::unordered_map<std::uint32_t, SavedDissection> saved;  // by index in `records`
  std::shared_ptr<const void> owner;  // keeps the bytes the records point into alive

  std::size_t size() const { return records.size(); }
  bool empty() const { return records.empty(); }
};

// Builds batches from a packet stream; holds the scratch dissector used to check whether a
// packet decodes the same on its own.
class PacketBatchBuilder {
 public:
  void add(const decode::Packet& packet, const decode::PacketAnnotations& notes);
  std::size_t size() const { return batch_.size(); }
  PacketBatch take();

 private:
  PacketBatch batch_;
  decode::Packet probe_;
};

// A packet rebuilt from the store, with the context the field registry needs.
struct MaterializedPacket {
  decode::Packet packet;
  decode::PacketAnnotations notes;
  bool has_notes = false;
  std::int64_t first_ts_ns = 0;
  std::int64_t prev_ts_ns = 0;

  decode::FieldContext context() const {
    return {.packet = packet, .annotations = has_notes ? &notes : nullptr, .first_ts_ns = first_ts_ns,
            .prev_ts_ns = prev_ts_ns};
  }
};

class PacketStore {
 public:
  std::size_t size() const { return records_.size(); }
  bool empty() const { return records_.empty(); }
  const PacketRecord& record(std::size_t row) const { return records_[row]; }
  const decode::PacketAnnotations* notes(std::size_t row) const {
    const std::uint32_t i = records_[row].notes;
    return i == PacketRecord::kNoNotes ? nullptr : &notes_[i];
  }
  std::int64_t first_ts_ns() const { return records_.empty() ? 0 : records_.front().ts_ns; }

  void append(PacketBatch&& batch);
  void clear();

  // The frame as captured (bytes, time, link type, wire length).
  decode::RawFrame frame(std::size_t row) const;
  // Rebuilds packet `row` (0-based; frame number row + 1) into `out`, reusing its storage.
  void materialize(std::size_t row, MaterializedPacket& out) const;

  // Bytes held per packet on average (records, annotations, saved layers), for the numbers.
  std::size_t memory_bytes() const;

 private:
  std::vector<PacketRecord> records_;
  std::vector<decode::PacketAnnotations> notes_;
  std::unordered_map<std::uint32_t, SavedDissection> saved_;  // by row
  std::vector<std::shared_ptr<const void>> owners_;  // what keeps the records' bytes alive
};

}  // namespace wirelab::gui
