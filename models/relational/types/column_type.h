// Column types and strict-mode storage: what a value must look like to be
// stored in a column, and the MySQL error when it does not.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/relational/types/sql_error.h"
#include "models/relational/types/value.h"

namespace tetradb::rel {

// Embedded on disk (catalog records): never renumber.
enum class TypeId : uint8_t {
  kTinyInt = 1,
  kSmallInt = 2,
  kMediumInt = 3,
  kInt = 4,
  kBigInt = 5,
  kDecimal = 6,
  kFloat = 7,
  kDouble = 8,
  kChar = 9,
  kVarChar = 10,
  kText = 11,  // TINYTEXT/TEXT/MEDIUMTEXT/LONGTEXT: `length` is the byte limit
  kDate = 12,
  kDateTime = 13,
  kTimestamp = 14,
  kEnum = 15,
  kJson = 16,
  kBlob = 17,  // BLOB family and VARBINARY/BINARY: bytes, `length` limit
};

struct ColumnType {
  TypeId id = TypeId::kInt;
  bool is_unsigned = false;
  // CHAR/VARCHAR: maximum characters (code points); TEXT/BLOB: maximum bytes
  // (255, 65535, 16777215, 4294967295); BINARY/VARBINARY: maximum bytes.
  uint32_t length = 0;
  uint8_t precision = 10;  // DECIMAL
  uint8_t scale = 0;       // DECIMAL
  uint8_t fsp = 0;         // DATETIME/TIMESTAMP fraction digits
  // TINYINT(1) written as BOOLEAN/BOOL: prints as tinyint(1).
  bool display_width_one = false;
  std::vector<std::string> enum_values;  // ENUM('a','b')

  bool operator==(const ColumnType&) const = default;
};

// The kind of Value a column of this type stores.
ValueKind StorageKind(const ColumnType& type);
bool IsIntegerType(TypeId id);
bool IsStringType(TypeId id);  // CHAR VARCHAR TEXT ENUM JSON BLOB

// The type as MySQL 8 prints it in DESCRIBE and SHOW CREATE TABLE:
// "int", "int unsigned", "bigint", "tinyint(1)", "decimal(10,2)",
// "varchar(255)", "char(3)", "text", "datetime", "datetime(3)", "timestamp",
// "enum('a','b')", "json", "double", "float", "date", "mediumtext", "blob".
std::string TypeName(const ColumnType& type);

// Checks a type declaration: DECIMAL precision 1..38 (1426), scale <= 30
// (1425) and <= precision (1427); CHAR <= 255 and VARCHAR <= 65535
// characters (1074); DATETIME/TIMESTAMP fsp <= 6 (1426); ENUM needs a value
// (1105) and no case-insensitive duplicates (1291). `column` names the
// column in errors.
SqlStatus ValidateType(const ColumnType& type, std::string_view column);

// Converts `v` for storage in a column of `type`, strict mode:
//   NULL stays NULL (NOT NULL is checked by the caller);
//   integers: range of the type (TINYINT -128..127, UNSIGNED 0..255, ...),
//     else 1264; decimals/doubles/numeric strings are rounded half away from
//     zero; a string with no number is 1366 "Incorrect integer value", one
//     with trailing garbage ('12abc') 1265; surrounding spaces are fine;
//   DECIMAL(p,s): rounded to s digits; more than p-s integer digits is 1264;
//     strings as for integers (1366 "Incorrect decimal value" / 1265);
//   FLOAT/DOUBLE: numbers and numeric strings (1366 "Incorrect double
//     value" / 1265); FLOAT keeps single precision;
//   CHAR/VARCHAR(n): more than n characters (code points) is 1406, unless
//     the excess is only spaces (cut); numbers and dates become their text;
//     CHAR drops trailing spaces; TEXT/BLOB: more than `length` bytes
//     (65535 when 0) is 1406;
//   DATE/DATETIME/TIMESTAMP: strings and numbers (20261121) parsed, invalid
//     is 1292 "Incorrect date/datetime value"; a DATE drops a datetime's
//     time part (MySQL notes it, strict mode or not); DATETIME(fsp) rounds the fraction to the
//     column's fsp and the value carries that fsp; TIMESTAMP is limited to
//     '1970-01-01 00:00:01'..'2038-01-19 03:14:07';
//   ENUM: must be one of the values (case-insensitive match stores the
//     declared spelling; a number 1..n picks by position), else 1265;
//   JSON: strings only, must parse, else 3140 "Invalid JSON text"; stored in
//     MySQL's normalized print ({"a": 1, "b": [1, 2]}).
// `row` is the 1-based row number quoted in errors.
SqlResult<Value> StoreValue(const ColumnType& type, const Value& v, std::string_view column,
                            int64_t row);

// StoreValue as MySQL's IGNORE (INSERT IGNORE, UPDATE IGNORE) does it:
// what strict mode refuses is adjusted as non-strict mode would, and the
// refusal is appended to `warnings` instead (store_lenient.cc):
//   1366 / 1265 a string for a numeric column: its numeric prefix (0 if none);
//   1264 out of range: clipped to the nearest bound of the type;
//   1406 too long: cut to the column's length (whole characters).
// Other refusals (dates 1292, ENUM 1265, JSON 3140) are still returned.
SqlResult<Value> StoreValueLenient(const ColumnType& type, const Value& v,
                                   std::string_view column, int64_t row,
                                   std::vector<SqlError>* warnings);

// The value MySQL stores for NULL in a NOT NULL column under IGNORE (1048
// becomes a warning): the type's implicit default, 0 / 0.00 / '' / the
// first ENUM value. nullopt for DATE/DATETIME/TIMESTAMP/JSON, whose
// implicit default ('0000-00-00', JSON null) tetradb cannot store.
std::optional<Value> ImplicitDefault(const ColumnType& type);

}  // namespace tetradb::rel
