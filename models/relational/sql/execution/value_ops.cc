// CAST, LIKE and INTERVAL arithmetic: value operations used by expressions
// and functions.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "models/relational/sql/execution/eval.h"
#include "models/relational/types/utf8.h"
#include "models/relational/types/json_text.h"

namespace tetradb::rel::sql {
namespace {

// Leading integer of a string as MySQL reads it ('12abc' -> 12), clamped.
std::optional<__int128> LeadingInteger(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
  __int128 v = 0;
  const __int128 cap = static_cast<__int128>(std::numeric_limits<uint64_t>::max()) + 1;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    v = v * 10 + (s[i] - '0');
    if (v > cap) v = cap;
  }
  return neg ? -v : v;
}

Value ClampInt(__int128 v, bool is_unsigned) {
  if (is_unsigned) {
    if (v < 0) {
      // CAST(-1 AS UNSIGNED) wraps, as MySQL's two's complement reading does.
      if (v < std::numeric_limits<int64_t>::min()) return Value::UInt(uint64_t{1} << 63);
      return Value::UInt(static_cast<uint64_t>(static_cast<int64_t>(v)));
    }
    if (v > std::numeric_limits<uint64_t>::max()) return Value::UInt(~uint64_t{0});
    return Value::UInt(static_cast<uint64_t>(v));
  }
  if (v > std::numeric_limits<int64_t>::max()) {
    if (v <= std::numeric_limits<uint64_t>::max()) {
      return Value::Int(static_cast<int64_t>(static_cast<uint64_t>(v)));
    }
    return Value::Int(std::numeric_limits<int64_t>::max());
  }
  if (v < std::numeric_limits<int64_t>::min())
    return Value::Int(std::numeric_limits<int64_t>::min());
  return Value::Int(static_cast<int64_t>(v));
}

SqlResult<Value> CastToInteger(const Value& v, bool is_unsigned) {
  switch (v.kind()) {
    case ValueKind::kInt:
      return ClampInt(v.int_value(), is_unsigned);
    case ValueKind::kUInt:
      return ClampInt(static_cast<__int128>(v.uint_value()), is_unsigned);
    case ValueKind::kDouble: {
      double d = std::round(v.double_value());
      if (std::isnan(d)) return ClampInt(0, is_unsigned);
      // A double out of range saturates (only integer inputs wrap).
      if (!is_unsigned && d >= 9.2233720368547758e18) {
        return Value::Int(std::numeric_limits<int64_t>::max());
      }
      if (d >= 1.8446744073709552e19)
        return ClampInt(static_cast<__int128>(~uint64_t{0}), is_unsigned);
      if (d <= -9.2233720368547758e18)
        return ClampInt(std::numeric_limits<int64_t>::min(), is_unsigned);
      return ClampInt(static_cast<__int128>(d), is_unsigned);
    }
    case ValueKind::kDecimal: {
      const Decimal& d = v.decimal_value();
      auto r = d.Rescale(0);
      if (!r)
        return ClampInt(d.IsNegative() ? std::numeric_limits<int64_t>::min()
                                       : static_cast<__int128>(~uint64_t{0}),
                        is_unsigned);
      return ClampInt(r->mantissa(), is_unsigned);
    }
    case ValueKind::kString: {
      auto i = LeadingInteger(v.string_value());
      return ClampInt(i.value_or(0), is_unsigned);
    }
    default: {
      // Dates as their YYYYMMDD[hhmmss] number.
      double d = ToDouble(v);
      return ClampInt(static_cast<__int128>(d), is_unsigned);
    }
  }
}

Value MaxDecimal(int precision, int scale, bool negative) {
  __int128 m = 1;
  for (int i = 0; i < precision; ++i) m *= 10;
  m -= 1;
  return Value::Dec(Decimal(negative ? -m : m, scale));
}

SqlResult<Value> CastToDecimal(const Value& v, const ColumnType& type) {
  std::optional<Decimal> d;
  if (v.kind() == ValueKind::kDouble) {
    d = Decimal::FromDouble(v.double_value(), type.scale);
  } else if (v.kind() == ValueKind::kString) {
    d = ToDecimal(v);
    if (!d) d = Decimal::FromDouble(StringToDouble(v.string_value()), Decimal::kMaxScale);
  } else {
    d = ToDecimal(v);
    if (!d) d = Decimal::FromDouble(ToDouble(v), Decimal::kMaxScale);
  }
  if (!d) return MaxDecimal(type.precision, type.scale, ToDouble(v) < 0);
  auto r = d->Rescale(type.scale);
  if (!r || !r->FitsPrecision(type.precision, type.scale)) {
    return MaxDecimal(type.precision, type.scale, d->IsNegative());
  }
  return Value::Dec(*r);
}

std::string TruncateChars(std::string s, size_t chars) {
  size_t i = 0, n = 0;
  while (i < s.size() && n < chars) {
    i += Utf8SequenceLength(static_cast<unsigned char>(s[i]));
    ++n;
  }
  if (i < s.size()) s.resize(i);
  return s;
}

}  // namespace

SqlResult<Value> CastValue(const Value& v, const ColumnType& type, std::string_view text) {
  // DECIMAL(p,s) and fraction digits are checked as in a column definition
  // (1426/1425/1427), even for NULL.
  if (type.id == TypeId::kDecimal || type.fsp > 6) {
    TETRADB_SQL_RETURN_IF_ERROR(ValidateType(type, text));
  }
  if (v.is_null()) return v;
  switch (type.id) {
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kMediumInt:
    case TypeId::kInt:
    case TypeId::kBigInt:
      return CastToInteger(v, type.is_unsigned);
    case TypeId::kDecimal:
      return CastToDecimal(v, type);
    case TypeId::kFloat:
    case TypeId::kDouble:
      if (v.kind() == ValueKind::kString) return Value::Double(StringToDouble(v.string_value()));
      return Value::Double(ToDouble(v));
    case TypeId::kDate: {
      auto d = ToDate(v);
      if (!d) {
        auto dt = ToDateTime(v);
        if (!dt) return Value::Null();
        return Value::DateV(DateOf(*dt));
      }
      return Value::DateV(*d);
    }
    case TypeId::kDateTime:
    case TypeId::kTimestamp: {
      auto dt = ToDateTime(v);
      if (!dt) return Value::Null();
      DateTime out = *dt;
      int64_t unit = 1;
      for (int i = type.fsp; i < 6; ++i) unit *= 10;
      out.micros = out.micros / unit * unit - ((out.micros % unit) < 0 ? unit : 0);
      out.fsp = type.fsp;
      return Value::DateTimeV(out);
    }
    case TypeId::kJson: {
      if (v.kind() != ValueKind::kString) return Value::String(ToText(v));
      if (JsonTooDeep(v.string_value())) {
        return SqlError{3157, "22032", "The JSON document exceeds the maximum depth of 100."};
      }
      std::string out;
      JsonTextError error;
      if (!NormalizeJsonText(v.string_value(), &out, &error)) {
        return SqlError{3141, "22032",
                        fmt::format("Invalid JSON text in argument 1 to function cast_as_json: "
                                    "\"{}\" at position {}.",
                                    error.reason, error.position)};
      }
      return Value::String(std::move(out));
    }
    default: {
      std::string s = ToText(v);
      if (type.length > 0 && type.id != TypeId::kText && type.id != TypeId::kBlob) {
        s = TruncateChars(std::move(s), type.length);
      }
      return Value::String(std::move(s));
    }
  }
}

bool LikeMatch(std::string_view s, std::string_view p, char escape) {
  size_t si = 0, pi = 0;
  size_t star_p = std::string_view::npos, star_s = 0;
  while (si < s.size()) {
    if (pi < p.size()) {
      char c = p[pi];
      if (c == '%') {
        star_p = ++pi;
        star_s = si;
        continue;
      }
      if (c == '_') {
        si += Utf8SequenceLength(static_cast<unsigned char>(s[si]));
        ++pi;
        continue;
      }
      size_t plen = 1;
      char lit = c;
      if (escape != '\0' && c == escape && pi + 1 < p.size()) {
        lit = p[pi + 1];
        plen = 2;
      }
      if (s[si] == lit) {
        ++si;
        pi += plen;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    star_s += Utf8SequenceLength(static_cast<unsigned char>(s[star_s]));
    si = star_s;
    pi = star_p;
  }
  while (pi < p.size() && p[pi] == '%') ++pi;
  return pi == p.size();
}

SqlResult<Value> AddIntervalValue(const Value& base, const Value& amount, IntervalUnit unit,
                                  bool subtract) {
  if (base.is_null() || amount.is_null()) return Value::Null();
  int64_t n = 0;
  if (unit == IntervalUnit::kSecond &&
      !(amount.kind() == ValueKind::kInt || amount.kind() == ValueKind::kUInt)) {
    // Fractional seconds (INTERVAL 1.5 SECOND).
    double d = amount.kind() == ValueKind::kString ? StringToDouble(amount.string_value())
                                                   : ToDouble(amount);
    n = static_cast<int64_t>(std::llround(d * 1e6));
    unit = IntervalUnit::kMicrosecond;
  } else {
    auto i = amount.kind() == ValueKind::kString
                 ? std::optional<int64_t>(
                       static_cast<int64_t>(LeadingInteger(amount.string_value()).value_or(0)))
                 : ToInt64(amount);
    if (!i) return Value::Null();
    n = *i;
  }
  if (subtract) n = -n;
  bool day_or_more = unit == IntervalUnit::kDay || unit == IntervalUnit::kWeek ||
                     unit == IntervalUnit::kMonth || unit == IntervalUnit::kQuarter ||
                     unit == IntervalUnit::kYear;
  std::optional<DateTime> dt;
  bool as_date = false;
  switch (base.kind()) {
    case ValueKind::kDate:
      dt = ToDateTime(base.date_value());
      as_date = day_or_more;
      break;
    case ValueKind::kDateTime:
      dt = base.datetime_value();
      break;
    case ValueKind::kString: {
      const std::string& s = base.string_value();
      dt = ParseDateTime(s);
      as_date = day_or_more && s.find(':') == std::string::npos;
      break;
    }
    default:
      dt = ToDateTime(base);
      break;
  }
  if (!dt) return Value::Null();
  auto r = AddInterval(*dt, n, unit);
  if (!r) return Value::Null();
  if (as_date) return Value::DateV(DateOf(*r));
  if (unit == IntervalUnit::kMicrosecond && r->fsp == 0 && r->micros % 1'000'000 != 0) r->fsp = 6;
  return Value::DateTimeV(*r);
}

}  // namespace tetradb::rel::sql
