// Expression evaluation over bound expressions.
//
// NULL follows SQL's three-valued logic: comparisons with NULL are NULL,
// AND/OR/NOT/XOR combine unknowns as SQL does, and a condition passes only
// when it is TRUE.
#pragma once

#include <vector>

#include "models/relational/sql/execution/executor.h"
#include "models/relational/sql/planner/bound_expr.h"
#include "models/relational/types/sql_error.h"
#include "models/relational/types/value.h"

namespace tetradb::rel::sql {

// The row an expression sees: the joined row of its block (or, after
// grouping, a group's first row and its aggregate results, and after the
// window stage its window function results), chained to the rows of the
// enclosing blocks for correlated references.
struct Frame {
  const Value* row = nullptr;
  const std::vector<Value>* aggs = nullptr;
  const Frame* outer = nullptr;
  // The block's window function results for this row (after the window
  // stage; see window.h).
  const std::vector<Value>* wins = nullptr;
};

struct EvalEnv {
  ExecContext* ctx = nullptr;
  const Frame* frame = nullptr;
  // ON DUPLICATE KEY UPDATE: the row that would have been inserted.
  const std::vector<Value>* insert_row = nullptr;
};

SqlResult<Value> Eval(const BoundExpr& e, const EvalEnv& env);
// TRUE only (FALSE and NULL are false).
SqlResult<bool> EvalTrue(const BoundExpr& e, const EvalEnv& env);
// All conditions TRUE.
SqlResult<bool> AllTrue(const std::vector<BoundPtr>& conds, const EvalEnv& env);

// IF / IFNULL / COALESCE / NULLIF / DATE_ADD / TIMESTAMPDIFF / ... (the
// registry's special functions): special_functions.cc.
SqlResult<Value> EvalSpecialFunction(const BoundExpr& e, const EvalEnv& env);

// --- Helpers shared with functions*.cc and dml ---

// CAST(v AS type), lenient as MySQL's CAST (not strict storage).
SqlResult<Value> CastValue(const Value& v, const ColumnType& type, std::string_view text);
// v LIKE pattern [ESCAPE escape], bytewise; `_` matches one UTF-8 character.
bool LikeMatch(std::string_view value, std::string_view pattern, char escape);
// base +/- n unit (DATE_ADD / DATE_SUB / + INTERVAL). NULL when out of range.
SqlResult<Value> AddIntervalValue(const Value& base, const Value& amount, IntervalUnit unit,
                                  bool subtract);
// JSON text nested deeper than MySQL's limit (100): refused before parsing.
bool JsonTooDeep(std::string_view text);
// doc -> path / ->> path.
SqlResult<Value> JsonExtractValue(const Value& doc, const Value& path, bool unquote);
// The values of a one-column subquery (IN (SELECT ...) used as key values).
SqlStatus SubqueryColumnValues(const SubqueryRef& ref, const EvalEnv& env, std::vector<Value>* out);
// Result of a comparison operator on two non-row values (NULL-aware).
Value CompareOp(BinaryOp op, const Value& a, const Value& b);

}  // namespace tetradb::rel::sql
