// Runs iproute2's `ip` for the lab: posix_spawn (vfork + exec) with an argument vector, never a
// shell, so no argument is ever interpreted; stdout and stderr come back together for the
// error message.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "decode/result.hpp"

namespace wirelab::servers {

struct IpToolOutput {
  int exit_code = 0;   // the program's exit status; 128+N when killed by signal N
  std::string output;  // stdout and stderr, interleaved
};

// The path of `ip` (sbin directories first: they are not on every user's PATH), or an error
// that names the package to install.
Result<std::string> find_ip_tool();

// Runs `ip ARGS...` and waits for it (bounded: it is killed after 20 s).
Result<IpToolOutput> run_ip_tool(const std::vector<std::string>& args);

// Runs `ip ARGS...`; an error quotes the command and what ip printed when it fails.
std::optional<Error> run_ip(const std::vector<std::string>& args);

}  // namespace wirelab::servers
