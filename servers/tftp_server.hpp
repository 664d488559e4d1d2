// A TFTP server (RFC 1350 with options 2347/2348/2349/7440) confined to one directory.
//
// The listening socket only takes requests. Each RRQ/WRQ gets its own socket bound to a NEW
// port (the server's transfer ID) and its own thread; every later packet of that transfer goes
// to and from that port, and strangers writing to it get ERROR 5 without disturbing it.
// Writes create new files only, unless allow_overwrite (else ERROR 6). Binds 127.0.0.1:0 by
// default; port() says where it listens.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "servers/stop_signal.hpp"
#include "servers/tftp_options.hpp"
#include "servers/tftp_root.hpp"
#include "servers/tftp_transfer.hpp"

namespace wirelab::servers {

struct TftpServerConfig {
  std::string root;                                  // the directory served
  SockAddr bind_to{.ip = kLoopback, .port = 0};
  bool allow_write = true;
  bool allow_overwrite = false;
  TftpParams defaults;                               // until options say otherwise
  TftpServerLimits limits;
  int max_transfers = 32;                            // concurrent; more are refused (ERROR 0)
};

// One transfer as the server saw it.
struct TftpServerTransfer {
  TftpOpcode request = TftpOpcode::Rrq;
  std::string filename;
  std::string mode;
  SockAddr client;
  std::uint16_t server_port = 0;         // the transfer's own port (TID)
  std::vector<TftpOption> requested;     // options in the request
  std::vector<TftpOption> oack;          // options accepted (empty: no OACK sent)
  TftpParams params;
  bool finished = false;
  std::optional<TftpFailure> failure;    // unset and finished: success
  TftpStats stats;
};

class TftpServer {
 public:
  TftpServer(Journal* journal, TftpServerConfig config);
  ~TftpServer();
  TftpServer(const TftpServer&) = delete;
  TftpServer& operator=(const TftpServer&) = delete;

  Result<std::uint16_t> start();
  void stop();  // ends every transfer (ERROR 0 to its client) and joins every thread
  std::uint16_t port() const { return port_; }

  std::vector<TftpServerTransfer> transfers() const;
  // Waits until `count` transfers have finished (including the final-ACK dally); false on timeout.
  bool wait_finished(std::size_t count, std::chrono::milliseconds timeout) const;

 private:
  struct Worker {
    std::thread thread;
    bool done = false;
  };
  void listen_loop();
  void serve(std::size_t index, TftpPacket request, SockAddr client);
  std::optional<TftpFailure> serve_read(std::size_t index, const TftpPacket& request, TftpPeerLink& link);
  std::optional<TftpFailure> serve_write(std::size_t index, const TftpPacket& request, TftpPeerLink& link);
  void update(std::size_t index, const std::function<void(TftpServerTransfer&)>& change);
  void reap_finished_workers();

  Journal* journal_;
  TftpServerConfig config_;
  std::optional<TftpRoot> root_;
  std::optional<DatagramSocket> listener_;
  StopSignal stop_;
  std::thread listen_thread_;
  std::uint16_t port_ = 0;

  mutable std::mutex mu_;
  mutable std::condition_variable finished_cv_;
  std::vector<TftpServerTransfer> transfers_;
  std::list<Worker> workers_;
  int active_ = 0;
};

}  // namespace wirelab::servers
