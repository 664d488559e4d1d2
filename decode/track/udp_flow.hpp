// One UDP conversation (tshark's udp.stream): both endpoints, counts each way, times.
#pragma once
#include <cstdint>

#include "decode/track/flow_key.hpp"

namespace wirelab::decode {

struct UdpFlow {
  std::int64_t stream = -1;
  FlowEndpoint a;  // source of the first datagram (tshark's column A)
  FlowEndpoint b;
  std::uint64_t frames_ab = 0, frames_ba = 0;
  std::uint64_t wire_bytes_ab = 0, wire_bytes_ba = 0;    // frame lengths
  std::uint64_t payload_bytes_ab = 0, payload_bytes_ba = 0;
  std::int64_t first_ts_ns = 0, last_ts_ns = 0;
  std::uint64_t first_frame = 0;
};

}  // namespace wirelab::decode
