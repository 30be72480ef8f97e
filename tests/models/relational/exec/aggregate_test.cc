// GROUP BY, aggregates, HAVING, and the exact DECIMAL results of SUM/AVG.
#include "tests/models/relational/exec/shop_fixture.h"

namespace tetradb::rel::sql {
namespace {

using AggregateTest = ShopFixture;

TEST_F(AggregateTest, WholeTable) {
  EXPECT_EQ(Q("SELECT COUNT(*), COUNT(city), COUNT(DISTINCT city) FROM users"), "4,3,2");
  EXPECT_EQ(Q("SELECT SUM(total), AVG(total), MIN(total), MAX(total) FROM orders"),
            "75.25,15.050000,1.50,30.25");
  EXPECT_EQ(Q("SELECT SUM(qty), AVG(qty) FROM order_items"), "7,1.1667");
  // No rows: COUNT is 0, the rest NULL, still one row.
  EXPECT_EQ(Q("SELECT COUNT(*), SUM(total), MAX(id) FROM orders WHERE id > 100"), "0,NULL,NULL");
  EXPECT_EQ(Q("SELECT COUNT(*) FROM orders WHERE id > 100 GROUP BY status"), "");
}

TEST_F(AggregateTest, DecimalSumsAreExact) {
  Create("CREATE TABLE m (id INT PRIMARY KEY, v DECIMAL(10,2), d DOUBLE)");
  Ok("INSERT INTO m VALUES (1, 0.10, 0.1), (2, 0.20, 0.2)");
  EXPECT_EQ(Q("SELECT SUM(v), AVG(v) FROM m"), "0.30,0.150000");
  EXPECT_EQ(Q("SELECT SUM(d) FROM m"), "0.30000000000000004");
}

TEST_F(AggregateTest, GroupByHaving) {
  EXPECT_EQ(Q("SELECT status, COUNT(*) AS n, SUM(total) FROM orders GROUP BY status "
              "ORDER BY n DESC, status"),
            "paid,3,43.50|cancelled,1,1.50|new,1,30.25");
  EXPECT_EQ(Q("SELECT user_id, SUM(total) AS s FROM orders GROUP BY user_id HAVING s > 10 "
              "ORDER BY s"),
            "2,30.00|1,43.75");
  EXPECT_EQ(Q("SELECT user_id FROM orders GROUP BY user_id HAVING COUNT(*) > 1 ORDER BY 1"), "1|2");
  EXPECT_EQ(Q("SELECT city, COUNT(*) FROM users GROUP BY city ORDER BY city"),
            "NULL,1|Oslo,2|Rome,1");
  EXPECT_EQ(Q("SELECT YEAR(created) AS y, MONTH(created) AS m, COUNT(*) FROM orders "
              "GROUP BY y, m ORDER BY y, m"),
            "2026,1,2|2026,2,1|2026,3,2");
  EXPECT_EQ(Q("SELECT status FROM orders GROUP BY 1 ORDER BY COUNT(*) DESC LIMIT 1"), "paid");
}

TEST_F(AggregateTest, GroupConcat) {
  EXPECT_EQ(Q("SELECT user_id, GROUP_CONCAT(id) FROM orders GROUP BY user_id ORDER BY user_id"),
            "1,1,2|2,3,5|3,4");
  EXPECT_EQ(Q("SELECT GROUP_CONCAT(DISTINCT status ORDER BY status DESC SEPARATOR '; ') "
              "FROM orders"),
            "paid; new; cancelled");
  EXPECT_EQ(Q("SELECT GROUP_CONCAT(status ORDER BY status) FROM orders WHERE user_id = 1"),
            "new,paid");
  EXPECT_EQ(Q("SELECT GROUP_CONCAT(id ORDER BY total DESC, id) FROM orders"), "2,5,1,3,4");
  EXPECT_EQ(Q("SELECT GROUP_CONCAT(name, '-', city) FROM users"), "Ann-Oslo,Bob-Rome,Cid-Oslo");
}

TEST_F(AggregateTest, Errors) {
  EXPECT_EQ(Fail("SELECT status FROM orders GROUP BY COUNT(*)").code, 1111);
  EXPECT_EQ(Fail("SELECT COUNT(*) AS c FROM orders GROUP BY c").code, 1056);
  EXPECT_EQ(Fail("SELECT SUM(COUNT(*)) FROM orders").code, 1111);
  EXPECT_EQ(Fail("SELECT SUM(id, user_id) FROM orders").code, 1582);
}

}  // namespace
}  // namespace tetradb::rel::sql
