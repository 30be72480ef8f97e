// ALTER TABLE planning (contract in ddl_alter_plan.h).
#include "models/relational/storage/ddl_alter_plan.h"

#include <fmt/format.h>

#include <algorithm>

#include "models/relational/storage/ddl_internal.h"
#include "models/relational/storage/row_keys.h"
#include "models/relational/storage/storage_util.h"
#include "models/relational/types/column_type.h"

namespace tetradb::rel {

SqlError InvalidUseOfNull() { return SqlError{1138, "22004", "Invalid use of NULL value"}; }

int ColumnById(const TableDef& def, uint32_t id) {
  for (size_t i = 0; i < def.columns.size(); ++i) {
    if (def.columns[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

std::vector<uint32_t> IdsOf(const TableDef& def, const std::vector<uint32_t>& positions) {
  std::vector<uint32_t> ids;
  for (uint32_t p : positions) ids.push_back(def.columns[p].id);
  return ids;
}

namespace {

constexpr std::string_view kFirst =
    "\x01"
    "FIRST";

SqlError Err(int code, std::string_view state, std::string message) {
  return SqlError{code, std::string(state), std::move(message)};
}

SqlError CantRemoveAllColumns() {
  return Err(1090, "42000",
             "You can't delete all columns with ALTER TABLE; use DROP TABLE instead");
}
SqlError FkColumnCannotDrop(std::string_view column, std::string_view fk) {
  return Err(
      1828, "HY000",
      fmt::format("Cannot drop column '{}': needed in a foreign key constraint '{}'", column, fk));
}
SqlError FkColumnCannotDropChild(std::string_view column, std::string_view fk,
                                 std::string_view child) {
  return Err(1829, "HY000",
             fmt::format("Cannot drop column '{}': needed in a foreign key constraint '{}' of "
                         "table '{}'",
                         column, fk, child));
}
SqlError FkIncompatible(std::string_view column, std::string_view ref, std::string_view fk) {
  return Err(3780, "HY000",
             fmt::format("Referencing column '{}' and referenced column '{}' in foreign key "
                         "constraint '{}' are incompatible.",
                         column, ref, fk));
}

// Whether rows may keep a value stored for `from` as a value of `to`:
// the same type, a wider integer of the same signedness, a longer string of
// the same kind. Key encodings depend only on what is compared here.
bool SameStoredValues(const ColumnType& from, const ColumnType& to) {
  if (from == to) return true;
  if (IsIntegerType(from.id) && IsIntegerType(to.id)) {
    return from.is_unsigned == to.is_unsigned &&
           static_cast<int>(to.id) >= static_cast<int>(from.id);
  }
  if (from.id != to.id) return false;
  switch (from.id) {
    case TypeId::kChar:
    case TypeId::kVarChar:
    case TypeId::kText:
    case TypeId::kBlob:
      return to.length >= from.length;
    default:
      return false;
  }
}

// Foreign key columns must have matching types (as CREATE TABLE checks).
bool FkTypesMatch(const ColumnType& a, const ColumnType& b) {
  if (IsStringType(a.id) && IsStringType(b.id)) return true;
  if (a.id != b.id) return false;
  if (IsIntegerType(a.id)) return a.is_unsigned == b.is_unsigned;
  if (a.id == TypeId::kDecimal) return a.precision == b.precision && a.scale == b.scale;
  return true;
}

bool Contains(const std::vector<uint32_t>& v, uint32_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

class AlterPlanner {
 public:
  AlterPlanner(Engine* engine, Catalog* catalog, const TableDef& old)
      : engine_(engine), catalog_(catalog), old_(old) {
    p_.def = old;
    p_.pk = IdsOf(old, old.primary_key);
    for (const IndexDef& index : old.indexes) p_.indexes.push_back(IdsOf(old, index.columns));
    for (const ForeignKeyDef& fk : old.foreign_keys) p_.fks.push_back(IdsOf(old, fk.columns));
  }

  SqlStatus Apply(AlterOp& op) {
    switch (op.kind) {
      case AlterOp::Kind::kDropColumn:
        return Drop(op.name);
      case AlterOp::Kind::kChangeColumn:
        return Change(op.name, std::move(op.column), op.after);
      case AlterOp::Kind::kRenameColumn:
        return RenameColumn(op.name, op.new_name);
      case AlterOp::Kind::kRenameTable:
        return RenameTable(op.new_name);
      case AlterOp::Kind::kAddColumn:
        return AddColumn(std::move(op.column), op.after);
      case AlterOp::Kind::kAddIndex:
        return AddIndex(std::move(op.index), op.columns);
      case AlterOp::Kind::kDropIndex:
        return DropIndex(op.name);
    }
    return err::Unknown("internal: unknown ALTER operation");
  }

  // Key positions from ids; checks what only the final definition can tell.
  SqlResult<AlterPlan> Finish() {
    TableDef& def = p_.def;
    auto positions = [&](const std::vector<uint32_t>& ids) {
      std::vector<uint32_t> out;
      for (uint32_t id : ids) out.push_back(static_cast<uint32_t>(ColumnById(def, id)));
      return out;
    };
    def.primary_key = positions(p_.pk);
    std::vector<IndexDef> indexes;
    std::vector<std::vector<uint32_t>> index_ids;
    for (size_t i = 0; i < def.indexes.size(); ++i) {
      if (p_.indexes[i].empty()) continue;  // every column dropped: the index goes
      IndexDef index = def.indexes[i];
      index.columns = positions(p_.indexes[i]);
      indexes.push_back(std::move(index));
      index_ids.push_back(p_.indexes[i]);
    }
    def.indexes = std::move(indexes);
    p_.indexes = std::move(index_ids);
    for (size_t i = 0; i < def.foreign_keys.size(); ++i) {
      def.foreign_keys[i].columns = positions(p_.fks[i]);
    }
    for (uint32_t pos : def.primary_key) def.columns[pos].nullable = false;
    TETRADB_SQL_RETURN_IF_ERROR(CheckAutoIncrement(def));
    if (!dropped_index_.empty()) TETRADB_SQL_RETURN_IF_ERROR(CheckForeignKeyIndexes());
    return std::move(p_);
  }

 private:
  // Foreign keys of other tables (and this one's own, when it references
  // itself) that reference this table, as (definition, fk) pairs to edit.
  std::vector<std::pair<TableDef*, ForeignKeyDef*>> Referencing() {
    std::vector<std::pair<TableDef*, ForeignKeyDef*>> out;
    for (const auto& child : catalog_->ReferencingTables(old_.name)) {
      if (child->id == old_.id) continue;
      auto it = p_.others.find(child->id);
      if (it == p_.others.end()) it = p_.others.emplace(child->id, *child).first;
      for (ForeignKeyDef& fk : it->second.foreign_keys) {
        if (fk.ref_table == p_.def.name || fk.ref_table == old_.name)
          out.push_back({&it->second, &fk});
      }
    }
    for (ForeignKeyDef& fk : p_.def.foreign_keys) {
      if (fk.ref_table == p_.def.name || fk.ref_table == old_.name) out.push_back({&p_.def, &fk});
    }
    return out;
  }

  SqlResult<int> Find(std::string_view name) {
    int pos = p_.def.ColumnIndex(name);
    if (pos < 0) return err::UnknownColumn(name, p_.def.name);
    return pos;
  }

  SqlStatus Drop(std::string_view name) {
    int pos = p_.def.ColumnIndex(name);
    if (pos < 0) return err::CantDrop(name);
    if (p_.def.columns.size() == 1) return CantRemoveAllColumns();
    const ColumnDef& column = p_.def.columns[pos];
    const uint32_t id = column.id;
    for (size_t i = 0; i < p_.fks.size(); ++i) {
      if (Contains(p_.fks[i], id))
        return FkColumnCannotDrop(column.name, p_.def.foreign_keys[i].name);
    }
    for (auto [table, fk] : Referencing()) {
      for (const std::string& ref : fk->ref_columns) {
        if (SameName(ref, column.name))
          return FkColumnCannotDropChild(column.name, fk->name, table->name);
      }
    }
    auto erase = [&](std::vector<uint32_t>* ids) {
      ids->erase(std::remove(ids->begin(), ids->end(), id), ids->end());
    };
    erase(&p_.pk);
    for (auto& ids : p_.indexes) erase(&ids);
    p_.converted.erase(id);
    p_.tightened.erase(id);
    p_.def.columns.erase(p_.def.columns.begin() + pos);
    return SqlStatus::Ok();
  }

  SqlStatus Change(std::string_view name, ColumnDef column, std::string_view after) {
    TETRADB_SQL_ASSIGN_OR_RETURN(int pos, Find(name));
    const ColumnDef current = p_.def.columns[pos];
    int taken = p_.def.ColumnIndex(column.name);
    if (taken >= 0 && taken != pos) return err::DuplicateColumn(column.name);
    TETRADB_SQL_RETURN_IF_ERROR(ValidateColumn(column));
    column.id = current.id;
    if (Contains(p_.pk, column.id)) column.nullable = false;
    // Values change with the type: compared with the stored (original) type.
    const int old_pos = ColumnById(old_, column.id);
    if (old_pos < 0) {
      TETRADB_SQL_RETURN_IF_ERROR(FillAdded(current, &column));
    } else {
      const ColumnDef& stored = old_.columns[old_pos];
      if (!SameStoredValues(stored.type, column.type)) {
        p_.converted.insert(column.id);
        column.missing_value = Value::Null();  // every row is written with the cell
      } else {
        p_.converted.erase(column.id);
        column.missing_value = stored.missing_value;
      }
      if (!column.nullable && stored.nullable) p_.tightened.insert(column.id);
      if (column.nullable) p_.tightened.erase(column.id);
    }
    if (!column.nullable) {
      for (size_t i = 0; i < p_.fks.size(); ++i) {
        const ForeignKeyDef& fk = p_.def.foreign_keys[i];
        bool set_null = fk.on_delete == FkAction::kSetNull || fk.on_update == FkAction::kSetNull;
        if (set_null && Contains(p_.fks[i], column.id)) {
          return Err(1830, "HY000",
                     fmt::format("Column '{}' cannot be NOT NULL: needed in a foreign key "
                                 "constraint '{}' SET NULL",
                                 column.name, fk.name));
        }
      }
    }
    if (column.type != current.type) TETRADB_SQL_RETURN_IF_ERROR(CheckFkTypes(current, column));
    if (current.name != column.name) RenameReferences(current.name, column.name);
    p_.def.columns[pos] = std::move(column);
    if (after.empty()) return SqlStatus::Ok();
    ColumnDef moved = std::move(p_.def.columns[pos]);
    p_.def.columns.erase(p_.def.columns.begin() + pos);
    size_t to = 0;
    if (after != kFirst) {
      int a = p_.def.ColumnIndex(after);
      if (a < 0) return err::UnknownColumn(after, p_.def.name);
      to = static_cast<size_t>(a + 1);
    }
    p_.def.columns.insert(p_.def.columns.begin() + to, std::move(moved));
    return SqlStatus::Ok();
  }

  // CHANGE/MODIFY of a column ADD COLUMN added in this statement: no row
  // has a cell for it, every row reads its fill value, converted here.
  SqlStatus FillAdded(const ColumnDef& current, ColumnDef* column) {
    Value fill = current.missing_value;
    if (!fill.is_null() && column->type != current.type) {
      TETRADB_SQL_ASSIGN_OR_RETURN(fill, StoreValue(column->type, fill, column->name, 1));
    }
    if (fill.is_null() && !column->nullable) {
      auto it = engine_->NewIterator(Cf::kRows, KeyRange::Prefix(RowKeyPrefix(old_.id)));
      it->SeekToFirst();
      if (it->Valid()) return InvalidUseOfNull();
    }
    column->missing_value = std::move(fill);
    return SqlStatus::Ok();
  }

  // A column of a foreign key, on either side, keeps a matching type.
  SqlStatus CheckFkTypes(const ColumnDef& current, const ColumnDef& changed) {
    for (size_t i = 0; i < p_.fks.size(); ++i) {
      const ForeignKeyDef& fk = p_.def.foreign_keys[i];
      for (size_t k = 0; k < p_.fks[i].size() && k < fk.ref_columns.size(); ++k) {
        if (p_.fks[i][k] != changed.id) continue;
        const TableDef* parent = nullptr;
        std::shared_ptr<const TableDef> stored;
        if (fk.ref_table == p_.def.name || fk.ref_table == old_.name) {
          parent = &p_.def;
        } else {
          stored = catalog_->Find(fk.ref_table);
          parent = stored.get();
        }
        if (!parent) continue;
        int ref = parent->ColumnIndex(fk.ref_columns[k]);
        if (ref < 0) continue;
        const ColumnType& ref_type = parent == &p_.def && parent->columns[ref].id == changed.id
                                         ? changed.type
                                         : parent->columns[ref].type;
        if (!FkTypesMatch(changed.type, ref_type)) {
          return FkIncompatible(changed.name, fk.ref_columns[k], fk.name);
        }
      }
    }
    for (auto [table, fk] : Referencing()) {
      for (size_t k = 0; k < fk->ref_columns.size() && k < fk->columns.size(); ++k) {
        if (!SameName(fk->ref_columns[k], current.name)) continue;
        const ColumnDef& child = table->columns[fk->columns[k]];
        if (table == &p_.def) continue;  // self reference: checked above
        if (!FkTypesMatch(child.type, changed.type)) {
          return FkIncompatible(child.name, changed.name, fk->name);
        }
      }
    }
    return SqlStatus::Ok();
  }

  void RenameReferences(const std::string& from, const std::string& to) {
    for (auto [table, fk] : Referencing()) {
      for (std::string& ref : fk->ref_columns) {
        if (SameName(ref, from)) ref = to;
      }
    }
  }

  SqlStatus RenameColumn(std::string_view name, const std::string& new_name) {
    TETRADB_SQL_ASSIGN_OR_RETURN(int pos, Find(name));
    int taken = p_.def.ColumnIndex(new_name);
    if (taken >= 0 && taken != pos) return err::DuplicateColumn(new_name);
    if (new_name.empty()) return Err(1166, "42000", "Incorrect column name ''");
    RenameReferences(p_.def.columns[pos].name, new_name);
    p_.def.columns[pos].name = new_name;
    return SqlStatus::Ok();
  }

  SqlStatus RenameTable(const std::string& new_name) {
    if (new_name == p_.def.name) return SqlStatus::Ok();
    if (new_name != old_.name && catalog_->Find(new_name)) return err::TableExists(new_name);
    for (auto [table, fk] : Referencing()) fk->ref_table = new_name;
    p_.def.name = new_name;
    return SqlStatus::Ok();
  }

  SqlStatus AddColumn(ColumnDef column, std::string_view after) {
    TETRADB_SQL_RETURN_IF_ERROR(ValidateColumn(column));
    if (p_.def.ColumnIndex(column.name) >= 0) return err::DuplicateColumn(column.name);
    // Existing rows would need values generated: not supported, as before.
    if (column.auto_increment) return err::BadAutoIncrement();
    size_t pos = p_.def.columns.size();
    if (after == kFirst) {
      pos = 0;
    } else if (!after.empty()) {
      int a = p_.def.ColumnIndex(after);
      if (a < 0) return err::UnknownColumn(after, p_.def.name);
      pos = static_cast<size_t>(a + 1);
    }
    TETRADB_SQL_RETURN_IF_ERROR(FillMissingValue(engine_, old_, &column));
    column.id = p_.def.next_column_id++;
    p_.def.columns.insert(p_.def.columns.begin() + pos, std::move(column));
    return SqlStatus::Ok();
  }

  SqlStatus AddIndex(IndexDef index, const std::vector<std::string>& names) {
    std::vector<uint32_t> ids;
    for (const std::string& name : names) {
      int pos = p_.def.ColumnIndex(name);
      if (pos < 0) return err::KeyColumnMissing(name);
      const ColumnDef& column = p_.def.columns[pos];
      if (Contains(ids, column.id)) return err::DuplicateColumn(column.name);
      ids.push_back(column.id);
    }
    if (ids.empty()) return err::Unknown("internal: index without columns");
    if (index.name.empty()) {
      index.name = FreeIndexName(p_.def, p_.def.columns[ColumnById(p_.def, ids[0])].name);
    } else if (SameName(index.name, "PRIMARY")) {
      return Err(1280, "42000", fmt::format("Incorrect index name '{}'", index.name));
    } else if (p_.def.FindIndex(index.name)) {
      return err::DuplicateKeyName(index.name);
    }
    index.id = 0;  // new: filled under a fresh id
    index.columns.clear();
    p_.def.indexes.push_back(std::move(index));
    p_.indexes.push_back(std::move(ids));
    return SqlStatus::Ok();
  }

  SqlStatus DropIndex(std::string_view name) {
    for (size_t i = 0; i < p_.def.indexes.size(); ++i) {
      if (!SameName(p_.def.indexes[i].name, name)) continue;
      dropped_index_ = p_.def.indexes[i].name;
      p_.def.indexes.erase(p_.def.indexes.begin() + i);
      p_.indexes.erase(p_.indexes.begin() + i);
      return SqlStatus::Ok();
    }
    return err::CantDrop(name);
  }

  // A foreign key keeps an index on its columns, on both sides (positions
  // final).
  SqlStatus CheckForeignKeyIndexes() {
    const TableDef& def = p_.def;
    auto refused = [&] {
      return Err(1553, "HY000",
                 fmt::format("Cannot drop index '{}': needed in a foreign key constraint",
                             dropped_index_));
    };
    for (const ForeignKeyDef& fk : def.foreign_keys) {
      if (!IsKeyPrefix(def, fk.columns)) return refused();
    }
    for (auto [table, fk] : Referencing()) {
      std::vector<uint32_t> ref;
      for (const std::string& name : fk->ref_columns) {
        int pos = def.ColumnIndex(name);
        if (pos >= 0) ref.push_back(static_cast<uint32_t>(pos));
      }
      if (ref.size() == fk->ref_columns.size() && !IsKeyPrefix(def, ref)) return refused();
    }
    return SqlStatus::Ok();
  }

  Engine* engine_;
  Catalog* catalog_;
  const TableDef& old_;
  AlterPlan p_;
  std::string dropped_index_;  // the last index DROP INDEX removed
};

}  // namespace

SqlResult<AlterPlan> PlanAlter(Engine* engine, Catalog* catalog, const TableDef& old,
                               std::vector<AlterOp> ops) {
  AlterPlanner planner(engine, catalog, old);
  for (AlterOp& op : ops) TETRADB_SQL_RETURN_IF_ERROR(planner.Apply(op));
  return planner.Finish();
}

}  // namespace tetradb::rel
