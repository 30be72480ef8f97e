// Table definitions and the catalog that stores them.
//
// Definitions are persisted in the catalog column family as FlatBuffers
// records (catalog.fbs) and cached in memory. A TableDef is immutable once
// published: DDL builds a new one and swaps it in, so a statement that holds
// a shared_ptr<const TableDef> sees one consistent definition throughout.
//
// Names: table names are case-sensitive (MySQL on Linux); column and index
// names are case-insensitive, stored as declared.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "models/relational/types/column_type.h"
#include "models/relational/types/sql_error.h"
#include "models/relational/types/value.h"

namespace tetradb {
class Engine;
}

namespace tetradb::rel {

// Embedded on disk: never renumber.
enum class FkAction : uint8_t { kRestrict = 0, kCascade = 1, kSetNull = 2, kNoAction = 3 };

struct DefaultSpec {
  enum class Kind : uint8_t { kNone = 0, kConstant = 1, kCurrentTimestamp = 2 };
  Kind kind = Kind::kNone;  // kNone: no DEFAULT clause
  Value constant;           // kConstant: already converted to the column type
};

struct ColumnDef {
  uint32_t id = 0;  // stable for the table's life; rows store cells by id
  std::string name;
  ColumnType type;
  bool nullable = true;
  DefaultSpec default_value;
  bool auto_increment = false;
  bool on_update_current_timestamp = false;
  std::string comment;
  // What rows written before this column existed read for it (ADD COLUMN
  // does not rewrite rows): the DEFAULT constant, CURRENT_TIMESTAMP frozen
  // at the time of the ALTER, the type's implicit default for a NOT NULL
  // column without DEFAULT, else NULL. Set by Database::AddColumn; NULL for
  // columns created with the table (every row has them).
  Value missing_value;
};

struct IndexDef {
  uint32_t id = 0;  // unique across the database
  std::string name;
  std::vector<uint32_t> columns;  // positions in TableDef::columns
  bool unique = false;
};

struct ForeignKeyDef {
  std::string name;
  std::vector<uint32_t> columns;  // positions in this table
  std::string ref_table;
  std::vector<std::string> ref_columns;
  FkAction on_delete = FkAction::kRestrict;
  FkAction on_update = FkAction::kRestrict;
};

struct TableDef {
  uint32_t id = 0;  // unique across the database; the rows key prefix
  std::string name;
  std::vector<ColumnDef> columns;
  // Positions of the primary key columns, in key order. Empty: the table has
  // no primary key and rows are keyed by a hidden auto-increment row id.
  std::vector<uint32_t> primary_key;
  std::vector<IndexDef> indexes;  // secondary indexes (the primary key is not listed)
  std::vector<ForeignKeyDef> foreign_keys;
  uint32_t next_column_id = 1;
  // AUTO_INCREMENT=n from CREATE TABLE: the first value handed out.
  uint64_t auto_increment_start = 1;

  // Position of a column by name (case-insensitive), or -1.
  int ColumnIndex(std::string_view name) const;
  const IndexDef* FindIndex(std::string_view name) const;  // case-insensitive
  // Position of the AUTO_INCREMENT column, or -1.
  int AutoIncrementColumn() const;
  bool HasHiddenPrimaryKey() const { return primary_key.empty(); }
};

// Identifier equality for column and index names (ASCII case-insensitive).
bool SameName(std::string_view a, std::string_view b);

// MySQL's text of a foreign key for 1451/1452 messages:
// CONSTRAINT `fk` FOREIGN KEY (`a`) REFERENCES `t` (`b`) [ON DELETE CASCADE]
std::string DescribeForeignKey(const TableDef& table, const ForeignKeyDef& fk);

// Thread-safe. Mutations are serialized by the caller (Database holds the
// DDL lock); lookups may run concurrently with them.
class Catalog {
 public:
  // Loads every stored definition.
  static SqlResult<std::unique_ptr<Catalog>> Open(Engine* engine);

  std::shared_ptr<const TableDef> Find(std::string_view table) const;
  std::shared_ptr<const TableDef> FindById(uint32_t id) const;
  // Sorted by name.
  std::vector<std::shared_ptr<const TableDef>> Tables() const;
  // Tables with a foreign key referencing `table` (for FK actions on delete).
  std::vector<std::shared_ptr<const TableDef>> ReferencingTables(std::string_view table) const;

  // Allocates a new table or index id (persisted, never reused).
  SqlResult<uint32_t> AllocateId();
  // Stores (creates or replaces) a definition and publishes it.
  SqlStatus Put(TableDef def);
  SqlStatus Remove(std::string_view table);
  // Stores several definitions and removes the records of `removed_ids`, in
  // one engine commit, and publishes them together (ALTER TABLE writing a
  // table anew under a fresh id, RENAME TABLE, foreign keys following a
  // renamed table or column). Names may move between the definitions.
  SqlStatus PutAll(std::vector<TableDef> defs, const std::vector<uint32_t>& removed_ids = {});

  // Changes whenever a definition is published or removed: a plan built
  // against the catalog at one version is still valid while it is unchanged
  // (prepared statements keep their plans on that promise).
  uint64_t version() const { return version_.load(std::memory_order_acquire); }

 private:
  explicit Catalog(Engine* engine) : engine_(engine) {}
  // Recomputes referencing_ from by_name_; mu_ held exclusive.
  void RebuildReferencesLocked();

  Engine* engine_;
  mutable std::shared_mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const TableDef>> by_name_;
  std::unordered_map<uint32_t, std::shared_ptr<const TableDef>> by_id_;
  // Referenced table name -> tables with a foreign key to it (asked on every
  // row delete and update, so kept rather than computed).
  std::unordered_map<std::string, std::vector<std::shared_ptr<const TableDef>>> referencing_;
  uint32_t next_id_ = 1;
  std::atomic<uint64_t> version_{1};
};

}  // namespace tetradb::rel
