// One TFTP transfer (RFC 1350 with RFC 2347/2348/2349/7440 options): the request, the
// negotiated options, the server's transfer port, the blocks (numbered across 16-bit wraps),
// duplicates, the outcome and the reassembled content.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "decode/track/flow_key.hpp"

namespace wirelab::decode {

enum class TftpOutcome : std::uint8_t {
  InProgress,  // no final (short) block yet at the end of the capture: abandoned or cut
  Complete,    // the final short DATA block was seen
  Error,       // an ERROR packet ended it
  TsizeProbe,  // ERROR right after the OACK of a tsize-only read: the client only asked the size
};
std::string_view to_string(TftpOutcome o);  // "in-progress", "complete", "error", "tsize-probe"

struct TftpTransfer {
  std::uint64_t request_frame = 0;
  std::int64_t start_ts_ns = 0, last_ts_ns = 0;
  FlowEndpoint client;
  FlowEndpoint server;             // port 69 until the server answers from its transfer port
  std::uint16_t server_port = 0;   // the server's transfer port (0 until seen)
  bool write = false;              // WRQ: client -> server; RRQ: server -> client
  std::string file, mode;
  std::vector<std::pair<std::string, std::string>> requested;   // options in the request
  std::vector<std::pair<std::string, std::string>> negotiated;  // options in the OACK
  std::uint32_t block_size = 512;
  std::uint64_t blocks = 0;        // distinct DATA blocks
  std::uint64_t bytes = 0;         // distinct DATA bytes
  std::uint64_t duplicate_data = 0, duplicate_acks = 0;
  std::uint64_t last_block_full = 0;
  std::uint32_t wraps = 0;
  TftpOutcome outcome = TftpOutcome::InProgress;
  std::uint16_t error_code = 0;
  std::string error_message;
  std::string content;             // in-order data, up to the memory cap
  std::uint64_t content_dropped = 0;  // bytes not kept (cap, or a hole in the blocks)
};

}  // namespace wirelab::decode
