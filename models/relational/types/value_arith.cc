// Arithmetic on Values with MySQL's result kinds (see value.h).
#include <cmath>

#include <fmt/format.h>

#include "models/relational/types/value.h"
#include "models/relational/types/value_internal.h"

namespace tetradb::rel {
namespace {

constexpr __int128 kInt64Min = INT64_MIN;
constexpr __int128 kInt64Max = INT64_MAX;
constexpr __int128 kUInt64Max = UINT64_MAX;

SqlResult<Value> DoubleArith(ArithOp op, double x, double y, std::string_view expr) {
  double r = 0;
  switch (op) {
    case ArithOp::kAdd: r = x + y; break;
    case ArithOp::kSub: r = x - y; break;
    case ArithOp::kMul: r = x * y; break;
    case ArithOp::kDiv:
      if (y == 0) return Value::Null();
      r = x / y;
      break;
    case ArithOp::kIntDiv: {
      if (y == 0) return Value::Null();
      double q = std::trunc(x / y);
      if (!std::isfinite(q) || q < -9223372036854775808.0 || q >= 9223372036854775808.0) {
        return err::ValueOutOfRange("BIGINT", expr);
      }
      return Value::Int(static_cast<int64_t>(q));
    }
    case ArithOp::kMod:
      if (y == 0) return Value::Null();
      r = std::fmod(x, y);
      break;
  }
  if (!std::isfinite(r)) return err::ValueOutOfRange("DOUBLE", expr);
  return Value::Double(r);
}

__int128 Wide(const Value& v) {
  return v.kind() == ValueKind::kUInt ? static_cast<__int128>(v.uint_value())
                                      : static_cast<__int128>(v.int_value());
}

// int/uint op int/uint, computed in 128 bits and range-checked. A result is
// unsigned when either operand is (MOD: when the dividend is).
SqlResult<Value> IntegerArith(ArithOp op, const Value& a, const Value& b,
                              std::string_view expr) {
  __int128 x = Wide(a), y = Wide(b), r = 0;
  bool is_unsigned = a.kind() == ValueKind::kUInt || b.kind() == ValueKind::kUInt;
  bool overflow = false;
  switch (op) {
    case ArithOp::kAdd: overflow = __builtin_add_overflow(x, y, &r); break;
    case ArithOp::kSub: overflow = __builtin_sub_overflow(x, y, &r); break;
    case ArithOp::kMul: overflow = __builtin_mul_overflow(x, y, &r); break;
    case ArithOp::kDiv: {
      if (y == 0) return Value::Null();
      auto q = ToDecimal(a)->Div(*ToDecimal(b));
      if (!q) return err::ValueOutOfRange("DECIMAL", expr);
      return Value::Dec(*q);
    }
    case ArithOp::kIntDiv:
      if (y == 0) return Value::Null();
      r = x / y;
      break;
    case ArithOp::kMod:
      if (y == 0) return Value::Null();
      r = x % y;  // sign of the dividend
      is_unsigned = a.kind() == ValueKind::kUInt;
      break;
  }
  if (is_unsigned) {
    if (overflow || r < 0 || r > kUInt64Max) return err::ValueOutOfRange("BIGINT UNSIGNED", expr);
    return Value::UInt(static_cast<uint64_t>(r));
  }
  if (overflow || r < kInt64Min || r > kInt64Max) return err::ValueOutOfRange("BIGINT", expr);
  return Value::Int(static_cast<int64_t>(r));
}

SqlResult<Value> DecimalArith(ArithOp op, const Decimal& x, const Decimal& y,
                              std::string_view expr) {
  std::optional<Decimal> r;
  switch (op) {
    case ArithOp::kAdd: r = x.Add(y); break;
    case ArithOp::kSub: r = x.Sub(y); break;
    case ArithOp::kMul: r = x.Mul(y); break;
    case ArithOp::kDiv:
      if (y.IsZero()) return Value::Null();
      r = x.Div(y);
      break;
    case ArithOp::kMod:
      if (y.IsZero()) return Value::Null();
      r = x.Mod(y);
      break;
    case ArithOp::kIntDiv: {
      if (y.IsZero()) return Value::Null();
      int s = std::max(x.scale(), y.scale());
      auto xs = x.Rescale(s), ys = y.Rescale(s);
      if (!xs || !ys) {
        // Scales too far apart to align exactly: go through the quotient.
        auto d = x.Div(y);
        auto t = d ? d->ToInt64Truncated() : std::nullopt;
        if (!t) return err::ValueOutOfRange("BIGINT", expr);
        return Value::Int(*t);
      }
      __int128 q = xs->mantissa() / ys->mantissa();  // truncates toward zero
      if (q < kInt64Min || q > kInt64Max) return err::ValueOutOfRange("BIGINT", expr);
      return Value::Int(static_cast<int64_t>(q));
    }
  }
  if (!r) return err::ValueOutOfRange("DECIMAL", expr);
  return Value::Dec(*r);
}

bool IsInteger(ValueKind k) { return k == ValueKind::kInt || k == ValueKind::kUInt; }

}  // namespace

SqlResult<Value> Arithmetic(ArithOp op, const Value& a, const Value& b,
                            std::string_view expr_text) {
  if (a.is_null() || b.is_null()) return Value::Null();
  Value x = internal::AsNumber(a), y = internal::AsNumber(b);
  if (x.kind() == ValueKind::kString) x = Value::Double(StringToDouble(x.string_value()));
  if (y.kind() == ValueKind::kString) y = Value::Double(StringToDouble(y.string_value()));
  if (x.kind() == ValueKind::kDouble || y.kind() == ValueKind::kDouble) {
    return DoubleArith(op, ToDouble(x), ToDouble(y), expr_text);
  }
  if (IsInteger(x.kind()) && IsInteger(y.kind())) return IntegerArith(op, x, y, expr_text);
  return DecimalArith(op, *ToDecimal(x), *ToDecimal(y), expr_text);
}

SqlResult<Value> Negate(const Value& v, std::string_view expr_text) {
  auto expr = [&]() {
    return expr_text.empty() ? fmt::format("-({})", ToText(v)) : std::string(expr_text);
  };
  Value x = internal::AsNumber(v);
  switch (x.kind()) {
    case ValueKind::kNull: return Value::Null();
    case ValueKind::kInt:
      if (x.int_value() == INT64_MIN) return err::ValueOutOfRange("BIGINT", expr());
      return Value::Int(-x.int_value());
    case ValueKind::kUInt: {
      __int128 r = -static_cast<__int128>(x.uint_value());
      if (r < kInt64Min) return err::ValueOutOfRange("BIGINT", expr());
      return Value::Int(static_cast<int64_t>(r));
    }
    case ValueKind::kDouble: return Value::Double(-x.double_value());
    case ValueKind::kDecimal: return Value::Dec(x.decimal_value().Negate());
    case ValueKind::kString: return Value::Double(-StringToDouble(x.string_value()));
    default: return Value::Null();
  }
}

}  // namespace tetradb::rel
