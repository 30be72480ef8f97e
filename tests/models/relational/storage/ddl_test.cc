// Database DDL: validation with MySQL's errors, and what each statement does
// to stored rows and index entries.
#include <gtest/gtest.h>

#include "engine/key_codec.h"
#include "tests/models/relational/storage/storage_test_util.h"

namespace tetradb::rel {
namespace {

using namespace testing;  // NOLINT

TableDef Users() {
  TableDef t;
  t.name = "users";
  t.columns = {AutoCol("id"), Col("email", VarcharType()), Col("name", VarcharType())};
  t.primary_key = {0};
  return t;
}

TableDef Orders(FkAction on_delete = FkAction::kRestrict) {
  TableDef t;
  t.name = "orders";
  t.columns = {AutoCol("id"), Col("user_id", IntType()), Col("total", DecimalType(10, 2))};
  t.primary_key = {0};
  t.foreign_keys = {Fk("fk_user", {1}, "users", {"id"}, on_delete)};
  return t;
}

class DdlTest : public DbFixture {
 protected:
  size_t AllIndexEntries() { return CountPrefix(Cf::kRowIndex, ""); }
};

TEST_F(DdlTest, CreateTableAssignsIdsAndIndexesForeignKeys) {
  ASSERT_SQL_OK(db_->CreateTable(Users(), false));
  ASSERT_SQL_OK(db_->CreateTable(Orders(), false));
  auto users = Table("users");
  auto orders = Table("orders");
  EXPECT_NE(users->id, orders->id);
  EXPECT_EQ(orders->columns[0].id, 1u);
  EXPECT_EQ(orders->columns[2].id, 3u);
  EXPECT_EQ(orders->next_column_id, 4u);
  EXPECT_FALSE(users->columns[0].nullable);  // primary key columns are NOT NULL
  ASSERT_EQ(orders->indexes.size(), 1u);     // added for the foreign key
  EXPECT_EQ(orders->indexes[0].name, "fk_user");
  EXPECT_EQ(orders->indexes[0].columns, (std::vector<uint32_t>{1}));
  EXPECT_NE(orders->indexes[0].id, orders->id);

  // A foreign key that leads the primary key needs no extra index; an
  // unnamed one is named as MySQL names it.
  TableDef items;
  items.name = "items";
  items.columns = {Col("order_id", IntType()), Col("sku", VarcharType())};
  items.primary_key = {0, 1};
  items.foreign_keys = {Fk("", {0}, "orders", {"id"})};
  items.indexes = {Index("", {1})};
  ASSERT_SQL_OK(db_->CreateTable(items, false));
  auto stored = Table("items");
  EXPECT_EQ(stored->foreign_keys[0].name, "items_ibfk_1");
  ASSERT_EQ(stored->indexes.size(), 1u);
  EXPECT_EQ(stored->indexes[0].name, "sku");  // named after its first column

  EXPECT_EQ(Describe(db_->CreateTable(Users(), false)),
            "1050 (42S01): Table 'users' already exists");
  EXPECT_SQL_OK(db_->CreateTable(Users(), true));
  EXPECT_EQ(Table("users")->id, users->id);
}

TEST_F(DdlTest, CreateTableRefusesBadDefinitions) {
  ASSERT_SQL_OK(db_->CreateTable(Users(), false));
  TableDef t = Users();
  t.name = "t";
  t.columns.push_back(Col("EMAIL", IntType()));
  EXPECT_EQ(Describe(db_->CreateTable(t, false)), "1060 (42S21): Duplicate column name 'EMAIL'");

  t = Users();
  t.name = "t";
  t.primary_key.clear();  // AUTO_INCREMENT column that is no key
  EXPECT_EQ(db_->CreateTable(t, false).code(), 1075);
  t.indexes = {Index("k", {1, 0})};  // second column of an index is not enough
  EXPECT_EQ(db_->CreateTable(t, false).code(), 1075);
  t.indexes = {Index("k", {0, 1})};
  EXPECT_SQL_OK(db_->CreateTable(t, false));

  t = Users();
  t.name = "t2";
  t.columns[1].auto_increment = true;
  t.columns[1].type = IntType();
  t.indexes = {Index("k", {1})};
  EXPECT_EQ(db_->CreateTable(t, false).code(), 1075);  // two auto columns

  t = Users();
  t.name = "t3";
  t.indexes = {Index("dup", {1}), Index("DUP", {2})};
  EXPECT_EQ(Describe(db_->CreateTable(t, false)), "1061 (42000): Duplicate key name 'DUP'");

  TableDef o = Orders();
  o.foreign_keys[0].ref_table = "nope";
  EXPECT_EQ(Describe(db_->CreateTable(o, false)),
            "1824 (HY000): Failed to open the referenced table 'nope'");
  o = Orders();
  o.columns[1].type = VarcharType();
  o.foreign_keys[0].ref_columns = {"name"};  // not indexed in users
  EXPECT_EQ(Describe(db_->CreateTable(o, false)),
            "1822 (HY000): Failed to add the foreign key constraint. Missing index for "
            "constraint 'fk_user' in the referenced table 'users'");
  o = Orders();
  o.foreign_keys[0].ref_columns = {"id", "name"};
  EXPECT_EQ(db_->CreateTable(o, false).code(), 1239);
  o = Orders();
  o.columns[1].type = VarcharType();  // VARCHAR referencing INT
  EXPECT_EQ(db_->CreateTable(o, false).code(), 3780);
  o = Orders(FkAction::kSetNull);
  o.columns[1].nullable = false;
  EXPECT_EQ(db_->CreateTable(o, false).code(), 1830);
  EXPECT_EQ(db_->catalog().Tables().size(), 2u);  // users and t only
}

TEST_F(DdlTest, DropTableRemovesRowsAndIndexEntries) {
  ASSERT_SQL_OK(db_->CreateTable(Users(), false));
  ASSERT_SQL_OK(db_->CreateTable(Orders(), false));
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a"), S("A")}));
  ASSERT_SQL_OK(InsertRow("orders", {I(1), I(1), Null()}));
  ASSERT_SQL_OK(InsertRow("orders", {I(2), I(1), Null()}));
  auto orders = Table("orders");
  EXPECT_EQ(Describe(db_->DropTable("users", false)),
            "3730 (HY000): Cannot drop table 'users' referenced by a foreign key constraint "
            "'fk_user' on table 'orders'.");
  EXPECT_EQ(Describe(db_->DropTable("nope", false)), "1051 (42S02): Unknown table 'tetradb.nope'");
  EXPECT_SQL_OK(db_->DropTable("nope", true));
  ASSERT_SQL_OK(db_->DropTable("users", false, {"orders"}));  // DROP TABLE users, orders
  ASSERT_SQL_OK(db_->DropTable("orders", false));
  EXPECT_EQ(db_->catalog().Find("orders"), nullptr);
  EXPECT_EQ(RowEntries(orders->id), 0u);
  EXPECT_EQ(AllIndexEntries(), 0u);
  EXPECT_EQ(CountPrefix(Cf::kRows, ""), 0u);
  // The name is free again, as an empty table.
  ASSERT_SQL_OK(db_->CreateTable(Users(), false));
  EXPECT_TRUE(AllRows("users").empty());
}

TEST_F(DdlTest, AddColumnKeepsExistingRowsWithoutRewritingThem) {
  ASSERT_SQL_OK(db_->CreateTable(Users(), false));
  TableDef u = *Table("users");
  ASSERT_SQL_OK(db_->CreateIndex("users", Index("by_name", {2})));
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a"), S("Ann")}));
  ASSERT_SQL_OK(InsertRow("users", {I(2), S("b"), S("Bob")}));

  ColumnDef score = Col("score", IntType());
  score.default_value = {DefaultSpec::Kind::kConstant, I(10)};
  ASSERT_SQL_OK(db_->AddColumn("users", score));
  ASSERT_SQL_OK(db_->AddColumn("users", Col("nick", VarcharType())));
  ASSERT_SQL_OK(db_->AddColumn("users", Col("level", IntType(), false),
                               "\x01"
                               "FIRST"));
  ColumnDef ts = Col("seen", ColumnType{.id = TypeId::kDateTime});
  ts.default_value.kind = DefaultSpec::Kind::kCurrentTimestamp;
  ASSERT_SQL_OK(db_->AddColumn("users", ts, "email"));

  auto users = Table("users");
  std::vector<std::string> names;
  for (const ColumnDef& c : users->columns) names.push_back(c.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"level", "id", "email", "seen", "name", "score", "nick"}));
  EXPECT_EQ(users->primary_key, (std::vector<uint32_t>{1}));
  EXPECT_EQ(users->FindIndex("by_name")->columns, (std::vector<uint32_t>{4}));
  EXPECT_EQ(users->columns[0].id, u.next_column_id + 2);
  EXPECT_EQ(RowEntries(users->id), 2u);

  auto rows = AllRows("users");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], I(0));  // NOT NULL without DEFAULT: the implicit 0
  EXPECT_EQ(rows[0][1], I(1));
  EXPECT_EQ(rows[0][3].kind(), ValueKind::kDateTime);  // CURRENT_TIMESTAMP, frozen
  EXPECT_EQ(rows[0][3], rows[1][3]);
  EXPECT_EQ(rows[0][4], S("Ann"));
  EXPECT_EQ(rows[0][5], I(10));
  EXPECT_TRUE(rows[0][6].is_null());

  // New rows carry every column; the index still serves its column.
  ASSERT_SQL_OK(InsertRow("users", {I(5), Null(), S("c"), Null(), S("Cy"), Null(), S("cc")}));
  rows = AllRows("users");
  EXPECT_TRUE(rows[2][5].is_null());  // an explicit NULL is not the default
  auto txn = db_->Begin();
  Row row;
  auto idx = txn->ScanIndex(*users, *users->FindIndex("by_name"),
                            {.lower = {S("Cy")}, .upper = {S("Cy")}}, LockMode::kNone);
  ASSERT_TRUE(idx.ok());
  ASSERT_TRUE(*(*idx)->Next());
  EXPECT_EQ((*idx)->row()[2], S("c"));
  idx->reset();
  txn.reset();  // DDL waits for transactions that read the table

  EXPECT_EQ(db_->AddColumn("users", Col("NICK", IntType())).code(), 1060);
  EXPECT_EQ(Describe(db_->AddColumn("users", Col("x", IntType()), "nope")),
            "1054 (42S22): Unknown column 'nope' in 'users'");
  EXPECT_EQ(db_->AddColumn("nope", Col("x", IntType())).code(), 1146);
  EXPECT_EQ(Describe(db_->AddColumn("users", Col("d", ColumnType{.id = TypeId::kDate}, false))),
            "1292 (22007): Incorrect date value: '0000-00-00' for column 'd' at row 1");
}

TEST_F(DdlTest, CreateUniqueIndexOverDuplicatesFailsAndLeavesNothing) {
  ASSERT_SQL_OK(db_->CreateTable(Users(), false));
  for (int i = 1; i <= 2500; ++i) {  // more than one backfill batch
    ASSERT_SQL_OK(
        InsertRow("users", {I(i), S("u" + std::to_string(i)),
                            S(i == 2400 ? "dup" : (i == 7 ? "dup" : "n" + std::to_string(i)))}));
  }
  auto before = Table("users");
  EXPECT_EQ(Describe(db_->CreateIndex("users", Index("uq_name", {2}, true))),
            "1062 (23000): Duplicate entry 'dup' for key 'users.uq_name'");
  EXPECT_EQ(Table("users"), before);  // the same definition
  EXPECT_EQ(AllIndexEntries(), 0u);

  ASSERT_SQL_OK(db_->CreateIndex("users", Index("uq_email", {1}, true)));
  auto users = Table("users");
  EXPECT_EQ(IndexEntries(users->FindIndex("uq_email")->id), 2500u);
  EXPECT_EQ(InsertRow("users", {Null(), S("u5"), S("x")}).code(), 1062);
  EXPECT_EQ(Describe(db_->CreateIndex("users", Index("UQ_EMAIL", {2}))),
            "1061 (42000): Duplicate key name 'UQ_EMAIL'");
  EXPECT_SQL_OK(db_->CreateIndex("users", Index("uq_email", {2}), /*if_not_exists=*/true));
}

TEST_F(DdlTest, DropIndex) {
  ASSERT_SQL_OK(db_->CreateTable(Users(), false));
  ASSERT_SQL_OK(db_->CreateTable(Orders(), false));
  ASSERT_SQL_OK(db_->CreateIndex("users", Index("by_name", {2})));
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a"), S("A")}));
  uint32_t id = Table("users")->FindIndex("by_name")->id;
  EXPECT_EQ(IndexEntries(id), 1u);
  EXPECT_EQ(Describe(db_->DropIndex("users", "nope")),
            "1091 (42000): Can't DROP 'nope'; check that column/key exists");
  EXPECT_EQ(Describe(db_->DropIndex("orders", "fk_user")),
            "1553 (HY000): Cannot drop index 'fk_user': needed in a foreign key constraint");
  ASSERT_SQL_OK(db_->DropIndex("users", "BY_NAME"));
  EXPECT_EQ(Table("users")->FindIndex("by_name"), nullptr);
  EXPECT_EQ(IndexEntries(id), 0u);
}

TEST_F(DdlTest, AddForeignKeyChecksExistingRows) {
  ASSERT_SQL_OK(db_->CreateTable(Users(), false));
  TableDef o = Orders();
  o.foreign_keys.clear();
  ASSERT_SQL_OK(db_->CreateTable(o, false));
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a"), S("A")}));
  ASSERT_SQL_OK(InsertRow("orders", {I(1), I(1), Null()}));
  ASSERT_SQL_OK(InsertRow("orders", {I(2), I(2), Null()}));  // orphan
  auto before = Table("orders");
  EXPECT_EQ(Describe(db_->AddForeignKey("orders", Fk("fk_user", {1}, "users", {"id"}))),
            "1452 (23000): Cannot add or update a child row: a foreign key constraint fails "
            "(`tetradb`.`orders`, CONSTRAINT `fk_user` FOREIGN KEY (`user_id`) REFERENCES "
            "`users` (`id`))");
  EXPECT_EQ(Table("orders"), before);
  EXPECT_EQ(AllIndexEntries(), 0u);
  ASSERT_SQL_OK(InsertRow("users", {I(2), S("b"), S("B")}));
  ASSERT_SQL_OK(db_->AddForeignKey("orders", Fk("fk_user", {1}, "users", {"id"})));
  auto orders = Table("orders");
  ASSERT_EQ(orders->foreign_keys.size(), 1u);
  EXPECT_EQ(IndexEntries(orders->FindIndex("fk_user")->id), 2u);
  EXPECT_EQ(InsertRow("orders", {I(3), I(9), Null()}).code(), 1452);
  EXPECT_EQ(db_->AddForeignKey("orders", Fk("fk_user", {1}, "users", {"id"})).code(), 1826);
}

TEST_F(DdlTest, TruncateEmptiesTheTableAndResetsAutoIncrement) {
  ASSERT_SQL_OK(db_->CreateTable(Users(), false));
  ASSERT_SQL_OK(db_->CreateIndex("users", Index("uq", {1}, true)));
  for (int i = 0; i < 3; ++i)
    ASSERT_SQL_OK(InsertRow("users", {Null(), S(std::to_string(i)), S("x")}));
  auto old = Table("users");
  ASSERT_SQL_OK(db_->Truncate("users"));
  EXPECT_TRUE(AllRows("users").empty());
  EXPECT_EQ(RowEntries(old->id), 0u);
  EXPECT_EQ(AllIndexEntries(), 0u);
  Row row = {Null(), S("0"), S("again")};  // the unique value is free
  auto txn = db_->Begin();
  ASSERT_SQL_OK(txn->Insert(*Table("users"), &row));
  ASSERT_SQL_OK(txn->Commit());
  EXPECT_EQ(row[0], I(1));

  ASSERT_SQL_OK(db_->CreateTable(Orders(), false));
  EXPECT_EQ(db_->Truncate("users").code(), 1701);
  EXPECT_EQ(db_->Truncate("nope").code(), 1146);
}

TEST_F(DdlTest, DdlWaitsForTransactionsThatWroteTheTable) {
  ASSERT_SQL_OK(db_->CreateTable(Users(), false));
  db_->set_lock_timeout_ms(100);
  auto txn = db_->Begin();
  Row row = {I(1), S("a"), S("A")};
  ASSERT_SQL_OK(txn->Insert(*Table("users"), &row));
  // The uncommitted row would be missed by the backfill: the DDL waits.
  EXPECT_EQ(db_->CreateIndex("users", Index("by_name", {2})).code(), 1205);
  ASSERT_SQL_OK(txn->Commit());
  ASSERT_SQL_OK(db_->CreateIndex("users", Index("by_name", {2})));
  EXPECT_EQ(IndexEntries(Table("users")->FindIndex("by_name")->id), 1u);
}

class DdlDiskTest : public DiskDbFixture {};

TEST_F(DdlDiskTest, AutoIncrementContinuesAfterReopen) {
  TableDef t = Users();
  t.auto_increment_start = 100;
  ASSERT_SQL_OK(db_->CreateTable(t, false));
  TableDef log;
  log.name = "log";
  log.columns = {Col("n", IntType())};
  ASSERT_SQL_OK(db_->CreateTable(log, false));
  for (int i = 0; i < 3; ++i) {
    ASSERT_SQL_OK(InsertRow("users", {Null(), Null(), S("x")}));
    ASSERT_SQL_OK(InsertRow("log", {I(i)}));
  }
  EXPECT_EQ(AllRows("users").back()[0], I(102));
  Reopen();
  Row row = {Null(), Null(), S("y")};
  auto txn = db_->Begin();
  ASSERT_SQL_OK(txn->Insert(*Table("users"), &row));
  Row entry = {I(9)};
  ASSERT_SQL_OK(txn->Insert(*Table("log"), &entry));
  ASSERT_SQL_OK(txn->Commit());
  EXPECT_EQ(row[0], I(103));
  EXPECT_EQ(entry[1], I(4));  // hidden row ids continue too
  EXPECT_EQ(AllRows("log").size(), 4u);
}

TEST_F(DdlDiskTest, OpenRemovesRowsOfTablesThatNoLongerExist) {
  ASSERT_SQL_OK(db_->CreateTable(Users(), false));
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a"), S("A")}));
  // Rows under an id no table has, as a drop that stopped midway leaves.
  std::string key = RowKeyPrefix(999);
  KeyEncoder(&key).Int(1);
  ASSERT_OK(engine_->Put(Cf::kRows, key, "junk"));
  std::string entry = IndexKeyPrefix(998);
  ASSERT_OK(engine_->Put(Cf::kRowIndex, entry, ""));
  Reopen();
  EXPECT_EQ(RowEntries(999), 0u);
  EXPECT_EQ(IndexEntries(998), 0u);
  EXPECT_EQ(AllRows("users").size(), 1u);
}

}  // namespace
}  // namespace tetradb::rel
