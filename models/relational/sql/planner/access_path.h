// Access paths: how one source of a query block is read, chosen from the
// conditions that apply to it. A cheap heuristic cost: a unique point
// lookup beats an equality on an index prefix, which beats a range, which
// beats reading the whole table. Key values are converted to the key
// column's type; a value whose conversion is not exact (or whose type
// compares differently, such as a number against a VARCHAR column) does not
// use the key: the condition is then only a filter.
#pragma once

#include <optional>
#include <vector>

#include "models/relational/sql/planner/plan.h"
#include "models/relational/storage/catalog.h"

namespace tetradb::rel::sql {

// Classes of values whose key order agrees with SQL comparison.
enum class ValueClass : uint8_t { kUnknown, kNumeric, kString, kDate, kDateTime };
ValueClass ClassOfKind(ValueKind kind);
// The class an expression is known to produce at plan time (columns,
// literals); kUnknown otherwise.
ValueClass StaticClass(const BoundExpr& e);

// `v` as the key column `col` stores it, when `col = v` as SQL compares
// equals the key comparison; nullopt otherwise (and for NULL).
std::optional<Value> KeyValueFor(const ColumnDef& col, const Value& v);

struct AccessRequest {
  const SelectPlan* plan = nullptr;
  int source = 0;
  const std::vector<BoundPtr>* conds = nullptr;  // the conditions checked at this step
  uint64_t available = 0;                        // sources already read (their columns are known)
};

AccessPath ChooseAccessPath(const AccessRequest& request, std::vector<std::string>* possible_keys);

// Makes `path` deliver rows in `order` (all of them columns of `source`,
// one direction, none an ENUM key) when a key allows it. `has_limit`: a secondary index scan
// is only worth it when few rows are wanted.
bool UseIndexOrder(const TableSource& source, const std::vector<SortKey>& order, bool has_limit,
                   AccessPath* path);

// Whether the joined rows, as the steps' access paths produce them (each
// step's rows in its key order, for each row of the steps before it), are
// already in ORDER BY order; then no sort is needed.
bool NestedLoopGivesOrder(const SelectPlan& plan);

// Whether every column of `source` that the block reads is in `path`'s
// secondary index or in the primary key (EXPLAIN's "Using index").
bool IndexCovers(const SelectPlan& plan, const TableSource& source, const AccessPath& path);

// Sets index_only on the steps whose index covers the block, when every
// column read decodes from the index key exactly as from the row (integers,
// DECIMAL, dates and times, CHAR/VARCHAR), the table has a primary key, and
// the block reads without locks.
void MarkIndexOnly(SelectPlan* plan);

// MySQL's key_len for the first `parts` columns of a key (EXPLAIN).
int KeyLength(const TableDef& table, const std::vector<uint32_t>& columns, size_t parts);

}  // namespace tetradb::rel::sql
