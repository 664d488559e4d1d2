// The transfer a TFTP packet belongs to, as the dissector knows it from the request it saw
// earlier (Wireshark shows it as [Destination File] and [Read Request in frame N]).
#pragma once
#include <cstdint>
#include <string>

namespace wirelab::decode {

// What the decoder knows about the transfer a TFTP packet belongs to (tftp.destination_file,
// tftp.request_frame, the negotiated block size).
struct TftpContext {
  bool known = false;             // the packet follows a request wirelab saw
  std::string file;               // file name of the request
  std::uint64_t request_frame = 0;
  bool write = false;             // WRQ
  std::uint32_t block_size = 512; // blksize from the OACK, else 512
};

}  // namespace wirelab::decode
