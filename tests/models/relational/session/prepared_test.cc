// Parameters, prepared statements, LAST_INSERT_ID and the statement clock.
#include <gtest/gtest.h>

#include "models/relational/sql/session/show.h"
#include "tests/models/relational/session/session_fixture.h"

namespace tetradb::rel::sql {
namespace {

class PreparedTest : public SessionFixture {};

TEST_F(PreparedTest, ParamsBindInOrder) {
  Ok("CREATE TABLE kv (k VARCHAR(20) PRIMARY KEY, v INT)");
  Ok("INSERT INTO kv VALUES (?, ?)", {Value::String("a"), Value::Int(1)});
  EXPECT_EQ(Text(Ok("SELECT v FROM kv WHERE k = ?", {Value::String("a")})), (Rows{{"1"}}));
  SqlError e = Fail(*s1_, "SELECT v FROM kv WHERE k = ?", {});
  EXPECT_EQ(e.code, 1210);
  EXPECT_EQ(e.message, "Incorrect arguments to EXECUTE");
  EXPECT_EQ(Fail(*s1_, "SELECT 1", {Value::Int(1)}).code, 1210);
}

TEST_F(PreparedTest, PreparedStatementRunsManyTimes) {
  Ok("CREATE TABLE kv (k VARCHAR(20) PRIMARY KEY, v INT)");
  auto insert = s1_->Prepare("INSERT INTO kv (k, v) VALUES (?, ?)");
  ASSERT_TRUE(insert.ok()) << insert.error().ToString();
  EXPECT_EQ(Session::ParamCount(**insert), 2);
  for (int i = 0; i < 5; ++i) {
    auto r = s1_->ExecutePrepared(**insert,
                                  {Value::String("k" + std::to_string(i)), Value::Int(i * 10)});
    ASSERT_TRUE(r.ok()) << r.error().ToString();
    EXPECT_EQ(r->rows_affected, 1u);
  }
  auto wrong = s1_->ExecutePrepared(**insert, {Value::String("x")});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, 1210);
  auto dup = s1_->ExecutePrepared(**insert, {Value::String("k1"), Value::Int(0)});
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, 1062);

  auto select = s1_->Prepare("SELECT v FROM kv WHERE k = ?");
  ASSERT_TRUE(select.ok());
  auto r = s1_->ExecutePrepared(**select, {Value::String("k3")});
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Text(*r), (Rows{{"30"}}));
  // Prepared statements survive other statements and transactions.
  Ok("BEGIN");
  r = s1_->ExecutePrepared(**select, {Value::String("k4")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Text(*r), (Rows{{"40"}}));
  Ok("COMMIT");

  auto bad = s1_->Prepare("SELEC 1");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, 1064);
}

TEST_F(PreparedTest, LastInsertIdIsPerSession) {
  Ok("CREATE TABLE li (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
  auto rs = Ok("INSERT INTO li (v) VALUES (1)");
  EXPECT_EQ(rs.last_insert_id, 1u);
  EXPECT_EQ(s1_->last_insert_id(), 1u);
  rs = Ok("INSERT INTO li (v) VALUES (2), (3)");
  EXPECT_EQ(rs.last_insert_id, 2u);  // the first id of a multi-row insert
  EXPECT_EQ(Scalar("SELECT LAST_INSERT_ID()"), "2");
  rs = Ok(*s2_, "INSERT INTO li (v) VALUES (4)");
  EXPECT_EQ(rs.last_insert_id, 4u);
  EXPECT_EQ(s2_->last_insert_id(), 4u);
  EXPECT_EQ(s1_->last_insert_id(), 2u);
  EXPECT_EQ(Scalar("SELECT LAST_INSERT_ID()"), "2");
  // A statement that generates nothing reports 0 (as MySQL's OK packet);
  // the session keeps its value.
  rs = Ok("UPDATE li SET v = 9 WHERE id = 1");
  EXPECT_EQ(rs.last_insert_id, 0u);
  EXPECT_EQ(s1_->last_insert_id(), 2u);
}

TEST_F(PreparedTest, NowComesFromTheSessionClock) {
  EXPECT_EQ(Scalar("SELECT NOW()"), "2023-11-14 22:13:20");
  clock_.Advance(61'000);
  EXPECT_EQ(Scalar("SELECT NOW()"), "2023-11-14 22:14:21");
  Ok("CREATE TABLE ev (id INT PRIMARY KEY, at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP)");
  Ok("INSERT INTO ev (id) VALUES (1)");
  EXPECT_EQ(Scalar("SELECT at FROM ev"), "2023-11-14 22:14:21");
}

TEST_F(PreparedTest, ScriptsRunStatementByStatement) {
  auto r = s1_->ExecuteScript(
      "-- a comment\n"
      "CREATE TABLE a (id INT PRIMARY KEY);\n"
      "INSERT INTO a VALUES (1), (2);\n"
      "/* block */ SELECT COUNT(*) FROM a;\n");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(Text(*r), (Rows{{"2"}}));
  // The first error stops the script; earlier statements stay done.
  r = s1_->ExecuteScript(
      "INSERT INTO a VALUES (3); INSERT INTO a VALUES (1); "
      "INSERT INTO a VALUES (4);");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, 1062);
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM a"), "3");
  r = s1_->ExecuteScript("");
  EXPECT_TRUE(r.ok());
}

TEST_F(PreparedTest, ExplainRunsThroughTheExecutor) {
  Ok("CREATE TABLE a (id INT PRIMARY KEY, v INT)");
  auto rs = Ok("EXPLAIN SELECT * FROM a WHERE id = 1");
  EXPECT_TRUE(rs.has_rows);
  ASSERT_EQ(rs.rows.size(), 1u);
}

TEST(LikeMatchTest, PercentUnderscoreAndEscapes) {
  EXPECT_TRUE(LikeMatch("%", ""));
  EXPECT_TRUE(LikeMatch("a%", "abc"));
  EXPECT_TRUE(LikeMatch("%c", "abc"));
  EXPECT_TRUE(LikeMatch("a%c%e", "abcde"));
  EXPECT_FALSE(LikeMatch("a%c%e", "abcdef"));
  EXPECT_TRUE(LikeMatch("a_c", "abc"));
  EXPECT_FALSE(LikeMatch("a_c", "ac"));
  EXPECT_TRUE(LikeMatch("_", "\xC3\xA9"));  // one UTF-8 character
  EXPECT_TRUE(LikeMatch("a\\_b", "a_b"));
  EXPECT_FALSE(LikeMatch("a\\_b", "axb"));
  EXPECT_FALSE(LikeMatch("abc", "ABC"));
}

}  // namespace
}  // namespace tetradb::rel::sql
