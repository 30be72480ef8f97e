// Numeric functions. Exact inputs (integers, DECIMAL) give exact results
// where MySQL's do (ROUND, TRUNCATE, FLOOR, CEIL, ABS); anything involving a
// double or a string is computed in double precision.
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "models/relational/sql/execution/functions.h"

namespace tetradb::rel::sql {
namespace {

using Args = std::vector<Value>;

bool AnyNull(const Args& a) {
  for (const Value& v : a) {
    if (v.is_null()) return true;
  }
  return false;
}

bool IsExact(const Value& v) {
  return v.kind() == ValueKind::kInt || v.kind() == ValueKind::kUInt ||
         v.kind() == ValueKind::kDecimal;
}

double AsDouble(const Value& v) {
  return v.kind() == ValueKind::kString ? StringToDouble(v.string_value()) : ToDouble(v);
}

__int128 Pow10(int k) {
  __int128 p = 1;
  for (int i = 0; i < k; ++i) p *= 10;
  return p;
}

// An exact result back in the input's kind when it is an integer.
Value FromDecimal(const Decimal& d, const Value& like) {
  if (like.kind() == ValueKind::kInt || like.kind() == ValueKind::kUInt) {
    if (d.scale() == 0) {
      __int128 m = d.mantissa();
      if (m >= std::numeric_limits<int64_t>::min() && m <= std::numeric_limits<int64_t>::max()) {
        return Value::Int(static_cast<int64_t>(m));
      }
      if (m > 0 && m <= std::numeric_limits<uint64_t>::max()) {
        return Value::UInt(static_cast<uint64_t>(m));
      }
    }
  }
  return Value::Dec(d);
}

int64_t Places(const Value& v) {
  auto i = ToInt64(v);
  return std::clamp<int64_t>(i.value_or(0), -60, 30);
}

SqlResult<Value> Round(const Args& a, const FnEnv& env) {
  if (AnyNull(a)) return Value::Null();
  int64_t d = a.size() > 1 ? Places(a[1]) : 0;
  const Value& x = a[0];
  if (IsExact(x)) {
    Decimal v = *ToDecimal(x);
    if (d >= 0) {
      if (x.kind() != ValueKind::kDecimal) return x;
      auto r = v.Rescale(static_cast<int>(std::min<int64_t>(d, Decimal::kMaxScale)));
      if (!r) return err::ValueOutOfRange("DECIMAL", env.expr->Text());
      return Value::Dec(*r);
    }
    int k = static_cast<int>(-d);
    // |mantissa| < 10^38: dividing by more than 10^38 rounds to zero.
    if (v.scale() + k > 38) return FromDecimal(Decimal(0, 0), x);
    auto shifted = Decimal(v.mantissa(), v.scale() + k).Rescale(0);
    if (!shifted) return err::ValueOutOfRange("DECIMAL", env.expr->Text());
    return FromDecimal(Decimal(shifted->mantissa() * Pow10(k), 0), x);
  }
  double v = AsDouble(x);
  double p = std::pow(10.0, static_cast<double>(d));
  double r = d >= 0 ? std::rint(v * p) / p : std::rint(v / std::pow(10.0, -d)) * std::pow(10.0, -d);
  if (!std::isfinite(r)) r = v;
  return Value::Double(r);
}

SqlResult<Value> Truncate(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  int64_t d = Places(a[1]);
  const Value& x = a[0];
  if (IsExact(x)) {
    Decimal v = *ToDecimal(x);
    if (d >= v.scale()) {
      if (x.kind() != ValueKind::kDecimal) return x;
      auto r = v.Rescale(static_cast<int>(d));
      return r ? Value::Dec(*r) : x;
    }
    int drop = v.scale() - static_cast<int>(d);
    if (drop > 38) return FromDecimal(Decimal(0, 0), x);
    __int128 p = Pow10(drop);
    __int128 m = v.mantissa() / p;  // toward zero
    if (d >= 0) return Value::Dec(Decimal(m, static_cast<int>(d)));
    return FromDecimal(Decimal(m * Pow10(static_cast<int>(-d)), 0), x);
  }
  double v = AsDouble(x);
  double p = std::pow(10.0, static_cast<double>(d));
  return Value::Double(std::trunc(v * p) / p);
}

SqlResult<Value> FloorCeil(const Args& a, bool ceil) {
  if (AnyNull(a)) return Value::Null();
  const Value& x = a[0];
  if (x.kind() == ValueKind::kInt || x.kind() == ValueKind::kUInt) return x;
  if (x.kind() == ValueKind::kDecimal) {
    const Decimal& v = x.decimal_value();
    __int128 p = Pow10(v.scale());
    __int128 q = v.mantissa() / p;
    __int128 rem = v.mantissa() % p;
    if (ceil && rem > 0) ++q;
    if (!ceil && rem < 0) --q;
    return FromDecimal(Decimal(q, 0), Value::Int(0));
  }
  double v = AsDouble(x);
  return Value::Double(ceil ? std::ceil(v) : std::floor(v));
}
SqlResult<Value> Floor(const Args& a, const FnEnv&) { return FloorCeil(a, false); }
SqlResult<Value> Ceil(const Args& a, const FnEnv&) { return FloorCeil(a, true); }

SqlResult<Value> Abs(const Args& a, const FnEnv& env) {
  const Value& x = a[0];
  switch (x.kind()) {
    case ValueKind::kNull:
      return x;
    case ValueKind::kInt:
      if (x.int_value() == std::numeric_limits<int64_t>::min()) {
        return err::ValueOutOfRange("BIGINT", env.expr->Text());
      }
      return Value::Int(x.int_value() < 0 ? -x.int_value() : x.int_value());
    case ValueKind::kUInt:
      return x;
    case ValueKind::kDecimal:
      return Value::Dec(x.decimal_value().IsNegative() ? x.decimal_value().Negate()
                                                       : x.decimal_value());
    default:
      return Value::Double(std::fabs(AsDouble(x)));
  }
}

SqlResult<Value> Sign(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  if (a[0].kind() == ValueKind::kDecimal) {
    const Decimal& d = a[0].decimal_value();
    return Value::Int(d.IsZero() ? 0 : d.IsNegative() ? -1 : 1);
  }
  if (a[0].kind() == ValueKind::kUInt) return Value::Int(a[0].uint_value() > 0 ? 1 : 0);
  double v = AsDouble(a[0]);
  return Value::Int(v > 0 ? 1 : v < 0 ? -1 : 0);
}

SqlResult<Value> Mod(const Args& a, const FnEnv& env) {
  if (env.ctx != nullptr && env.ctx->division_by_zero_fails && !a[0].is_null() &&
      !a[1].is_null() && ToDouble(a[1]) == 0) {
    return err::DivisionByZero();
  }
  return Arithmetic(ArithOp::kMod, a[0], a[1], env.expr->Text());
}

Value DoubleResult(double r) {
  if (std::isnan(r) || std::isinf(r)) return Value::Null();
  return Value::Double(r);
}

SqlResult<Value> Power(const Args& a, const FnEnv& env) {
  if (AnyNull(a)) return Value::Null();
  double r = std::pow(AsDouble(a[0]), AsDouble(a[1]));
  if (std::isinf(r)) return err::ValueOutOfRange("DOUBLE", env.expr->Text());
  return DoubleResult(r);
}

SqlResult<Value> Sqrt(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  double v = AsDouble(a[0]);
  if (v < 0) return Value::Null();
  return Value::Double(std::sqrt(v));
}

SqlResult<Value> Exp(const Args& a, const FnEnv& env) {
  if (AnyNull(a)) return Value::Null();
  double r = std::exp(AsDouble(a[0]));
  if (std::isinf(r)) return err::ValueOutOfRange("DOUBLE", env.expr->Text());
  return Value::Double(r);
}

SqlResult<Value> Ln(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  double v = AsDouble(a[0]);
  if (v <= 0) return Value::Null();
  return Value::Double(std::log(v));
}

SqlResult<Value> Log(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  if (a.size() == 1) {
    double v = AsDouble(a[0]);
    return v <= 0 ? Value::Null() : Value::Double(std::log(v));
  }
  double b = AsDouble(a[0]), v = AsDouble(a[1]);
  if (b <= 0 || b == 1 || v <= 0) return Value::Null();
  return Value::Double(std::log(v) / std::log(b));
}

SqlResult<Value> Log2(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  double v = AsDouble(a[0]);
  return v <= 0 ? Value::Null() : Value::Double(std::log2(v));
}

SqlResult<Value> Log10(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  double v = AsDouble(a[0]);
  return v <= 0 ? Value::Null() : Value::Double(std::log10(v));
}

SqlResult<Value> Pi(const Args&, const FnEnv&) { return Value::Double(M_PI); }

template <double (*F)(double)>
SqlResult<Value> Unary(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  return DoubleResult(F(AsDouble(a[0])));
}
double Degrees(double x) { return x * 180.0 / M_PI; }
double Radians(double x) { return x * M_PI / 180.0; }
double Sin(double x) { return std::sin(x); }
double Cos(double x) { return std::cos(x); }
double Tan(double x) { return std::tan(x); }
double Atan(double x) { return std::atan(x); }

SqlResult<Value> Rand(const Args& a, const FnEnv&) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  if (!a.empty() && !a[0].is_null()) {
    // RAND(seed): a repeatable value for a given seed.
    std::mt19937_64 seeded(static_cast<uint64_t>(ToInt64(a[0]).value_or(0)));
    return Value::Double(std::uniform_real_distribution<double>(0, 1)(seeded));
  }
  return Value::Double(std::uniform_real_distribution<double>(0, 1)(rng));
}

SqlResult<Value> Extreme(const Args& a, bool greatest) {
  if (AnyNull(a)) return Value::Null();
  size_t best = 0;
  for (size_t i = 1; i < a.size(); ++i) {
    int c = Compare(a[i], a[best]);
    if (greatest ? c > 0 : c < 0) best = i;
  }
  return a[best];
}
SqlResult<Value> Greatest(const Args& a, const FnEnv&) { return Extreme(a, true); }
SqlResult<Value> Least(const Args& a, const FnEnv&) { return Extreme(a, false); }

}  // namespace

const std::vector<FunctionDef>& NumericFunctions() {
  static const std::vector<FunctionDef> kFns = {
      {"ROUND", 1, 2, Round},
      {"TRUNCATE", 2, 2, Truncate},
      {"FLOOR", 1, 1, Floor},
      {"CEIL", 1, 1, Ceil},
      {"CEILING", 1, 1, Ceil},
      {"ABS", 1, 1, Abs},
      {"SIGN", 1, 1, Sign},
      {"MOD", 2, 2, Mod},
      {"POWER", 2, 2, Power},
      {"POW", 2, 2, Power},
      {"SQRT", 1, 1, Sqrt},
      {"EXP", 1, 1, Exp},
      {"LN", 1, 1, Ln},
      {"LOG", 1, 2, Log},
      {"LOG2", 1, 1, Log2},
      {"LOG10", 1, 1, Log10},
      {"PI", 0, 0, Pi},
      {"DEGREES", 1, 1, Unary<Degrees>},
      {"RADIANS", 1, 1, Unary<Radians>},
      {"SIN", 1, 1, Unary<Sin>},
      {"COS", 1, 1, Unary<Cos>},
      {"TAN", 1, 1, Unary<Tan>},
      {"ATAN", 1, 1, Unary<Atan>},
      {"RAND", 0, 1, Rand, SpecialFn::kNone, true},
      {"GREATEST", 2, -1, Greatest},
      {"LEAST", 2, -1, Least},
  };
  return kFns;
}

}  // namespace tetradb::rel::sql
