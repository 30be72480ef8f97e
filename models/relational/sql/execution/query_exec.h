// Running plans: the join of a block's sources (join_exec.cc), reading one
// base table through an access path (access.cc), and whole queries with
// grouping, sorting, DISTINCT, LIMIT and UNION (query_exec.cc).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "models/relational/sql/execution/eval.h"
#include "models/relational/sql/planner/plan.h"

namespace tetradb::rel::sql {

using ValueRow = std::vector<Value>;

// Called per row; returns false to stop early.
using RowFn = std::function<SqlResult<bool>(const ValueRow& row)>;

// Rows of `table` selected by `path` (a superset of the matching rows:
// callers still check the conditions), in the path's order. Key values are
// evaluated in `env` (earlier sources, enclosing blocks, parameters).
// `keyed`, when given, is set before the first row: true when the rows come
// through the key with bounds that decide the path's exact_conds (every key
// value an integer, or a string of one below 2^53), so those need no check;
// false when they must be checked (a scan, or other values).
SqlStatus ReadAccessPath(const TableDef& table, const AccessPath& path, const EvalEnv& env,
                         LockMode lock, const RowFn& fn, bool* keyed = nullptr);

// Every joined row of `plan` that passes its filters (before grouping), in
// join order. The row passed to `fn` is the block's joined row.
SqlStatus RunJoin(const SelectPlan& plan, ExecContext& ctx, const Frame* outer, const RowFn& fn);

// The rows a query returns. `max_rows` (0: no cap) lets EXISTS and scalar
// subqueries stop early.
SqlStatus RunQuery(const QueryPlan& plan, ExecContext& ctx, const Frame* outer, size_t max_rows,
                   std::vector<ValueRow>* out);

// The rows of one query block (a UNION member) with its own ORDER BY and
// LIMIT.
SqlStatus RunBlock(const SelectPlan& plan, ExecContext& ctx, const Frame* outer,
                   std::vector<ValueRow>* out);

// A WITH RECURSIVE CTE's rows (cte_exec.cc): the anchor, then rounds of
// the recursive members over the previous round's rows until one adds
// none; the CTE's LIMIT stops the rounds early. Fails with 3636 when a
// round beyond @@cte_max_recursion_depth (default 1000) would start, with
// 1406 for a string longer than the anchor's column allows.
SqlStatus RunRecursiveCte(const QueryPlan& plan, ExecContext& ctx, const Frame* outer,
                          size_t max_rows, std::vector<ValueRow>* out);

// Evaluates LIMIT / OFFSET expressions (non-negative integers).
SqlResult<uint64_t> EvalCount(const Expr* e, ExecContext& ctx, uint64_t if_absent);

// The value `key` sorts by in `env`: its expression's value, or for an ENUM
// key (SortKey::enum_values) the value's position in the list (0 for a
// value not in it, MySQL's error value ''); NULL stays NULL.
SqlResult<Value> EvalSortKey(const SortKey& key, const EvalEnv& env);

// Sorts `rows` by `keys` (parallel to rows) as ORDER BY does: NULLs first
// ascending, stable for ties. Fails (rows then in an unspecified order) when
// the statement of `ctx` is interrupted meanwhile.
SqlStatus SortRows(std::vector<ValueRow>* rows, std::vector<ValueRow>* keys,
                   const std::vector<bool>& desc, ExecContext& ctx);

}  // namespace tetradb::rel::sql
