#include "models/relational/types/sql_error.h"

#include <algorithm>

#include <fmt/format.h>

namespace tetradb::rel {
namespace {

SqlError Make(int code, std::string_view sqlstate, std::string message) {
  return SqlError{code, std::string(sqlstate), std::move(message)};
}

std::string Qualified(std::string_view table) {
  return fmt::format("{}.{}", kDatabaseName, table);
}

}  // namespace

std::string SqlError::ToString() const {
  return fmt::format("{} ({}): {}", code, sqlstate, message);
}

SqlError FromEngine(const Status& status) {
  if (status.IsBusy()) return err::LockWaitTimeout();
  if (status.IsConflict()) return err::Deadlock();
  return err::Unknown(status.ToString());
}

namespace err {

SqlError ColumnNotNull(std::string_view column) {
  return Make(1048, "23000", fmt::format("Column '{}' cannot be null", column));
}
SqlError TableExists(std::string_view table) {
  return Make(1050, "42S01", fmt::format("Table '{}' already exists", table));
}
SqlError UnknownTable(std::string_view table) {
  return Make(1051, "42S02", fmt::format("Unknown table '{}'", Qualified(table)));
}
SqlError AmbiguousColumn(std::string_view column, std::string_view clause) {
  return Make(1052, "23000", fmt::format("Column '{}' in {} is ambiguous", column, clause));
}
SqlError UnknownColumn(std::string_view column, std::string_view clause) {
  return Make(1054, "42S22", fmt::format("Unknown column '{}' in '{}'", column, clause));
}
SqlError DuplicateColumn(std::string_view column) {
  return Make(1060, "42S21", fmt::format("Duplicate column name '{}'", column));
}
SqlError DuplicateKeyName(std::string_view name) {
  return Make(1061, "42000", fmt::format("Duplicate key name '{}'", name));
}
SqlError DuplicateEntry(std::string_view value, std::string_view table,
                        std::string_view index) {
  return Make(1062, "23000",
              fmt::format("Duplicate entry '{}' for key '{}.{}'", value, table, index));
}
SqlError Syntax(std::string_view sql, size_t offset) {
  offset = std::min(offset, sql.size());
  int line = 1 + static_cast<int>(std::count(sql.begin(), sql.begin() + offset, '\n'));
  std::string_view rest = sql.substr(offset, 80);
  return Make(1064, "42000",
              fmt::format("You have an error in your SQL syntax; check the manual that "
                          "corresponds to your MySQL server version for the right syntax "
                          "to use near '{}' at line {}",
                          rest, line));
}
SqlError EmptyQuery() { return Make(1065, "42000", "Query was empty"); }
SqlError InvalidDefault(std::string_view column) {
  return Make(1067, "42000", fmt::format("Invalid default value for '{}'", column));
}
SqlError MultiplePrimaryKey() { return Make(1068, "42000", "Multiple primary key defined"); }
SqlError KeyColumnMissing(std::string_view column) {
  return Make(1072, "42000", fmt::format("Key column '{}' doesn't exist in table", column));
}
SqlError BadAutoIncrement() {
  return Make(1075, "42000",
              "Incorrect table definition; there can be only one auto column and it must "
              "be defined as a key");
}
SqlError CantDrop(std::string_view name) {
  return Make(1091, "42000",
              fmt::format("Can't DROP '{}'; check that column/key exists", name));
}
SqlError Unknown(std::string_view message) { return Make(1105, "HY000", std::string(message)); }
SqlError InvalidGroupFunction() { return Make(1111, "HY000", "Invalid use of group function"); }
SqlError ColumnCountMismatch(int64_t row) {
  return Make(1136, "21S01",
              fmt::format("Column count doesn't match value count at row {}", row));
}
SqlError NoSuchTable(std::string_view table) {
  return Make(1146, "42S02", fmt::format("Table '{}' doesn't exist", Qualified(table)));
}
SqlError LockWaitTimeout() {
  return Make(1205, "HY000", "Lock wait timeout exceeded; try restarting transaction");
}
SqlError IncorrectArguments(std::string_view what) {
  return Make(1210, "HY000", fmt::format("Incorrect arguments to {}", what));
}
SqlError Deadlock() {
  return Make(1213, "40001",
              "Deadlock found when trying to get lock; try restarting transaction");
}
SqlError UnionColumnCount() {
  return Make(1222, "21000",
              "The used SELECT statements have a different number of columns");
}
SqlError NotSupported(std::string_view feature) {
  return Make(1235, "42000",
              fmt::format("This version of MySQL doesn't yet support '{}'", feature));
}
SqlError OperandColumns(int n) {
  return Make(1241, "21000", fmt::format("Operand should contain {} column(s)", n));
}
SqlError SubqueryRows() { return Make(1242, "21000", "Subquery returns more than 1 row"); }
SqlError OutOfRange(std::string_view column, int64_t row) {
  return Make(1264, "22003",
              fmt::format("Out of range value for column '{}' at row {}", column, row));
}
SqlError DataTruncated(std::string_view column, int64_t row) {
  return Make(1265, "01000",
              fmt::format("Data truncated for column '{}' at row {}", column, row));
}
SqlError IncorrectDatetime(std::string_view type, std::string_view value,
                           std::string_view column, int64_t row) {
  return Make(1292, "22007",
              fmt::format("Incorrect {} value: '{}' for column '{}' at row {}", type, value,
                          column, row));
}
SqlError NoSuchFunction(std::string_view name) {
  return Make(1305, "42000",
              fmt::format("FUNCTION {}.{} does not exist", kDatabaseName, name));
}
SqlError NoDefault(std::string_view column) {
  return Make(1364, "HY000", fmt::format("Field '{}' doesn't have a default value", column));
}
SqlError IncorrectValue(std::string_view type, std::string_view value,
                        std::string_view column, int64_t row) {
  return Make(1366, "HY000",
              fmt::format("Incorrect {} value: '{}' for column '{}' at row {}", type, value,
                          column, row));
}
SqlError DivisionByZero() { return Make(1365, "22012", "Division by 0"); }
SqlError DataTooLong(std::string_view column, int64_t row) {
  return Make(1406, "22001",
              fmt::format("Data too long for column '{}' at row {}", column, row));
}
SqlError TooBigPrecision(int precision, std::string_view column, int max) {
  return Make(1426, "42000",
              fmt::format("Too big precision {} specified for '{}'. Maximum is {}.",
                          precision, column, max));
}
SqlError FkParentRow(std::string_view child_table, std::string_view constraint) {
  return Make(1451, "23000",
              fmt::format("Cannot delete or update a parent row: a foreign key constraint "
                          "fails (`{}`.`{}`, {})",
                          kDatabaseName, child_table, constraint));
}
SqlError FkChildRow(std::string_view child_table, std::string_view constraint) {
  return Make(1452, "23000",
              fmt::format("Cannot add or update a child row: a foreign key constraint "
                          "fails (`{}`.`{}`, {})",
                          kDatabaseName, child_table, constraint));
}
SqlError ParamCount(std::string_view function) {
  return Make(1582, "42000",
              fmt::format("Incorrect parameter count in the call to native function '{}'",
                          function));
}
SqlError ValueOutOfRange(std::string_view type, std::string_view expr) {
  return Make(1690, "22003", fmt::format("{} value is out of range in '{}'", type, expr));
}
SqlError FkMissingIndex(std::string_view fk, std::string_view table) {
  return Make(1822, "HY000",
              fmt::format("Failed to add the foreign key constraint. Missing index for "
                          "constraint '{}' in the referenced table '{}'",
                          fk, table));
}
SqlError FkNoTable(std::string_view table) {
  return Make(1824, "HY000", fmt::format("Failed to open the referenced table '{}'", table));
}
SqlError DropReferenced(std::string_view table, std::string_view fk,
                        std::string_view child) {
  return Make(3730, "HY000",
              fmt::format("Cannot drop table '{}' referenced by a foreign key constraint "
                          "'{}' on table '{}'.",
                          table, fk, child));
}

SqlError TooBigScale(int scale, std::string_view column, int max) {
  return Make(1425, "42000",
              fmt::format("Too big scale {} specified for column '{}'. Maximum is {}.", scale,
                          column, max));
}
SqlError ScaleBiggerThanPrecision(std::string_view column) {
  return Make(1427, "42000",
              fmt::format("For float(M,D), double(M,D) or decimal(M,D), M must be >= D "
                          "(column '{}').",
                          column));
}
SqlError TooBigFieldLength(std::string_view column, int64_t max) {
  return Make(1074, "42000",
              fmt::format("Column length too big for column '{}' (max = {}); use BLOB or "
                          "TEXT instead",
                          column, max));
}
SqlError DuplicatedEnumValue(std::string_view column, std::string_view value) {
  return Make(1291, "HY000",
              fmt::format("Column '{}' has duplicated value '{}' in ENUM", column, value));
}
SqlError InvalidJson(std::string_view reason, size_t position, std::string_view column) {
  return Make(3140, "22032",
              fmt::format("Invalid JSON text: \"{}\" at position {} in value for column '{}'.",
                          reason, position, column));
}

}  // namespace err
}  // namespace tetradb::rel
