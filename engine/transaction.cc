#include "engine/transaction.h"

#include <rocksdb/utilities/transaction.h>
#include <rocksdb/utilities/write_batch_with_index.h>

#include "engine/engine.h"
#include "engine/rocks_internal.h"

namespace tetradb {
namespace {
rocksdb::Slice ToSlice(std::string_view s) { return {s.data(), s.size()}; }
}  // namespace

Transaction::Transaction(Engine* engine, std::unique_ptr<rocksdb::Transaction> txn,
                         bool consistent_reads)
    : engine_(engine), txn_(std::move(txn)), consistent_reads_(consistent_reads) {}

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

Status Transaction::Get(Cf cf, std::string_view key, std::string* value) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  rocksdb::ReadOptions ro;
  ro.snapshot = ReadSnapshot();
  return FromRocks(txn_->Get(ro, engine_->internals().cf(cf), ToSlice(key), value));
}

Status Transaction::MultiGet(Cf cf, const std::vector<std::string_view>& keys,
                             std::vector<std::string>* values, std::vector<Status>* statuses) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  const size_t n = keys.size();
  values->resize(n);
  statuses->resize(n);
  if (n == 0) return Status::Ok();
  rocksdb::ReadOptions ro;
  ro.snapshot = ReadSnapshot();
  std::vector<rocksdb::Slice> slices(n);
  for (size_t i = 0; i < n; ++i) slices[i] = ToSlice(keys[i]);
  std::vector<rocksdb::PinnableSlice> pinned(n);
  std::vector<rocksdb::Status> st(n);
  txn_->MultiGet(ro, engine_->internals().cf(cf), n, slices.data(), pinned.data(), st.data());
  for (size_t i = 0; i < n; ++i) {
    (*statuses)[i] = FromRocks(st[i]);
    if (st[i].ok()) (*values)[i].assign(pinned[i].data(), pinned[i].size());
  }
  return Status::Ok();
}

Status Transaction::GetForUpdate(Cf cf, std::string_view key, std::string* value) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  rocksdb::ReadOptions ro;
  ro.snapshot = txn_->GetSnapshot();
  return FromRocks(txn_->GetForUpdate(ro, engine_->internals().cf(cf), ToSlice(key), value));
}

Status Transaction::Put(Cf cf, std::string_view key, std::string_view value) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  return FromRocks(txn_->Put(engine_->internals().cf(cf), ToSlice(key), ToSlice(value)));
}

Status Transaction::Delete(Cf cf, std::string_view key) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  return FromRocks(txn_->Delete(engine_->internals().cf(cf), ToSlice(key)));
}

// Straight into the transaction's indexed write batch: RocksDB's Put would
// take the key's lock first (PutUntracked too, in a pessimistic transaction).
Status Transaction::PutUnlocked(Cf cf, std::string_view key, std::string_view value) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  return FromRocks(
      txn_->GetWriteBatch()->Put(engine_->internals().cf(cf), ToSlice(key), ToSlice(value)));
}

Status Transaction::DeleteUnlocked(Cf cf, std::string_view key) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  return FromRocks(txn_->GetWriteBatch()->Delete(engine_->internals().cf(cf), ToSlice(key)));
}

// The raw batch under the index: appended records are committed with the
// rest (as RocksDB's own DisableIndexing does) but never looked up.
Status Transaction::PutUnindexed(Cf cf, std::string_view key, std::string_view value) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  unindexed_writes_ = true;
  return FromRocks(txn_->GetWriteBatch()->GetWriteBatch()->Put(engine_->internals().cf(cf),
                                                               ToSlice(key), ToSlice(value)));
}

Status Transaction::DeleteUnindexed(Cf cf, std::string_view key) {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  unindexed_writes_ = true;
  return FromRocks(
      txn_->GetWriteBatch()->GetWriteBatch()->Delete(engine_->internals().cf(cf), ToSlice(key)));
}

std::unique_ptr<Iterator> Transaction::NewIterator(Cf cf, KeyRange range) {
  auto ro = std::make_unique<rocksdb::ReadOptions>();
  ro->snapshot = ReadSnapshot();
  auto it = std::make_unique<Iterator>(std::move(range), std::move(ro));
  it->Attach(std::unique_ptr<rocksdb::Iterator>(
      txn_->GetIterator(it->read_options(), engine_->internals().cf(cf))));
  return it;
}

std::unique_ptr<Iterator> Transaction::NewLatestIterator(Cf cf, KeyRange range) {
  auto ro = std::make_unique<rocksdb::ReadOptions>();
  auto it = std::make_unique<Iterator>(std::move(range), std::move(ro));
  it->Attach(std::unique_ptr<rocksdb::Iterator>(
      txn_->GetIterator(it->read_options(), engine_->internals().cf(cf))));
  return it;
}

Status Transaction::SetSavePoint() {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  txn_->SetSavePoint();
  return Status::Ok();
}

Status Transaction::RollbackToSavePoint() {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  return FromRocks(txn_->RollbackToSavePoint());
}

Status Transaction::PopSavePoint() {
  TETRADB_RETURN_IF_ERROR(CheckOpen());
  return FromRocks(txn_->PopSavePoint());
}

// The batch's records rewritten in key order per family, one per key (the
// last write wins, as the index already says). A memtable insert starts its
// search at the previous insert's position, so keys in order cost a few
// comparisons each where scattered keys search the whole skiplist. Only when
// every record is in the index (none written unindexed) and all are puts and
// deletes; otherwise the batch stays as written.
void Transaction::SortBatchForCommit() {
  rocksdb::WriteBatchWithIndex* wbwi = txn_->GetWriteBatch();
  if (unindexed_writes_ || wbwi->GetWriteBatch()->Count() < kSortedCommitMinRecords) return;
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
  SortBatchForCommit();
  Status s = FromRocks(txn_->Commit());
  finished_ = true;
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
