// Row records. Embedded on disk: do not change tags or layouts; a new layout
// needs a new format byte (readers keep decoding the old one).
//
//   record    := format:u8 (0x01) varint(cell_count) cell{cell_count}
//   cell      := varint(column_id) value
//   value     := tag:u8 payload
//     0x00 NULL       -
//     0x01 INT        zigzag varint64
//     0x02 UINT       varint64
//     0x03 DOUBLE     fixed64 little-endian IEEE-754 bits
//     0x04 DECIMAL    scale:u8 zigzag varint128(mantissa)
//     0x05 STRING     varint(length) bytes
//     0x06 DATE       zigzag varint(days since 1970-01-01)
//     0x07 DATETIME   zigzag varint64(microseconds since 1970-01-01) fsp:u8
//   varint    := little-endian base-128, 7 bits a byte, high bit = more
//
// Every column of the table at write time has a cell (NULL included: a
// missing cell means "written before the column existed", which reads the
// column's missing_value). Cells are written in column order, so decoding
// is one pass that usually finds each id at its expected position.
//
// Why not FlatBuffers, like the catalog: rows have a different shape per
// table and the shape changes with ALTER TABLE, while FlatBuffers wants one
// compiled schema per shape. A generic FlatBuffers vector of tagged cells
// would cost offsets, vtables and alignment padding on every cell (about
// four times these bytes for a row of small integers), and rows are the
// bulk of the data. The primary key is stored in the key and again here:
// decoding a row then needs no key parsing.
#include "models/relational/storage/row_codec.h"

#include <fmt/format.h>

#include <bit>
#include <cstring>

namespace tetradb::rel {
namespace {

constexpr uint8_t kFormatV1 = 0x01;

// Value tags. Embedded on disk: never renumber.
enum class Tag : uint8_t {
  kNull = 0x00,
  kInt = 0x01,
  kUInt = 0x02,
  kDouble = 0x03,
  kDecimal = 0x04,
  kString = 0x05,
  kDate = 0x06,
  kDateTime = 0x07,
};

void PutVarint(std::string* out, unsigned __int128 v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(static_cast<uint8_t>(v) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(static_cast<uint8_t>(v)));
}

bool GetVarint(std::string_view* in, unsigned __int128* v, int max_bits) {
  unsigned __int128 r = 0;
  for (int shift = 0; shift < max_bits; shift += 7) {
    if (in->empty()) return false;
    uint8_t b = static_cast<uint8_t>((*in)[0]);
    in->remove_prefix(1);
    r |= static_cast<unsigned __int128>(b & 0x7F) << shift;
    if (!(b & 0x80)) {
      *v = r;
      return true;
    }
  }
  return false;
}

inline bool GetVarint64(std::string_view* in, uint64_t* v) {
  // Fast path: one byte (column ids, counts, short lengths, small numbers).
  if (!in->empty() && !(static_cast<uint8_t>((*in)[0]) & 0x80)) {
    *v = static_cast<uint8_t>((*in)[0]);
    in->remove_prefix(1);
    return true;
  }
  unsigned __int128 r;
  if (!GetVarint(in, &r, 64) || r > UINT64_MAX) return false;
  *v = static_cast<uint64_t>(r);
  return true;
}

// A zigzag varint of at most `max_bits` bits (ranges checked by the
// caller), with a 64-bit fast path for values of up to 9 bytes.
inline bool GetZigZag(std::string_view* in, __int128* v, int max_bits) {
  uint64_t r = 0;
  const size_t n = std::min<size_t>(in->size(), 9);
  for (size_t i = 0; i < n; ++i) {
    uint8_t b = static_cast<uint8_t>((*in)[i]);
    r |= static_cast<uint64_t>(b & 0x7F) << (7 * i);
    if (!(b & 0x80)) {
      in->remove_prefix(i + 1);
      *v = static_cast<__int128>(r >> 1) ^ -static_cast<__int128>(r & 1);
      return true;
    }
  }
  unsigned __int128 u;
  if (!GetVarint(in, &u, max_bits)) return false;
  *v = static_cast<__int128>(u >> 1) ^ -static_cast<__int128>(u & 1);
  return true;
}

inline bool GetZigZag70(std::string_view* in, __int128* v) { return GetZigZag(in, v, 70); }

unsigned __int128 ZigZag(__int128 v) {
  return (static_cast<unsigned __int128>(v) << 1) ^ static_cast<unsigned __int128>(v >> 127);
}

bool GetByte(std::string_view* in, uint8_t* b) {
  if (in->empty()) return false;
  *b = static_cast<uint8_t>((*in)[0]);
  in->remove_prefix(1);
  return true;
}

void PutTag(std::string* out, Tag t) { out->push_back(static_cast<char>(t)); }

}  // namespace

void AppendValue(const Value& v, std::string* out) {
  switch (v.kind()) {
    case ValueKind::kNull:
      PutTag(out, Tag::kNull);
      return;
    case ValueKind::kInt:
      PutTag(out, Tag::kInt);
      PutVarint(out, ZigZag(v.int_value()));
      return;
    case ValueKind::kUInt:
      PutTag(out, Tag::kUInt);
      PutVarint(out, v.uint_value());
      return;
    case ValueKind::kDouble: {
      PutTag(out, Tag::kDouble);
      uint64_t bits = std::bit_cast<uint64_t>(v.double_value());
      for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((bits >> (8 * i)) & 0xFF));
      return;
    }
    case ValueKind::kDecimal:
      PutTag(out, Tag::kDecimal);
      out->push_back(static_cast<char>(static_cast<uint8_t>(v.decimal_value().scale())));
      PutVarint(out, ZigZag(v.decimal_value().mantissa()));
      return;
    case ValueKind::kString:
      PutTag(out, Tag::kString);
      PutVarint(out, v.string_value().size());
      out->append(v.string_value());
      return;
    case ValueKind::kDate:
      PutTag(out, Tag::kDate);
      PutVarint(out, ZigZag(v.date_value().days));
      return;
    case ValueKind::kDateTime:
      PutTag(out, Tag::kDateTime);
      PutVarint(out, ZigZag(v.datetime_value().micros));
      out->push_back(static_cast<char>(v.datetime_value().fsp));
      return;
  }
}

bool ReadValue(std::string_view* in, Value* out) {
  uint8_t tag;
  if (!GetByte(in, &tag)) return false;
  switch (static_cast<Tag>(tag)) {
    case Tag::kNull:
      *out = Value::Null();
      return true;
    case Tag::kInt: {
      __int128 v;
      if (!GetZigZag70(in, &v)) return false;
      if (v < INT64_MIN || v > INT64_MAX) return false;
      *out = Value::Int(static_cast<int64_t>(v));
      return true;
    }
    case Tag::kUInt: {
      uint64_t v;
      if (!GetVarint64(in, &v)) return false;
      *out = Value::UInt(v);
      return true;
    }
    case Tag::kDouble: {
      if (in->size() < 8) return false;
      uint64_t bits = 0;
      for (int i = 7; i >= 0; --i) bits = (bits << 8) | static_cast<uint8_t>((*in)[i]);
      in->remove_prefix(8);
      *out = Value::Double(std::bit_cast<double>(bits));
      return true;
    }
    case Tag::kDecimal: {
      uint8_t scale;
      if (!GetByte(in, &scale) || scale > Decimal::kMaxScale) return false;
      __int128 mantissa;
      if (!GetZigZag(in, &mantissa, 128)) return false;
      *out = Value::Dec(Decimal(mantissa, scale));
      return true;
    }
    case Tag::kString: {
      uint64_t len;
      if (!GetVarint64(in, &len) || len > in->size()) return false;
      *out = Value::String(std::string(in->substr(0, len)));
      in->remove_prefix(len);
      return true;
    }
    case Tag::kDate: {
      __int128 v;
      if (!GetZigZag70(in, &v)) return false;
      if (v < INT32_MIN || v > INT32_MAX) return false;
      *out = Value::DateV(Date{static_cast<int32_t>(v)});
      return true;
    }
    case Tag::kDateTime: {
      __int128 v;
      if (!GetZigZag70(in, &v)) return false;
      uint8_t fsp;
      if (v < INT64_MIN || v > INT64_MAX || !GetByte(in, &fsp) || fsp > 6) return false;
      *out = Value::DateTimeV(DateTime{static_cast<int64_t>(v), fsp});
      return true;
    }
  }
  return false;
}

std::string EncodeRow(const TableDef& table, const std::vector<Value>& row) {
  std::string out;
  out.reserve(16 + 8 * table.columns.size());
  out.push_back(static_cast<char>(kFormatV1));
  const size_t n = std::min(table.columns.size(), row.size());
  PutVarint(&out, n);
  for (size_t i = 0; i < n; ++i) {
    PutVarint(&out, table.columns[i].id);
    AppendValue(row[i], &out);
  }
  return out;
}

// Decodes `count` cells in any order into *out; `seen` marks the positions
// already filled. Positions without a cell read the column's missing_value.
template <typename Corrupt>
SqlStatus DecodeCells(const TableDef& table, std::string_view record, uint64_t count,
                      size_t expect, std::vector<bool> seen, std::vector<Value>* out,
                      const Corrupt& corrupt) {
  const size_t n = table.columns.size();
  for (uint64_t c = 0; c < count; ++c) {
    uint64_t id;
    if (!GetVarint64(&record, &id)) return corrupt("bad column id");
    size_t pos = n;
    if (expect < n && table.columns[expect].id == id) {
      pos = expect;
    } else {
      for (size_t i = 0; i < n; ++i) {
        if (table.columns[i].id == id) {
          pos = i;
          break;
        }
      }
    }
    Value v;
    if (!ReadValue(&record, &v)) return corrupt("bad value");
    if (pos == n) continue;  // a column that no longer exists
    expect = pos + 1;
    seen[pos] = true;
    (*out)[pos] = std::move(v);
  }
  if (!record.empty()) return corrupt("trailing bytes");
  for (size_t i = 0; i < n; ++i) {
    if (!seen[i]) (*out)[i] = table.columns[i].missing_value;
  }
  return SqlStatus::Ok();
}

SqlStatus DecodeRow(const TableDef& table, std::string_view record, std::vector<Value>* out) {
  auto corrupt = [&](std::string_view what) {
    return err::Unknown(fmt::format("corrupt row record in table '{}': {}", table.name, what));
  };
  const size_t n = table.columns.size();
  // Values already in *out are overwritten in place (a cursor decodes row
  // after row into the same vector); every position is written below.
  out->resize(n);
  uint8_t format;
  if (!GetByte(&record, &format) || format != kFormatV1) return corrupt("unknown format");
  uint64_t count;
  if (!GetVarint64(&record, &count)) return corrupt("bad cell count");
  // The usual record: one cell per column, in column order.
  if (count == n) {
    size_t pos = 0;
    for (; pos < n; ++pos) {
      std::string_view rest = record;
      uint64_t id;
      if (!rest.empty() && static_cast<uint8_t>(rest[0]) < 0x80) {
        id = static_cast<uint8_t>(rest[0]);
        rest.remove_prefix(1);
      } else if (!GetVarint64(&rest, &id)) {
        return corrupt("bad column id");
      }
      if (table.columns[pos].id != id) break;
      record = rest;
      if (!ReadValue(&record, &(*out)[pos])) return corrupt("bad value");
    }
    if (pos == n) {
      if (!record.empty()) return corrupt("trailing bytes");
      return SqlStatus::Ok();
    }
    // Out of order from here: decode the rest the general way.
    count -= pos;
    std::vector<bool> seen(n, false);
    for (size_t i = 0; i < pos; ++i) seen[i] = true;
    return DecodeCells(table, record, count, pos, std::move(seen), out, corrupt);
  }
  return DecodeCells(table, record, count, 0, std::vector<bool>(n, false), out, corrupt);
}

}  // namespace tetradb::rel
