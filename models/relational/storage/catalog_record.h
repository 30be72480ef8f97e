// Catalog records: TableDef <-> the FlatBuffers RelTable record of
// catalog.fbs, and the catalog keys of engine/key_format.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "models/relational/storage/catalog.h"
#include "models/relational/types/sql_error.h"

namespace tetradb::rel {

std::string TableRecordKey(uint32_t table_id);  // raw(kRelTable) INT(table_id)
std::string TableRecordPrefix();                // raw(kRelTable)
std::string NextIdKey();                        // raw(kRelNextId)

std::string EncodeTableDef(const TableDef& def);
// Verifies the buffer first: corrupt bytes are an error, never a crash.
SqlResult<TableDef> DecodeTableDef(std::string_view bytes);

std::string EncodeNextId(uint32_t next_id);
SqlResult<uint32_t> DecodeNextId(std::string_view bytes);

}  // namespace tetradb::rel
