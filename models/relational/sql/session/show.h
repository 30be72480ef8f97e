// SHOW TABLES, DESCRIBE / SHOW COLUMNS, SHOW CREATE TABLE and SHOW INDEX,
// printed as MySQL 8 prints them. Internal to the session layer. They read
// the catalog only: no transaction, no locks.
#pragma once

#include <string>

#include "models/relational/sql/execution/result_set.h"
#include "models/relational/sql/parser/ast.h"
#include "models/relational/storage/database.h"
#include "models/relational/types/sql_error.h"

namespace tetradb::rel::sql {

bool IsShow(StmtKind kind);

SqlResult<ResultSet> ExecuteShow(const Statement& stmt, Database* db);

// MySQL 8's SHOW CREATE TABLE text for `table`.
std::string ShowCreateTableText(const TableDef& table);

// SQL LIKE with % and _ (backslash escapes), case-sensitive.
bool LikeMatch(std::string_view pattern, std::string_view text);

}  // namespace tetradb::rel::sql
