// Joins: inner (with index lookups and hash joins), LEFT/RIGHT with NULL
// extension, USING, cross joins, and conditions placed around outer joins.
#include "tests/models/relational/exec/shop_fixture.h"

namespace tetradb::rel::sql {
namespace {

using JoinTest = ShopFixture;

TEST_F(JoinTest, InnerJoinOnPrimaryKey) {
  EXPECT_EQ(Q("SELECT o.id, u.name FROM orders o JOIN users u ON u.id = o.user_id "
              "ORDER BY o.id"),
            "1,Ann|2,Ann|3,Bob|4,Cid|5,Bob");
  EXPECT_EQ(Q("SELECT u.name, o.total FROM users u, orders o WHERE o.user_id = u.id AND "
              "u.email = 'bob@x.io' ORDER BY o.total"),
            "Bob,6.00|Bob,24.00");
}

TEST_F(JoinTest, ThreeWayJoin) {
  EXPECT_EQ(Q("SELECT u.name, p.title, i.qty FROM users u JOIN orders o ON o.user_id = u.id "
              "JOIN order_items i ON i.order_id = o.id JOIN products p ON p.id = i.product_id "
              "WHERE o.status = 'paid' ORDER BY u.name, p.title"),
            "Ann,book,1|Ann,pen,1|Bob,book,2|Bob,mug,1");
}

TEST_F(JoinTest, JoinWithoutIndexUsesHash) {
  // city has no index: the inner side is read once and probed.
  EXPECT_EQ(Q("SELECT a.name, b.name FROM users a JOIN users b ON a.city = b.city AND "
              "a.id < b.id"),
            "Ann,Cid");
  EXPECT_EQ(Q("SELECT p.title, o.id FROM products p JOIN orders o ON o.total = p.price "
              "ORDER BY o.id"),
            "lamp,2|mug,3|pen,4");
}

TEST_F(JoinTest, LeftJoinNullExtends) {
  EXPECT_EQ(Q("SELECT u.name, o.id FROM users u LEFT JOIN orders o ON o.user_id = u.id "
              "ORDER BY u.id, o.id"),
            "Ann,1|Ann,2|Bob,3|Bob,5|Cid,4|Dee,NULL");
  // ON conditions limit the match; the outer row stays.
  EXPECT_EQ(Q("SELECT u.name, o.id FROM users u LEFT JOIN orders o ON o.user_id = u.id AND "
              "o.status = 'new' ORDER BY u.id"),
            "Ann,2|Bob,NULL|Cid,NULL|Dee,NULL");
  // WHERE on the inner side runs after the NULL extension.
  EXPECT_EQ(Q("SELECT u.name FROM users u LEFT JOIN orders o ON o.user_id = u.id "
              "WHERE o.id IS NULL"),
            "Dee");
  EXPECT_EQ(Q("SELECT u.name, COUNT(o.id) FROM users u LEFT JOIN orders o ON o.user_id = u.id "
              "GROUP BY u.id, u.name ORDER BY u.id"),
            "Ann,2|Bob,2|Cid,1|Dee,0");
  // An ON condition on the outer table only does not filter outer rows.
  EXPECT_EQ(Q("SELECT u.name, o.id FROM users u LEFT JOIN orders o ON u.id = 99 "
              "ORDER BY u.id"),
            "Ann,NULL|Bob,NULL|Cid,NULL|Dee,NULL");
}

TEST_F(JoinTest, LeftJoinChain) {
  EXPECT_EQ(Q("SELECT u.name, o.id, i.product_id FROM users u "
              "LEFT JOIN orders o ON o.user_id = u.id AND o.status = 'paid' "
              "LEFT JOIN order_items i ON i.order_id = o.id ORDER BY u.id, o.id, i.product_id"),
            "Ann,1,1|Ann,1,2|Bob,3,4|Bob,5,2|Cid,NULL,NULL|Dee,NULL,NULL");
}

TEST_F(JoinTest, RightJoin) {
  EXPECT_EQ(Q("SELECT o.id, u.name FROM orders o RIGHT JOIN users u ON u.id = o.user_id "
              "WHERE u.city = 'Oslo' OR u.city IS NULL ORDER BY u.id, o.id"),
            "1,Ann|2,Ann|4,Cid|NULL,Dee");
}

TEST_F(JoinTest, UsingAndCross) {
  Create("CREATE TABLE a (k INT PRIMARY KEY, x VARCHAR(5))");
  Create("CREATE TABLE b (k INT PRIMARY KEY, y VARCHAR(5))");
  Ok("INSERT INTO a VALUES (1, 'a1'), (2, 'a2')");
  Ok("INSERT INTO b VALUES (2, 'b2'), (3, 'b3')");
  auto rs = Ok("SELECT * FROM a JOIN b USING (k)");
  EXPECT_EQ(Columns(rs), "k,x,y");
  EXPECT_EQ(Flat(rs), "2,a2,b2");
  EXPECT_EQ(Q("SELECT k FROM a JOIN b USING (k)"), "2");
  EXPECT_EQ(Q("SELECT a.k, b.k FROM a CROSS JOIN b ORDER BY a.k, b.k"), "1,2|1,3|2,2|2,3");
  EXPECT_EQ(Fail("SELECT k FROM a, b").code, 1052);
  EXPECT_EQ(Fail("SELECT k FROM a, b").message, "Column 'k' in field list is ambiguous");
  EXPECT_EQ(Fail("SELECT * FROM a JOIN b ON a.k = c.k").message,
            "Unknown column 'c.k' in 'on clause'");
}

TEST_F(JoinTest, JoinOrderDoesNotChangeResults) {
  // The planner may start from orders (constant lookup); output order of
  // SELECT * stays FROM order.
  auto rs = Ok("SELECT * FROM users u JOIN orders o ON o.user_id = u.id WHERE o.id = 3");
  EXPECT_EQ(Columns(rs), "id,email,name,city,id,user_id,status,total,created");
  EXPECT_EQ(Flat(rs), "2,bob@x.io,Bob,Rome,3,2,paid,6.00,2026-01-15");
}

TEST_F(JoinTest, DerivedTable) {
  EXPECT_EQ(Q("SELECT t.user_id, t.n FROM (SELECT user_id, COUNT(*) AS n FROM orders "
              "GROUP BY user_id) AS t WHERE t.n > 1 ORDER BY t.user_id"),
            "1,2|2,2");
  EXPECT_EQ(Q("SELECT u.name, t.s FROM users u JOIN (SELECT user_id, SUM(total) AS s FROM "
              "orders GROUP BY user_id) t ON t.user_id = u.id ORDER BY t.s DESC"),
            "Ann,43.75|Bob,30.00|Cid,1.50");
}

}  // namespace
}  // namespace tetradb::rel::sql
