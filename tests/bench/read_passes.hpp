// One pass over a capture file, six ways, so the benchmark and the instruction counter
// measure exactly the same loops:
//   LibpcapLoop   pcap_next_ex over the file (the floor: libpcap's read + copy per packet)
//   WirelabRead   CaptureReader over the memory map
//   Dissect       ... + Dissector::dissect of every frame
//   DissectTrack  ... + Trackers::feed without the connections' story (what `wirelab-cli -r`
//                 runs unless -z conns or -z timeline asks for it)
//   DissectStory  ... + Trackers::feed keeping the story (the GUI, -z conns, -z timeline)
//   Libtins       libtins FileSniffer, every packet parsed into its PDU stack
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace wirelab::bench {

enum class Pass : std::uint8_t { LibpcapLoop, WirelabRead, Dissect, DissectTrack, DissectStory, Libtins };

std::string_view pass_name(Pass p);
bool pass_from_name(std::string_view name, Pass& out);

struct PassResult {
  std::uint64_t packets = 0;
  std::uint64_t captured_bytes = 0;  // sum of caplen
  std::uint64_t checksum = 0;        // something derived from every packet, so no loop is dead
  std::string error;                 // empty when the whole file (or `limit` packets) was read
};

// Reads up to `limit` packets (0 = all). `around_loop` is called with the loop itself, after
// the file is open, so a caller can time or instrument only the per-packet work.
PassResult run_pass(Pass pass, const std::string& path, std::uint64_t limit = 0,
                    const std::function<void(const std::function<void()>&)>& around_loop = nullptr);

}  // namespace wirelab::bench
