// Helpers for the storage layer's tests: a database over a real engine
// (in memory, or in a temporary directory that survives a reopen), and
// short ways to write table definitions and rows.
#pragma once

// Tests spell types and bounds with designated initializers.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "models/relational/storage/database.h"
#include "models/relational/storage/row_keys.h"
#include "tests/engine/test_util.h"

namespace tetradb::rel::testing {

inline ColumnType IntType() { return ColumnType{.id = TypeId::kInt}; }
inline ColumnType BigIntType(bool is_unsigned = false) {
  return ColumnType{.id = TypeId::kBigInt, .is_unsigned = is_unsigned};
}
inline ColumnType VarcharType(uint32_t n = 64) {
  return ColumnType{.id = TypeId::kVarChar, .length = n};
}
inline ColumnType DecimalType(uint8_t p, uint8_t s) {
  return ColumnType{.id = TypeId::kDecimal, .precision = p, .scale = s};
}

inline ColumnDef Col(std::string name, ColumnType type, bool nullable = true) {
  ColumnDef c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  return c;
}

inline ColumnDef AutoCol(std::string name) {
  ColumnDef c = Col(std::move(name), IntType(), false);
  c.auto_increment = true;
  return c;
}

inline IndexDef Index(std::string name, std::vector<uint32_t> columns, bool unique = false) {
  IndexDef i;
  i.name = std::move(name);
  i.columns = std::move(columns);
  i.unique = unique;
  return i;
}

inline ForeignKeyDef Fk(std::string name, std::vector<uint32_t> columns, std::string ref_table,
                        std::vector<std::string> ref_columns,
                        FkAction on_delete = FkAction::kRestrict,
                        FkAction on_update = FkAction::kRestrict) {
  ForeignKeyDef fk;
  fk.name = std::move(name);
  fk.columns = std::move(columns);
  fk.ref_table = std::move(ref_table);
  fk.ref_columns = std::move(ref_columns);
  fk.on_delete = on_delete;
  fk.on_update = on_update;
  return fk;
}

inline Value I(int64_t v) { return Value::Int(v); }
inline Value S(std::string v) { return Value::String(std::move(v)); }
inline Value Null() { return Value::Null(); }

#define EXPECT_SQL_OK(expr)                                                          \
  do {                                                                               \
    ::tetradb::rel::SqlStatus _s = (expr);                                           \
    EXPECT_TRUE(_s.ok()) << #expr << ": " << (_s.ok() ? "" : _s.error().ToString()); \
  } while (0)
#define ASSERT_SQL_OK(expr)                                                          \
  do {                                                                               \
    ::tetradb::rel::SqlStatus _s = (expr);                                           \
    ASSERT_TRUE(_s.ok()) << #expr << ": " << (_s.ok() ? "" : _s.error().ToString()); \
  } while (0)

// "1062 (23000): Duplicate entry ..." or "OK".
inline std::string Describe(const SqlStatus& s) { return s.ok() ? "OK" : s.error().ToString(); }

// A database over an engine. Reopen() closes both and opens them again on
// the same directory (on-disk fixtures only).
class DbFixture : public ::testing::Test {
 protected:
  explicit DbFixture(bool on_disk = false) : on_disk_(on_disk) {}

  void SetUp() override { Open(); }
  void TearDown() override {
    db_.reset();
    engine_.reset();
  }

  void Open() {
    EngineOptions options;
    if (on_disk_) {
      options.dir = dir_.path();
    } else {
      options.in_memory = true;
    }
    engine_ = tetradb::testing::OpenEngine(options);
    ASSERT_NE(engine_, nullptr);
    auto db = Database::Open(engine_.get());
    ASSERT_TRUE(db.ok()) << db.error().ToString();
    db_ = std::move(db).value();
  }

  void Reopen() {
    db_.reset();
    engine_.reset();
    Open();
  }

  std::shared_ptr<const TableDef> Table(const std::string& name) {
    auto def = db_->catalog().Find(name);
    EXPECT_NE(def, nullptr) << name;
    return def;
  }

  // Inserts in a transaction of its own.
  SqlStatus InsertRow(const std::string& table, Row row) {
    auto def = Table(table);
    if (!def) return err::NoSuchTable(table);
    auto txn = db_->Begin();
    SqlStatus s = txn->Insert(*def, &row);
    if (!s.ok()) return s;
    return txn->Commit();
  }

  // Every row of a table in primary key order, read in a new transaction.
  std::vector<Row> AllRows(const std::string& table) {
    std::vector<Row> rows;
    auto def = Table(table);
    if (!def) return rows;
    auto txn = db_->Begin();
    auto cursor = txn->ScanPk(*def, KeyBounds{}, LockMode::kNone);
    EXPECT_TRUE(cursor.ok());
    if (!cursor.ok()) return rows;
    while (true) {
      auto next = (*cursor)->Next();
      EXPECT_TRUE(next.ok()) << next.error().ToString();
      if (!next.ok() || !*next) break;
      rows.push_back((*cursor)->row());
    }
    return rows;
  }

  // Number of entries in the row_index family under one index id.
  size_t IndexEntries(uint32_t index_id) {
    return CountPrefix(Cf::kRowIndex, IndexKeyPrefix(index_id));
  }
  size_t RowEntries(uint32_t table_id) { return CountPrefix(Cf::kRows, RowKeyPrefix(table_id)); }
  size_t CountPrefix(Cf cf, const std::string& prefix) {
    size_t n = 0;
    auto it = engine_->NewIterator(cf, KeyRange::Prefix(prefix));
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
    return n;
  }

  tetradb::testing::TempDir dir_;
  bool on_disk_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Database> db_;
};

class DiskDbFixture : public DbFixture {
 protected:
  DiskDbFixture() : DbFixture(true) {}
};

}  // namespace tetradb::rel::testing
