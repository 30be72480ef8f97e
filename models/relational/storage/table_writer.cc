#include "models/relational/storage/table_writer.h"

#include <fmt/format.h>

#include "engine/engine.h"
#include "engine/key_codec.h"
#include "models/relational/storage/row_codec.h"
#include "models/relational/storage/row_keys.h"
#include "models/relational/storage/storage_util.h"
#include "models/relational/types/column_type.h"

namespace tetradb::rel {
namespace {

SqlError CascadeTooDeep() {
  return SqlError{3008, "HY000", "Foreign key cascade delete/update exceeds max depth of 15."};
}

bool IsZeroNumber(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kInt:
      return v.int_value() == 0;
    case ValueKind::kUInt:
      return v.uint_value() == 0;
    case ValueKind::kDouble:
      return v.double_value() == 0;
    case ValueKind::kDecimal:
      return v.decimal_value().IsZero();
    default:
      return false;
  }
}

bool StartsWith(const std::vector<uint32_t>& columns, const std::vector<uint32_t>& prefix) {
  return !prefix.empty() && columns.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), columns.begin());
}

// Positions in `parent` of the columns a foreign key references; empty
// when one is missing (a definition changed underneath).
std::vector<uint32_t> RefPositions(const TableDef& parent, const ForeignKeyDef& fk) {
  std::vector<uint32_t> out;
  for (const std::string& name : fk.ref_columns) {
    int pos = parent.ColumnIndex(name);
    if (pos < 0) return {};
    out.push_back(static_cast<uint32_t>(pos));
  }
  return out;
}

// Encoded values of `positions` of a row, for "did these columns change".
SqlResult<std::string> Encoded(const TableDef& table, const std::vector<uint32_t>& positions,
                               const Row& row) {
  std::string out;
  TETRADB_SQL_RETURN_IF_ERROR(AppendColumns(table, positions, row, &out));
  return out;
}

}  // namespace

TableWriter::TableWriter(RelTxn* txn) : rtxn_(txn), db_(txn->db_), txn_(txn->txn_.get()) {}

SqlResult<bool> TableWriter::ReadLocked(Cf cf, const std::string& key, std::string* value) {
  Status s = txn_->GetForUpdate(cf, key, value);
  if (s.IsNotFound()) return false;
  if (!s.ok()) return FromEngine(s);
  return true;
}

// A non-unique entry's key ends with the primary key, so only a writer of
// that row ever writes it, and every writer holds the row's lock: the entry
// needs no lock of its own (the lock manager is a large part of an insert).
// Unique entries are locked: two rows compete for them.
Status TableWriter::PutIndexEntry(const IndexEntry& e) {
  if (e.unique) {
    return txn_->Put(Cf::kRowIndex, e.key, e.value);
  }
  return txn_->PutUnlocked(Cf::kRowIndex, e.key, e.value);
}

Status TableWriter::DeleteIndexEntry(const IndexEntry& e) {
  if (e.unique) {
    return txn_->Delete(Cf::kRowIndex, e.key);
  }
  return txn_->DeleteUnlocked(Cf::kRowIndex, e.key);
}

// --- Insert -------------------------------------------------------------------

SqlStatus TableWriter::Insert(const TableDef& table, Row* row) {
  const size_t n = table.columns.size();
  if (row->size() < n) return err::Unknown("internal: row has fewer values than columns");
  row->resize(n);  // a hidden row id passed in is replaced

  uint64_t generated = 0;
  if (int ai = table.AutoIncrementColumn(); ai >= 0) {
    Value& v = (*row)[ai];
    if (v.is_null() || IsZeroNumber(v)) {
      TETRADB_SQL_ASSIGN_OR_RETURN(generated, db_->NextAutoIncrement(table));
      const ColumnDef& col = table.columns[ai];
      TETRADB_SQL_ASSIGN_OR_RETURN(v, StoreValue(col.type, Value::UInt(generated), col.name, 1));
    } else {
      db_->NoteExplicitAutoIncrement(table, CounterValue(v));
    }
  }
  if (table.HasHiddenPrimaryKey()) {
    TETRADB_SQL_ASSIGN_OR_RETURN(uint64_t id, db_->NextRowId(table));
    row->push_back(Value::Int(static_cast<int64_t>(id)));
  }
  rtxn_->NoteWrite(table.id);

  TETRADB_SQL_ASSIGN_OR_RETURN(std::string key, RowKeyOf(table, *row));
  std::string existing;
  TETRADB_SQL_ASSIGN_OR_RETURN(bool dup, ReadLocked(Cf::kRows, key, &existing));
  if (dup) return err::DuplicateEntry(KeyText(table.primary_key, *row), table.name, "PRIMARY");

  std::vector<IndexEntry> entries;
  for (const IndexDef& index : table.indexes) {
    TETRADB_SQL_ASSIGN_OR_RETURN(IndexEntry e, IndexEntryOf(table, index, *row));
    if (e.unique) {
      TETRADB_SQL_ASSIGN_OR_RETURN(bool taken, ReadLocked(Cf::kRowIndex, e.key, &existing));
      if (taken) return err::DuplicateEntry(KeyText(index.columns, *row), table.name, index.name);
    }
    entries.push_back(std::move(e));
  }

  // Every key written here was locked by the reads above.
  Status s = txn_->PutUnlocked(Cf::kRows, key, EncodeRow(table, *row));
  for (size_t i = 0; s.ok() && i < entries.size(); ++i) {
    s = txn_->PutUnlocked(Cf::kRowIndex, entries[i].key, entries[i].value);
  }
  if (!s.ok()) return FromEngine(s);

  // After the write, so that a row referencing itself finds itself.
  for (const ForeignKeyDef& fk : table.foreign_keys) {
    if (!rtxn_->foreign_key_checks_) break;
    TETRADB_SQL_RETURN_IF_ERROR(CheckParent(table, fk, *row));
  }
  if (generated) rtxn_->last_insert_id_ = generated;
  return SqlStatus::Ok();
}

// --- Update -------------------------------------------------------------------

SqlStatus TableWriter::Update(const TableDef& table, const Row& old_row, const Row& new_row,
                              int depth) {
  const size_t n = table.columns.size();
  if (old_row.size() < n || new_row.size() < n) {
    return err::Unknown("internal: row has fewer values than columns");
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(std::string old_key, RowKeyOf(table, old_row));
  std::string value;
  TETRADB_SQL_ASSIGN_OR_RETURN(bool exists, ReadLocked(Cf::kRows, old_key, &value));
  if (!exists) return SqlStatus::Ok();
  Row cur;
  TETRADB_SQL_RETURN_IF_ERROR(DecodeStoredRow(table, old_key, value, &cur));
  Row next(new_row.begin(), new_row.begin() + n);
  if (table.HasHiddenPrimaryKey()) next.push_back(cur[n]);
  rtxn_->NoteWrite(table.id);

  if (int ai = table.AutoIncrementColumn(); ai >= 0) {
    // MySQL 8: a larger value set by UPDATE moves the counter too.
    db_->NoteExplicitAutoIncrement(table, CounterValue(next[ai]));
  }

  TETRADB_SQL_ASSIGN_OR_RETURN(std::string new_key, RowKeyOf(table, next));
  Status s;
  if (new_key != old_key) {
    std::string other;
    TETRADB_SQL_ASSIGN_OR_RETURN(bool dup, ReadLocked(Cf::kRows, new_key, &other));
    if (dup) return err::DuplicateEntry(KeyText(table.primary_key, next), table.name, "PRIMARY");
    s = txn_->Delete(Cf::kRows, old_key);
    if (!s.ok()) return FromEngine(s);
  }
  s = txn_->Put(Cf::kRows, new_key, EncodeRow(table, next));
  if (!s.ok()) return FromEngine(s);

  for (const IndexDef& index : table.indexes) {
    TETRADB_SQL_ASSIGN_OR_RETURN(IndexEntry before, IndexEntryOf(table, index, cur));
    TETRADB_SQL_ASSIGN_OR_RETURN(IndexEntry after, IndexEntryOf(table, index, next));
    if (before.key == after.key && before.value == after.value) continue;
    if (before.key != after.key) {
      s = DeleteIndexEntry(before);
      if (!s.ok()) return FromEngine(s);
      if (after.unique) {
        std::string other;
        TETRADB_SQL_ASSIGN_OR_RETURN(bool taken, ReadLocked(Cf::kRowIndex, after.key, &other));
        if (taken) {
          return err::DuplicateEntry(KeyText(index.columns, next), table.name, index.name);
        }
      }
    }
    s = PutIndexEntry(after);
    if (!s.ok()) return FromEngine(s);
  }

  for (const ForeignKeyDef& fk : table.foreign_keys) {
    if (!rtxn_->foreign_key_checks_) break;
    TETRADB_SQL_ASSIGN_OR_RETURN(std::string a, Encoded(table, fk.columns, cur));
    TETRADB_SQL_ASSIGN_OR_RETURN(std::string b, Encoded(table, fk.columns, next));
    if (a != b) TETRADB_SQL_RETURN_IF_ERROR(CheckParent(table, fk, next));
  }
  return ApplyParentActions(table, cur, &next, depth);
}

// --- Delete -------------------------------------------------------------------

SqlStatus TableWriter::Delete(const TableDef& table, const Row& row, int depth) {
  if (row.size() < table.columns.size()) {
    return err::Unknown("internal: row has fewer values than columns");
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(std::string key, RowKeyOf(table, row));
  std::string value;
  TETRADB_SQL_ASSIGN_OR_RETURN(bool exists, ReadLocked(Cf::kRows, key, &value));
  if (!exists) return SqlStatus::Ok();
  Row cur;
  TETRADB_SQL_RETURN_IF_ERROR(DecodeStoredRow(table, key, value, &cur));
  rtxn_->NoteWrite(table.id);
  Status s = txn_->Delete(Cf::kRows, key);
  for (size_t i = 0; s.ok() && i < table.indexes.size(); ++i) {
    TETRADB_SQL_ASSIGN_OR_RETURN(IndexEntry e, IndexEntryOf(table, table.indexes[i], cur));
    s = DeleteIndexEntry(e);
  }
  if (!s.ok()) return FromEngine(s);
  return ApplyParentActions(table, cur, nullptr, depth);
}

// --- foreign keys -------------------------------------------------------------

SqlResult<std::vector<Row>> TableWriter::LockedRowsMatching(const TableDef& table,
                                                            const std::vector<uint32_t>& positions,
                                                            const std::vector<Value>& values,
                                                            size_t limit) {
  std::vector<Row> out;
  std::string want;  // the encoded values, to check rows found against
  for (size_t i = 0; i < positions.size(); ++i) {
    TETRADB_SQL_RETURN_IF_ERROR(AppendKeyValue(table.columns[positions[i]].type, values[i], &want));
  }
  const bool by_pk = !table.HasHiddenPrimaryKey() && StartsWith(table.primary_key, positions);
  const IndexDef* index = nullptr;
  if (!by_pk) {
    for (const IndexDef& i : table.indexes) {
      if (StartsWith(i.columns, positions)) {
        index = &i;
        break;
      }
    }
    if (!index) {
      return err::Unknown(
          fmt::format("internal: no index of '{}' serves a foreign key", table.name));
    }
  }
  const std::string row_prefix = RowKeyPrefix(table.id);
  std::vector<std::string> row_keys;
  if (by_pk && positions.size() == table.primary_key.size()) {
    row_keys.push_back(row_prefix + want);  // a point lookup
  } else {
    std::string prefix = (by_pk ? row_prefix : IndexKeyPrefix(index->id)) + want;
    auto it = txn_->NewLatestIterator(by_pk ? Cf::kRows : Cf::kRowIndex, KeyRange::Prefix(prefix));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (by_pk) {
        row_keys.emplace_back(it->key());
      } else {
        std::string pk;
        TETRADB_SQL_RETURN_IF_ERROR(PkOfIndexEntry(*index, it->key(), it->value(), &pk));
        row_keys.push_back(row_prefix + pk);
      }
    }
    if (!it->status().ok()) return FromEngine(it->status());
  }
  for (const std::string& key : row_keys) {
    if (out.size() >= limit) break;
    std::string value;
    TETRADB_SQL_ASSIGN_OR_RETURN(bool exists, ReadLocked(Cf::kRows, key, &value));
    if (!exists) continue;
    Row row;
    TETRADB_SQL_RETURN_IF_ERROR(DecodeStoredRow(table, key, value, &row));
    TETRADB_SQL_ASSIGN_OR_RETURN(std::string got, Encoded(table, positions, row));
    if (got == want) out.push_back(std::move(row));  // else it changed before we locked it
  }
  return out;
}

SqlStatus TableWriter::CheckParent(const TableDef& child, const ForeignKeyDef& fk, const Row& row) {
  if (HasNullIn(fk.columns, row)) return SqlStatus::Ok();  // NULL references nothing
  auto fail = [&] { return err::FkChildRow(child.name, DescribeForeignKey(child, fk)); };
  std::shared_ptr<const TableDef> found;
  const TableDef* parent = &child;
  if (fk.ref_table != child.name) {
    found = db_->catalog().Find(fk.ref_table);
    if (!found) return fail();
    parent = found.get();
  }
  std::vector<uint32_t> ref = RefPositions(*parent, fk);
  if (ref.size() != fk.columns.size()) return fail();
  std::vector<Value> values;
  for (size_t i = 0; i < ref.size(); ++i) {
    std::optional<Value> v = KeyValueFor(parent->columns[ref[i]].type, row[fk.columns[i]]);
    if (!v) return fail();
    values.push_back(std::move(*v));
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(std::vector<Row> rows, LockedRowsMatching(*parent, ref, values, 1));
  return rows.empty() ? SqlStatus(fail()) : SqlStatus::Ok();
}

SqlStatus TableWriter::ApplyParentActions(const TableDef& parent, const Row& old_row,
                                          const Row* new_row, int depth) {
  if (!rtxn_->foreign_key_checks_) return SqlStatus::Ok();
  for (const auto& child : db_->catalog().ReferencingTables(parent.name)) {
    for (const ForeignKeyDef& fk : child->foreign_keys) {
      if (fk.ref_table != parent.name) continue;
      std::vector<uint32_t> ref = RefPositions(parent, fk);
      if (ref.size() != fk.columns.size() || HasNullIn(ref, old_row)) continue;
      if (new_row) {
        TETRADB_SQL_ASSIGN_OR_RETURN(std::string a, Encoded(parent, ref, old_row));
        TETRADB_SQL_ASSIGN_OR_RETURN(std::string b, Encoded(parent, ref, *new_row));
        if (a == b) continue;
      }
      // The referenced values, as the child's columns store them.
      std::vector<Value> values;
      bool convertible = true;
      for (size_t i = 0; i < ref.size() && convertible; ++i) {
        std::optional<Value> v = KeyValueFor(child->columns[fk.columns[i]].type, old_row[ref[i]]);
        if (v) values.push_back(std::move(*v));
        convertible = v.has_value();
      }
      if (!convertible) continue;  // no child can hold the value
      const FkAction action = new_row ? fk.on_update : fk.on_delete;
      const bool restrict = action == FkAction::kRestrict || action == FkAction::kNoAction;
      TETRADB_SQL_ASSIGN_OR_RETURN(
          std::vector<Row> children,
          LockedRowsMatching(*child, fk.columns, values, restrict ? 1 : SIZE_MAX));
      if (children.empty()) continue;
      if (restrict) return err::FkParentRow(child->name, DescribeForeignKey(*child, fk));
      if (depth + 1 > Database::kMaxCascadeDepth) return CascadeTooDeep();
      for (const Row& c : children) {
        if (action == FkAction::kCascade && !new_row) {
          TETRADB_SQL_RETURN_IF_ERROR(Delete(*child, c, depth + 1));
          continue;
        }
        Row changed = c;
        for (size_t i = 0; i < fk.columns.size(); ++i) {
          const ColumnDef& col = child->columns[fk.columns[i]];
          if (action == FkAction::kSetNull) {
            if (!col.nullable) return err::ColumnNotNull(col.name);
            changed[fk.columns[i]] = Value::Null();
          } else {
            TETRADB_SQL_ASSIGN_OR_RETURN(changed[fk.columns[i]],
                                         StoreValue(col.type, (*new_row)[ref[i]], col.name, 1));
          }
        }
        TETRADB_SQL_RETURN_IF_ERROR(Update(*child, c, changed, depth + 1));
      }
    }
  }
  return SqlStatus::Ok();
}

}  // namespace tetradb::rel
