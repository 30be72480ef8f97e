// WITH and window functions through sessions: prepared statements re-run
// with new parameters (plans cached or not), per-session limits, and the
// interrupts that stop a long recursion.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/models/relational/session/session_fixture.h"

namespace tetradb::rel::sql {
namespace {

using std::chrono::milliseconds;

class CteWindowTest : public SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    Ok("CREATE TABLE o (id INT PRIMARY KEY, user_id INT NOT NULL, total DECIMAL(8,2) NOT NULL)");
    Ok("INSERT INTO o VALUES (1, 1, 10.00), (2, 2, 5.00), (3, 1, 20.00), (4, 1, 2.50), "
       "(5, 2, 7.00), (6, 3, 1.00)");
  }

  Rows Prepared(const std::string& sql, const std::vector<Value>& params) {
    auto stmt = s1_->Prepare(sql);
    EXPECT_TRUE(stmt.ok()) << sql;
    if (!stmt.ok()) return {};
    auto r = s1_->ExecutePrepared(**stmt, params);
    EXPECT_TRUE(r.ok()) << sql << "\n  -> " << (r.ok() ? "" : r.error().ToString());
    return r.ok() ? Text(*r) : Rows{};
  }
};

TEST_F(CteWindowTest, PreparedWindowQueryTakesNewParameters) {
  auto stmt = s1_->Prepare(
      "SELECT id, NTILE(?) OVER (ORDER BY id), SUM(total) OVER (ORDER BY id ROWS ? PRECEDING) "
      "FROM o WHERE user_id = ?");
  ASSERT_TRUE(stmt.ok());
  auto r = s1_->ExecutePrepared(**stmt, {Value::Int(2), Value::Int(1), Value::Int(1)});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Text(*r), (Rows{{"1", "1", "10.00"}, {"3", "1", "30.00"}, {"4", "2", "22.50"}}));
  // The same plan again, with other values (strings, as RESP sends them).
  r = s1_->ExecutePrepared(**stmt, {Value::String("3"), Value::String("0"), Value::Int(1)});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Text(*r), (Rows{{"1", "1", "10.00"}, {"3", "2", "20.00"}, {"4", "3", "2.50"}}));
  r = s1_->ExecutePrepared(**stmt, {Value::Int(0), Value::Int(1), Value::Int(1)});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, 1210);
  EXPECT_EQ(r.error().message, "Incorrect arguments to ntile");
  r = s1_->ExecutePrepared(**stmt, {Value::Int(1), Value::Int(-1), Value::Int(1)});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, 3586);
}

TEST_F(CteWindowTest, PreparedRecursiveCteTakesNewParameters) {
  auto stmt = s1_->Prepare(
      "WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?) "
      "SELECT COUNT(*), SUM(n) FROM seq");
  ASSERT_TRUE(stmt.ok());
  for (int n : {1, 10, 100, 1000}) {
    auto r = s1_->ExecutePrepared(**stmt, {Value::Int(n)});
    ASSERT_TRUE(r.ok()) << n << ": " << r.error().ToString();
    EXPECT_EQ(Text(*r), (Rows{{std::to_string(n), std::to_string(n * (n + 1) / 2)}})) << n;
  }
  auto r = s1_->ExecutePrepared(**stmt, {Value::Int(1001)});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, 3636);
  // A CTE's rows are per execution: the table changed, the answer too.
  EXPECT_EQ(Prepared("WITH big AS (SELECT id FROM o WHERE total > ?) SELECT COUNT(*) FROM big",
                     {Value::Int(5)}),
            (Rows{{"3"}}));
  Ok("DELETE FROM o WHERE id = 3");
  EXPECT_EQ(Prepared("WITH big AS (SELECT id FROM o WHERE total > ?) SELECT COUNT(*) FROM big",
                     {Value::Int(5)}),
            (Rows{{"2"}}));
}

TEST_F(CteWindowTest, RecursionDepthIsPerSession) {
  const char* kSeries =
      "WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 20) "
      "SELECT COUNT(*) FROM seq";
  Ok("SET cte_max_recursion_depth = 10");
  EXPECT_EQ(Scalar("SELECT @@cte_max_recursion_depth"), "10");
  SqlError e = Fail(kSeries);
  EXPECT_EQ(e.code, 3636);
  EXPECT_EQ(e.message,
            "Recursive query aborted after 11 iterations. Try increasing "
            "@@cte_max_recursion_depth to a larger value.");
  EXPECT_EQ(Scalar(*s2_, kSeries), "20");
  EXPECT_EQ(Scalar(*s2_, "SELECT @@cte_max_recursion_depth"), "1000");
  Ok("SET cte_max_recursion_depth = DEFAULT");
  EXPECT_EQ(Scalar(kSeries), "20");
  EXPECT_EQ(Fail("SET cte_max_recursion_depth = 'deep'").code, 1232);
}

TEST_F(CteWindowTest, MaxExecutionTimeStopsARecursion) {
  // Without a limit this counts to 10^8, minutes of work.
  Ok("SET cte_max_recursion_depth = 4294967295");
  Ok("SET max_execution_time = 50");
  auto start = std::chrono::steady_clock::now();
  SqlError e = Fail(
      "WITH RECURSIVE seq (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 100000000) "
      "SELECT COUNT(*) FROM seq");
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(e.code, 3024);
  EXPECT_LT(took, milliseconds(3000));
  Ok("SET max_execution_time = 0");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM o"), "6");
}

TEST_F(CteWindowTest, WithBeforeDmlInATransaction) {
  Ok("BEGIN");
  Ok("INSERT INTO o VALUES (7, 3, 50.00)");
  // The CTE reads the transaction's own write.
  auto r =
      Ok("WITH spenders AS (SELECT user_id FROM o GROUP BY user_id HAVING SUM(total) > 30) "
         "UPDATE o SET total = total + 1 WHERE user_id IN (SELECT user_id FROM spenders)");
  EXPECT_EQ(r.rows_affected, 5u);  // users 1 (32.50) and 3 (51.00)
  Ok("ROLLBACK");
  EXPECT_EQ(Query("SELECT user_id, SUM(total) FROM o GROUP BY user_id ORDER BY user_id"),
            (Rows{{"1", "32.50"}, {"2", "12.00"}, {"3", "1.00"}}));
}

}  // namespace
}  // namespace tetradb::rel::sql
