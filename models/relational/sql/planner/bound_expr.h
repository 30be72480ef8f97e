// Bound expressions: the syntax tree's expressions with every name resolved.
// A column is a slot in the joined row of its query block (or of an
// enclosing block, `depth` levels out, for correlated subqueries); a function
// is its registry entry; an aggregate is an index into the block's
// aggregate results. Bound trees are immutable once built and may be shared
// (a select alias used again in ORDER BY points at the item's tree).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "models/relational/sql/parser/ast.h"
#include "models/relational/storage/catalog.h"
#include "models/relational/types/value.h"

namespace tetradb::rel::sql {

struct BoundExpr;
struct QueryPlan;
struct FunctionDef;
using BoundPtr = std::shared_ptr<const BoundExpr>;

enum class BoundKind : uint8_t {
  kConst,        // value
  kParam,        // index: position in ExecContext::params
  kColumn,       // index: slot; depth: 0 own block, n: n-th enclosing block
  kAggRef,       // index: aggregate number in the block (after grouping)
  kUnary,        // unary_op args[0]
  kBinary,       // args[0] binary_op args[1]
  kFunction,     // fn(args...)
  kCase,         // [operand] WHEN/THEN pairs [ELSE]: see has_case_operand/has_else
  kInList,       // args[0] [NOT] IN (args[1..])
  kInSubquery,   // args[0] [NOT] IN (subquery); quantified: args[0] binary_op ANY/ALL (subquery)
  kExists,       // [NOT] EXISTS (subquery)
  kSubquery,     // scalar subquery
  kBetween,      // args[0] [NOT] BETWEEN args[1] AND args[2]
  kLike,         // args[0] [NOT] LIKE args[1] [ESCAPE args[2]]
  kIsNull,       // args[0] IS [NOT] NULL
  kIsBool,       // args[0] IS [NOT] TRUE/FALSE
  kInterval,     // INTERVAL args[0] unit (argument of date arithmetic only)
  kCast,         // CAST(args[0] AS cast_type)
  kJsonExtract,  // args[0] -> args[1] / ->>
  kRow,          // (args...)
  kInsertValue,  // VALUES(col) in ON DUPLICATE KEY UPDATE: index = column position
  kWindowRef,    // index: window function number in the block (after the window stage)
  kEnumIndex,    // args[0], an ENUM column, in numeric context: its position in enum_values
};

// A subquery used as an expression. Uncorrelated ones run once per
// statement; their rows are cached here (plans live for one statement).
struct SubqueryRef {
  std::shared_ptr<QueryPlan> plan;
  bool correlated = false;
  // Cache for uncorrelated subqueries (filled on first evaluation).
  mutable bool cached = false;
  mutable std::vector<std::vector<Value>> rows;
  mutable bool has_null = false;          // IN: some cached value is NULL
  mutable bool hashable = false;          // IN: `keys` may be probed
  mutable int key_class = 0;              // IN: ValueClass of every cached value
  mutable std::vector<std::string> keys;  // sorted group keys (single column)
};

struct BoundExpr {
  BoundKind kind = BoundKind::kConst;
  const Expr* ast = nullptr;  // for messages (text); null for synthesized nodes

  Value value;  // kConst
  int index = -1;
  int depth = 0;
  UnaryOp unary_op = UnaryOp::kNot;
  BinaryOp binary_op = BinaryOp::kEq;
  const FunctionDef* fn = nullptr;
  bool negated = false;
  bool bool_value = false;
  bool unquote = false;
  bool quantified = false;    // kInSubquery: op ANY/ALL (see Expr)
  bool quantify_all = false;  // ... ALL
  bool has_case_operand = false;
  bool has_else = false;
  IntervalUnit interval_unit = IntervalUnit::kDay;
  ColumnType cast_type;
  // kEnumIndex: the column's members (1-based positions; '' is 0).
  const std::vector<std::string>* enum_values = nullptr;
  std::vector<BoundPtr> args;
  std::shared_ptr<SubqueryRef> subquery;

  // --- what the planner needs to know ---
  // kColumn of a base table: its definition (key conversion, result naming).
  const ColumnDef* column = nullptr;
  // Sources of the own block referenced (bit i = source i); 0 for constants,
  // parameters and expressions over enclosing blocks only.
  uint64_t tables = 0;
  // References a column of an enclosing block somewhere inside.
  bool outer_ref = false;
  // Contains an aggregate reference (after binding: kAggRef inside).
  bool has_aggregate = false;
  // Contains a window function (kWindowRef inside).
  bool has_window = false;
  // Contains a subquery, a parameter or a non-deterministic function: not a
  // literal constant even when `tables` is 0.
  bool volatile_value = false;

  std::string Text() const { return ast ? ast->text : std::string(); }
};

BoundPtr MakeConst(Value v, const Expr* ast = nullptr);

}  // namespace tetradb::rel::sql
