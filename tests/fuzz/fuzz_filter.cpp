// libFuzzer target: any text -> display-filter compiler (lexer, parser, literals, regexes),
// then evaluation of what compiles on a decoded packet.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_filter_entry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  volatile int sink = wirelab::fuzz::compile_and_match_filter(
      std::string_view(reinterpret_cast<const char*>(data), size));  // NOLINT: libFuzzer hands uint8_t
  (void)sink;
  return 0;
}
