#include "decode/populated_pages.hpp"

#include <sys/mman.h>

#include <cstdint>
#include <new>

namespace wirelab::decode {

namespace {
constexpr std::size_t kHuge = kPopulatedChunkBytes;
constexpr std::size_t rounded(std::size_t bytes) { return (bytes + kHuge - 1) / kHuge * kHuge; }
}  // namespace

void* map_populated_pages(std::size_t bytes) {
  // Map one huge page more than needed and cut the ends off, so that the rest is aligned.
  const std::size_t len = rounded(bytes);
  void* raw = ::mmap(nullptr, len + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = (start + kHuge - 1) / kHuge * kHuge;
  if (aligned > start) ::munmap(raw, aligned - start);
  if (aligned < start + kHuge) ::munmap(reinterpret_cast<void*>(aligned + len), start + kHuge - aligned);
  void* mem = reinterpret_cast<void*>(aligned);
  ::madvise(mem, len, MADV_HUGEPAGE);  // a hint: without THP the pages stay 4 KiB
#ifdef MADV_POPULATE_WRITE
  if (::madvise(mem, len, MADV_POPULATE_WRITE) == 0) return mem;
#endif
  for (std::size_t i = 0; i < len; i += 4096) static_cast<volatile char*>(mem)[i] = 0;
  return mem;
}

void unmap_populated_pages(void* p, std::size_t bytes) noexcept {
  if (p) ::munmap(p, rounded(bytes));
}

}  // namespace wirelab::decode
