#include "models/relational/types/column_type.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace tetradb::rel {
namespace {

ColumnType T(TypeId id, bool is_unsigned = false) {
  ColumnType t;
  t.id = id;
  t.is_unsigned = is_unsigned;
  return t;
}
ColumnType DecimalT(int p, int s) {
  ColumnType t = T(TypeId::kDecimal);
  t.precision = static_cast<uint8_t>(p);
  t.scale = static_cast<uint8_t>(s);
  return t;
}
ColumnType Sized(TypeId id, uint32_t length) {
  ColumnType t = T(id);
  t.length = length;
  return t;
}
ColumnType WithFsp(TypeId id, int fsp) {
  ColumnType t = T(id);
  t.fsp = static_cast<uint8_t>(fsp);
  return t;
}
ColumnType EnumT(std::vector<std::string> values) {
  ColumnType t = T(TypeId::kEnum);
  t.enum_values = std::move(values);
  return t;
}

Value Dec(std::string_view text) { return Value::Dec(*Decimal::Parse(text)); }
Value Str(std::string_view s) { return Value::String(std::string(s)); }

// The stored value's text, or "ERR <code>: <message>".
std::string Store(const ColumnType& t, const Value& v) {
  auto r = StoreValue(t, v, "c", 1);
  if (!r.ok()) return fmt::format("ERR {}: {}", r.error().code, r.error().message);
  return ToText(*r);
}
int StoreCode(const ColumnType& t, const Value& v) {
  return StoreValue(t, v, "c", 1).status().code();
}

TEST(ColumnTypeTest, StorageKind) {
  EXPECT_EQ(StorageKind(T(TypeId::kTinyInt)), ValueKind::kInt);
  EXPECT_EQ(StorageKind(T(TypeId::kBigInt, true)), ValueKind::kUInt);
  EXPECT_EQ(StorageKind(T(TypeId::kInt, true)), ValueKind::kUInt);
  EXPECT_EQ(StorageKind(DecimalT(10, 2)), ValueKind::kDecimal);
  EXPECT_EQ(StorageKind(T(TypeId::kFloat)), ValueKind::kDouble);
  EXPECT_EQ(StorageKind(T(TypeId::kDouble)), ValueKind::kDouble);
  for (TypeId id : {TypeId::kChar, TypeId::kVarChar, TypeId::kText, TypeId::kEnum,
                    TypeId::kJson, TypeId::kBlob}) {
    EXPECT_EQ(StorageKind(T(id)), ValueKind::kString);
    EXPECT_TRUE(IsStringType(id));
    EXPECT_FALSE(IsIntegerType(id));
  }
  EXPECT_EQ(StorageKind(T(TypeId::kDate)), ValueKind::kDate);
  EXPECT_EQ(StorageKind(T(TypeId::kDateTime)), ValueKind::kDateTime);
  EXPECT_EQ(StorageKind(T(TypeId::kTimestamp)), ValueKind::kDateTime);
  EXPECT_TRUE(IsIntegerType(TypeId::kMediumInt));
  EXPECT_FALSE(IsIntegerType(TypeId::kDecimal));
  EXPECT_FALSE(IsStringType(TypeId::kDate));
}

TEST(ColumnTypeTest, TypeNameLikeDescribe) {
  EXPECT_EQ(TypeName(T(TypeId::kInt)), "int");
  EXPECT_EQ(TypeName(T(TypeId::kInt, true)), "int unsigned");
  EXPECT_EQ(TypeName(T(TypeId::kBigInt)), "bigint");
  EXPECT_EQ(TypeName(T(TypeId::kBigInt, true)), "bigint unsigned");
  EXPECT_EQ(TypeName(T(TypeId::kSmallInt)), "smallint");
  EXPECT_EQ(TypeName(T(TypeId::kMediumInt)), "mediumint");
  EXPECT_EQ(TypeName(T(TypeId::kTinyInt)), "tinyint");
  ColumnType boolean = T(TypeId::kTinyInt);
  boolean.display_width_one = true;
  EXPECT_EQ(TypeName(boolean), "tinyint(1)");
  EXPECT_EQ(TypeName(DecimalT(10, 2)), "decimal(10,2)");
  EXPECT_EQ(TypeName(Sized(TypeId::kVarChar, 255)), "varchar(255)");
  EXPECT_EQ(TypeName(Sized(TypeId::kChar, 3)), "char(3)");
  EXPECT_EQ(TypeName(Sized(TypeId::kText, 255)), "tinytext");
  EXPECT_EQ(TypeName(Sized(TypeId::kText, 65535)), "text");
  EXPECT_EQ(TypeName(Sized(TypeId::kText, 16777215)), "mediumtext");
  EXPECT_EQ(TypeName(Sized(TypeId::kText, 4294967295u)), "longtext");
  EXPECT_EQ(TypeName(Sized(TypeId::kBlob, 65535)), "blob");
  EXPECT_EQ(TypeName(Sized(TypeId::kBlob, 4294967295u)), "longblob");
  EXPECT_EQ(TypeName(T(TypeId::kDateTime)), "datetime");
  EXPECT_EQ(TypeName(WithFsp(TypeId::kDateTime, 3)), "datetime(3)");
  EXPECT_EQ(TypeName(T(TypeId::kTimestamp)), "timestamp");
  EXPECT_EQ(TypeName(WithFsp(TypeId::kTimestamp, 6)), "timestamp(6)");
  EXPECT_EQ(TypeName(T(TypeId::kDate)), "date");
  EXPECT_EQ(TypeName(T(TypeId::kDouble)), "double");
  EXPECT_EQ(TypeName(T(TypeId::kFloat)), "float");
  EXPECT_EQ(TypeName(EnumT({"a", "b"})), "enum('a','b')");
  EXPECT_EQ(TypeName(EnumT({"it's"})), "enum('it''s')");
  EXPECT_EQ(TypeName(T(TypeId::kJson)), "json");
}

TEST(ColumnTypeTest, ValidateType) {
  EXPECT_TRUE(ValidateType(DecimalT(38, 30), "c").ok());
  auto big = ValidateType(DecimalT(39, 2), "price");
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.error().code, 1426);
  EXPECT_EQ(big.error().message, "Too big precision 39 specified for 'price'. Maximum is 38.");
  EXPECT_EQ(ValidateType(DecimalT(0, 0), "c").code(), 1426);
  auto scale = ValidateType(DecimalT(38, 31), "c");
  EXPECT_EQ(scale.code(), 1425);
  EXPECT_EQ(scale.error().message, "Too big scale 31 specified for column 'c'. Maximum is 30.");
  auto order = ValidateType(DecimalT(5, 6), "c");
  EXPECT_EQ(order.code(), 1427);
  EXPECT_EQ(order.error().message,
            "For float(M,D), double(M,D) or decimal(M,D), M must be >= D (column 'c').");
  EXPECT_TRUE(ValidateType(Sized(TypeId::kVarChar, 65535), "c").ok());
  auto vc = ValidateType(Sized(TypeId::kVarChar, 65536), "name");
  EXPECT_EQ(vc.code(), 1074);
  EXPECT_EQ(vc.error().message,
            "Column length too big for column 'name' (max = 65535); use BLOB or TEXT instead");
  EXPECT_EQ(ValidateType(Sized(TypeId::kChar, 256), "c").code(), 1074);
  EXPECT_TRUE(ValidateType(Sized(TypeId::kChar, 255), "c").ok());
  EXPECT_EQ(ValidateType(WithFsp(TypeId::kDateTime, 7), "c").code(), 1426);
  EXPECT_TRUE(ValidateType(WithFsp(TypeId::kDateTime, 6), "c").ok());
  EXPECT_FALSE(ValidateType(EnumT({}), "c").ok());
  auto dup = ValidateType(EnumT({"a", "b", "A"}), "c");
  EXPECT_EQ(dup.code(), 1291);
  EXPECT_EQ(dup.error().message, "Column 'c' has duplicated value 'A' in ENUM");
  EXPECT_TRUE(ValidateType(EnumT({"a", "b"}), "c").ok());
}

TEST(ColumnTypeTest, NullStaysNull) {
  for (TypeId id : {TypeId::kInt, TypeId::kDecimal, TypeId::kVarChar, TypeId::kDate,
                    TypeId::kJson, TypeId::kEnum}) {
    auto r = StoreValue(T(id), Value(), "c", 1);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->is_null());
  }
}

TEST(ColumnTypeTest, IntegerRanges) {
  struct Case {
    TypeId id;
    bool is_unsigned;
    const char* min;
    const char* max;
  };
  const Case cases[] = {
      {TypeId::kTinyInt, false, "-128", "127"},
      {TypeId::kTinyInt, true, "0", "255"},
      {TypeId::kSmallInt, false, "-32768", "32767"},
      {TypeId::kSmallInt, true, "0", "65535"},
      {TypeId::kMediumInt, false, "-8388608", "8388607"},
      {TypeId::kMediumInt, true, "0", "16777215"},
      {TypeId::kInt, false, "-2147483648", "2147483647"},
      {TypeId::kInt, true, "0", "4294967295"},
      {TypeId::kBigInt, false, "-9223372036854775808", "9223372036854775807"},
      {TypeId::kBigInt, true, "0", "18446744073709551615"},
  };
  for (const Case& c : cases) {
    ColumnType t = T(c.id, c.is_unsigned);
    SCOPED_TRACE(TypeName(t));
    Value min = Dec(c.min), max = Dec(c.max);
    EXPECT_EQ(Store(t, min), c.min);
    EXPECT_EQ(Store(t, max), c.max);
    EXPECT_EQ(StoreCode(t, *Arithmetic(ArithOp::kSub, min, Value::Int(1))), 1264);
    EXPECT_EQ(StoreCode(t, *Arithmetic(ArithOp::kAdd, max, Value::Int(1))), 1264);
    auto stored = StoreValue(t, Str(c.max), "c", 1);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->kind(), c.is_unsigned ? ValueKind::kUInt : ValueKind::kInt);
  }
  EXPECT_EQ(Store(T(TypeId::kTinyInt), Value::Int(128)),
            "ERR 1264: Out of range value for column 'c' at row 1");
  EXPECT_EQ(Store(T(TypeId::kInt, true), Value::Int(-1)),
            "ERR 1264: Out of range value for column 'c' at row 1");
  EXPECT_EQ(Store(T(TypeId::kBigInt), Value::UInt(UINT64_MAX)).substr(0, 8), "ERR 1264");
}

TEST(ColumnTypeTest, IntegerRounding) {
  ColumnType t = T(TypeId::kInt);
  EXPECT_EQ(Store(t, Dec("2.5")), "3");
  EXPECT_EQ(Store(t, Dec("-2.5")), "-3");
  EXPECT_EQ(Store(t, Dec("2.49")), "2");
  EXPECT_EQ(Store(t, Value::Double(2.5)), "3");
  EXPECT_EQ(Store(t, Value::Double(-0.4)), "0");
  EXPECT_EQ(Store(t, Str("12.5")), "13");
  EXPECT_EQ(Store(t, Str("1e3")), "1000");
  EXPECT_EQ(Store(T(TypeId::kTinyInt), Dec("127.4")), "127");
  EXPECT_EQ(StoreCode(T(TypeId::kTinyInt), Dec("127.5")), 1264);
  EXPECT_EQ(StoreCode(T(TypeId::kBigInt), Value::Double(1e30)), 1264);
  EXPECT_EQ(Store(T(TypeId::kInt, true), Dec("-0.4")), "0");
}

TEST(ColumnTypeTest, IntegerFromStrings) {
  ColumnType t = T(TypeId::kInt);
  EXPECT_EQ(Store(t, Str(" 12 ")), "12");
  EXPECT_EQ(Store(t, Str("-7")), "-7");
  EXPECT_EQ(Store(t, Str("abc")),
            "ERR 1366: Incorrect integer value: 'abc' for column 'c' at row 1");
  EXPECT_EQ(Store(t, Str("")), "ERR 1366: Incorrect integer value: '' for column 'c' at row 1");
  EXPECT_EQ(Store(t, Str("12abc")), "ERR 1265: Data truncated for column 'c' at row 1");
  EXPECT_EQ(StoreCode(t, Str("99999999999")), 1264);
  EXPECT_EQ(StoreCode(t, Str("1" + std::string(45, '0'))), 1264);
  auto r = StoreValue(t, Str("x"), "age", 7);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, "Incorrect integer value: 'x' for column 'age' at row 7");
  EXPECT_EQ(r.error().sqlstate, "HY000");
}

TEST(ColumnTypeTest, DecimalColumns) {
  ColumnType t = DecimalT(5, 2);
  EXPECT_EQ(Store(t, Dec("12.5")), "12.50");
  EXPECT_EQ(Store(t, Dec("1.005")), "1.01");
  EXPECT_EQ(Store(t, Dec("-1.005")), "-1.01");
  EXPECT_EQ(Store(t, Value::Int(999)), "999.00");
  EXPECT_EQ(Store(t, Dec("999.994")), "999.99");
  EXPECT_EQ(Store(t, Dec("999.995")), "ERR 1264: Out of range value for column 'c' at row 1");
  EXPECT_EQ(StoreCode(t, Value::Int(1000)), 1264);
  EXPECT_EQ(Store(t, Value::Double(0.1)), "0.10");
  EXPECT_EQ(Store(t, Value::Double(2.675)), "2.68");  // shortest text 2.675, then rounded
  EXPECT_EQ(Store(t, Str(" 3.14159 ")), "3.14");
  EXPECT_EQ(Store(t, Str("abc")),
            "ERR 1366: Incorrect decimal value: 'abc' for column 'c' at row 1");
  EXPECT_EQ(StoreCode(t, Str("1.5x")), 1265);
  EXPECT_EQ(Store(t, Dec("-0.001")), "0.00");
  auto r = StoreValue(t, Value::Int(7), "c", 1);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->kind(), ValueKind::kDecimal);
  EXPECT_EQ(r->decimal_value().scale(), 2);
  ColumnType u = DecimalT(5, 2);
  u.is_unsigned = true;
  EXPECT_EQ(StoreCode(u, Dec("-1")), 1264);
  EXPECT_EQ(Store(DecimalT(38, 0), Str(std::string(38, '9'))), std::string(38, '9'));
}

TEST(ColumnTypeTest, FloatingColumns) {
  ColumnType d = T(TypeId::kDouble);
  EXPECT_EQ(Store(d, Value::Int(3)), "3");
  EXPECT_EQ(Store(d, Dec("0.1")), "0.1");
  EXPECT_EQ(Store(d, Str("1.5e3")), "1500");
  EXPECT_EQ(Store(d, Str("abc")), "ERR 1366: Incorrect double value: 'abc' for column 'c' at row 1");
  EXPECT_EQ(StoreCode(d, Str("1.5x")), 1265);
  ColumnType f = T(TypeId::kFloat);
  EXPECT_EQ(Store(f, Value::Double(0.1)), "0.1");
  EXPECT_EQ(Store(f, Value::Double(1.23456789)), "1.2345679");
  EXPECT_EQ(StoreCode(f, Value::Double(1e39)), 1264);
  EXPECT_EQ(StoreCode(T(TypeId::kDouble, true), Value::Int(-1)), 1264);
}

TEST(ColumnTypeTest, CharAndVarchar) {
  ColumnType vc = Sized(TypeId::kVarChar, 3);
  EXPECT_EQ(Store(vc, Str("abc")), "abc");
  EXPECT_EQ(Store(vc, Str("héé")), "héé");  // 3 code points, 5 bytes
  EXPECT_EQ(Store(vc, Str("abcd")), "ERR 1406: Data too long for column 'c' at row 1");
  EXPECT_EQ(Store(vc, Str("ab ")), "ab ");  // VARCHAR keeps trailing spaces
  EXPECT_EQ(Store(vc, Str("abc   ")), "abc");  // excess spaces are cut, not an error
  EXPECT_EQ(Store(vc, Value::Int(123)), "123");
  EXPECT_EQ(StoreCode(vc, Value::Int(1234)), 1406);
  EXPECT_EQ(Store(Sized(TypeId::kVarChar, 10), Dec("1.50")), "1.50");
  EXPECT_EQ(Store(Sized(TypeId::kVarChar, 10), Value::DateV(*ParseDate("2024-01-02"))),
            "2024-01-02");
  auto r = StoreValue(vc, Value::Int(12), "c", 1);
  EXPECT_EQ(r->kind(), ValueKind::kString);
  ColumnType ch = Sized(TypeId::kChar, 3);
  EXPECT_EQ(Store(ch, Str("ab ")), "ab");
  EXPECT_EQ(Store(ch, Str("a  ")), "a");
  EXPECT_EQ(Store(ch, Str(" a")), " a");
  EXPECT_EQ(StoreCode(ch, Str("abcd")), 1406);
}

TEST(ColumnTypeTest, TextAndBlobCountBytes) {
  ColumnType tiny = Sized(TypeId::kText, 255);
  EXPECT_EQ(Store(tiny, Str(std::string(255, 'x'))).size(), 255u);
  EXPECT_EQ(StoreCode(tiny, Str(std::string(256, 'x'))), 1406);
  EXPECT_EQ(StoreCode(tiny, Str(std::string(128, 'x') + std::string(64, '\xC3') )), 0);
  std::string multi;
  for (int i = 0; i < 128; ++i) multi += "é";  // 128 chars, 256 bytes
  EXPECT_EQ(StoreCode(tiny, Str(multi)), 1406);
  EXPECT_EQ(StoreCode(Sized(TypeId::kBlob, 4), Str("abcde")), 1406);
  EXPECT_EQ(StoreCode(Sized(TypeId::kBlob, 4), Str("abc  ")), 1406);  // bytes are bytes
}

TEST(ColumnTypeTest, DateColumns) {
  ColumnType t = T(TypeId::kDate);
  EXPECT_EQ(Store(t, Str("2026-11-21")), "2026-11-21");
  EXPECT_EQ(Store(t, Str("20261121")), "2026-11-21");
  EXPECT_EQ(Store(t, Value::Int(20261121)), "2026-11-21");
  EXPECT_EQ(Store(t, Str("2026-11-21 00:00:00")), "2026-11-21");
  // A time part is dropped (MySQL notes it; strict mode does not refuse it).
  EXPECT_EQ(Store(t, Str("2026-11-21 10:00:00")), "2026-11-21");
  EXPECT_EQ(Store(t, Value::DateTimeV(*ParseDateTime("2026-11-21 23:59:59"))), "2026-11-21");
  EXPECT_EQ(Store(t, Str("2023-02-29")),
            "ERR 1292: Incorrect date value: '2023-02-29' for column 'c' at row 1");
  EXPECT_EQ(StoreCode(t, Str("0000-00-00")), 1292);
  EXPECT_EQ(StoreCode(t, Str("hello")), 1292);
  EXPECT_EQ(StoreCode(t, Value::Int(123)), 1292);
  EXPECT_EQ(Store(t, Value::DateTimeV(*ParseDateTime("2026-11-21 00:00:00"))), "2026-11-21");
  EXPECT_EQ(Store(t, Value::DateTimeV(*ParseDateTime("2026-11-21 00:00:01"))), "2026-11-21");
  auto r = StoreValue(t, Str("2026-11-21"), "c", 1);
  EXPECT_EQ(r->kind(), ValueKind::kDate);
}

TEST(ColumnTypeTest, DateTimeColumns) {
  ColumnType t = T(TypeId::kDateTime);
  EXPECT_EQ(Store(t, Str("2026-11-21 10:05:09")), "2026-11-21 10:05:09");
  EXPECT_EQ(Store(t, Str("2026-11-21")), "2026-11-21 00:00:00");
  EXPECT_EQ(Store(t, Value::DateV(*ParseDate("2026-11-21"))), "2026-11-21 00:00:00");
  EXPECT_EQ(Store(t, Value::Int(20261121100509)), "2026-11-21 10:05:09");
  EXPECT_EQ(Store(t, Str("2026-11-21 10:05:09.5")), "2026-11-21 10:05:10");
  EXPECT_EQ(Store(t, Str("2026-11-21 10:05:09.49")), "2026-11-21 10:05:09");
  EXPECT_EQ(Store(t, Str("2026-11-21 25:00:00")),
            "ERR 1292: Incorrect datetime value: '2026-11-21 25:00:00' for column 'c' at row 1");
  EXPECT_EQ(StoreCode(t, Str("9999-12-31 23:59:59.5")), 1292);
  ColumnType t3 = WithFsp(TypeId::kDateTime, 3);
  EXPECT_EQ(Store(t3, Str("2026-11-21 10:05:09.12345")), "2026-11-21 10:05:09.123");
  EXPECT_EQ(Store(t3, Str("2026-11-21 10:05:09.1235")), "2026-11-21 10:05:09.124");
  EXPECT_EQ(Store(t3, Str("2026-11-21 10:05:09")), "2026-11-21 10:05:09.000");
  auto r = StoreValue(t3, Str("2026-11-21 10:05:09.1"), "c", 1);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->datetime_value().fsp, 3);
}

TEST(ColumnTypeTest, TimestampRange) {
  ColumnType t = T(TypeId::kTimestamp);
  EXPECT_EQ(Store(t, Str("2038-01-19 03:14:07")), "2038-01-19 03:14:07");
  EXPECT_EQ(Store(t, Str("1970-01-01 00:00:01")), "1970-01-01 00:00:01");
  EXPECT_EQ(StoreCode(t, Str("2038-01-19 03:14:08")), 1292);
  EXPECT_EQ(StoreCode(t, Str("1969-12-31 23:59:59")), 1292);
}

TEST(ColumnTypeTest, EnumColumns) {
  ColumnType t = EnumT({"Small", "Large"});
  EXPECT_EQ(Store(t, Str("small")), "Small");
  EXPECT_EQ(Store(t, Str("LARGE")), "Large");
  EXPECT_EQ(Store(t, Value::Int(2)), "Large");
  EXPECT_EQ(Store(t, Str("medium")), "ERR 1265: Data truncated for column 'c' at row 1");
  EXPECT_EQ(StoreCode(t, Str("")), 1265);
  EXPECT_EQ(StoreCode(t, Value::Int(0)), 1265);
  EXPECT_EQ(StoreCode(t, Value::Int(3)), 1265);
}

TEST(ColumnTypeTest, JsonColumnsNormalize) {
  ColumnType t = T(TypeId::kJson);
  EXPECT_EQ(Store(t, Str("{\"b\":1,\"a\":[1,2,{\"c\":null}]}")),
            "{\"a\": [1, 2, {\"c\": null}], \"b\": 1}");
  EXPECT_EQ(Store(t, Str("{\"bb\": 1, \"a\": 2, \"ab\": 3}")), "{\"a\": 2, \"ab\": 3, \"bb\": 1}");
  EXPECT_EQ(Store(t, Str(" [ true , false ] ")), "[true, false]");
  EXPECT_EQ(Store(t, Str("\"x\\ny\"")), "\"x\\ny\"");
  EXPECT_EQ(Store(t, Str("1.0")), "1.0");
  EXPECT_EQ(Store(t, Str("1.5e3")), "1500.0");
  EXPECT_EQ(Store(t, Str("-12")), "-12");
  EXPECT_EQ(Store(t, Str("{}")), "{}");
  EXPECT_EQ(Store(t, Str("{\"a\":1,\"a\":2}")), "{\"a\": 2}");
  EXPECT_EQ(Store(t, Str("\"h\u00e9\"")), "\"h\u00e9\"");
}

TEST(ColumnTypeTest, JsonErrorsLikeMysql) {
  ColumnType t = T(TypeId::kJson);
  auto msg = [&](std::string_view text) { return Store(t, Str(text)); };
  EXPECT_EQ(msg("abc"),
            "ERR 3140: Invalid JSON text: \"Invalid value.\" at position 0 in value for "
            "column 'c'.");
  EXPECT_EQ(msg(""),
            "ERR 3140: Invalid JSON text: \"The document is empty.\" at position 0 in value "
            "for column 'c'.");
  EXPECT_EQ(msg("{\"a\":}"),
            "ERR 3140: Invalid JSON text: \"Invalid value.\" at position 5 in value for "
            "column 'c'.");
  EXPECT_EQ(msg("{\"a\":1"),
            "ERR 3140: Invalid JSON text: \"Missing a comma or '}' after an object member.\" "
            "at position 6 in value for column 'c'.");
  EXPECT_EQ(msg("[1,2"),
            "ERR 3140: Invalid JSON text: \"Missing a comma or ']' after an array element.\" "
            "at position 4 in value for column 'c'.");
  EXPECT_EQ(msg("{a:1}"),
            "ERR 3140: Invalid JSON text: \"Missing a name for object member.\" at position 1 "
            "in value for column 'c'.");
  EXPECT_EQ(msg("1 2"),
            "ERR 3140: Invalid JSON text: \"The document root must not be followed by other "
            "values.\" at position 2 in value for column 'c'.");
  EXPECT_EQ(msg("{\"a\" 1}"),
            "ERR 3140: Invalid JSON text: \"Missing a colon after a name of object member.\" "
            "at position 5 in value for column 'c'.");
  EXPECT_EQ(msg("\"abc"),
            "ERR 3140: Invalid JSON text: \"Missing a closing quotation mark in string.\" at "
            "position 4 in value for column 'c'.");
  auto r = StoreValue(t, Str("nope"), "c", 1);
  EXPECT_EQ(r.error().sqlstate, "22032");
  EXPECT_EQ(StoreCode(t, Value::Int(1)), 3140);
}

}  // namespace
}  // namespace tetradb::rel
