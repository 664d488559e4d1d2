#include "servers/tftp_file_io.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace wirelab::servers {

TftpFileSource::~TftpFileSource() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::vector<std::byte>> TftpFileSource::next_block(std::size_t size) {
  std::byte chunk[65536];
  while (pending_.size() - pending_off_ < size && !eof_) {
    const ssize_t n = ::read(fd_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{std::string("reading the file failed: ") + std::strerror(errno)};
    if (n == 0) {
      eof_ = true;
      break;
    }
    if (pending_off_ > 0) {  // drop what was handed out before growing
      pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(pending_off_));
      pending_off_ = 0;
    }
    const Bytes got(chunk, static_cast<std::size_t>(n));
    if (netascii_) {
      netascii_encode(got, pending_);
    } else {
      pending_.insert(pending_.end(), got.begin(), got.end());
    }
  }
  const std::size_t take = std::min(size, pending_.size() - pending_off_);
  const auto first = pending_.begin() + static_cast<std::ptrdiff_t>(pending_off_);
  std::vector<std::byte> block(first, first + static_cast<std::ptrdiff_t>(take));
  pending_off_ += take;
  return block;
}

Result<std::uint64_t> TftpFileSource::transfer_size() const {
  struct stat st{};
  if (::fstat(fd_, &st) != 0) return Error{std::string("fstat failed: ") + std::strerror(errno)};
  if (!netascii_) return static_cast<std::uint64_t>(st.st_size);
  std::uint64_t total = 0;
  std::byte chunk[65536];
  for (off_t off = 0;;) {
    const ssize_t n = ::pread(fd_, chunk, sizeof chunk, off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{std::string("reading the file failed: ") + std::strerror(errno)};
    if (n == 0) return total;
    total += netascii_encoded_size(Bytes(chunk, static_cast<std::size_t>(n)));
    off += n;
  }
}

TftpFileSink::~TftpFileSink() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<Error> TftpFileSink::write_all(Bytes b) {
  std::size_t off = 0;
  while (off < b.size()) {
    const ssize_t n = ::write(fd_, b.data() + off, b.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{std::string("writing the file failed: ") + std::strerror(errno)};
    off += static_cast<std::size_t>(n);
  }
  written_ += b.size();
  return std::nullopt;
}

std::optional<Error> TftpFileSink::write(Bytes payload) {
  if (!netascii_) return write_all(payload);
  scratch_.clear();
  decoder_.decode(payload, scratch_);
  return write_all(scratch_);
}

std::optional<Error> TftpFileSink::finish() {
  if (!netascii_) return std::nullopt;
  scratch_.clear();
  decoder_.finish(scratch_);
  return write_all(scratch_);
}

}  // namespace wirelab::servers
