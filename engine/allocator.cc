#include "engine/allocator.h"

#include <jemalloc/jemalloc.h>

namespace tetradb {

std::string AllocatorName() {
  return "jemalloc-" + std::to_string(JEMALLOC_VERSION_MAJOR) + "." +
         std::to_string(JEMALLOC_VERSION_MINOR) + "." + std::to_string(JEMALLOC_VERSION_BUGFIX);
}

std::optional<uint64_t> AllocatedBytes() {
  // jemalloc's statistics are a snapshot refreshed by writing "epoch".
  uint64_t epoch = 1;
  size_t len = sizeof(epoch);
  if (mallctl("epoch", &epoch, &len, &epoch, len) != 0) return std::nullopt;
  size_t allocated = 0;
  len = sizeof(allocated);
  if (mallctl("stats.allocated", &allocated, &len, nullptr, 0) != 0) return std::nullopt;
  return allocated;
}

}  // namespace tetradb
