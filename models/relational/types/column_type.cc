#include "models/relational/types/column_type.h"

#include <cfloat>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "models/relational/types/datetime_parse.h"
#include "models/relational/types/json_text.h"
#include "models/relational/types/utf8.h"
#include "models/relational/types/value_internal.h"

namespace tetradb::rel {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

// Byte length of the first `chars` code points.
size_t PrefixBytes(std::string_view s, size_t chars) {
  size_t i = 0, seen = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == chars) break;
      ++seen;
    }
  }
  return i;
}

struct IntRange {
  __int128 min, max;
};

IntRange RangeOf(const ColumnType& t) {
  int bits = 32;
  switch (t.id) {
    case TypeId::kTinyInt: bits = 8; break;
    case TypeId::kSmallInt: bits = 16; break;
    case TypeId::kMediumInt: bits = 24; break;
    case TypeId::kBigInt: bits = 64; break;
    default: break;
  }
  __int128 one = 1;
  if (t.is_unsigned) return {0, (one << bits) - 1};
  return {-(one << (bits - 1)), (one << (bits - 1)) - 1};
}

// A string read for a numeric column: the exact decimal when the whole text
// is a number; 1265 when only a prefix is; 1366 when none is.
SqlResult<std::optional<Decimal>> NumericString(std::string_view text, std::string_view type,
                                                std::string_view column, int64_t row,
                                                double* as_double) {
  std::string_view t = Trim(text);
  size_t n = internal::NumericPrefixLength(t);
  if (n == 0) return err::IncorrectValue(type, text, column, row);
  if (n != t.size()) return err::DataTruncated(column, row);
  *as_double = StringToDouble(t);
  return Decimal::Parse(t);  // nullopt: a number beyond 38 digits
}

SqlResult<Value> StoreInteger(const ColumnType& type, const Value& v, std::string_view column,
                              int64_t row) {
  Value x = internal::AsNumber(v);
  __int128 n = 0;
  double d = 0;
  bool use_double = false;
  switch (x.kind()) {
    case ValueKind::kInt: n = x.int_value(); break;
    case ValueKind::kUInt: n = x.uint_value(); break;
    case ValueKind::kDecimal: n = x.decimal_value().Rescale(0)->mantissa(); break;
    case ValueKind::kDouble:
      d = x.double_value();
      use_double = true;
      break;
    case ValueKind::kString: {
      TETRADB_SQL_ASSIGN_OR_RETURN(auto dec,
                                   NumericString(x.string_value(), "integer", column, row, &d));
      if (dec) {
        n = dec->Rescale(0)->mantissa();
      } else {
        use_double = true;
      }
      break;
    }
    default: return err::IncorrectValue("integer", ToText(v), column, row);
  }
  if (use_double) {
    double r = std::round(d);
    if (!(std::fabs(r) < 1e20)) return err::OutOfRange(column, row);
    n = static_cast<__int128>(r);
  }
  IntRange range = RangeOf(type);
  if (n < range.min || n > range.max) return err::OutOfRange(column, row);
  if (type.is_unsigned) return Value::UInt(static_cast<uint64_t>(n));
  return Value::Int(static_cast<int64_t>(n));
}

SqlResult<Value> StoreDecimal(const ColumnType& type, const Value& v, std::string_view column,
                              int64_t row) {
  Value x = internal::AsNumber(v);
  std::optional<Decimal> dec;
  switch (x.kind()) {
    case ValueKind::kInt:
    case ValueKind::kUInt:
    case ValueKind::kDecimal: dec = ToDecimal(x); break;
    case ValueKind::kDouble:
      dec = Decimal::FromDouble(x.double_value(), type.scale);
      if (!dec) return err::OutOfRange(column, row);
      break;
    case ValueKind::kString: {
      double ignored = 0;
      TETRADB_SQL_ASSIGN_OR_RETURN(
          dec, NumericString(x.string_value(), "decimal", column, row, &ignored));
      if (!dec) return err::OutOfRange(column, row);
      break;
    }
    default: return err::IncorrectValue("decimal", ToText(v), column, row);
  }
  std::optional<Decimal> r = dec->Rescale(type.scale);
  if (!r || !r->FitsPrecision(type.precision, type.scale)) return err::OutOfRange(column, row);
  if (type.is_unsigned && r->IsNegative()) return err::OutOfRange(column, row);
  if (r->IsZero()) r = Decimal(0, type.scale);  // no "-0.00"
  return Value::Dec(*r);
}

// FLOAT keeps single precision: the value is rounded to a float and read
// back through its shortest text, so 0.1 stays 0.1 and 1.23456789 becomes
// 1.2345679 as MySQL shows it.
double ToFloatPrecision(double d) {
  float f = static_cast<float>(d);
  char buf[32];
  auto res = std::to_chars(buf, buf + sizeof(buf), f);
  double out = 0;
  std::from_chars(buf, res.ptr, out);
  return out;
}

SqlResult<Value> StoreFloating(const ColumnType& type, const Value& v, std::string_view column,
                               int64_t row) {
  Value x = internal::AsNumber(v);
  double d = 0;
  switch (x.kind()) {
    case ValueKind::kInt:
    case ValueKind::kUInt:
    case ValueKind::kDecimal:
    case ValueKind::kDouble: d = ToDouble(x); break;
    case ValueKind::kString: {
      TETRADB_SQL_ASSIGN_OR_RETURN(auto dec,
                                   NumericString(x.string_value(), "double", column, row, &d));
      (void)dec;
      break;
    }
    default: return err::IncorrectValue("double", ToText(v), column, row);
  }
  if (!std::isfinite(d)) return err::OutOfRange(column, row);
  if (type.is_unsigned && d < 0) return err::OutOfRange(column, row);
  if (type.id == TypeId::kFloat) {
    if (std::fabs(d) > FLT_MAX) return err::OutOfRange(column, row);
    d = ToFloatPrecision(d);
  }
  if (d == 0) d = 0;  // no -0
  return Value::Double(d);
}

SqlResult<Value> StoreText(const ColumnType& type, const Value& v, std::string_view column,
                           int64_t row) {
  std::string text = ToText(v);
  bool chars = type.id == TypeId::kChar || type.id == TypeId::kVarChar;
  uint32_t limit = type.length;
  if (!chars && limit == 0) limit = 65535;
  size_t size = chars ? Utf8CodePoints(text) : text.size();
  if (size > limit) {
    // Trailing spaces beyond the limit are cut silently (a note in MySQL).
    size_t keep = chars ? PrefixBytes(text, limit) : limit;
    bool only_spaces = type.id != TypeId::kBlob &&
                       text.find_first_not_of(' ', keep) == std::string::npos;
    if (!only_spaces) return err::DataTooLong(column, row);
    text.resize(keep);
  }
  if (type.id == TypeId::kChar) {
    size_t end = text.find_last_not_of(' ');
    text.resize(end == std::string::npos ? 0 : end + 1);
  }
  return Value::String(std::move(text));
}

constexpr int64_t kMicrosPerDay = 86'400'000'000;

SqlResult<Value> StoreDate(const Value& v, std::string_view column, int64_t row) {
  auto bad = [&]() { return err::IncorrectDatetime("date", ToText(v), column, row); };
  std::optional<DateTime> dt;
  switch (v.kind()) {
    case ValueKind::kDate: return v;
    case ValueKind::kString: dt = ParseDateTime(v.string_value()); break;
    default: dt = ToDateTime(v); break;
  }
  if (!dt) return bad();
  // A time part is dropped: MySQL only notes it, even in strict mode.
  return Value::DateV(DateOf(*dt));
}

SqlResult<Value> StoreDateTime(const ColumnType& type, const Value& v, std::string_view column,
                               int64_t row) {
  auto bad = [&]() { return err::IncorrectDatetime("datetime", ToText(v), column, row); };
  std::optional<DateTime> dt =
      v.kind() == ValueKind::kString ? ParseDateTime(v.string_value()) : ToDateTime(v);
  if (!dt) return bad();
  int fsp = std::min<int>(type.fsp, 6);
  int64_t unit = 1;
  for (int i = fsp; i < 6; ++i) unit *= 10;
  // Round half up to the column's precision (MySQL rounds, not truncates).
  int64_t q = dt->micros / unit, r = dt->micros % unit;
  if (r < 0) {
    r += unit;
    --q;
  }
  if (r * 2 >= unit) ++q;
  DateTime out{q * unit, static_cast<uint8_t>(fsp)};
  int64_t max = (int64_t{DaysFromCivil({9999, 12, 31})} + 1) * kMicrosPerDay - 1;
  if (out.micros > max) return bad();
  if (type.id == TypeId::kTimestamp) {
    // TIMESTAMP's range: '1970-01-01 00:00:01' .. '2038-01-19 03:14:07.999999' UTC.
    if (out.micros < 1'000'000 || out.micros >= 2'147'483'648'000'000) return bad();
  }
  return Value::DateTimeV(out);
}

SqlResult<Value> StoreEnum(const ColumnType& type, const Value& v, std::string_view column,
                           int64_t row) {
  if (v.kind() == ValueKind::kInt || v.kind() == ValueKind::kUInt) {
    // A number picks the value by its 1-based position.
    uint64_t i = v.kind() == ValueKind::kInt ? static_cast<uint64_t>(v.int_value()) : v.uint_value();
    if (v.kind() == ValueKind::kInt && v.int_value() < 1) return err::DataTruncated(column, row);
    if (i >= 1 && i <= type.enum_values.size()) return Value::String(type.enum_values[i - 1]);
    return err::DataTruncated(column, row);
  }
  std::string text = ToText(v);
  std::string_view t = text;
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);  // PAD SPACE
  for (const std::string& e : type.enum_values) {
    if (EqualsIgnoreCase(t, e)) return Value::String(e);
  }
  return err::DataTruncated(column, row);
}

SqlResult<Value> StoreJson(const Value& v, std::string_view column) {
  if (v.kind() != ValueKind::kString) {
    return err::InvalidJson("not a JSON text, may need CAST", 0, column);
  }
  std::string out;
  JsonTextError error;
  if (!NormalizeJsonText(v.string_value(), &out, &error)) {
    return err::InvalidJson(error.reason, error.position, column);
  }
  return Value::String(std::move(out));
}

std::string SizedName(const char* base, uint32_t length) {
  if (length == 0) return base;
  const char* prefix = length <= 255 ? "tiny" : length <= 65535 ? "" :
                       length <= 16777215 ? "medium" : "long";
  return fmt::format("{}{}", prefix, base);
}

}  // namespace

bool IsIntegerType(TypeId id) {
  return id == TypeId::kTinyInt || id == TypeId::kSmallInt || id == TypeId::kMediumInt ||
         id == TypeId::kInt || id == TypeId::kBigInt;
}

bool IsStringType(TypeId id) {
  return id == TypeId::kChar || id == TypeId::kVarChar || id == TypeId::kText ||
         id == TypeId::kEnum || id == TypeId::kJson || id == TypeId::kBlob;
}

ValueKind StorageKind(const ColumnType& type) {
  if (IsIntegerType(type.id)) return type.is_unsigned ? ValueKind::kUInt : ValueKind::kInt;
  switch (type.id) {
    case TypeId::kDecimal: return ValueKind::kDecimal;
    case TypeId::kFloat:
    case TypeId::kDouble: return ValueKind::kDouble;
    case TypeId::kDate: return ValueKind::kDate;
    case TypeId::kDateTime:
    case TypeId::kTimestamp: return ValueKind::kDateTime;
    default: return ValueKind::kString;
  }
}

std::string TypeName(const ColumnType& type) {
  std::string name;
  switch (type.id) {
    case TypeId::kTinyInt: name = type.display_width_one ? "tinyint(1)" : "tinyint"; break;
    case TypeId::kSmallInt: name = "smallint"; break;
    case TypeId::kMediumInt: name = "mediumint"; break;
    case TypeId::kInt: name = "int"; break;
    case TypeId::kBigInt: name = "bigint"; break;
    case TypeId::kDecimal: name = fmt::format("decimal({},{})", type.precision, type.scale); break;
    case TypeId::kFloat: name = "float"; break;
    case TypeId::kDouble: name = "double"; break;
    case TypeId::kChar: return fmt::format("char({})", type.length);
    case TypeId::kVarChar: return fmt::format("varchar({})", type.length);
    case TypeId::kText: return SizedName("text", type.length);
    case TypeId::kBlob: return SizedName("blob", type.length);
    case TypeId::kDate: return "date";
    case TypeId::kDateTime:
      return type.fsp == 0 ? "datetime" : fmt::format("datetime({})", type.fsp);
    case TypeId::kTimestamp:
      return type.fsp == 0 ? "timestamp" : fmt::format("timestamp({})", type.fsp);
    case TypeId::kJson: return "json";
    case TypeId::kEnum: {
      name = "enum(";
      for (size_t i = 0; i < type.enum_values.size(); ++i) {
        if (i > 0) name += ',';
        name += '\'';
        for (char c : type.enum_values[i]) {
          if (c == '\'') name += '\'';
          name += c;
        }
        name += '\'';
      }
      return name + ")";
    }
  }
  if (type.is_unsigned) name += " unsigned";
  return name;
}

SqlStatus ValidateType(const ColumnType& type, std::string_view column) {
  switch (type.id) {
    case TypeId::kDecimal:
      if (type.precision < 1 || type.precision > Decimal::kMaxPrecision) {
        return err::TooBigPrecision(type.precision, column, Decimal::kMaxPrecision);
      }
      if (type.scale > Decimal::kMaxScale) {
        return err::TooBigScale(type.scale, column, Decimal::kMaxScale);
      }
      if (type.scale > type.precision) return err::ScaleBiggerThanPrecision(column);
      return SqlStatus::Ok();
    case TypeId::kChar:
      if (type.length > 255) return err::TooBigFieldLength(column, 255);
      return SqlStatus::Ok();
    case TypeId::kVarChar:
      if (type.length > 65535) return err::TooBigFieldLength(column, 65535);
      return SqlStatus::Ok();
    case TypeId::kDateTime:
    case TypeId::kTimestamp:
      if (type.fsp > 6) return err::TooBigPrecision(type.fsp, column, 6);
      return SqlStatus::Ok();
    case TypeId::kEnum:
      if (type.enum_values.empty()) {
        return err::Unknown(fmt::format("ENUM column '{}' needs at least one value", column));
      }
      for (size_t i = 0; i < type.enum_values.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
          if (EqualsIgnoreCase(type.enum_values[i], type.enum_values[j])) {
            return err::DuplicatedEnumValue(column, type.enum_values[i]);
          }
        }
      }
      return SqlStatus::Ok();
    default: return SqlStatus::Ok();
  }
}

SqlResult<Value> StoreValue(const ColumnType& type, const Value& v, std::string_view column,
                            int64_t row) {
  if (v.is_null()) return Value::Null();
  if (IsIntegerType(type.id)) return StoreInteger(type, v, column, row);
  switch (type.id) {
    case TypeId::kDecimal: return StoreDecimal(type, v, column, row);
    case TypeId::kFloat:
    case TypeId::kDouble: return StoreFloating(type, v, column, row);
    case TypeId::kChar:
    case TypeId::kVarChar:
    case TypeId::kText:
    case TypeId::kBlob: return StoreText(type, v, column, row);
    case TypeId::kDate: return StoreDate(v, column, row);
    case TypeId::kDateTime:
    case TypeId::kTimestamp: return StoreDateTime(type, v, column, row);
    case TypeId::kEnum: return StoreEnum(type, v, column, row);
    case TypeId::kJson: return StoreJson(v, column);
    default: return err::Unknown("unknown column type");
  }
}

}  // namespace tetradb::rel
