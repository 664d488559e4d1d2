// Sequence diagrams of conversations that have no TCP states: a UDP flow (tshark's
// udp.stream, with the ICMP errors that quote it), a TFTP transfer (the request to port 69,
// then DATA/ACK/OACK/ERROR with the server's transfer port: three lanes), and an ICMP echo
// session (one ping run: requester, responder, identifier; see icmp_echo_session.hpp).
// Each packet's label is its Info column, as Wireshark's flow graph shows it.
//
// Fed every packet in capture order after the trackers annotated it (the CLI's read loop, or
// the GUI's packet store); keeps only the chosen conversation's packets. diagram() then adds
// the title, the summary and the phases from what the trackers learned.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "decode/fields.hpp"
#include "decode/icmp_echo_session.hpp"
#include "decode/sequence_item.hpp"
#include "decode/track/flow_key.hpp"

namespace wirelab::decode {

class Trackers;

class DatagramTimeline {
 public:
  enum class Kind : std::uint8_t { Udp, Tftp, Icmp };

  DatagramTimeline(Kind kind, std::int64_t index) : kind_(kind), index_(index) {}
  Kind kind() const { return kind_; }
  std::int64_t index() const { return index_; }

  // Keeps the packet when it belongs to the conversation (ctx.annotations must be set).
  void feed(const FieldContext& ctx);
  // Whether the conversation exists in `t` (the CLI says so when it does not).
  bool exists(const Trackers& t) const;
  SequenceDiagram diagram(const Trackers& t) const;

 private:
  struct Lane {
    NetAddress ip;
    std::uint16_t port = 0;  // 0 for an ICMP lane
    std::string role;
  };
  struct Extra {  // what the phases are decided from
    std::uint16_t tftp_opcode = 0;
    std::int64_t tftp_block_full = -1;
  };
  std::uint8_t lane_of(const NetAddress& ip, std::uint16_t port, std::string_view role);
  bool feed_udp(const FieldContext& ctx, SequenceItem& it);
  bool feed_tftp(const FieldContext& ctx, SequenceItem& it, Extra& extra);
  bool feed_icmp(const FieldContext& ctx, SequenceItem& it);
  void tftp_phases(SequenceDiagram& d, const Trackers& t) const;

  Kind kind_;
  std::int64_t index_;
  std::vector<Lane> lanes_;
  std::vector<SequenceItem> items_;
  std::vector<Extra> extras_;                 // parallel to items_
  std::vector<IcmpEchoSessionKey> sessions_;  // ICMP: sessions in the order of their first request
};

std::string_view to_string(DatagramTimeline::Kind k);  // "udp", "tftp", "icmp"

}  // namespace wirelab::decode
