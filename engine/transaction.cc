#include "engine/transaction.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <type_traits>

#include <rocksdb/utilities/transaction.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include "engine/engine.h"
#include "engine/read_cache.h"
#include "engine/rocks_internal.h"

namespace tetradb {
namespace {
rocksdb::Slice ToSlice(std::string_view s) { return {s.data(), s.size()}; }
}  // namespace

Transaction::Transaction(Engine* engine, std::unique_ptr<rocksdb::Transaction> txn,
                         int64_t lock_timeout_ms, bool consistent_reads)
    : engine_(engine),
      txn_(std::move(txn)),
      lock_timeout_ms_(lock_timeout_ms),
      consistent_reads_(consistent_reads),
      writes_(*new (arena_.allocate(sizeof(WriteMap), alignof(WriteMap))) WriteMap(&arena_)) {
  // writes_ is never destroyed (see its declaration).
  static_assert(std::is_trivially_destructible_v<WriteEntry>);
}

const rocksdb::Snapshot* Transaction::ReadSnapshot() {
  if (!consistent_reads_) return txn_->GetSnapshot();
  if (!read_snapshot_) read_snapshot_ = engine_->GetSnapshot();
  return static_cast<const RocksSnapshot*>(read_snapshot_.get())->get();
}

Transaction::~Transaction() {
  if (!finished_) txn_->Rollback().PermitUncheckedError();
}

Status Transaction::CheckOpen() const {
  if (finished_) return Status::InvalidArgument("transaction already committed or rolled back");
  return Status::Ok();
}

// --- The own write set -------------------------------------------------------

std::string_view Transaction::Keep(std::string_view bytes) {
  if (bytes.empty()) return {};
  char* p = static_cast<char*>(arena_.allocate(bytes.size(), 1));
  std::memcpy(p, bytes.data(), bytes.size());
  return {p, bytes.size()};
}

std::string_view Transaction::LookupKey(Cf cf, std::string_view key) const {
  lookup_.assign(1, static_cast<char>(cf));
  lookup_.append(key);
  return lookup_;
}

void Transaction::Record(Cf cf, std::string_view key, Write::State state, std::string_view value) {
  auto [it, fresh] = writes_.try_emplace(WriteKey{LookupKey(cf, key)});
  if (fresh) it->first.bytes = Keep(it->first.bytes);
  Write& w = it->second;
  if (!savepoints_.empty()) undo_.push_back({&*it, w});
  cached_writes_ = cached_writes_ || ReadCache::Caches(cf);
  w.state = state;
  w.value = Keep(value);
  w.in_index = false;
  Queue(&*it);
}

void Transaction::Queue(WriteEntry* e) {
  Write& w = e->second;
  if (w.queued || w.in_index || w.state == Write::State::kNone) return;
  w.queued = true;
  unindexed_[static_cast<uint8_t>(e->first.bytes[0])].push_back(e);
}

const Transaction::Write* Transaction::Find(Cf cf, std::string_view key) const {
  if (writes_.empty()) return nullptr;
  auto it = writes_.find(WriteKey{LookupKey(cf, key)});
  if (it == writes_.end() || it->second.state == Write::State::kNone) return nullptr;
  return &it->second;
}

Status Transaction::IndexWrites(Cf cf) {
  std::vector<WriteEntry*>& pending = unindexed_[static_cast<size_t>(cf)];
  if (pending.empty()) return Status::Ok();
  rocksdb::WriteBatchWithIndex* wbwi = txn_->GetWriteBatch();
  rocksdb::ColumnFamilyHandle* handle = engine_->internals().cf(cf);
  ++epoch_;
  for (WriteEntry* e : pending) {
    Write& w = e->second;
    w.queued = false;
    if (w.in_index || w.state == Write::State::kNone) continue;
    rocksdb::Slice key(e->first.bytes.data() + 1, e->first.bytes.size() - 1);
    rocksdb::Status s = w.state == Write::State::kPut ? wbwi->Put(handle, key, ToSlice(w.value))
                                                      : wbwi->Delete(handle, key);
    if (!s.ok()) return FromRocks(s);
    w.in_index = true;
    w.epoch = epoch_;
    indexed_[static_cast<size_t>(cf)] = true;
  }
  pending.clear();
  return Status::Ok();
}

Status Transaction::IndexAllWrites() {
  for (size_t c = 0; c < kNumCfs; ++c) TETRADB_RETURN_IF_ERROR(IndexWrites(static_cast<Cf>(c)));
  return Status::Ok();
}

// --- Reads ---------------------------------------------------------------------

Status Transaction::Get(Cf cf, std::string_view key, std::string* value) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  // First, also when an own write answers: with consistent_reads the first
  // plain read fixes the snapshot of all later ones.
  rocksdb::ReadOptions ro;
  ro.snapshot = ReadSnapshot();
  if (const Write* w = Find(cf, key)) {
    if (w->state == Write::State::kDelete) return Status::NotFound();
    *value = w->value;
    return Status::Ok();
  }
  // No own write and no snapshot: the latest committed value, through the
  // read cache where the family has one.
  if (ro.snapshot == nullptr) return engine_->Get(cf, key, value);
  // RocksDB's indexed batch holds no state of a key the write set has none
  // of (it only ever gets the write set's states, and is emptied when a
  // savepoint rollback takes back states it holds): the database alone
  // answers, without a search of the batch first.
  return FromRocks(
      engine_->internals().db->Get(ro, engine_->internals().cf(cf), ToSlice(key), value));
}

Status Transaction::MultiGet(Cf cf, const std::vector<std::string_view>& keys,
                             std::vector<std::string>* values, std::vector<Status>* statuses) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  const size_t n = keys.size();
  values->resize(n);
  statuses->resize(n);
  if (n == 0) return Status::Ok();
  rocksdb::ReadOptions ro;
  ro.snapshot = ReadSnapshot();  // first, as in Get
  // Own writes answer at once; the rest go to RocksDB in one call.
  std::vector<size_t> rest;
  rest.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const Write* w = Find(cf, keys[i]);
    if (w == nullptr) {
      rest.push_back(i);
    } else if (w->state == Write::State::kDelete) {
      (*statuses)[i] = Status::NotFound();
    } else {
      (*values)[i] = w->value;
      (*statuses)[i] = Status::Ok();
    }
  }
  if (rest.empty()) return Status::Ok();
  const size_t m = rest.size();
  std::vector<rocksdb::Slice> slices(m);
  for (size_t j = 0; j < m; ++j) slices[j] = ToSlice(keys[rest[j]]);
  std::vector<rocksdb::PinnableSlice> pinned(m);
  std::vector<rocksdb::Status> st(m);
  // Keys in order (as callers that batch reads by key give them) spare
  // RocksDB its own sort.
  bool sorted = true;
  for (size_t j = 1; j < m && sorted; ++j) sorted = slices[j - 1].compare(slices[j]) <= 0;
  // From the database alone, as in Get.
  engine_->internals().db->MultiGet(ro, engine_->internals().cf(cf), m, slices.data(),
                                    pinned.data(), st.data(), sorted);
  for (size_t j = 0; j < m; ++j) {
    size_t i = rest[j];
    (*statuses)[i] = FromRocks(st[j]);
    if (st[j].ok()) (*values)[i].assign(pinned[j].data(), pinned[j].size());
  }
  return Status::Ok();
}

Status Transaction::GetForUpdate(Cf cf, std::string_view key, std::string* value) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  const Write* w = Find(cf, key);
  // An own write: only the lock is needed (it may be an unlocked write).
  Status s = Lock(cf, key, w != nullptr ? nullptr : value);
  if (w == nullptr || !s.ok()) return s;
  if (w->state == Write::State::kDelete) return Status::NotFound();
  if (value != nullptr) *value = w->value;
  return Status::Ok();
}

// --- Locks -----------------------------------------------------------------------

Status Transaction::Lock(Cf cf, std::string_view key, std::string* value) {
  rocksdb::ReadOptions ro;
  ro.snapshot = txn_->GetSnapshot();
  rocksdb::ColumnFamilyHandle* handle = engine_->internals().cf(cf);
  LockRun* run = RunOf(cf, key);
  if (run != nullptr) {
    if (run->escalated) {
      // Nobody else can lock a key of the run since it was escalated, and
      // what others wrote before is committed (no snapshot hides it).
      if (value == nullptr) return Status::Ok();
      return FromRocks(txn_->Get(ro, handle, ToSlice(key), value));
    }
    if (!run->shared) {
      std::string* no_read = nullptr;
      TETRADB_RETURN_IF_ERROR(FromRocks(txn_->GetForUpdate(
          ro, handle, rocksdb::Slice(run->id, kIdRunLength), no_read, /*exclusive=*/false)));
      run->shared = true;
    }
  }
  // Keys locked before (an UPDATE reads its row locked, then writes it)
  // count once: only the tracker's growth does.
  const uint64_t tracked = run != nullptr ? txn_->GetNumKeys() : 0;
  rocksdb::Status s = txn_->GetForUpdate(ro, handle, ToSlice(key), value);
  if (run != nullptr && txn_->GetNumKeys() > tracked && ++run->locks >= run->next_try) {
    TryEscalate(run);
  }
  return FromRocks(s);
}

Transaction::LockRun* Transaction::RunOf(Cf cf, std::string_view key) {
  if (!HasIdRuns(cf) || key.size() <= kIdRunLength) return nullptr;
  for (LockRun& run : runs_) {
    if (run.cf == cf && std::memcmp(run.id, key.data(), kIdRunLength) == 0) return &run;
  }
  LockRun& run = runs_.emplace_back();
  run.cf = cf;
  std::memcpy(run.id, key.data(), kIdRunLength);
  return &run;
}

// Without waiting: a run another transaction holds stays as it is, and the
// next try comes after as many locks again.
void Transaction::TryEscalate(LockRun* run) {
  run->next_try = run->locks * 2;
  // Locking reads under a snapshot must be validated key by key.
  if (txn_->GetSnapshot() != nullptr) return;
  rocksdb::ReadOptions ro;
  std::string* no_read = nullptr;
  txn_->SetLockTimeout(0);
  rocksdb::Status s = txn_->GetForUpdate(ro, engine_->internals().cf(run->cf),
                                         rocksdb::Slice(run->id, kIdRunLength), no_read);
  txn_->SetLockTimeout(lock_timeout_ms_);
  run->escalated = s.ok();
}

uint64_t Transaction::locked_keys() const { return txn_->GetNumKeys(); }

// --- Writes --------------------------------------------------------------------

// The key's lock, without reading it (RocksDB's Put takes the same lock).
Status Transaction::Put(Cf cf, std::string_view key, std::string_view value) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  TETRADB_RETURN_IF_ERROR(Lock(cf, key, nullptr));
  Record(cf, key, Write::State::kPut, value);
  return Status::Ok();
}

Status Transaction::Delete(Cf cf, std::string_view key) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  TETRADB_RETURN_IF_ERROR(Lock(cf, key, nullptr));
  Record(cf, key, Write::State::kDelete, {});
  return Status::Ok();
}

Status Transaction::PutUnlocked(Cf cf, std::string_view key, std::string_view value) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  Record(cf, key, Write::State::kPut, value);
  return Status::Ok();
}

Status Transaction::DeleteUnlocked(Cf cf, std::string_view key) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  Record(cf, key, Write::State::kDelete, {});
  return Status::Ok();
}

// --- Iterators: over RocksDB's indexed batch, which gets the family's own
// writes first ------------------------------------------------------------------

std::unique_ptr<Iterator> Transaction::NewIterator(Cf cf, KeyRange range) {
  return IterateWithWrites(cf, std::move(range), ReadSnapshot());
}

std::unique_ptr<Iterator> Transaction::NewLatestIterator(Cf cf, KeyRange range) {
  return IterateWithWrites(cf, std::move(range), nullptr);
}

std::unique_ptr<Iterator> Transaction::IterateWithWrites(Cf cf, KeyRange range,
                                                         const rocksdb::Snapshot* snapshot) {
  auto ro = std::make_unique<rocksdb::ReadOptions>();
  ro->snapshot = snapshot;
  auto it = std::make_unique<Iterator>(std::move(range), std::move(ro));
  Status s = IndexWrites(cf);
  rocksdb::ColumnFamilyHandle* handle = engine_->internals().cf(cf);
  rocksdb::Iterator* base;
  if (!s.ok()) {
    base = rocksdb::NewErrorIterator(rocksdb::Status::IOError(s.ToString()));
  } else if (!indexed_[static_cast<size_t>(cf)]) {
    // Nothing of this family to merge in: the database's iterator alone,
    // without the batch's delta iterator on top (an iterator shows the
    // writes indexed when it was made, and none were).
    base = engine_->internals().db->NewIterator(it->read_options(), handle);
  } else {
    base = txn_->GetIterator(it->read_options(), handle);
  }
  it->Attach(std::unique_ptr<rocksdb::Iterator>(base));
  return it;
}

// --- Savepoints ----------------------------------------------------------------

// Savepoints are the write set's alone: RocksDB's own (a lock tracker per
// savepoint, every lock tracked twice) cost more than a statement's writes
// in a bulk insert, and what they add, releasing the locks taken since the
// savepoint, InnoDB does not do either.
Status Transaction::SetSavePoint() {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  savepoints_.push_back({undo_.size(), epoch_});
  return Status::Ok();
}

// The undo log restores the write set. If an iterator had writes indexed
// since the savepoint, RocksDB's index holds states the write set no longer
// has: it is emptied, and every write goes into it again when the next
// iterator needs it.
Status Transaction::RollbackToSavePoint() {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  if (savepoints_.empty()) return Status::NotFound("no savepoint");
  SavePoint sp = savepoints_.back();
  savepoints_.pop_back();
  while (undo_.size() > sp.undo) {
    WriteUndo& u = undo_.back();
    Write& w = u.entry->second;
    bool queued = w.queued;
    w = std::move(u.old);
    w.queued = queued;
    Queue(u.entry);
    undo_.pop_back();
  }
  if (epoch_ > sp.epoch) {
    txn_->GetWriteBatch()->Clear();
    for (auto& e : writes_) {
      e.second.in_index = false;
      Queue(&e);
    }
  }
  if (savepoints_.empty()) undo_.clear();
  return Status::Ok();
}

Status Transaction::PopSavePoint() {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  if (savepoints_.empty()) return Status::NotFound("no savepoint");
  savepoints_.pop_back();
  if (savepoints_.empty()) undo_.clear();
  return Status::Ok();
}

// --- Commit ----------------------------------------------------------------------

// Every own write goes into RocksDB's batch. When none ever went through
// the index (no iterator needed them), they are appended unindexed, sorted
// by family and key: a memtable insert starts its search at the previous
// insert's position, so keys in order cost a few comparisons each where
// scattered keys search the whole skiplist. Otherwise they join the index
// and SortBatchForCommit rewrites the batch in order from it.
Status Transaction::WriteSetToBatch() {
  if (epoch_ > 0) {
    TETRADB_RETURN_IF_ERROR(IndexAllWrites());
    SortBatchForCommit();
    return Status::Ok();
  }
  std::vector<KeyedWrite> order = WritesInKeyOrder();
  rocksdb::WriteBatch* batch = txn_->GetWriteBatch()->GetWriteBatch();
  for (const auto& [k, w] : order) {
    rocksdb::ColumnFamilyHandle* handle =
        engine_->internals().cf(static_cast<Cf>(static_cast<uint8_t>(k[0])));
    rocksdb::Slice key(k.data() + 1, k.size() - 1);
    rocksdb::Status s = w->state == Write::State::kPut ? batch->Put(handle, key, ToSlice(w->value))
                                                       : batch->Delete(handle, key);
    if (!s.ok()) return FromRocks(s);
  }
  return Status::Ok();
}

// With no IndexWrites ever, unindexed_ holds every live write once, per
// family, in the order first written. Writes often come in runs already in
// key order (rows by a growing primary key, index entries by a growing
// column) interleaved with other runs, one per table or index id (the
// first kRunPrefix bytes of a key: cf byte and INT(id)). So the writes are
// split by that prefix, keeping their order; only a run out of order is
// sorted, and the runs are put in prefix order. Many prefixes (key-value
// keys, where the prefix means nothing) sort everything at once instead.
std::vector<Transaction::KeyedWrite> Transaction::WritesInKeyOrder() const {
  constexpr size_t kRunPrefix = 1 + kIdRunLength;
  constexpr size_t kMaxRuns = 32;
  auto less = [](const KeyedWrite& a, const KeyedWrite& b) { return a.first < b.first; };
  std::vector<KeyedWrite> out;
  out.reserve(writes_.size());
  for (const auto& list : unindexed_) {
    for (const WriteEntry* e : list) {
      if (e->second.state != Write::State::kNone) out.emplace_back(e->first.bytes, &e->second);
    }
  }
  if (out.size() < kSortedCommitMinRecords || std::is_sorted(out.begin(), out.end(), less)) {
    return out;
  }
  std::vector<std::pair<std::string_view, std::vector<KeyedWrite>>> runs;
  for (const KeyedWrite& w : out) {
    std::string_view prefix = w.first.substr(0, kRunPrefix);
    auto run = std::find_if(runs.begin(), runs.end(),
                            [&](const auto& r) { return r.first == prefix; });
    if (run == runs.end()) {
      if (runs.size() == kMaxRuns) {
        std::sort(out.begin(), out.end(), less);
        return out;
      }
      run = runs.insert(runs.end(), {prefix, {}});
    }
    run->second.push_back(w);
  }
  std::sort(runs.begin(), runs.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  out.clear();
  for (auto& [prefix, run] : runs) {
    if (!std::is_sorted(run.begin(), run.end(), less)) std::sort(run.begin(), run.end(), less);
    out.insert(out.end(), run.begin(), run.end());
  }
  return out;
}

// The indexed batch's records rewritten in key order per family, one per
// key (the last write wins, as the index already says). Only when all are
// puts and deletes; otherwise the batch stays as written.
void Transaction::SortBatchForCommit() {
  rocksdb::WriteBatchWithIndex* wbwi = txn_->GetWriteBatch();
  if (wbwi->GetWriteBatch()->Count() < kSortedCommitMinRecords) return;
  rocksdb::WriteBatch sorted(wbwi->GetWriteBatch()->GetDataSize());
  for (size_t c = 0; c < kNumCfs; ++c) {
    rocksdb::ColumnFamilyHandle* cf = engine_->internals().cf(static_cast<Cf>(c));
    std::unique_ptr<rocksdb::WBWIIterator> it(wbwi->NewIterator(cf));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const rocksdb::WriteEntry e = it->Entry();
      rocksdb::Status s;
      if (e.type == rocksdb::kPutRecord) {
        s = sorted.Put(cf, e.key, e.value);
      } else if (e.type == rocksdb::kDeleteRecord) {
        s = sorted.Delete(cf, e.key);
      } else {
        return;
      }
      if (!s.ok() || !it->status().ok()) return;
    }
  }
  *wbwi->GetWriteBatch() = std::move(sorted);
}

Status Transaction::Commit() {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  // After this the index no longer matches the batch: the transaction ends
  // here whether or not the commit succeeds.
  finished_ = true;
  Status s = WriteSetToBatch();
  {
    // Cached reads of the keys written stop counting before the writes
    // become visible (read_cache.h).
    ReadCache::Writes marks(&engine_->read_cache());
    if (s.ok() && cached_writes_) {
      for (const auto& [k, w] : writes_) {
        if (w.state != Write::State::kNone) {
          marks.Begin(static_cast<Cf>(static_cast<uint8_t>(k.bytes[0])), k.bytes.substr(1));
        }
      }
    }
    if (s.ok()) s = FromRocks(txn_->Commit());
  }
  if (!s.ok()) {
    // A failed commit leaves nothing behind: undo what was buffered.
    txn_->Rollback().PermitUncheckedError();
    return s;
  }
  return engine_->AfterCommit();
}

Status Transaction::Rollback() {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  finished_ = true;
  return FromRocks(txn_->Rollback());
}

}  // namespace tetradb
