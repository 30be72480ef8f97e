// Runs DML and queries inside a transaction: binds names, plans (planner.h)
// and executes. The session (session.cc) owns transactions and DDL; this is
// everything that reads or writes rows.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/relational/storage/database.h"
#include "models/relational/sql/execution/interrupt.h"
#include "models/relational/sql/execution/result_set.h"
#include "models/relational/sql/parser/ast.h"
#include "models/relational/types/sql_error.h"
#include "models/relational/types/value.h"

namespace tetradb::rel::sql {

struct QueryPlan;

// A prepared SELECT's plan kept between executions. It stays valid while the
// catalog is at the version it was planned against (DDL changes the
// version); only parameter values differ from one execution to the next,
// and plans read them when they run. Belongs to one prepared statement of
// one session.
struct PlanCache {
  std::shared_ptr<QueryPlan> plan;
  const void* stmt = nullptr;  // the SelectStmt planned
  const Database* db = nullptr;
  uint64_t catalog_version = 0;
  bool only_full_group_by = true;  // sql_mode when planned: a change replans
};

struct ExecContext {
  Database* db = nullptr;
  RelTxn* txn = nullptr;                     // open for the statement's duration
  const std::vector<Value>* params = nullptr;  // `?` values, in order
  DateTime now;                              // NOW() / CURRENT_TIMESTAMP for the statement
  // LAST_INSERT_ID() reads it; an INSERT that generates a value sets it.
  uint64_t* last_insert_id = nullptr;
  std::string_view sql;                      // statement text (error positions)
  // Variables named in expressions, as the parser names them ("@@autocommit",
  // "@x"): the session's values. When unset or nullopt, common system
  // variables have MySQL's defaults (@@version_comment, @@autocommit, ...),
  // other @@ names are 1193, and user variables (@x) are NULL.
  std::function<std::optional<Value>(std::string_view name)> variables;
  // Set for prepared statements: ExecuteSelect reuses (and fills) it when
  // the plan holds no per-statement state (subqueries, derived tables,
  // variables bound at plan time).
  PlanCache* plan_cache = nullptr;
  // INSERT and UPDATE: division by zero is an error (1365), as in MySQL's
  // default strict mode with ERROR_FOR_DIVISION_BY_ZERO; elsewhere NULL.
  bool division_by_zero_fails = false;
  // The session's: KILL, max_execution_time and shutdown raise it; loops
  // over rows call CheckInterrupt() (see interrupt.h). Null: never.
  StatementInterrupt* interrupt = nullptr;
  // CONNECTION_ID(): the server's id of the client (0 when it has none).
  uint64_t connection_id = 0;
  // The statement's warnings, in order, for SHOW WARNINGS: the errors that
  // INSERT IGNORE / UPDATE IGNORE turned into warnings. Null: not kept.
  std::vector<SqlError>* warnings = nullptr;

  // Appends to `warnings` (nothing when they are not kept).
  void Warn(SqlError w) {
    if (warnings != nullptr) warnings->push_back(std::move(w));
  }

  // An error once the statement has been interrupted; cheap (interrupt.h).
  SqlStatus CheckInterrupt() {
    return interrupt != nullptr ? interrupt->Tick() : SqlStatus::Ok();
  }
};

// SELECT (with UNION): rows and column names as MySQL names them (alias, else
// the item's text, else the column name). FOR UPDATE locks the rows read.
SqlResult<ResultSet> ExecuteSelect(const SelectStmt& select, ExecContext& ctx);
// INSERT / REPLACE / INSERT IGNORE / ON DUPLICATE KEY UPDATE / INSERT ... SELECT.
// rows_affected counts as MySQL does (ON DUPLICATE KEY UPDATE: 1 per
// inserted row, 2 per updated row, 0 per unchanged row).
SqlResult<ResultSet> ExecuteInsert(const InsertStatement& insert, ExecContext& ctx);
// rows_affected: rows actually changed (MySQL's default: matched but
// unchanged rows are not counted).
SqlResult<ResultSet> ExecuteUpdate(const UpdateStatement& update, ExecContext& ctx);
SqlResult<ResultSet> ExecuteDelete(const DeleteStatement& del, ExecContext& ctx);
// EXPLAIN: one row per table access in join order, MySQL-like columns
// (id, select_type, table, type, possible_keys, key, key_len, ref, rows,
// filtered, Extra), `type` in const/eq_ref/ref/range/index/ALL and `key`
// naming the index used ("PRIMARY" for the primary key).
SqlResult<ResultSet> ExecuteExplain(const Statement& statement, ExecContext& ctx);

// Evaluates an expression that references no columns (DEFAULT values, SET
// values, LIMIT ?). ctx.txn may be null when the expression has no subquery.
SqlResult<Value> EvalConstant(const Expr& expr, ExecContext& ctx);

}  // namespace tetradb::rel::sql
