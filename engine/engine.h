// The engine: one RocksDB TransactionDB with every column family of
// key_format.h, shared by all models.
//
// Thread-safe: any number of threads may read, write and run transactions at
// once. Open creates the data directory and missing column families; a
// directory already in use by another process, or one tetradb cannot use,
// fails with a Status naming the directory.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "engine/clock.h"
#include "engine/garbage_filter.h"
#include "engine/iterator.h"
#include "engine/key_format.h"
#include "engine/status.h"
#include "engine/transaction.h"

namespace tetradb {

// What a commit promises about the write-ahead log.
enum class Durability : uint8_t {
  kSync,  // WAL fsynced before a commit returns: survives power loss
  kOs,    // WAL written, not fsynced: survives a process crash (default)
  kNone,  // no WAL: survives a clean shutdown only
};

Result<Durability> ParseDurability(std::string_view name);
std::string_view DurabilityName(Durability d);

struct EngineOptions {
  std::string dir = "./data";
  Durability durability = Durability::kOs;
  // Keep everything in memory: no files at all, nothing survives Close.
  bool in_memory = false;
  // The engine's time source; nullptr means the system clock. Not owned.
  Clock* clock = nullptr;
  size_t block_cache_bytes = 128 << 20;
  int64_t lock_timeout_ms = 1000;
  // A column family that has taken (almost) no write for this long is
  // reshaped for reads: its memtable flushed, its level 0 merged
  // (settle.h). 0: never.
  int settle_after_ms = 3000;
  // Version string recorded in a newly created directory.
  std::string creator = "tetradb";
};

class ExpiryIndex;
class ReadCache;
class Settler;
struct EngineInternals;

// A consistent read view of the whole database at one instant.
class Snapshot {
 public:
  virtual ~Snapshot() = default;
};

class Engine {
 public:
  static Result<std::unique_ptr<Engine>> Open(const EngineOptions& options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Flushes what the durability setting would otherwise lose and closes the
  // database. Called by the destructor if not called before. Every
  // Transaction, Iterator and Snapshot of this engine must be gone first.
  Status Close();

  // Single-key operations outside any transaction; each write is atomic.
  // Get returns NotFound (value unchanged) when the key is absent. Put and
  // Delete lock the key but not its run (Transaction, lock escalation): not
  // for keys of kRows / kRowIndex while transactions write there.
  Status Get(Cf cf, std::string_view key, std::string* value,
             const Snapshot* snapshot = nullptr) const;
  Status Put(Cf cf, std::string_view key, std::string_view value);
  Status Delete(Cf cf, std::string_view key);
  // Deletes every key in [begin, end) of `cf` with one range tombstone: one
  // small write whatever the range holds; compactions drop the keys it
  // covers. Takes no locks: only for ranges no transaction may be writing,
  // such as the rows of a dropped table. In the rows and row_index
  // families `begin` is at most 9 bytes (a whole table or index id; see
  // IdRunPrefix in engine.cc), else InvalidArgument.
  Status DeleteRange(Cf cf, std::string_view begin, std::string_view end);

  std::unique_ptr<Transaction> BeginTransaction(const TxnOptions& options = {});
  std::unique_ptr<Iterator> NewIterator(Cf cf, KeyRange range,
                                        const Snapshot* snapshot = nullptr) const;
  std::unique_ptr<Snapshot> GetSnapshot() const;

  // Installs (or with nullptr removes) the garbage filter of one family.
  // Takes effect for compactions that start afterwards.
  void SetGarbageFilter(Cf cf, std::shared_ptr<const GarbageFilter> filter);

  // Group commit for event loops. While a thread holds a DeferWalWrites,
  // its commits under kOs durability leave their WAL record in the
  // process's log buffer instead of writing it to the file at once (a
  // write() per commit); FlushWal then writes everything buffered, by any
  // thread, in one. Until then a process crash loses those commits, so the
  // holder must call FlushWal before it tells anyone of a deferred commit,
  // or of anything it read since (another thread's deferred commit may be
  // visible before it is written). Elsewhere, and under kSync or kNone,
  // every commit writes its WAL itself as before.
  class DeferWalWrites {
   public:
    DeferWalWrites();
    ~DeferWalWrites();
    DeferWalWrites(const DeferWalWrites&) = delete;
    DeferWalWrites& operator=(const DeferWalWrites&) = delete;
  };
  // Fails from the first failed write on, every time (records that never
  // reached the log may have been read already): a WAL write error leaves
  // the engine unable to acknowledge anything until it is reopened.
  Status FlushWal();
  // Whether commits can be deferred at all (kOs durability on disk).
  bool DefersWal() const { return manual_wal_flush_; }
  // After a commit: writes its WAL record unless this thread defers.
  Status AfterCommit();

  // Writes memtables to disk / compacts a whole family (tests, tools,
  // SAVE). Flush(false) only schedules the flush on the background threads.
  Status Flush(bool wait = true);
  Status CompactAll(Cf cf);
  // Waits until no flush or compaction is running or pending, or `max_wait`
  // has passed (then false).
  bool WaitForBackgroundWork(std::chrono::milliseconds max_wait);
  // Waits as WaitForBackgroundWork, and also until every family has been
  // settled (settle.h) or has nothing to settle: after a load, that takes
  // `settle_after_ms` and the work itself. Benchmarks measure this state.
  bool WaitUntilSettled(std::chrono::milliseconds max_wait);

  const EngineOptions& options() const { return options_; }
  Clock& clock() const { return *clock_; }
  ExpiryIndex& expiry() { return *expiry_; }
  // Approximate bytes of live data on disk and in memtables.
  uint64_t ApproximateSize() const;

  // For engine code only (transaction.cc, iterator creation, benches).
  EngineInternals& internals() { return *internals_; }
  ReadCache& read_cache() { return *read_cache_; }
  Settler& settler() { return *settler_; }

 private:
  explicit Engine(const EngineOptions& options);
  Status OpenDb();
  Status CheckDbInfo();

  EngineOptions options_;
  Clock* clock_;
  std::unique_ptr<EngineInternals> internals_;
  std::unique_ptr<ExpiryIndex> expiry_;
  // Plain reads of the key-value families (read_cache.h).
  std::unique_ptr<ReadCache> read_cache_;
  std::unique_ptr<Settler> settler_;
  bool manual_wal_flush_ = false;
  std::atomic<bool> wal_failed_{false};
  std::mutex wal_error_mu_;
  Status wal_error_;  // the first FlushWal failure
  bool closed_ = false;
};

}  // namespace tetradb
