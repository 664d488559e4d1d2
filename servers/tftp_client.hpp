// A TFTP client: get (RRQ) and put (WRQ) with optional options, from a socket bound to
// 127.0.0.1:0 (its transfer ID). The first answer fixes the server's TID (its new port);
// anything later from another port gets ERROR 5. Loss can be simulated on our side to show
// the server's retransmission.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "servers/tftp_options.hpp"
#include "servers/tftp_transfer.hpp"

namespace wirelab::servers {

struct TftpClientConfig {
  std::string actor = "client";
  std::string mode = "octet";       // or "netascii"
  TftpOptionRequest options;        // none: a plain RFC 1350 request
  TftpParams defaults;              // timeout and retries until an OACK says otherwise
  TftpLossSimulation loss;
  int dally_ms = 0;                 // after the final ACK of a get (see tftp_dally)
};

struct TftpClientResult {
  std::optional<TftpFailure> failure;  // unset: the transfer completed
  TftpStats stats;
  TftpParams params;                    // what was used (negotiated or defaults)
  std::vector<TftpOption> oack;         // the server's OACK, empty if none
  std::optional<std::uint64_t> tsize;   // tsize from the OACK
  SockAddr server_tid;                  // the server's transfer port
  SockAddr client_tid;                  // our port
  bool ok() const { return !failure; }
};

class TftpClient {
 public:
  TftpClient(Journal* journal, TftpClientConfig config) : journal_(journal), config_(std::move(config)) {}

  // Binds the socket (our TID) for the next get/put now and returns its port, e.g. to set a
  // capture filter before any packet leaves. Optional: get/put open a fresh one otherwise.
  // Each transfer uses its own socket, as RFC 1350 asks of TIDs.
  Result<std::uint16_t> open();

  // RRQ `remote` from `server` (its request port) into the local file `local_path` (created or
  // truncated; removed again if the transfer fails).
  TftpClientResult get(SockAddr server, std::string_view remote, const std::string& local_path,
                       const StopSignal* stop = nullptr);
  // WRQ of the local file `local_path` as `remote`.
  TftpClientResult put(SockAddr server, const std::string& local_path, std::string_view remote,
                       const StopSignal* stop = nullptr);

 private:
  Result<DatagramSocket> take_socket();

  Journal* journal_;
  TftpClientConfig config_;
  std::optional<DatagramSocket> next_socket_;
};

}  // namespace wirelab::servers
