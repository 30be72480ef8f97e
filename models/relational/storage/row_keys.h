// Keys of the rows and row_index families (grammar in row_keys.cc).
//
// A key column value is encoded by its column's type, so that the encoded
// keys sort as MySQL orders the values (NULL first). Values handed to the
// encoders must already be of the column's storage kind (StorageKind; an
// integer may be kInt or kUInt, a DECIMAL of any scale that rescales
// exactly); KeyValueFor converts values of other kinds when it is exact.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/key_codec.h"
#include "models/relational/storage/catalog.h"
#include "models/relational/types/sql_error.h"
#include "models/relational/types/value.h"

namespace tetradb::rel {

// A table without a primary key keys its rows by a hidden row id, carried in
// the Row one past the declared columns: row[columns.size()] = Value::Int(id).
uint64_t HiddenRowId(const TableDef& table, const std::vector<Value>& row);  // 0: none

// `v` converted to the storage kind of `type` when that is exact (5 for a
// DECIMAL(5,2) column: 5.00; '2024-01-01' for a DATE), nullopt when not
// (5.5 for an INT, 'abc' or 300 for a TINYINT, any non-string for a string
// column: MySQL compares those as numbers, which a string key cannot
// serve). NULL stays NULL.
std::optional<Value> KeyValueFor(const ColumnType& type, const Value& v);

// Appends the key component of `v` (NULL or of the column's storage kind).
SqlStatus AppendKeyValue(const ColumnType& type, const Value& v, std::string* out);
// Reads one component written by AppendKeyValue for the same type.
SqlStatus ReadKeyValue(const ColumnType& type, KeyDecoder* in, Value* out);

std::string RowKeyPrefix(uint32_t table_id);    // INT(table_id)
std::string IndexKeyPrefix(uint32_t index_id);  // INT(index_id)

// The primary key columns' values of `row` (the hidden row id for a table
// without primary key), encoded: the part of a row key after its prefix.
SqlStatus AppendPkOfRow(const TableDef& table, const std::vector<Value>& row, std::string* out);
SqlResult<std::string> RowKeyOf(const TableDef& table, const std::vector<Value>& row);

// Values of `positions` of `row`, encoded in order.
SqlStatus AppendColumns(const TableDef& table, const std::vector<uint32_t>& positions,
                        const std::vector<Value>& row, std::string* out);
// The first values.size() of `positions`, given as values (converted with
// KeyValueFor). false (nothing appended that matters) when one cannot be
// converted exactly.
SqlResult<bool> AppendValues(const TableDef& table, const std::vector<uint32_t>& positions,
                             const std::vector<Value>& values, std::string* out);

// The first values.size() primary key values (a hidden primary key: the row
// id), converted with KeyValueFor. false when one cannot be converted.
SqlResult<bool> AppendPkValues(const TableDef& table, const std::vector<Value>& values,
                               std::string* out);

// One index entry of a row.
struct IndexEntry {
  std::string key;
  std::string value;    // unique form: the row's pk bytes; else empty
  bool unique = false;  // unique form: key holds only the indexed values
};
SqlResult<IndexEntry> IndexEntryOf(const TableDef& table, const IndexDef& index,
                                   const std::vector<Value>& row);
// Whether any indexed value of `row` is NULL (a unique index then allows
// duplicates, as in MySQL).
bool HasNullIn(const std::vector<uint32_t>& positions, const std::vector<Value>& row);

// The pk bytes (as in the row key after its prefix) of an index entry.
SqlStatus PkOfIndexEntry(const IndexDef& index, std::string_view key, std::string_view value,
                         std::string* pk);
// The values of a row key after its prefix: the primary key values, or the
// hidden row id (as Value::Int).
SqlStatus DecodeRowKeyPk(const TableDef& table, std::string_view key, std::vector<Value>* values);

// "a-b": values as MySQL quotes a key in 1062 messages.
std::string KeyText(const std::vector<uint32_t>& positions, const std::vector<Value>& row);

}  // namespace tetradb::rel
