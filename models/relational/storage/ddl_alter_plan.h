// Planning of Database::AlterTable (ddl_alter.cc): the statement's
// operations applied to a copy of the table definition, with MySQL's checks
// and errors, before anything is written. Internal to the storage layer.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "engine/engine.h"
#include "models/relational/storage/catalog.h"
#include "models/relational/storage/database.h"
#include "models/relational/types/sql_error.h"

namespace tetradb::rel {

// The definition after every operation. Key columns are also given as
// column ids, parallel to def.primary_key / def.indexes / def.foreign_keys
// (positions are final). An index with id 0 is new.
struct AlterPlan {
  TableDef def;
  std::vector<uint32_t> pk;
  std::vector<std::vector<uint32_t>> indexes;
  std::vector<std::vector<uint32_t>> fks;
  std::set<uint32_t> converted;  // column ids whose stored values must be converted
  std::set<uint32_t> tightened;  // column ids made NOT NULL (to check for NULLs)
  // Other tables whose foreign keys follow a renamed table or column, by id.
  std::map<uint32_t, TableDef> others;
};

// Applies `ops` in order to `old` (columns resolved against what the earlier
// ops left). Reads only: `engine` for ADD COLUMN's fill value, `catalog`
// for the tables foreign keys connect.
SqlResult<AlterPlan> PlanAlter(Engine* engine, Catalog* catalog, const TableDef& old,
                               std::vector<AlterOp> ops);

// Position of the column with `id`, or -1.
int ColumnById(const TableDef& def, uint32_t id);
// The column ids at `positions`.
std::vector<uint32_t> IdsOf(const TableDef& def, const std::vector<uint32_t>& positions);

// 1138 22004 Invalid use of NULL value
SqlError InvalidUseOfNull();

}  // namespace tetradb::rel
