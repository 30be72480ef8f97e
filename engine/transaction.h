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
// Not thread-safe: one thread drives a transaction at a time. Destroying an
// uncommitted transaction rolls it back.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
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
  Transaction(Engine* engine, std::unique_ptr<rocksdb::Transaction> txn,
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
  // As PutUnlocked / DeleteUnlocked, and not indexed either: the commit
  // includes the write, but this transaction's own reads, iterators and
  // savepoint rollbacks do not see it. For writes made just before Commit.
  Status PutUnindexed(Cf cf, std::string_view key, std::string_view value);
  Status DeleteUnindexed(Cf cf, std::string_view key);
  // Iterates committed data merged with this transaction's writes.
  std::unique_ptr<Iterator> NewIterator(Cf cf, KeyRange range);
  // As NewIterator, but over the latest committed data even when plain
  // reads use a snapshot (for locking range reads, which then
  // GetForUpdate each key they return).
  std::unique_ptr<Iterator> NewLatestIterator(Cf cf, KeyRange range);

  // Savepoints nest: RollbackToSavePoint undoes the writes since the latest
  // SetSavePoint, releases the locks first taken since then (RocksDB's
  // pessimistic transactions do) and removes it; PopSavePoint keeps the
  // writes and locks and removes it.
  Status SetSavePoint();
  Status RollbackToSavePoint();
  Status PopSavePoint();

  // After Commit or Rollback the transaction is finished; further calls
  // return InvalidArgument.
  Status Commit();
  Status Rollback();

 private:
  // Batches smaller than this commit as written: sorting them gains little.
  static constexpr uint32_t kSortedCommitMinRecords = 64;

  Status CheckOpen() const;
  void SortBatchForCommit();
  const rocksdb::Snapshot* ReadSnapshot();

  Engine* engine_;
  std::unique_ptr<rocksdb::Transaction> txn_;
  // consistent_reads: the view of Get and NewIterator, taken by the first
  // of them (else the transaction's own snapshot, if any).
  bool consistent_reads_ = false;
  std::unique_ptr<Snapshot> read_snapshot_;
  bool finished_ = false;
  bool unindexed_writes_ = false;  // PutUnindexed/DeleteUnindexed were used
};

}  // namespace tetradb
