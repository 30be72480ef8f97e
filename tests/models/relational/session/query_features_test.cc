// NATURAL JOIN, WITH ROLLUP, REGEXP and digest functions through a Session:
// prepared statements re-run with new parameters (cached plans), errors in
// SHOW WARNINGS, and a failed statement that leaves the transaction usable.
#include <gtest/gtest.h>

#include "tests/models/relational/session/session_fixture.h"

namespace tetradb::rel::sql {
namespace {

class QueryFeaturesSessionTest : public SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    Ok("CREATE TABLE dept (dept_id INT PRIMARY KEY, dname VARCHAR(20))");
    Ok("CREATE TABLE emp (emp_id INT PRIMARY KEY, dept_id INT, ename VARCHAR(20), pay INT)");
    Ok("INSERT INTO dept VALUES (1, 'Sales'), (2, 'Ops'), (3, 'Empty')");
    Ok("INSERT INTO emp VALUES (10, 1, 'Ann', 100), (11, 1, 'bob', 80), (12, 2, 'Cy', 90)");
  }
};

TEST_F(QueryFeaturesSessionTest, PreparedRegexpRerunsWithNewPatterns) {
  auto stmt = s1_->Prepare("SELECT ename FROM emp WHERE ename REGEXP ? ORDER BY emp_id");
  ASSERT_TRUE(stmt.ok()) << stmt.error().ToString();
  auto r = s1_->ExecutePrepared(**stmt, {Value::String("^[ab]")});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Text(*r), (Rows{{"Ann"}, {"bob"}}));
  r = s1_->ExecutePrepared(**stmt, {Value::String("y$")});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Text(*r), (Rows{{"Cy"}}));
  r = s1_->ExecutePrepared(**stmt, {Value::String("(?=x)")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, 3690);
  r = s1_->ExecutePrepared(**stmt, {Value::String("B")});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Text(*r), (Rows{{"bob"}}));
}

TEST_F(QueryFeaturesSessionTest, PreparedRollupAndNaturalJoin) {
  auto stmt = s1_->Prepare(
      "SELECT dname, SUM(pay), GROUPING(dname) FROM dept NATURAL LEFT JOIN emp "
      "WHERE dept_id <= ? GROUP BY dname WITH ROLLUP");
  ASSERT_TRUE(stmt.ok()) << stmt.error().ToString();
  auto r = s1_->ExecutePrepared(**stmt, {Value::Int(3)});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Text(*r), (Rows{{"Empty", "NULL", "0"},
                            {"Ops", "90", "0"},
                            {"Sales", "180", "0"},
                            {"NULL", "270", "1"}}));
  r = s1_->ExecutePrepared(**stmt, {Value::Int(1)});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Text(*r), (Rows{{"Sales", "180", "0"}, {"NULL", "180", "1"}}));
}

TEST_F(QueryFeaturesSessionTest, ErrorsReachShowWarningsAndKeepTheTransaction) {
  Ok("BEGIN");
  Ok("INSERT INTO dept VALUES (4, 'Lab')");
  SqlError e = Fail("SELECT REGEXP_LIKE(dname, '[z-a]') FROM dept");
  EXPECT_EQ(e.code, 3697);
  EXPECT_EQ(Query("SHOW WARNINGS"),
            (Rows{{"Error", "3697",
                   "The regular expression contains an [x-y] character range where x comes "
                   "after y."}}));
  e = Fail("SELECT dname, GROUPING(ename) FROM dept NATURAL JOIN emp GROUP BY dname WITH ROLLUP");
  EXPECT_EQ(e.code, 3602);
  EXPECT_EQ(Scalar(*s1_, "SELECT COUNT(*) FROM dept"), "4");
  Ok("COMMIT");
  EXPECT_EQ(Scalar(*s2_, "SELECT MD5(GROUP_CONCAT(dname ORDER BY dept_id)) FROM dept"),
            "d7afeb028ac6c794dc2cda5fc616535f");
}

TEST_F(QueryFeaturesSessionTest, Sha2WithABadLengthWarns) {
  EXPECT_EQ(Query("SELECT SHA2('abc', 100), SHA2('abc', NULL)"), (Rows{{"NULL", "NULL"}}));
  EXPECT_EQ(
      Query("SHOW WARNINGS"),
      (Rows{{"Warning", "1583", "Incorrect parameters in the call to native function 'sha2'"}}));
  EXPECT_EQ(Query("SELECT LENGTH(SHA2('abc', 384))"), (Rows{{"96"}}));
  EXPECT_EQ(Query("SHOW WARNINGS"), Rows{});
}

}  // namespace
}  // namespace tetradb::rel::sql
