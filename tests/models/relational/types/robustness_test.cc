// Randomized inputs: the types layer must never crash on bad input, and the
// invariants that other layers rely on must hold for whatever it accepts.
#include <random>

#include <gtest/gtest.h>

#include "models/relational/types/column_type.h"
#include "models/relational/types/json_text.h"

namespace tetradb::rel {
namespace {

// Strings biased toward the characters the parsers care about.
std::string RandomText(std::mt19937& rng) {
  static const std::string kAlphabet = "0123456789012345-+.eE :T/ax\"{}[],\\nu\xC3\xA9";
  std::uniform_int_distribution<int> len(0, 24);
  std::uniform_int_distribution<size_t> pick(0, kAlphabet.size() - 1);
  std::string s;
  for (int i = len(rng); i > 0; --i) s.push_back(kAlphabet[pick(rng)]);
  return s;
}

Value RandomValue(std::mt19937& rng) {
  std::uniform_int_distribution<int> kind(0, 7);
  std::uniform_int_distribution<int64_t> any_int(INT64_MIN, INT64_MAX);
  std::uniform_int_distribution<int32_t> days(-400000, 3000000);
  switch (kind(rng)) {
    case 0: return Value();
    case 1: return Value::Int(any_int(rng) >> std::uniform_int_distribution<int>(0, 63)(rng));
    case 2: return Value::UInt(static_cast<uint64_t>(any_int(rng)));
    case 3: return Value::Double(std::ldexp(std::uniform_real_distribution<double>(-1, 1)(rng),
                                            std::uniform_int_distribution<int>(-80, 80)(rng)));
    case 4: {
      auto d = Decimal::Parse(std::to_string(any_int(rng) % 100000000) + "." +
                              std::to_string(std::abs(any_int(rng) % 1000)));
      return d ? Value::Dec(*d) : Value();
    }
    case 5: return Value::String(RandomText(rng));
    case 6: return Value::DateV(Date{days(rng)});
    default: return Value::DateTimeV(DateTime{int64_t{days(rng)} * 86'400'000'000, 0});
  }
}

TEST(RobustnessTest, StoredValuesHaveTheColumnsKind) {
  std::mt19937 rng(12345);
  std::vector<ColumnType> types;
  for (TypeId id : {TypeId::kTinyInt, TypeId::kSmallInt, TypeId::kMediumInt, TypeId::kInt,
                    TypeId::kBigInt, TypeId::kDecimal, TypeId::kFloat, TypeId::kDouble,
                    TypeId::kChar, TypeId::kVarChar, TypeId::kText, TypeId::kDate,
                    TypeId::kDateTime, TypeId::kTimestamp, TypeId::kEnum, TypeId::kJson,
                    TypeId::kBlob}) {
    for (bool is_unsigned : {false, true}) {
      ColumnType t;
      t.id = id;
      t.is_unsigned = is_unsigned;
      t.length = 8;
      t.precision = 12;
      t.scale = 3;
      t.fsp = 2;
      t.enum_values = {"a", "1", "x"};
      types.push_back(t);
    }
  }
  for (int i = 0; i < 20000; ++i) {
    Value v = RandomValue(rng);
    const ColumnType& t = types[static_cast<size_t>(i) % types.size()];
    auto r = StoreValue(t, v, "c", 1);
    if (!r.ok()) {
      EXPECT_NE(r.error().code, 0);
      continue;
    }
    if (v.is_null()) {
      EXPECT_TRUE(r->is_null());
      continue;
    }
    ASSERT_EQ(r->kind(), StorageKind(t)) << TypeName(t) << " <- " << ToText(v);
    // Storing a stored value again changes nothing.
    auto again = StoreValue(t, *r, "c", 1);
    ASSERT_TRUE(again.ok()) << TypeName(t) << " <- " << ToText(*r);
    EXPECT_EQ(Compare(*again, *r), 0) << TypeName(t) << " <- " << ToText(*r);
  }
}

TEST(RobustnessTest, ParsersSurviveGarbage) {
  std::mt19937 rng(777);
  for (int i = 0; i < 50000; ++i) {
    std::string s = RandomText(rng);
    if (auto d = Decimal::Parse(s)) {
      EXPECT_EQ(Decimal::Parse(d->ToString())->Compare(*d), 0) << s;
    }
    if (auto dt = ParseDateTime(s)) {
      EXPECT_EQ(ParseDateTime(FormatDateTime(*dt))->micros, dt->micros) << s;
    }
    (void)ParseDate(s);
    (void)StringToDouble(s);
    (void)ToInt64(Value::String(s));
    std::string json;
    JsonTextError error;
    if (NormalizeJsonText(s, &json, &error)) {
      std::string twice;
      ASSERT_TRUE(NormalizeJsonText(json, &twice, &error)) << s;
      EXPECT_EQ(twice, json);
    } else {
      EXPECT_FALSE(error.reason.empty());
      EXPECT_LE(error.position, s.size());
    }
  }
}

TEST(RobustnessTest, CompareIsAntisymmetricAndArithmeticTotal) {
  std::mt19937 rng(99);
  for (int i = 0; i < 20000; ++i) {
    Value a = RandomValue(rng), b = RandomValue(rng);
    if (!a.is_null() && !b.is_null()) {
      int ab = Compare(a, b), ba = Compare(b, a);
      EXPECT_EQ(ab, -ba) << ToText(a) << " vs " << ToText(b);
      if (ab == 0 && a.is_numeric() && b.is_numeric() &&
          a.kind() != ValueKind::kDouble && b.kind() != ValueKind::kDouble) {
        std::string ka, kb;
        AppendGroupKey(a, &ka);
        AppendGroupKey(b, &kb);
        EXPECT_EQ(ka, kb);
      }
    }
    for (ArithOp op : {ArithOp::kAdd, ArithOp::kSub, ArithOp::kMul, ArithOp::kDiv,
                       ArithOp::kIntDiv, ArithOp::kMod}) {
      auto r = Arithmetic(op, a, b, "e");
      if (!r.ok()) {
        EXPECT_EQ(r.error().code, 1690);
      }
    }
    auto n = Negate(a);
    if (!n.ok()) {
      EXPECT_EQ(n.error().code, 1690);
    }
  }
}

}  // namespace
}  // namespace tetradb::rel
