// Less common shapes: tables without a primary key, row constructors,
// subqueries as key values, derived tables with UNION, RIGHT JOIN USING,
// and expressions over aggregates.
#include "tests/models/relational/exec/shop_fixture.h"

namespace tetradb::rel::sql {
namespace {

using EdgeTest = ShopFixture;

TEST_F(EdgeTest, TableWithoutPrimaryKey) {
  Create("CREATE TABLE log (msg VARCHAR(20), n INT)");
  Ok("INSERT INTO log VALUES ('a', 1), ('b', 2), ('a', 3)");
  EXPECT_EQ(Q("SELECT msg, n FROM log ORDER BY n"), "a,1|b,2|a,3");
  auto rs = Ok("UPDATE log SET n = n * 10 WHERE msg = 'a'");
  EXPECT_EQ(rs.rows_affected, 2u);
  EXPECT_EQ(Q("SELECT SUM(n) FROM log"), "42");
  rs = Ok("DELETE FROM log WHERE n = 30");
  EXPECT_EQ(rs.rows_affected, 1u);
  EXPECT_EQ(Q("SELECT msg, n FROM log ORDER BY n"), "b,2|a,10");
}

TEST_F(EdgeTest, RowConstructors) {
  EXPECT_EQ(Q("SELECT order_id, product_id FROM order_items WHERE (order_id, product_id) IN "
              "((1, 2), (5, 2), (9, 9))"),
            "1,2|5,2");
  EXPECT_EQ(Q("SELECT (1, 2) = (1, 2), (1, 2) < (1, 3), (1, NULL) = (1, 2), (1, NULL) = (2, 2)"),
            "1,1,NULL,0");
  EXPECT_EQ(Fail("SELECT (1, 2) = 1").code, 1241);
  EXPECT_EQ(Fail("SELECT (1, 2)").code, 1241);
}

TEST_F(EdgeTest, SubqueryAsKeyValue) {
  EXPECT_EQ(Q("SELECT name FROM users WHERE id = (SELECT user_id FROM orders WHERE id = 4)"),
            "Cid");
  auto rs =
      Ok("EXPLAIN SELECT name FROM users WHERE id = (SELECT user_id FROM orders WHERE "
         "id = 4)");
  EXPECT_EQ(ToText(rs.rows[0][3]), "const");
  EXPECT_EQ(ToText(rs.rows[1][1]), "SUBQUERY");
}

TEST_F(EdgeTest, DerivedUnionAndReuse) {
  EXPECT_EQ(Q("SELECT COUNT(*), SUM(x) FROM (SELECT id AS x FROM users UNION ALL "
              "SELECT id FROM orders) t"),
            "9,25");
  EXPECT_EQ(Q("SELECT a.n, b.n FROM (SELECT 1 AS n UNION SELECT 2) a JOIN "
              "(SELECT 2 AS n UNION SELECT 3) b ON a.n = b.n"),
            "2,2");
  EXPECT_EQ(Fail("SELECT * FROM (SELECT id, id FROM users) t").code, 1060);
}

TEST_F(EdgeTest, RightJoinUsing) {
  Create("CREATE TABLE a (k INT PRIMARY KEY, x INT)");
  Create("CREATE TABLE b (k INT PRIMARY KEY, y INT)");
  Ok("INSERT INTO a VALUES (1, 10)");
  Ok("INSERT INTO b VALUES (1, 100), (2, 200)");
  EXPECT_EQ(Q("SELECT k, x, y FROM a RIGHT JOIN b USING (k) ORDER BY k"), "1,10,100|2,NULL,200");
  EXPECT_EQ(Q("SELECT k, y FROM a LEFT JOIN b USING (k)"), "1,100");
  EXPECT_EQ(Fail("SELECT z.* FROM a").message, "Unknown table 'z'");
}

TEST_F(EdgeTest, ExpressionsOverAggregates) {
  EXPECT_EQ(Q("SELECT user_id, SUM(total) / COUNT(*) AS avg_total, MAX(total) - MIN(total) "
              "FROM orders GROUP BY user_id HAVING COUNT(*) > 1 ORDER BY SUM(total) DESC"),
            "1,21.875000,16.75|2,15.000000,18.00");
  EXPECT_EQ(Q("SELECT CASE WHEN COUNT(*) > 2 THEN 'many' ELSE 'few' END FROM orders "
              "GROUP BY status ORDER BY COUNT(*) DESC"),
            "many|few|few");
  EXPECT_EQ(Q("SELECT COUNT(*) + 1, COUNT(DISTINCT user_id, status) FROM orders"), "6,4");
  // ONLY_FULL_GROUP_BY (the default) rejects a column that is not grouped...
  EXPECT_EQ(Fail("SELECT status, id FROM orders WHERE status = 'paid' GROUP BY status").code, 1055);
  EXPECT_EQ(Q("SELECT status, ANY_VALUE(id) FROM orders WHERE status = 'paid' GROUP BY status"),
            "paid,1");
  // ... without it, non-grouped columns take the group's first row.
  sql_mode_ = "STRICT_TRANS_TABLES";
  EXPECT_EQ(Q("SELECT status, id FROM orders WHERE status = 'paid' GROUP BY status"), "paid,1");
}

TEST_F(EdgeTest, InListsAndParams) {
  EXPECT_EQ(Q("SELECT id FROM orders WHERE id IN (?, ?) ORDER BY id DESC",
              {Value::String("2"), Value::Int(4)}),
            "4|2");
  EXPECT_EQ(Q("SELECT id FROM orders WHERE user_id IN (1, 3) AND status <> 'new'"), "1|4");
  EXPECT_EQ(Q("SELECT id FROM orders WHERE id BETWEEN 2 AND 4 AND total > 5"), "2|3");
  EXPECT_EQ(Q("SELECT id FROM orders WHERE id > 3.5"), "4|5");
  EXPECT_EQ(Q("SELECT id FROM orders WHERE created >= '2026-03-01' ORDER BY id"), "4|5");
  EXPECT_EQ(Q("SELECT id FROM orders WHERE created = 20260301"), "4");
  EXPECT_EQ(Q("SELECT title FROM products WHERE category = 'home' ORDER BY price DESC"),
            "lamp|mug");
}

TEST_F(EdgeTest, RangesOnCompositeKeys) {
  // idx_status_created (status, created) with exclusive and inclusive bounds.
  EXPECT_EQ(Q("SELECT id FROM orders WHERE status = 'paid' AND created > '2026-01-15'"), "5");
  EXPECT_EQ(Q("SELECT id FROM orders WHERE status = 'paid' AND created >= '2026-01-15' "
              "ORDER BY created"),
            "3|5");
  EXPECT_EQ(Q("SELECT id FROM orders WHERE status = 'paid' AND created < '2026-03-05' "
              "ORDER BY created DESC"),
            "3|1");
  EXPECT_EQ(Q("SELECT id FROM orders WHERE status = 'paid' AND created BETWEEN '2026-01-10' "
              "AND '2026-01-15'"),
            "1|3");
  EXPECT_EQ(Q("SELECT id FROM orders WHERE status = 'paid' AND created > '2026-03-05'"), "");
  EXPECT_EQ(Q("SELECT id FROM orders WHERE id > 2 AND id < 5"), "3|4");
  EXPECT_EQ(Q("SELECT id FROM orders WHERE id >= 2 AND id <= 2"), "2");
  EXPECT_EQ(Q("SELECT id FROM orders WHERE id > 4 AND id < 2"), "");
  EXPECT_EQ(Q("SELECT order_id, product_id FROM order_items WHERE order_id = 1 AND "
              "product_id > 1"),
            "1,2");
  EXPECT_EQ(Q("SELECT order_id FROM order_items WHERE order_id IN (1, 5) AND product_id >= 2 "
              "ORDER BY order_id DESC"),
            "5|1");
  EXPECT_EQ(Q("SELECT id FROM orders WHERE status IN ('new', 'cancelled') AND "
              "created >= '2026-02-01' ORDER BY id"),
            "2|4");
}

TEST_F(EdgeTest, CorrelatedSubqueryInSelectWithLimit) {
  EXPECT_EQ(Q("SELECT u.name, (SELECT o.id FROM orders o WHERE o.user_id = u.id ORDER BY "
              "o.total DESC LIMIT 1) AS top FROM users u ORDER BY u.id"),
            "Ann,2|Bob,5|Cid,4|Dee,NULL");
}

}  // namespace
}  // namespace tetradb::rel::sql
