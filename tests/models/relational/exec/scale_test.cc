// Larger tables: the plans that matter for speed (hash joins, index nested
// loops, LIMIT stopping early, correlated subqueries through an index)
// finish quickly and agree with the obvious answers.
#include <fmt/format.h>

#include <chrono>

#include "tests/models/relational/exec/exec_fixture.h"

namespace tetradb::rel::sql {
namespace {

class ScaleTest : public ExecFixture {
 protected:
  static constexpr int kUsers = 2000;
  static constexpr int kOrders = 10000;

  void SetUp() override {
    ExecFixture::SetUp();
    Create("CREATE TABLE u (id INT PRIMARY KEY, grp INT, name VARCHAR(20))");
    Create(
        "CREATE TABLE o (id INT PRIMARY KEY, uid INT, grp INT, amount DECIMAL(10,2), "
        "INDEX idx_uid (uid))");
    std::string sql = "INSERT INTO u VALUES ";
    for (int i = 1; i <= kUsers; ++i) {
      sql += fmt::format("{}({}, {}, 'user{}')", i > 1 ? "," : "", i, i % 10, i);
    }
    Ok(sql);
    sql = "INSERT INTO o VALUES ";
    for (int i = 1; i <= kOrders; ++i) {
      sql += fmt::format("{}({}, {}, {}, {}.25)", i > 1 ? "," : "", i, (i % kUsers) + 1, i % 10,
                         i % 100);
    }
    Ok(sql);
  }

  double Seconds(std::string_view query, std::string* result) {
    auto start = std::chrono::steady_clock::now();
    *result = Q(query);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
};

TEST_F(ScaleTest, IndexNestedLoopJoin) {
  std::string r;
  double s = Seconds("SELECT COUNT(*), SUM(o.amount) FROM u JOIN o ON o.uid = u.id", &r);
  EXPECT_EQ(r, "10000,497500.00");
  EXPECT_LT(s, 5.0);
}

TEST_F(ScaleTest, HashJoinOnUnindexedColumns) {
  std::string r;
  double s = Seconds("SELECT COUNT(*) FROM u JOIN o ON o.grp = u.grp WHERE u.id <= 100", &r);
  EXPECT_EQ(r, "100000");
  EXPECT_LT(s, 5.0);
}

TEST_F(ScaleTest, LimitStopsEarly) {
  std::string r;
  double s = Seconds("SELECT id FROM o ORDER BY id DESC LIMIT 3", &r);
  EXPECT_EQ(r, "10000|9999|9998");
  double s2 = Seconds("SELECT id FROM o WHERE amount > 98 LIMIT 2", &r);
  EXPECT_EQ(r, "98|99");
  EXPECT_LT(s + s2, 1.0);
}

TEST_F(ScaleTest, CorrelatedSubqueryUsesIndex) {
  std::string r;
  double s = Seconds(
      "SELECT COUNT(*) FROM u WHERE EXISTS (SELECT 1 FROM o WHERE o.uid = u.id "
      "AND o.amount > 50)",
      &r);
  EXPECT_EQ(r, "1000");  // amounts repeat every 100 ids: half the users
  EXPECT_LT(s, 5.0);
  s = Seconds("SELECT COUNT(*) FROM u WHERE id IN (SELECT uid FROM o WHERE amount < 1)", &r);
  EXPECT_EQ(r, "20");
  EXPECT_LT(s, 5.0);
}

TEST_F(ScaleTest, GroupByAndSort) {
  std::string r;
  double s =
      Seconds("SELECT grp, COUNT(*), SUM(amount) FROM o GROUP BY grp ORDER BY grp LIMIT 2", &r);
  EXPECT_EQ(r, "0,1000,45250.00|1,1000,46250.00");
  EXPECT_LT(s, 5.0);
}

TEST_F(ScaleTest, BulkUpdateAndDelete) {
  auto rs = Ok("UPDATE o SET amount = amount + 1 WHERE uid <= 100");
  EXPECT_EQ(rs.rows_affected, 500u);
  rs = Ok("DELETE FROM o WHERE id > 9000");
  EXPECT_EQ(rs.rows_affected, 1000u);
  EXPECT_EQ(Q("SELECT COUNT(*) FROM o"), "9000");
}

}  // namespace
}  // namespace tetradb::rel::sql
