// Keys of the relational model. Embedded on disk: do not change.
//
// Components use the tuple codec of engine/key_codec.cc.
//
//   rows family
//     row_key    := INT(table_id) pk
//     pk         := key_value{n}        the primary key columns, in key order
//                 | INT(row_id)         no primary key: hidden row id (>= 1)
//     value      := row record (row_codec.cc)
//
//   row_index family (index ids share the table id counter, so they never
//   collide with each other; they live in their own family)
//     entry      := INT(index_id) key_value{k} pk  -> empty
//                     non-unique index, or unique index with a NULL among
//                     its values (MySQL allows those to repeat)
//                 | INT(index_id) key_value{k}     -> pk
//                     unique index without NULL: one entry per value, so the
//                     uniqueness check is one locked point read
//     A reader tells the forms apart by what follows the k values.
//
//   key_value by the column's type:
//     NULL                               NULL (sorts first, as MySQL's NULLs)
//     TINYINT..BIGINT                    INT(v)
//     TINYINT..BIGINT UNSIGNED           BYTES(be64(v))      (bytes order = numeric order)
//     DECIMAL(p,s)                       BYTES(be128(m) with the sign bit flipped),
//                                        m = the value's mantissa at scale s
//     FLOAT, DOUBLE                      DOUBLE(v)
//     DATE                               INT(days since 1970-01-01)
//     DATETIME, TIMESTAMP                INT(microseconds since 1970-01-01)
//     CHAR VARCHAR TEXT BLOB ENUM JSON   BYTES(v)            (binary collation)
#include "models/relational/storage/row_keys.h"

#include <fmt/format.h>

#include "models/relational/types/column_type.h"

namespace tetradb::rel {
namespace {

enum class KeyKind { kSigned, kUnsigned, kDecimal, kDouble, kDate, kDateTime, kBytes };

KeyKind KeyKindOf(const ColumnType& type) {
  switch (type.id) {
    case TypeId::kTinyInt:
    case TypeId::kSmallInt:
    case TypeId::kMediumInt:
    case TypeId::kInt:
    case TypeId::kBigInt:
      return type.is_unsigned ? KeyKind::kUnsigned : KeyKind::kSigned;
    case TypeId::kDecimal:
      return KeyKind::kDecimal;
    case TypeId::kFloat:
    case TypeId::kDouble:
      return KeyKind::kDouble;
    case TypeId::kDate:
      return KeyKind::kDate;
    case TypeId::kDateTime:
    case TypeId::kTimestamp:
      return KeyKind::kDateTime;
    default:
      return KeyKind::kBytes;
  }
}

SqlError BadKind(const ColumnType& type, const Value& v) {
  return err::Unknown(
      fmt::format("internal: value {} does not fit a key of type {}", ToText(v), TypeName(type)));
}

std::string Be64(uint64_t v) {
  std::string s(8, '\0');
  for (int i = 7; i >= 0; --i, v >>= 8) s[i] = static_cast<char>(v & 0xFF);
  return s;
}

std::string Be128SignFlipped(__int128 m) {
  unsigned __int128 u =
      static_cast<unsigned __int128>(m) ^ (static_cast<unsigned __int128>(1) << 127);
  std::string s(16, '\0');
  for (int i = 15; i >= 0; --i, u >>= 8) s[i] = static_cast<char>(static_cast<uint8_t>(u & 0xFF));
  return s;
}

SqlError Corrupt(std::string_view what) {
  return err::Unknown(fmt::format("corrupt key: {}", what));
}

}  // namespace

uint64_t HiddenRowId(const TableDef& table, const std::vector<Value>& row) {
  if (!table.HasHiddenPrimaryKey() || row.size() <= table.columns.size()) return 0;
  const Value& v = row[table.columns.size()];
  if (v.kind() == ValueKind::kInt && v.int_value() > 0) return static_cast<uint64_t>(v.int_value());
  return 0;
}

std::optional<Value> KeyValueFor(const ColumnType& type, const Value& v) {
  if (v.is_null()) return v;
  const KeyKind kind = KeyKindOf(type);
  switch (kind) {
    case KeyKind::kBytes:
      if (v.kind() == ValueKind::kString) return v;
      return std::nullopt;
    case KeyKind::kSigned:
      if (v.kind() == ValueKind::kInt) return v;
      if (v.kind() == ValueKind::kUInt) {
        if (v.uint_value() > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
        return Value::Int(static_cast<int64_t>(v.uint_value()));
      }
      break;
    case KeyKind::kUnsigned:
      if (v.kind() == ValueKind::kUInt) return v;
      if (v.kind() == ValueKind::kInt) {
        if (v.int_value() < 0) return std::nullopt;
        return Value::UInt(static_cast<uint64_t>(v.int_value()));
      }
      break;
    case KeyKind::kDecimal: {
      std::optional<Decimal> d;
      if (v.kind() == ValueKind::kDecimal) d = v.decimal_value();
      if (v.kind() == ValueKind::kInt) d = Decimal::FromInt(v.int_value());
      if (v.kind() == ValueKind::kUInt) d = Decimal::FromUInt(v.uint_value());
      if (d) {
        std::optional<Decimal> r = d->Rescale(type.scale);
        if (!r || r->Compare(*d) != 0) return std::nullopt;
        return Value::Dec(*r);
      }
      break;
    }
    case KeyKind::kDouble:
      if (v.kind() == ValueKind::kDouble) return v;
      if (v.kind() == ValueKind::kInt || v.kind() == ValueKind::kUInt ||
          v.kind() == ValueKind::kDecimal) {
        return Value::Double(ToDouble(v));
      }
      break;
    case KeyKind::kDate:
      if (v.kind() == ValueKind::kDate) return v;
      if (v.kind() == ValueKind::kDateTime) {
        Date d = DateOf(v.datetime_value());
        if (ToDateTime(d).micros != v.datetime_value().micros) return std::nullopt;
        return Value::DateV(d);
      }
      break;
    case KeyKind::kDateTime:
      if (v.kind() == ValueKind::kDateTime) return v;
      if (v.kind() == ValueKind::kDate) return Value::DateTimeV(ToDateTime(v.date_value()));
      break;
  }
  // Other kinds (mostly strings for numeric or temporal columns): as the
  // column would store them, if that keeps the value.
  SqlResult<Value> stored = StoreValue(type, v, "", 1);
  if (!stored.ok() || stored->is_null()) return std::nullopt;
  if (Compare(*stored, v) != 0) return std::nullopt;
  return KeyValueFor(type, *stored);
}

SqlStatus AppendKeyValue(const ColumnType& type, const Value& v, std::string* out) {
  KeyEncoder enc(out);
  if (v.is_null()) {
    enc.Null();
    return SqlStatus::Ok();
  }
  switch (KeyKindOf(type)) {
    case KeyKind::kSigned:
      if (v.kind() == ValueKind::kInt) {
        enc.Int(v.int_value());
      } else if (v.kind() == ValueKind::kUInt && v.uint_value() <= INT64_MAX) {
        enc.Int(static_cast<int64_t>(v.uint_value()));
      } else {
        return BadKind(type, v);
      }
      return SqlStatus::Ok();
    case KeyKind::kUnsigned:
      if (v.kind() == ValueKind::kUInt) {
        enc.Bytes(Be64(v.uint_value()));
      } else if (v.kind() == ValueKind::kInt && v.int_value() >= 0) {
        enc.Bytes(Be64(static_cast<uint64_t>(v.int_value())));
      } else {
        return BadKind(type, v);
      }
      return SqlStatus::Ok();
    case KeyKind::kDecimal: {
      std::optional<Decimal> d;
      if (v.kind() == ValueKind::kDecimal) d = v.decimal_value();
      if (v.kind() == ValueKind::kInt) d = Decimal::FromInt(v.int_value());
      if (v.kind() == ValueKind::kUInt) d = Decimal::FromUInt(v.uint_value());
      if (d) d = d->Rescale(type.scale);
      if (!d) return BadKind(type, v);
      enc.Bytes(Be128SignFlipped(d->mantissa()));
      return SqlStatus::Ok();
    }
    case KeyKind::kDouble:
      if (!v.is_numeric()) return BadKind(type, v);
      enc.Double(v.kind() == ValueKind::kDouble ? v.double_value() : ToDouble(v));
      return SqlStatus::Ok();
    case KeyKind::kDate:
      if (v.kind() != ValueKind::kDate) return BadKind(type, v);
      enc.Int(v.date_value().days);
      return SqlStatus::Ok();
    case KeyKind::kDateTime:
      if (v.kind() == ValueKind::kDateTime) {
        enc.Int(v.datetime_value().micros);
      } else if (v.kind() == ValueKind::kDate) {
        enc.Int(ToDateTime(v.date_value()).micros);
      } else {
        return BadKind(type, v);
      }
      return SqlStatus::Ok();
    case KeyKind::kBytes:
      if (v.kind() != ValueKind::kString) return BadKind(type, v);
      enc.Bytes(v.string_value());
      return SqlStatus::Ok();
  }
  return BadKind(type, v);
}

SqlStatus ReadKeyValue(const ColumnType& type, KeyDecoder* in, Value* out) {
  KeyComponent c;
  Status s = in->Next(&c);
  if (!s.ok()) return Corrupt(s.message());
  if (std::holds_alternative<KeyNull>(c.value)) {
    *out = Value::Null();
    return SqlStatus::Ok();
  }
  const int64_t* i = std::get_if<int64_t>(&c.value);
  const std::string* b = std::get_if<std::string>(&c.value);
  const double* d = std::get_if<double>(&c.value);
  switch (KeyKindOf(type)) {
    case KeyKind::kSigned:
      if (!i) break;
      *out = Value::Int(*i);
      return SqlStatus::Ok();
    case KeyKind::kUnsigned: {
      if (!b || b->size() != 8) break;
      uint64_t u = 0;
      for (char ch : *b) u = (u << 8) | static_cast<uint8_t>(ch);
      // The kind the column stores (StorageKind) decides how it comes back.
      if (StorageKind(type) == ValueKind::kInt && u <= static_cast<uint64_t>(INT64_MAX)) {
        *out = Value::Int(static_cast<int64_t>(u));
      } else {
        *out = Value::UInt(u);
      }
      return SqlStatus::Ok();
    }
    case KeyKind::kDecimal: {
      if (!b || b->size() != 16) break;
      unsigned __int128 u = 0;
      for (char ch : *b) u = (u << 8) | static_cast<uint8_t>(ch);
      u ^= static_cast<unsigned __int128>(1) << 127;
      *out = Value::Dec(Decimal(static_cast<__int128>(u), type.scale));
      return SqlStatus::Ok();
    }
    case KeyKind::kDouble:
      if (!d) break;
      *out = Value::Double(*d);
      return SqlStatus::Ok();
    case KeyKind::kDate:
      if (!i || *i < INT32_MIN || *i > INT32_MAX) break;
      *out = Value::DateV(Date{static_cast<int32_t>(*i)});
      return SqlStatus::Ok();
    case KeyKind::kDateTime:
      if (!i) break;
      *out = Value::DateTimeV(DateTime{*i, type.fsp});
      return SqlStatus::Ok();
    case KeyKind::kBytes:
      if (!b) break;
      *out = Value::String(*b);
      return SqlStatus::Ok();
  }
  return Corrupt(fmt::format("component does not match type {}", TypeName(type)));
}

std::string RowKeyPrefix(uint32_t table_id) {
  std::string out;
  KeyEncoder(&out).Int(table_id);
  return out;
}

std::string IndexKeyPrefix(uint32_t index_id) {
  std::string out;
  KeyEncoder(&out).Int(index_id);
  return out;
}

SqlStatus AppendColumns(const TableDef& table, const std::vector<uint32_t>& positions,
                        const std::vector<Value>& row, std::string* out) {
  for (uint32_t pos : positions) {
    if (pos >= row.size() || pos >= table.columns.size()) {
      return err::Unknown("internal: row shorter than the table's columns");
    }
    TETRADB_SQL_RETURN_IF_ERROR(AppendKeyValue(table.columns[pos].type, row[pos], out));
  }
  return SqlStatus::Ok();
}

SqlStatus AppendPkOfRow(const TableDef& table, const std::vector<Value>& row, std::string* out) {
  if (table.HasHiddenPrimaryKey()) {
    uint64_t id = HiddenRowId(table, row);
    if (id == 0) return err::Unknown("internal: row without its hidden row id");
    KeyEncoder(out).Int(static_cast<int64_t>(id));
    return SqlStatus::Ok();
  }
  return AppendColumns(table, table.primary_key, row, out);
}

SqlResult<std::string> RowKeyOf(const TableDef& table, const std::vector<Value>& row) {
  std::string key = RowKeyPrefix(table.id);
  TETRADB_SQL_RETURN_IF_ERROR(AppendPkOfRow(table, row, &key));
  return key;
}

SqlResult<bool> AppendValues(const TableDef& table, const std::vector<uint32_t>& positions,
                             const std::vector<Value>& values, std::string* out) {
  if (values.size() > positions.size()) {
    return err::Unknown("internal: more key values than key columns");
  }
  for (size_t i = 0; i < values.size(); ++i) {
    const ColumnType& type = table.columns[positions[i]].type;
    std::optional<Value> v = KeyValueFor(type, values[i]);
    if (!v) return false;
    TETRADB_SQL_RETURN_IF_ERROR(AppendKeyValue(type, *v, out));
  }
  return true;
}

SqlResult<bool> AppendPkValues(const TableDef& table, const std::vector<Value>& values,
                               std::string* out) {
  if (!table.HasHiddenPrimaryKey()) return AppendValues(table, table.primary_key, values, out);
  if (values.size() > 1) return err::Unknown("internal: more key values than key columns");
  if (values.empty()) return true;
  std::optional<int64_t> id;
  if (values[0].kind() == ValueKind::kInt) id = values[0].int_value();
  if (values[0].kind() == ValueKind::kUInt && values[0].uint_value() <= INT64_MAX) {
    id = static_cast<int64_t>(values[0].uint_value());
  }
  if (!id) return false;
  KeyEncoder(out).Int(*id);
  return true;
}

bool HasNullIn(const std::vector<uint32_t>& positions, const std::vector<Value>& row) {
  for (uint32_t pos : positions) {
    if (pos < row.size() && row[pos].is_null()) return true;
  }
  return false;
}

SqlResult<IndexEntry> IndexEntryOf(const TableDef& table, const IndexDef& index,
                                   const std::vector<Value>& row) {
  IndexEntry e;
  e.key = IndexKeyPrefix(index.id);
  TETRADB_SQL_RETURN_IF_ERROR(AppendColumns(table, index.columns, row, &e.key));
  e.unique = index.unique && !HasNullIn(index.columns, row);
  TETRADB_SQL_RETURN_IF_ERROR(AppendPkOfRow(table, row, e.unique ? &e.value : &e.key));
  return e;
}

SqlStatus PkOfIndexEntry(const IndexDef& index, std::string_view key, std::string_view value,
                         std::string* pk) {
  KeyDecoder dec(key);
  KeyComponent c;
  for (size_t i = 0; i < index.columns.size() + 1; ++i) {  // the index id, then the values
    Status s = dec.Next(&c);
    if (!s.ok()) return Corrupt(s.message());
  }
  if (dec.done()) {
    pk->assign(value);
  } else {
    pk->assign(dec.remaining());
  }
  if (pk->empty()) return Corrupt("index entry without primary key");
  return SqlStatus::Ok();
}

SqlStatus DecodeRowKeyPk(const TableDef& table, std::string_view key, std::vector<Value>* values) {
  values->clear();
  KeyDecoder dec(key);
  int64_t table_id;
  if (!dec.ReadInt(&table_id).ok()) return Corrupt("row key without table id");
  if (table.HasHiddenPrimaryKey()) {
    int64_t id;
    if (!dec.ReadInt(&id).ok()) return Corrupt("row key without row id");
    values->push_back(Value::Int(id));
  } else {
    for (uint32_t pos : table.primary_key) {
      Value v;
      TETRADB_SQL_RETURN_IF_ERROR(ReadKeyValue(table.columns[pos].type, &dec, &v));
      values->push_back(std::move(v));
    }
  }
  if (!dec.done()) return Corrupt("trailing bytes after the primary key");
  return SqlStatus::Ok();
}

std::string KeyText(const std::vector<uint32_t>& positions, const std::vector<Value>& row) {
  std::string out;
  for (size_t i = 0; i < positions.size(); ++i) {
    if (i) out += '-';
    out += positions[i] < row.size() ? ToText(row[positions[i]]) : "";
  }
  return out;
}

}  // namespace tetradb::rel
