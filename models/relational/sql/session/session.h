// A SQL session: one client's connection state (transaction, autocommit,
// last insert id) and the entry point that runs statement text.
//
// Transactions: outside BEGIN ... COMMIT each statement commits on its own
// (autocommit). Inside one, a failing statement is undone alone (its
// savepoint) and the transaction stays open, as in MySQL; COMMIT makes all
// of it durable at once, ROLLBACK (or closing the session) discards it.
// DDL commits an open transaction first, as MySQL's implicit commit does.
//
// Cancellation (MySQL's KILL and max_execution_time): a running statement
// can be interrupted from another thread (Interrupt, KILL from another
// session, InterruptConnection / InterruptAll in process_list.h); it then
// fails with 1317 (3024 for its time limit, 1053 for shutdown) and is undone
// like any failing statement: its savepoint inside a transaction, the whole
// autocommit transaction otherwise. The session stays usable.
// `max_execution_time` (SET, or the /*+ MAX_EXECUTION_TIME(n) */ hint)
// limits top-level SELECTs only, as in MySQL.
//
// Not thread-safe, except Interrupt(): one connection drives one session.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "models/relational/sql/execution/interrupt.h"
#include "models/relational/sql/execution/result_set.h"
#include "models/relational/storage/database.h"
#include "models/relational/types/sql_error.h"
#include "models/relational/types/value.h"

namespace tetradb {
class Clock;
}

namespace tetradb::rel::sql {

struct PreparedStatement;  // defined in session.cc

class Session {
 public:
  // `clock` gives NOW() / CURRENT_TIMESTAMP (wall clock if null).
  explicit Session(Database* db, const Clock* clock = nullptr);
  ~Session();  // rolls back an open transaction

  // Runs one statement with `?` bound to `params` in order (1210 Incorrect
  // arguments to EXECUTE when the count differs).
  SqlResult<ResultSet> Execute(std::string_view sql, const std::vector<Value>& params = {});

  // Parses once; ExecutePrepared runs it many times with new parameters.
  SqlResult<std::shared_ptr<PreparedStatement>> Prepare(std::string_view sql);
  SqlResult<ResultSet> ExecutePrepared(PreparedStatement& stmt, const std::vector<Value>& params);

  // Runs a `;`-separated script (a DDL file), stopping at the first error.
  // Returns the last statement's result.
  SqlResult<ResultSet> ExecuteScript(std::string_view sql);

  // The number of `?` a prepared statement takes (for COM_STMT_PREPARE).
  static int ParamCount(const PreparedStatement& stmt);

  bool in_transaction() const;
  bool autocommit() const;
  uint64_t last_insert_id() const { return last_insert_id_; }

  // The server's id of the client this session serves: CONNECTION_ID()
  // returns it and KILL <id> finds the session by it. 0 (the default): the
  // session has none (HTTP requests) and cannot be named by KILL. Set it
  // before the first statement.
  void set_connection_id(uint64_t id);
  uint64_t connection_id() const;

  // How KILL reaches other clients; the server sets it, since it knows its
  // connections. It interrupts the statement of client `id` (with
  // `kill_connection`, also closes that client's connection) and fails with
  // MySQL's 1094 for an unknown id. Without a handler, KILL interrupts the
  // session with that connection id on the same Database (1094 if none) and
  // closes nothing.
  using KillHandler = std::function<SqlStatus(uint64_t id, bool kill_connection)>;
  void set_kill_handler(KillHandler handler);

  // Interrupts the statement running now; false when none runs (nothing
  // happens then). Thread-safe: any thread may call it while the session is
  // alive.
  bool Interrupt(InterruptReason reason = InterruptReason::kQuery);

  // The session's max_execution_time in milliseconds (0: no limit).
  uint64_t max_execution_time() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint64_t last_insert_id_ = 0;
};

}  // namespace tetradb::rel::sql
