// POST /sql: the relational model over HTTP/JSON.
//
// Request:  {"sql": "SELECT ... WHERE id = ?", "params": [1]}
//       or  {"statements": [{"sql": "BEGIN"}, {"sql": "...", "params": [...]},
//                           {"sql": "COMMIT"}]}
// Each request is its own session: statements of one request share it (so a
// transaction can span them), and whatever is left open at the end of the
// request is rolled back.
//
// Response: {"columns": [...], "rows": [[...]], "rows_affected": n,
//            "last_insert_id": n}, or for "statements" {"results": [...]}
// with one such object per statement. Values: NULL -> null, integers and
// doubles -> numbers, DECIMAL -> string (exact), strings and dates -> strings.
//
// POST /sql/script: the body is SQL text, statements separated by `;` (a
// DDL file: curl --data-binary @schema.sql), run in order in one session
// until the first error; answers with the last statement's result.
//
// Errors: {"error": {"code": 1062, "sqlstate": "23000", "message": "..."}}
// (plus "statement": i for "statements") with 409 for constraint, lock and
// deadlock errors, 500 for internal ones, 503 for a statement the server's
// shutdown interrupted (1053) and 400 for the rest (3024 included: the
// request's own max_execution_time ran out).
//
// Cancellation: an HTTP request has no connection id (CONNECTION_ID() is 0),
// so KILL cannot name it; `SET max_execution_time = n` as a first statement,
// or SELECT /*+ MAX_EXECUTION_TIME(n) */, bounds it. Shutdown interrupts it.
#include "wire/http/sql_route.h"

#include <nlohmann/json.hpp>

#include "models/relational/sql/session/session.h"

namespace tetradb::http {
namespace {

using nlohmann::json;

// Strings from the database may hold any bytes: never throw on invalid UTF-8.
std::string Dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json ValueJson(const rel::Value& v) {
  switch (v.kind()) {
    case rel::ValueKind::kNull:
      return nullptr;
    case rel::ValueKind::kInt:
      return v.int_value();
    case rel::ValueKind::kUInt:
      return v.uint_value();
    case rel::ValueKind::kDouble:
      return v.double_value();
    default:
      return rel::ToText(v);
  }
}

json ResultJson(const rel::sql::ResultSet& rs) {
  json rows = json::array();
  for (const auto& row : rs.rows) {
    json cells = json::array();
    for (const auto& v : row) cells.push_back(ValueJson(v));
    rows.push_back(std::move(cells));
  }
  return json{{"columns", rs.columns},
              {"rows", std::move(rows)},
              {"rows_affected", rs.rows_affected},
              {"last_insert_id", rs.last_insert_id}};
}

// A JSON parameter as the SQL value it stands for.
rel::Value ParamValue(const json& p) {
  if (p.is_null()) return rel::Value::Null();
  if (p.is_boolean()) return rel::Value::Bool(p.get<bool>());
  if (p.is_number_unsigned()) {
    uint64_t u = p.get<uint64_t>();
    if (u <= static_cast<uint64_t>(INT64_MAX)) return rel::Value::Int(static_cast<int64_t>(u));
    return rel::Value::UInt(u);
  }
  if (p.is_number_integer()) return rel::Value::Int(p.get<int64_t>());
  if (p.is_number_float()) return rel::Value::Double(p.get<double>());
  if (p.is_string()) return rel::Value::String(p.get<std::string>());
  return rel::Value::String(p.dump());  // objects and arrays: JSON text (for JSON columns)
}

int StatusFor(const rel::SqlError& e) {
  switch (e.code) {
    case 1062: case 1451: case 1452: case 1205: case 1213:
      return 409;
    case 1105:
      return 500;
    case 1053:
      return 503;
    default:
      return 400;
  }
}

Response SqlErrorResponse(const rel::SqlError& e, int statement = -1) {
  json err = {{"code", e.code}, {"sqlstate", e.sqlstate}, {"message", e.message}};
  if (statement >= 0) err["statement"] = statement;
  return Response{StatusFor(e), "application/json", Dump(json{{"error", err}})};
}

// Reads {"sql": ..., "params": [...]}; false with *error set when malformed.
bool ReadStatement(const json& j, std::string* sql, std::vector<rel::Value>* params,
                   std::string* error) {
  if (!j.is_object() || !j.contains("sql") || !j["sql"].is_string()) {
    *error = "expected an object with a string field \"sql\"";
    return false;
  }
  *sql = j["sql"].get<std::string>();
  if (j.contains("params")) {
    if (!j["params"].is_array()) {
      *error = "\"params\" must be an array";
      return false;
    }
    for (const auto& p : j["params"]) params->push_back(ParamValue(p));
  }
  return true;
}

}  // namespace

Response HandleSql(Service& service, const Request& request) {
  if (request.method != "POST") {
    return ErrorResponse(405, "method_not_allowed", request.method + " is not allowed on /sql");
  }
  if (service.sql == nullptr) {
    return ErrorResponse(503, "unavailable", "the relational model is not open");
  }
  json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return ErrorResponse(400, "bad_request", "the body is not valid JSON");

  rel::sql::Session session(service.sql, service.clock);
  if (request.connection_id != 0) session.set_connection_id(request.connection_id);
  std::string bad;
  if (body.is_object() && body.contains("statements")) {
    if (!body["statements"].is_array()) {
      return ErrorResponse(400, "bad_request", "\"statements\" must be an array");
    }
    json results = json::array();
    int index = 0;
    for (const auto& st : body["statements"]) {
      std::string sql;
      std::vector<rel::Value> params;
      if (!ReadStatement(st, &sql, &params, &bad)) {
        return ErrorResponse(400, "bad_request", "statement " + std::to_string(index) + ": " + bad);
      }
      auto r = session.Execute(sql, params);
      if (!r.ok()) return SqlErrorResponse(r.error(), index);
      results.push_back(ResultJson(*r));
      ++index;
    }
    return Response{200, "application/json", Dump(json{{"results", std::move(results)}})};
  }
  std::string sql;
  std::vector<rel::Value> params;
  if (!ReadStatement(body, &sql, &params, &bad)) return ErrorResponse(400, "bad_request", bad);
  auto r = session.Execute(sql, params);
  if (!r.ok()) return SqlErrorResponse(r.error());
  return Response{200, "application/json", Dump(ResultJson(*r))};
}

Response HandleSqlScript(Service& service, const Request& request) {
  if (request.method != "POST") {
    return ErrorResponse(405, "method_not_allowed",
                         request.method + " is not allowed on /sql/script");
  }
  if (service.sql == nullptr) {
    return ErrorResponse(503, "unavailable", "the relational model is not open");
  }
  rel::sql::Session session(service.sql, service.clock);
  if (request.connection_id != 0) session.set_connection_id(request.connection_id);
  auto r = session.ExecuteScript(request.body);
  if (!r.ok()) return SqlErrorResponse(r.error());
  return Response{200, "application/json", Dump(ResultJson(*r))};
}

}  // namespace tetradb::http
