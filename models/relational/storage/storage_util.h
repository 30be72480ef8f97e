// Helpers shared by the storage layer's files (not part of its API).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/engine.h"
#include "models/relational/storage/catalog.h"
#include "models/relational/types/sql_error.h"
#include "models/relational/types/value.h"

namespace tetradb::rel {

// Decodes a stored row (rows-family key and value) into columns.size()
// values, plus the hidden row id for a table without primary key.
SqlStatus DecodeStoredRow(const TableDef& table, std::string_view key, std::string_view value,
                          std::vector<Value>* row);

// Deletes every key starting with `prefix`: for ranges that nothing
// references any more (a dropped table's or index's keys), which no
// transaction writes. One range tombstone (Engine::DeleteRange); a prefix
// without successor goes key by key, in transactions of a bounded number
// of keys (not atomic as a whole: a partial delete is only garbage).
SqlStatus DeletePrefix(Engine* engine, Cf cf, std::string_view prefix);

// An integer value as an AUTO_INCREMENT counter sees it (0 for NULL,
// negative or non-numeric values).
uint64_t CounterValue(const Value& v);

// Whether `positions` (non-empty) are the leading columns of the primary
// key or of an index of `table` (`skip`: an index not to count).
bool IsKeyPrefix(const TableDef& table, const std::vector<uint32_t>& positions,
                 const IndexDef* skip = nullptr);

// `base`, or base_2, base_3... : the first name no index of `table` has.
std::string FreeIndexName(const TableDef& table, const std::string& base);

// Validation shared by CREATE TABLE and ALTER TABLE (ddl.cc): a column's
// flags and default, and an index (named here when unnamed).
SqlStatus ValidateColumn(const ColumnDef& column);
SqlStatus ValidateIndex(const TableDef& table, IndexDef* index);

// MySQL errors of DDL that types/sql_error.h does not declare.
namespace ddl_err {
SqlError IndexNeededByForeignKey(std::string_view index);  // 1553
}  // namespace ddl_err

}  // namespace tetradb::rel
