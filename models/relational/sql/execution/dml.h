// Shared pieces of INSERT / UPDATE / DELETE.
#pragma once

#include <cstdint>
#include <vector>

#include "models/relational/sql/execution/query_exec.h"
#include "models/relational/sql/planner/planner.h"
#include "models/relational/storage/catalog.h"

namespace tetradb::rel::sql {

// The value a column takes when none is given (missing from INSERT's column
// list, or DEFAULT): its constant, the statement's time for
// DEFAULT CURRENT_TIMESTAMP, NULL for AUTO_INCREMENT (generated on insert)
// and nullable columns; 1364 for a NOT NULL column without a default.
SqlResult<Value> DefaultValue(const ColumnDef& column, const ExecContext& ctx);

// `v` made ready for storage in `column`: NOT NULL checked (1048; an
// inserted NULL is allowed for AUTO_INCREMENT columns, which generate a
// value), then strict conversion (StoreValue). `row` is the 1-based row
// number for messages. With `lenient` (IGNORE), what strict mode refuses
// is adjusted instead (StoreValueLenient; NULL for a NOT NULL column takes
// the type's implicit default) and the refusals are appended to `lenient`.
SqlResult<Value> ConvertForColumn(const ColumnDef& column, const Value& v, int64_t row,
                                  bool inserting, std::vector<SqlError>* lenient = nullptr);

// Rows of a single-table plan (UPDATE / DELETE) that pass its WHERE, in
// ORDER BY order, at most `limit`, read with the plan's lock.
SqlStatus CollectTargetRows(const SelectPlan& plan, ExecContext& ctx, uint64_t limit,
                            std::vector<Row>* rows);

// `col = expr` of UPDATE's SET and ON DUPLICATE KEY UPDATE, bound.
struct Assigned {
  int column;
  BoundPtr value;  // null: DEFAULT
};
struct Assignments {
  std::vector<Assigned> list;  // in statement order (later ones see earlier ones)
  std::vector<bool> assigned;  // by column position
};
// Binds `assignments` to `table`'s columns. A qualifier must be the table's
// name or `alias`; unknown columns are 1054 in 'field list'.
SqlResult<Assignments> BindAssignments(const std::vector<Assignment>& assignments,
                                       const TableDef& table, std::string_view alias,
                                       Planner& planner, const Scope& scope,
                                       const BindOptions& opt);

// Applies `assignments` to `old_row` left to right (a later one sees the
// earlier ones, as in MySQL; `insert_row` is what VALUES(col) reads in ON
// DUPLICATE KEY UPDATE), and writes the result if any column changed, with
// ON UPDATE CURRENT_TIMESTAMP columns touched. Returns whether it changed.
// With `lenient` (UPDATE IGNORE), conversions are lenient as in
// ConvertForColumn.
SqlResult<bool> UpdateRow(const TableDef& table, const Assignments& assignments,
                          const Row& old_row, const std::vector<Value>* insert_row,
                          int64_t row_number, ExecContext& ctx,
                          std::vector<SqlError>* lenient = nullptr);

// Sets ON UPDATE CURRENT_TIMESTAMP columns not in `assigned` to ctx.now.
SqlStatus TouchOnUpdateColumns(const TableDef& table, const std::vector<bool>& assigned,
                               const ExecContext& ctx, Row* row);

}  // namespace tetradb::rel::sql
