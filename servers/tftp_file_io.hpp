// The file ends of a TFTP transfer: a source that cuts a file into DATA payloads (netascii-
// encoded on the fly when asked) and a sink that writes received payloads (decoded likewise).
// Both own their fd.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "decode/result.hpp"
#include "servers/tftp_netascii.hpp"

namespace wirelab::servers {

class TftpFileSource {
 public:
  TftpFileSource(int fd, bool netascii) : fd_(fd), netascii_(netascii) {}
  ~TftpFileSource();
  TftpFileSource(const TftpFileSource&) = delete;
  TftpFileSource& operator=(const TftpFileSource&) = delete;

  // The next payload of up to `size` bytes; shorter only at the end (then possibly empty).
  Result<std::vector<std::byte>> next_block(std::size_t size);
  // Bytes this file occupies on the wire (netascii grows it); for the tsize option.
  Result<std::uint64_t> transfer_size() const;

 private:
  int fd_;
  bool netascii_;
  bool eof_ = false;
  std::vector<std::byte> pending_;  // encoded bytes not yet handed out
  std::size_t pending_off_ = 0;
};

class TftpFileSink {
 public:
  TftpFileSink(int fd, bool netascii) : fd_(fd), netascii_(netascii) {}
  ~TftpFileSink();
  TftpFileSink(const TftpFileSink&) = delete;
  TftpFileSink& operator=(const TftpFileSink&) = delete;

  // Writes one DATA payload; an error names what failed ("disk full" and the like).
  std::optional<Error> write(Bytes payload);
  std::optional<Error> finish();
  std::uint64_t bytes_written() const { return written_; }

 private:
  std::optional<Error> write_all(Bytes b);

  int fd_;
  bool netascii_;
  NetasciiDecoder decoder_;
  std::vector<std::byte> scratch_;
  std::uint64_t written_ = 0;
};

}  // namespace wirelab::servers
