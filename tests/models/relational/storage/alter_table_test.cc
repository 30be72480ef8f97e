// Database::AlterTable and RenameTables: what stays in place, what is written
// anew, what is left behind (nothing), and what survives a reopen.
#include <gtest/gtest.h>

#include "tests/models/relational/storage/storage_test_util.h"

namespace tetradb::rel {
namespace {

using namespace testing;  // NOLINT

TableDef Items() {
  TableDef t;
  t.name = "items";
  t.columns = {AutoCol("id"), Col("name", VarcharType(20), false), Col("qty", IntType()),
               Col("note", VarcharType(10))};
  t.primary_key = {0};
  t.indexes = {Index("idx_name_qty", {1, 2}), Index("uq_note", {3}, true)};
  return t;
}

AlterOp Drop(std::string name) {
  AlterOp op;
  op.kind = AlterOp::Kind::kDropColumn;
  op.name = std::move(name);
  return op;
}

AlterOp Change(std::string name, ColumnDef column, std::string after = "") {
  AlterOp op;
  op.kind = AlterOp::Kind::kChangeColumn;
  op.name = std::move(name);
  op.column = std::move(column);
  op.after = std::move(after);
  return op;
}

AlterOp RenameTo(std::string name) {
  AlterOp op;
  op.kind = AlterOp::Kind::kRenameTable;
  op.new_name = std::move(name);
  return op;
}

class AlterTableTest : public DiskDbFixture {
 protected:
  void SetUp() override {
    DiskDbFixture::SetUp();
    ASSERT_SQL_OK(db_->CreateTable(Items(), false));
    ASSERT_SQL_OK(InsertRow("items", {Null(), S("apple"), I(5), S("red")}));
    ASSERT_SQL_OK(InsertRow("items", {Null(), S("pear"), I(300), S("green")}));
    ASSERT_SQL_OK(InsertRow("items", {Null(), S("plum"), Null(), Null()}));
  }
  size_t AllRowEntries() { return CountPrefix(Cf::kRows, ""); }
  size_t AllIndexEntries() { return CountPrefix(Cf::kRowIndex, ""); }
  std::string RawRow(const TableDef& table, int64_t id) {
    std::string key = RowKeyOf(table, {I(id)}).value();
    std::string value;
    EXPECT_TRUE(engine_->Get(Cf::kRows, key, &value).ok());
    return value;
  }
};

TEST_F(AlterTableTest, DropColumnKeepsRowsAndRewritesNothing) {
  auto before = Table("items");
  const std::string raw = RawRow(*before, 1);
  const uint32_t kept_index = before->indexes[1].id;
  ASSERT_SQL_OK(db_->AlterTable("items", {Drop("qty")}));
  auto after = Table("items");
  EXPECT_EQ(after->id, before->id);   // rows stay where they are
  EXPECT_EQ(RawRow(*after, 1), raw);  // with the dropped cell, skipped on read
  ASSERT_EQ(after->indexes.size(), 2u);
  EXPECT_EQ(after->indexes[0].columns, (std::vector<uint32_t>{1}));
  EXPECT_NE(after->indexes[0].id, before->indexes[0].id);  // entries changed: rebuilt
  EXPECT_EQ(after->indexes[1].id, kept_index);
  EXPECT_EQ(IndexEntries(before->indexes[0].id), 0u);
  EXPECT_EQ(IndexEntries(after->indexes[0].id), 3u);
  EXPECT_EQ(AllRows("items")[1], (Row{I(2), S("pear"), S("green")}));
  // A rewritten row loses the cell.
  auto txn = db_->Begin();
  ASSERT_SQL_OK(txn->Update(*after, AllRows("items")[0], Row{I(1), S("apple"), S("red")}));
  ASSERT_SQL_OK(txn->Commit());
  txn.reset();  // a transaction must not outlive its engine
  EXPECT_LT(RawRow(*after, 1).size(), raw.size());
  Reopen();
  EXPECT_EQ(AllRows("items")[0], (Row{I(1), S("apple"), S("red")}));
  EXPECT_EQ(AllIndexEntries(), 6u);  // 3 per index, a NULL note included
}

TEST_F(AlterTableTest, TypeChangeWritesTheTableAnewAndLeavesNoGarbage) {
  auto before = Table("items");
  ASSERT_SQL_OK(db_->AlterTable("items", {Change("qty", Col("qty", BigIntType())),
                                          Change("note", Col("note", VarcharType(30)))}));
  // Nothing to convert (a wider integer, a longer string): in place.
  EXPECT_EQ(Table("items")->id, before->id);
  ASSERT_SQL_OK(db_->AlterTable("items", {Change("qty", Col("quantity", DecimalType(6, 1)),
                                                 "\x01"
                                                 "FIRST")}));
  auto after = Table("items");
  EXPECT_NE(after->id, before->id);
  EXPECT_EQ(after->columns[0].name, "quantity");
  EXPECT_EQ(RowEntries(before->id), 0u);
  EXPECT_EQ(RowEntries(after->id), 3u);
  EXPECT_EQ(AllRowEntries(), 3u);
  EXPECT_EQ(IndexEntries(before->indexes[0].id), 0u);
  EXPECT_EQ(AllIndexEntries(), 6u);
  auto rows = AllRows("items");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(ToText(rows[1][0]), "300.0");
  // AUTO_INCREMENT goes on from where it was, restarts included.
  ASSERT_SQL_OK(InsertRow("items", {Null(), Null(), S("fig"), Null()}));
  Reopen();
  ASSERT_SQL_OK(InsertRow("items", {Null(), Null(), S("kiwi"), Null()}));
  rows = AllRows("items");
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[3][1], I(4));
  EXPECT_EQ(rows[4][1], I(5));
  EXPECT_EQ(db_->catalog().Tables().size(), 1u);  // the old record went with the commit
}

TEST_F(AlterTableTest, FailedConversionLeavesEverythingAsItWas) {
  auto before = Table("items");
  const size_t rows = AllRowEntries();
  const size_t entries = AllIndexEntries();
  ColumnDef tiny = Col("qty", ColumnType{.id = TypeId::kTinyInt});
  EXPECT_EQ(Describe(db_->AlterTable("items", {Drop("note"), Change("qty", tiny)})),
            "1264 (22003): Out of range value for column 'qty' at row 2");
  EXPECT_EQ(Table("items").get(), before.get());
  EXPECT_EQ(AllRowEntries(), rows);
  EXPECT_EQ(AllIndexEntries(), entries);
  Reopen();
  EXPECT_EQ(Table("items")->columns.size(), 4u);
  EXPECT_EQ(AllRows("items")[1], (Row{I(2), S("pear"), I(300), S("green")}));
}

TEST_F(AlterTableTest, RenamesPersistWithTheirForeignKeys) {
  TableDef child;
  child.name = "orders";
  child.columns = {Col("id", IntType(), false), Col("item_id", IntType())};
  child.primary_key = {0};
  child.foreign_keys = {Fk("fk_item", {1}, "items", {"id"})};
  ASSERT_SQL_OK(db_->CreateTable(child, false));
  AlterOp rename_column;
  rename_column.kind = AlterOp::Kind::kRenameColumn;
  rename_column.name = "id";
  rename_column.new_name = "item_no";
  ASSERT_SQL_OK(db_->AlterTable("items", {rename_column, RenameTo("goods")}));
  ASSERT_SQL_OK(db_->RenameTables({{"orders", "tmp"}, {"goods", "orders"}, {"tmp", "goods"}}));
  Reopen();
  auto parent = Table("orders");
  auto orders = Table("goods");
  ASSERT_TRUE(parent && orders);
  EXPECT_EQ(parent->columns[0].name, "item_no");
  EXPECT_EQ(orders->foreign_keys[0].ref_table, "orders");
  EXPECT_EQ(orders->foreign_keys[0].ref_columns, (std::vector<std::string>{"item_no"}));
  EXPECT_EQ(db_->catalog().ReferencingTables("orders").size(), 1u);
  Row row{I(1), I(9)};
  auto txn = db_->Begin();
  EXPECT_EQ(txn->Insert(*orders, &row).code(), 1452);  // the constraint still holds
  EXPECT_EQ(db_->RenameTables({{"goods", "x"}, {"nope", "y"}}).code(), 1146);
  EXPECT_TRUE(db_->catalog().Find("goods"));
}

TEST_F(AlterTableTest, GarbageOfAnInterruptedCopyIsCollectedOnOpen) {
  // What a crash in the middle of a copy leaves: rows and entries under ids
  // no published definition has.
  auto id = db_->catalog().AllocateId();
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(engine_->Put(Cf::kRows, RowKeyPrefix(*id) + "x", "y").ok());
  ASSERT_TRUE(engine_->Put(Cf::kRowIndex, IndexKeyPrefix(*id) + "x", "").ok());
  const size_t entries = AllIndexEntries();
  Reopen();
  EXPECT_EQ(AllRowEntries(), 3u);
  EXPECT_EQ(AllIndexEntries(), entries - 1);
  EXPECT_EQ(AllRows("items").size(), 3u);
}

}  // namespace
}  // namespace tetradb::rel
