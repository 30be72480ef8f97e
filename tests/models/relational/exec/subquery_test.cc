// Subqueries (IN, EXISTS, scalar; correlated and not) and UNION.
#include "tests/models/relational/exec/shop_fixture.h"

namespace tetradb::rel::sql {
namespace {

using SubqueryTest = ShopFixture;

TEST_F(SubqueryTest, InAndNotIn) {
  EXPECT_EQ(Q("SELECT name FROM users WHERE id IN (SELECT user_id FROM orders WHERE "
              "status = 'paid') ORDER BY id"),
            "Ann|Bob");
  EXPECT_EQ(Q("SELECT name FROM users WHERE id NOT IN (SELECT user_id FROM orders) "), "Dee");
  // A NULL in the subquery makes NOT IN unknown for every non-matching row.
  EXPECT_EQ(Q("SELECT name FROM users WHERE id NOT IN (SELECT NULL UNION SELECT 1)"), "");
  EXPECT_EQ(Q("SELECT 5 IN (SELECT id FROM users WHERE id > 10)"), "0");
  EXPECT_EQ(Q("SELECT (1, 'paid') IN (SELECT user_id, status FROM orders)"), "1");
  EXPECT_EQ(Fail("SELECT 1 IN (SELECT id, name FROM users)").code, 1241);
}

TEST_F(SubqueryTest, Exists) {
  EXPECT_EQ(Q("SELECT name FROM users u WHERE EXISTS (SELECT 1 FROM orders o WHERE "
              "o.user_id = u.id AND o.status = 'new')"),
            "Ann");
  EXPECT_EQ(Q("SELECT name FROM users u WHERE NOT EXISTS (SELECT * FROM orders o WHERE "
              "o.user_id = u.id) ORDER BY name"),
            "Dee");
}

TEST_F(SubqueryTest, Scalar) {
  EXPECT_EQ(Q("SELECT (SELECT MAX(total) FROM orders)"), "30.25");
  EXPECT_EQ(Q("SELECT name, (SELECT COUNT(*) FROM orders o WHERE o.user_id = u.id) AS n "
              "FROM users u ORDER BY n DESC, name"),
            "Ann,2|Bob,2|Cid,1|Dee,0");
  EXPECT_EQ(Q("SELECT id FROM orders WHERE total = (SELECT MAX(total) FROM orders)"), "2");
  EXPECT_EQ(Q("SELECT (SELECT id FROM users WHERE id > 100)"), "NULL");
  EXPECT_EQ(Fail("SELECT (SELECT id FROM users)").code, 1242);
  EXPECT_EQ(Fail("SELECT (SELECT id, name FROM users LIMIT 1)").code, 1241);
  // Correlated on an outer column in a comparison with the outer row.
  EXPECT_EQ(Q("SELECT o.id FROM orders o WHERE o.total > (SELECT AVG(o2.total) FROM orders o2 "
              "WHERE o2.user_id = o.user_id) ORDER BY o.id"),
            "2|5");
}

TEST_F(SubqueryTest, Union) {
  EXPECT_EQ(Q("SELECT city FROM users WHERE city IS NOT NULL UNION SELECT 'Paris' "
              "ORDER BY city"),
            "Oslo|Paris|Rome");
  EXPECT_EQ(Q("SELECT 1 UNION ALL SELECT 1 UNION ALL SELECT 2"), "1|1|2");
  EXPECT_EQ(Q("SELECT 1 UNION ALL SELECT 1 UNION SELECT 2"), "1|2");
  EXPECT_EQ(Q("SELECT id FROM users UNION SELECT id FROM orders ORDER BY id DESC LIMIT 2"), "5|4");
  auto rs =
      Ok("SELECT name AS n FROM users WHERE id = 1 UNION SELECT title FROM products "
         "WHERE id = 1");
  EXPECT_EQ(Columns(rs), "n");
  EXPECT_EQ(Flat(rs), "Ann|pen");
  EXPECT_EQ(Fail("SELECT 1 UNION SELECT 1, 2").code, 1222);
}

}  // namespace
}  // namespace tetradb::rel::sql
