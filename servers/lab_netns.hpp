// Running code inside a lab host's network namespace.
//
// A network namespace belongs to a thread, not to a process, and a socket belongs to the
// namespace of the thread that created it for its whole life. So run_in_netns() starts a thread,
// setns()es it into /run/netns/NAME, runs the function there and joins: a socket (or a libpcap
// handle, whose packet socket is made by pcap_activate) created by the function keeps working
// in that namespace when the caller then uses it from any thread. The caller's own thread never
// changes namespace.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>

#include "decode/result.hpp"

namespace wirelab::servers {

// An open /run/netns/NAME, closed on destruction.
class NetnsHandle {
 public:
  static Result<NetnsHandle> open(std::string_view netns);
  NetnsHandle(NetnsHandle&& o) noexcept : fd_(std::exchange(o.fd_, -1)), name_(std::move(o.name_)) {}
  NetnsHandle& operator=(NetnsHandle&&) = delete;
  NetnsHandle(const NetnsHandle&) = delete;
  ~NetnsHandle();
  // Moves the calling thread into the namespace (call on a thread made for it).
  std::optional<Error> enter() const;
  const std::string& name() const { return name_; }

 private:
  NetnsHandle(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
  int fd_;
  std::string name_;
};

// Runs fn() on a fresh thread inside `netns` and returns what it returned (an error when the
// namespace cannot be opened or entered; fn itself is then not run).
template <class Fn>
auto run_in_netns(std::string_view netns, Fn&& fn) -> Result<std::conditional_t<std::is_void_v<std::invoke_result_t<Fn>>, bool, std::invoke_result_t<Fn>>> {
  using R = std::invoke_result_t<Fn>;
  using Out = std::conditional_t<std::is_void_v<R>, bool, R>;
  auto handle = NetnsHandle::open(netns);
  if (!handle) return handle.error();
  std::optional<Out> value;
  std::optional<Error> error;
  std::thread worker([&] {
    if ((error = handle->enter())) return;
    if constexpr (std::is_void_v<R>) {
      fn();
      value = true;
    } else {
      value.emplace(fn());
    }
  });
  worker.join();
  if (error) return *error;
  return std::move(*value);
}

}  // namespace wirelab::servers
