#include "models/relational/sql/session/table_def.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <vector>

#include "models/relational/types/column_type.h"

namespace tetradb::rel::sql {
namespace {

// --- MySQL errors of rare DDL checks, without an err:: factory -------------

SqlError BlobDefault(std::string_view column) {
  return SqlError{1101, "42000",
                  fmt::format("BLOB, TEXT, GEOMETRY or JSON column '{}' can't have a default "
                              "value",
                              column)};
}
SqlError BadAutoIncrementType(std::string_view column) {
  return SqlError{1063, "42000", fmt::format("Incorrect column specifier for column '{}'", column)};
}
SqlError BadOnUpdate(std::string_view column) {
  return SqlError{1294, "HY000", fmt::format("Invalid ON UPDATE clause for '{}' column", column)};
}
SqlError FkReferenceMismatch(std::string_view fk) {
  return SqlError{1239, "42000",
                  fmt::format("Incorrect foreign key definition for '{}': Key reference and "
                              "table reference don't match",
                              fk)};
}
SqlError DuplicateFkName(std::string_view fk) {
  return SqlError{1826, "HY000", fmt::format("Duplicate foreign key constraint name '{}'", fk)};
}
SqlError FkSetNullOnNotNull(std::string_view column, std::string_view fk) {
  return SqlError{1830, "HY000",
                  fmt::format("Column '{}' cannot be NOT NULL: needed in a foreign key "
                              "constraint '{}' SET NULL",
                              column, fk)};
}

// Foreign key names are unique across the database (case-insensitive).
bool FkNameTaken(Database* db, std::string_view name, const std::vector<ForeignKeyDef>& pending) {
  for (const ForeignKeyDef& fk : pending) {
    if (IEquals(fk.name, name)) return true;
  }
  for (const auto& table : db->catalog().Tables()) {
    for (const ForeignKeyDef& fk : table->foreign_keys) {
      if (IEquals(fk.name, name)) return true;
    }
  }
  return false;
}

// True when `cols` are the leading columns, in order, of `key`: the index a
// foreign key needs on either side.
bool IsPrefix(const std::vector<uint32_t>& cols, const std::vector<uint32_t>& key) {
  return !cols.empty() && cols.size() <= key.size() &&
         std::equal(cols.begin(), cols.end(), key.begin());
}

// MySQL's key order: unique keys over NOT NULL columns, other unique keys,
// then plain keys, each group in declaration order.
void SortIndexes(TableDef* def) {
  auto rank = [def](const IndexDef& index) {
    if (!index.unique) return 2;
    for (uint32_t c : index.columns) {
      if (def->columns[c].nullable) return 1;
    }
    return 0;
  };
  std::stable_sort(def->indexes.begin(), def->indexes.end(),
                   [&](const IndexDef& a, const IndexDef& b) { return rank(a) < rank(b); });
}

bool IsTimeType(const ColumnType& type) {
  return type.id == TypeId::kDateTime || type.id == TypeId::kTimestamp;
}

bool IsCurrentTimestamp(const Expr& e) {
  if (e.kind == ExprKind::kColumn) return e.table.empty() && IEquals(e.name, "CURRENT_TIMESTAMP");
  if (e.kind != ExprKind::kFunction) return false;
  return IEquals(e.name, "CURRENT_TIMESTAMP") || IEquals(e.name, "NOW") ||
         IEquals(e.name, "LOCALTIMESTAMP") || IEquals(e.name, "LOCALTIME");
}

// The fraction digits CURRENT_TIMESTAMP(n) asks for; -1 when not a constant.
int TimestampFsp(const Expr& e) {
  if (e.args.empty()) return 0;
  const Expr& arg = *e.args[0];
  if (e.args.size() != 1 || arg.kind != ExprKind::kLiteral ||
      arg.literal.kind() != ValueKind::kInt) {
    return -1;
  }
  return static_cast<int>(arg.literal.int_value());
}

SqlResult<DefaultSpec> BuildDefault(const Expr& expr, const ColumnDef& col, ExecContext& ctx) {
  DefaultSpec spec;
  if (IsCurrentTimestamp(expr)) {
    // MySQL wants the column's own precision: DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3).
    if (!IsTimeType(col.type) || TimestampFsp(expr) != col.type.fsp) {
      return err::InvalidDefault(col.name);
    }
    spec.kind = DefaultSpec::Kind::kCurrentTimestamp;
    return spec;
  }
  SqlResult<Value> value = EvalConstant(expr, ctx);
  if (!value.ok()) return err::InvalidDefault(col.name);
  spec.kind = DefaultSpec::Kind::kConstant;
  if (value->is_null()) {
    if (!col.nullable) return err::InvalidDefault(col.name);
    return spec;
  }
  TypeId id = col.type.id;
  if (id == TypeId::kText || id == TypeId::kBlob || id == TypeId::kJson) {
    return BlobDefault(col.name);
  }
  SqlResult<Value> stored = StoreValue(col.type, *value, col.name, 1);
  if (!stored.ok()) return err::InvalidDefault(col.name);
  spec.constant = std::move(stored).value();
  return spec;
}

}  // namespace

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

SqlError BadIndexName(std::string_view name) {
  return SqlError{1280, "42000", fmt::format("Incorrect index name '{}'", name)};
}

int FindColumn(const std::vector<ColumnDef>& columns, std::string_view name) {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (IEquals(columns[i].name, name)) return static_cast<int>(i);
  }
  return -1;
}

const IndexDef* FindIndex(const TableDef& table, std::string_view name) {
  for (const IndexDef& index : table.indexes) {
    if (IEquals(index.name, name)) return &index;
  }
  return nullptr;
}

SqlResult<std::vector<uint32_t>> ResolveColumns(const std::vector<ColumnDef>& columns,
                                                const std::vector<std::string>& names) {
  std::vector<uint32_t> positions;
  for (const std::string& name : names) {
    int pos = FindColumn(columns, name);
    if (pos < 0) return err::KeyColumnMissing(name);
    positions.push_back(static_cast<uint32_t>(pos));
  }
  return positions;
}

std::vector<std::string> Names(const std::vector<IndexColumn>& columns) {
  std::vector<std::string> names;
  for (const IndexColumn& c : columns) names.push_back(c.name);
  return names;
}

bool HasIndexFor(const TableDef& table, const std::vector<uint32_t>& cols, const IndexDef* skip) {
  if (IsPrefix(cols, table.primary_key)) return true;
  for (const IndexDef& index : table.indexes) {
    if (&index != skip && IsPrefix(cols, index.columns)) return true;
  }
  return false;
}

// MySQL's name for an unnamed index: the first column's name, or name_2,
// name_3, ... when taken (PRIMARY is always taken).
std::string UniqueIndexName(std::string_view base, const std::vector<IndexDef>& indexes) {
  auto taken = [&](std::string_view name) {
    if (IEquals(name, "PRIMARY")) return true;
    return std::any_of(indexes.begin(), indexes.end(),
                       [&](const IndexDef& i) { return IEquals(i.name, name); });
  };
  if (!taken(base)) return std::string(base);
  for (int i = 2; i < 100; ++i) {
    std::string name = fmt::format("{}_{}", base, i);
    if (!taken(name)) return name;
  }
  return "not_specified";
}

// Checks an explicit index name against the table's names (1280, 1061).
SqlStatus CheckIndexName(std::string_view name, const std::vector<IndexDef>& indexes) {
  if (IEquals(name, "PRIMARY")) return BadIndexName(name);
  for (const IndexDef& index : indexes) {
    if (IEquals(index.name, name)) return err::DuplicateKeyName(name);
  }
  return SqlStatus::Ok();
}

// The largest n of the table's `<table>_ibfk_<n>` names (MySQL 8 numbers
// generated names after it).
uint32_t MaxGeneratedFkNumber(std::string_view table, const std::vector<ForeignKeyDef>& fks) {
  std::string prefix = fmt::format("{}_ibfk_", table);
  uint32_t max = 0;
  for (const ForeignKeyDef& fk : fks) {
    if (fk.name.size() <= prefix.size() || !IEquals(fk.name.substr(0, prefix.size()), prefix)) {
      continue;
    }
    std::string digits = fk.name.substr(prefix.size());
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        digits.size() > 9) {
      continue;
    }
    max = std::max<uint32_t>(max, static_cast<uint32_t>(std::strtoul(digits.c_str(), nullptr, 10)));
  }
  return max;
}

SqlResult<ColumnDef> BuildColumn(const ColumnSpec& spec, bool in_primary_key, ExecContext& ctx) {
  TETRADB_SQL_RETURN_IF_ERROR(ValidateType(spec.type, spec.name));
  ColumnDef col;
  col.name = spec.name;
  col.type = spec.type;
  col.comment = spec.comment;
  col.auto_increment = spec.auto_increment;
  col.nullable = !(spec.not_null.value_or(false) || in_primary_key);
  if (spec.on_update_current_timestamp) {
    if (!IsTimeType(col.type)) return BadOnUpdate(col.name);
    col.on_update_current_timestamp = true;
  }
  if (spec.auto_increment) {
    TypeId id = col.type.id;
    if (!IsIntegerType(id) && id != TypeId::kFloat && id != TypeId::kDouble) {
      return BadAutoIncrementType(col.name);
    }
    if (spec.default_value) return err::InvalidDefault(col.name);
  }
  if (spec.default_value) {
    TETRADB_SQL_ASSIGN_OR_RETURN(col.default_value, BuildDefault(*spec.default_value, col, ctx));
  }
  return col;
}

// A foreign key of `table` (whose columns are already final) from its
// syntax; `next_number` numbers generated names.
SqlResult<ForeignKeyDef> BuildForeignKey(Database* db, const TableDef& table,
                                         const ConstraintSpec& spec, uint32_t* next_number) {
  ForeignKeyDef fk;
  fk.name = spec.name.empty() ? fmt::format("{}_ibfk_{}", table.name, (*next_number)++) : spec.name;
  if (FkNameTaken(db, fk.name, table.foreign_keys)) return DuplicateFkName(fk.name);
  TETRADB_SQL_ASSIGN_OR_RETURN(fk.columns, ResolveColumns(table.columns, Names(spec.columns)));
  if (spec.ref_columns.size() != fk.columns.size()) return FkReferenceMismatch(fk.name);
  fk.ref_table = spec.ref_table;
  fk.ref_columns = spec.ref_columns;
  fk.on_delete = spec.on_delete;
  fk.on_update = spec.on_update;
  if (fk.on_delete == FkAction::kSetNull || fk.on_update == FkAction::kSetNull) {
    for (uint32_t c : fk.columns) {
      if (!table.columns[c].nullable) return FkSetNullOnNotNull(table.columns[c].name, fk.name);
    }
  }
  return fk;
}

// The index MySQL creates for a foreign key that has none: named after the
// constraint when it was named, else after its first column.
SqlResult<IndexDef> ForeignKeyIndex(const TableDef& table, const ConstraintSpec& spec,
                                    const std::vector<uint32_t>& columns) {
  IndexDef index;
  index.columns = columns;
  if (!spec.name.empty()) {
    TETRADB_SQL_RETURN_IF_ERROR(CheckIndexName(spec.name, table.indexes));
    index.name = spec.name;
  } else {
    index.name = UniqueIndexName(table.columns[columns[0]].name, table.indexes);
  }
  return index;
}

SqlResult<TableDef> BuildTableDef(const CreateTableStatement& stmt, ExecContext& ctx) {
  TableDef def;
  def.name = stmt.table;
  def.auto_increment_start = std::max<uint64_t>(1, stmt.auto_increment.value_or(1));

  for (size_t i = 0; i < stmt.columns.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (IEquals(stmt.columns[i].name, stmt.columns[j].name)) {
        return err::DuplicateColumn(stmt.columns[i].name);
      }
    }
  }

  // The primary key: one column's PRIMARY KEY or one PRIMARY KEY (...) clause.
  std::vector<std::string> pk_names;
  int pk_count = 0;
  for (const ColumnSpec& c : stmt.columns) {
    if (!c.primary_key) continue;
    ++pk_count;
    pk_names = {c.name};
  }
  for (const ConstraintSpec& c : stmt.constraints) {
    if (c.kind != ConstraintKind::kPrimaryKey) continue;
    ++pk_count;
    pk_names = Names(c.columns);
  }
  if (pk_count > 1) return err::MultiplePrimaryKey();
  for (const std::string& name : pk_names) {
    bool found = std::any_of(stmt.columns.begin(), stmt.columns.end(),
                             [&](const ColumnSpec& c) { return IEquals(c.name, name); });
    if (!found) return err::KeyColumnMissing(name);
  }

  for (const ColumnSpec& spec : stmt.columns) {
    bool in_pk = std::any_of(pk_names.begin(), pk_names.end(),
                             [&](const std::string& n) { return IEquals(n, spec.name); });
    TETRADB_SQL_ASSIGN_OR_RETURN(ColumnDef column, BuildColumn(spec, in_pk, ctx));
    def.columns.push_back(std::move(column));
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(def.primary_key, ResolveColumns(def.columns, pk_names));

  // Keys in the order written: column-level UNIQUE and table-level keys
  // interleave by position in the text, which decides generated names.
  struct KeySource {
    size_t pos;
    const ColumnSpec* column;
    const ConstraintSpec* constraint;
  };
  std::vector<KeySource> keys;
  for (const ColumnSpec& c : stmt.columns) {
    if (c.unique) keys.push_back({c.pos, &c, nullptr});
  }
  for (const ConstraintSpec& c : stmt.constraints) {
    if (c.kind == ConstraintKind::kUnique || c.kind == ConstraintKind::kIndex) {
      keys.push_back({c.pos, nullptr, &c});
    }
  }
  std::stable_sort(keys.begin(), keys.end(),
                   [](const KeySource& a, const KeySource& b) { return a.pos < b.pos; });
  for (const KeySource& key : keys) {
    IndexDef index;
    if (key.column) {
      index.unique = true;
      index.columns = {static_cast<uint32_t>(FindColumn(def.columns, key.column->name))};
      index.name = UniqueIndexName(key.column->name, def.indexes);
    } else {
      index.unique = key.constraint->kind == ConstraintKind::kUnique;
      TETRADB_SQL_ASSIGN_OR_RETURN(index.columns,
                                   ResolveColumns(def.columns, Names(key.constraint->columns)));
      if (key.constraint->name.empty()) {
        index.name = UniqueIndexName(def.columns[index.columns[0]].name, def.indexes);
      } else {
        TETRADB_SQL_RETURN_IF_ERROR(CheckIndexName(key.constraint->name, def.indexes));
        index.name = key.constraint->name;
      }
    }
    def.indexes.push_back(std::move(index));
  }

  uint32_t next_fk_number = 1;
  for (const ConstraintSpec& spec : stmt.constraints) {
    if (spec.kind != ConstraintKind::kForeignKey) continue;
    TETRADB_SQL_ASSIGN_OR_RETURN(ForeignKeyDef fk,
                                 BuildForeignKey(ctx.db, def, spec, &next_fk_number));
    if (!HasIndexFor(def, fk.columns)) {
      TETRADB_SQL_ASSIGN_OR_RETURN(IndexDef index, ForeignKeyIndex(def, spec, fk.columns));
      def.indexes.push_back(std::move(index));
    }
    def.foreign_keys.push_back(std::move(fk));
  }
  SortIndexes(&def);
  return def;
}

}  // namespace tetradb::rel::sql
