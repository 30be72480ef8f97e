// ALTER TABLE with DROP/CHANGE/MODIFY/RENAME COLUMN, RENAME TO, ADD COLUMN,
// ADD INDEX and DROP INDEX, and RENAME TABLE (contracts in database.h).
//
// How a statement is applied, all or none:
//   1. plan (ddl_alter_plan.cc): every op is applied to a copy of the
//      definition, with key columns held as column ids (positions move as
//      columns are added, dropped and moved); tables whose foreign keys name
//      a renamed table or column are copied and updated alongside;
//   2. data, only when the stored bytes must change:
//      - a value conversion or a changed primary key: every row is written
//        anew under a fresh table id (with the indexes whose entries change,
//        under fresh index ids), in batches; nothing reads those ids yet;
//      - otherwise new and changed indexes are filled under fresh ids from
//        the rows as stored, and a column made NOT NULL is checked for NULLs;
//   3. publish: one catalog commit (Catalog::PutAll) switches every changed
//      definition at once;
//   4. clean up: rows and entries under ids no definition uses any more are
//      deleted, now or by Database::Open's garbage collection after a crash.
// A failure before 3 deletes what 2 wrote and leaves the catalog alone.
#include <set>

#include "engine/engine.h"
#include "models/relational/storage/database.h"
#include "models/relational/storage/ddl_alter_plan.h"
#include "models/relational/storage/row_codec.h"
#include "models/relational/storage/row_keys.h"
#include "models/relational/storage/storage_util.h"
#include "models/relational/types/column_type.h"

namespace tetradb::rel {
namespace {

constexpr int kCopyBatch = 1000;

// Whether index `i` of the plan keeps its entries as stored under `old`.
bool IndexUnchanged(const TableDef& old, const AlterPlan& plan, size_t i, bool pk_changed) {
  if (pk_changed) return false;
  const IndexDef& index = plan.def.indexes[i];
  for (const IndexDef& was : old.indexes) {
    if (was.id != index.id) continue;
    if (IdsOf(old, was.columns) != plan.indexes[i] || was.unique != index.unique) return false;
    for (uint32_t id : plan.indexes[i]) {
      if (plan.converted.count(id)) return false;
    }
    return true;
  }
  return false;
}

SqlError ConversionError(const SqlError& e, const ColumnDef& column, int64_t row) {
  // ALTER's copy reports a string cut short as truncation, where INSERT
  // says 1406.
  if (e.code == 1406) return err::DataTruncated(column.name, row);
  return e;
}

}  // namespace

// --- writing -------------------------------------------------------------------

namespace {

// Writes every row of `old` as a row of `def` (a fresh table id) with the
// entries of `rebuilt`. Nothing else writes `old` meanwhile (DDL locks) and
// nothing reads `def`'s ids before it is published.
SqlStatus CopyRows(Engine* engine, const TableDef& old, const TableDef& def, const AlterPlan& plan,
                   const std::vector<Value>& fill, const std::vector<const IndexDef*>& rebuilt,
                   bool check_pk) {
  std::vector<int> source(def.columns.size());
  std::vector<bool> convert(def.columns.size());
  for (size_t i = 0; i < def.columns.size(); ++i) {
    source[i] = ColumnById(old, def.columns[i].id);
    convert[i] = plan.converted.count(def.columns[i].id) != 0;
  }
  auto it = engine->NewIterator(Cf::kRows, KeyRange::Prefix(RowKeyPrefix(old.id)));
  it->SeekToFirst();
  std::vector<Value> row;
  std::vector<Value> out;
  std::string existing;
  int64_t number = 0;
  while (it->Valid()) {
    auto txn = engine->BeginTransaction();
    for (int n = 0; n < kCopyBatch && it->Valid(); ++n, it->Next()) {
      ++number;
      TETRADB_SQL_RETURN_IF_ERROR(DecodeStoredRow(old, it->key(), it->value(), &row));
      out.assign(def.columns.size(), Value::Null());
      for (size_t i = 0; i < def.columns.size(); ++i) {
        const ColumnDef& column = def.columns[i];
        // A column added by this statement reads its fill value.
        Value v = source[i] >= 0 ? row[source[i]] : fill[i];
        if (v.is_null()) {
          if (!column.nullable) return InvalidUseOfNull();
        } else if (convert[i]) {
          SqlResult<Value> stored = StoreValue(column.type, v, column.name, number);
          if (!stored.ok()) return ConversionError(stored.error(), column, number);
          v = std::move(stored).value();
        }
        out[i] = std::move(v);
      }
      if (def.HasHiddenPrimaryKey()) {
        out.push_back(old.HasHiddenPrimaryKey() ? row.back() : Value::Int(number));
      }
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string key, RowKeyOf(def, out));
      if (check_pk) {
        Status s = txn->Get(Cf::kRows, key, &existing);
        if (s.ok()) return err::DuplicateEntry(KeyText(def.primary_key, out), def.name, "PRIMARY");
        if (!s.IsNotFound()) return FromEngine(s);
      }
      Status s = txn->Put(Cf::kRows, key, EncodeRow(def, out));
      if (!s.ok()) return FromEngine(s);
      for (const IndexDef* index : rebuilt) {
        TETRADB_SQL_ASSIGN_OR_RETURN(IndexEntry e, IndexEntryOf(def, *index, out));
        if (e.unique) {
          s = txn->Get(Cf::kRowIndex, e.key, &existing);
          if (s.ok())
            return err::DuplicateEntry(KeyText(index->columns, out), def.name, index->name);
          if (!s.IsNotFound()) return FromEngine(s);
        }
        s = txn->Put(Cf::kRowIndex, e.key, e.value);
        if (!s.ok()) return FromEngine(s);
      }
    }
    Status s = txn->Commit();
    if (!s.ok()) return FromEngine(s);
  }
  if (!it->status().ok()) return FromEngine(it->status());
  return SqlStatus::Ok();
}

// 1138 when a row holds NULL in one of the `columns` (ids) of `table`.
SqlStatus CheckNoNulls(Engine* engine, const TableDef& table, const std::set<uint32_t>& columns) {
  std::vector<int> positions;
  for (uint32_t id : columns) {
    int pos = ColumnById(table, id);
    if (pos >= 0) positions.push_back(pos);
  }
  if (positions.empty()) return SqlStatus::Ok();
  auto it = engine->NewIterator(Cf::kRows, KeyRange::Prefix(RowKeyPrefix(table.id)));
  std::vector<Value> row;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    TETRADB_SQL_RETURN_IF_ERROR(DecodeStoredRow(table, it->key(), it->value(), &row));
    for (int pos : positions) {
      if (row[pos].is_null()) return InvalidUseOfNull();
    }
  }
  if (!it->status().ok()) return FromEngine(it->status());
  return SqlStatus::Ok();
}

}  // namespace

SqlStatus Database::AlterTable(std::string_view table, std::vector<AlterOp> ops) {
  std::lock_guard<std::mutex> ddl(ddl_mu_);
  std::shared_ptr<const TableDef> old = catalog_->Find(table);
  if (!old) return err::NoSuchTable(table);
  std::vector<uint32_t> locked = {old->id};
  for (const auto& child : catalog_->ReferencingTables(old->name)) {
    if (child->id != old->id) locked.push_back(child->id);
  }
  std::unique_lock<std::shared_mutex> statements;
  TETRADB_SQL_RETURN_IF_ERROR(LockTablesForDdl(locked, &statements));

  TETRADB_SQL_ASSIGN_OR_RETURN(AlterPlan plan,
                               PlanAlter(engine_, catalog_.get(), *old, std::move(ops)));
  TableDef& def = plan.def;

  bool pk_changed = IdsOf(*old, old->primary_key) != plan.pk;
  for (uint32_t id : plan.pk) pk_changed = pk_changed || plan.converted.count(id) != 0;
  const bool copy = pk_changed || !plan.converted.empty();

  // Indexes whose entries change get fresh ids.
  std::vector<uint32_t> fresh;  // ids written here: deleted again on failure
  std::vector<const IndexDef*> rebuilt;
  for (size_t i = 0; i < def.indexes.size(); ++i) {
    if (IndexUnchanged(*old, plan, i, pk_changed)) continue;
    TETRADB_SQL_ASSIGN_OR_RETURN(def.indexes[i].id, catalog_->AllocateId());
    fresh.push_back(def.indexes[i].id);
    rebuilt.push_back(&def.indexes[i]);
  }
  auto discard = [&] {
    for (uint32_t id : fresh) DeletePrefix(engine_, Cf::kRowIndex, IndexKeyPrefix(id)).ok();
    if (def.id != old->id) {
      DeletePrefix(engine_, Cf::kRows, RowKeyPrefix(def.id)).ok();
      ForgetCounters(def.id);
    }
  };

  SqlStatus s;
  if (copy) {
    TETRADB_SQL_ASSIGN_OR_RETURN(def.id, catalog_->AllocateId());
    std::vector<Value> fill;
    for (ColumnDef& column : def.columns) {
      fill.push_back(std::move(column.missing_value));
      column.missing_value = Value::Null();  // every row is written with every cell
    }
    s = CopyRows(engine_, *old, def, plan, fill, rebuilt, pk_changed);
    // The AUTO_INCREMENT counter carries over to the new table id.
    if (s.ok() && old->AutoIncrementColumn() >= 0 && def.AutoIncrementColumn() >= 0) {
      SqlResult<uint64_t> next = NextAutoIncrement(*old);
      if (next.ok()) {
        s = WriteAutoIncCeiling(def.id, *next);
      } else {
        s = next.status();
      }
    }
  } else {
    s = CheckNoNulls(engine_, *old, plan.tightened);
    for (const IndexDef* index : rebuilt) {
      if (s.ok()) s = BackfillIndex(def, *index);
    }
  }
  std::vector<TableDef> publish;
  if (s.ok()) {
    publish.push_back(def);
    for (auto& [id, other] : plan.others) publish.push_back(std::move(other));
    std::vector<uint32_t> removed;
    if (copy) removed.push_back(old->id);
    s = catalog_->PutAll(std::move(publish), removed);
  }
  if (!s.ok()) {
    discard();
    return s;
  }

  // Published: what the old definition alone used is garbage now.
  if (copy) {
    ForgetCounters(old->id);
    DeletePrefix(engine_, Cf::kRows, RowKeyPrefix(old->id)).ok();
  } else {
    const int was = old->AutoIncrementColumn();
    const int now = def.AutoIncrementColumn();
    // Another AUTO_INCREMENT column: its counter starts from its values.
    if ((was < 0) != (now < 0) || (was >= 0 && old->columns[was].id != def.columns[now].id)) {
      ForgetCounters(old->id);
    }
  }
  for (const IndexDef& was : old->indexes) {
    bool kept = false;
    for (const IndexDef& index : def.indexes) kept = kept || index.id == was.id;
    if (!kept) DeletePrefix(engine_, Cf::kRowIndex, IndexKeyPrefix(was.id)).ok();
  }
  return SqlStatus::Ok();
}

SqlStatus Database::RenameTables(const std::vector<std::pair<std::string, std::string>>& renames) {
  std::lock_guard<std::mutex> ddl(ddl_mu_);
  // Every definition, renamed in order on copies.
  std::vector<TableDef> defs;
  for (const auto& def : catalog_->Tables()) defs.push_back(*def);
  auto find = [&](std::string_view name) -> TableDef* {
    for (TableDef& def : defs) {
      if (def.name == name) return &def;
    }
    return nullptr;
  };
  std::set<uint32_t> changed;
  for (const auto& [from, to] : renames) {
    TableDef* def = find(from);
    if (!def) return err::NoSuchTable(from);
    if (find(to)) return err::TableExists(to);
    def->name = to;
    changed.insert(def->id);
    for (TableDef& other : defs) {
      for (ForeignKeyDef& fk : other.foreign_keys) {
        if (fk.ref_table != from) continue;
        fk.ref_table = to;
        changed.insert(other.id);
      }
    }
  }
  std::unique_lock<std::shared_mutex> statements;
  TETRADB_SQL_RETURN_IF_ERROR(
      LockTablesForDdl(std::vector<uint32_t>(changed.begin(), changed.end()), &statements));
  std::vector<TableDef> publish;
  for (TableDef& def : defs) {
    if (changed.count(def.id)) publish.push_back(std::move(def));
  }
  return catalog_->PutAll(std::move(publish));
}

}  // namespace tetradb::rel
