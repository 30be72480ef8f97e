#include "models/relational/types/decimal.h"

#include <gtest/gtest.h>

namespace tetradb::rel {
namespace {

Decimal D(std::string_view text) {
  auto d = Decimal::Parse(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Decimal());
}

std::string S(const std::optional<Decimal>& d) { return d ? d->ToString() : "nullopt"; }

TEST(DecimalTest, ParseKeepsScale) {
  EXPECT_EQ(D("12.50").ToString(), "12.50");
  EXPECT_EQ(D("12.50").scale(), 2);
  EXPECT_EQ(D("-0.5").ToString(), "-0.5");
  EXPECT_EQ(D(".5").ToString(), "0.5");
  EXPECT_EQ(D("+3").ToString(), "3");
  EXPECT_EQ(D("5.").ToString(), "5");
  EXPECT_EQ(D("007").ToString(), "7");
  EXPECT_EQ(D("0.00").ToString(), "0.00");
  EXPECT_EQ(D("-0.05").ToString(), "-0.05");
  EXPECT_EQ(D("-0.05").mantissa(), -5);
}

TEST(DecimalTest, ParseExponents) {
  EXPECT_EQ(D("1e3").ToString(), "1000");
  EXPECT_EQ(D("1E+3").ToString(), "1000");
  EXPECT_EQ(D("1.2E-2").ToString(), "0.012");
  EXPECT_EQ(D("1.25e1").ToString(), "12.5");
  EXPECT_EQ(D("-2.5e-1").ToString(), "-0.25");
  EXPECT_EQ(D("0e5").ToString(), "0");
}

TEST(DecimalTest, ParseRejects) {
  for (const char* bad : {"", " 1", "1 ", "abc", "1.2.3", "--1", "+", ".", "e3", "1e",
                          "1e+", "12abc", "0x10", "1,5"}) {
    EXPECT_FALSE(Decimal::Parse(bad).has_value()) << bad;
  }
  // 38 digits fit, 39 do not.
  EXPECT_TRUE(Decimal::Parse(std::string(38, '9')).has_value());
  EXPECT_FALSE(Decimal::Parse(std::string(39, '9')).has_value());
  EXPECT_FALSE(Decimal::Parse("1e38").has_value());
  EXPECT_TRUE(Decimal::Parse("1e37").has_value());
}

TEST(DecimalTest, ParseRoundsBeyondMaxScale) {
  std::string text = "0." + std::string(29, '0') + "15";  // 31 fraction digits
  EXPECT_EQ(D(text).scale(), 30);
  EXPECT_EQ(D(text).ToString(), "0." + std::string(29, '0') + "2");
}

TEST(DecimalTest, IntegerDigits) {
  EXPECT_EQ(D("0.5").IntegerDigits(), 0);
  EXPECT_EQ(D("9.99").IntegerDigits(), 1);
  EXPECT_EQ(D("-123.4").IntegerDigits(), 3);
  EXPECT_EQ(D("100").IntegerDigits(), 3);
}

TEST(DecimalTest, RescaleRoundsHalfAwayFromZero) {
  EXPECT_EQ(S(D("1.005").Rescale(2)), "1.01");
  EXPECT_EQ(S(D("1.004").Rescale(2)), "1.00");
  EXPECT_EQ(S(D("-1.005").Rescale(2)), "-1.01");
  EXPECT_EQ(S(D("2.5").Rescale(0)), "3");
  EXPECT_EQ(S(D("-2.5").Rescale(0)), "-3");
  EXPECT_EQ(S(D("-2.49").Rescale(0)), "-2");
  EXPECT_EQ(S(D("1.5").Rescale(3)), "1.500");
  EXPECT_EQ(S(D("9.995").Rescale(2)), "10.00");
  EXPECT_FALSE(D(std::string(37, '9')).Rescale(2).has_value());
}

TEST(DecimalTest, FitsPrecision) {
  EXPECT_TRUE(D("999.99").FitsPrecision(5, 2));
  EXPECT_FALSE(D("1000.00").FitsPrecision(5, 2));
  EXPECT_FALSE(D("999.995").FitsPrecision(5, 2));  // rounds to 1000.00
  EXPECT_TRUE(D("999.994").FitsPrecision(5, 2));
  EXPECT_TRUE(D("-999.99").FitsPrecision(5, 2));
  EXPECT_TRUE(D("0.5").FitsPrecision(1, 1));
  EXPECT_FALSE(D("1").FitsPrecision(1, 1));
}

TEST(DecimalTest, AddSubExact) {
  EXPECT_EQ(S(D("0.1").Add(D("0.2"))), "0.3");
  EXPECT_EQ(S(D("12.50").Add(D("0.125"))), "12.625");
  EXPECT_EQ(S(D("1.00").Sub(D("2"))), "-1.00");
  EXPECT_EQ(S(D("-0.5").Add(D("0.5"))), "0.0");
  std::string max(38, '9');
  EXPECT_FALSE(D(max).Add(D("1")).has_value());
  EXPECT_EQ(S(D(max).Sub(D("1"))), std::string(37, '9') + "8");
}

TEST(DecimalTest, MulExact) {
  EXPECT_EQ(S(D("1.5").Mul(D("2.25"))), "3.375");
  EXPECT_EQ(S(D("-0.1").Mul(D("0.1"))), "-0.01");
  EXPECT_EQ(S(D("123456789012345678").Mul(D("1000000000000000000"))),
            "123456789012345678000000000000000000");
  EXPECT_FALSE(D("1e20").Mul(D("1e20")).has_value());
  // Scales add up but are capped at 30, rounding the rest.
  std::string a = "0." + std::string(19, '0') + "1";  // 1e-20
  auto p = D(a).Mul(D("0." + std::string(14, '0') + "5"));  // 5e-15 -> 5e-35
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->scale(), 30);
  EXPECT_TRUE(p->IsZero());
}

TEST(DecimalTest, DivGivesScalePlusFour) {
  EXPECT_EQ(S(D("1").Div(D("3"))), "0.3333");
  EXPECT_EQ(S(D("2").Div(D("3"))), "0.6667");
  EXPECT_EQ(S(D("10.00").Div(D("4"))), "2.500000");
  EXPECT_EQ(S(D("-1").Div(D("3"))), "-0.3333");
  EXPECT_EQ(S(D("-2").Div(D("-3"))), "0.6667");
  EXPECT_EQ(S(D("1").Div(D("0.3"))), "3.3333");
  EXPECT_EQ(S(D("7").Div(D("2"))), "3.5000");
  EXPECT_FALSE(D("1").Div(D("0")).has_value());
  EXPECT_FALSE(D("1").Div(D("0.00")).has_value());
  // A large dividend and a small divisor need more than 128 bits inside.
  EXPECT_EQ(S(D("12345678901234567890").Div(D("0.0000000001"))),
            "123456789012345678900000000000.0000");
  EXPECT_EQ(S(D("1e37").Div(D("30000000000.0000000000"))),
            std::string(27, '3') + ".3333");
}

TEST(DecimalTest, ModFollowsDividend) {
  EXPECT_EQ(S(D("7").Mod(D("3"))), "1");
  EXPECT_EQ(S(D("-7").Mod(D("3"))), "-1");
  EXPECT_EQ(S(D("7").Mod(D("-3"))), "1");
  EXPECT_EQ(S(D("5.5").Mod(D("2"))), "1.5");
  EXPECT_FALSE(D("5").Mod(D("0")).has_value());
}

TEST(DecimalTest, CompareByValue) {
  EXPECT_EQ(D("1.50").Compare(D("1.5")), 0);
  EXPECT_TRUE(D("1.50") == D("1.5"));
  EXPECT_LT(D("-2").Compare(D("1")), 0);
  EXPECT_GT(D("0.001").Compare(D("0")), 0);
  EXPECT_LT(D("-0.001").Compare(D("0")), 0);
  EXPECT_LT(D("-10").Compare(D("-9.99")), 0);
  EXPECT_EQ(D("0").Compare(D("0.000")), 0);
  // Alignment beyond 38 digits still compares correctly.
  std::string big(38, '9');
  std::string tiny = "0." + std::string(29, '0') + "1";
  EXPECT_GT(D(big).Compare(D(tiny)), 0);
  EXPECT_LT(D("-" + big).Compare(D(tiny)), 0);
}

TEST(DecimalTest, ToInt64) {
  EXPECT_EQ(D("2.5").ToInt64Rounded(), 3);
  EXPECT_EQ(D("-2.5").ToInt64Rounded(), -3);
  EXPECT_EQ(D("2.49").ToInt64Rounded(), 2);
  EXPECT_EQ(D("2.99").ToInt64Truncated(), 2);
  EXPECT_EQ(D("-2.99").ToInt64Truncated(), -2);
  EXPECT_EQ(D("9223372036854775807").ToInt64Rounded(), INT64_MAX);
  EXPECT_EQ(D("-9223372036854775808").ToInt64Rounded(), INT64_MIN);
  EXPECT_FALSE(D("9223372036854775808").ToInt64Rounded().has_value());
  EXPECT_FALSE(D("9223372036854775807.5").ToInt64Rounded().has_value());
  EXPECT_EQ(D("9223372036854775807.4").ToInt64Rounded(), INT64_MAX);
}

TEST(DecimalTest, FromDoubleShortest) {
  EXPECT_EQ(S(Decimal::FromDouble(0.1)), "0.1");
  EXPECT_EQ(S(Decimal::FromDouble(0.1 + 0.2)), "0.30000000000000004");
  EXPECT_EQ(S(Decimal::FromDouble(100.0)), "100");
  EXPECT_EQ(S(Decimal::FromDouble(1e20)), "100000000000000000000");
  EXPECT_EQ(S(Decimal::FromDouble(-2.5)), "-2.5");
  EXPECT_EQ(S(Decimal::FromDouble(1.23456, 2)), "1.23");
  EXPECT_EQ(S(Decimal::FromDouble(1e-40)), "0.000000000000000000000000000000");
  EXPECT_FALSE(Decimal::FromDouble(1e40).has_value());
  EXPECT_FALSE(Decimal::FromDouble(std::numeric_limits<double>::infinity()).has_value());
  EXPECT_FALSE(Decimal::FromDouble(std::numeric_limits<double>::quiet_NaN()).has_value());
}

TEST(DecimalTest, ToDoubleAndNormalized) {
  EXPECT_EQ(D("0.1").ToDouble(), 0.1);
  EXPECT_EQ(D("-12.50").ToDouble(), -12.5);
  EXPECT_EQ(D("12.500").Normalized().ToString(), "12.5");
  EXPECT_EQ(D("100").Normalized().ToString(), "100");
  EXPECT_EQ(D("0.000").Normalized().scale(), 0);
  EXPECT_EQ(D("1.0").Normalized().mantissa(), D("1").Normalized().mantissa());
}

TEST(DecimalTest, FromIntegers) {
  EXPECT_EQ(Decimal::FromInt(INT64_MIN).ToString(), "-9223372036854775808");
  EXPECT_EQ(Decimal::FromUInt(UINT64_MAX).ToString(), "18446744073709551615");
}

}  // namespace
}  // namespace tetradb::rel
