// Prepared SELECTs keep their plan between executions; DDL (a new catalog
// version) makes them plan again. Read-only transactions end without a
// write but still release their locks. Scans inside a transaction keep to
// their bounds over the transaction's own writes.
#include <gtest/gtest.h>

#include "tests/models/relational/session/session_fixture.h"

namespace tetradb::rel::sql {
namespace {

class PlanCacheTest : public SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    Ok("CREATE TABLE t (id INT PRIMARY KEY, k INT, name VARCHAR(20))");
    Ok("INSERT INTO t VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 10, 'c')");
  }

  std::shared_ptr<PreparedStatement> Prepare(std::string_view sql) {
    auto p = s1_->Prepare(sql);
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.error().ToString());
    return p.ok() ? *p : nullptr;
  }

  SqlResult<ResultSet> Run(PreparedStatement& p, std::vector<Value> params) {
    return s1_->ExecutePrepared(p, params);
  }

  static std::string Flat(const ResultSet& rs) {
    std::string out;
    for (const auto& row : Text(rs)) {
      if (!out.empty()) out += ";";
      for (size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + row[i];
    }
    return out;
  }
};

// ONLY_FULL_GROUP_BY is checked while planning: a cached plan is not reused
// across a change of sql_mode in either direction.
TEST_F(PlanCacheTest, PreparedSelectFollowsSqlMode) {
  auto p = Prepare("SELECT k, name FROM t WHERE id <> ? GROUP BY k ORDER BY k");
  auto r = Run(*p, {Value::Int(3)});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, 1055);

  Ok("SET sql_mode = 'STRICT_TRANS_TABLES'");
  r = Run(*p, {Value::Int(3)});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Flat(*r), "10,a;20,b");
  r = Run(*p, {Value::Int(1)});  // cached while the mode holds
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Flat(*r), "10,c;20,b");

  Ok("SET sql_mode = DEFAULT");
  r = Run(*p, {Value::Int(3)});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, 1055);
}

TEST_F(PlanCacheTest, PreparedSelectFollowsSchemaChanges) {
  auto p = Prepare("SELECT * FROM t WHERE id = ?");
  auto r = Run(*p, {Value::Int(2)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Flat(*r), "2,20,b");
  EXPECT_EQ(r->columns.size(), 3u);
  r = Run(*p, {Value::Int(3)});  // same plan, new parameter
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Flat(*r), "3,10,c");

  Ok("ALTER TABLE t ADD COLUMN extra INT DEFAULT 7");
  r = Run(*p, {Value::Int(3)});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->columns.size(), 4u);
  EXPECT_EQ(Flat(*r), "3,10,c,7");

  Ok("DROP TABLE t");
  r = Run(*p, {Value::Int(3)});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, 1146);

  Ok("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(5))");
  Ok("INSERT INTO t VALUES (3, 'new')");
  r = Run(*p, {Value::Int(3)});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Flat(*r), "3,new");
}

TEST_F(PlanCacheTest, IndexCreatedAfterPrepareGivesTheSameRows) {
  auto p = Prepare("SELECT id FROM t WHERE k = ? ORDER BY id");
  auto r = Run(*p, {Value::Int(10)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Flat(*r), "1;3");
  Ok("CREATE INDEX idx_k ON t (k)");
  Ok("INSERT INTO t VALUES (4, 10, 'd')");
  r = Run(*p, {Value::Int(10)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Flat(*r), "1;3;4");
  Ok("DROP INDEX idx_k ON t");
  r = Run(*p, {Value::Int(20)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Flat(*r), "2");
}

TEST_F(PlanCacheTest, SubqueriesAndVariablesAreEvaluatedEachTime) {
  auto sub = Prepare("SELECT COUNT(*) FROM t WHERE k = (SELECT MAX(k) FROM t WHERE id <= ?)");
  auto r = Run(*sub, {Value::Int(1)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Flat(*r), "2");  // MAX(k) = 10: ids 1 and 3
  r = Run(*sub, {Value::Int(2)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Flat(*r), "1");  // MAX(k) = 20: id 2

  auto ac = Prepare("SELECT @@autocommit, COUNT(*) FROM t WHERE id > ?");
  r = Run(*ac, {Value::Int(0)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Flat(*r), "1,3");
  r = Run(*ac, {Value::Int(2)});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Flat(*r), "1,1");
}

TEST_F(PlanCacheTest, ReadOnlyTransactionsReleaseTheirLocks) {
  Ok("BEGIN");
  EXPECT_EQ(Scalar("SELECT name FROM t WHERE id = 1 FOR UPDATE"), "a");
  Ok("COMMIT");
  // The lock is gone: another session updates the row at once.
  Ok(*s2_, "UPDATE t SET name = 'z' WHERE id = 1");
  EXPECT_EQ(Scalar("SELECT name FROM t WHERE id = 1"), "z");
}

TEST_F(PlanCacheTest, ReplaceInATransactionOnlyReplacesItsOwnConflicts) {
  Ok("CREATE TABLE u (id INT PRIMARY KEY, email VARCHAR(20) UNIQUE)");
  Ok("BEGIN");
  Ok("INSERT INTO u VALUES (1, 'b@x'), (2, 'c@x')");
  // 'a@x' conflicts with nothing; rows written by this transaction with
  // larger emails must not count as conflicts.
  auto rs = Ok("REPLACE INTO u VALUES (3, 'a@x')");
  EXPECT_EQ(rs.rows_affected, 1u);
  Ok("COMMIT");
  EXPECT_EQ(Flat(Ok("SELECT id, email FROM u ORDER BY id")), "1,b@x;2,c@x;3,a@x");
  EXPECT_EQ(Flat(Ok("SELECT id FROM u WHERE email BETWEEN 'a' AND 'b' ORDER BY id")), "3");
}

}  // namespace
}  // namespace tetradb::rel::sql
