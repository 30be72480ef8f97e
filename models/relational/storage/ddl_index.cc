// Database DDL on indexes and foreign keys of existing tables: CREATE INDEX
// (with backfill), DROP INDEX, ALTER TABLE ADD FOREIGN KEY.
#include <fmt/format.h>

#include "engine/engine.h"
#include "models/relational/storage/database.h"
#include "models/relational/storage/row_keys.h"
#include "models/relational/storage/storage_util.h"
#include "models/relational/storage/table_writer.h"

namespace tetradb::rel {
namespace {

constexpr int kBackfillBatch = 1000;

}  // namespace

SqlStatus Database::BackfillIndex(const TableDef& table, const IndexDef& index) {
  // Nothing writes the table meanwhile (the caller holds the DDL locks), and
  // nothing reads the new index before its definition is published.
  auto it = engine_->NewIterator(Cf::kRows, KeyRange::Prefix(RowKeyPrefix(table.id)));
  it->SeekToFirst();
  std::vector<Value> row;
  std::string existing;
  while (it->Valid()) {
    auto txn = engine_->BeginTransaction();
    for (int i = 0; i < kBackfillBatch && it->Valid(); ++i, it->Next()) {
      TETRADB_SQL_RETURN_IF_ERROR(DecodeStoredRow(table, it->key(), it->value(), &row));
      TETRADB_SQL_ASSIGN_OR_RETURN(IndexEntry e, IndexEntryOf(table, index, row));
      if (e.unique) {
        Status s = txn->Get(Cf::kRowIndex, e.key, &existing);
        if (s.ok()) return err::DuplicateEntry(KeyText(index.columns, row), table.name, index.name);
        if (!s.IsNotFound()) return FromEngine(s);
      }
      Status s = txn->Put(Cf::kRowIndex, e.key, e.value);
      if (!s.ok()) return FromEngine(s);
    }
    Status s = txn->Commit();
    if (!s.ok()) return FromEngine(s);
  }
  if (!it->status().ok()) return FromEngine(it->status());
  return SqlStatus::Ok();
}

SqlStatus Database::CheckExistingRows(const TableDef& table, const ForeignKeyDef& fk) {
  std::unique_ptr<RelTxn> txn = Begin();
  TableWriter writer(txn.get());
  auto it = engine_->NewIterator(Cf::kRows, KeyRange::Prefix(RowKeyPrefix(table.id)));
  std::vector<Value> row;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    TETRADB_SQL_RETURN_IF_ERROR(DecodeStoredRow(table, it->key(), it->value(), &row));
    TETRADB_SQL_RETURN_IF_ERROR(writer.CheckParent(table, fk, row));
  }
  if (!it->status().ok()) return FromEngine(it->status());
  return SqlStatus::Ok();  // the transaction only read (and locked): rolled back
}

SqlStatus Database::CreateIndex(std::string_view table, IndexDef index, bool if_not_exists) {
  std::lock_guard<std::mutex> ddl(ddl_mu_);
  std::shared_ptr<const TableDef> old = catalog_->Find(table);
  if (!old) return err::NoSuchTable(table);
  std::unique_lock<std::shared_mutex> statements;
  TETRADB_SQL_RETURN_IF_ERROR(LockTablesForDdl({old->id}, &statements));
  if (if_not_exists && !index.name.empty() && old->FindIndex(index.name)) return SqlStatus::Ok();
  TETRADB_SQL_RETURN_IF_ERROR(ValidateIndex(*old, &index));
  TETRADB_SQL_ASSIGN_OR_RETURN(index.id, catalog_->AllocateId());
  SqlStatus s = BackfillIndex(*old, index);
  TableDef def = *old;
  def.indexes.push_back(index);
  if (s.ok()) s = catalog_->Put(std::move(def));
  // A failed index leaves entries under an id nothing will use again.
  if (!s.ok()) DeletePrefix(engine_, Cf::kRowIndex, IndexKeyPrefix(index.id)).ok();
  return s;
}

SqlStatus Database::DropIndex(std::string_view table, std::string_view index_name) {
  std::lock_guard<std::mutex> ddl(ddl_mu_);
  std::shared_ptr<const TableDef> old = catalog_->Find(table);
  if (!old) return err::NoSuchTable(table);
  std::unique_lock<std::shared_mutex> statements;
  TETRADB_SQL_RETURN_IF_ERROR(LockTablesForDdl({old->id}, &statements));
  const IndexDef* index = old->FindIndex(index_name);
  if (!index) return err::CantDrop(index_name);
  // A foreign key (of this table, or of a child referencing it) must keep
  // an index on its columns.
  auto needs = [&](const std::vector<uint32_t>& cols) {
    return cols.size() <= index->columns.size() &&
           std::equal(cols.begin(), cols.end(), index->columns.begin()) &&
           !IsKeyPrefix(*old, cols, index);
  };
  for (const ForeignKeyDef& fk : old->foreign_keys) {
    if (needs(fk.columns)) return ddl_err::IndexNeededByForeignKey(index->name);
  }
  for (const auto& child : catalog_->ReferencingTables(old->name)) {
    for (const ForeignKeyDef& fk : child->foreign_keys) {
      if (fk.ref_table != old->name) continue;
      std::vector<uint32_t> ref;
      for (const std::string& name : fk.ref_columns) {
        int pos = old->ColumnIndex(name);
        if (pos >= 0) ref.push_back(static_cast<uint32_t>(pos));
      }
      if (ref.size() == fk.ref_columns.size() && needs(ref)) {
        return ddl_err::IndexNeededByForeignKey(index->name);
      }
    }
  }
  const uint32_t index_id = index->id;
  TableDef def = *old;
  def.indexes.erase(def.indexes.begin() + (index - old->indexes.data()));
  TETRADB_SQL_RETURN_IF_ERROR(catalog_->Put(std::move(def)));
  DeletePrefix(engine_, Cf::kRowIndex, IndexKeyPrefix(index_id)).ok();
  return SqlStatus::Ok();
}

SqlStatus Database::AddForeignKey(std::string_view table, ForeignKeyDef fk) {
  std::lock_guard<std::mutex> ddl(ddl_mu_);
  std::shared_ptr<const TableDef> old = catalog_->Find(table);
  if (!old) return err::NoSuchTable(table);
  std::vector<uint32_t> locked = {old->id};
  if (auto parent = catalog_->Find(fk.ref_table)) locked.push_back(parent->id);
  std::unique_lock<std::shared_mutex> statements;
  TETRADB_SQL_RETURN_IF_ERROR(LockTablesForDdl(locked, &statements));
  TETRADB_SQL_RETURN_IF_ERROR(ValidateForeignKey(*old, &fk));

  TableDef def = *old;
  uint32_t new_index = 0;
  if (!IsKeyPrefix(def, fk.columns)) {
    IndexDef index;
    index.name = FreeIndexName(def, fk.name);
    index.columns = fk.columns;
    TETRADB_SQL_ASSIGN_OR_RETURN(index.id, catalog_->AllocateId());
    new_index = index.id;
    def.indexes.push_back(std::move(index));
  }
  def.foreign_keys.push_back(fk);
  SqlStatus s = new_index ? BackfillIndex(def, def.indexes.back()) : SqlStatus::Ok();
  if (s.ok()) s = CheckExistingRows(def, def.foreign_keys.back());
  if (s.ok()) s = catalog_->Put(std::move(def));
  if (!s.ok() && new_index) DeletePrefix(engine_, Cf::kRowIndex, IndexKeyPrefix(new_index)).ok();
  return s;
}

}  // namespace tetradb::rel
