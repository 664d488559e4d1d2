// libFuzzer target: bytes -> CaptureReader::open, then next() until the end or the damage.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_entry_points.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  volatile std::uint64_t sink = wirelab::fuzz::read_everything(
      wirelab::Bytes(reinterpret_cast<const std::byte*>(data), size));  // NOLINT: libFuzzer hands uint8_t
  (void)sink;
  return 0;
}
