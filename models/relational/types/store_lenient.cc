// StoreValueLenient and ImplicitDefault: what IGNORE stores where strict
// mode refuses a value (see column_type.h).
#include <cfloat>
#include <cmath>
#include <string>

#include "models/relational/types/column_type.h"
#include "models/relational/types/value_internal.h"

namespace tetradb::rel {
namespace {

bool IsNumericType(TypeId id) {
  return IsIntegerType(id) || id == TypeId::kDecimal || id == TypeId::kFloat ||
         id == TypeId::kDouble;
}

__int128 Pow10(int n) {
  __int128 p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// The bound of `type` on the side of `v` (its sign).
Value NearestBound(const ColumnType& type, const Value& v) {
  const bool negative = ToDouble(v) < 0;
  if (IsIntegerType(type.id)) {
    int bits = 32;
    switch (type.id) {
      case TypeId::kTinyInt: bits = 8; break;
      case TypeId::kSmallInt: bits = 16; break;
      case TypeId::kMediumInt: bits = 24; break;
      case TypeId::kBigInt: bits = 64; break;
      default: break;
    }
    if (type.is_unsigned) {
      if (negative) return Value::UInt(0);
      return Value::UInt(bits == 64 ? UINT64_MAX : (uint64_t{1} << bits) - 1);
    }
    if (bits == 64) return Value::Int(negative ? INT64_MIN : INT64_MAX);
    const int64_t half = int64_t{1} << (bits - 1);
    return Value::Int(negative ? -half : half - 1);
  }
  if (type.id == TypeId::kDecimal) {
    if (negative && type.is_unsigned) return Value::Dec(Decimal(0, type.scale));
    const __int128 max = Pow10(type.precision) - 1;  // 999.99 for DECIMAL(5,2)
    return Value::Dec(Decimal(negative ? -max : max, type.scale));
  }
  if (negative && type.is_unsigned) return Value::Double(0);
  const double max = type.id == TypeId::kFloat ? static_cast<double>(FLT_MAX) : DBL_MAX;
  return Value::Double(negative ? -max : max);
}

// A string's numeric prefix as a number ("12abc" -> 12, "abc" -> 0).
Value NumericPrefix(std::string_view text) {
  size_t b = 0, e = text.size();
  while (b < e && (text[b] == ' ' || text[b] == '\t' || text[b] == '\n' || text[b] == '\r')) ++b;
  std::string_view t = text.substr(b, e - b);
  const size_t n = internal::NumericPrefixLength(t);
  if (n == 0) return Value::Int(0);
  std::string_view prefix = t.substr(0, n);
  if (auto d = Decimal::Parse(prefix)) return Value::Dec(*d);
  return Value::Double(StringToDouble(prefix));
}

// `text` cut to `limit` characters (CHAR/VARCHAR) or bytes (TEXT/BLOB; a
// TEXT is not cut inside a character).
std::string CutToLength(const ColumnType& type, std::string text) {
  const bool chars = type.id == TypeId::kChar || type.id == TypeId::kVarChar;
  uint32_t limit = type.length;
  if (!chars && limit == 0) limit = 65535;
  size_t keep = 0;
  if (chars) {
    size_t seen = 0;
    for (; keep < text.size(); ++keep) {
      if ((static_cast<unsigned char>(text[keep]) & 0xC0) != 0x80) {
        if (seen == limit) break;
        ++seen;
      }
    }
  } else {
    keep = std::min<size_t>(limit, text.size());
    if (type.id != TypeId::kBlob) {
      while (keep > 0 && keep < text.size() &&
             (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) {
        --keep;
      }
    }
  }
  text.resize(keep);
  return text;
}

}  // namespace

SqlResult<Value> StoreValueLenient(const ColumnType& type, const Value& v,
                                   std::string_view column, int64_t row,
                                   std::vector<SqlError>* warnings) {
  SqlResult<Value> stored = StoreValue(type, v, column, row);
  if (stored.ok()) return stored;
  const int code = stored.error().code;
  Value adjusted;
  if (IsNumericType(type.id) && (code == 1366 || code == 1265) &&
      v.kind() == ValueKind::kString) {
    adjusted = NumericPrefix(v.string_value());
  } else if (IsNumericType(type.id) && code == 1264) {
    adjusted = NearestBound(type, v.kind() == ValueKind::kString ? NumericPrefix(v.string_value())
                                                                 : v);
  } else if (code == 1406) {
    adjusted = Value::String(CutToLength(type, ToText(v)));
  } else {
    return stored;
  }
  warnings->push_back(stored.error());
  SqlResult<Value> again = StoreValue(type, adjusted, column, row);
  if (again.ok() || again.error().code != 1264 || !IsNumericType(type.id)) return again;
  // "99999abc" into a TINYINT: the prefix is out of range too.
  warnings->push_back(again.error());
  return StoreValue(type, NearestBound(type, adjusted), column, row);
}

std::optional<Value> ImplicitDefault(const ColumnType& type) {
  if (IsIntegerType(type.id)) return type.is_unsigned ? Value::UInt(0) : Value::Int(0);
  switch (type.id) {
    case TypeId::kDecimal: return Value::Dec(Decimal(0, type.scale));
    case TypeId::kFloat:
    case TypeId::kDouble: return Value::Double(0);
    case TypeId::kChar:
    case TypeId::kVarChar:
    case TypeId::kText:
    case TypeId::kBlob: return Value::String("");
    case TypeId::kEnum:
      if (type.enum_values.empty()) return std::nullopt;
      return Value::String(type.enum_values[0]);
    default: return std::nullopt;
  }
}

}  // namespace tetradb::rel
