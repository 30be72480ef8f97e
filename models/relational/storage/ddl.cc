// Database DDL on whole tables and columns: CREATE TABLE, DROP TABLE,
// ALTER TABLE ADD COLUMN, TRUNCATE, and the validation they share.
// Indexes and foreign keys added to existing tables are in ddl_index.cc.
#include <fmt/format.h>

#include <algorithm>

#include "engine/engine.h"
#include "models/relational/storage/database.h"
#include "models/relational/storage/ddl_internal.h"
#include "models/relational/storage/row_keys.h"
#include "models/relational/storage/storage_util.h"
#include "models/relational/types/column_type.h"

namespace tetradb::rel {
namespace {

SqlError Err(int code, std::string_view state, std::string message) {
  return SqlError{code, std::string(state), std::move(message)};
}

bool IsTemporal(TypeId id) {
  return id == TypeId::kDate || id == TypeId::kDateTime || id == TypeId::kTimestamp;
}

bool CompatibleForFk(const ColumnType& a, const ColumnType& b) {
  if (IsStringType(a.id) && IsStringType(b.id)) return true;
  if (a.id != b.id) return false;
  if (IsIntegerType(a.id)) return a.is_unsigned == b.is_unsigned;
  if (a.id == TypeId::kDecimal) return a.precision == b.precision && a.scale == b.scale;
  return true;
}

// Positions >= `from` move one place right (a column inserted at `from`).
void ShiftPositions(std::vector<uint32_t>* positions, uint32_t from) {
  for (uint32_t& p : *positions) {
    if (p >= from) ++p;
  }
}

}  // namespace

// --- shared helpers ------------------------------------------------------------

bool IsKeyPrefix(const TableDef& table, const std::vector<uint32_t>& positions,
                 const IndexDef* skip) {
  auto starts = [&](const std::vector<uint32_t>& cols) {
    return !positions.empty() && cols.size() >= positions.size() &&
           std::equal(positions.begin(), positions.end(), cols.begin());
  };
  if (starts(table.primary_key)) return true;
  for (const IndexDef& index : table.indexes) {
    if (&index != skip && starts(index.columns)) return true;
  }
  return false;
}

std::string FreeIndexName(const TableDef& table, const std::string& base) {
  if (!table.FindIndex(base) && !SameName(base, "PRIMARY")) return base;
  for (int i = 2;; ++i) {
    std::string name = fmt::format("{}_{}", base, i);
    if (!table.FindIndex(name)) return name;
  }
}

SqlStatus ValidateColumn(const ColumnDef& c) {
  if (c.name.empty()) return Err(1166, "42000", "Incorrect column name ''");
  TETRADB_SQL_RETURN_IF_ERROR(ValidateType(c.type, c.name));
  auto invalid_default = [&] {
    return Err(1067, "42000", fmt::format("Invalid default value for '{}'", c.name));
  };
  if (c.auto_increment) {
    if (!IsIntegerType(c.type.id) && c.type.id != TypeId::kFloat && c.type.id != TypeId::kDouble) {
      return Err(1063, "42000", fmt::format("Incorrect column specifier for column '{}'", c.name));
    }
    if (c.default_value.kind != DefaultSpec::Kind::kNone) return invalid_default();
  }
  switch (c.default_value.kind) {
    case DefaultSpec::Kind::kNone:
      break;
    case DefaultSpec::Kind::kConstant:
      if (c.default_value.constant.is_null()) {
        if (!c.nullable) return invalid_default();
      } else if (c.type.id == TypeId::kText || c.type.id == TypeId::kBlob ||
                 c.type.id == TypeId::kJson) {
        return Err(1101, "42000",
                   fmt::format("BLOB, TEXT, GEOMETRY or JSON column '{}' can't have a default "
                               "value",
                               c.name));
      }
      break;
    case DefaultSpec::Kind::kCurrentTimestamp:
      if (c.type.id != TypeId::kDateTime && c.type.id != TypeId::kTimestamp) {
        return invalid_default();
      }
      break;
  }
  if (c.on_update_current_timestamp && c.type.id != TypeId::kDateTime &&
      c.type.id != TypeId::kTimestamp) {
    return Err(1294, "HY000", fmt::format("Invalid ON UPDATE clause for '{}' column", c.name));
  }
  return SqlStatus::Ok();
}

SqlStatus ValidateIndex(const TableDef& table, IndexDef* index) {
  if (index->columns.empty()) return err::Unknown("internal: index without columns");
  for (size_t i = 0; i < index->columns.size(); ++i) {
    uint32_t pos = index->columns[i];
    if (pos >= table.columns.size()) return err::Unknown("internal: index column out of range");
    if (std::count(index->columns.begin(), index->columns.begin() + i, pos)) {
      return err::DuplicateColumn(table.columns[pos].name);
    }
  }
  if (index->name.empty()) {
    index->name = FreeIndexName(table, table.columns[index->columns[0]].name);
  }
  if (SameName(index->name, "PRIMARY")) {
    return Err(1280, "42000", fmt::format("Incorrect index name '{}'", index->name));
  }
  if (table.FindIndex(index->name)) return err::DuplicateKeyName(index->name);
  return SqlStatus::Ok();
}

namespace ddl_err {
SqlError IndexNeededByForeignKey(std::string_view index) {
  return Err(1553, "HY000",
             fmt::format("Cannot drop index '{}': needed in a foreign key constraint", index));
}
}  // namespace ddl_err

SqlStatus Database::ValidateForeignKey(const TableDef& table, ForeignKeyDef* fk) {
  // Constraint names are unique in the schema (case-insensitive).
  auto name_taken = [&](std::string_view name) {
    for (const ForeignKeyDef& other : table.foreign_keys) {
      if (SameName(other.name, name)) return true;
    }
    for (const auto& def : catalog_->Tables()) {
      if (def->name == table.name) continue;
      for (const ForeignKeyDef& other : def->foreign_keys) {
        if (SameName(other.name, name)) return true;
      }
    }
    return false;
  };
  if (fk->name.empty()) {
    for (int i = 1; fk->name.empty(); ++i) {
      std::string name = fmt::format("{}_ibfk_{}", table.name, i);
      if (!name_taken(name)) fk->name = name;
    }
  } else if (name_taken(fk->name)) {
    return Err(1826, "HY000", fmt::format("Duplicate foreign key constraint name '{}'", fk->name));
  }
  if (fk->columns.empty() || fk->columns.size() != fk->ref_columns.size()) {
    return Err(1239, "42000",
               fmt::format("Incorrect foreign key definition for '{}': Key reference and "
                           "table reference don't match",
                           fk->name));
  }
  for (uint32_t pos : fk->columns) {
    if (pos >= table.columns.size())
      return err::Unknown("internal: foreign key column out of range");
  }
  std::shared_ptr<const TableDef> found;
  const TableDef* parent = &table;
  if (fk->ref_table != table.name) {
    found = catalog_->Find(fk->ref_table);
    if (!found) return err::FkNoTable(fk->ref_table);
    parent = found.get();
  }
  std::vector<uint32_t> ref;
  for (const std::string& name : fk->ref_columns) {
    int pos = parent->ColumnIndex(name);
    if (pos < 0) {
      return Err(3734, "HY000",
                 fmt::format("Failed to add the foreign key constraint. Missing column '{}' "
                             "for constraint '{}' in the referenced table '{}'",
                             name, fk->name, fk->ref_table));
    }
    ref.push_back(static_cast<uint32_t>(pos));
  }
  for (size_t i = 0; i < ref.size(); ++i) {
    const ColumnDef& mine = table.columns[fk->columns[i]];
    const ColumnDef& theirs = parent->columns[ref[i]];
    if (!CompatibleForFk(mine.type, theirs.type)) {
      return Err(3780, "HY000",
                 fmt::format("Referencing column '{}' and referenced column '{}' in foreign key "
                             "constraint '{}' are incompatible.",
                             mine.name, theirs.name, fk->name));
    }
    if ((fk->on_delete == FkAction::kSetNull || fk->on_update == FkAction::kSetNull) &&
        !mine.nullable) {
      return Err(1830, "HY000",
                 fmt::format("Column '{}' cannot be NOT NULL: needed in a foreign key "
                             "constraint '{}' SET NULL",
                             mine.name, fk->name));
    }
  }
  if (!IsKeyPrefix(*parent, ref)) return err::FkMissingIndex(fk->name, fk->ref_table);
  return SqlStatus::Ok();
}

// --- CREATE TABLE --------------------------------------------------------------

SqlStatus Database::CreateTable(TableDef def, bool if_not_exists) {
  std::lock_guard<std::mutex> ddl(ddl_mu_);
  std::unique_lock<std::shared_mutex> statements;
  TETRADB_SQL_RETURN_IF_ERROR(LockTablesForDdl({}, &statements));
  if (catalog_->Find(def.name)) {
    if (if_not_exists) return SqlStatus::Ok();
    return err::TableExists(def.name);
  }
  if (def.columns.empty()) return Err(1113, "42000", "A table must have at least 1 column");
  for (size_t i = 0; i < def.columns.size(); ++i) {
    TETRADB_SQL_RETURN_IF_ERROR(ValidateColumn(def.columns[i]));
    for (size_t j = 0; j < i; ++j) {
      if (SameName(def.columns[j].name, def.columns[i].name)) {
        return err::DuplicateColumn(def.columns[i].name);
      }
    }
  }
  for (size_t i = 0; i < def.primary_key.size(); ++i) {
    uint32_t pos = def.primary_key[i];
    if (pos >= def.columns.size()) return err::Unknown("internal: key column out of range");
    if (std::count(def.primary_key.begin(), def.primary_key.begin() + i, pos)) {
      return err::DuplicateColumn(def.columns[pos].name);
    }
    def.columns[pos].nullable = false;  // primary key columns are NOT NULL
  }
  std::vector<IndexDef> indexes = std::move(def.indexes);
  def.indexes.clear();
  for (IndexDef& index : indexes) {
    TETRADB_SQL_RETURN_IF_ERROR(ValidateIndex(def, &index));
    def.indexes.push_back(std::move(index));
  }
  std::vector<ForeignKeyDef> fks = std::move(def.foreign_keys);
  def.foreign_keys.clear();
  for (ForeignKeyDef& fk : fks) {
    TETRADB_SQL_RETURN_IF_ERROR(ValidateForeignKey(def, &fk));
    // A foreign key needs an index on its columns: add one, as MySQL does.
    if (!IsKeyPrefix(def, fk.columns)) {
      IndexDef index;
      index.name = FreeIndexName(def, fk.name);
      index.columns = fk.columns;
      def.indexes.push_back(std::move(index));
    }
    def.foreign_keys.push_back(std::move(fk));
  }
  TETRADB_SQL_RETURN_IF_ERROR(CheckAutoIncrement(def));

  TETRADB_SQL_ASSIGN_OR_RETURN(def.id, catalog_->AllocateId());
  for (IndexDef& index : def.indexes) {
    TETRADB_SQL_ASSIGN_OR_RETURN(index.id, catalog_->AllocateId());
  }
  for (size_t i = 0; i < def.columns.size(); ++i) {
    def.columns[i].id = static_cast<uint32_t>(i + 1);
    def.columns[i].missing_value = Value::Null();
  }
  def.next_column_id = static_cast<uint32_t>(def.columns.size() + 1);
  if (def.auto_increment_start == 0) def.auto_increment_start = 1;
  return catalog_->Put(std::move(def));
}

// --- DROP TABLE ----------------------------------------------------------------

SqlStatus Database::DropTable(std::string_view name, bool if_exists,
                              const std::vector<std::string>& also_dropping) {
  std::lock_guard<std::mutex> ddl(ddl_mu_);
  std::shared_ptr<const TableDef> def = catalog_->Find(name);
  if (!def) return if_exists ? SqlStatus::Ok() : SqlStatus(err::UnknownTable(name));
  for (const auto& child : catalog_->ReferencingTables(def->name)) {
    if (child->name == def->name) continue;
    if (std::find(also_dropping.begin(), also_dropping.end(), child->name) != also_dropping.end()) {
      continue;
    }
    for (const ForeignKeyDef& fk : child->foreign_keys) {
      if (fk.ref_table == def->name) return err::DropReferenced(def->name, fk.name, child->name);
    }
  }
  std::unique_lock<std::shared_mutex> statements;
  TETRADB_SQL_RETURN_IF_ERROR(LockTablesForDdl({def->id}, &statements));
  TETRADB_SQL_RETURN_IF_ERROR(catalog_->Remove(def->name));
  ForgetCounters(def->id);
  // The table is gone once its definition is; its data goes now, or at the
  // next Open (CollectGarbage) if this stops midway.
  DeletePrefix(engine_, Cf::kRows, RowKeyPrefix(def->id)).ok();
  for (const IndexDef& index : def->indexes) {
    DeletePrefix(engine_, Cf::kRowIndex, IndexKeyPrefix(index.id)).ok();
  }
  return SqlStatus::Ok();
}

// --- ADD COLUMN's value for existing rows ----------------------------------------

SqlStatus CheckAutoIncrement(const TableDef& def) {
  int auto_columns = 0;
  for (size_t i = 0; i < def.columns.size(); ++i) {
    if (!def.columns[i].auto_increment) continue;
    ++auto_columns;
    if (!IsKeyPrefix(def, {static_cast<uint32_t>(i)})) return err::BadAutoIncrement();
  }
  return auto_columns > 1 ? err::BadAutoIncrement() : SqlStatus::Ok();
}

SqlStatus FillMissingValue(Engine* engine, const TableDef& table, ColumnDef* column) {
  switch (column->default_value.kind) {
    case DefaultSpec::Kind::kConstant:
      column->missing_value = column->default_value.constant;
      break;
    case DefaultSpec::Kind::kCurrentTimestamp: {
      int64_t micros = engine->clock().NowMs() * 1000;
      int64_t unit = 1;
      for (int i = column->type.fsp; i < 6; ++i) unit *= 10;
      column->missing_value = Value::DateTimeV(DateTime{micros - micros % unit, column->type.fsp});
      break;
    }
    case DefaultSpec::Kind::kNone:
      column->missing_value = Value::Null();
      if (column->nullable) break;
      // NOT NULL without DEFAULT: the type's implicit default.
      if (IsTemporal(column->type.id)) {
        auto it = engine->NewIterator(Cf::kRows, KeyRange::Prefix(RowKeyPrefix(table.id)));
        it->SeekToFirst();
        if (it->Valid()) {
          bool date = column->type.id == TypeId::kDate;
          return err::IncorrectDatetime(date ? "date" : "datetime",
                                        date ? "0000-00-00" : "0000-00-00 00:00:00", column->name,
                                        1);
        }
      } else if (IsIntegerType(column->type.id) || column->type.id == TypeId::kDecimal) {
        TETRADB_SQL_ASSIGN_OR_RETURN(column->missing_value,
                                     StoreValue(column->type, Value::Int(0), column->name, 1));
      } else if (column->type.id == TypeId::kFloat || column->type.id == TypeId::kDouble) {
        column->missing_value = Value::Double(0);
      } else if (column->type.id == TypeId::kEnum) {
        if (!column->type.enum_values.empty()) {
          column->missing_value = Value::String(column->type.enum_values[0]);
        }
      } else if (column->type.id == TypeId::kJson) {
        column->missing_value = Value::String("null");
      } else {
        column->missing_value = Value::String("");
      }
      break;
  }
  return SqlStatus::Ok();
}

// --- ALTER TABLE ADD COLUMN ------------------------------------------------------

SqlStatus Database::AddColumn(std::string_view table, ColumnDef column, std::string_view after) {
  std::lock_guard<std::mutex> ddl(ddl_mu_);
  std::shared_ptr<const TableDef> old = catalog_->Find(table);
  if (!old) return err::NoSuchTable(table);
  std::unique_lock<std::shared_mutex> statements;
  TETRADB_SQL_RETURN_IF_ERROR(LockTablesForDdl({old->id}, &statements));
  TETRADB_SQL_RETURN_IF_ERROR(ValidateColumn(column));
  if (old->ColumnIndex(column.name) >= 0) return err::DuplicateColumn(column.name);
  // An AUTO_INCREMENT column must be a key, which ADD COLUMN alone cannot make.
  if (column.auto_increment) return err::BadAutoIncrement();

  uint32_t pos = static_cast<uint32_t>(old->columns.size());
  if (after ==
      "\x01"
      "FIRST") {
    pos = 0;
  } else if (!after.empty()) {
    int i = old->ColumnIndex(after);
    if (i < 0) return err::UnknownColumn(after, table);
    pos = static_cast<uint32_t>(i + 1);
  }

  TETRADB_SQL_RETURN_IF_ERROR(FillMissingValue(engine_, *old, &column));

  TableDef def = *old;
  column.id = def.next_column_id++;
  ShiftPositions(&def.primary_key, pos);
  for (IndexDef& index : def.indexes) ShiftPositions(&index.columns, pos);
  for (ForeignKeyDef& fk : def.foreign_keys) ShiftPositions(&fk.columns, pos);
  def.columns.insert(def.columns.begin() + pos, std::move(column));
  return catalog_->Put(std::move(def));
}

// --- TRUNCATE ----------------------------------------------------------------------

SqlStatus Database::Truncate(std::string_view table) {
  std::lock_guard<std::mutex> ddl(ddl_mu_);
  std::shared_ptr<const TableDef> old = catalog_->Find(table);
  if (!old) return err::NoSuchTable(table);
  for (const auto& child : catalog_->ReferencingTables(old->name)) {
    if (child->name == old->name) continue;
    for (const ForeignKeyDef& fk : child->foreign_keys) {
      if (fk.ref_table != old->name) continue;
      return Err(1701, "42000",
                 fmt::format("Cannot truncate a table referenced in a foreign key constraint "
                             "(`{}`.`{}`, {})",
                             kDatabaseName, child->name, DescribeForeignKey(*child, fk)));
    }
  }
  std::unique_lock<std::shared_mutex> statements;
  TETRADB_SQL_RETURN_IF_ERROR(LockTablesForDdl({old->id}, &statements));
  // Fresh ids make the table empty in one catalog write; the old rows are
  // then garbage, deleted now or at the next Open.
  TableDef def = *old;
  TETRADB_SQL_ASSIGN_OR_RETURN(def.id, catalog_->AllocateId());
  for (IndexDef& index : def.indexes) {
    TETRADB_SQL_ASSIGN_OR_RETURN(index.id, catalog_->AllocateId());
  }
  TETRADB_SQL_RETURN_IF_ERROR(catalog_->Put(std::move(def)));
  ForgetCounters(old->id);
  DeletePrefix(engine_, Cf::kRows, RowKeyPrefix(old->id)).ok();
  for (const IndexDef& index : old->indexes) {
    DeletePrefix(engine_, Cf::kRowIndex, IndexKeyPrefix(index.id)).ok();
  }
  return SqlStatus::Ok();
}

}  // namespace tetradb::rel
