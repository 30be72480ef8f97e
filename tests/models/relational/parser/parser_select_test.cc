// SELECT statements: select list, FROM and joins, clauses, UNION, locking.
#include <gtest/gtest.h>

#include "parse_test_util.h"

namespace tetradb::rel::sql {
namespace {

using testing::MustParseSelect;
using testing::NearText;
using testing::ParseError;
using testing::SelectDump;

TEST(ParserSelectTest, Basic) {
  EXPECT_EQ(SelectDump("SELECT 1 + 1"), "(select (items (+ 1 1)))");
  EXPECT_EQ(SelectDump("select * from User"), "(select (items *) (from User))");
  EXPECT_EQ(SelectDump("SELECT a, b FROM t WHERE a > 1"),
            "(select (items a b) (from t) (where (> a 1)))");
  EXPECT_EQ(SelectDump("SELECT DISTINCT a FROM t"), "(select distinct (items a) (from t))");
  EXPECT_EQ(SelectDump("SELECT ALL a FROM t"), "(select (items a) (from t))");
  EXPECT_EQ(SelectDump("SELECT SQL_NO_CACHE a FROM t"), "(select (items a) (from t))");
  EXPECT_EQ(SelectDump("SELECT 1 FROM DUAL"), "(select (items 1))");
  EXPECT_EQ(SelectDump("SELECT *, a FROM t"), "(select (items * a) (from t))");
  EXPECT_EQ(SelectDump("SELECT t.*, u.id FROM t, u"), "(select (items t.* u.id) (from t cross u))");
  EXPECT_EQ(SelectDump("SELECT 1;"), "(select (items 1))");
}

TEST(ParserSelectTest, StatementAndSelectPositions) {
  auto r = Parse("  SELECT a FROM t");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().statement->pos, 2u);
  EXPECT_EQ(r.value().statement->kind, StmtKind::kSelect);
  auto s = MustParseSelect("SELECT a FROM t AS x JOIN u ON x.id = u.id");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->pos, 0u);
  EXPECT_EQ(s->from[0].pos, 14u);
  EXPECT_EQ(s->from[1].pos, 26u);
}

TEST(ParserSelectTest, TableNamesAndAliases) {
  auto s = MustParseSelect("SELECT * FROM `Order` AS o, User u, tetradb.Item, Address");
  ASSERT_TRUE(s);
  ASSERT_EQ(s->from.size(), 4u);
  EXPECT_EQ(s->from[0].name, "Order");
  EXPECT_EQ(s->from[0].alias, "o");
  EXPECT_EQ(s->from[0].join, JoinType::kNone);
  EXPECT_EQ(s->from[1].name, "User");
  EXPECT_EQ(s->from[1].alias, "u");
  EXPECT_EQ(s->from[1].join, JoinType::kCross);
  EXPECT_FALSE(s->from[1].on);
  EXPECT_EQ(s->from[2].name, "Item");  // the database qualifier is dropped
  EXPECT_EQ(s->from[2].alias, "");
  EXPECT_EQ(s->from[3].name, "Address");
  // MySQL's own schemas are not there to read.
  EXPECT_EQ(ParseError("SELECT * FROM information_schema.tables").code, 1235);
  EXPECT_EQ(ParseError("SELECT * FROM mysql.user").code, 1235);
}

TEST(ParserSelectTest, Joins) {
  EXPECT_EQ(SelectDump("SELECT * FROM a JOIN b ON a.id = b.a_id"),
            "(select (items *) (from a inner b on (= a.id b.a_id)))");
  EXPECT_EQ(SelectDump("SELECT * FROM a INNER JOIN b ON a.id = b.id"),
            "(select (items *) (from a inner b on (= a.id b.id)))");
  EXPECT_EQ(SelectDump("SELECT * FROM a LEFT JOIN b ON a.id = b.id"),
            "(select (items *) (from a left b on (= a.id b.id)))");
  EXPECT_EQ(SelectDump("SELECT * FROM a LEFT OUTER JOIN b USING (id, k)"),
            "(select (items *) (from a left b using(id k)))");
  EXPECT_EQ(SelectDump("SELECT * FROM a RIGHT JOIN b ON TRUE"),
            "(select (items *) (from a right b on 1))");
  EXPECT_EQ(SelectDump("SELECT * FROM a CROSS JOIN b"), "(select (items *) (from a cross b))");
  EXPECT_EQ(SelectDump("SELECT * FROM a JOIN b"), "(select (items *) (from a cross b))");
  EXPECT_EQ(SelectDump("SELECT * FROM a CROSS JOIN b ON a.x = b.x"),
            "(select (items *) (from a inner b on (= a.x b.x)))");
  EXPECT_EQ(SelectDump("SELECT * FROM a STRAIGHT_JOIN b ON a.x = b.x"),
            "(select (items *) (from a inner b on (= a.x b.x)))");
  EXPECT_EQ(SelectDump("SELECT * FROM a, b WHERE a.id = b.id"),
            "(select (items *) (from a cross b) (where (= a.id b.id)))");
  EXPECT_EQ(SelectDump("SELECT * FROM a AS x JOIN b y ON x.i = y.i LEFT JOIN c ON c.j = y.j"),
            "(select (items *) (from a as x inner b as y on (= x.i y.i) left c on (= c.j y.j)))");
  // A parenthesized join first in FROM is the same left-deep chain.
  EXPECT_EQ(SelectDump("SELECT * FROM (a JOIN b ON a.i = b.i) JOIN c ON c.i = a.i"),
            "(select (items *) (from a inner b on (= a.i b.i) inner c on (= c.i a.i)))");
  EXPECT_EQ(SelectDump("SELECT * FROM t USE INDEX (idx) FORCE KEY FOR JOIN (PRIMARY)"),
            "(select (items *) (from t))");
  auto s = MustParseSelect("SELECT * FROM a LEFT JOIN b USING (id)");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->from[1].using_columns, std::vector<std::string>{"id"});
  EXPECT_FALSE(s->from[1].on);
}

TEST(ParserSelectTest, JoinErrors) {
  EXPECT_EQ(NearText("SELECT * FROM a LEFT JOIN b"), "");  // LEFT JOIN needs ON / USING
  EXPECT_EQ(NearText("SELECT * FROM a LEFT JOIN b WHERE 1"), "WHERE 1");
  EXPECT_EQ(NearText("SELECT * FROM a JOIN"), "");
  EXPECT_EQ(NearText("SELECT * FROM a NATURAL JOIN b ON a.i = b.i"), "ON a.i = b.i");
  EXPECT_EQ(ParseError("SELECT * FROM a JOIN (b JOIN c ON b.i = c.i) ON a.i = b.i").code, 1235);
}

TEST(ParserSelectTest, DerivedTables) {
  EXPECT_EQ(SelectDump("SELECT x.n FROM (SELECT COUNT(*) AS n FROM t) AS x"),
            "(select (items x.n) (from (select (items (COUNT *) as n) (from t)) as x))");
  EXPECT_EQ(SelectDump("SELECT * FROM (SELECT 1) d JOIN t ON t.id = d.id"),
            "(select (items *) (from (select (items 1)) as d inner t on (= t.id d.id)))");
  EXPECT_EQ(SelectDump("SELECT * FROM ((SELECT 1)) d"),
            "(select (items *) (from (select (items 1)) as d))");
  EXPECT_EQ(SelectDump("SELECT * FROM (SELECT a FROM t UNION SELECT b FROM u) AS x"),
            "(select (items *) (from (select (items a) (from t) (union (select (items b) "
            "(from u)))) as x))");
  SqlError e = ParseError("SELECT * FROM (SELECT 1)");
  EXPECT_EQ(e.code, 1248);
  EXPECT_EQ(e.message, "Every derived table must have its own alias");
  EXPECT_EQ(ParseError("SELECT * FROM (SELECT 1) WHERE 1").code, 1248);
}

TEST(ParserSelectTest, GroupHavingOrder) {
  EXPECT_EQ(SelectDump("SELECT a, COUNT(*) FROM t GROUP BY a HAVING COUNT(*) > 1 ORDER BY 2 DESC"),
            "(select (items a (COUNT *)) (from t) (group a) (having (> (COUNT *) 1)) "
            "(order 2 desc))");
  EXPECT_EQ(SelectDump("SELECT a FROM t GROUP BY a, b + 1"),
            "(select (items a) (from t) (group a (+ b 1)))");
  EXPECT_EQ(SelectDump("SELECT a FROM t ORDER BY a ASC, b DESC, c"),
            "(select (items a) (from t) (order a b desc c))");
  auto s = MustParseSelect("SELECT a FROM t ORDER BY 2");
  ASSERT_TRUE(s);
  ASSERT_EQ(s->order_by.size(), 1u);
  EXPECT_EQ(s->order_by[0].expr->kind, ExprKind::kLiteral);
  EXPECT_EQ(s->order_by[0].expr->literal, Value::Int(2));
  EXPECT_EQ(ParseError("SELECT a FROM t GROUP BY a WITH CUBE").code, 1235);
}

TEST(ParserSelectTest, Limit) {
  EXPECT_EQ(SelectDump("SELECT a FROM t LIMIT 10"), "(select (items a) (from t) (limit 10))");
  EXPECT_EQ(SelectDump("SELECT a FROM t LIMIT 10 OFFSET 20"),
            "(select (items a) (from t) (limit 10) (offset 20))");
  EXPECT_EQ(SelectDump("SELECT a FROM t LIMIT 20, 10"),
            "(select (items a) (from t) (limit 10) (offset 20))");
  EXPECT_EQ(SelectDump("SELECT a FROM t LIMIT ?, ?"),
            "(select (items a) (from t) (limit ?1) (offset ?0))");
  EXPECT_EQ(NearText("SELECT a FROM t LIMIT 1.5"), "1.5");
  EXPECT_EQ(NearText("SELECT a FROM t LIMIT -1"), "-1");
  EXPECT_EQ(NearText("SELECT a FROM t LIMIT a"), "a");
  EXPECT_EQ(NearText("SELECT a FROM t LIMIT 1 OFFSET"), "");
}

TEST(ParserSelectTest, Locking) {
  auto s = MustParseSelect("SELECT * FROM t WHERE id = 1 FOR UPDATE");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->for_update);
  EXPECT_TRUE(MustParseSelect("SELECT * FROM t FOR SHARE")->for_update);
  EXPECT_TRUE(MustParseSelect("SELECT * FROM t LOCK IN SHARE MODE")->for_update);
  EXPECT_TRUE(MustParseSelect("SELECT * FROM t LIMIT 1 FOR UPDATE OF t")->for_update);
  EXPECT_FALSE(MustParseSelect("SELECT * FROM t")->for_update);
  EXPECT_EQ(ParseError("SELECT * FROM t FOR UPDATE SKIP LOCKED").code, 1235);
  EXPECT_EQ(NearText("SELECT * FROM t FOR"), "");
}

TEST(ParserSelectTest, Union) {
  EXPECT_EQ(SelectDump("SELECT a FROM t UNION SELECT b FROM u"),
            "(select (items a) (from t) (union (select (items b) (from u))))");
  EXPECT_EQ(SelectDump("SELECT 1 UNION ALL SELECT 2 UNION DISTINCT SELECT 3"),
            "(select (items 1) (union-all (select (items 2))) (union (select (items 3))))");
  // ORDER BY / LIMIT after the last unparenthesized SELECT belong to the union.
  EXPECT_EQ(SelectDump("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 DESC LIMIT 5 OFFSET 2"),
            "(select (items a) (from t) (union (select (items b) (from u))) "
            "(union-order 1 desc) (union-limit 5) (union-offset 2))");
  // Parenthesized members keep their own.
  EXPECT_EQ(SelectDump("(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u LIMIT 2) "
                       "ORDER BY 1 LIMIT 3"),
            "(select (items a) (from t) (order a) (limit 1) (union-all (select (items b) "
            "(from u) (limit 2))) (union-order 1) (union-limit 3))");
  EXPECT_EQ(SelectDump("(SELECT a FROM t) ORDER BY a LIMIT 2"),
            "(select (items a) (from t) (order a) (limit 2))");
  EXPECT_EQ(SelectDump("((SELECT 1))"), "(select (items 1))");
  EXPECT_EQ(SelectDump("(SELECT 1 UNION SELECT 2) UNION ALL SELECT 3"),
            "(select (items 1) (union (select (items 2))) (union-all (select (items 3))))");
  SqlError order = ParseError("SELECT a FROM t ORDER BY a UNION SELECT b FROM u");
  EXPECT_EQ(order.code, 1221);
  EXPECT_EQ(order.message, "Incorrect usage of UNION and ORDER BY");
  SqlError limit = ParseError("SELECT a FROM t LIMIT 1 UNION SELECT b FROM u");
  EXPECT_EQ(limit.code, 1221);
  EXPECT_EQ(limit.message, "Incorrect usage of UNION and LIMIT");
  EXPECT_EQ(NearText("SELECT 1 UNION"), "");
  EXPECT_EQ(NearText("SELECT 1 UNION ALL 2"), "2");
}

TEST(ParserSelectTest, ReservedWordsNeedBackticks) {
  EXPECT_EQ(NearText("SELECT * FROM Order"), "Order");
  EXPECT_EQ(NearText("SELECT * FROM `Order` WHERE order = 1"), "order = 1");
  EXPECT_EQ(NearText("SELECT * FROM t AS select"), "select");
  EXPECT_EQ(NearText("SELECT a AS from FROM t"), "from FROM t");
  auto s = MustParseSelect("SELECT o.Status, o.`Order` FROM `Order` o WHERE `Order`.Status = 'x'");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->from[0].name, "Order");
  // Non-reserved keywords work as plain names, aliases included.
  auto k = MustParseSelect(
      "SELECT status, name, date, text, comment, value, year FROM status AS date "
      "WHERE timestamp > 0");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->items.size(), 7u);
  EXPECT_EQ(k->from[0].name, "status");
  EXPECT_EQ(k->from[0].alias, "date");
}

TEST(ParserSelectTest, ClauseOrderMatters) {
  EXPECT_EQ(NearText("SELECT a FROM t ORDER BY a WHERE b = 1"), "WHERE b = 1");
  EXPECT_EQ(NearText("SELECT a FROM t LIMIT 1 ORDER BY a"), "ORDER BY a");
  EXPECT_EQ(NearText("SELECT a FROM t HAVING a GROUP BY a"), "GROUP BY a");
  EXPECT_EQ(NearText("SELECT a FROM t GROUP a"), "a");
  EXPECT_EQ(NearText("SELECT FROM t"), "FROM t");
  EXPECT_EQ(NearText("SELECT a, FROM t"), "FROM t");
  EXPECT_EQ(NearText("SELECT a FROM"), "");
  EXPECT_EQ(NearText("SELECT a FROM t t2 t3"), "t3");
  EXPECT_EQ(ParseError("SELECT a INTO @x FROM t").code, 1235);
}

TEST(ParserSelectTest, ECommerceQueries) {
  // Shapes a storefront sends; each must parse.
  const char* queries[] = {
      "SELECT i.ItemID, i.Name, i.BasePrice FROM Item i "
      "JOIN ItemCategory ic ON ic.ItemID = i.ItemID "
      "WHERE ic.CategoryID = ? AND i.IsActive = TRUE ORDER BY i.BasePrice ASC LIMIT 20 OFFSET 40",
      "SELECT o.OrderID, o.OrderNumber, o.TotalAmount, COUNT(oi.OrderItemID) AS line_count "
      "FROM `Order` o LEFT JOIN OrderItem oi ON oi.OrderID = o.OrderID "
      "WHERE o.UserID = ? GROUP BY o.OrderID, o.OrderNumber, o.TotalAmount "
      "ORDER BY o.OrderDate DESC",
      "SELECT c.CategoryName, SUM(oi.LineTotal) revenue FROM OrderItem oi "
      "JOIN ItemCategory ic ON ic.ItemID = oi.ItemID AND ic.IsPrimaryCategory "
      "JOIN Category c ON c.CategoryID = ic.CategoryID "
      "WHERE oi.CreatedAt >= NOW() - INTERVAL 30 DAY GROUP BY c.CategoryName "
      "HAVING revenue > 1000.00 ORDER BY revenue DESC LIMIT 10",
      "SELECT iv.ItemVariationID, iv.StockQuantity FROM ItemVariation iv "
      "WHERE iv.ItemVariationID = ? FOR UPDATE",
      "SELECT u.Email FROM User u WHERE NOT EXISTS "
      "(SELECT 1 FROM `Order` o WHERE o.UserID = u.UserID AND o.Status <> 'cancelled')",
      "SELECT ItemID, BasePrice * (1 + COALESCE(PriceAdjustment, 0) / 100) AS price "
      "FROM ItemVariation WHERE VariationSKU IN ('A-1', 'B-2') AND IsAvailable",
      "SELECT r.ReturnID, CASE r.Status WHEN 'refunded' THEN r.RefundAmount - r.RestockingFee "
      "ELSE 0 END AS net FROM ReturnItem r WHERE r.RequestedAt BETWEEN ? AND ?",
      "SELECT DATE_FORMAT(OrderDate, '%Y-%m') AS month, ROUND(AVG(TotalAmount), 2) "
      "FROM `Order` GROUP BY month ORDER BY month",
  };
  for (const char* q : queries) EXPECT_TRUE(MustParseSelect(q)) << q;
}

}  // namespace
}  // namespace tetradb::rel::sql
