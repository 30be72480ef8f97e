#include "models/relational/types/value.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "models/relational/types/value_internal.h"

namespace tetradb::rel {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// YYYYMMDD and YYYYMMDDhhmmss[.ffffff] as numbers, as MySQL uses dates in
// numeric context.
int64_t DateNumber(Date d) {
  CivilDate c = CivilFromDays(d.days);
  return int64_t{c.year} * 10000 + c.month * 100 + c.day;
}

Decimal DateTimeNumber(DateTime dt) {
  constexpr int64_t kDay = 86'400'000'000;
  int64_t days = dt.micros / kDay;
  int64_t rest = dt.micros % kDay;
  if (rest < 0) {
    rest += kDay;
    --days;
  }
  int64_t secs = rest / 1'000'000;
  int64_t whole = DateNumber(Date{static_cast<int32_t>(days)}) * 1'000'000 +
                  (secs / 3600) * 10000 + (secs / 60 % 60) * 100 + secs % 60;
  int fsp = std::min<int>(dt.fsp, 6);
  int64_t frac = rest % 1'000'000;
  for (int i = fsp; i < 6; ++i) frac /= 10;
  __int128 m = static_cast<__int128>(whole);
  for (int i = 0; i < fsp; ++i) m *= 10;
  return Decimal(m + frac, fsp);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

namespace internal {

size_t NumericPrefixLength(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits_start = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  bool any = i > digits_start;
  if (i < s.size() && s[i] == '.') {
    size_t frac_start = ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    any = any || i > frac_start;
    if (!any) return 0;
  }
  if (!any) return 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && IsDigit(s[j])) {
      while (j < s.size() && IsDigit(s[j])) ++j;
      i = j;
    }
  }
  return i;
}

std::optional<Decimal> ExactDecimalFromString(std::string_view s) {
  return Decimal::Parse(Trim(s));
}

Value AsNumber(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kDate: return Value::Int(DateNumber(v.date_value()));
    case ValueKind::kDateTime: {
      Decimal d = DateTimeNumber(v.datetime_value());
      if (d.scale() == 0) return Value::Int(static_cast<int64_t>(d.mantissa()));
      return Value::Dec(d);
    }
    default: return v;
  }
}

}  // namespace internal

bool Value::is_numeric() const {
  switch (kind()) {
    case ValueKind::kInt:
    case ValueKind::kUInt:
    case ValueKind::kDouble:
    case ValueKind::kDecimal: return true;
    default: return false;
  }
}

std::string internal::DoubleToText(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d < 0 ? "-inf" : "inf";
  if (d == 0) return "0";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));
  // sci = [-]D[.DDD]e(+|-)XX
  bool negative = sci.front() == '-';
  if (negative) sci.remove_prefix(1);
  size_t e = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e)) {
    if (c != '.') digits.push_back(c);
  }
  int exp10 = std::atoi(std::string(sci.substr(e + 1)).c_str());
  std::string out = negative ? "-" : "";
  // MySQL prints plain notation for exponents -15..14 and scientific past them
  // (1e14 -> 100000000000000, 1e15 -> 1e15, 1e-15 -> 0.000000000000001).
  if (exp10 < -15 || exp10 >= 15) {
    out += digits[0];
    if (digits.size() > 1) {
      out += '.';
      out += digits.substr(1);
    }
    out += fmt::format("e{}", exp10);
    return out;
  }
  int point = exp10 + 1;  // digits left of the point
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-point), '0');
    out += digits;
  } else if (point >= static_cast<int>(digits.size())) {
    out += digits;
    out.append(static_cast<size_t>(point) - digits.size(), '0');
  } else {
    out += digits.substr(0, static_cast<size_t>(point));
    out += '.';
    out += digits.substr(static_cast<size_t>(point));
  }
  return out;
}

std::string ToText(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull: return "NULL";
    case ValueKind::kInt: return fmt::format("{}", v.int_value());
    case ValueKind::kUInt: return fmt::format("{}", v.uint_value());
    case ValueKind::kDouble: return internal::DoubleToText(v.double_value());
    case ValueKind::kDecimal: return v.decimal_value().ToString();
    case ValueKind::kString: return v.string_value();
    case ValueKind::kDate: return FormatDate(v.date_value());
    case ValueKind::kDateTime: return FormatDateTime(v.datetime_value());
  }
  return "";
}

double StringToDouble(std::string_view s, bool* exact) {
  std::string_view t = s;
  while (!t.empty() && IsSpace(t.front())) t.remove_prefix(1);
  size_t n = internal::NumericPrefixLength(t);
  if (exact != nullptr) *exact = n > 0 && Trim(t.substr(n)).empty();
  if (n == 0) return 0.0;
  std::string prefix(t.substr(0, n));
  double d = std::strtod(prefix.c_str(), nullptr);
  if (std::isinf(d)) d = d < 0 ? -std::numeric_limits<double>::max()
                               : std::numeric_limits<double>::max();
  return d;
}

double ToDouble(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull: return 0.0;
    case ValueKind::kInt: return static_cast<double>(v.int_value());
    case ValueKind::kUInt: return static_cast<double>(v.uint_value());
    case ValueKind::kDouble: return v.double_value();
    case ValueKind::kDecimal: return v.decimal_value().ToDouble();
    case ValueKind::kString: return StringToDouble(v.string_value());
    case ValueKind::kDate: return static_cast<double>(DateNumber(v.date_value()));
    case ValueKind::kDateTime: return DateTimeNumber(v.datetime_value()).ToDouble();
  }
  return 0.0;
}

std::optional<Decimal> ToDecimal(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull: return std::nullopt;
    case ValueKind::kInt: return Decimal::FromInt(v.int_value());
    case ValueKind::kUInt: return Decimal::FromUInt(v.uint_value());
    case ValueKind::kDouble: return Decimal::FromDouble(v.double_value());
    case ValueKind::kDecimal: return v.decimal_value();
    case ValueKind::kString: {
      if (auto d = internal::ExactDecimalFromString(v.string_value())) return d;
      std::string_view t = Trim(v.string_value());
      size_t n = internal::NumericPrefixLength(t);
      if (n == 0) return Decimal();
      if (auto d = Decimal::Parse(t.substr(0, n))) return d;
      return Decimal::FromDouble(StringToDouble(t));
    }
    case ValueKind::kDate: return Decimal::FromInt(DateNumber(v.date_value()));
    case ValueKind::kDateTime: return DateTimeNumber(v.datetime_value());
  }
  return std::nullopt;
}

std::optional<int64_t> internal::DoubleToInt64Rounded(double d) {
  if (std::isnan(d)) return std::nullopt;
  double r = std::round(d);  // half away from zero
  if (r < -9223372036854775808.0 || r >= 9223372036854775808.0) return std::nullopt;
  return static_cast<int64_t>(r);
}

std::optional<int64_t> ToInt64(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull: return std::nullopt;
    case ValueKind::kInt: return v.int_value();
    case ValueKind::kUInt:
      if (v.uint_value() > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
      return static_cast<int64_t>(v.uint_value());
    case ValueKind::kDouble: return internal::DoubleToInt64Rounded(v.double_value());
    case ValueKind::kDecimal: return v.decimal_value().ToInt64Rounded();
    case ValueKind::kString: {
      std::string_view t = Trim(v.string_value());
      if (auto d = Decimal::Parse(t)) return d->ToInt64Rounded();
      size_t n = internal::NumericPrefixLength(t);
      if (n == 0) return std::nullopt;
      if (auto d = Decimal::Parse(t.substr(0, n))) return d->ToInt64Rounded();
      return internal::DoubleToInt64Rounded(StringToDouble(t));
    }
    case ValueKind::kDate: return DateNumber(v.date_value());
    case ValueKind::kDateTime: return DateTimeNumber(v.datetime_value()).ToInt64Rounded();
  }
  return std::nullopt;
}

std::optional<bool> ToBool(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull: return std::nullopt;
    case ValueKind::kInt: return v.int_value() != 0;
    case ValueKind::kUInt: return v.uint_value() != 0;
    case ValueKind::kDouble: return v.double_value() != 0.0;
    case ValueKind::kDecimal: return !v.decimal_value().IsZero();
    case ValueKind::kString: return StringToDouble(v.string_value()) != 0.0;
    case ValueKind::kDate:
    case ValueKind::kDateTime: return true;
  }
  return std::nullopt;
}

namespace {

// A number read as a date: YYYYMMDD or YYYYMMDDhhmmss (integer part).
std::optional<DateTime> NumberToDateTime(const Value& v) {
  std::optional<Decimal> d = ToDecimal(v);
  if (!d || d->IsNegative()) return std::nullopt;
  std::optional<int64_t> whole = d->ToInt64Truncated();
  if (!whole) return std::nullopt;
  std::string digits = fmt::format("{}", *whole);
  // MySQL pads short numbers on the left: 101 reads as 2000-01-01-style
  // YYMMDD only at 6 digits; accept the common 6/8/12/14-digit forms.
  return ParseDateTime(digits);
}

}  // namespace

std::optional<Date> ToDate(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kDate: return v.date_value();
    case ValueKind::kDateTime: return DateOf(v.datetime_value());
    case ValueKind::kString: {
      auto dt = ParseDateTime(v.string_value());
      if (!dt) return std::nullopt;
      return DateOf(*dt);
    }
    case ValueKind::kNull: return std::nullopt;
    default: {
      auto dt = NumberToDateTime(v);
      if (!dt) return std::nullopt;
      return DateOf(*dt);
    }
  }
}

std::optional<DateTime> ToDateTime(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kDate: return ToDateTime(v.date_value());
    case ValueKind::kDateTime: return v.datetime_value();
    case ValueKind::kString: return ParseDateTime(v.string_value());
    case ValueKind::kNull: return std::nullopt;
    default: return NumberToDateTime(v);
  }
}

// --- Comparison ----------------------------------------------------------------

namespace {

template <typename T>
int Cmp(T a, T b) {
  return a < b ? -1 : (a > b ? 1 : 0);
}

bool IsExact(ValueKind k) {
  return k == ValueKind::kInt || k == ValueKind::kUInt || k == ValueKind::kDecimal;
}

bool IsTemporal(ValueKind k) { return k == ValueKind::kDate || k == ValueKind::kDateTime; }

int CompareNumbers(const Value& a, const Value& b) {
  ValueKind ka = a.kind(), kb = b.kind();
  if (ka == ValueKind::kInt && kb == ValueKind::kInt) return Cmp(a.int_value(), b.int_value());
  if (ka == ValueKind::kUInt && kb == ValueKind::kUInt) {
    return Cmp(a.uint_value(), b.uint_value());
  }
  if (ka == ValueKind::kInt && kb == ValueKind::kUInt) {
    if (a.int_value() < 0) return -1;
    return Cmp(static_cast<uint64_t>(a.int_value()), b.uint_value());
  }
  if (ka == ValueKind::kUInt && kb == ValueKind::kInt) return -CompareNumbers(b, a);
  if (IsExact(ka) && IsExact(kb)) return ToDecimal(a)->Compare(*ToDecimal(b));
  return Cmp(ToDouble(a), ToDouble(b));
}

// A number against a string: exact when both are exact numbers.
int CompareNumberString(const Value& num, const std::string& s) {
  if (IsExact(num.kind())) {
    if (auto d = internal::ExactDecimalFromString(s)) return ToDecimal(num)->Compare(*d);
  }
  return Cmp(ToDouble(num), StringToDouble(s));
}

}  // namespace

int Compare(const Value& a, const Value& b) {
  ValueKind ka = a.kind(), kb = b.kind();
  if (ka == ValueKind::kNull || kb == ValueKind::kNull) {
    return Cmp(ka == ValueKind::kNull ? 0 : 1, kb == ValueKind::kNull ? 0 : 1);
  }
  if (ka == ValueKind::kString && kb == ValueKind::kString) {
    int c = a.string_value().compare(b.string_value());
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (IsTemporal(ka) || IsTemporal(kb)) {
    if (ka == ValueKind::kDate && kb == ValueKind::kDate) {
      return Cmp(a.date_value().days, b.date_value().days);
    }
    if (IsTemporal(ka) && IsTemporal(kb)) {
      return Cmp(ToDateTime(a)->micros, ToDateTime(b)->micros);
    }
    const Value& t = IsTemporal(ka) ? a : b;
    const Value& o = IsTemporal(ka) ? b : a;
    int sign = IsTemporal(ka) ? 1 : -1;
    if (o.kind() == ValueKind::kString) {
      if (auto dt = ParseDateTime(o.string_value())) {
        return sign * Cmp(ToDateTime(t)->micros, dt->micros);
      }
      int c = ToText(t).compare(o.string_value());
      return sign * (c < 0 ? -1 : (c > 0 ? 1 : 0));
    }
    // A number that reads as a date (20240101, 20240101103000) compares as
    // one, as MySQL converts a constant compared with a temporal column;
    // any other number compares with the date as YYYYMMDD[hhmmss].
    if (o.kind() != ValueKind::kDouble) {
      if (auto dt = ToDateTime(o)) return sign * Cmp(ToDateTime(t)->micros, dt->micros);
    }
    return sign * CompareNumbers(internal::AsNumber(t), o);
  }
  if (ka == ValueKind::kString) return -CompareNumberString(b, a.string_value());
  if (kb == ValueKind::kString) return CompareNumberString(a, b.string_value());
  return CompareNumbers(a, b);
}

// --- Group keys -----------------------------------------------------------------

namespace {

// Tags are part of in-memory keys only (never stored), but keep them stable.
constexpr char kTagNull = 0;
constexpr char kTagNumber = 1;
constexpr char kTagDouble = 2;
constexpr char kTagString = 3;
constexpr char kTagDate = 4;
constexpr char kTagDateTime = 5;

template <typename T>
void AppendRaw(T v, std::string* out) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  out->append(buf, sizeof(T));
}

void AppendNumber(const Decimal& d, std::string* out) {
  Decimal n = d.Normalized();
  out->push_back(kTagNumber);
  out->push_back(static_cast<char>(n.scale()));
  AppendRaw(n.mantissa(), out);
}

}  // namespace

void AppendGroupKey(const Value& v, std::string* out) {
  switch (v.kind()) {
    case ValueKind::kNull: out->push_back(kTagNull); return;
    case ValueKind::kInt: AppendNumber(Decimal::FromInt(v.int_value()), out); return;
    case ValueKind::kUInt: AppendNumber(Decimal::FromUInt(v.uint_value()), out); return;
    case ValueKind::kDecimal: AppendNumber(v.decimal_value(), out); return;
    case ValueKind::kDouble: {
      double d = v.double_value();
      // Integral doubles group with the equal integers/decimals.
      if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 1e37) {
        if (auto dec = Decimal::FromDouble(d, 0)) {
          AppendNumber(*dec, out);
          return;
        }
      }
      out->push_back(kTagDouble);
      AppendRaw(d, out);
      return;
    }
    case ValueKind::kString: {
      out->push_back(kTagString);
      AppendRaw(static_cast<uint64_t>(v.string_value().size()), out);
      out->append(v.string_value());
      return;
    }
    case ValueKind::kDate:
      out->push_back(kTagDate);
      AppendRaw(v.date_value().days, out);
      return;
    case ValueKind::kDateTime:
      out->push_back(kTagDateTime);
      AppendRaw(v.datetime_value().micros, out);
      return;
  }
}

}  // namespace tetradb::rel
