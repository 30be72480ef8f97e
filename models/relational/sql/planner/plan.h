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

struct TableSource {
  std::string name;                     // table name; "" for a derived table
  std::string alias;                    // how the query qualifies it (alias, else name)
  std::shared_ptr<const TableDef> def;  // base table
  std::shared_ptr<QueryPlan> derived;   // derived table
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
  bool depends_on_outer = false;  // key values come from earlier sources
  double rows = 1000;             // estimate (for join order and EXPLAIN)
  std::vector<int> used_conds;    // indexes into JoinStep::conds it covers

  std::string KeyName() const;  // "PRIMARY" or the index name
};

struct JoinStep {
  int source = 0;
  AccessPath access;
  // Checked on each row read (ON conditions, WHERE conjuncts over non-NULL-
  // extendable sources).
  std::vector<BoundPtr> conds;
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

struct SelectPlan {
  const SelectStmt* stmt = nullptr;
  int id = 0;  // EXPLAIN's id (textual order of SELECT keywords)
  std::vector<TableSource> sources;
  int width = 0;
  std::vector<JoinStep> steps;          // execution order
  std::vector<BoundPtr> pre_filters;    // reference no source: checked once
  std::vector<BoundPtr> final_filters;  // after all joins (NULL-extended sources)

  bool aggregated = false;
  std::vector<BoundPtr> group_by;
  std::vector<AggregateSpec> aggregates;
  BoundPtr having;

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
};

}  // namespace tetradb::rel::sql
