// The compaction-filter hook through which models drop their own garbage.
//
// USE: a model whose deletes are O(1) (a Redis hash dropped by bumping the
// version in its metadata) leaves member keys behind. It registers a
// GarbageFilter on the member family; every compaction asks it about each
// key and drops those it calls garbage.
//
// BEHAVIOUR: compaction runs on RocksDB's background threads, at any time,
// concurrently with everything else. IsGarbage must be thread-safe and must
// only say true for keys no reader can ever see again (their owner is gone
// or was replaced). Garbage disappears eventually, never at a given time:
// readers must already ignore it.
#pragma once

#include <string_view>

namespace tetradb {

class GarbageFilter {
 public:
  virtual ~GarbageFilter() = default;
  virtual bool IsGarbage(std::string_view key, std::string_view value) const = 0;
};

}  // namespace tetradb
