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

}  // namespace

struct RelTxn::ReusableIterator {
  Cf cf;
  std::string prefix;
  uint64_t generation = 0;
  std::unique_ptr<Iterator> it;  // over every key starting with prefix
  // When positioned: the iterator is at the first key >= floor (invalid,
  // with an OK status, when there is none).
  bool positioned = false;
  std::string floor;
};

namespace {

using Reusable = RelTxn::ReusableIterator;
constexpr int kMaxSteps = 3;  // Next()s tried before a Seek
constexpr size_t kMaxReusableIterators = 8;

// Moves a reusable iterator to the first key >= target: from where it
// stands when that is at most a few steps forward, else by a Seek.
void PlaceAt(Reusable& r, std::string_view target) {
  Iterator& it = *r.it;
  if (r.positioned && target >= r.floor && it.status().ok()) {
    for (int step = 0;; ++step) {
      if (!it.Valid() || it.key() >= target) return;
      if (step == kMaxSteps) break;
      it.Next();
    }
  }
  it.Seek(target);
}

// Walks an engine iterator in either direction, within `range`. The
// engine's bounds do not hold for the transaction's own uncommitted writes
// (RocksDB's write-batch iterator passes them through), so the walk checks
// every key against the range itself.
//
// With an `owner`, the iterator is one of its reusable ones (forward walks
// only): the walk starts from where the iterator stands when it can, and
// hands it back, with its new position, when done.
class Walker {
 public:
  Walker(RelTxn* owner, std::unique_ptr<Reusable> it, bool reverse, KeyRange range)
      : owner_(owner), r_(std::move(it)), reverse_(reverse), range_(std::move(range)) {}
  Walker(std::unique_ptr<Iterator> it, bool reverse, KeyRange range)
      : r_(std::make_unique<Reusable>()), reverse_(reverse), range_(std::move(range)) {
    r_->it = std::move(it);
  }
  ~Walker() {
    if (owner_ == nullptr) return;
    Iterator& it = *r_->it;
    if (!it.status().ok()) {
      r_->positioned = false;
    } else if (done_) {
      // Forward and past the range: at the first key >= upper (the keys
      // between the last one returned and the current one do not exist),
      // or >= lower when an empty range returned none.
      const std::string& floor = std::max(range_.lower, range_.upper);
      r_->positioned = !range_.upper.empty() && (!it.Valid() || it.key() >= floor);
      r_->floor = floor;
    } else if (started_) {
      r_->positioned = it.Valid();
      if (it.Valid()) r_->floor.assign(it.key());
    }
    owner_->ReturnIterator(std::move(r_));
  }

  // Moves to the next entry; false at the end (check status()).
  bool Advance() {
    if (done_) return false;
    if (!started_) {
      started_ = true;
      if (reverse_) {
        it().SeekToLast();
      } else if (owner_ != nullptr) {
        PlaceAt(*r_, range_.lower);
      } else {
        it().SeekToFirst();
      }
    } else {
      Step();
    }
    while (it().Valid()) {
      std::string_view key = it().key();
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
  Iterator& it() { return *r_->it; }

 private:
  void Step() {
    if (reverse_)
      it().Prev();
    else
      it().Next();
  }

  RelTxn* owner_ = nullptr;
  std::unique_ptr<Reusable> r_;
  bool reverse_;
  KeyRange range_;
  bool started_ = false;
  bool done_ = false;
};

class PkCursor : public RowCursor {
 public:
  PkCursor(RelTxn* rtxn, const TableDef& table, std::unique_ptr<Walker> walk, LockMode lock)
      : rtxn_(rtxn), txn_(rtxn->engine_txn()), table_(table), walk_(std::move(walk)), lock_(lock) {}

  SqlResult<bool> Next() override {
    while (walk_->Advance()) {
      if (lock_ == LockMode::kNone) {
        TETRADB_SQL_RETURN_IF_ERROR(
            DecodeStoredRow(table_, walk_->it().key(), walk_->it().value(), &row_));
        return true;
      }
      // Locking read: lock the key, then read the row as it is now.
      std::string key(walk_->it().key());
      std::string value;
      Status s = txn_->GetForUpdate(Cf::kRows, key, &value);
      if (s.IsNotFound()) continue;  // deleted since the iterator saw it
      if (!s.ok()) return FromEngine(s);
      TETRADB_SQL_RETURN_IF_ERROR(DecodeStoredRow(table_, key, value, &row_));
      return true;
    }
    if (!walk_->it().status().ok()) return FromEngine(walk_->it().status());
    return false;
  }
  const Row& row() const override { return row_; }

 private:
  RelTxn* rtxn_;
  Transaction* txn_;
  const TableDef& table_;
  std::unique_ptr<Walker> walk_;
  LockMode lock_;
  Row row_;
};

class IndexCursor : public RowCursor {
 public:
  IndexCursor(RelTxn* rtxn, const TableDef& table, const IndexDef& index,
              std::unique_ptr<Walker> walk, LockMode lock, bool index_only)
      : rtxn_(rtxn),
        txn_(rtxn->engine_txn()),
        table_(table),
        index_(index),
        walk_(std::move(walk)),
        lock_(lock),
        index_only_(index_only && lock == LockMode::kNone && !table.HasHiddenPrimaryKey()) {}
  ~IndexCursor() override {
    if (rows_ != nullptr) rtxn_->ReturnIterator(std::move(rows_));
  }

  SqlResult<bool> Next() override {
    if (lock_ == LockMode::kForUpdate) return NextLocked();
    // Once the transaction writes the table, an entry may be stale against
    // its own writes (see Current): the rows are read from then on.
    if (index_only_ && pos_ == size_ && !rtxn_->Wrote(table_.id)) return NextFromEntry();
    // Plain reads fetch the rows of a few index entries at a time, in row
    // key order (see Fill).
    while (true) {
      if (pos_ == size_) {
        TETRADB_SQL_RETURN_IF_ERROR(Fill());
        if (size_ == 0) return false;
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

  // Decodes the row of an index entry into row_: false when the row's
  // current entry is not this one.
  //
  // A locking read finds the row as it is now, which may have been deleted
  // or moved in the index since the entry was read. A snapshot read sees
  // the snapshot's entries merged with this transaction's own writes, so an
  // entry this transaction replaced can still show, pointing at the row's
  // new version (or at none). Either way the row counts only where its
  // current entry is.
  //
  // A snapshot read of a table this transaction has not written sees the
  // snapshot alone, where every entry is its row's current one.
  SqlResult<bool> Current(std::string_view row_key, std::string_view value,
                          std::string_view entry_key) {
    TETRADB_SQL_RETURN_IF_ERROR(DecodeStoredRow(table_, row_key, value, &row_));
    if (lock_ == LockMode::kNone && !rtxn_->Wrote(table_.id)) return true;
    TETRADB_SQL_ASSIGN_OR_RETURN(IndexEntry now, IndexEntryOf(table_, index_, row_));
    return now.key == entry_key;
  }

  // The row of the next index entry, from the entry alone: its index
  // columns from the key, its primary key from the key's tail (or, for a
  // unique index, the value).
  SqlResult<bool> NextFromEntry() {
    if (exhausted_ || !walk_->Advance()) {
      exhausted_ = true;
      if (!walk_->it().status().ok()) return FromEngine(walk_->it().status());
      return false;
    }
    const std::string_view key = walk_->it().key();
    row_.assign(table_.columns.size(), Value::Null());
    KeyDecoder in(key);
    int64_t index_id;
    if (!in.ReadInt(&index_id).ok()) return err::Unknown("corrupt index entry");
    for (uint32_t c : index_.columns) {
      TETRADB_SQL_RETURN_IF_ERROR(ReadKeyValue(table_.columns[c].type, &in, &row_[c]));
    }
    // The primary key follows in the key, or is the value (a unique index's
    // entry without NULLs).
    KeyDecoder pk(in.done() ? walk_->it().value() : in.remaining());
    for (uint32_t c : table_.primary_key) {
      TETRADB_SQL_RETURN_IF_ERROR(ReadKeyValue(table_.columns[c].type, &pk, &row_[c]));
    }
    return true;
  }

  SqlResult<bool> NextLocked() {
    while (walk_->Advance()) {
      std::string pk;
      TETRADB_SQL_RETURN_IF_ERROR(
          PkOfIndexEntry(index_, walk_->it().key(), walk_->it().value(), &pk));
      std::string row_key = RowKeyPrefix(table_.id) + pk;
      std::string entry_key(walk_->it().key());
      std::string value;
      Status s = txn_->GetForUpdate(Cf::kRows, row_key, &value);
      if (s.IsNotFound()) continue;
      if (!s.ok()) return FromEngine(s);
      TETRADB_SQL_ASSIGN_OR_RETURN(bool current, Current(row_key, value, entry_key));
      if (current) return true;
    }
    if (!walk_->it().status().ok()) return FromEngine(walk_->it().status());
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
    size_ = 0;  // entries past it keep their strings' buffers for reuse
    pos_ = 0;
    if (prefix_.empty()) prefix_ = RowKeyPrefix(table_.id);
    const size_t want = batch_limit_;
    batch_limit_ = std::min(kMaxBatch, batch_limit_ * 2);
    while (size_ < want && !exhausted_) {
      if (!walk_->Advance()) {
        exhausted_ = true;  // an iterator past its end must not move again
        break;
      }
      TETRADB_SQL_RETURN_IF_ERROR(
          PkOfIndexEntry(index_, walk_->it().key(), walk_->it().value(), &pk_));
      if (size_ == batch_.size()) batch_.emplace_back();
      Entry& e = batch_[size_++];
      e.found = false;
      e.entry_key.assign(walk_->it().key());
      e.row_key.assign(prefix_);
      e.row_key += pk_;
    }
    if (!walk_->it().status().ok()) return FromEngine(walk_->it().status());
    order_.resize(size_);
    for (size_t i = 0; i < order_.size(); ++i) order_[i] = i;
    std::sort(order_.begin(), order_.end(),
              [&](size_t a, size_t b) { return batch_[a].row_key < batch_[b].row_key; });
    if (size_ == 1 || point_reads_ || !Clustered()) {
      // In key order: consecutive searches share the upper levels of the
      // tree (and its cache lines).
      keys_.clear();
      for (size_t i : order_) keys_.push_back(batch_[i].row_key);
      Status s = txn_->MultiGet(Cf::kRows, keys_, &values_, &statuses_);
      if (!s.ok()) return FromEngine(s);
      for (size_t j = 0; j < order_.size(); ++j) {
        Entry& e = batch_[order_[j]];
        if (statuses_[j].IsNotFound()) continue;
        if (!statuses_[j].ok()) return FromEngine(statuses_[j]);
        e.value.swap(values_[j]);
        e.found = true;
      }
      return SqlStatus::Ok();
    }
    if (rows_ == nullptr) rows_ = rtxn_->TakeIterator(static_cast<uint8_t>(Cf::kRows), prefix_);
    Iterator& rows = *rows_->it;
    size_t seeks = 0;
    for (size_t i : order_) {
      Entry& e = batch_[i];
      const std::string& target = e.row_key;
      // The iterator is at the first key >= rows_->floor; from there it can
      // only move forward.
      if (rows_->positioned && target < rows_->floor) rows_->positioned = false;
      bool placed = rows_->positioned && (!rows.Valid() || rows.key() >= target);
      for (int step = 0; !placed && rows_->positioned && step < kMaxSteps; ++step) {
        rows.Next();
        placed = !rows.Valid() || rows.key() >= target;
      }
      if (!placed) {
              rows.Seek(target);
        ++seeks;
      }
      rows_->positioned = rows.status().ok();
      rows_->floor = target;
      if (!rows.status().ok()) return FromEngine(rows.status());
      if (rows.Valid() && rows.key() == target) {
        e.value.assign(rows.value());
        e.found = true;
      }
    }
    // Scattered rows: a Seek costs more than a point read (no bloom filter).
    if (seeks * 2 > size_) point_reads_ = true;
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

  RelTxn* rtxn_;
  Transaction* txn_;
  const TableDef& table_;
  const IndexDef& index_;
  std::unique_ptr<Walker> walk_;
  LockMode lock_;
  Row row_;
  // Plain reads: the current batch, the rows iterator and how to fetch.
  std::string prefix_;
  std::vector<Entry> batch_;  // the current batch: its first size_ entries
  size_t size_ = 0;
  std::string pk_;
  std::vector<size_t> order_;
  std::vector<std::string_view> keys_;  // MultiGet's arguments and results
  std::vector<std::string> values_;
  std::vector<Status> statuses_;
  size_t pos_ = 0;
  size_t batch_limit_ = 4;
  std::unique_ptr<RelTxn::ReusableIterator> rows_;  // the transaction's, handed back at the end
  bool point_reads_ = false;
  bool exhausted_ = false;  // the index walk reached its end
  const bool index_only_;  // rows from the entries alone (NextFromEntry)
};

// The walk of a scan: plain forward scans reuse the transaction's iterator
// over the whole table or index (`prefix`).
std::unique_ptr<Walker> NewWalker(RelTxn* rtxn, Cf cf, const std::string& prefix, KeyRange range,
                                  LockMode lock, bool reverse) {
  Transaction* txn = rtxn->engine_txn();
  if (lock == LockMode::kForUpdate) {
    return std::make_unique<Walker>(txn->NewLatestIterator(cf, range), reverse, std::move(range));
  }
  if (reverse) {
    return std::make_unique<Walker>(txn->NewIterator(cf, range), reverse, std::move(range));
  }
  return std::make_unique<Walker>(rtxn, rtxn->TakeIterator(static_cast<uint8_t>(cf), prefix),
                                  false, std::move(range));
}

}  // namespace

RelTxn::RelTxn(Database* db, std::unique_ptr<Transaction> txn) : db_(db), txn_(std::move(txn)) {}

RelTxn::~RelTxn() { Rollback(); }

SqlResult<bool> RelTxn::GetByPk(const TableDef& table, const std::vector<Value>& pk, LockMode lock,
                                Row* out) {
  NoteUse(table.id);
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
  NoteUse(table.id);
  TETRADB_SQL_ASSIGN_OR_RETURN(KeyRange range,
                               RangeOf(table, nullptr, RowKeyPrefix(table.id), bounds));
  auto walk = NewWalker(this, Cf::kRows, RowKeyPrefix(table.id), std::move(range), lock, reverse);
  return std::unique_ptr<RowCursor>(
      std::make_unique<PkCursor>(this, table, std::move(walk), lock));
}

SqlResult<std::unique_ptr<RowCursor>> RelTxn::ScanIndex(const TableDef& table,
                                                        const IndexDef& index,
                                                        const KeyBounds& bounds, LockMode lock,
                                                        bool reverse, bool index_only) {
  NoteUse(table.id);
  TETRADB_SQL_ASSIGN_OR_RETURN(KeyRange range,
                               RangeOf(table, &index.columns, IndexKeyPrefix(index.id), bounds));
  auto walk =
      NewWalker(this, Cf::kRowIndex, IndexKeyPrefix(index.id), std::move(range), lock, reverse);
  return std::unique_ptr<RowCursor>(
      std::make_unique<IndexCursor>(this, table, index, std::move(walk), lock, index_only));
}

std::unique_ptr<RelTxn::ReusableIterator> RelTxn::TakeIterator(uint8_t cf,
                                                               const std::string& prefix) {
  for (size_t i = iterators_.size(); i-- > 0;) {
    if (static_cast<uint8_t>(iterators_[i]->cf) != cf || iterators_[i]->prefix != prefix) continue;
    std::unique_ptr<ReusableIterator> r = std::move(iterators_[i]);
    iterators_.erase(iterators_.begin() + static_cast<ptrdiff_t>(i));
    return r;
  }
  auto r = std::make_unique<ReusableIterator>();
  r->cf = static_cast<Cf>(cf);
  r->prefix = prefix;
  r->generation = iterator_generation_;
  r->it = txn_->NewIterator(r->cf, KeyRange::Prefix(prefix));
  return r;
}

void RelTxn::ReturnIterator(std::unique_ptr<ReusableIterator> it) {
  if (finished_ || it->generation != iterator_generation_ || !it->it->status().ok()) return;
  if (iterators_.size() >= kMaxReusableIterators) iterators_.erase(iterators_.begin());
  iterators_.push_back(std::move(it));
}

void RelTxn::DropIterators() {
  ++iterator_generation_;
  iterators_.clear();
}

// Each write runs in its own savepoint: a failure (constraint, lock wait,
// deadlock) undoes everything it did, cascades included.
#define TETRADB_REL_ATOMIC(call)                 \
  do {                                           \
    DropIterators();                             \
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
  DropIterators();
  Status s = txn_->RollbackToSavePoint();
  return s.ok() ? SqlStatus::Ok() : SqlStatus(FromEngine(s));
}

SqlStatus RelTxn::PopSavePoint() {
  Status s = txn_->PopSavePoint();
  return s.ok() ? SqlStatus::Ok() : SqlStatus(FromEngine(s));
}

SqlStatus RelTxn::Commit() {
  if (finished_) return err::Unknown("transaction already finished");
  DropIterators();
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
  DropIterators();
  txn_->Rollback().IgnoreError();
  Finish();
}

void RelTxn::NoteWrite(uint32_t table_id) {
  NoteUse(table_id);
  written_tables_.insert(table_id);
}

void RelTxn::NoteUse(uint32_t table_id) {
  if (used_tables_.insert(table_id).second) db_->AddUser(table_id);
}

void RelTxn::Finish() {
  finished_ = true;
  for (uint32_t id : used_tables_) db_->RemoveUser(id);
  used_tables_.clear();
  written_tables_.clear();
}

}  // namespace tetradb::rel
