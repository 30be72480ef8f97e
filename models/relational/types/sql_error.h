// Errors of the relational model, as MySQL reports them: a numeric error
// code, a five-character SQLSTATE and MySQL's message text. Everything in
// models/relational returns SqlStatus / SqlResult<T>; no exceptions cross
// its API.
//
// The factories below produce MySQL 8.0's exact texts, so that a client that
// matches on code or message behaves as it would against MySQL.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "engine/status.h"

namespace tetradb::rel {

struct SqlError {
  int code = 0;
  std::string sqlstate;
  std::string message;

  // "ERROR 1062 (23000): Duplicate entry ..." as the mysql client prints it,
  // without the "ERROR " prefix.
  std::string ToString() const;
};

class [[nodiscard]] SqlStatus {
 public:
  SqlStatus() = default;
  SqlStatus(SqlError error) : error_(std::move(error)) {}  // NOLINT: implicit by design
  static SqlStatus Ok() { return {}; }

  bool ok() const { return !error_.has_value(); }
  const SqlError& error() const { assert(!ok()); return *error_; }
  int code() const { return ok() ? 0 : error_->code; }

 private:
  std::optional<SqlError> error_;
};

template <typename T>
class [[nodiscard]] SqlResult {
 public:
  SqlResult(T value) : value_(std::move(value)) {}           // NOLINT
  SqlResult(SqlError error) : status_(std::move(error)) {}   // NOLINT
  SqlResult(SqlStatus status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok() && "SqlResult<T> built from an OK SqlStatus has no value");
  }

  bool ok() const { return status_.ok(); }
  const SqlStatus& status() const { return status_; }
  const SqlError& error() const { return status_.error(); }

  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  SqlStatus status_;
  std::optional<T> value_;
};

// Maps an engine failure: lock timeout (Busy) -> 1205, write conflict or
// deadlock (Conflict) -> 1213, anything else -> 1105 with the engine's text.
SqlError FromEngine(const Status& status);

// MySQL's errors, by code. Arguments are the values MySQL interpolates.
namespace err {
// 1048 23000 Column 'x' cannot be null
SqlError ColumnNotNull(std::string_view column);
// 1050 42S01 Table 'x' already exists
SqlError TableExists(std::string_view table);
// 1051 42S02 Unknown table 'db.x'
SqlError UnknownTable(std::string_view table);
// 1052 23000 Column 'x' in <clause> is ambiguous
SqlError AmbiguousColumn(std::string_view column, std::string_view clause);
// 1054 42S22 Unknown column 'x' in '<clause>' (clause: "field list",
// "where clause", "on clause", "order clause", "group statement",
// "having clause")
SqlError UnknownColumn(std::string_view column, std::string_view clause);
// 1060 42S21 Duplicate column name 'x'
SqlError DuplicateColumn(std::string_view column);
// 1061 42000 Duplicate key name 'x'
SqlError DuplicateKeyName(std::string_view name);
// 1062 23000 Duplicate entry 'v' for key 'table.index'
SqlError DuplicateEntry(std::string_view value, std::string_view table,
                        std::string_view index);
// 1064 42000 You have an error in your SQL syntax; ... near '<rest>' at line n
// `sql` is the whole statement and `offset` the byte where parsing failed.
SqlError Syntax(std::string_view sql, size_t offset);
// 1065 42000 Query was empty
SqlError EmptyQuery();
// 1067 42000 Invalid default value for 'x'
SqlError InvalidDefault(std::string_view column);
// 1068 42000 Multiple primary key defined
SqlError MultiplePrimaryKey();
// 1072 42000 Key column 'x' doesn't exist in table
SqlError KeyColumnMissing(std::string_view column);
// 1075 42000 Incorrect table definition; there can be only one auto column ...
SqlError BadAutoIncrement();
// 1091 42000 Can't DROP 'x'; check that column/key exists
SqlError CantDrop(std::string_view name);
// 1105 HY000 <text>
SqlError Unknown(std::string_view message);
// 1111 HY000 Invalid use of group function
SqlError InvalidGroupFunction();
// 1136 21S01 Column count doesn't match value count at row n
SqlError ColumnCountMismatch(int64_t row);
// 1146 42S02 Table 'db.x' doesn't exist
SqlError NoSuchTable(std::string_view table);
// 1205 HY000 Lock wait timeout exceeded; try restarting transaction
SqlError LockWaitTimeout();
// 1210 HY000 Incorrect arguments to <what>
SqlError IncorrectArguments(std::string_view what);
// 1213 40001 Deadlock found when trying to get lock; try restarting transaction
SqlError Deadlock();
// 1222 21000 The used SELECT statements have a different number of columns
SqlError UnionColumnCount();
// 1235 42000 This version of MySQL doesn't yet support '<feature>'
SqlError NotSupported(std::string_view feature);
// 1241 21000 Operand should contain n column(s)
SqlError OperandColumns(int n);
// 1242 21000 Subquery returns more than 1 row
SqlError SubqueryRows();
// 1264 22003 Out of range value for column 'x' at row n
SqlError OutOfRange(std::string_view column, int64_t row);
// 1265 01000 Data truncated for column 'x' at row n
SqlError DataTruncated(std::string_view column, int64_t row);
// 1292 22007 Incorrect <type> value: 'v' for column 'x' at row n
SqlError IncorrectDatetime(std::string_view type, std::string_view value,
                           std::string_view column, int64_t row);
// 1305 42000 FUNCTION tetradb.x does not exist
SqlError NoSuchFunction(std::string_view name);
// 1364 HY000 Field 'x' doesn't have a default value
SqlError NoDefault(std::string_view column);
// 1366 HY000 Incorrect <type> value: 'v' for column 'x' at row n
SqlError IncorrectValue(std::string_view type, std::string_view value,
                        std::string_view column, int64_t row);
// 1365 22012 Division by 0
SqlError DivisionByZero();
// 1406 22001 Data too long for column 'x' at row n
SqlError DataTooLong(std::string_view column, int64_t row);
// 1426 42000 Too big precision n specified for 'x'. Maximum is m.
SqlError TooBigPrecision(int precision, std::string_view column, int max);
// 1451 23000 Cannot delete or update a parent row: a foreign key constraint
// fails (`db`.`child`, CONSTRAINT `fk` FOREIGN KEY (`a`) REFERENCES `parent` (`b`) ...)
// `constraint` is everything inside the parentheses after the table name.
SqlError FkParentRow(std::string_view child_table, std::string_view constraint);
// 1452 23000 Cannot add or update a child row: a foreign key constraint fails (...)
SqlError FkChildRow(std::string_view child_table, std::string_view constraint);
// 1582 42000 Incorrect parameter count in the call to native function 'x'
SqlError ParamCount(std::string_view function);
// 1690 22003 <type> value is out of range in '<expr>'
SqlError ValueOutOfRange(std::string_view type, std::string_view expr);
// 1822 HY000 Failed to add the foreign key constraint. Missing index for
// constraint 'fk' in the referenced table 't'
SqlError FkMissingIndex(std::string_view fk, std::string_view table);
// 1824 HY000 Failed to open the referenced table 't'
SqlError FkNoTable(std::string_view table);
// 3730 HY000 Cannot drop table 't' referenced by a foreign key constraint
// 'fk' on table 'c'.
SqlError DropReferenced(std::string_view table, std::string_view fk,
                        std::string_view child);
// 1425 42000 Too big scale n specified for column 'x'. Maximum is m.
SqlError TooBigScale(int scale, std::string_view column, int max);
// 1427 42000 For float(M,D), double(M,D) or decimal(M,D), M must be >= D (column 'x').
SqlError ScaleBiggerThanPrecision(std::string_view column);
// 1074 42000 Column length too big for column 'x' (max = n); use BLOB or TEXT instead
SqlError TooBigFieldLength(std::string_view column, int64_t max);
// 1291 HY000 Column 'x' has duplicated value 'v' in ENUM
SqlError DuplicatedEnumValue(std::string_view column, std::string_view value);
// 3140 22032 Invalid JSON text: "<reason>" at position n in value for column 'x'.
SqlError InvalidJson(std::string_view reason, size_t position, std::string_view column);
// 1295 HY000 This command is not supported in the prepared statement protocol yet
// 1064-class errors for statements tetradb does not implement use NotSupported.
}  // namespace err

// The database name MySQL errors quote ('tetradb.User').
inline constexpr std::string_view kDatabaseName = "tetradb";

}  // namespace tetradb::rel

// Returns early from the enclosing function when `expr` is not OK.
#define TETRADB_SQL_RETURN_IF_ERROR(expr)     \
  do {                                        \
    ::tetradb::rel::SqlStatus _sst = (expr);  \
    if (!_sst.ok()) return _sst.error();      \
  } while (0)

// `lhs = value of rexpr`, or return its error.
#define TETRADB_SQL_ASSIGN_OR_RETURN(lhs, rexpr) \
  TETRADB_SQL_ASSIGN_OR_RETURN_IMPL(TETRADB_SQL_CONCAT(_sres, __LINE__), lhs, rexpr)
#define TETRADB_SQL_CONCAT_INNER(a, b) a##b
#define TETRADB_SQL_CONCAT(a, b) TETRADB_SQL_CONCAT_INNER(a, b)
#define TETRADB_SQL_ASSIGN_OR_RETURN_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                      \
  if (!tmp.ok()) return tmp.error();                       \
  lhs = std::move(tmp).value()
