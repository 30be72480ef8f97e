// POST /sql: SQL statements over HTTP/JSON (shapes documented in
// sql_route.cc and docs/sql.md).
#pragma once

#include "wire/http/router.h"

namespace tetradb::http {

Response HandleSql(Service& service, const Request& request);
Response HandleSqlScript(Service& service, const Request& request);

}  // namespace tetradb::http
