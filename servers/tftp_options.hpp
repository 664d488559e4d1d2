// TFTP option negotiation: RFC 2347 (the OACK), 2348 (blksize), 2349 (timeout, tsize) and
// 7440 (windowsize). The client asks, the server answers with the options it accepts (possibly
// with a smaller blksize/windowsize), and the client checks the answer before using it.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "servers/tftp_root.hpp"
#include "servers/tftp_transfer.hpp"

namespace wirelab::servers {

// What a client asks for; unset options are not sent.
struct TftpOptionRequest {
  std::optional<std::size_t> blksize;        // 8..65464
  std::optional<int> timeout_s;              // 1..255
  bool tsize = false;                        // RRQ: "0" (tell me the size); WRQ: the file's size
  std::optional<std::uint16_t> windowsize;   // 1..65535
  bool empty() const { return !blksize && !timeout_s && !tsize && !windowsize; }
};

// tsize_value: the file size a WRQ announces (ignored for RRQ, which asks with 0).
std::vector<TftpOption> to_options(const TftpOptionRequest& request, std::uint64_t tsize_value);

struct TftpServerLimits {
  std::size_t max_blksize = 65464;
  std::uint16_t max_windowsize = 64;
  bool accept_options = true;  // false: behave like a pure RFC 1350 server (no OACK)
};

struct TftpNegotiation {
  TftpParams params;
  std::vector<TftpOption> oack;           // empty: answer like RFC 1350 (DATA 1 / ACK 0)
  std::optional<std::uint64_t> tsize;     // WRQ: the size the client announced
};

// `file_size`: for RRQ, the transfer size to report when tsize is asked.
TftpNegotiation negotiate_options(const std::vector<TftpOption>& requested, const TftpParams& defaults,
                                  const TftpServerLimits& limits, std::optional<std::uint64_t> file_size);

// Client side: checks the server's OACK against what was asked (RFC 2347: nothing unasked, no
// larger blksize/windowsize, timeout echoed) and returns the parameters to use. A refusal means
// the client must answer ERROR 8.
Result<TftpParams, TftpRefusal> accept_oack(const std::vector<TftpOption>& oack, const TftpOptionRequest& requested,
                                            const TftpParams& defaults, std::optional<std::uint64_t>& tsize_out);

}  // namespace wirelab::servers
