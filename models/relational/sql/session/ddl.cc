#include "models/relational/sql/session/ddl.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "models/relational/sql/session/table_def.h"
#include "models/relational/storage/database.h"

namespace tetradb::rel::sql {
namespace {

// The "\x01FIRST" marker Database::AddColumn takes for ADD COLUMN ... FIRST.
constexpr std::string_view kFirstMarker =
    "\x01"
    "FIRST";

SqlError IndexNeededByFk(std::string_view index) {
  return SqlError{1553, "HY000",
                  fmt::format("Cannot drop index '{}': needed in a foreign key constraint", index)};
}

// --- Statements ------------------------------------------------------------

SqlResult<ResultSet> CreateTable(const CreateTableStatement& stmt, ExecContext& ctx) {
  if (ctx.db->catalog().Find(stmt.table)) {
    if (stmt.if_not_exists) return ResultSet{};
    return err::TableExists(stmt.table);
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(TableDef def, BuildTableDef(stmt, ctx));
  TETRADB_SQL_RETURN_IF_ERROR(ctx.db->CreateTable(std::move(def), stmt.if_not_exists));
  return ResultSet{};
}

SqlResult<ResultSet> DropTables(const DropTableStatement& stmt, ExecContext& ctx) {
  Catalog& catalog = ctx.db->catalog();
  std::vector<std::string> missing;
  std::vector<std::string> present;
  for (size_t i = 0; i < stmt.tables.size(); ++i) {
    const std::string& name = stmt.tables[i];
    if (std::find(stmt.tables.begin(), stmt.tables.begin() + i, name) != stmt.tables.begin() + i) {
      return SqlError{1066, "42000", fmt::format("Not unique table/alias: '{}'", name)};
    }
    (catalog.Find(name) ? present : missing).push_back(name);
  }
  if (!missing.empty() && !stmt.if_exists) {
    // MySQL names them all: Unknown table 'db.a,db.b'.
    std::string joined = missing[0];
    for (size_t i = 1; i < missing.size(); ++i) {
      joined += fmt::format(",{}.{}", kDatabaseName, missing[i]);
    }
    return err::UnknownTable(joined);
  }
  // Refuse before dropping anything, so a refused statement drops nothing.
  auto in_statement = [&](const std::string& name) {
    return std::find(present.begin(), present.end(), name) != present.end();
  };
  for (const std::string& name : present) {
    for (const auto& child : catalog.ReferencingTables(name)) {
      if (in_statement(child->name)) continue;
      for (const ForeignKeyDef& fk : child->foreign_keys) {
        if (fk.ref_table == name) return err::DropReferenced(name, fk.name, child->name);
      }
    }
  }
  for (const std::string& name : present) {
    std::vector<std::string> others;
    for (const std::string& other : present) {
      if (other != name) others.push_back(other);
    }
    TETRADB_SQL_RETURN_IF_ERROR(ctx.db->DropTable(name, stmt.if_exists, others));
  }
  return ResultSet{};
}

SqlStatus AddIndex(Database* db, const TableDef& table, std::string name,
                   const std::vector<std::string>& columns, bool unique, bool if_not_exists) {
  IndexDef index;
  index.unique = unique;
  TETRADB_SQL_ASSIGN_OR_RETURN(index.columns, ResolveColumns(table.columns, columns));
  if (name.empty()) {
    index.name = UniqueIndexName(table.columns[index.columns[0]].name, table.indexes);
  } else {
    if (if_not_exists && FindIndex(table, name)) return SqlStatus::Ok();
    TETRADB_SQL_RETURN_IF_ERROR(CheckIndexName(name, table.indexes));
    index.name = std::move(name);
  }
  return db->CreateIndex(table.name, std::move(index), if_not_exists);
}

SqlStatus DropIndex(Database* db, const TableDef& table, std::string_view name) {
  if (IEquals(name, "PRIMARY")) {
    if (table.primary_key.empty()) return err::CantDrop(name);
    return err::NotSupported("ALTER TABLE ... DROP PRIMARY KEY");
  }
  const IndexDef* index = FindIndex(table, name);
  if (!index) return err::CantDrop(name);
  // A foreign key must keep an index on both sides.
  for (const ForeignKeyDef& fk : table.foreign_keys) {
    if (!HasIndexFor(table, fk.columns, index)) return IndexNeededByFk(index->name);
  }
  for (const auto& child : db->catalog().ReferencingTables(table.name)) {
    for (const ForeignKeyDef& fk : child->foreign_keys) {
      if (fk.ref_table != table.name) continue;
      SqlResult<std::vector<uint32_t>> ref = ResolveColumns(table.columns, fk.ref_columns);
      if (ref.ok() && !HasIndexFor(table, *ref, index)) return IndexNeededByFk(index->name);
    }
  }
  return db->DropIndex(table.name, index->name);
}

SqlStatus AddForeignKey(Database* db, const TableDef& table, const ConstraintSpec& spec) {
  uint32_t next_number = MaxGeneratedFkNumber(table.name, table.foreign_keys) + 1;
  TETRADB_SQL_ASSIGN_OR_RETURN(ForeignKeyDef fk, BuildForeignKey(db, table, spec, &next_number));
  // Create the child-side index first (Database checks it exists), and take
  // it away again if the constraint is refused.
  std::string added_index;
  if (!HasIndexFor(table, fk.columns)) {
    TETRADB_SQL_ASSIGN_OR_RETURN(IndexDef index, ForeignKeyIndex(table, spec, fk.columns));
    added_index = index.name;
    TETRADB_SQL_RETURN_IF_ERROR(db->CreateIndex(table.name, std::move(index)));
  }
  SqlStatus status = db->AddForeignKey(table.name, std::move(fk));
  if (!status.ok() && !added_index.empty()) {
    (void)db->DropIndex(table.name, added_index);
  }
  return status;
}

SqlStatus AlterAddColumn(ExecContext& ctx, const TableDef& table, const AlterAction& action) {
  const ColumnSpec& spec = action.column;
  if (FindColumn(table.columns, spec.name) >= 0) return err::DuplicateColumn(spec.name);
  if (spec.primary_key) {
    if (!table.primary_key.empty()) return err::MultiplePrimaryKey();
    return err::NotSupported("ALTER TABLE ... ADD PRIMARY KEY");
  }
  if (!action.after.empty() && FindColumn(table.columns, action.after) < 0) {
    return err::UnknownColumn(action.after, table.name);
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(ColumnDef column, BuildColumn(spec, false, ctx));
  std::string_view after = action.first ? kFirstMarker : std::string_view(action.after);
  TETRADB_SQL_RETURN_IF_ERROR(ctx.db->AddColumn(table.name, std::move(column), after));
  if (!spec.unique) return SqlStatus::Ok();
  auto updated = ctx.db->catalog().Find(table.name);
  if (!updated) return err::NoSuchTable(table.name);
  return AddIndex(ctx.db, *updated, "", {spec.name}, /*unique=*/true, false);
}

// The actions Database::AlterTable applies together; the others (ADD
// FOREIGN KEY, ADD/DROP PRIMARY KEY) run one by one.
bool Groupable(const AlterAction& action) {
  switch (action.kind) {
    case AlterKind::kAddColumn:
      return !action.column.primary_key;
    case AlterKind::kDropIndex:
      return !IEquals(action.index_name, "PRIMARY");
    case AlterKind::kAddConstraint:
      return action.constraint.kind == ConstraintKind::kIndex ||
             action.constraint.kind == ConstraintKind::kUnique;
    default:
      return true;
  }
}

AlterOp UniqueIndexOp(const std::string& column) {
  AlterOp op;
  op.kind = AlterOp::Kind::kAddIndex;
  op.index.unique = true;
  op.columns = {column};
  return op;
}

// The Database::AlterTable operations of one action (a column-level UNIQUE
// adds an index operation after the column's).
SqlStatus AppendAlterOps(ExecContext& ctx, const TableDef& table, const AlterAction& action,
                         std::vector<AlterOp>* ops) {
  AlterOp op;
  op.name = action.column_name;
  op.new_name = action.new_name;
  const ColumnSpec& spec = action.column;
  switch (action.kind) {
    case AlterKind::kDropColumn:
      op.kind = AlterOp::Kind::kDropColumn;
      break;
    case AlterKind::kRenameColumn:
      op.kind = AlterOp::Kind::kRenameColumn;
      break;
    case AlterKind::kRenameTable:
      op.kind = AlterOp::Kind::kRenameTable;
      break;
    case AlterKind::kDropIndex:
      op.kind = AlterOp::Kind::kDropIndex;
      op.name = action.index_name;
      break;
    case AlterKind::kAddConstraint:
      op.kind = AlterOp::Kind::kAddIndex;
      op.index.name = action.constraint.name;
      op.index.unique = action.constraint.kind == ConstraintKind::kUnique;
      op.columns = Names(action.constraint.columns);
      break;
    case AlterKind::kAddColumn:
    case AlterKind::kChangeColumn: {
      const bool add = action.kind == AlterKind::kAddColumn;
      op.kind = add ? AlterOp::Kind::kAddColumn : AlterOp::Kind::kChangeColumn;
      if (spec.primary_key) {
        // MODIFY of the column that is already the whole primary key: kept.
        int pos = FindColumn(table.columns, action.column_name);
        bool is_pk = !add && pos >= 0 && table.primary_key.size() == 1 &&
                     table.primary_key[0] == static_cast<uint32_t>(pos);
        if (!is_pk) {
          if (!table.primary_key.empty()) return err::MultiplePrimaryKey();
          return err::NotSupported("ALTER TABLE ... ADD PRIMARY KEY");
        }
      }
      op.after = action.first ? std::string(kFirstMarker) : action.after;
      TETRADB_SQL_ASSIGN_OR_RETURN(op.column, BuildColumn(spec, spec.primary_key, ctx));
      ops->push_back(std::move(op));
      if (spec.unique) ops->push_back(UniqueIndexOp(spec.name));
      return SqlStatus::Ok();
    }
  }
  ops->push_back(std::move(op));
  return SqlStatus::Ok();
}

// Consecutive groupable actions of one statement, applied together (all or
// none). Returns the table's name afterwards (RENAME TO changes it).
SqlResult<std::string> RunAlterGroup(ExecContext& ctx, const std::string& table_name,
                                     const std::vector<const AlterAction*>& actions) {
  auto table = ctx.db->catalog().Find(table_name);
  if (!table) return err::NoSuchTable(table_name);
  std::vector<AlterOp> ops;
  std::string name = table_name;
  for (const AlterAction* action : actions) {
    TETRADB_SQL_RETURN_IF_ERROR(AppendAlterOps(ctx, *table, *action, &ops));
    if (action->kind == AlterKind::kRenameTable) name = action->new_name;
  }
  TETRADB_SQL_RETURN_IF_ERROR(ctx.db->AlterTable(table_name, std::move(ops)));
  return name;
}

SqlStatus RunAlterAction(ExecContext& ctx, const std::string& table_name,
                         const AlterAction& action) {
  // Each action sees the definition the previous one published.
  auto table = ctx.db->catalog().Find(table_name);
  if (!table) return err::NoSuchTable(table_name);
  switch (action.kind) {
    case AlterKind::kAddColumn:
      return AlterAddColumn(ctx, *table, action);
    case AlterKind::kDropIndex:
      return DropIndex(ctx.db, *table, action.index_name);
    case AlterKind::kAddConstraint:
      break;
    default:
      return err::Unknown("internal: column ALTER outside its group");
  }
  const ConstraintSpec& spec = action.constraint;
  switch (spec.kind) {
    case ConstraintKind::kPrimaryKey:
      if (!table->primary_key.empty()) return err::MultiplePrimaryKey();
      return err::NotSupported("ALTER TABLE ... ADD PRIMARY KEY");
    case ConstraintKind::kUnique:
    case ConstraintKind::kIndex:
      return AddIndex(ctx.db, *table, spec.name, Names(spec.columns),
                      spec.kind == ConstraintKind::kUnique, false);
    case ConstraintKind::kForeignKey:
      return AddForeignKey(ctx.db, *table, spec);
  }
  return err::Unknown("unknown ALTER TABLE action");
}

}  // namespace

bool IsDdl(StmtKind kind) {
  switch (kind) {
    case StmtKind::kCreateTable:
    case StmtKind::kCreateIndex:
    case StmtKind::kDropTable:
    case StmtKind::kDropIndex:
    case StmtKind::kAlterTable:
    case StmtKind::kTruncate:
    case StmtKind::kRenameTable:
      return true;
    default:
      return false;
  }
}

SqlResult<ResultSet> ExecuteDdl(const Statement& stmt, ExecContext& ctx) {
  Database* db = ctx.db;
  switch (stmt.kind) {
    case StmtKind::kCreateTable:
      return CreateTable(static_cast<const CreateTableStatement&>(stmt), ctx);
    case StmtKind::kDropTable:
      return DropTables(static_cast<const DropTableStatement&>(stmt), ctx);
    case StmtKind::kAlterTable: {
      const auto& alter = static_cast<const AlterTableStatement&>(stmt);
      if (!db->catalog().Find(alter.table)) return err::NoSuchTable(alter.table);
      // Actions next to each other that Database::AlterTable knows go to it
      // together (all or none); the others run one by one.
      std::string name = alter.table;
      std::vector<const AlterAction*> group;
      for (size_t i = 0; i <= alter.actions.size(); ++i) {
        if (i < alter.actions.size() && Groupable(alter.actions[i])) {
          group.push_back(&alter.actions[i]);
          continue;
        }
        if (!group.empty()) {
          TETRADB_SQL_ASSIGN_OR_RETURN(name, RunAlterGroup(ctx, name, group));
          group.clear();
        }
        if (i < alter.actions.size()) {
          TETRADB_SQL_RETURN_IF_ERROR(RunAlterAction(ctx, name, alter.actions[i]));
        }
      }
      return ResultSet{};
    }
    case StmtKind::kRenameTable: {
      const auto& rename = static_cast<const RenameTableStatement&>(stmt);
      TETRADB_SQL_RETURN_IF_ERROR(db->RenameTables(rename.renames));
      return ResultSet{};
    }
    case StmtKind::kTruncate: {
      const auto& truncate = static_cast<const TruncateStatement&>(stmt);
      if (!db->catalog().Find(truncate.table)) return err::NoSuchTable(truncate.table);
      TETRADB_SQL_RETURN_IF_ERROR(db->Truncate(truncate.table));
      return ResultSet{};
    }
    case StmtKind::kCreateIndex: {
      const auto& create = static_cast<const CreateIndexStatement&>(stmt);
      auto table = db->catalog().Find(create.table);
      if (!table) return err::NoSuchTable(create.table);
      if (create.name.empty()) return BadIndexName(create.name);
      TETRADB_SQL_RETURN_IF_ERROR(AddIndex(db, *table, create.name, Names(create.columns),
                                           create.unique, create.if_not_exists));
      return ResultSet{};
    }
    case StmtKind::kDropIndex: {
      const auto& drop = static_cast<const DropIndexStatement&>(stmt);
      auto table = db->catalog().Find(drop.table);
      if (!table) return err::NoSuchTable(drop.table);
      TETRADB_SQL_RETURN_IF_ERROR(DropIndex(db, *table, drop.name));
      return ResultSet{};
    }
    default:
      return err::Unknown("not a DDL statement");
  }
}

}  // namespace tetradb::rel::sql
