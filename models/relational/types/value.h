// A SQL value: what a column holds, an expression yields and a result row
// carries. The kinds follow MySQL's evaluation types; column types
// (column_type.h) decide which kind a stored value has.
//
//   kind       holds                 from column types / literals
//   kNull      -                     NULL
//   kInt       int64_t               signed integers, BOOLEAN, TRUE/FALSE, 42
//   kUInt      uint64_t              UNSIGNED integers (values > INT64_MAX)
//   kDouble    double                FLOAT, DOUBLE, 1e3
//   kDecimal   Decimal               DECIMAL(p,s), 12.50
//   kString    std::string (UTF-8)   CHAR, VARCHAR, TEXT, ENUM, JSON, 'abc'
//   kDate      Date                  DATE
//   kDateTime  DateTime              DATETIME, TIMESTAMP
//
// Comparison and arithmetic follow MySQL's rules for mixed kinds (a string
// compared with a number is read as a number, a string compared with a date
// as a date; int op decimal is decimal; anything op double is double).
// Strings compare bytewise (as MySQL's utf8mb4_bin collation), not
// case-insensitively.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "models/relational/types/datetime.h"
#include "models/relational/types/decimal.h"
#include "models/relational/types/sql_error.h"

namespace tetradb::rel {

enum class ValueKind : uint8_t {
  kNull, kInt, kUInt, kDouble, kDecimal, kString, kDate, kDateTime,
};

class Value {
 public:
  Value() = default;  // NULL
  static Value Null() { return Value(); }
  static Value Int(int64_t v) { return Value(v); }
  static Value UInt(uint64_t v) { return Value(Rep(std::in_place_index<2>, v)); }
  static Value Bool(bool v) { return Value(int64_t{v ? 1 : 0}); }
  static Value Double(double v) { return Value(Rep(std::in_place_index<3>, v)); }
  static Value Dec(Decimal v) { return Value(Rep(std::in_place_index<4>, v)); }
  static Value String(std::string v) { return Value(Rep(std::in_place_index<5>, std::move(v))); }
  static Value DateV(Date v) { return Value(Rep(std::in_place_index<6>, v)); }
  static Value DateTimeV(DateTime v) { return Value(Rep(std::in_place_index<7>, v)); }

  ValueKind kind() const { return static_cast<ValueKind>(rep_.index()); }
  bool is_null() const { return rep_.index() == 0; }
  bool is_numeric() const;  // kInt, kUInt, kDouble, kDecimal

  // Accessors: only for the matching kind.
  int64_t int_value() const { return std::get<1>(rep_); }
  uint64_t uint_value() const { return std::get<2>(rep_); }
  double double_value() const { return std::get<3>(rep_); }
  const Decimal& decimal_value() const { return std::get<4>(rep_); }
  const std::string& string_value() const { return std::get<5>(rep_); }
  Date date_value() const { return std::get<6>(rep_); }
  DateTime datetime_value() const { return std::get<7>(rep_); }

  // Identity of representation (kind and value), not SQL equality: for
  // tests and containers. SQL comparison is Compare() below.
  bool operator==(const Value& o) const { return rep_ == o.rep_; }

 private:
  using Rep = std::variant<std::monostate, int64_t, uint64_t, double, Decimal, std::string,
                           Date, DateTime>;
  explicit Value(int64_t v) : rep_(std::in_place_index<1>, v) {}
  explicit Value(Rep rep) : rep_(std::move(rep)) {}
  Rep rep_;
};

// --- Conversions (MySQL's implicit casts) ---------------------------------

// The value as MySQL's text protocol prints it: 42, 12.50, 0.30000000000000004,
// 2026-11-21 10:00:00, the string itself. NULL prints as "NULL".
std::string ToText(const Value& v);
// Reads a string's leading number as MySQL does ('12abc' -> 12, 'abc' -> 0).
// `exact` (optional) is set false when characters had to be ignored.
double StringToDouble(std::string_view s, bool* exact = nullptr);
// Numeric value of any non-NULL value (dates as YYYYMMDD[hhmmss]).
double ToDouble(const Value& v);
// Exact when the value is an integer, decimal or a string holding one.
std::optional<Decimal> ToDecimal(const Value& v);
// Rounded to the nearest integer (MySQL rounds, not truncates, when casting
// to an integer); nullopt when out of int64 range or not numeric text.
std::optional<int64_t> ToInt64(const Value& v);
// SQL truth: NULL -> nullopt, 0 / 0.0 / '0' / 'abc' -> false, else true.
std::optional<bool> ToBool(const Value& v);
std::optional<Date> ToDate(const Value& v);
std::optional<DateTime> ToDateTime(const Value& v);

// --- Comparison ------------------------------------------------------------

// <0, 0, >0 under MySQL's comparison rules. Neither side may be NULL (the
// caller handles three-valued logic). Mixed number/string compares as
// numbers (decimal when both are exact, else double); date/string compares
// as dates when the string parses as one.
int Compare(const Value& a, const Value& b);

// Appends self-delimiting bytes for GROUP BY, DISTINCT and hash joins.
// Equal numbers of any numeric kind give equal bytes (1, UInt 1, 1.00 and
// the double 1.0); non-integral doubles are keyed by their bits. Strings,
// dates and datetimes have their own tags, so 1 and '1' are different keys.
// NULL has its own encoding (NULLs group together).
void AppendGroupKey(const Value& v, std::string* out);

// --- Arithmetic --------------------------------------------------------------

enum class ArithOp : uint8_t { kAdd, kSub, kMul, kDiv, kIntDiv, kMod };

// a op b with MySQL's result kinds: int op int -> int (1690 BIGINT value is
// out of range on overflow), exact op exact -> decimal, double involved ->
// double, strings read as doubles. `/` of exact values is decimal with
// scale + 4. Division or modulo by zero -> NULL. NULL in -> NULL out.
// `expr_text` is quoted in 1690 errors.
SqlResult<Value> Arithmetic(ArithOp op, const Value& a, const Value& b,
                            std::string_view expr_text = "");
// -v: ints stay ints (1690 for -(-9223372036854775808)), unsigned becomes
// signed, strings read as doubles. `expr_text` is quoted in 1690 errors;
// empty means "-(<v>)".
SqlResult<Value> Negate(const Value& v, std::string_view expr_text = "");

}  // namespace tetradb::rel
