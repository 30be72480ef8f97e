// INSERT / REPLACE / UPDATE / DELETE.
#include <gtest/gtest.h>

#include "parse_test_util.h"

namespace tetradb::rel::sql {
namespace {

using testing::MustParseAs;
using testing::NearText;
using testing::ParseError;

std::string Row(const std::vector<ExprPtr>& row) {
  std::string out;
  for (const ExprPtr& e : row) out += (out.empty() ? "" : " ") + DumpExpr(*e);
  return out;
}

std::string Assignments(const std::vector<Assignment>& list) {
  std::string out;
  for (const Assignment& a : list) {
    if (!out.empty()) out += ", ";
    out += (a.table.empty() ? "" : a.table + ".") + a.column + "=" + DumpExpr(*a.value);
  }
  return out;
}

TEST(ParserDmlTest, InsertValues) {
  auto s = MustParseAs<InsertStatement>(
      "INSERT INTO User (FirstName, Email, CreatedAt) VALUES ('Ann', 'a@x.com', NOW()), "
      "('Bob', ?, DEFAULT)");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, StmtKind::kInsert);
  EXPECT_EQ(s->table, "User");
  EXPECT_EQ(s->columns, (std::vector<std::string>{"FirstName", "Email", "CreatedAt"}));
  ASSERT_EQ(s->rows.size(), 2u);
  EXPECT_EQ(Row(s->rows[0]), "'Ann' 'a@x.com' (CURRENT_TIMESTAMP)");
  EXPECT_EQ(Row(s->rows[1]), "'Bob' ?0 default");
  EXPECT_EQ(s->rows[1][2]->kind, ExprKind::kDefault);
  EXPECT_FALSE(s->ignore);
  EXPECT_FALSE(s->replace);
  EXPECT_FALSE(s->select);
  EXPECT_TRUE(s->on_duplicate.empty());
}

TEST(ParserDmlTest, InsertVariants) {
  auto no_into = MustParseAs<InsertStatement>("insert t values (1, -2.5, 'x')");
  ASSERT_TRUE(no_into);
  EXPECT_EQ(no_into->table, "t");
  EXPECT_TRUE(no_into->columns.empty());
  EXPECT_EQ(Row(no_into->rows[0]), "1 dec:-2.5 'x'");

  auto value = MustParseAs<InsertStatement>("INSERT INTO t VALUE (1)");
  ASSERT_TRUE(value);
  EXPECT_EQ(value->rows.size(), 1u);

  auto empty = MustParseAs<InsertStatement>("INSERT INTO t () VALUES ()");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->columns.empty());
  ASSERT_EQ(empty->rows.size(), 1u);
  EXPECT_TRUE(empty->rows[0].empty());

  auto ignore = MustParseAs<InsertStatement>("INSERT IGNORE INTO `Order` (OrderID) VALUES (1)");
  ASSERT_TRUE(ignore);
  EXPECT_TRUE(ignore->ignore);
  EXPECT_EQ(ignore->table, "Order");

  auto qualified = MustParseAs<InsertStatement>("INSERT INTO tetradb.t (t.a) VALUES (1)");
  ASSERT_TRUE(qualified);
  EXPECT_EQ(qualified->table, "t");
  EXPECT_EQ(qualified->columns, std::vector<std::string>{"a"});
}

TEST(ParserDmlTest, InsertSet) {
  auto s = MustParseAs<InsertStatement>("INSERT INTO t SET a = 1, b = 'x', c = DEFAULT");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->columns, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(s->rows.size(), 1u);
  EXPECT_EQ(Row(s->rows[0]), "1 'x' default");
}

TEST(ParserDmlTest, InsertSelect) {
  auto s = MustParseAs<InsertStatement>(
      "INSERT INTO archive (id, total) SELECT OrderID, TotalAmount FROM `Order` WHERE Status = "
      "'x'");
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->select);
  EXPECT_TRUE(s->rows.empty());
  EXPECT_EQ(DumpSelect(*s->select),
            "(select (items OrderID TotalAmount) (from Order) (where (= Status 'x')))");
  auto paren = MustParseAs<InsertStatement>("INSERT INTO t (SELECT * FROM u)");
  ASSERT_TRUE(paren);
  ASSERT_TRUE(paren->select);
  EXPECT_TRUE(paren->columns.empty());
  auto dup = MustParseAs<InsertStatement>(
      "INSERT INTO t SELECT a, b FROM u ON DUPLICATE KEY UPDATE b = VALUES(b)");
  ASSERT_TRUE(dup);
  EXPECT_EQ(Assignments(dup->on_duplicate), "b=(VALUES b)");
}

TEST(ParserDmlTest, OnDuplicateKeyUpdate) {
  auto s = MustParseAs<InsertStatement>(
      "INSERT INTO Stock (ItemID, Qty) VALUES (?, ?) "
      "ON DUPLICATE KEY UPDATE Qty = Qty + VALUES(Qty), Stock.UpdatedAt = NOW()");
  ASSERT_TRUE(s);
  EXPECT_EQ(Assignments(s->on_duplicate),
            "Qty=(+ Qty (VALUES Qty)), Stock.UpdatedAt=(CURRENT_TIMESTAMP)");
  EXPECT_EQ(s->on_duplicate[0].value->text, "Qty + VALUES(Qty)");
  // MySQL 8's row alias means VALUES().
  auto alias = MustParseAs<InsertStatement>(
      "INSERT INTO t (a, b) VALUES (1, 2) AS new ON DUPLICATE KEY UPDATE b = new.b + t.b");
  ASSERT_TRUE(alias);
  EXPECT_EQ(Assignments(alias->on_duplicate), "b=(+ (VALUES b) t.b)");
}

TEST(ParserDmlTest, Replace) {
  auto s = MustParseAs<InsertStatement>("REPLACE INTO t (a) VALUES (1), (2)");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->replace);
  EXPECT_EQ(s->kind, StmtKind::kInsert);
  EXPECT_EQ(s->rows.size(), 2u);
  EXPECT_TRUE(MustParseAs<InsertStatement>("REPLACE t SET a = 1")->replace);
  EXPECT_EQ(NearText("REPLACE INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 1"),
            "ON DUPLICATE KEY UPDATE a = 1");
  EXPECT_EQ(NearText("REPLACE IGNORE INTO t VALUES (1)"), "IGNORE INTO t VALUES (1)");
}

TEST(ParserDmlTest, InsertErrors) {
  EXPECT_EQ(NearText("INSERT INTO t"), "");
  EXPECT_EQ(NearText("INSERT INTO t VALUES"), "");
  EXPECT_EQ(NearText("INSERT INTO t VALUES (1"), "");
  EXPECT_EQ(NearText("INSERT INTO t VALUES (1),"), "");
  EXPECT_EQ(NearText("INSERT INTO t (a,) VALUES (1)"), ") VALUES (1)");
  EXPECT_EQ(NearText("INSERT INTO t (a) SET a = 1"), "SET a = 1");
  EXPECT_EQ(NearText("INSERT INTO Order VALUES (1)"), "Order VALUES (1)");
  EXPECT_EQ(NearText("INSERT INTO t VALUES (1) ON DUPLICATE UPDATE a = 1"), "UPDATE a = 1");
  EXPECT_EQ(NearText("INSERT INTO t VALUES (1) garbage"), "garbage");
}

TEST(ParserDmlTest, Update) {
  const std::string sql =
      "UPDATE ItemVariation iv SET iv.StockQuantity = iv.StockQuantity - ?, UpdatedAt = NOW() "
      "WHERE iv.ItemVariationID = ? AND iv.StockQuantity >= ? ORDER BY iv.ItemVariationID LIMIT 1";
  auto s = MustParseAs<UpdateStatement>(sql);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, StmtKind::kUpdate);
  EXPECT_EQ(s->table.name, "ItemVariation");
  EXPECT_EQ(s->table.alias, "iv");
  EXPECT_EQ(s->table.pos, 7u);
  EXPECT_EQ(Assignments(s->assignments),
            "iv.StockQuantity=(- iv.StockQuantity ?0), UpdatedAt=(CURRENT_TIMESTAMP)");
  EXPECT_EQ(s->assignments[0].pos, sql.find("iv.StockQuantity ="));
  EXPECT_EQ(s->assignments[1].pos, sql.find("UpdatedAt"));
  EXPECT_EQ(DumpExpr(*s->where), "(and (= iv.ItemVariationID ?1) (>= iv.StockQuantity ?2))");
  ASSERT_EQ(s->order_by.size(), 1u);
  ASSERT_TRUE(s->limit);
  EXPECT_EQ(s->limit->literal, Value::Int(1));

  auto plain = MustParseAs<UpdateStatement>("UPDATE `Order` AS o SET Status = DEFAULT");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->table.name, "Order");
  EXPECT_EQ(plain->table.alias, "o");
  EXPECT_EQ(plain->assignments[0].value->kind, ExprKind::kDefault);
  EXPECT_FALSE(plain->where);
  EXPECT_FALSE(plain->limit);
}

TEST(ParserDmlTest, UpdateErrors) {
  EXPECT_EQ(NearText("UPDATE t"), "");
  EXPECT_EQ(NearText("UPDATE t SET"), "");
  EXPECT_EQ(NearText("UPDATE t SET a"), "");
  EXPECT_EQ(NearText("UPDATE t SET a = 1 WHERE"), "");
  EXPECT_EQ(NearText("UPDATE t SET a = 1 LIMIT 1, 2"), ", 2");
  EXPECT_EQ(NearText("UPDATE t SET a == 1"), "= 1");
  EXPECT_EQ(ParseError("UPDATE a JOIN b ON a.i = b.i SET a.x = 1").code, 1235);
  EXPECT_EQ(ParseError("UPDATE a, b SET a.x = b.x").code, 1235);
}

TEST(ParserDmlTest, Delete) {
  auto s = MustParseAs<DeleteStatement>(
      "DELETE FROM OrderItem WHERE OrderID = ? ORDER BY OrderItemID DESC LIMIT 10");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, StmtKind::kDelete);
  EXPECT_EQ(s->table.name, "OrderItem");
  EXPECT_EQ(DumpExpr(*s->where), "(= OrderID ?0)");
  ASSERT_EQ(s->order_by.size(), 1u);
  EXPECT_TRUE(s->order_by[0].desc);
  EXPECT_EQ(s->limit->literal, Value::Int(10));

  auto all = MustParseAs<DeleteStatement>("DELETE QUICK FROM `Order`");
  ASSERT_TRUE(all);
  EXPECT_EQ(all->table.name, "Order");
  EXPECT_FALSE(all->where);

  auto alias = MustParseAs<DeleteStatement>("DELETE FROM t AS x WHERE x.a = 1");
  ASSERT_TRUE(alias);
  EXPECT_EQ(alias->table.alias, "x");

  EXPECT_EQ(NearText("DELETE WHERE 1"), "WHERE 1");
  EXPECT_EQ(NearText("DELETE FROM"), "");
  EXPECT_EQ(NearText("DELETE FROM t WHERE"), "");
  EXPECT_EQ(ParseError("DELETE t FROM t JOIN u ON t.a = u.a").code, 1235);
  EXPECT_EQ(ParseError("DELETE FROM t USING t JOIN u").code, 1235);
}

}  // namespace
}  // namespace tetradb::rel::sql
