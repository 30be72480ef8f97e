// DDL statements: CREATE/DROP/ALTER/TRUNCATE TABLE and CREATE/DROP INDEX,
// translated from the syntax tree into Database calls. Internal to the
// session layer.
//
// Each Database DDL call commits on its own and takes the statement lock
// exclusively, so the caller must hold no transaction and no statement
// lock. A statement made of several steps (ALTER TABLE with several actions,
// DROP TABLE a, b) runs them one after another: when a later step fails, the
// earlier ones stay done, as in MySQL before atomic DDL.
#pragma once

#include "models/relational/sql/execution/executor.h"
#include "models/relational/sql/execution/result_set.h"
#include "models/relational/sql/parser/ast.h"
#include "models/relational/types/sql_error.h"

namespace tetradb::rel::sql {

bool IsDdl(StmtKind kind);

// Runs one DDL statement (IsDdl(stmt.kind)). `ctx` gives the database and
// NOW() for DEFAULT expressions; ctx.txn is unused.
SqlResult<ResultSet> ExecuteDdl(const Statement& stmt, ExecContext& ctx);

}  // namespace tetradb::rel::sql
