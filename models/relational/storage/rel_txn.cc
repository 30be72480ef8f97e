// RelTxn: reads (point, primary key and index range cursors), statement
// savepoints and the transaction's end. Writes are in table_writer.cc.

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

// Walks an engine iterator in either direction.
class Walker {
 public:
  Walker(std::unique_ptr<Iterator> it, bool reverse) : it_(std::move(it)), reverse_(reverse) {}
  // Moves to the next entry; false at the end (check status()).
  bool Advance() {
    if (!started_) {
      started_ = true;
      if (reverse_)
        it_->SeekToLast();
      else
        it_->SeekToFirst();
    } else {
      if (reverse_)
        it_->Prev();
      else
        it_->Next();
    }
    return it_->Valid();
  }
  Iterator& it() { return *it_; }

 private:
  std::unique_ptr<Iterator> it_;
  bool reverse_;
  bool started_ = false;
};

class PkCursor : public RowCursor {
 public:
  PkCursor(Transaction* txn, const TableDef& table, std::unique_ptr<Iterator> it, bool reverse,
           LockMode lock)
      : txn_(txn), table_(table), walk_(std::move(it), reverse), lock_(lock) {}

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
              std::unique_ptr<Iterator> it, bool reverse, LockMode lock)
      : txn_(txn), table_(table), index_(index), walk_(std::move(it), reverse), lock_(lock) {}

  SqlResult<bool> Next() override {
    while (walk_.Advance()) {
      std::string pk;
      TETRADB_SQL_RETURN_IF_ERROR(
          PkOfIndexEntry(index_, walk_.it().key(), walk_.it().value(), &pk));
      std::string row_key = RowKeyPrefix(table_.id) + pk;
      std::string entry_key(walk_.it().key());
      std::string value;
      Status s = lock_ == LockMode::kForUpdate ? txn_->GetForUpdate(Cf::kRows, row_key, &value)
                                               : txn_->Get(Cf::kRows, row_key, &value);
      // A locking read finds the row as it is now, which may have been
      // deleted or moved in the index since the entry was read. A snapshot
      // read sees the snapshot's entries merged with this transaction's own
      // writes, so an entry this transaction replaced can still show,
      // pointing at the row's new version (or at none). Either way the row
      // counts only where its current entry is.
      if (s.IsNotFound()) continue;
      if (!s.ok()) return FromEngine(s);
      TETRADB_SQL_RETURN_IF_ERROR(DecodeStoredRow(table_, row_key, value, &row_));
      TETRADB_SQL_ASSIGN_OR_RETURN(IndexEntry now, IndexEntryOf(table_, index_, row_));
      if (now.key != entry_key) continue;
      return true;
    }
    if (!walk_.it().status().ok()) return FromEngine(walk_.it().status());
    return false;
  }
  const Row& row() const override { return row_; }

 private:
  Transaction* txn_;
  const TableDef& table_;
  const IndexDef& index_;
  Walker walk_;
  LockMode lock_;
  Row row_;
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
  auto it = lock == LockMode::kForUpdate ? txn_->NewLatestIterator(Cf::kRows, std::move(range))
                                         : txn_->NewIterator(Cf::kRows, std::move(range));
  return std::unique_ptr<RowCursor>(
      std::make_unique<PkCursor>(txn_.get(), table, std::move(it), reverse, lock));
}

SqlResult<std::unique_ptr<RowCursor>> RelTxn::ScanIndex(const TableDef& table,
                                                        const IndexDef& index,
                                                        const KeyBounds& bounds, LockMode lock,
                                                        bool reverse) {
  TETRADB_SQL_ASSIGN_OR_RETURN(KeyRange range,
                               RangeOf(table, &index.columns, IndexKeyPrefix(index.id), bounds));
  auto it = lock == LockMode::kForUpdate ? txn_->NewLatestIterator(Cf::kRowIndex, std::move(range))
                                         : txn_->NewIterator(Cf::kRowIndex, std::move(range));
  return std::unique_ptr<RowCursor>(
      std::make_unique<IndexCursor>(txn_.get(), table, index, std::move(it), reverse, lock));
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
