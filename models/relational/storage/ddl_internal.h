// Helpers shared by the DDL files of the storage layer (ddl.cc,
// ddl_alter.cc); not part of its API.
#pragma once

#include "engine/engine.h"
#include "models/relational/storage/catalog.h"
#include "models/relational/types/sql_error.h"

namespace tetradb::rel {

// Sets column->missing_value, what rows of `table` written before the column
// was added read for it: the DEFAULT constant, CURRENT_TIMESTAMP frozen now,
// the type's implicit default for NOT NULL without DEFAULT (a temporal one
// has none: 1292 when `table` has rows), else NULL.
SqlStatus FillMissingValue(Engine* engine, const TableDef& table, ColumnDef* column);

// MySQL's rule for AUTO_INCREMENT: at most one such column, and it leads an
// index (1075 otherwise).
SqlStatus CheckAutoIncrement(const TableDef& def);

}  // namespace tetradb::rel
