// Catalog records and their persistence.
#include "models/relational/storage/catalog.h"

#include <gtest/gtest.h>

#include "engine/key_format.h"
#include "models/relational/storage/catalog_record.h"
#include "tests/models/relational/storage/storage_test_util.h"

namespace tetradb::rel {
namespace {

using namespace testing;  // NOLINT

TableDef RichTable() {
  TableDef t;
  t.id = 12;
  t.name = "Orders";
  ColumnDef id = AutoCol("id");
  id.id = 1;
  id.comment = "the order";
  ColumnDef total = Col("total", DecimalType(12, 2), false);
  total.id = 2;
  total.default_value.kind = DefaultSpec::Kind::kConstant;
  total.default_value.constant = Value::Dec(*Decimal::Parse("0.00"));
  ColumnDef status = Col("status", ColumnType{.id = TypeId::kEnum, .enum_values = {"new", "paid"}});
  status.id = 4;
  status.default_value.kind = DefaultSpec::Kind::kConstant;
  status.default_value.constant = Value::String("new");
  ColumnDef created = Col("created_at", ColumnType{.id = TypeId::kTimestamp, .fsp = 3});
  created.id = 5;
  created.default_value.kind = DefaultSpec::Kind::kCurrentTimestamp;
  created.on_update_current_timestamp = true;
  created.missing_value = Value::DateTimeV(DateTime{1700000000000000, 3});
  ColumnDef user = Col("user_id", BigIntType(true));
  user.id = 6;
  t.columns = {id, total, status, created, user};
  t.primary_key = {0};
  t.indexes = {Index("idx_status", {2, 3}), Index("uq", {4, 0}, true)};
  t.indexes[0].id = 13;
  t.indexes[1].id = 14;
  t.foreign_keys = {Fk("fk_user", {4}, "users", {"id"}, FkAction::kCascade, FkAction::kSetNull)};
  t.next_column_id = 7;
  t.auto_increment_start = 1000;
  return t;
}

void ExpectSameDef(const TableDef& a, const TableDef& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.name, b.name);
  ASSERT_EQ(a.columns.size(), b.columns.size());
  for (size_t i = 0; i < a.columns.size(); ++i) {
    const ColumnDef& x = a.columns[i];
    const ColumnDef& y = b.columns[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_TRUE(x.type == y.type) << x.name;
    EXPECT_EQ(x.nullable, y.nullable);
    EXPECT_EQ(x.default_value.kind, y.default_value.kind);
    EXPECT_EQ(x.default_value.constant, y.default_value.constant) << x.name;
    EXPECT_EQ(x.auto_increment, y.auto_increment);
    EXPECT_EQ(x.on_update_current_timestamp, y.on_update_current_timestamp);
    EXPECT_EQ(x.comment, y.comment);
    EXPECT_EQ(x.missing_value, y.missing_value);
  }
  EXPECT_EQ(a.primary_key, b.primary_key);
  ASSERT_EQ(a.indexes.size(), b.indexes.size());
  for (size_t i = 0; i < a.indexes.size(); ++i) {
    EXPECT_EQ(a.indexes[i].id, b.indexes[i].id);
    EXPECT_EQ(a.indexes[i].name, b.indexes[i].name);
    EXPECT_EQ(a.indexes[i].columns, b.indexes[i].columns);
    EXPECT_EQ(a.indexes[i].unique, b.indexes[i].unique);
  }
  ASSERT_EQ(a.foreign_keys.size(), b.foreign_keys.size());
  for (size_t i = 0; i < a.foreign_keys.size(); ++i) {
    const ForeignKeyDef& x = a.foreign_keys[i];
    const ForeignKeyDef& y = b.foreign_keys[i];
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.columns, y.columns);
    EXPECT_EQ(x.ref_table, y.ref_table);
    EXPECT_EQ(x.ref_columns, y.ref_columns);
    EXPECT_EQ(x.on_delete, y.on_delete);
    EXPECT_EQ(x.on_update, y.on_update);
  }
  EXPECT_EQ(a.next_column_id, b.next_column_id);
  EXPECT_EQ(a.auto_increment_start, b.auto_increment_start);
}

TEST(CatalogRecordTest, TableDefRoundTrips) {
  TableDef t = RichTable();
  auto back = DecodeTableDef(EncodeTableDef(t));
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  ExpectSameDef(t, *back);
  EXPECT_EQ(back->columns[1].default_value.constant.decimal_value().ToString(), "0.00");
}

TEST(CatalogRecordTest, CorruptRecordsAreErrors) {
  std::string bytes = EncodeTableDef(RichTable());
  EXPECT_FALSE(DecodeTableDef("").ok());
  EXPECT_FALSE(DecodeTableDef(bytes.substr(0, bytes.size() / 2)).ok());
  std::string garbage(64, '\x7f');
  EXPECT_FALSE(DecodeTableDef(garbage).ok());
  auto n = DecodeNextId(EncodeNextId(77));
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 77u);
}

TEST(CatalogRecordTest, KeysUseTheCatalogTags) {
  EXPECT_EQ(TableRecordKey(5)[0], static_cast<char>(CatalogTag::kRelTable));
  EXPECT_EQ(NextIdKey(), std::string(1, static_cast<char>(CatalogTag::kRelNextId)));
  EXPECT_LT(TableRecordKey(5), TableRecordKey(300));
}

TEST(CatalogTest, HelpersOfTableDef) {
  TableDef t = RichTable();
  EXPECT_EQ(t.ColumnIndex("TOTAL"), 1);
  EXPECT_EQ(t.ColumnIndex("nope"), -1);
  ASSERT_NE(t.FindIndex("IDX_status"), nullptr);
  EXPECT_EQ(t.FindIndex("IDX_status")->id, 13u);
  EXPECT_EQ(t.FindIndex("PRIMARY"), nullptr);
  EXPECT_EQ(t.AutoIncrementColumn(), 0);
  EXPECT_FALSE(t.HasHiddenPrimaryKey());
  EXPECT_EQ(DescribeForeignKey(t, t.foreign_keys[0]),
            "CONSTRAINT `fk_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) "
            "ON DELETE CASCADE ON UPDATE SET NULL");
  ForeignKeyDef plain = Fk("f", {0, 4}, "p", {"a", "b"});
  EXPECT_EQ(DescribeForeignKey(t, plain),
            "CONSTRAINT `f` FOREIGN KEY (`id`, `user_id`) REFERENCES `p` (`a`, `b`)");
}

class CatalogPersistenceTest : public DiskDbFixture {};

TEST_F(CatalogPersistenceTest, DefinitionsAndIdsSurviveReopen) {
  Catalog& catalog = db_->catalog();
  auto a = catalog.AllocateId();
  auto b = catalog.AllocateId();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*b, *a + 1);
  TableDef t = RichTable();
  t.id = *a;
  ASSERT_SQL_OK(catalog.Put(t));
  TableDef users;
  users.id = *b;
  users.name = "users";
  users.columns = {Col("id", BigIntType(true), false)};
  users.columns[0].id = 1;
  users.primary_key = {0};
  ASSERT_SQL_OK(catalog.Put(users));
  EXPECT_EQ(catalog.FindById(*a)->name, "Orders");
  EXPECT_EQ(catalog.Find("orders"), nullptr);  // table names are case-sensitive

  Reopen();
  Catalog& again = db_->catalog();
  ASSERT_NE(again.Find("Orders"), nullptr);
  ExpectSameDef(t, *again.Find("Orders"));
  ASSERT_EQ(again.Tables().size(), 2u);
  EXPECT_EQ(again.Tables()[0]->name, "Orders");  // sorted by name
  auto refs = again.ReferencingTables("users");
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(refs[0]->name, "Orders");
  EXPECT_TRUE(again.ReferencingTables("Orders").empty());
  auto c = again.AllocateId();
  ASSERT_TRUE(c.ok());
  EXPECT_GT(*c, *b);  // ids are never reused

  ASSERT_SQL_OK(again.Remove("Orders"));
  EXPECT_EQ(again.Remove("Orders").code(), 1051);
  Reopen();
  EXPECT_EQ(db_->catalog().Find("Orders"), nullptr);
  EXPECT_NE(db_->catalog().Find("users"), nullptr);
}

TEST_F(CatalogPersistenceTest, PutUnderANewIdReplacesTheOldRecord) {
  Catalog& catalog = db_->catalog();
  TableDef t;
  t.name = "t";
  t.columns = {Col("a", IntType())};
  t.columns[0].id = 1;
  t.id = *catalog.AllocateId();
  ASSERT_SQL_OK(catalog.Put(t));
  uint32_t old_id = t.id;
  t.id = *catalog.AllocateId();
  ASSERT_SQL_OK(catalog.Put(t));
  EXPECT_EQ(catalog.FindById(old_id), nullptr);
  Reopen();
  EXPECT_EQ(db_->catalog().Tables().size(), 1u);
  EXPECT_EQ(db_->catalog().Find("t")->id, t.id);
}

}  // namespace
}  // namespace tetradb::rel
