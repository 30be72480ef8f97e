// Where every byte on disk is defined: column families, key prefixes, on-disk
// enums and the format version. docs/storage-format.md describes the same
// layout for people; change both together.
//
// WARNING: every numeric value in this file is embedded on disk. Never
// renumber or reuse a value; add new ones at the end. A change to the layout
// of existing keys needs a new kFormatVersion and a migration.
//
// Key grammars (components use the tuple codec of key_codec.cc; `raw` bytes
// are written as is):
//
//   default (catalog)
//     catalog_key  := raw(CatalogTag) ...
//     CatalogTag::kDbInfo   -> DbInfo record (FlatBuffers, records.fbs)
//     raw(kRelTable) INT(table_id)  -> RelTable record (FlatBuffers,
//                                      models/relational/storage/catalog.fbs)
//     raw(kRelNextId)               -> RelNextId record: the next table/index id
//     raw(kRelAutoInc) INT(table_id) -> fixed64 BE: AUTO_INCREMENT values below
//                                      it may have been handed out
//
//   expiry
//     expiry_key   := INT(expire_at_ms) raw(ExpiryOwner) owner_key
//     value        := empty
//     owner_key is the owning model's own key for the expiring object; the
//     model's ExpiryHandler is given it back when the time has passed.
//
//   kv, kv_members, kv_scores, rows, row_index, docs, doc_index,
//   graph_nodes, graph_edges: each model documents its grammar in its own
//   codec file and lists it in docs/storage-format.md.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace tetradb {

// Version of the on-disk layout as a whole, stored in the DbInfo record.
//   1: the first layout.
//   2: Redis lists may be stored in chunks (models/kv/kv_format.h). A version
//      1 directory is marked 2 when opened: its lists stay readable and are
//      rewritten as chunks on their first change, so an older tetradb must
//      not open it afterwards.
inline constexpr uint32_t kFormatVersion = 2;

// Column families. The value is the index into Engine's handle table and is
// embedded in nothing on disk (RocksDB stores families by name), but the
// names are: never rename one.
enum class Cf : uint8_t {
  kCatalog = 0,  // RocksDB's "default" family
  kKv = 1,
  kKvMembers = 2,
  kKvScores = 3,
  kExpiry = 4,
  kRows = 5,
  kRowIndex = 6,
  kDocs = 7,
  kDocIndex = 8,
  kGraphNodes = 9,
  kGraphEdges = 10,
};
inline constexpr size_t kNumCfs = 11;

inline constexpr std::array<std::string_view, kNumCfs> kCfNames = {
    "default", "kv",   "kv_members", "kv_scores",   "expiry",      "rows",
    "row_index", "docs", "doc_index", "graph_nodes", "graph_edges",
};

inline std::string_view CfName(Cf cf) { return kCfNames[static_cast<size_t>(cf)]; }

// Every key of kRows and kRowIndex starts with the key codec's INT of a table
// or index id, kIdRunLength bytes (models/relational/storage/row_keys.h), and
// is longer than that. The engine groups writes by it (memtable insert
// hints) and locks by it (lock escalation, transaction.h).
inline constexpr size_t kIdRunLength = 9;
inline bool HasIdRuns(Cf cf) { return cf == Cf::kRows || cf == Cf::kRowIndex; }

// First byte of every key in the catalog family. Embedded on disk.
enum class CatalogTag : uint8_t {
  kDbInfo = 0x01,
  kRelTable = 0x10,   // relational model: one table definition
  kRelNextId = 0x11,  // relational model: table/index id counter
  kRelAutoInc = 0x12,  // relational model: a table's AUTO_INCREMENT ceiling
};

// Which model owns an expiry entry. Embedded on disk.
enum class ExpiryOwner : uint8_t {
  kKv = 0x01,
  kRows = 0x02,
  kDocs = 0x03,
  kTest = 0x7F,  // used only by the engine's own tests
};

}  // namespace tetradb
