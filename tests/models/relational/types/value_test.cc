#include "models/relational/types/value.h"

#include <cmath>

#include <gtest/gtest.h>

namespace tetradb::rel {
namespace {

Value Dec(std::string_view text) { return Value::Dec(*Decimal::Parse(text)); }
Value Str(std::string_view s) { return Value::String(std::string(s)); }
Value DateV(std::string_view s) { return Value::DateV(*ParseDate(s)); }
Value DtV(std::string_view s) { return Value::DateTimeV(*ParseDateTime(s)); }

TEST(ValueTest, KindsAndAccessors) {
  EXPECT_TRUE(Value().is_null());
  EXPECT_EQ(Value::Int(5).kind(), ValueKind::kInt);
  EXPECT_EQ(Value::Bool(true).int_value(), 1);
  EXPECT_EQ(Value::UInt(7).kind(), ValueKind::kUInt);
  EXPECT_TRUE(Value::Double(1).is_numeric());
  EXPECT_TRUE(Dec("1.5").is_numeric());
  EXPECT_FALSE(Str("1").is_numeric());
  EXPECT_FALSE(DateV("2024-01-01").is_numeric());
  EXPECT_FALSE(Value::Int(1) == Value::UInt(1));  // identity, not SQL equality
}

TEST(ValueTest, ToTextNumbers) {
  EXPECT_EQ(ToText(Value()), "NULL");
  EXPECT_EQ(ToText(Value::Int(-42)), "-42");
  EXPECT_EQ(ToText(Value::UInt(UINT64_MAX)), "18446744073709551615");
  EXPECT_EQ(ToText(Dec("12.50")), "12.50");
  EXPECT_EQ(ToText(Dec("-0.05")), "-0.05");
  EXPECT_EQ(ToText(Dec("0.00")), "0.00");
}

TEST(ValueTest, ToTextDoublesLikeMysql) {
  EXPECT_EQ(ToText(Value::Double(0.1 + 0.2)), "0.30000000000000004");
  EXPECT_EQ(ToText(Value::Double(1e20)), "1e20");
  EXPECT_EQ(ToText(Value::Double(100.0)), "100");
  EXPECT_EQ(ToText(Value::Double(-2.5)), "-2.5");
  EXPECT_EQ(ToText(Value::Double(0)), "0");
  EXPECT_EQ(ToText(Value::Double(-0.0)), "0");
  EXPECT_EQ(ToText(Value::Double(1e14)), "100000000000000");
  EXPECT_EQ(ToText(Value::Double(1e15)), "1e15");
  EXPECT_EQ(ToText(Value::Double(2.3e15)), "2.3e15");
  EXPECT_EQ(ToText(Value::Double(1e-15)), "0.000000000000001");
  EXPECT_EQ(ToText(Value::Double(3.4e-15)), "0.0000000000000034");
  EXPECT_EQ(ToText(Value::Double(1e-16)), "1e-16");
  EXPECT_EQ(ToText(Value::Double(-1.5e-20)), "-1.5e-20");
  EXPECT_EQ(ToText(Value::Double(123.456)), "123.456");
  EXPECT_EQ(ToText(Value::Double(1.0 / 3)), "0.3333333333333333");
}

TEST(ValueTest, ToTextTemporalAndStrings) {
  EXPECT_EQ(ToText(DateV("2026-11-21")), "2026-11-21");
  EXPECT_EQ(ToText(DtV("2026-11-21 10:00:00")), "2026-11-21 10:00:00");
  EXPECT_EQ(ToText(DtV("2026-11-21 10:00:00.50")), "2026-11-21 10:00:00.50");
  EXPECT_EQ(ToText(Str("héllo")), "héllo");
}

TEST(ValueTest, StringToDouble) {
  bool exact = false;
  EXPECT_EQ(StringToDouble("12abc", &exact), 12);
  EXPECT_FALSE(exact);
  EXPECT_EQ(StringToDouble("abc", &exact), 0);
  EXPECT_FALSE(exact);
  EXPECT_EQ(StringToDouble(" 12.5 ", &exact), 12.5);
  EXPECT_TRUE(exact);
  EXPECT_EQ(StringToDouble("-1e3", &exact), -1000);
  EXPECT_TRUE(exact);
  EXPECT_EQ(StringToDouble("1e", &exact), 1);
  EXPECT_FALSE(exact);
  EXPECT_EQ(StringToDouble(".5"), 0.5);
  EXPECT_EQ(StringToDouble("+7x"), 7);
  EXPECT_EQ(StringToDouble(""), 0);
  EXPECT_EQ(StringToDouble("-"), 0);
  EXPECT_EQ(StringToDouble("1e999"), std::numeric_limits<double>::max());
}

TEST(ValueTest, ToDoubleOfEveryKind) {
  EXPECT_EQ(ToDouble(Value::Int(-3)), -3);
  EXPECT_EQ(ToDouble(Value::UInt(UINT64_MAX)), 18446744073709551615.0);
  EXPECT_EQ(ToDouble(Dec("0.1")), 0.1);
  EXPECT_EQ(ToDouble(Str("2.5x")), 2.5);
  EXPECT_EQ(ToDouble(DateV("2026-11-21")), 20261121);
  EXPECT_EQ(ToDouble(DtV("2026-11-21 10:05:09")), 20261121100509.0);
  EXPECT_EQ(ToDouble(DtV("2026-11-21 10:05:09.5")), 20261121100509.5);
}

TEST(ValueTest, ToDecimal) {
  EXPECT_EQ(ToDecimal(Value::Int(5))->ToString(), "5");
  EXPECT_EQ(ToDecimal(Dec("1.50"))->ToString(), "1.50");
  EXPECT_EQ(ToDecimal(Value::Double(0.1))->ToString(), "0.1");
  EXPECT_EQ(ToDecimal(Str(" 12.50 "))->ToString(), "12.50");
  EXPECT_EQ(ToDecimal(Str("12abc"))->ToString(), "12");
  EXPECT_EQ(ToDecimal(Str("abc"))->ToString(), "0");
  EXPECT_EQ(ToDecimal(DateV("2026-11-21"))->ToString(), "20261121");
  EXPECT_EQ(ToDecimal(DtV("2026-11-21 10:00:00.25"))->ToString(), "20261121100000.25");
  EXPECT_FALSE(ToDecimal(Value()).has_value());
}

TEST(ValueTest, ToInt64Rounds) {
  EXPECT_EQ(ToInt64(Value::Double(2.5)), 3);
  EXPECT_EQ(ToInt64(Value::Double(-2.5)), -3);
  EXPECT_EQ(ToInt64(Value::Double(2.4)), 2);
  EXPECT_EQ(ToInt64(Dec("-7.5")), -8);
  EXPECT_EQ(ToInt64(Str("12.5")), 13);
  EXPECT_EQ(ToInt64(Str(" 42 ")), 42);
  EXPECT_EQ(ToInt64(Str("12abc")), 12);
  EXPECT_FALSE(ToInt64(Str("abc")).has_value());
  EXPECT_FALSE(ToInt64(Value::UInt(uint64_t{1} << 63)).has_value());
  EXPECT_EQ(ToInt64(Value::UInt(5)), 5);
  EXPECT_FALSE(ToInt64(Value::Double(1e19)).has_value());
  EXPECT_EQ(ToInt64(Value::Double(-9223372036854775808.0)), INT64_MIN);
  EXPECT_FALSE(ToInt64(Value()).has_value());
  EXPECT_EQ(ToInt64(DateV("2026-11-21")), 20261121);
}

TEST(ValueTest, ToBool) {
  EXPECT_FALSE(ToBool(Value()).has_value());
  EXPECT_EQ(ToBool(Value::Int(0)), false);
  EXPECT_EQ(ToBool(Value::Int(-1)), true);
  EXPECT_EQ(ToBool(Value::Double(0.0)), false);
  EXPECT_EQ(ToBool(Value::Double(0.1)), true);
  EXPECT_EQ(ToBool(Dec("0.00")), false);
  EXPECT_EQ(ToBool(Str("0")), false);
  EXPECT_EQ(ToBool(Str("abc")), false);
  EXPECT_EQ(ToBool(Str("1abc")), true);
  EXPECT_EQ(ToBool(Str("0.5")), true);
  EXPECT_EQ(ToBool(DateV("2024-01-01")), true);
}

TEST(ValueTest, ToDateAndDateTime) {
  EXPECT_EQ(FormatDate(*ToDate(Str("2026-11-21"))), "2026-11-21");
  EXPECT_EQ(FormatDate(*ToDate(Str("2026-11-21 10:00:00"))), "2026-11-21");
  EXPECT_EQ(FormatDate(*ToDate(DtV("2026-11-21 23:59:59"))), "2026-11-21");
  EXPECT_EQ(FormatDate(*ToDate(Value::Int(20261121))), "2026-11-21");
  EXPECT_FALSE(ToDate(Str("2023-02-29")).has_value());
  EXPECT_FALSE(ToDate(Value::Int(123)).has_value());
  EXPECT_FALSE(ToDate(Value()).has_value());
  EXPECT_EQ(FormatDateTime(*ToDateTime(DateV("2026-11-21"))), "2026-11-21 00:00:00");
  EXPECT_EQ(FormatDateTime(*ToDateTime(Str("2026-11-21 10:00:01"))), "2026-11-21 10:00:01");
  EXPECT_EQ(FormatDateTime(*ToDateTime(Value::Int(20261121100001))), "2026-11-21 10:00:01");
  EXPECT_FALSE(ToDateTime(Str("nope")).has_value());
}

TEST(ValueTest, CompareSameKinds) {
  EXPECT_LT(Compare(Value::Int(1), Value::Int(2)), 0);
  EXPECT_EQ(Compare(Value::Int(2), Value::Int(2)), 0);
  EXPECT_GT(Compare(Str("b"), Str("a")), 0);
  EXPECT_LT(Compare(Str("B"), Str("a")), 0);  // bytewise, not case-insensitive
  EXPECT_LT(Compare(Str("ab"), Str("abc")), 0);
  EXPECT_LT(Compare(Value::Double(1.5), Value::Double(2)), 0);
  EXPECT_EQ(Compare(Dec("1.50"), Dec("1.5")), 0);
  EXPECT_LT(Compare(DateV("2024-01-01"), DateV("2024-01-02")), 0);
}

TEST(ValueTest, CompareIntegersExactly) {
  Value big = Value::UInt(UINT64_MAX);
  EXPECT_GT(Compare(big, Value::Int(-1)), 0);
  EXPECT_LT(Compare(Value::Int(-1), big), 0);
  EXPECT_EQ(Compare(Value::Int(5), Value::UInt(5)), 0);
  EXPECT_GT(Compare(Value::UInt(uint64_t{1} << 63), Value::Int(INT64_MAX)), 0);
  // int vs decimal is exact: 2^53 + 1 would be lost in a double.
  int64_t n = (int64_t{1} << 53) + 1;
  EXPECT_LT(Compare(Value::Int(n - 1), Dec("9007199254740993")), 0);
  EXPECT_EQ(Compare(Value::Int(n), Dec("9007199254740993.0")), 0);
  EXPECT_GT(Compare(Value::Int(2), Dec("1.99")), 0);
}

TEST(ValueTest, CompareMixedNumbers) {
  EXPECT_EQ(Compare(Value::Int(1), Value::Double(1.0)), 0);
  EXPECT_LT(Compare(Value::Int(1), Value::Double(1.5)), 0);
  EXPECT_EQ(Compare(Dec("0.5"), Value::Double(0.5)), 0);
  EXPECT_GT(Compare(Value::Double(2), Dec("1.5")), 0);
}

TEST(ValueTest, CompareNumberWithString) {
  EXPECT_EQ(Compare(Value::Int(1), Str("1")), 0);
  EXPECT_EQ(Compare(Str("1.0"), Value::Int(1)), 0);
  EXPECT_EQ(Compare(Value::Int(12), Str(" 12 ")), 0);
  EXPECT_EQ(Compare(Value::Int(12), Str("12abc")), 0);
  EXPECT_EQ(Compare(Value::Int(0), Str("abc")), 0);
  EXPECT_GT(Compare(Value::Int(10), Str("9")), 0);  // as numbers, not text
  EXPECT_LT(Compare(Str("9"), Value::Int(10)), 0);
  // Exact decimal comparison when the string is an exact number.
  EXPECT_LT(Compare(Value::Int(9007199254740992), Str("9007199254740993")), 0);
  EXPECT_EQ(Compare(Dec("0.1"), Str("0.10")), 0);
}

TEST(ValueTest, CompareTemporal) {
  EXPECT_EQ(Compare(DateV("2024-01-01"), Str("2024-01-01")), 0);
  EXPECT_EQ(Compare(DateV("2024-01-01"), Str("20240101")), 0);
  EXPECT_LT(Compare(DateV("2024-01-01"), Str("2024-01-01 10:00:00")), 0);
  EXPECT_GT(Compare(Str("2024-1-2"), DateV("2024-01-01")), 0);
  EXPECT_EQ(Compare(DtV("2024-01-01 10:00:00"), Str("2024-01-01 10:00:00.000")), 0);
  EXPECT_EQ(Compare(DateV("2024-01-01"), DtV("2024-01-01 00:00:00")), 0);
  EXPECT_LT(Compare(DateV("2024-01-01"), DtV("2024-01-01 00:00:01")), 0);
  EXPECT_GT(Compare(DtV("2024-01-01 00:00:01"), DateV("2024-01-01")), 0);
  EXPECT_EQ(Compare(DateV("2024-01-01"), Value::Int(20240101)), 0);
  EXPECT_LT(Compare(Value::Int(20231231), DateV("2024-01-01")), 0);
  EXPECT_EQ(Compare(DtV("2024-01-01 00:00:00"), Value::Int(20240101)), 0);
  EXPECT_EQ(Compare(DtV("2024-01-01 10:30:00"), Value::Int(20240101103000)), 0);
  EXPECT_GT(Compare(DateV("2024-01-01"), Value::Int(5)), 0);  // not a date: as numbers
}

TEST(ValueTest, CompareNullSortsFirst) {
  EXPECT_LT(Compare(Value(), Value::Int(0)), 0);
  EXPECT_EQ(Compare(Value(), Value()), 0);
}

std::string Key(const Value& v) {
  std::string out;
  AppendGroupKey(v, &out);
  return out;
}

TEST(ValueTest, GroupKeysEqualAcrossNumericKinds) {
  EXPECT_EQ(Key(Value::Int(1)), Key(Value::UInt(1)));
  EXPECT_EQ(Key(Value::Int(1)), Key(Dec("1.00")));
  EXPECT_EQ(Key(Value::Int(1)), Key(Value::Double(1.0)));
  EXPECT_EQ(Key(Dec("1.50")), Key(Dec("1.5")));
  EXPECT_EQ(Key(Value::Int(0)), Key(Value::Double(-0.0)));
  EXPECT_EQ(Key(Value::UInt(UINT64_MAX)), Key(Dec("18446744073709551615.0")));
  EXPECT_EQ(Key(Value::Double(0.5)), Key(Value::Double(0.5)));
  EXPECT_NE(Key(Value::Int(1)), Key(Value::Int(2)));
  EXPECT_NE(Key(Value::Int(-1)), Key(Value::UInt(UINT64_MAX)));
  EXPECT_NE(Key(Value::Int(1)), Key(Str("1")));
  EXPECT_NE(Key(Value()), Key(Value::Int(0)));
  EXPECT_NE(Key(Value()), Key(Str("")));
  EXPECT_NE(Key(Str("a")), Key(Str("A")));
  EXPECT_EQ(Key(DateV("2024-01-01")), Key(DateV("2024-01-01")));
  EXPECT_NE(Key(DateV("2024-01-01")), Key(DateV("2024-01-02")));
  EXPECT_EQ(Key(DtV("2024-01-01 10:00:00")), Key(DtV("2024-01-01 10:00:00.000")));
}

TEST(ValueTest, GroupKeysAreSelfDelimiting) {
  // ("ab", "c") and ("a", "bc") must not collide when keys are concatenated.
  std::string k1, k2;
  AppendGroupKey(Str("ab"), &k1);
  AppendGroupKey(Str("c"), &k1);
  AppendGroupKey(Str("a"), &k2);
  AppendGroupKey(Str("bc"), &k2);
  EXPECT_NE(k1, k2);
}

}  // namespace
}  // namespace tetradb::rel
