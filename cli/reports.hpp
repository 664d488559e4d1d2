// The -z reports of `wirelab-cli -r`: parsed and checked before reading, told what to keep
// while the file is read (sequence steps, one stream's bytes), printed at the end.
//   -z conv,tcp  -z conv,udp       tshark's conversation tables, same format
//   -z conns                       Zeek conn.log columns + handshake, teardown, time_wait, rtt_ms
//                                  (checksums not verified, as `zeek -C`: loopback captures
//                                  carry offloaded ones)
//   -z conns,checksums             the same verifying TCP checksums, as `zeek` without -C
//   -z timeline,N                  sequence diagram of TCP stream N (also timeline,tcp,N), as text
//                                  or, with --diagram, PlantUML, Mermaid or SVG
//   -z timeline,udp,N              ... of UDP stream N; timeline,tftp,N: TFTP transfer N (-z tftp's
//   -z timeline,icmp,N             numbers); timeline,icmp,N: ICMP echo session N
//   -z follow,tcp,ascii,N          tshark's follow output
//   -z tftp                        one line per TFTP transfer
// Like tshark, reports print after the packets, in the reverse order of the -z options.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "decode/datagram_timeline.hpp"
#include "decode/diagram_format.hpp"
#include "decode/fields.hpp"
#include "decode/result.hpp"
#include "decode/socket_event.hpp"
#include "decode/trackers.hpp"

namespace wirelab::cli {

struct ReportRequest {
  enum class Kind { ConvTcp, ConvUdp, Conns, Timeline, FollowTcpAscii, Tftp } kind = Kind::Conns;
  std::int64_t stream = -1;
  bool verify_checksums = false;  // conns,checksums: Zeek without -C (bad TCP checksums -> c/C)
  // Timeline of a UDP flow, TFTP transfer or ICMP echo session (index into `datagrams`), or -1: TCP.
  int datagram = -1;
  std::string text;  // as given to -z
};

class Reports {
 public:
  // Fails with a usage message naming the bad -z argument.
  static Result<Reports> parse(const std::vector<std::string>& args,
                               decode::DiagramFormat diagram = decode::DiagramFormat::Text);
  bool empty() const { return requests_.empty(); }
  // Before reading: ask the trackers to keep what the reports need.
  void prepare(decode::Trackers& t) const;
  // Socket events found in the file (pcapng custom blocks), for the timeline.
  void add_socket_event(decode::SocketEvent e) { events_.push_back(std::move(e)); }
  // Every packet, after the trackers annotated it: the UDP/TFTP/ICMP timelines keep theirs.
  void observe(const decode::FieldContext& ctx);
  void print(const decode::Trackers& t, std::FILE* out) const;

 private:
  std::vector<ReportRequest> requests_;
  std::vector<decode::SocketEvent> events_;
  std::vector<decode::DatagramTimeline> datagrams_;
  decode::DiagramFormat diagram_ = decode::DiagramFormat::Text;
};

// The printers, one per report (cli/report_*.cpp).
void print_conv_tcp(const decode::Trackers& t, std::FILE* out);
void print_conv_udp(const decode::Trackers& t, std::FILE* out);
void print_conns(const decode::Trackers& t, std::FILE* out);
void print_timeline(const decode::Trackers& t, std::int64_t stream, const std::vector<decode::SocketEvent>& events,
                    decode::DiagramFormat format, std::FILE* out);
void print_datagram_timeline(const decode::Trackers& t, const decode::DatagramTimeline& timeline,
                             const std::vector<decode::SocketEvent>& events, decode::DiagramFormat format, std::FILE* out);
void print_follow_tcp_ascii(const decode::Trackers& t, std::int64_t stream, std::FILE* out);
void print_tftp(const decode::Trackers& t, std::FILE* out);
// --export-tftp DIR: writes every transfer's content as DIR/N_FILE; 1 (message on err) on failure.
int export_tftp(const decode::Trackers& t, const std::string& dir, std::FILE* err);

}  // namespace wirelab::cli
