// The memory allocator of every tetradb binary: jemalloc, linked with the
// engine so that it replaces the C library's malloc for the whole process
// (RocksDB's blocks and iterators included). Statement and command paths
// allocate many small, short-lived objects; jemalloc's per-thread caches make
// those cheaper than glibc's malloc, and it returns freed memory to the
// system over time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace tetradb {

// "jemalloc-5.3.0" (as Redis reports it in INFO memory).
std::string AllocatorName();

// Bytes the process holds in live allocations, as of now; nullopt when the
// allocator cannot say. Thread-safe; costs a few microseconds.
std::optional<uint64_t> AllocatedBytes();

}  // namespace tetradb
