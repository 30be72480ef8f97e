// The relational model: the catalog plus rows and index entries over the
// engine, with every constraint checked in the writing transaction.
//
// Storage (grammars in row_keys.cc and row_codec.cc, summary in
// docs/storage-format.md):
//   rows       (table_id, pk values...)             -> row record
//   row_index  (index_id, values..., pk values...)  -> empty       non-unique,
//                                                                  or unique with a NULL
//              (index_id, values...)                -> pk values   unique
//
// Isolation (InnoDB's REPEATABLE READ, without gap locks):
//   - plain reads see the snapshot taken by the transaction's first plain
//     read (InnoDB's consistent read);
//   - locking reads (LockMode::kForUpdate: SELECT ... FOR UPDATE, and the
//     rows UPDATE/DELETE touch) read the latest committed version and lock
//     the row until commit, so two checkouts decrementing one stock level
//     serialize instead of overselling;
//   - writes lock what they write; a lock held longer than the lock timeout
//     is 1205, a lock cycle is 1213 (the statement fails, the transaction
//     stays open as in MySQL);
//   - no gap locks: a locking range read does not stop another transaction
//     inserting into the range (phantoms are possible for locking reads).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "models/relational/storage/catalog.h"
#include "models/relational/types/sql_error.h"
#include "models/relational/types/value.h"

namespace tetradb {
class Engine;
class Transaction;
}  // namespace tetradb

namespace tetradb::rel {

// One Value per column of the table, by position in TableDef::columns.
using Row = std::vector<Value>;

enum class LockMode : uint8_t {
  kNone,       // snapshot read
  kForUpdate,  // latest committed version, row locked until commit
};

// Key range over a sequence of key columns (the primary key or an index).
// `lower`/`upper` are prefixes of the key columns' values, already of the
// columns' storage kinds (see StorageKind). An empty bound is unbounded.
// Equality on the first k columns: lower = upper = those k values, both
// inclusive.
struct KeyBounds {
  std::vector<Value> lower;
  bool lower_inclusive = true;
  std::vector<Value> upper;
  bool upper_inclusive = true;
};

// Converts the bound values to the storage kinds of the key columns
// (`key_columns`: TableDef::primary_key or IndexDef::columns; a table
// without primary key is scanned by its hidden row id, key_columns empty).
// Values of other kinds are accepted when the conversion is exact: '5' or
// 5.0 for an INT key, 5 for a DECIMAL key, '2024-01-01' for a DATE key.
// false when one is not (5.5 or 'abc' for an INT key, any number for a
// string key, which MySQL compares as numbers): the caller must then scan
// without that bound and filter. ScanPk/ScanIndex/GetByPk convert the same
// way and fail with 1105 on such a value.
bool ConvertBounds(const TableDef& table, const std::vector<uint32_t>& key_columns,
                   KeyBounds* bounds);

// Rows in key order of the scanned key. Not thread-safe.
class RowCursor {
 public:
  virtual ~RowCursor() = default;
  // Positions on the next row (or past the end). Call before the first row.
  virtual SqlResult<bool> Next() = 0;
  virtual const Row& row() const = 0;
};

class Database;

// A transaction over the relational model. Every write checks its
// constraints (NOT NULL is the caller's: rows arrive already converted with
// StoreValue and NOT NULL checked) and writes the row with its index entries.
// A failed write leaves nothing behind in the transaction. Not thread-safe.
//
// Rows of a table without primary key carry their hidden row id one past
// the declared columns (row[columns.size()], Value::Int): rows read from
// storage have it, Insert appends it, Update and Delete find the row by it.
// Callers that build a new row for Update may leave it out: the old row's
// id is used.
//
// Update and Delete act on the row as currently stored under its primary
// key (read again under a lock): index entries always match the stored row,
// even when `old_row` was read from an older snapshot. A row that no longer
// exists is left alone (nothing written, OK).
class RelTxn {
 public:
  RelTxn(Database* db, std::unique_ptr<Transaction> txn);
  ~RelTxn();  // rolls back unless committed

  // The row with primary key `pk` (values of the primary key columns, in
  // key order), into *out. false when absent.
  SqlResult<bool> GetByPk(const TableDef& table, const std::vector<Value>& pk, LockMode lock,
                          Row* out);
  // Cursors refer to `table` (and `index`) and to this transaction: keep
  // them alive while the cursor is used. A locking scan locks each row it
  // returns (not the gaps between them).
  //
  // Rows whose primary key is within `bounds`; reverse: descending.
  SqlResult<std::unique_ptr<RowCursor>> ScanPk(const TableDef& table, const KeyBounds& bounds,
                                               LockMode lock, bool reverse = false);
  // Rows whose `index` columns are within `bounds`, in index order (ties in
  // primary key order). `index_only`: plain reads of a table this
  // transaction has not written build each row from its index entry alone
  // (the index's and the primary key's columns; the others are NULL).
  SqlResult<std::unique_ptr<RowCursor>> ScanIndex(const TableDef& table, const IndexDef& index,
                                                  const KeyBounds& bounds, LockMode lock,
                                                  bool reverse = false, bool index_only = false);

  // Inserts a row. An AUTO_INCREMENT column that is NULL or 0 gets the next
  // value (written into *row; see last_insert_id()). Checks: duplicate
  // primary key or unique value (1062), foreign keys to parents (1452).
  SqlStatus Insert(const TableDef& table, Row* row);
  // Replaces `old_row` (as read, by its primary key) with `new_row`.
  // Checks unique indexes (1062), foreign keys of changed columns (1452),
  // and applies ON UPDATE actions to child rows when referenced columns
  // change (RESTRICT/NO ACTION: 1451).
  SqlStatus Update(const TableDef& table, const Row& old_row, const Row& new_row);
  // Deletes `row` and its index entries; ON DELETE actions on child rows
  // (RESTRICT/NO ACTION: 1451, CASCADE, SET NULL).
  SqlStatus Delete(const TableDef& table, const Row& row);

  // The first AUTO_INCREMENT value generated by the latest Insert of this
  // transaction that generated one (0 if none).
  uint64_t last_insert_id() const { return last_insert_id_; }

  // SET foreign_key_checks = 0 (restoring a dump): writes neither check
  // foreign keys nor apply their actions, as in MySQL.
  void set_foreign_key_checks(bool on) { foreign_key_checks_ = on; }

  // Statement atomicity inside a multi-statement transaction: a failing
  // statement rolls back to its savepoint and the transaction goes on.
  SqlStatus SetSavePoint();
  SqlStatus RollbackToSavePoint();
  SqlStatus PopSavePoint();

  // Named savepoints (SAVEPOINT / ROLLBACK TO / RELEASE SAVEPOINT), MySQL's
  // semantics: each is an engine savepoint below any statement savepoint;
  // names compare case-insensitively. Setting a name again replaces the
  // older one. Rolling back undoes the writes made since the savepoint
  // (locks stay held, AUTO_INCREMENT values are not given back), keeps it
  // and deletes the later ones; releasing deletes it and the later ones.
  // An unknown name: 1305. They end with the transaction.
  SqlStatus SetNamedSavepoint(std::string_view name);
  SqlStatus RollbackToNamedSavepoint(std::string_view name);
  SqlStatus ReleaseNamedSavepoint(std::string_view name);
  SqlStatus Commit();
  void Rollback();

  // For reads. Writes must go through Insert/Update/Delete: Commit ends a
  // transaction that wrote no table with a rollback (no WAL record).
  Transaction* engine_txn() { return txn_.get(); }

  // Internal, for this transaction's cursors (rel_txn.cc). Plain forward
  // scans reuse engine iterators over a whole table or index, with where
  // each stopped (a join's inner side scans one index once per outer row, in
  // key order: the next scan often starts where the last one ended). Every
  // write drops them, so a reused iterator sees what a new one would.
  struct ReusableIterator;
  std::unique_ptr<ReusableIterator> TakeIterator(uint8_t cf, const std::string& prefix);
  void ReturnIterator(std::unique_ptr<ReusableIterator> it);
  // Whether this transaction wrote `table_id` (its reads may then see index
  // entries it replaced).
  bool Wrote(uint32_t table_id) const { return written_tables_.count(table_id) != 0; }

 private:
  friend class TableWriter;
  // Records that this transaction wrote `table_id` (and used it).
  void NoteWrite(uint32_t table_id);
  // Records that this transaction read or wrote `table_id`: DDL on it waits
  // until the transaction ends (see Database's metadata locks).
  void NoteUse(uint32_t table_id);
  void Finish();  // releases the metadata locks
  void DropIterators();  // before any write and at the end

  Database* db_;
  std::unique_ptr<Transaction> txn_;
  uint64_t last_insert_id_ = 0;
  bool foreign_key_checks_ = true;
  std::unordered_set<uint32_t> written_tables_;
  std::unordered_set<uint32_t> used_tables_;  // read or written
  bool finished_ = false;
  // Destroyed before txn_ (declared after it).
  std::vector<std::unique_ptr<ReusableIterator>> iterators_;
  uint64_t iterator_generation_ = 0;
  // Lower-cased names of the named savepoints, oldest first: entry i is the
  // engine savepoint i levels up from the bottom. A name set again leaves
  // its old entry empty (the engine savepoint stays, unnamed).
  std::vector<std::string> savepoint_names_;
  // Index of the savepoint named `name` in savepoint_names_, or 1305.
  SqlResult<size_t> FindSavepoint(std::string_view name) const;
};

// One change of ALTER TABLE that Database::AlterTable applies, with others
// of the same statement, all or none. Column names are resolved against the
// definition as the earlier changes of the statement left it.
struct AlterOp {
  enum class Kind : uint8_t {
    kDropColumn,    // name
    kChangeColumn,  // name -> column (new name, type, flags, default), moved per `after`
    kRenameColumn,  // name -> new_name
    kRenameTable,   // -> new_name
    kAddColumn,     // column, placed per `after` ("" : last)
    kAddIndex,      // index (name may be empty: named after its first column) on `columns`
    kDropIndex,     // name (not the primary key)
  };
  Kind kind = Kind::kDropColumn;
  std::string name;
  std::string new_name;
  ColumnDef column;
  // kChangeColumn: "" keeps the column's place, "\x01FIRST" moves it first,
  // else the column it goes after.
  std::string after;
  IndexDef index;                    // kAddIndex: name and unique (columns unused)
  std::vector<std::string> columns;  // kAddIndex: column names
};

// Concurrency between DDL and transactions (MySQL's metadata locks, in
// small): a DDL statement on a table waits until no open transaction has
// read or written that table (up to the lock timeout, then 1205), and runs
// while no DML statement runs (statement_lock() exclusive). A transaction
// that used a table must therefore end before the same session runs DDL on
// it; the session commits first, as MySQL's implicit commit does. So a
// transaction never finds a table it read rewritten (ALTER, TRUNCATE) under
// its snapshot.
class Database {
 public:
  // innodb_lock_wait_timeout is 50 s in MySQL; tetradb waits 5 s.
  static constexpr int64_t kDefaultLockTimeoutMs = 5000;
  // Bound on nested ON DELETE/ON UPDATE CASCADE levels (MySQL's 15).
  static constexpr int kMaxCascadeDepth = 15;

  // Loads the catalog and removes rows and index entries left behind by
  // tables and indexes that no longer exist (a drop that stopped midway).
  static SqlResult<std::unique_ptr<Database>> Open(Engine* engine);
  ~Database();

  Catalog& catalog() { return *catalog_; }
  Engine* engine() { return engine_; }

  // A transaction; its plain reads see the database as of its first plain read.
  std::unique_ptr<RelTxn> Begin();

  // --- DDL: each commits on its own (MySQL's implicit commit) and is
  // serialized against every other DDL statement and against running DML
  // statements (see StatementLock).

  // Validates the definition (types, one AUTO_INCREMENT column that is
  // indexed (1075), key columns exist (1072), foreign keys reference an
  // existing table (1824) by columns that are its primary key or a unique
  // index prefix or an index prefix (1822)), assigns ids, and adds an index
  // for each foreign key whose columns are not the prefix of an index.
  // `def.columns` arrive with names, types, flags and defaults; ids are
  // assigned here.
  SqlStatus CreateTable(TableDef def, bool if_not_exists);
  // Removes the definition, rows and index entries. 3730 if another table's
  // foreign key references it (unless that table is dropped in the same
  // statement: `also_dropping`).
  SqlStatus DropTable(std::string_view name, bool if_exists,
                      const std::vector<std::string>& also_dropping = {});
  // Adds a column without rewriting rows: existing rows read the column's
  // default (constant defaults only; CURRENT_TIMESTAMP is frozen to the time
  // of the ALTER, as MySQL fills it). `after`: column name, "" for last,
  // "\x01FIRST" for first.
  SqlStatus AddColumn(std::string_view table, ColumnDef column, std::string_view after = "");
  // Adds an index and fills it from the existing rows (1062 if a unique
  // index meets duplicates; the table is then unchanged).
  SqlStatus CreateIndex(std::string_view table, IndexDef index, bool if_not_exists = false);
  SqlStatus DropIndex(std::string_view table, std::string_view index);
  // Adds a foreign key to an existing table (ALTER TABLE ADD FOREIGN KEY):
  // existing rows must satisfy it (1452).
  SqlStatus AddForeignKey(std::string_view table, ForeignKeyDef fk);
  // Deletes every row (TRUNCATE TABLE); resets AUTO_INCREMENT.
  SqlStatus Truncate(std::string_view table);

  // ALTER TABLE DROP/CHANGE/MODIFY/RENAME COLUMN, RENAME TO, ADD COLUMN,
  // ADD INDEX and DROP INDEX (ddl_alter.cc), MySQL 8.0's semantics and
  // errors, all of `ops` or none:
  //  - catalog only when the rows can stay as stored (drop, rename, move,
  //    NULL-ness, defaults, a wider integer or longer string): a dropped
  //    column's cells are skipped on read and left out when a row is
  //    rewritten; making a column NOT NULL first checks no row holds NULL
  //    (1138);
  //  - a type change converts every value as strict mode does (1264, 1265,
  //    1366, 1292, ...; "at row n" counts rows in primary key order) and
  //    writes the table anew under a fresh table id, then publishes it in
  //    one catalog write: a failure or a crash leaves the table as it was;
  //  - a dropped column leaves the indexes it was part of (an index left
  //    without columns is dropped, the primary key too), and indexes whose
  //    entries change, or are new, are filled under fresh ids (1062 on
  //    duplicates); an index a foreign key needs stays (1553);
  //  - foreign keys follow renamed columns and tables, in other tables too;
  //    a column in a foreign key cannot be dropped (1828, 1829) nor changed
  //    to a type the other side does not match (3780).
  SqlStatus AlterTable(std::string_view table, std::vector<AlterOp> ops);
  // RENAME TABLE a TO b, c TO d: in order (so swaps through a temporary
  // name work), all or none; 1146 for a missing source, 1050 for a taken
  // target. Foreign keys referencing a renamed table follow it.
  SqlStatus RenameTables(const std::vector<std::pair<std::string, std::string>>& renames);

  // DML statements hold this shared; DDL methods take it exclusive
  // themselves (the caller must not hold it when calling them).
  std::shared_mutex& statement_lock() { return statement_lock_; }

  // How long a row lock (and a DDL waiting for transactions) waits: 1205
  // after that. Applies to transactions begun afterwards.
  void set_lock_timeout_ms(int64_t ms) { lock_timeout_ms_ = ms; }
  int64_t lock_timeout_ms() const { return lock_timeout_ms_; }

  // Next AUTO_INCREMENT value for a table (not transactional: a rolled-back
  // insert leaves a gap, as in InnoDB). Initialized from the largest stored
  // value on first use (never below TableDef::auto_increment_start).
  // NoteExplicitAutoIncrement: an explicit `value` was inserted (or set by
  // UPDATE); values generated afterwards are above it.
  SqlResult<uint64_t> NextAutoIncrement(const TableDef& table);
  void NoteExplicitAutoIncrement(const TableDef& table, uint64_t value);
  // Next hidden row id of a table without primary key (never reused while
  // the process runs; initialized from the largest stored one).
  SqlResult<uint64_t> NextRowId(const TableDef& table);

 private:
  friend class RelTxn;
  Database(Engine* engine, std::unique_ptr<Catalog> catalog);

  // Largest value of the AUTO_INCREMENT column (0 if none) / hidden row id.
  SqlResult<uint64_t> MaxAutoIncrementValue(const TableDef& table);
  SqlResult<uint64_t> MaxRowId(const TableDef& table);
  void ForgetCounters(uint32_t table_id);
  SqlStatus CollectGarbage();

  // Metadata locks (see above).
  void AddUser(uint32_t table_id);
  void RemoveUser(uint32_t table_id);
  // Waits until no open transaction used one of `table_ids`, holding the
  // statement lock exclusive on success.
  SqlStatus LockTablesForDdl(const std::vector<uint32_t>& table_ids,
                             std::unique_lock<std::shared_mutex>* statements);

  // DDL helpers (ddl.cc, ddl_index.cc); the caller holds the DDL locks.
  SqlStatus ValidateForeignKey(const TableDef& table, ForeignKeyDef* fk);
  SqlStatus BackfillIndex(const TableDef& table, const IndexDef& index);
  SqlStatus CheckExistingRows(const TableDef& table, const ForeignKeyDef& fk);

  Engine* engine_;
  std::unique_ptr<Catalog> catalog_;
  std::shared_mutex statement_lock_;
  std::mutex ddl_mu_;
  std::atomic<int64_t> lock_timeout_ms_{kDefaultLockTimeoutMs};
  std::mutex auto_inc_mu_;
  std::unordered_map<uint32_t, uint64_t> auto_inc_next_;   // table id -> next value
  std::unordered_map<uint32_t, uint64_t> auto_inc_floor_;  // explicit values before init
  std::unordered_map<uint32_t, uint64_t> row_id_next_;     // table id -> next row id
  // AUTO_INCREMENT values are never handed out twice, restarts included:
  // values below a table's persisted ceiling may have been used. The
  // ceiling moves kAutoIncReserve ahead at a time (one write per that many
  // values) and is set exactly to the next value on a clean close, so only
  // a crash leaves a gap.
  static constexpr uint64_t kAutoIncReserve = 1000;
  std::unordered_map<uint32_t, uint64_t> auto_inc_ceiling_;  // table id -> persisted
  SqlResult<uint64_t> ReadAutoIncCeiling(uint32_t table_id);
  SqlStatus WriteAutoIncCeiling(uint32_t table_id, uint64_t ceiling);
  std::mutex users_mu_;
  std::condition_variable users_cv_;
  std::unordered_map<uint32_t, int> users_;  // table id -> open transactions that used it
};

}  // namespace tetradb::rel
