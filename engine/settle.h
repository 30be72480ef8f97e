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
// family whose memtable has taken fewer than kTrickleEntries writes for
// `quiet_ms` (so settling starts up to half a second after that) is
// settled once:
//   1. a memtable of at least a quarter of the family's write buffer is
//      flushed into a table file (smaller ones are cheap to search and not
//      worth a level-0 file of their own);
//   2. the family is merged into one sorted run when it has two runs or
//      more (each level-0 file is one, each lower level another) and level
//      0 holds at least a quarter of its bytes. The merge flushes the
//      memtable first, however small. Below that share a merge would
//      rewrite much more than it settles: the level-0 files stay, each
//      costing a read a bloom filter probe, until RocksDB's own
//      compactions take them when more writes come.
// The next kTrickleEntries writes to the family make it unsettled again,
// also writes made while it was being settled. A flush also lets RocksDB delete write-ahead
// log files that no other family's memtable still needs, so a restart may
// have less to replay.
//
// CONSTRAINTS: the merge is an ordinary compaction (garbage filters run,
// snapshots keep what they see); it does not stop writes or RocksDB's own
// compactions. Cancel stops a merge once it runs; in RocksDB 7.8 a merge
// still waiting for one of RocksDB's own compactions waits it out, and a
// flush (at most one memtable) always completes, so Engine::Close may wait
// for them.
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
  // Fewer new memtable entries than this in a quiet period still count as
  // quiet: a trickle (a session row, an expiring key every few seconds)
  // must not keep a family that holds every table from settling.
  static constexpr uint64_t kTrickleEntries = 100;

  // `internals` with the database open.
  Settler(EngineInternals* internals, int quiet_ms);
  ~Settler() { Stop(); }
  Settler(const Settler&) = delete;
  Settler& operator=(const Settler&) = delete;

  void Start();
  // From now on starts no work, and cancels a merge in progress (RocksDB
  // 7.8 notices only once the merge runs: one waiting for a compaction of
  // RocksDB's own waits for it). Returns at once.
  void Cancel();
  // Cancel, then joins the thread.
  void Stop();

  // Looks at every family once, settling those quiet for `quiet_ms` (the
  // thread's tick; tests call it on a Settler of their own that they never
  // Start).
  void Tick(std::chrono::steady_clock::time_point now);

  // Whether no family has settling work left to do, now or once it has
  // been quiet long enough: a settled database.
  bool Idle();

  uint64_t flushes() const { return flushes_.load(std::memory_order_relaxed); }
  uint64_t merges() const { return merges_.load(std::memory_order_relaxed); }

 private:
  struct Family {
    uint64_t entries = 0;  // in the active memtable when quiet_since began
    std::chrono::steady_clock::time_point quiet_since{};
    bool settled = false;
  };
  uint64_t ActiveEntries(Cf cf) const;
  bool WantsFlush(Cf cf) const;
  bool WantsMerge(Cf cf) const;
  // true when the memtable was switched (flushed).
  bool Settle(Cf cf);

  EngineInternals* in_;
  const int quiet_ms_;
  std::array<size_t, kNumCfs> write_buffer_{};
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
