// Memory for large append-only stores: 2 MiB-aligned anonymous memory asked to be backed by
// transparent huge pages (MADV_HUGEPAGE) and populated in one call (MADV_POPULATE_WRITE;
// touched page by page on kernels without it), instead of one page fault per 4 KiB on first
// touch and one TLB entry per 4 KiB afterwards. On the virtual machines wirelab is tested on,
// first touches cost several microseconds per page: a capture of 30,000 short TCP connections
// faulted ~6,800 times while tracking them, and the tracking took longer than the decoding.
#pragma once
#include <cstddef>

namespace wirelab::decode {

// The size a store's chunks should have: one huge page.
inline constexpr std::size_t kPopulatedChunkBytes = std::size_t{2} << 20;

// `bytes` of zeroed memory, page aligned; throws std::bad_alloc when the system has none.
void* map_populated_pages(std::size_t bytes);
// Returns what map_populated_pages(bytes) gave.
void unmap_populated_pages(void* p, std::size_t bytes) noexcept;

}  // namespace wirelab::decode
