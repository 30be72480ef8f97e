// Exact decimal numbers for DECIMAL(p,s) columns and decimal arithmetic.
// Money never goes through binary floating point: 0.1 + 0.2 is exactly 0.3.
//
// A Decimal is an integer mantissa and a scale: value = mantissa / 10^scale.
// The mantissa is 128-bit, so up to 38 significant digits are exact
// (DECIMAL precision is limited to 38, where MySQL allows 65).
// Arithmetic that would leave 38 digits fails (nullopt) rather than rounding
// silently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tetradb::rel {

class Decimal {
 public:
  static constexpr int kMaxPrecision = 38;
  static constexpr int kMaxScale = 30;
  // MySQL's div_precision_increment: a quotient gets the dividend's scale + 4.
  static constexpr int kDivScaleIncrement = 4;

  Decimal() = default;
  Decimal(__int128 mantissa, int scale) : mantissa_(mantissa), scale_(scale) {}
  static Decimal FromInt(int64_t v) { return Decimal(v, 0); }
  static Decimal FromUInt(uint64_t v) { return Decimal(static_cast<__int128>(v), 0); }
  // Exact: "12.50", "-0.5", "+3", "1e3", ".5". nullopt on anything else or
  // more than 38 digits. Leading/trailing spaces are not accepted.
  static std::optional<Decimal> Parse(std::string_view text);
  // Nearest decimal with at most `max_scale` fraction digits (shortest form
  // that round-trips the double, like MySQL's CAST(d AS DECIMAL)). nullopt for
  // NaN, infinity and magnitudes beyond 38 digits.
  static std::optional<Decimal> FromDouble(double v, int max_scale = kMaxScale);

  __int128 mantissa() const { return mantissa_; }
  int scale() const { return scale_; }
  bool IsZero() const { return mantissa_ == 0; }
  bool IsNegative() const { return mantissa_ < 0; }
  // Digits left of the point (0 for |v| < 1).
  int IntegerDigits() const;

  // Same value with exactly `scale` fraction digits, rounding half away from
  // zero when digits are dropped (as MySQL does). nullopt on overflow.
  std::optional<Decimal> Rescale(int scale) const;
  // True when the value fits DECIMAL(precision, scale) after Rescale(scale).
  bool FitsPrecision(int precision, int scale) const;

  // nullopt on overflow (or division by zero for Div/Mod).
  std::optional<Decimal> Add(const Decimal& o) const;
  std::optional<Decimal> Sub(const Decimal& o) const;
  std::optional<Decimal> Mul(const Decimal& o) const;
  // Quotient with scale() + kDivScaleIncrement digits, rounded half away.
  std::optional<Decimal> Div(const Decimal& o) const;
  std::optional<Decimal> Mod(const Decimal& o) const;
  Decimal Negate() const { return Decimal(-mantissa_, scale_); }

  // By value: 1.50 == 1.5.
  int Compare(const Decimal& o) const;
  bool operator==(const Decimal& o) const { return Compare(o) == 0; }

  // Truncates toward zero; nullopt when the result does not fit.
  std::optional<int64_t> ToInt64Truncated() const;
  // Rounds half away from zero (MySQL's decimal -> integer conversion).
  std::optional<int64_t> ToInt64Rounded() const;
  double ToDouble() const;
  // With exactly scale() fraction digits: "12.50", "-0.05", "3".
  std::string ToString() const;
  // The same value without trailing fraction zeros (for hashing/grouping:
  // equal values give equal results).
  Decimal Normalized() const;

 private:
  __int128 mantissa_ = 0;
  int scale_ = 0;
};

}  // namespace tetradb::rel
