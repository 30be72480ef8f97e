// Row records: the value of a rows-family key (grammar in row_codec.cc).
//
// Cells are tagged with their column id, so a row written before ALTER
// TABLE ADD COLUMN still decodes: the new column reads its
// ColumnDef::missing_value. Cells of columns no longer in the table are
// skipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "models/relational/storage/catalog.h"
#include "models/relational/types/sql_error.h"
#include "models/relational/types/value.h"

namespace tetradb::rel {

// One value, self-describing (kind + payload). Also used by the catalog for
// DEFAULT constants.
void AppendValue(const Value& v, std::string* out);
// Reads one value from the front of *in and advances it. false when the
// bytes are malformed (never reads past the end).
bool ReadValue(std::string_view* in, Value* out);

// The record of `row` (the first columns.size() values; a hidden row id is
// in the key, not here).
std::string EncodeRow(const TableDef& table, const std::vector<Value>& row);
// Decodes a record into exactly columns.size() values, by column position.
SqlStatus DecodeRow(const TableDef& table, std::string_view record, std::vector<Value>* out);

}  // namespace tetradb::rel
