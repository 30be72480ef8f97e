// A SQL session: one client's connection state (transaction, autocommit,
// last insert id) and the entry point that runs statement text.
//
// Transactions: outside BEGIN ... COMMIT each statement commits on its own
// (autocommit). Inside one, a failing statement is undone alone (its
// savepoint) and the transaction stays open, as in MySQL; COMMIT makes all
// of it durable at once, ROLLBACK (or closing the session) discards it.
// DDL commits an open transaction first, as MySQL's implicit commit does.
//
// Not thread-safe: one connection drives one session.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint64_t last_insert_id_ = 0;
};

}  // namespace tetradb::rel::sql
