// The Redis-style key-value model over the engine: 16 logical databases of
// keys holding strings, hashes, lists, sets and sorted sets, with TTLs.
//
// Every command runs in a KvTxn: one engine transaction, so a command (or a
// whole MULTI/EXEC) commits atomically and concurrent commands on one key are
// serialised by the key's lock. Key counts per database are live: they change
// when a commit creates or removes a key, expiry included.
//
// Expiry: an expired key is invisible at once (every read checks the
// deadline) and is removed by the engine's expiry cycle within about 100 ms.
// Deleting or overwriting a collection is O(1): the old members become
// garbage that a compaction filter drops.
//
// Thread-safe: any number of KvTxns may run at once on different threads.
#pragma once

#include <array>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/engine.h"
#include "engine/expiry.h"
#include "models/kv/kv_format.h"

namespace tetradb::kv {

class KvStore;

// What a transaction found for a key: the physical record (which may be
// expired) and whether the key is live.
struct KeyState {
  bool physical = false;  // a metadata record exists (maybe expired)
  bool live = false;      // it exists and has not expired
  Metadata meta;
};

// A (db, key) pair a commit touched, for WATCH and blocked clients.
struct TouchedKey {
  int db;
  std::string key;
};

class KvTxn {
 public:
  // The engine transaction starts lazily, at the first write or locked read:
  // a read-only command never pays for one.
  KvTxn(KvStore& store, TxnOptions options, int64_t now_ms);
  ~KvTxn();

  // The command's notion of "now": fixed when the transaction began, so one
  // command sees one instant (as Redis does).
  int64_t now_ms() const { return now_ms_; }
  // For the next command sharing this transaction (a batch of several
  // clients' commands): "now" becomes `now_ms`, the clock's time again
  // (it never goes back).
  void AdvanceClock(int64_t now_ms);
  // The engine transaction, started if it was not yet. Code that writes
  // through it directly gets savepoint protection (see SetSavePoint).
  // Metadata and member writes may still be pending (see FlushPending).
  Transaction& txn();
  KvStore& store() { return store_; }

  // Reads a key's metadata. With `lock`, the key stays locked until commit.
  Result<KeyState> Load(int db, std::string_view key, bool lock = true);
  // Load, then WrongType if the key is live with another type.
  Result<KeyState> LoadAs(int db, std::string_view key, Type type, bool lock = true);

  // Writes the key's metadata (before: what Load returned). Keeps the expiry
  // index and key counters right.
  Status Store(int db, std::string_view key, const KeyState& before, const Metadata& after);
  // Removes the key; its members become garbage.
  Status Remove(int db, std::string_view key, const KeyState& before);

  // Starts a fresh collection of `type` (new version, size 0).
  Metadata NewCollection(Type type) const;

  // Members of collection keys. Writes of members and score-index entries
  // take no lock of their own: every writer of a collection holds its
  // metadata key's lock (Load), and versions are never reused. They are
  // kept here until commit (or until a member iterator needs them), so a
  // record written by several commands of one batch is written once.
  Status GetMember(int db, std::string_view key, const Metadata& m, std::string_view sub,
                   std::string* value);
  Status PutMember(int db, std::string_view key, const Metadata& m, std::string_view sub,
                   std::string_view value);
  // As PutMember, taking the value (a rebuilt list chunk) without a copy.
  Status PutMemberOwned(int db, std::string_view key, const Metadata& m, std::string_view sub,
                        std::string value);
  Status DeleteMember(int db, std::string_view key, const Metadata& m, std::string_view sub);

 private:
  struct MemberEntry;  // see below

 public:
  // A member record of a locked collection held in the transaction's
  // pending records, so it can be changed in place (a list chunk taking one
  // more element): value() to look at it, Edit() to change it, which makes
  // it count as written. Valid until the next member call or savepoint
  // change.
  class MemberHandle {
   public:
    const std::string& value() const;
    std::string* Edit();

   private:
    friend class KvTxn;
    KvTxn* t_ = nullptr;
    std::pair<const std::string, MemberEntry>* entry_ = nullptr;  // the members_ node
    bool edited_ = false;
  };
  // Reads the record in if it is not pending yet. NotFound if absent.
  Status FindMember(int db, std::string_view key, const Metadata& m, std::string_view sub,
                    MemberHandle* h);
  // A raw member-family record (kv_members / kv_scores) of a locked collection.
  Status PutMemberRecord(Cf cf, std::string_view member_key, std::string_view value);
  Status DeleteMemberRecord(Cf cf, std::string_view member_key);
  std::unique_ptr<Iterator> Members(int db, std::string_view key, const Metadata& m,
                                    Cf cf = Cf::kKvMembers);
  // Member records in `range` (of one collection), with this transaction's
  // own writes; starts no engine transaction.
  std::unique_ptr<Iterator> MemberRange(Cf cf, KeyRange range);

  // Writes pending metadata and member records into the engine transaction.
  // Needed only before iterating the kv family through txn(); member
  // iterators and Commit do it themselves.
  Status FlushPending();

  // Savepoints around one command among several sharing this transaction
  // (EXEC, scripts; pipelined batches use changes() instead): rolling back
  // undoes the command's writes, key count changes and touched keys. They
  // nest. An engine savepoint is only taken once something is written
  // through txn(), so a command that only changes metadata of keys already
  // locked costs no engine call.
  Status SetSavePoint();
  Status RollbackToSavePoint();
  Status PopSavePoint();

  // Marks a key modified (WATCH, blocked clients). Store/Remove do it.
  void Touch(int db, std::string_view key);

  // Counts what may have changed the transaction: metadata and member
  // writes, touches, and every call of txn(). A command that failed
  // without moving it left the transaction as it found it (save for
  // cached reads and locks), so sharing commands need no savepoint to
  // drop its effects.
  uint64_t changes() const { return changes_; }

  // Runs `fn` once the transaction has committed (after the observers);
  // never if it does not, nor if a savepoint set before is rolled back.
  void AfterCommit(std::function<void()> fn);

  // Commits; on success applies key-count changes and notifies observers.
  Status Commit();

 private:
  friend class KvStore;
  // A read of committed data: through the transaction once it exists (it
  // sees its own writes), else straight from the engine.
  Status ReadCommitted(Cf cf, std::string_view key, std::string* value);
  // The engine transaction, started if needed, without taking pending
  // savepoints (for locked reads, which write nothing).
  Transaction& EngineTxn();

  // Metadata of keys this transaction has locked, by meta key. A locked key
  // cannot change under us, so repeated commands on one key (pipelines,
  // EXEC) read it here, and only its final metadata reaches the engine
  // transaction: one lock, one index entry and one memtable write per key
  // per commit instead of one per command.
  struct MetaEntry {
    bool physical = false;  // a record exists
    bool dirty = false;     // not yet written into the engine transaction
    Metadata meta;
  };
  // How to undo a change to meta_ (only recorded while a savepoint is set).
  struct MetaUndo {
    std::string meta_key;
    bool had_entry;  // false: erase the entry
    MetaEntry old;
  };
  KeyState StateOf(const MetaEntry& e) const;

  // Pending member-family records, by cf byte + record key.
  struct MemberEntry {
    bool exists = false;  // false: a delete
    bool dirty = true;    // not yet written into the engine transaction
    std::string value;
  };
  struct MemberUndo {
    std::string key;
    bool had_entry;
    MemberEntry old;
  };
  // `cf_key`: the cf byte, then the record key.
  Status WriteMemberRecord(const std::string& cf_key, bool exists, std::string value);
  // Keys of meta_ and members_ (the cf byte, then the record key) built for
  // a lookup in buffers kept from call to call, so a lookup that finds its
  // entry (most, in a batch) allocates nothing. Each is overwritten by the
  // next call of its kind.
  const std::string& MetaKey(int db, std::string_view key);
  const std::string& MemberKey(int db, std::string_view key, uint64_t version,
                               std::string_view sub);
  const std::string& MemberKey(Cf cf, std::string_view member_key);

  KvStore& store_;
  TxnOptions options_;
  std::unique_ptr<Transaction> txn_;  // null until needed
  int64_t now_ms_;
  std::array<int64_t, kDatabases> key_delta_{};
  std::array<int64_t, kDatabases> expires_delta_{};
  std::vector<TouchedKey> touched_;
  std::unordered_map<std::string, MetaEntry> meta_;
  std::vector<MetaUndo> meta_undo_;
  std::unordered_map<std::string, MemberEntry> members_;
  std::vector<MemberUndo> member_undo_;
  size_t dirty_members_ = 0;  // upper bound on dirty entries in members_
  struct SavePoint {
    std::array<int64_t, kDatabases> key_delta, expires_delta;
    size_t touched;
    size_t meta_undo;
    size_t member_undo;
    size_t after_commit;
    bool engine;  // an engine savepoint was taken for it
  };
  std::vector<SavePoint> savepoints_;
  // savepoints_[0, engine_savepoints_) have engine savepoints (a prefix).
  size_t engine_savepoints_ = 0;
  Status deferred_;  // a failure inside txn() (returned by Commit)
  uint64_t changes_ = 0;
  std::string meta_key_, member_key_;  // see MetaKey, MemberKey
  std::vector<std::function<void()>> after_commit_;
};

// Called after commits with the keys they modified.
using TouchObserver = std::function<void(const std::vector<TouchedKey>&)>;

class KvStore final : public ExpiryHandler {
 public:
  explicit KvStore(Engine* engine);
  ~KvStore() override;

  // Counts the keys already in the database and registers the expiry handler
  // and garbage filters. Call once before use.
  Status Open();

  // A transaction for one command (or one MULTI/EXEC), whose "now" is
  // `now_ms` (the clock's time when omitted).
  std::unique_ptr<KvTxn> Begin();
  std::unique_ptr<KvTxn> Begin(int64_t now_ms);

  Engine& engine() { return *engine_; }
  Clock& clock() { return engine_->clock(); }

  int64_t KeyCount(int db) const { return keys_[db].load(std::memory_order_relaxed); }
  int64_t ExpiresCount(int db) const { return expires_[db].load(std::memory_order_relaxed); }
  uint64_t expired_keys() const { return expired_keys_.load(std::memory_order_relaxed); }
  std::atomic<uint64_t>& keyspace_hits() { return hits_; }
  std::atomic<uint64_t>& keyspace_misses() { return misses_; }

  // A new version for a collection; unique across restarts.
  uint64_t NextVersion();

  // SCAN-family cursors: an opaque position (the next key or member to
  // visit) saved under a small integer, as Redis clients expect integer
  // cursors. Bounded: the oldest cursors are forgotten first.
  uint64_t SaveCursor(std::string position);
  // False if the cursor is unknown (never issued, or forgotten).
  bool LoadCursor(uint64_t cursor, std::string* position);

  // Installed by the wire layer (empty functions to remove). With the keys a
  // commit writes, on the committing thread: `before` while the keys are
  // still locked and the commit has not happened (WATCH), `after` once it is
  // visible (waking blocked clients). Expiry counts as a write.
  void SetTouchObservers(TouchObserver before, TouchObserver after);

  // ExpiryHandler.
  Result<bool> Expire(Transaction& txn, std::string_view owner_key, int64_t expire_at_ms) override;
  void OnExpired(std::string_view owner_key) override;

 private:
  friend class KvTxn;
  void Apply(const KvTxn& t);

  Engine* engine_;
  std::array<std::atomic<int64_t>, kDatabases> keys_{};
  std::array<std::atomic<int64_t>, kDatabases> expires_{};
  std::atomic<uint64_t> expired_keys_{0};
  std::atomic<uint64_t> hits_{0};
  std::atomic<uint64_t> misses_{0};
  std::atomic<uint64_t> next_version_{0};
  std::mutex cursor_mu_;
  std::map<uint64_t, std::string> cursors_;
  uint64_t next_cursor_ = 1;
  struct Observers {
    TouchObserver before, after;
  };
  std::shared_ptr<const Observers> observers() const;
  void NotifyBefore(const std::vector<TouchedKey>& keys) const;

  // Read on every writing commit: atomic, not behind a mutex.
  std::atomic<std::shared_ptr<const Observers>> observers_;
};

}  // namespace tetradb::kv
