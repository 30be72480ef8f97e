#include <fmt/format.h>
#include <gtest/gtest.h>

#include "models/relational/types/value.h"

namespace tetradb::rel {
namespace {

Value Dec(std::string_view text) { return Value::Dec(*Decimal::Parse(text)); }
Value Str(std::string_view s) { return Value::String(std::string(s)); }

// "<kind>:<text>" of a successful result, "ERR <code>: <message>" otherwise.
std::string Calc(ArithOp op, const Value& a, const Value& b, std::string_view expr = "e") {
  auto r = Arithmetic(op, a, b, expr);
  if (!r.ok()) return fmt::format("ERR {}: {}", r.error().code, r.error().message);
  static const char* kKinds[] = {"null", "int", "uint", "double", "dec", "str", "date", "dt"};
  return fmt::format("{}:{}", kKinds[static_cast<int>(r->kind())], ToText(*r));
}

constexpr ArithOp kAdd = ArithOp::kAdd, kSub = ArithOp::kSub, kMul = ArithOp::kMul,
                  kDiv = ArithOp::kDiv, kIntDiv = ArithOp::kIntDiv, kMod = ArithOp::kMod;

TEST(ValueArithTest, IntegerResults) {
  EXPECT_EQ(Calc(kAdd, Value::Int(2), Value::Int(3)), "int:5");
  EXPECT_EQ(Calc(kSub, Value::Int(2), Value::Int(3)), "int:-1");
  EXPECT_EQ(Calc(kMul, Value::Int(-4), Value::Int(3)), "int:-12");
  EXPECT_EQ(Calc(kIntDiv, Value::Int(7), Value::Int(2)), "int:3");
  EXPECT_EQ(Calc(kIntDiv, Value::Int(-7), Value::Int(2)), "int:-3");
  EXPECT_EQ(Calc(kMod, Value::Int(-7), Value::Int(3)), "int:-1");
  EXPECT_EQ(Calc(kMod, Value::Int(7), Value::Int(-3)), "int:1");
}

TEST(ValueArithTest, IntegerOverflowIs1690) {
  EXPECT_EQ(Calc(kAdd, Value::Int(INT64_MAX), Value::Int(1), "9223372036854775807 + 1"),
            "ERR 1690: BIGINT value is out of range in '9223372036854775807 + 1'");
  EXPECT_EQ(Calc(kSub, Value::Int(INT64_MIN), Value::Int(1)).substr(0, 8), "ERR 1690");
  EXPECT_EQ(Calc(kMul, Value::Int(INT64_MAX), Value::Int(2)).substr(0, 8), "ERR 1690");
  EXPECT_EQ(Calc(kIntDiv, Value::Int(INT64_MIN), Value::Int(-1)).substr(0, 8), "ERR 1690");
  EXPECT_EQ(Calc(kMod, Value::Int(INT64_MIN), Value::Int(-1)), "int:0");
  auto r = Arithmetic(kAdd, Value::Int(INT64_MAX), Value::Int(1), "x");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().sqlstate, "22003");
}

TEST(ValueArithTest, UnsignedSemantics) {
  Value u3 = Value::UInt(3), u5 = Value::UInt(5);
  EXPECT_EQ(Calc(kAdd, u3, u5), "uint:8");
  EXPECT_EQ(Calc(kSub, u5, u3), "uint:2");
  EXPECT_EQ(Calc(kSub, u3, u5, "a - b"),
            "ERR 1690: BIGINT UNSIGNED value is out of range in 'a - b'");
  EXPECT_EQ(Calc(kAdd, Value::Int(-1), u5), "uint:4");
  EXPECT_EQ(Calc(kAdd, Value::Int(-10), u5).substr(0, 8), "ERR 1690");
  EXPECT_EQ(Calc(kAdd, Value::UInt(UINT64_MAX), Value::Int(0)), "uint:18446744073709551615");
  EXPECT_EQ(Calc(kAdd, Value::UInt(UINT64_MAX), Value::Int(1)).substr(0, 8), "ERR 1690");
  EXPECT_EQ(Calc(kMul, Value::UInt(UINT64_MAX), Value::UInt(UINT64_MAX)).substr(0, 8),
            "ERR 1690");
  EXPECT_EQ(Calc(kMod, u5, Value::Int(-3)), "uint:2");
  EXPECT_EQ(Calc(kMod, Value::Int(-5), u3), "int:-2");
  EXPECT_EQ(Calc(kIntDiv, Value::UInt(UINT64_MAX), Value::UInt(2)), "uint:9223372036854775807");
}

TEST(ValueArithTest, DivisionOfExactValuesIsDecimal) {
  EXPECT_EQ(Calc(kDiv, Value::Int(1), Value::Int(3)), "dec:0.3333");
  EXPECT_EQ(Calc(kDiv, Value::Int(6), Value::Int(3)), "dec:2.0000");
  EXPECT_EQ(Calc(kDiv, Dec("10.00"), Value::Int(4)), "dec:2.500000");
  EXPECT_EQ(Calc(kDiv, Value::UInt(UINT64_MAX), Value::Int(1)),
            "dec:18446744073709551615.0000");
}

TEST(ValueArithTest, DecimalResults) {
  EXPECT_EQ(Calc(kAdd, Dec("0.1"), Dec("0.2")), "dec:0.3");
  EXPECT_EQ(Calc(kAdd, Value::Int(1), Dec("0.50")), "dec:1.50");
  EXPECT_EQ(Calc(kMul, Dec("1.5"), Value::Int(2)), "dec:3.0");
  EXPECT_EQ(Calc(kSub, Value::UInt(1), Dec("1.25")), "dec:-0.25");
  EXPECT_EQ(Calc(kMod, Dec("5.5"), Value::Int(2)), "dec:1.5");
  EXPECT_EQ(Calc(kMod, Dec("-5.5"), Value::Int(2)), "dec:-1.5");
  EXPECT_EQ(Calc(kIntDiv, Dec("7.9"), Dec("2")), "int:3");
  EXPECT_EQ(Calc(kIntDiv, Dec("-7.9"), Value::Int(2)), "int:-3");
  std::string max(38, '9');
  EXPECT_EQ(Calc(kAdd, Dec(max), Value::Int(1), "m + 1"),
            "ERR 1690: DECIMAL value is out of range in 'm + 1'");
}

TEST(ValueArithTest, DoubleResults) {
  EXPECT_EQ(Calc(kAdd, Value::Double(0.1), Value::Double(0.2)), "double:0.30000000000000004");
  EXPECT_EQ(Calc(kAdd, Value::Int(1), Value::Double(0.5)), "double:1.5");
  EXPECT_EQ(Calc(kMul, Dec("1.5"), Value::Double(2)), "double:3");
  EXPECT_EQ(Calc(kDiv, Value::Double(1), Value::Int(4)), "double:0.25");
  EXPECT_EQ(Calc(kMod, Value::Double(5.5), Value::Int(2)), "double:1.5");
  EXPECT_EQ(Calc(kMod, Value::Double(-5.5), Value::Int(2)), "double:-1.5");
  EXPECT_EQ(Calc(kIntDiv, Value::Double(7.5), Value::Int(2)), "int:3");
  EXPECT_EQ(Calc(kMul, Value::Double(1e308), Value::Int(10), "big").substr(0, 38),
            "ERR 1690: DOUBLE value is out of range");
}

TEST(ValueArithTest, StringsAreDoubles) {
  EXPECT_EQ(Calc(kAdd, Str("1"), Value::Int(2)), "double:3");
  EXPECT_EQ(Calc(kAdd, Str("1.5abc"), Str("2")), "double:3.5");
  EXPECT_EQ(Calc(kMul, Str("abc"), Value::Int(2)), "double:0");
  EXPECT_EQ(Calc(kDiv, Str("1"), Str("0")), "null:NULL");
}

TEST(ValueArithTest, ZeroDivisorAndNullGiveNull) {
  EXPECT_EQ(Calc(kDiv, Value::Int(1), Value::Int(0)), "null:NULL");
  EXPECT_EQ(Calc(kIntDiv, Value::Int(1), Value::Int(0)), "null:NULL");
  EXPECT_EQ(Calc(kMod, Value::Int(1), Value::Int(0)), "null:NULL");
  EXPECT_EQ(Calc(kDiv, Dec("1.5"), Dec("0.00")), "null:NULL");
  EXPECT_EQ(Calc(kMod, Dec("1.5"), Value::Int(0)), "null:NULL");
  EXPECT_EQ(Calc(kIntDiv, Dec("1.5"), Value::Int(0)), "null:NULL");
  EXPECT_EQ(Calc(kDiv, Value::Double(1), Value::Double(0)), "null:NULL");
  EXPECT_EQ(Calc(kMod, Value::Double(1), Value::Double(0)), "null:NULL");
  EXPECT_EQ(Calc(kAdd, Value(), Value::Int(1)), "null:NULL");
  EXPECT_EQ(Calc(kMul, Value::Int(1), Value()), "null:NULL");
}

TEST(ValueArithTest, DatesAreNumbers) {
  Value d = Value::DateV(*ParseDate("2024-01-31"));
  EXPECT_EQ(Calc(kAdd, d, Value::Int(1)), "int:20240132");
  Value dt = Value::DateTimeV(*ParseDateTime("2024-01-31 10:00:00"));
  EXPECT_EQ(Calc(kAdd, dt, Value::Int(0)), "int:20240131100000");
  Value dtf = Value::DateTimeV(*ParseDateTime("2024-01-31 10:00:00.5"));
  EXPECT_EQ(Calc(kAdd, dtf, Value::Int(0)), "dec:20240131100000.5");
}

TEST(ValueArithTest, Negate) {
  auto text = [](const SqlResult<Value>& r) {
    return r.ok() ? ToText(*r) : fmt::format("ERR {}: {}", r.error().code, r.error().message);
  };
  EXPECT_EQ(text(Negate(Value::Int(5))), "-5");
  EXPECT_EQ(text(Negate(Value::Int(INT64_MIN))),
            "ERR 1690: BIGINT value is out of range in '-(-9223372036854775808)'");
  EXPECT_EQ(text(Negate(Value::Int(INT64_MIN), "-x")),
            "ERR 1690: BIGINT value is out of range in '-x'");
  EXPECT_EQ(text(Negate(Value::UInt(5))), "-5");
  EXPECT_EQ(Negate(Value::UInt(5))->kind(), ValueKind::kInt);
  EXPECT_EQ(text(Negate(Value::UInt(uint64_t{1} << 63))), "-9223372036854775808");
  EXPECT_EQ(Negate(Value::UInt(UINT64_MAX)).status().code(), 1690);
  EXPECT_EQ(text(Negate(Dec("1.50"))), "-1.50");
  EXPECT_EQ(text(Negate(Value::Double(2.5))), "-2.5");
  EXPECT_EQ(text(Negate(Str("3"))), "-3");
  EXPECT_TRUE(Negate(Value())->is_null());
}

}  // namespace
}  // namespace tetradb::rel
