// The type of a UNION's result columns (union_types.cc). MySQL derives each
// column's type from every member ("aggregation of types") and converts
// each member's values to it, so SELECT 1 UNION SELECT 2.5 returns 1.0 and
// 2.5. tetradb has no static result types for most expressions, so a
// column's type merges what is known before running (literals, base table
// columns, CASTs) with the kinds of the values the members returned.
#pragma once

#include <vector>

#include "models/relational/sql/execution/query_exec.h"
#include "models/relational/sql/planner/plan.h"
#include "models/relational/types/value.h"

namespace tetradb::rel::sql {

// The classes MySQL's aggregation distinguishes for the types tetradb has.
enum class UnionClass : uint8_t {
  kNone,  // only NULLs: takes the other members' type
  kInt,
  kDecimal,
  kDouble,
  kDate,
  kDateTime,
  kString,
};

struct UnionType {
  UnionClass cls = UnionClass::kNone;
  int scale = 0;  // kDecimal: fraction digits (the largest of the members')
  int fsp = 0;    // kDateTime: fraction digits of seconds
};

// MySQL's rules: integers with DECIMAL give DECIMAL; any of them with DOUBLE
// give DOUBLE; DATE with DATETIME gives DATETIME; any other mix (numbers
// with strings or temporal values, temporal values with strings) gives a
// string. NULL takes the other side.
UnionType MergeUnionTypes(const UnionType& a, const UnionType& b);

// `v` converted to `type` as MySQL converts a member's value to the union
// column's type (a decimal gets the column's scale, a DATE becomes a
// DATETIME at midnight, anything becomes its text for a string column).
Value ConvertToUnionType(const Value& v, const UnionType& type);

// Converts the rows of every member of `q` (parts[i] -> (*rows)[i]) to the
// union's column types.
void UnifyUnionRows(const QueryPlan& q, std::vector<std::vector<ValueRow>>* rows);

}  // namespace tetradb::rel::sql
