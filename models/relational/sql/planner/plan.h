// The plan of a query: what the binder and planner produce and the executor
// runs.
//
// A QueryPlan is a UNION chain of SelectPlans (usually one). A SelectPlan is
// one query block: its sources (tables and derived tables, in FROM order,
// each owning a range of slots in the joined row), the join steps in
// execution order with their access paths and filters, then grouping,
// HAVING, projection, ORDER BY, DISTINCT and LIMIT.
//
// Filters are always re-checked on every row an access path returns, so an
// access path only narrows what is read; it never decides a predicate alone.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/relational/sql/planner/bound_expr.h"
#include "models/relational/storage/catalog.h"
#include "models/relational/storage/database.h"

namespace tetradb::rel::sql {

struct SelectPlan;

// The table the recursive members of a WITH RECURSIVE CTE read: the rows
// the previous round added (the anchor's rows in the first round). Shared by
// the CTE's QueryPlan, which sets `rows` before each round, and the members'
// sources that name the CTE.
struct CteWorkTable {
  std::string name;                  // the CTE's name (messages)
  std::vector<std::string> columns;  // the CTE's column names
  // Per column: the character limit of a string column as the anchor types
  // it (VARCHAR(n), a literal, CAST(... AS CHAR(n)), CONCAT of those), or
  // nullopt when none is known. A longer value from a recursive member is
  // 1406, as MySQL's strict mode refuses it from the CTE's temporary table.
  std::vector<std::optional<int64_t>> max_chars;
  mutable std::shared_ptr<std::vector<std::vector<Value>>> rows;
};

struct TableSource {
  std::string name;                     // table name; "" for a derived table
  std::string alias;                    // how the query qualifies it (alias, else name)
  std::shared_ptr<const TableDef> def;  // base table
  std::shared_ptr<QueryPlan> derived;   // derived table, or a CTE's query
  // A recursive member's reference to its own CTE: reads work->rows.
  std::shared_ptr<CteWorkTable> work;
  bool cte = false;                     // `derived` / `work` is a common table expression
  std::vector<std::string> columns;     // column names, in slot order
  int offset = 0;                       // first slot in the joined row
  int width = 0;
  JoinType join = JoinType::kNone;  // as written
  // JOIN ... USING: columns of this source hidden from unqualified lookup
  // (the left table's column answers).
  std::vector<bool> hidden;
  bool nullable = false;  // inner side of an outer join: may be NULL-extended
  // Rows of an uncorrelated derived table, materialized once per statement.
  mutable std::shared_ptr<std::vector<std::vector<Value>>> derived_rows;
};

enum class AccessType : uint8_t { kConst, kEqRef, kRef, kRange, kIndex, kAll };
const char* AccessTypeName(AccessType t);

// How one source is read. For base tables with a key: `key_eq[k]` holds the
// alternatives for key column k (one for `=`, several for IN lists); after
// the equality prefix an optional range on the next key column.
struct AccessPath {
  AccessType type = AccessType::kAll;
  bool use_key = false;             // false: scan everything (PK order)
  const IndexDef* index = nullptr;  // null with use_key: the primary key
  std::vector<std::vector<BoundPtr>> key_eq;
  BoundPtr range_lo, range_hi;  // null: unbounded
  bool lo_inclusive = true, hi_inclusive = true;
  bool reverse = false;           // descending scan (ORDER BY ... DESC)
  // Plain reads build the rows from the index entries alone, without
  // reading the rows (MarkIndexOnly): only the columns the block reads are
  // set, the others are NULL.
  bool index_only = false;
  bool depends_on_outer = false;  // key values come from earlier sources
  double rows = 1000;             // estimate (for join order and EXPLAIN)
  std::vector<int> used_conds;    // indexes into JoinStep::conds it covers
  // Of used_conds, those the key's bounds decide exactly, so that a row read
  // through the key needs no check of them (ReadAccessPath, `keyed`): a
  // comparison or BETWEEN of an integer key column whose every bound the
  // key took.
  std::vector<int> exact_conds;

  std::string KeyName() const;  // "PRIMARY" or the index name
};

struct JoinStep {
  int source = 0;
  AccessPath access;
  // Checked on each row read (ON conditions, WHERE conjuncts over non-NULL-
  // extendable sources).
  std::vector<BoundPtr> conds;
  // conds without the access path's exact_conds: what a row read through
  // the key still has to pass.
  std::vector<BoundPtr> keyed_conds;
  // Outer join group: this step starts a group of sources [this, group_end]
  // that is NULL-extended when no combination of them matches.
  int group_end = -1;
  // Hash join / cached inner: the source is read once (access does not
  // depend on earlier sources) and probed by `hash_outer` = `hash_inner`.
  bool cache_rows = false;
  std::vector<BoundPtr> hash_inner;        // over this source only
  std::vector<BoundPtr> hash_outer;        // over earlier sources
  std::vector<std::string> possible_keys;  // EXPLAIN
};

enum class AggKind : uint8_t {
  kCountStar,
  kCount,
  kSum,
  kAvg,
  kMin,
  kMax,
  kGroupConcat,
  kBitAnd,
  kBitOr,
  kBitXor,
  kStd,
  kVariance
};

// One ORDER BY key. MySQL sorts an ENUM column by the value's position in
// the column's list (1, 2, ...; the error value '' is 0; NULL first), while
// an expression over it (CONCAT(e), CAST(e AS CHAR)) and a UNION column sort
// as strings. `enum_values` is set only for a plain reference to an ENUM
// column of a base table (directly, through a select alias or ordinal, or
// through a derived table's column): the key then compares by position.
// Secondary indexes store ENUMs as strings, so such a key is never served
// by index order.
struct SortKey {
  BoundPtr expr;
  bool desc = false;
  const std::vector<std::string>* enum_values = nullptr;  // the column's list
};

struct AggregateSpec {
  AggKind kind = AggKind::kCount;
  bool distinct = false;
  std::vector<BoundPtr> args;
  std::string separator = ",";
  std::vector<SortKey> order_by;  // GROUP_CONCAT(... ORDER BY x DESC)
  const Expr* ast = nullptr;
};

// --- Window functions (planner/window_binder.cc, execution/window.cc) ---

enum class WindowFnKind : uint8_t {
  kRowNumber,
  kRank,
  kDenseRank,
  kPercentRank,
  kCumeDist,
  kNtile,
  kLag,
  kLead,
  kFirstValue,
  kLastValue,
  kNthValue,
  kAggregate,  // SUM, AVG, COUNT, MIN, MAX, ... OVER (...)
};

// One frame bound with its offset (ROWS: a row count; RANGE: the amount
// added to / subtracted from the ORDER BY key, or an INTERVAL's amount).
struct WindowBound {
  FrameBoundKind kind = FrameBoundKind::kCurrentRow;
  BoundPtr offset;  // kPreceding / kFollowing; constant, evaluated per statement
  bool interval = false;
  IntervalUnit unit = IntervalUnit::kDay;
};

// A window the block's rows are sorted by: PARTITION BY keys, then ORDER BY
// keys, and the frame its functions read. Without a frame clause MySQL's
// default applies: with ORDER BY, RANGE UNBOUNDED PRECEDING to CURRENT ROW
// (peers included); without, the whole partition.
struct WindowPlan {
  std::string name;  // for messages: the WINDOW clause's name or "<unnamed window>"
  std::vector<BoundPtr> partition_by;
  std::vector<SortKey> order_by;
  FrameUnits units = FrameUnits::kRange;
  WindowBound start, end;
};

struct WindowFunc {
  WindowFnKind kind = WindowFnKind::kRowNumber;
  int window = 0;              // index into SelectPlan::windows
  std::vector<BoundPtr> args;  // the value argument (LAG/LEAD/FIRST/LAST/NTH_VALUE)
  // NTILE's buckets, LAG/LEAD's offset (default 1), NTH_VALUE's position:
  // constant for the statement.
  BoundPtr n;
  BoundPtr default_value;  // LAG / LEAD: for rows outside the partition
  AggregateSpec agg;       // kAggregate
  const Expr* ast = nullptr;
};

// One column of an unqualified `SELECT *` over joins with USING / NATURAL:
// column `column` of source `source`.
struct StarColumn {
  int source = 0;
  int column = 0;
};

struct SelectPlan {
  const SelectStmt* stmt = nullptr;
  int id = 0;  // EXPLAIN's id (textual order of SELECT keywords)
  std::vector<TableSource> sources;
  int width = 0;
  // A join with USING / NATURAL: an unqualified `SELECT *` lists
  // star_columns (coalesced common columns first, see join_columns.cc)
  // rather than every source's columns in FROM order.
  bool coalesced_star = false;
  std::vector<StarColumn> star_columns;
  std::vector<JoinStep> steps;          // execution order
  std::vector<BoundPtr> pre_filters;    // reference no source: checked once
  std::vector<BoundPtr> final_filters;  // after all joins (NULL-extended sources)

  bool aggregated = false;
  std::vector<BoundPtr> group_by;
  // GROUP BY ... WITH ROLLUP: besides each group, one super-aggregate row per
  // distinct prefix of the GROUP BY keys (and a grand total), after the
  // groups they sum up, ordered by the keys. A grouped row is then `width`
  // slots of a group's first row, n key slots (GROUP BY expression k's
  // value, NULL where rolled up) and n flag slots (1 where rolled up): the
  // select list, HAVING, ORDER BY and windows read the keys from there
  // (planner/rollup.cc, execution/query_exec.cc).
  bool rollup = false;
  std::vector<AggregateSpec> aggregates;
  BoundPtr having;

  // Window functions: computed over the rows left after grouping and
  // HAVING, before projection, DISTINCT, ORDER BY and LIMIT.
  std::vector<WindowPlan> windows;
  std::vector<WindowFunc> window_funcs;

  std::vector<BoundPtr> projection;
  std::vector<std::string> column_names;
  std::vector<SortKey> order_by;
  bool order_by_index = false;  // rows arrive already in ORDER BY order
  bool distinct = false;
  const Expr* limit = nullptr;
  const Expr* offset = nullptr;
  LockMode lock = LockMode::kNone;

  bool correlated = false;  // references enclosing blocks
  // Subqueries and derived tables directly inside this block (EXPLAIN).
  std::vector<std::shared_ptr<SubqueryRef>> subqueries;
  // Slots read by the query (for EXPLAIN's "Using index").
  std::vector<bool> used_slots;
};

struct QueryPlan {
  std::vector<std::unique_ptr<SelectPlan>> parts;
  std::vector<bool> union_all;  // union_all[i]: how parts[i+1] joins (true: ALL)
  std::vector<std::string> column_names;
  // ORDER BY / LIMIT after a UNION: over the union's result columns.
  std::vector<SortKey> order_by;
  const Expr* limit = nullptr;
  const Expr* offset = nullptr;
  bool correlated = false;
  bool dependent = false;  // EXPLAIN: subquery depends on the outer row

  // WITH RECURSIVE: parts[0, first_recursive) are the anchor, run once; the
  // others run again and again over the rows the previous round added
  // (`work`) until a round adds none. -1: an ordinary query.
  int first_recursive = -1;
  std::shared_ptr<CteWorkTable> work;
  // A recursive member joins with UNION DISTINCT: every row is kept once
  // (the anchor's too), which also ends cycles.
  bool recursive_distinct = false;
  // Rows of an uncorrelated plan shared by several sources (a CTE named
  // more than once), materialized once per statement.
  mutable std::shared_ptr<std::vector<std::vector<Value>>> shared_rows;
};

}  // namespace tetradb::rel::sql
