// The window stage of a query block: window functions over the rows left
// after WHERE, GROUP BY and HAVING, before projection, DISTINCT, ORDER BY
// and LIMIT (MySQL's order of evaluation).
//
// Each window the block's functions use sorts the rows by its PARTITION BY
// and ORDER BY keys (stably, starting from the order the previous window
// left, as MySQL does); its functions then run partition by partition:
//   ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE: from the
//     row's position and its peers (rows equal on every ORDER BY key);
//   LAG / LEAD: the row N before / after in the partition, else the
//     default (NULL), whatever the frame;
//   FIRST_VALUE, LAST_VALUE, NTH_VALUE and aggregates: over the row's frame.
// Frames: ROWS with UNBOUNDED / n PRECEDING / CURRENT ROW / n FOLLOWING;
// RANGE with UNBOUNDED and CURRENT ROW (the row's peers), and n PRECEDING /
// FOLLOWING over one numeric ORDER BY key or INTERVAL over a temporal one.
// A frame starting at UNBOUNDED PRECEDING aggregates incrementally (running
// totals cost one pass); other frames are aggregated row by row.
#pragma once

#include <vector>

#include "models/relational/sql/execution/query_exec.h"

namespace tetradb::rel::sql {

struct WindowRow {
  ValueRow row;             // the block's row (a group's first row when grouped)
  std::vector<Value> aggs;  // its aggregate results (grouped blocks)
  std::vector<Value> wins;  // filled: one value per SelectPlan::window_funcs
};

// Fills every row's `wins`; `order` gets the order the rows leave the last
// window in (the order MySQL returns them in without ORDER BY).
SqlStatus ComputeWindows(const SelectPlan& plan, ExecContext& ctx, const Frame* outer,
                         std::vector<WindowRow>* rows, std::vector<size_t>* order);

}  // namespace tetradb::rel::sql
