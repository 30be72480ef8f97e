// The write paths of RelTxn: rows with their index entries, uniqueness,
// foreign keys and their actions. Internal to the storage layer.
//
// Locking: every row written, and every parent row a foreign key check
// finds, is locked (GetForUpdate) in the transaction, so a concurrent
// delete of a parent waits for the child's transaction and then sees the
// child. Lookups for constraint checks read the latest committed data
// (NewLatestIterator), not the transaction's snapshot.
#pragma once

#include <string>
#include <vector>

#include "engine/key_format.h"
#include "engine/status.h"
#include "models/relational/storage/database.h"
#include "models/relational/storage/row_keys.h"

namespace tetradb::rel {

class TableWriter {
 public:
  explicit TableWriter(RelTxn* txn);

  SqlStatus Insert(const TableDef& table, Row* row);
  SqlStatus Update(const TableDef& table, const Row& old_row, const Row& new_row, int depth);
  SqlStatus Delete(const TableDef& table, const Row& row, int depth);
  // 1452 unless the parent row of `fk` exists for `row` (locked if found).
  SqlStatus CheckParent(const TableDef& child, const ForeignKeyDef& fk, const Row& row);

 private:
  // GetForUpdate: true and *value when the key exists.
  SqlResult<bool> ReadLocked(Cf cf, const std::string& key, std::string* value);
  // Index entries: unique ones locked, others covered by their row's lock.
  Status PutIndexEntry(const IndexEntry& e);
  Status DeleteIndexEntry(const IndexEntry& e);
  // Rows of `table` whose `positions` hold `values` (already of the
  // columns' storage kinds), locked, at most `limit`. Uses the primary key
  // or an index that starts with `positions`.
  SqlResult<std::vector<Row>> LockedRowsMatching(const TableDef& table,
                                                 const std::vector<uint32_t>& positions,
                                                 const std::vector<Value>& values, size_t limit);
  // ON DELETE (new_row null) / ON UPDATE actions on the children of a
  // parent row whose referenced columns change from `old_row`.
  SqlStatus ApplyParentActions(const TableDef& parent, const Row& old_row, const Row* new_row,
                               int depth);

  RelTxn* rtxn_;
  Database* db_;
  Transaction* txn_;
};

}  // namespace tetradb::rel
