// RelTxn: reads (point, primary key and index range cursors), statement
// savepoints and the transaction's end. Writes are in table_writer.cc.

#include <algorithm>

#include "engine/engine.h"
#include "models/relational/storage/database.h"
#include "models/relational/storage/row_codec.h"
#include "models/relational/storage/row_keys.h"
#include "models/relational/storage/storage_util.h"
#include "models/relational/storage/table_writer.h"

namespace tetradb::rel {
namespace {

SqlError NotConvertible() {
  return err::Unknown("Key value cannot be converted to the key column's type");
}

// The engine range of keys `prefix` + key values within `bounds` (bounds
// are prefixes of the key columns: an inclusive upper bound takes every key
// that starts with it, an exclusive lower bound skips them).
SqlResult<KeyRange> RangeOf(const TableDef& table, const std::vector<uint32_t>* index_columns,
                            const std::string& prefix, const KeyBounds& bounds) {
  auto encode = [&](const std::vector<Value>& values, std::string* out) -> SqlResult<bool> {
    if (index_columns) return AppendValues(table, *index_columns, values, out);
    return AppendPkValues(table, values, out);
  };
  KeyRange range;
  range.lower = prefix;
  if (!bounds.lower.empty()) {
    TETRADB_SQL_ASSIGN_OR_RETURN(bool ok, encode(bounds.lower, &range.lower));
    if (!ok) return NotConvertible();
    if (!bounds.lower_inclusive) range.lower = PrefixSuccessor(range.lower);
  }
  if (bounds.upper.empty()) {
    range.upper = PrefixSuccessor(prefix);
  } else {
    range.upper = prefix;
    TETRADB_SQL_ASSIGN_OR_RETURN(bool ok, encode(bounds.upper, &range.upper));
    if (!ok) return NotConvertible();
    if (bounds.upper_inclusive) range.upper = PrefixSuccessor(range.upper);
  }
  return range;
}

// Walks an engine iterator in either direction, within `range`. The
// engine's bounds do not hold for the transaction's own uncommitted writes
// (RocksDB's write-batch iterator passes them through), so the walk checks
// every key against the range itself.
class Walker {
 public:
  Walker(std::unique_ptr<Iterator> it, bool reverse, KeyRange range)
      : it_(std::move(it)), reverse_(reverse), range_(std::move(range)) {}
  // Moves to the next entry; false at the end (check status()).
  bool Advance() {
    if (done_) return false;
    if (!started_) {
      started_ = true;
      if (reverse_)
        it_->SeekToLast();
      else
        it_->SeekToFirst();
    } else {
      Step();
    }
    while (it_->Valid()) {
      std::string_view key = it_->key();
      const bool above = !range_.upper.empty() && key >= range_.upper;
      const bool below = key < range_.lower;
      if (!above && !below) return true;
      // Forward: past the upper bound everything else is too. Reverse: keys
      // above the range come first (skip them), below it is the end.
      if (!reverse_ || below) break;
      Step();
    }
    done_ = true;
    return false;
  }
  Iterator& it() { return *it_; }

 private:
  void Step() {
    if (reverse_)
      it_->Prev();
    else
      it_->Next();
  }

  std::unique_ptr<Iterator> it_;
  bool reverse_;
  KeyRange range_;
  bool started_ = false;
  bool done_ = false;
};

class PkCursor : public RowCursor {
 public:
  PkCursor(Transaction* txn, const TableDef& table, std::unique_ptr<Iterator> it, bool reverse,
           LockMode lock, KeyRange range)
      : txn_(txn), table_(table), walk_(std::move(it), reverse, std::move(range)), lock_(lock) {}

  SqlResult<bool> Next() override {
    while (walk_.Advance()) {
      if (lock_ == LockMode::kNone) {
        TETRADB_SQL_RETURN_IF_ERROR(
            DecodeStoredRow(table_, walk_.it().key(), walk_.it().value(), &row_));
        return true;
      }
      // Locking read: lock the key, then read the row as it is now.
      std::string key(walk_.it().key());
      std::string value;
      Status s = txn_->GetForUpdate(Cf::kRows, key, &value);
      if (s.IsNotFound()) continue;  // deleted since the iterator saw it
      if (!s.ok()) return FromEngine(s);
      TETRADB_SQL_RETURN_IF_ERROR(DecodeStoredRow(table_, key, value, &row_));
      return true;
    }
    if (!walk_.it().status().ok()) return FromEngine(walk_.it().status());
    return false;
  }
  const Row& row() const override { return row_; }

 private:
  Transaction* txn_;
  const TableDef& table_;
  Walker walk_;
  LockMode lock_;
  Row row_;
};

class IndexCursor : public RowCursor {
 public:
  IndexCursor(Transaction* txn, const TableDef& table, const IndexDef& index,
              std::unique_ptr<Iterator> it, bool reverse, LockMode lock, KeyRange range)
      : txn_(txn),
        table_(table),
        index_(index),
        walk_(std::move(it), reverse, std::move(range)),
        lock_(lock) {}

  SqlResult<bool> Next() override {
    if (lock_ == LockMode::kForUpdate) return NextLocked();
    // Plain reads fetch the rows of a few index entries at a time, in row
    // key order (see Fill).
    while (true) {
      if (pos_ == batch_.size()) {
        TETRADB_SQL_RETURN_IF_ERROR(Fill());
        if (batch_.empty()) return false;
      }
      Entry& e = batch_[pos_++];
      if (!e.found) continue;
      TETRADB_SQL_ASSIGN_OR_RETURN(bool current, Current(e.row_key, e.value, e.entry_key));
      if (current) return true;
    }
  }
  const Row& row() const override { return row_; }

 private:
  struct Entry {
    std::string entry_key, row_key, value;
    bool found = false;
  };
  static constexpr size_t kMaxBatch = 64;
  static constexpr int kMaxSteps = 3;  // Next()s tried before a Seek

  // Decodes the row of an index entry into row_: false when the row's
  // current entry is not this one.
  //
  // A locking read finds the row as it is now, which may have been deleted
  // or moved in the index since the entry was read. A snapshot read sees
  // the snapshot's entries merged with this transaction's own writes, so an
  // entry this transaction replaced can still show, pointing at the row's
  // new version (or at none). Either way the row counts only where its
  // current entry is.
  SqlResult<bool> Current(std::string_view row_key, std::string_view value,
                          std::string_view entry_key) {
    TETRADB_SQL_RETURN_IF_ERROR(DecodeStoredRow(table_, row_key, value, &row_));
    TETRADB_SQL_ASSIGN_OR_RETURN(IndexEntry now, IndexEntryOf(table_, index_, row_));
    return now.key == entry_key;
  }

  SqlResult<bool> NextLocked() {
    while (walk_.Advance()) {
      std::string pk;
      TETRADB_SQL_RETURN_IF_ERROR(
          PkOfIndexEntry(index_, walk_.it().key(), walk_.it().value(), &pk));
      std::string row_key = RowKeyPrefix(table_.id) + pk;
      std::string entry_key(walk_.it().key());
      std::string value;
      Status s = txn_->GetForUpdate(Cf::kRows, row_key, &value);
      if (s.IsNotFound()) continue;
      if (!s.ok()) return FromEngine(s);
      TETRADB_SQL_ASSIGN_OR_RETURN(bool current, Current(row_key, value, entry_key));
      if (current) return true;
    }
    if (!walk_.it().status().ok()) return FromEngine(walk_.it().status());
    return false;
  }

  // Reads the next index entries (a batch that doubles up to kMaxBatch, so a
  // LIMIT 1 reads little) and their rows. Rows of neighbouring entries are
  // often neighbours too (a child table's rows by parent): walking one rows
  // iterator in key order then costs a Next() where a point read would
  // search the whole tree again. Batches whose rows are not neighbours
  // (Clustered) use point reads, in key order; when the iterator turns out
  // to need a Seek for most rows anyway, the cursor keeps to point reads.
  SqlStatus Fill() {
    batch_.clear();
    pos_ = 0;
    if (prefix_.empty()) prefix_ = RowKeyPrefix(table_.id);
    const size_t want = batch_limit_;
    batch_limit_ = std::min(kMaxBatch, batch_limit_ * 2);
    while (batch_.size() < want && !exhausted_) {
      if (!walk_.Advance()) {
        exhausted_ = true;  // an iterator past its end must not move again
        break;
      }
      Entry e;
      std::string pk;
      TETRADB_SQL_RETURN_IF_ERROR(
          PkOfIndexEntry(index_, walk_.it().key(), walk_.it().value(), &pk));
      e.entry_key.assign(walk_.it().key());
      e.row_key = prefix_ + pk;
      batch_.push_back(std::move(e));
    }
    if (!walk_.it().status().ok()) return FromEngine(walk_.it().status());
    order_.resize(batch_.size());
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    std::sort(order_.begin(), order_.end(),
              [&](size_t a, size_t b) { return batch_[a].row_key < batch_[b].row_key; });
    if (batch_.size() == 1 || point_reads_ || !Clustered()) {
      // In key order: consecutive searches share the upper levels of the
      // tree (and its cache lines).
      for (size_t i : order_) {
        Entry& e = batch_[i];
        Status s = txn_->Get(Cf::kRows, e.row_key, &e.value);
        if (s.IsNotFound()) continue;
        if (!s.ok()) return FromEngine(s);
        e.found = true;
      }
      return SqlStatus::Ok();
    }
    if (rows_ == nullptr) {
      rows_ = txn_->NewIterator(Cf::kRows, KeyRange::Prefix(prefix_));
      positioned_ = false;
    }
    size_t seeks = 0;
    for (size_t i : order_) {
      Entry& e = batch_[i];
      const std::string& target = e.row_key;
      // The iterator is at the first key >= last_target_; from there it can
      // only move forward.
      if (positioned_ && target < last_target_) positioned_ = false;
      bool placed = positioned_ && (!rows_->Valid() || rows_->key() >= target);
      for (int step = 0; !placed && positioned_ && step < kMaxSteps; ++step) {
        rows_->Next();
        placed = !rows_->Valid() || rows_->key() >= target;
      }
      if (!placed) {
        rows_->Seek(target);
        positioned_ = true;
        ++seeks;
      }
      last_target_ = target;
      if (!rows_->status().ok()) return FromEngine(rows_->status());
      if (rows_->Valid() && rows_->key() == target) {
        e.value.assign(rows_->value());
        e.found = true;
      }
    }
    // Scattered rows: a Seek costs more than a point read (no bloom filter).
    if (seeks * 2 > batch_.size()) point_reads_ = true;
    return SqlStatus::Ok();
  }

  // Whether most rows of the batch are key neighbours: sorted row keys that
  // differ only in their last byte (consecutive integer keys do). Scattered
  // rows are cheaper by point reads (bloom filters; no iterator to build).
  // order_ holds the batch in row key order.
  bool Clustered() const {
    size_t close = 0;
    for (size_t i = 1; i < order_.size(); ++i) {
      const std::string_view a = batch_[order_[i - 1]].row_key, b = batch_[order_[i]].row_key;
      if (a.size() == b.size() && !a.empty() &&
          a.compare(0, a.size() - 1, b, 0, b.size() - 1) == 0) {
        ++close;
      }
    }
    return close * 2 >= order_.size() - 1;
  }

  Transaction* txn_;
  const TableDef& table_;
  const IndexDef& index_;
  Walker walk_;
  LockMode lock_;
  Row row_;
  // Plain reads: the current batch, the rows iterator and how to fetch.
  std::string prefix_;
  std::vector<Entry> batch_;
  std::vector<size_t> order_;
  size_t pos_ = 0;
  size_t batch_limit_ = 4;
  std::unique_ptr<Iterator> rows_;
  bool positioned_ = false;
  std::string last_target_;  // the rows iterator is at the first key >= it
  bool point_reads_ = false;
  bool exhausted_ = false;  // the index walk reached its end
};

}  // namespace

RelTxn::RelTxn(Database* db, std::unique_ptr<Transaction> txn) : db_(db), txn_(std::move(txn)) {}

RelTxn::~RelTxn() { Rollback(); }

SqlResult<bool> RelTxn::GetByPk(const TableDef& table, const std::vector<Value>& pk, LockMode lock,
                                Row* out) {
  const size_t key_size = table.HasHiddenPrimaryKey() ? 1 : table.primary_key.size();
  if (pk.size() != key_size) return err::Unknown("internal: incomplete primary key");
  std::string key = RowKeyPrefix(table.id);
  TETRADB_SQL_ASSIGN_OR_RETURN(bool ok, AppendPkValues(table, pk, &key));
  if (!ok) return NotConvertible();
  std::string value;
  Status s = lock == LockMode::kForUpdate ? txn_->GetForUpdate(Cf::kRows, key, &value)
                                          : txn_->Get(Cf::kRows, key, &value);
  if (s.IsNotFound()) return false;
  if (!s.ok()) return FromEngine(s);
  TETRADB_SQL_RETURN_IF_ERROR(DecodeStoredRow(table, key, value, out));
  return true;
}

SqlResult<std::unique_ptr<RowCursor>> RelTxn::ScanPk(const TableDef& table, const KeyBounds& bounds,
                                                     LockMode lock, bool reverse) {
  TETRADB_SQL_ASSIGN_OR_RETURN(KeyRange range,
                               RangeOf(table, nullptr, RowKeyPrefix(table.id), bounds));
  auto it = lock == LockMode::kForUpdate ? txn_->NewLatestIterator(Cf::kRows, range)
                                         : txn_->NewIterator(Cf::kRows, range);
  return std::unique_ptr<RowCursor>(std::make_unique<PkCursor>(txn_.get(), table, std::move(it),
                                                               reverse, lock, std::move(range)));
}

SqlResult<std::unique_ptr<RowCursor>> RelTxn::ScanIndex(const TableDef& table,
                                                        const IndexDef& index,
                                                        const KeyBounds& bounds, LockMode lock,
                                                        bool reverse) {
  TETRADB_SQL_ASSIGN_OR_RETURN(KeyRange range,
                               RangeOf(table, &index.columns, IndexKeyPrefix(index.id), bounds));
  auto it = lock == LockMode::kForUpdate ? txn_->NewLatestIterator(Cf::kRowIndex, range)
                                         : txn_->NewIterator(Cf::kRowIndex, range);
  return std::unique_ptr<RowCursor>(std::make_unique<IndexCursor>(
      txn_.get(), table, index, std::move(it), reverse, lock, std::move(range)));
}

// Each write runs in its own savepoint: a failure (constraint, lock wait,
// deadlock) undoes everything it did, cascades included.
#define TETRADB_REL_ATOMIC(call)                 \
  do {                                           \
    TETRADB_SQL_RETURN_IF_ERROR(SetSavePoint()); \
    SqlStatus _s = (call);                       \
    if (!_s.ok()) {                              \
      RollbackToSavePoint().ok();                \
      return _s;                                 \
    }                                            \
    return PopSavePoint();                       \
  } while (0)

SqlStatus RelTxn::Insert(const TableDef& table, Row* row) {
  TETRADB_REL_ATOMIC(TableWriter(this).Insert(table, row));
}

SqlStatus RelTxn::Update(const TableDef& table, const Row& old_row, const Row& new_row) {
  TETRADB_REL_ATOMIC(TableWriter(this).Update(table, old_row, new_row, 0));
}

SqlStatus RelTxn::Delete(const TableDef& table, const Row& row) {
  TETRADB_REL_ATOMIC(TableWriter(this).Delete(table, row, 0));
}

#undef TETRADB_REL_ATOMIC

SqlStatus RelTxn::SetSavePoint() {
  Status s = txn_->SetSavePoint();
  return s.ok() ? SqlStatus::Ok() : SqlStatus(FromEngine(s));
}

SqlStatus RelTxn::RollbackToSavePoint() {
  Status s = txn_->RollbackToSavePoint();
  return s.ok() ? SqlStatus::Ok() : SqlStatus(FromEngine(s));
}

SqlStatus RelTxn::PopSavePoint() {
  Status s = txn_->PopSavePoint();
  return s.ok() ? SqlStatus::Ok() : SqlStatus(FromEngine(s));
}

SqlStatus RelTxn::Commit() {
  if (finished_) return err::Unknown("transaction already finished");
  // Every write goes through TableWriter, which notes the table first: a
  // transaction that noted none only read (and perhaps locked). Ending it
  // with a rollback releases the same locks without writing an empty batch
  // to the WAL, which a commit would.
  if (written_tables_.empty()) {
    txn_->Rollback().IgnoreError();
    Finish();
    return SqlStatus::Ok();
  }
  Status s = txn_->Commit();
  Finish();
  return s.ok() ? SqlStatus::Ok() : SqlStatus(FromEngine(s));
}

void RelTxn::Rollback() {
  if (finished_) return;
  txn_->Rollback().IgnoreError();
  Finish();
}

void RelTxn::NoteWrite(uint32_t table_id) {
  if (written_tables_.insert(table_id).second) db_->AddWriter(table_id);
}

void RelTxn::Finish() {
  finished_ = true;
  for (uint32_t id : written_tables_) db_->RemoveWriter(id);
  written_tables_.clear();
}

}  // namespace tetradb::rel
