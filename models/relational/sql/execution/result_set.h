// What a statement returns: rows with column names, or a count of affected
// rows and the last generated AUTO_INCREMENT value.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "models/relational/types/value.h"

namespace tetradb::rel::sql {

struct ResultSet {
  // Statements that return rows (SELECT, SHOW, DESCRIBE, EXPLAIN) set
  // has_rows, even when no row matched.
  bool has_rows = false;
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  uint64_t rows_affected = 0;
  // The first AUTO_INCREMENT value this statement generated (0 if none), as
  // MySQL's OK packet and mysql_insert_id() report it.
  uint64_t last_insert_id = 0;
};

}  // namespace tetradb::rel::sql
