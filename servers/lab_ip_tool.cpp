#include "servers/lab_ip_tool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

extern char** environ;

namespace wirelab::servers {
namespace {

constexpr std::chrono::seconds kIpTimeout{20};

std::string command_line(const std::string& tool, const std::vector<std::string>& args) {
  std::string s = tool;
  for (const std::string& a : args) s += " " + a;
  return s;
}

// Reads the child's output until it closes the pipe or the deadline passes.
bool read_until_closed(int fd, std::string& out, std::chrono::steady_clock::time_point deadline) {
  char buf[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{.fd = fd, .events = POLLIN, .revents = 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    out.append(buf, static_cast<std::size_t>(n));
  }
}

}  // namespace

Result<std::string> find_ip_tool() {
  for (const char* path : {"/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"})
    if (::access(path, X_OK) == 0) return std::string(path);
  return Error{"iproute2's `ip` was not found in /usr/sbin, /sbin, /usr/bin or /bin: the lab needs it to create "
               "namespaces and links; install it (Debian/Ubuntu: apt-get install iproute2)"};
}

Result<IpToolOutput> run_ip_tool(const std::vector<std::string>& args) {
  auto tool = find_ip_tool();
  if (!tool) return tool.error();
  std::vector<char*> argv;
  argv.push_back(tool->data());
  std::vector<std::string> owned(args);  // posix_spawn wants char* const*
  for (std::string& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);

  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0)
    return Error{std::string("cannot create a pipe for `ip`: ") + std::strerror(errno)};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  pid_t pid = -1;
  const int spawn_error = ::posix_spawn(&pid, tool->c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawn_error != 0) {
    ::close(pipe_fds[0]);
    return Error{"cannot run `" + command_line(*tool, args) + "`: " + std::strerror(spawn_error)};
  }
  IpToolOutput result;
  const bool finished = read_until_closed(pipe_fds[0], result.output, std::chrono::steady_clock::now() + kIpTimeout);
  ::close(pipe_fds[0]);
  if (!finished) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!finished) return Error{"`" + command_line(*tool, args) + "` did not finish within 20 s and was killed"};
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

std::optional<Error> run_ip(const std::vector<std::string>& args) {
  auto result = run_ip_tool(args);
  if (!result) return result.error();
  if (result->exit_code == 0) return std::nullopt;
  std::string said = result->output;
  while (!said.empty() && (said.back() == '\n' || said.back() == ' ')) said.pop_back();
  return Error{"`ip " + command_line("", args).substr(1) + "` failed (exit " + std::to_string(result->exit_code) +
               "): " + said};
}

}  // namespace wirelab::servers
