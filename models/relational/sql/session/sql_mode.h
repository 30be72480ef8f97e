// The sql_mode session variable's value: MySQL 8's mode names.
#pragma once

#include <string>
#include <string_view>

#include "models/relational/types/sql_error.h"

namespace tetradb::rel::sql {

// The canonical text of a comma-separated mode list (upper case, MySQL's
// order, no repeats, empty elements skipped; ANSI and TRADITIONAL add the
// modes they stand for), or 1231 naming the first unknown element as
// written.
SqlResult<std::string> NormalizeSqlMode(std::string_view text);

}  // namespace tetradb::rel::sql
