#include "capture/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace wirelab::capture {
namespace {

bool read_all(int fd, std::vector<std::byte>& out) {
  std::byte buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    out.insert(out.end(), buf, buf + n);
  }
}

}  // namespace

Result<MappedFile> MappedFile::open(const std::string& path) {
  MappedFile f;
  if (path == "-") {
    if (!read_all(STDIN_FILENO, f.buffer_))
      return Error{"cannot read standard input: " + std::string(std::strerror(errno))};
    f.data_ = f.buffer_.data();
    f.size_ = f.buffer_.size();
    return f;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return Error{"cannot open \"" + path + "\": " + std::strerror(errno) +
                 (errno == ENOENT ? " (check the path)" : errno == EACCES ? " (check the file's permissions)" : "")};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int e = errno;
    ::close(fd);
    return Error{"cannot stat \"" + path + "\": " + std::strerror(e)};
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Error{"\"" + path + "\" is a directory, not a capture file"};
  }
  if (S_ISREG(st.st_mode) && st.st_size > 0) {
    void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      ::close(fd);
      ::madvise(p, static_cast<std::size_t>(st.st_size), MADV_SEQUENTIAL);
      f.data_ = p;
      f.size_ = static_cast<std::size_t>(st.st_size);
      f.mapped_ = true;
      return f;
    }
  }
  const bool ok = read_all(fd, f.buffer_);
  const int e = errno;
  ::close(fd);
  if (!ok) return Error{"cannot read \"" + path + "\": " + std::strerror(e)};
  f.data_ = f.buffer_.data();
  f.size_ = f.buffer_.size();
  return f;
}

MappedFile::MappedFile(MappedFile&& o) noexcept
    : data_(std::exchange(o.data_, nullptr)),
      size_(std::exchange(o.size_, 0)),
      mapped_(std::exchange(o.mapped_, false)),
      buffer_(std::move(o.buffer_)) {
  if (!mapped_) data_ = buffer_.data();
}

MappedFile& MappedFile::operator=(MappedFile&& o) noexcept {
  if (this != &o) {
    if (mapped_ && data_) ::munmap(data_, size_);
    data_ = std::exchange(o.data_, nullptr);
    size_ = std::exchange(o.size_, 0);
    mapped_ = std::exchange(o.mapped_, false);
    buffer_ = std::move(o.buffer_);
    if (!mapped_) data_ = buffer_.data();
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (mapped_ && data_) ::munmap(data_, size_);
}

}  // namespace wirelab::capture
