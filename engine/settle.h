// Settling: once writes to a column family stop, its LSM tree is reshaped
// for reads.
//
// USE-CASES: a bulk load followed by queries, a demo database loaded once, a
// Redis data set that is mostly read. While writes go on, RocksDB keeps the
// newest data in memtables (skiplists of up to 32 MB per family) and the
// files it flushes in level 0, where every file may overlap every other.
// Both are built for writing: a point read searches a skiplist of hundreds
// of thousands of nodes, a range scan merges every level-0 file. Nothing
// changes that while no more writes come.
//
// BEHAVIOUR: a background thread looks at each family twice a second. A
// family whose memtable has taken no write for `quiet_ms` is settled once:
//   1. a memtable of at least a quarter of the family's write buffer is
//      flushed into a table file (smaller ones are cheap to search and not
//      worth a level-0 file);
//   2. level 0 is merged with the rest of the family into one sorted run
//      when it holds two runs or more and at least a quarter of the
//      family's bytes. Beyond that share, merging would rewrite much more
//      than it settles, and RocksDB's own compactions take level 0 down in
//      due course.
// The next write to the family makes it unsettled again. Settling also
// lets RocksDB delete the write-ahead log the flushed memtables held, so a
// restart has less to replay.
//
// CONSTRAINTS: the merge is an ordinary compaction (garbage filters run,
// snapshots keep what they see); it does not stop writes or RocksDB's own
// compactions, and Stop cancels one in progress.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "engine/key_format.h"

namespace tetradb {

struct EngineInternals;

class Settler {
 public:
  Settler(EngineInternals* internals, int quiet_ms) : in_(internals), quiet_ms_(quiet_ms) {}
  ~Settler() { Stop(); }
  Settler(const Settler&) = delete;
  Settler& operator=(const Settler&) = delete;

  void Start();
  // Cancels a merge in progress and joins the thread.
  void Stop();

  // Looks at every family once, settling those quiet for `quiet_ms` (the
  // thread's tick; tests call it directly with Start not called).
  void Tick(std::chrono::steady_clock::time_point now);

  // Whether no family has settling work left to do, now or once it has
  // been quiet long enough: a settled database.
  bool Idle();

  uint64_t flushes() const { return flushes_.load(std::memory_order_relaxed); }
  uint64_t merges() const { return merges_.load(std::memory_order_relaxed); }

 private:
  struct Family {
    uint64_t entries = 0;  // in the active memtable at the last look
    std::chrono::steady_clock::time_point quiet_since{};
    bool settled = false;
  };
  uint64_t ActiveEntries(Cf cf) const;
  bool WantsFlush(Cf cf) const;
  bool WantsMerge(Cf cf) const;
  void Settle(Cf cf);

  EngineInternals* in_;
  const int quiet_ms_;
  std::array<Family, kNumCfs> families_{};
  std::atomic<uint64_t> flushes_{0};
  std::atomic<uint64_t> merges_{0};

  std::mutex mu_;  // families_, busy_, stop_
  std::condition_variable cv_;
  bool busy_ = false;  // a family is being settled
  bool stop_ = false;
  std::atomic<bool> canceled_{false};  // a merge in progress stops
  std::thread thread_;
};

}  // namespace tetradb
