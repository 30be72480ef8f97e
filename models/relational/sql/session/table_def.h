// Table definitions from CREATE TABLE / ALTER TABLE syntax: columns with
// their defaults, keys named as MySQL names them, foreign keys. Internal to
// the session layer (ddl.cc runs the statements).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "models/relational/sql/execution/executor.h"
#include "models/relational/sql/parser/ast.h"
#include "models/relational/storage/catalog.h"
#include "models/relational/storage/database.h"
#include "models/relational/types/sql_error.h"

namespace tetradb::rel::sql {

// The definition CREATE TABLE asks for, checked as MySQL checks it (types,
// defaults, one primary key, key columns exist, index and foreign key
// names), before ids are assigned by Database::CreateTable. Indexes come in
// MySQL's order: unique NOT NULL, other unique, then plain; a foreign key
// without a usable index gets one, named as MySQL names it.
SqlResult<TableDef> BuildTableDef(const CreateTableStatement& stmt, ExecContext& ctx);

// A column from its declaration: type checked, DEFAULT evaluated and
// converted (1067 when it does not fit), `in_primary_key` forcing NOT NULL.
SqlResult<ColumnDef> BuildColumn(const ColumnSpec& spec, bool in_primary_key, ExecContext& ctx);

// A foreign key of `table` (columns final) from its syntax; an unnamed one
// is `<table>_ibfk_<n>` with n = (*next_number)++. Checks the name is free
// in the database (1826), columns exist (1072), the column counts match
// (1239) and SET NULL columns are nullable (1830).
SqlResult<ForeignKeyDef> BuildForeignKey(Database* db, const TableDef& table,
                                         const ConstraintSpec& spec, uint32_t* next_number);
// The index MySQL creates for a foreign key that has none: named after the
// constraint when it was named, else after its first column.
SqlResult<IndexDef> ForeignKeyIndex(const TableDef& table, const ConstraintSpec& spec,
                                    const std::vector<uint32_t>& columns);
// The largest n of the table's `<table>_ibfk_<n>` names (0 if none).
uint32_t MaxGeneratedFkNumber(std::string_view table, const std::vector<ForeignKeyDef>& fks);

// --- Lookups (column and index names are case-insensitive) ----------------

bool IEquals(std::string_view a, std::string_view b);
int FindColumn(const std::vector<ColumnDef>& columns, std::string_view name);
const IndexDef* FindIndex(const TableDef& table, std::string_view name);
// Positions of `names` (1072 Key column doesn't exist for a missing one).
SqlResult<std::vector<uint32_t>> ResolveColumns(const std::vector<ColumnDef>& columns,
                                                const std::vector<std::string>& names);
std::vector<std::string> Names(const std::vector<IndexColumn>& columns);
// True when `cols` lead the primary key or an index other than `skip`, in
// order: the index a foreign key needs on either side.
bool HasIndexFor(const TableDef& table, const std::vector<uint32_t>& cols,
                 const IndexDef* skip = nullptr);
// MySQL's name for an unnamed index: `base` (its first column), or base_2,
// base_3, ... when taken; PRIMARY is always taken.
std::string UniqueIndexName(std::string_view base, const std::vector<IndexDef>& indexes);
// Checks an explicit index name against the table's (1280, 1061).
SqlStatus CheckIndexName(std::string_view name, const std::vector<IndexDef>& indexes);

// 1280 42000 Incorrect index name 'x'
SqlError BadIndexName(std::string_view name);

}  // namespace tetradb::rel::sql
