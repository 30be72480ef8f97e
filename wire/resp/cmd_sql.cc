// SQL <statement> [param ...]: the relational model over RESP.
//
// Each `?` in the statement takes the next param, as a string (MySQL
// converts it as it would a quoted literal: '5' compares and stores as the
// number 5). A transaction (BEGIN ... COMMIT) lives on the connection:
// closing the connection rolls it back.
//
// Reply, a map (a flat array under RESP2), always with the same four keys:
//   columns        array of column names (empty for statements without rows)
//   rows           array of rows, each an array of values: NULL as nil,
//                  integers as integers, everything else as bulk strings
//                  (DECIMAL exactly as stored, dates as 'YYYY-MM-DD ...')
//   rows_affected  integer
//   last_insert_id integer
// Errors: "-ERR <code> (<sqlstate>): <MySQL's message>".
//
// The connection's id (CLIENT ID) is its SQL CONNECTION_ID(), and KILL
// [QUERY | CONNECTION] <id> reaches any RESP client by that id: the
// statement it runs fails with 1317; CONNECTION also closes the client
// (CLIENT KILL ID <id>). The server interrupts a statement whose client
// disconnects (server/resp_connection.h).
#include <memory>

#include "models/relational/sql/session/process_list.h"
#include "models/relational/sql/session/session.h"
#include "wire/resp/command_table.h"
#include "wire/resp/hub.h"

namespace tetradb::resp {
namespace {

Reply ValueReply(const rel::Value& v) {
  switch (v.kind()) {
    case rel::ValueKind::kNull:
      return Reply::Null();
    case rel::ValueKind::kInt:
      return Reply::Integer(v.int_value());
    case rel::ValueKind::kUInt:
      if (v.uint_value() <= static_cast<uint64_t>(INT64_MAX)) {
        return Reply::Integer(static_cast<int64_t>(v.uint_value()));
      }
      return Reply::Bulk(rel::ToText(v));
    default:
      return Reply::Bulk(rel::ToText(v));
  }
}

Reply ResultReply(const rel::sql::ResultSet& rs) {
  std::vector<Reply> columns;
  columns.reserve(rs.columns.size());
  for (const auto& c : rs.columns) columns.push_back(Reply::Bulk(c));
  std::vector<Reply> rows;
  rows.reserve(rs.rows.size());
  for (const auto& row : rs.rows) {
    std::vector<Reply> cells;
    cells.reserve(row.size());
    for (const auto& v : row) cells.push_back(ValueReply(v));
    rows.push_back(Reply::Array(std::move(cells)));
  }
  std::vector<std::pair<Reply, Reply>> m;
  m.emplace_back(Reply::Bulk("columns"), Reply::Array(std::move(columns)));
  m.emplace_back(Reply::Bulk("rows"), Reply::Array(std::move(rows)));
  m.emplace_back(Reply::Bulk("rows_affected"),
                 Reply::Integer(static_cast<int64_t>(rs.rows_affected)));
  m.emplace_back(Reply::Bulk("last_insert_id"),
                 Reply::Integer(static_cast<int64_t>(rs.last_insert_id)));
  return Reply::Map(std::move(m));
}

// KILL over the server's client list: any RESP client is known, also one
// that never ran SQL (it has no SQL session to interrupt, and KILL
// CONNECTION still closes it).
rel::SqlStatus KillClient(const std::shared_ptr<Hub>& hub, const rel::Database* db, uint64_t id,
                          bool kill_connection) {
  bool known = false;
  hub->ForEachClient([&](const Session& c) { known = known || c.id == id; });
  if (!known) {
    // An HTTP connection's running statement (its connection is not closed).
    if (rel::sql::InterruptConnection(db, id, kill_connection
                                                  ? rel::sql::InterruptReason::kConnection
                                                  : rel::sql::InterruptReason::kQuery)) {
      return rel::SqlStatus::Ok();
    }
    return rel::SqlError{1094, "HY000", "Unknown thread id: " + std::to_string(id)};
  }
  rel::sql::InterruptConnection(
      db, id,
      kill_connection ? rel::sql::InterruptReason::kConnection : rel::sql::InterruptReason::kQuery);
  if (kill_connection) hub->KillClients([id](const Session& c) { return c.id == id; });
  return rel::SqlStatus::Ok();
}

Reply Sql(CommandContext& ctx) {
  if (ctx.service.sql == nullptr) return Reply::Error("ERR the relational model is not open");
  Session& s = ctx.session;
  if (!s.sql) {
    s.sql = std::make_shared<rel::sql::Session>(ctx.service.sql, ctx.service.clock);
    s.sql->set_connection_id(s.id);
    if (ctx.service.hub) {
      s.sql->set_kill_handler(
          [hub = ctx.service.hub, db = ctx.service.sql](uint64_t id, bool kill_connection) {
            return KillClient(hub, db, id, kill_connection);
          });
    }
  }
  std::vector<rel::Value> params;
  params.reserve(ctx.args.size() - 2);
  for (size_t i = 2; i < ctx.args.size(); ++i) params.push_back(rel::Value::String(ctx.args[i]));
  rel::SqlResult<rel::sql::ResultSet> r = s.sql->Execute(ctx.args[1], params);
  if (!r.ok()) {
    std::string text = "ERR " + r.error().ToString();
    for (char& c : text) {
      if (c == '\r' || c == '\n') c = ' ';
    }
    return Reply::Error(std::move(text));
  }
  return ResultReply(*r);
}

}  // namespace

void RegisterSqlCommands(CommandTable& t) {
  t.Add({"sql", -2, kWrite | kNoMulti | kMayWait, 0, 0, 0, Sql, "server",
         "Runs a MySQL-dialect SQL statement on the relational model.", "0.1.0",
         "Depends on the statement"});
}

}  // namespace tetradb::resp
