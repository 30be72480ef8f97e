// UNION result column types: MySQL's aggregation of types over the members
// and the conversion of each member's values (see union_types.h).
#include "models/relational/sql/execution/union_types.h"

#include <algorithm>
#include <optional>

#include "models/relational/types/column_type.h"

namespace tetradb::rel::sql {
namespace {

bool IsNumber(UnionClass c) {
  return c == UnionClass::kInt || c == UnionClass::kDecimal || c == UnionClass::kDouble;
}

bool IsTemporal(UnionClass c) { return c == UnionClass::kDate || c == UnionClass::kDateTime; }

UnionType OfValue(const Value& v) {
  UnionType t;
  switch (v.kind()) {
    case ValueKind::kNull: break;
    case ValueKind::kInt:
    case ValueKind::kUInt: t.cls = UnionClass::kInt; break;
    case ValueKind::kDouble: t.cls = UnionClass::kDouble; break;
    case ValueKind::kDecimal:
      t.cls = UnionClass::kDecimal;
      t.scale = v.decimal_value().scale();
      break;
    case ValueKind::kString: t.cls = UnionClass::kString; break;
    case ValueKind::kDate: t.cls = UnionClass::kDate; break;
    case ValueKind::kDateTime:
      t.cls = UnionClass::kDateTime;
      t.fsp = v.datetime_value().fsp;
      break;
  }
  return t;
}

UnionType OfColumnType(const ColumnType& ct) {
  UnionType t;
  switch (ct.id) {
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kMediumInt:
    case TypeId::kInt:
    case TypeId::kBigInt: t.cls = UnionClass::kInt; break;
    case TypeId::kDecimal:
      t.cls = UnionClass::kDecimal;
      t.scale = ct.scale;
      break;
    case TypeId::kFloat:
    case TypeId::kDouble: t.cls = UnionClass::kDouble; break;
    case TypeId::kDate: t.cls = UnionClass::kDate; break;
    case TypeId::kDateTime:
    case TypeId::kTimestamp:
      t.cls = UnionClass::kDateTime;
      t.fsp = ct.fsp;
      break;
    default: t.cls = UnionClass::kString; break;
  }
  return t;
}

// The type an expression has before it runs, where that is known without
// evaluating it: a literal, a base table's column, a CAST. A member that
// returns no rows still takes part in the union's type through these.
std::optional<UnionType> StaticType(const BoundExpr& e) {
  switch (e.kind) {
    case BoundKind::kConst: return OfValue(e.value);
    case BoundKind::kColumn:
      if (e.column != nullptr) return OfColumnType(e.column->type);
      return std::nullopt;
    case BoundKind::kCast: return OfColumnType(e.cast_type);
    default: return std::nullopt;
  }
}

}  // namespace

UnionType MergeUnionTypes(const UnionType& a, const UnionType& b) {
  if (a.cls == UnionClass::kNone) return b;
  if (b.cls == UnionClass::kNone) return a;
  UnionType out;
  out.scale = std::max(a.scale, b.scale);
  out.fsp = std::max(a.fsp, b.fsp);
  if (a.cls == b.cls) {
    out.cls = a.cls;
  } else if (IsNumber(a.cls) && IsNumber(b.cls)) {
    out.cls = (a.cls == UnionClass::kDouble || b.cls == UnionClass::kDouble)
                  ? UnionClass::kDouble
                  : UnionClass::kDecimal;
  } else if (IsTemporal(a.cls) && IsTemporal(b.cls)) {
    out.cls = UnionClass::kDateTime;
  } else {
    out.cls = UnionClass::kString;
  }
  if (out.cls != UnionClass::kDecimal) out.scale = 0;
  if (out.cls != UnionClass::kDateTime) out.fsp = 0;
  return out;
}

Value ConvertToUnionType(const Value& v, const UnionType& type) {
  if (v.is_null()) return v;
  switch (type.cls) {
    case UnionClass::kNone:
    case UnionClass::kInt:
    case UnionClass::kDate: return v;
    case UnionClass::kDecimal: {
      std::optional<Decimal> d = ToDecimal(v);
      if (!d) return v;
      std::optional<Decimal> r = d->Rescale(type.scale);
      return r ? Value::Dec(*r) : Value::Dec(*d);
    }
    case UnionClass::kDouble:
      return v.kind() == ValueKind::kDouble ? v : Value::Double(ToDouble(v));
    case UnionClass::kDateTime: {
      std::optional<DateTime> dt = ToDateTime(v);
      if (!dt) return v;
      dt->fsp = static_cast<uint8_t>(type.fsp);
      return Value::DateTimeV(*dt);
    }
    case UnionClass::kString:
      return v.kind() == ValueKind::kString ? v : Value::String(ToText(v));
  }
  return v;
}

void UnifyUnionRows(const QueryPlan& q, std::vector<std::vector<ValueRow>>* rows) {
  if (q.parts.size() < 2) return;
  const size_t width = q.column_names.size();
  std::vector<UnionType> types(width);
  for (size_t p = 0; p < q.parts.size(); ++p) {
    const SelectPlan& part = *q.parts[p];
    for (size_t c = 0; c < width && c < part.projection.size(); ++c) {
      if (auto t = StaticType(*part.projection[c])) types[c] = MergeUnionTypes(types[c], *t);
    }
    for (const ValueRow& r : (*rows)[p]) {
      for (size_t c = 0; c < width && c < r.size(); ++c) {
        types[c] = MergeUnionTypes(types[c], OfValue(r[c]));
      }
    }
  }
  for (std::vector<ValueRow>& member : *rows) {
    for (ValueRow& r : member) {
      for (size_t c = 0; c < width && c < r.size(); ++c) {
        r[c] = ConvertToUnionType(r[c], types[c]);
      }
    }
  }
}

}  // namespace tetradb::rel::sql
