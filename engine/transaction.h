// A multi-key, multi-column-family transaction: all of its writes commit
// together or none does.
//
// Isolation: writes take row locks (pessimistic), so two transactions that
// write the same key never both commit: the second waits up to the lock
// timeout, then gets Busy. A transaction begun with `snapshot = true` reads
// as of its start (repeatable read); GetForUpdate then also fails with
// Conflict if the key was changed by someone else since the snapshot.
// Reads always see the transaction's own writes.
//
// Lock escalation (keys of kRows and kRowIndex only, grouped by their
// leading table or index id, kIdRunLength bytes): a transaction that locks
// keys of a run first takes a shared lock on the run itself (the bare
// prefix, which no stored key equals). Once it has locked kEscalateAfter
// distinct keys of one run, and no other transaction holds the run (nobody
// else has a lock in it), and it has no snapshot to validate against, it
// takes the run's lock exclusively, without waiting. From then on it locks
// no more keys of that run, and its locking reads there read the latest
// committed data: nobody else can lock a key of the run until it ends. A
// bulk load thus pays the lock manager for its first keys only; the price
// is that other transactions wait for the run (as they would for a key the
// big transaction holds) until it ends, and two bulk loads that then each
// touch the other's run deadlock (one fails). A run another transaction
// holds is never escalated: small transactions keep their key locks and
// never block each other through the run. Engine::Put / Delete take no run
// lock: they must not write keys of kRows or kRowIndex while transactions
// run.
//
// Writes wait in the transaction's own write set (a hash map: a write costs
// a hash insert, a read of an own write a hash lookup) and reach RocksDB's
// indexed write batch only when an iterator needs them (those of the
// iterator's column family) or at commit, where they go into the batch in
// key order, one record per key, without any index.
//
// Not thread-safe: one thread drives a transaction at a time. Destroying an
// uncommitted transaction rolls it back.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <memory_resource>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/iterator.h"
#include "engine/key_format.h"
#include "engine/status.h"

namespace rocksdb {
class Snapshot;
class Transaction;
}

namespace tetradb {

class Engine;
class Snapshot;

// What a key-lock wait checks while it waits (about every 10 ms): once
// Cancelled() is true the wait gives up early, as at its lock timeout. For
// cancelling statements (KILL QUERY) that wait for a row lock.
class LockWaitCanceller {
 public:
  virtual ~LockWaitCanceller() = default;
  virtual bool Cancelled() const = 0;
};

// While alive, key-lock waits on the calling thread consult `c` (an inner
// scope replaces an outer one until it ends).
class ScopedLockWaitCanceller {
 public:
  explicit ScopedLockWaitCanceller(const LockWaitCanceller* c);
  ~ScopedLockWaitCanceller();
  ScopedLockWaitCanceller(const ScopedLockWaitCanceller&) = delete;
  ScopedLockWaitCanceller& operator=(const ScopedLockWaitCanceller&) = delete;

 private:
  const LockWaitCanceller* previous_;
};

struct TxnOptions {
  // Read as of the transaction's start and detect write-write conflicts
  // against it.
  bool snapshot = false;
  // How long a write waits for a lock another transaction holds; negative:
  // the engine's default.
  int64_t lock_timeout_ms = -1;
  // InnoDB's REPEATABLE READ: Get and NewIterator read as of the
  // transaction's first such read (its consistent snapshot), while GetForUpdate, NewLatestIterator and writes
  // act on the latest committed version and are not checked against the
  // snapshot (a locked row is read as it is now, so concurrent decrements
  // serialize instead of failing). Exclusive with `snapshot`.
  bool consistent_reads = false;
  // Detect lock cycles when waiting and fail at once with Conflict instead
  // of waiting for the timeout.
  bool deadlock_detect = false;
};

class Transaction {
 public:
  // Locked keys of one run after which the transaction tries to escalate.
  static constexpr uint32_t kEscalateAfter = 1024;

  Transaction(Engine* engine, std::unique_ptr<rocksdb::Transaction> txn, int64_t lock_timeout_ms,
              bool consistent_reads = false);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // NotFound if the key does not exist (value left unchanged).
  Status Get(Cf cf, std::string_view key, std::string* value);
  // As Get for each of `keys` at once (cheaper than one Get per key): on
  // return (*statuses)[i] is Get's status for keys[i] and, when OK,
  // (*values)[i] its value. Both vectors are resized to keys.size().
  Status MultiGet(Cf cf, const std::vector<std::string_view>& keys,
                  std::vector<std::string>* values, std::vector<Status>* statuses);
  // As Get, and locks the key until commit or rollback.
  Status GetForUpdate(Cf cf, std::string_view key, std::string* value);
  Status Put(Cf cf, std::string_view key, std::string_view value);
  Status Delete(Cf cf, std::string_view key);
  // As Put / Delete, but the key is neither locked nor tracked (reads,
  // iterators, savepoints and the commit include the write as usual): only
  // for keys the caller already serialises by a lock it holds on another
  // key, e.g. members of a collection whose metadata key it has locked.
  Status PutUnlocked(Cf cf, std::string_view key, std::string_view value);
  Status DeleteUnlocked(Cf cf, std::string_view key);
  // Iterates committed data merged with this transaction's writes made
  // before the iterator (later ones may or may not show: make a new one).
  std::unique_ptr<Iterator> NewIterator(Cf cf, KeyRange range);
  // As NewIterator, but over the latest committed data even when plain
  // reads use a snapshot (for locking range reads, which then
  // GetForUpdate each key they return).
  std::unique_ptr<Iterator> NewLatestIterator(Cf cf, KeyRange range);

  // Savepoints nest: RollbackToSavePoint undoes the writes since the latest
  // SetSavePoint and removes it; PopSavePoint keeps the writes and removes
  // it. Locks stay until the transaction ends either way, as InnoDB keeps
  // the row locks of a rolled-back statement or savepoint.
  Status SetSavePoint();
  Status RollbackToSavePoint();
  Status PopSavePoint();

  // Keys the lock manager holds for this transaction (escalated runs count
  // once).
  uint64_t locked_keys() const;

  // After Commit or Rollback the transaction is finished; further calls
  // return InvalidArgument.
  Status Commit();
  Status Rollback();

 private:
  // Batches smaller than this commit as written: sorting them gains little.
  static constexpr uint32_t kSortedCommitMinRecords = 64;

  // One key's latest write in the own write set. An entry stays in the map
  // until the transaction ends (a rollback sets it back to kNone), so
  // pointers to it stay valid. Keys and values live in arena_: an
  // overwritten value stays there, unused, until the transaction ends.
  struct Write {
    enum class State : uint8_t { kNone, kPut, kDelete };
    State state = State::kNone;
    bool in_index = false;  // RocksDB's indexed batch holds this state
    bool queued = false;    // in unindexed_ (not part of the state)
    uint64_t epoch = 0;     // the IndexWrites call that put it there
    std::string_view value;
  };
  // cf byte + key. A new entry is keyed by the caller's bytes at first and
  // then by their copy in arena_ (same bytes, same hash): one hash per write.
  struct WriteKey {
    mutable std::string_view bytes;
    bool operator==(const WriteKey& o) const { return bytes == o.bytes; }
  };
  struct WriteKeyHash {
    size_t operator()(const WriteKey& k) const { return std::hash<std::string_view>()(k.bytes); }
  };
  using WriteMap = std::pmr::unordered_map<WriteKey, Write, WriteKeyHash>;
  using WriteEntry = WriteMap::value_type;
  struct WriteUndo {
    WriteEntry* entry;
    Write old;
  };
  struct SavePoint {
    size_t undo;     // undo_.size() when set
    uint64_t epoch;  // epoch_ when set
  };

  // A run of keys this transaction locks in (see lock escalation).
  struct LockRun {
    Cf cf;
    char id[kIdRunLength];
    bool shared = false;     // holds the run's lock shared (or exclusive)
    bool escalated = false;  // holds it exclusive: locks no keys in it
    uint32_t locks = 0;      // keys locked in it
    uint32_t next_try = kEscalateAfter;
  };

  Status CheckOpen() const;
  // Locks `key` for a write (value null) or a locking read, and reads the
  // latest committed value into *value, as RocksDB's GetForUpdate (the key
  // stays locked when it has none: NotFound).
  Status Lock(Cf cf, std::string_view key, std::string* value);
  // The key's run (added when new); null for keys outside kRows/kRowIndex.
  LockRun* RunOf(Cf cf, std::string_view key);
  void TryEscalate(LockRun* run);
  // Records a write in the own write set (the key is locked already, or
  // needs no lock).
  void Record(Cf cf, std::string_view key, Write::State state, std::string_view value);
  // `bytes` copied into arena_.
  std::string_view Keep(std::string_view bytes);
  // cf byte + key, in lookup_ (valid until the next call).
  std::string_view LookupKey(Cf cf, std::string_view key) const;
  // Queues the entry for IndexWrites if the index lacks its state.
  void Queue(WriteEntry* e);
  // The own write of `key`, if any (state kNone: none).
  const Write* Find(Cf cf, std::string_view key) const;
  // Writes the own writes of `cf` that RocksDB's indexed batch lacks into
  // it, for an iterator (every family: for the commit's sort).
  Status IndexWrites(Cf cf);
  Status IndexAllWrites();
  // An iterator over `cf` as of `snapshot` (null: the latest), merged with
  // the transaction's writes.
  std::unique_ptr<Iterator> IterateWithWrites(Cf cf, KeyRange range,
                                              const rocksdb::Snapshot* snapshot);
  // Moves the own write set into RocksDB's batch for the commit.
  Status WriteSetToBatch();
  using KeyedWrite = std::pair<std::string_view, const Write*>;
  std::vector<KeyedWrite> WritesInKeyOrder() const;
  void SortBatchForCommit();
  const rocksdb::Snapshot* ReadSnapshot();

  Engine* engine_;
  std::unique_ptr<rocksdb::Transaction> txn_;
  int64_t lock_timeout_ms_;
  std::vector<LockRun> runs_;
  // consistent_reads: the view of Get and NewIterator, taken by the first
  // of them (else the transaction's own snapshot, if any).
  bool consistent_reads_ = false;
  std::unique_ptr<Snapshot> read_snapshot_;
  bool finished_ = false;

  // The own write set, by cf byte + key. The map itself, its nodes, keys
  // and values live in arena_ and are freed with it at once: the map is
  // never destroyed (everything in it is trivially destructible), so the
  // end of a transaction does not walk its nodes.
  std::pmr::monotonic_buffer_resource arena_;
  WriteMap& writes_;
  mutable std::string lookup_;
  // Per family, the entries whose state the indexed batch may lack (each
  // once: Write::queued).
  std::array<std::vector<WriteEntry*>, kNumCfs> unindexed_;
  uint64_t epoch_ = 0;  // IndexWrites calls that wrote something
  // Per family, whether any write ever went into the indexed batch: until
  // then an iterator reads the database alone (IterateWithWrites).
  std::array<bool, kNumCfs> indexed_{};
  bool cached_writes_ = false;  // a write to a family the read cache serves
  std::vector<WriteUndo> undo_;  // while savepoints are set
  std::vector<SavePoint> savepoints_;
};

}  // namespace tetradb
