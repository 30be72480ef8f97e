// Row records and key encodings: round trips, sort order, schema evolution
// and malformed input.
#include "models/relational/storage/row_codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "models/relational/storage/row_keys.h"
#include "models/relational/types/column_type.h"
#include "tests/models/relational/storage/storage_test_util.h"

namespace tetradb::rel {
namespace {

using testing::Col;

Value Dec(const char* text) { return Value::Dec(*Decimal::Parse(text)); }

TableDef MixedTable() {
  TableDef t;
  t.id = 7;
  t.name = "mixed";
  std::vector<ColumnType> types = {
      {.id = TypeId::kInt},
      {.id = TypeId::kBigInt, .is_unsigned = true},
      {.id = TypeId::kDouble},
      {.id = TypeId::kDecimal, .precision = 30, .scale = 4},
      {.id = TypeId::kVarChar, .length = 100},
      {.id = TypeId::kDate},
      {.id = TypeId::kDateTime, .fsp = 6},
      {.id = TypeId::kInt},
  };
  for (size_t i = 0; i < types.size(); ++i) {
    ColumnDef c = Col("c" + std::to_string(i), types[i]);
    c.id = static_cast<uint32_t>(i + 1);
    t.columns.push_back(c);
  }
  t.next_column_id = static_cast<uint32_t>(types.size() + 1);
  t.primary_key = {0};
  return t;
}

TEST(RowCodecTest, ValuesRoundTrip) {
  std::vector<Value> values = {
      Value::Null(),
      Value::Int(0),
      Value::Int(-1),
      Value::Int(INT64_MIN),
      Value::Int(INT64_MAX),
      Value::UInt(UINT64_MAX),
      Value::Double(-0.5),
      Value::Double(1e300),
      Dec("-12345678901234567890.1234"),
      Dec("99999999999999999999999999999999999999"),
      Value::String(""),
      Value::String(std::string("a\0b", 3)),
      Value::DateV(Date{-719162}),
      Value::DateTimeV(DateTime{1700000000123456, 6}),
  };
  for (const Value& v : values) {
    std::string bytes;
    AppendValue(v, &bytes);
    std::string_view in = bytes;
    Value out;
    ASSERT_TRUE(ReadValue(&in, &out)) << ToText(v);
    EXPECT_TRUE(in.empty());
    EXPECT_EQ(out, v) << ToText(v);
    if (v.kind() == ValueKind::kDecimal) {
      EXPECT_EQ(out.decimal_value().scale(), v.decimal_value().scale());
    }
  }
}

TEST(RowCodecTest, RowRoundTripAndCompactness) {
  TableDef t = MixedTable();
  Row row = {Value::Int(42),
             Value::UInt(1ULL << 63),
             Value::Double(2.5),
             Dec("-3.1400"),
             Value::String("hello"),
             Value::DateV(Date{19000}),
             Value::DateTimeV(DateTime{1, 6}),
             Value::Null()};
  std::string rec = EncodeRow(t, row);
  Row out;
  ASSERT_TRUE(DecodeRow(t, rec, &out).ok());
  EXPECT_EQ(out, row);

  // Small integers take a few bytes each: format, count, then id+tag+varint.
  TableDef ints;
  ints.id = 1;
  for (uint32_t i = 1; i <= 5; ++i) {
    ColumnDef c = Col("c", testing::IntType());
    c.id = i;
    ints.columns.push_back(c);
  }
  std::string small =
      EncodeRow(ints, {Value::Int(1), Value::Int(2), Value::Int(3), Value::Int(4), Value::Int(5)});
  EXPECT_EQ(small.size(), 2u + 5 * 3);
}

TEST(RowCodecTest, MissingColumnsReadTheirFillValueAndDroppedOnesAreSkipped) {
  TableDef before = MixedTable();
  Row row(before.columns.size());
  row[0] = Value::Int(1);
  row[4] = Value::String("x");
  std::string rec = EncodeRow(before, row);

  // ADD COLUMN: a new id, placed first; a column dropped (c7 removed).
  TableDef after = before;
  after.columns.pop_back();
  ColumnDef added = Col("added", testing::IntType());
  added.id = after.next_column_id++;
  added.missing_value = Value::Int(99);
  after.columns.insert(after.columns.begin(), added);
  Row out;
  ASSERT_TRUE(DecodeRow(after, rec, &out).ok());
  ASSERT_EQ(out.size(), after.columns.size());
  EXPECT_EQ(out[0], Value::Int(99));
  EXPECT_EQ(out[1], Value::Int(1));
  EXPECT_EQ(out[5], Value::String("x"));
  EXPECT_TRUE(out[2].is_null());  // stored NULL stays NULL

  // A row written after the ADD COLUMN has the cell, NULL included.
  Row newer = out;
  newer[0] = Value::Null();
  ASSERT_TRUE(DecodeRow(after, EncodeRow(after, newer), &out).ok());
  EXPECT_TRUE(out[0].is_null());
}

TEST(RowCodecTest, GarbageIsAnErrorNotACrash) {
  TableDef t = MixedTable();
  std::mt19937 rng(7);
  Row row = {Value::Int(42),
             Value::UInt(5),
             Value::Double(2.5),
             Dec("1.0000"),
             Value::String("hello world"),
             Value::DateV(Date{3}),
             Value::DateTimeV(DateTime{}),
             Value::Int(-9)};
  const std::string good = EncodeRow(t, row);
  int errors = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string bytes = good;
    if (i % 3 == 0) {
      bytes.resize(rng() % bytes.size());
    } else {
      for (int k = 0; k < 3; ++k) bytes[rng() % bytes.size()] = static_cast<char>(rng());
    }
    Row out;
    if (!DecodeRow(t, bytes, &out).ok()) ++errors;
    EXPECT_EQ(out.size(), t.columns.size());
  }
  EXPECT_GT(errors, 1000);
  Row out;
  EXPECT_FALSE(DecodeRow(t, "", &out).ok());
  EXPECT_FALSE(DecodeRow(t, std::string("\x02\x00", 2), &out).ok());  // unknown format
}

// --- keys ------------------------------------------------------------------

std::string KeyOf(const ColumnType& type, const Value& v) {
  std::string out;
  SqlStatus s = AppendKeyValue(type, v, &out);
  EXPECT_TRUE(s.ok()) << ToText(v) << " " << TypeName(type);
  return out;
}

// Keys of `values` (ascending, NULL first) must sort strictly ascending and
// decode back to the same values.
void ExpectOrdered(const ColumnType& type, const std::vector<Value>& values) {
  std::vector<std::string> keys;
  for (const Value& v : values) keys.push_back(KeyOf(type, v));
  for (size_t i = 1; i < keys.size(); ++i) {
    EXPECT_LT(keys[i - 1], keys[i])
        << TypeName(type) << ": " << ToText(values[i - 1]) << " vs " << ToText(values[i]);
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    KeyDecoder dec(keys[i]);
    Value out;
    ASSERT_TRUE(ReadKeyValue(type, &dec, &out).ok());
    EXPECT_TRUE(dec.done());
    if (values[i].is_null()) {
      EXPECT_TRUE(out.is_null());
    } else {
      EXPECT_EQ(Compare(out, values[i]), 0) << ToText(out) << " vs " << ToText(values[i]);
    }
  }
}

TEST(RowKeysTest, SignedIntegersOrderWithNullFirst) {
  ExpectOrdered(testing::BigIntType(),
                {Value::Null(), Value::Int(INT64_MIN), Value::Int(-300), Value::Int(-1),
                 Value::Int(0), Value::Int(1), Value::Int(256), Value::Int(INT64_MAX)});
}

TEST(RowKeysTest, UnsignedIntegersOrderAcrossTheSignBit) {
  ExpectOrdered(testing::BigIntType(true),
                {Value::Null(), Value::UInt(0), Value::UInt(1), Value::UInt(255), Value::UInt(256),
                 Value::UInt(1ULL << 63), Value::UInt(UINT64_MAX)});
  // A kInt value of an unsigned column encodes as the same number.
  EXPECT_EQ(KeyOf(testing::BigIntType(true), Value::Int(5)),
            KeyOf(testing::BigIntType(true), Value::UInt(5)));
}

TEST(RowKeysTest, DecimalsOrderAcrossSignsAndScales) {
  ColumnType type = testing::DecimalType(38, 2);
  ExpectOrdered(type, {Value::Null(), Dec("-99999999999999999999999999999999999.99"), Dec("-100"),
                       Dec("-1.5"), Dec("-0.01"), Dec("0"), Dec("0.01"), Dec("0.10"), Dec("1.5"),
                       Dec("2"), Dec("10.25"), Dec("99999999999999999999999999999999999.99")});
  // Rescaled to the column's scale: 1.5 and 1.50 are one key.
  EXPECT_EQ(KeyOf(type, Dec("1.5")), KeyOf(type, Dec("1.50")));
  EXPECT_EQ(KeyOf(type, Value::Int(3)), KeyOf(type, Dec("3.00")));
}

TEST(RowKeysTest, DoublesStringsAndTemporalsOrder) {
  ExpectOrdered({.id = TypeId::kDouble},
                {Value::Null(), Value::Double(-1e300), Value::Double(-1), Value::Double(0),
                 Value::Double(1e-300), Value::Double(2.5), Value::Double(1e300)});
  ExpectOrdered(
      testing::VarcharType(),
      {Value::Null(), Value::String(""), Value::String(std::string("\0", 1)), Value::String("A"),
       Value::String("a"), Value::String("ab"), Value::String("b"), Value::String("\xc3\xa9")});
  ExpectOrdered({.id = TypeId::kDate}, {Value::Null(), Value::DateV(Date{-5}),
                                        Value::DateV(Date{0}), Value::DateV(Date{20000})});
  ExpectOrdered({.id = TypeId::kDateTime},
                {Value::Null(), Value::DateTimeV(DateTime{-1}), Value::DateTimeV(DateTime{0}),
                 Value::DateTimeV(DateTime{1})});
}

TEST(RowKeysTest, CompositeKeysOrderByFirstColumnThenSecond) {
  TableDef t;
  t.id = 3;
  t.columns = {Col("a", testing::IntType()), Col("b", testing::VarcharType())};
  t.primary_key = {0, 1};
  std::vector<Row> rows = {{Value::Int(-1), Value::String("z")},
                           {Value::Int(1), Value::String("")},
                           {Value::Int(1), Value::String("a")},
                           {Value::Int(2), Value::String("a")}};
  std::string prev;
  for (const Row& r : rows) {
    auto key = RowKeyOf(t, r);
    ASSERT_TRUE(key.ok());
    EXPECT_LT(prev, *key);
    prev = *key;
    std::vector<Value> pk;
    ASSERT_TRUE(DecodeRowKeyPk(t, *key, &pk).ok());
    EXPECT_EQ(pk, r);
  }
  // Keys of other tables do not interleave: the table id comes first.
  EXPECT_LT(prev, RowKeyPrefix(4));
  EXPECT_EQ(KeyText(t.primary_key, rows[2]), "1-a");
}

TEST(RowKeysTest, UniqueIndexEntriesCarryThePkUnlessANullIsIndexed) {
  TableDef t;
  t.id = 3;
  t.columns = {Col("id", testing::IntType()), Col("email", testing::VarcharType())};
  t.primary_key = {0};
  IndexDef idx = testing::Index("email", {1}, true);
  idx.id = 9;
  auto e = IndexEntryOf(t, idx, {Value::Int(5), Value::String("a@x")});
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->unique);
  std::string pk;
  ASSERT_TRUE(PkOfIndexEntry(idx, e->key, e->value, &pk).ok());
  EXPECT_EQ(RowKeyPrefix(3) + pk, *RowKeyOf(t, {Value::Int(5), Value::String("a@x")}));

  auto n = IndexEntryOf(t, idx, {Value::Int(6), Value::Null()});
  ASSERT_TRUE(n.ok());
  EXPECT_FALSE(n->unique);
  EXPECT_TRUE(n->value.empty());
  ASSERT_TRUE(PkOfIndexEntry(idx, n->key, n->value, &pk).ok());
  EXPECT_EQ(RowKeyPrefix(3) + pk, *RowKeyOf(t, {Value::Int(6), Value::Null()}));
}

TEST(RowKeysTest, KeyValueForConvertsOnlyWhenExact) {
  ColumnType i = testing::IntType();
  EXPECT_EQ(KeyValueFor(i, Value::String("5")), Value::Int(5));
  EXPECT_EQ(KeyValueFor(i, Value::UInt(5)), Value::Int(5));
  EXPECT_EQ(KeyValueFor(i, Dec("5.00")), Value::Int(5));
  EXPECT_FALSE(KeyValueFor(i, Dec("5.5")).has_value());
  EXPECT_FALSE(KeyValueFor(i, Value::String("abc")).has_value());
  EXPECT_FALSE(KeyValueFor(i, Value::UInt(UINT64_MAX)).has_value());
  ColumnType d = testing::DecimalType(10, 2);
  auto five = KeyValueFor(d, Value::Int(5));
  ASSERT_TRUE(five.has_value());
  EXPECT_EQ(five->kind(), ValueKind::kDecimal);
  EXPECT_EQ(five->decimal_value().ToString(), "5.00");
  EXPECT_FALSE(KeyValueFor(d, Dec("5.001")).has_value());
  // A string column is never searched with a number (MySQL compares those
  // as numbers: '05' = 5).
  EXPECT_FALSE(KeyValueFor(testing::VarcharType(), Value::Int(5)).has_value());
  EXPECT_TRUE(KeyValueFor(testing::VarcharType(), Value::Null())->is_null());
  auto day = KeyValueFor({.id = TypeId::kDate}, Value::String("2024-01-02"));
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(day->kind(), ValueKind::kDate);
}

}  // namespace
}  // namespace tetradb::rel
