// The executor's interrupt check points (interrupt.h): each loop over rows
// stops a statement whose interrupt was raised or whose deadline passed.
// Tables are sized so that the loop under test is the first to reach
// StatementInterrupt::kCheckEvery checks.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/models/relational/exec/exec_fixture.h"

namespace tetradb::rel::sql {
namespace {

class InterruptTest : public ExecFixture {
 protected:
  void SetUp() override {
    ExecFixture::SetUp();
    interrupt_ = &interrupt;
    Create("CREATE TABLE big (id INT PRIMARY KEY, v INT)");
    Create("CREATE TABLE small (id INT PRIMARY KEY, v INT)");
    Create("CREATE TABLE mid (id INT PRIMARY KEY, v INT)");
    Fill("big", 1000);
    Fill("small", 40);
    Fill("mid", 200);
  }

  void Fill(std::string_view table, int n) {
    std::string values;
    for (int i = 1; i <= n; ++i) values += fmt::format("{}({}, {})", i > 1 ? "," : "", i, n - i);
    Ok(fmt::format("INSERT INTO {} VALUES {}", table, values));
  }

  // Runs `sql` as a statement interrupted before it starts.
  SqlError Interrupted(std::string_view sql) {
    interrupt.Begin(0);
    EXPECT_TRUE(interrupt.Raise(InterruptReason::kQuery));
    SqlError e = Fail(sql);
    interrupt.End();
    return e;
  }

  // Runs `sql` with nothing raised: it must succeed.
  void Uninterrupted(std::string_view sql) {
    interrupt.Begin(0);
    Ok(sql);
    interrupt.End();
  }

  StatementInterrupt interrupt;
};

TEST_F(InterruptTest, Scan) {
  EXPECT_EQ(Interrupted("SELECT * FROM big").code, 1317);
  EXPECT_EQ(Interrupted("SELECT * FROM big WHERE id > 0").code, 1317);  // range scan
  Uninterrupted("SELECT * FROM big");
}

TEST_F(InterruptTest, JoinOverCachedRows) {
  // 80 rows read, 1600 joined: only the join's own loop checks often enough.
  EXPECT_EQ(Interrupted("SELECT COUNT(*) FROM small a, small b").code, 1317);
  EXPECT_EQ(Interrupted("SELECT COUNT(*) FROM small a JOIN small b ON a.v = b.v + 0").code, 1317);
  Uninterrupted("SELECT COUNT(*) FROM small a, small b");
}

TEST_F(InterruptTest, Sort) {
  // 200 rows read, ~1500 comparisons.
  EXPECT_EQ(Interrupted("SELECT id FROM mid ORDER BY v").code, 1317);
  Uninterrupted("SELECT id FROM mid ORDER BY v");
}

TEST_F(InterruptTest, Groups) {
  // 200 rows read, 200 groups.
  EXPECT_EQ(Interrupted("SELECT v, COUNT(*) FROM mid GROUP BY v").code, 1317);
}

TEST_F(InterruptTest, InsertValues) {
  Create("CREATE TABLE dst (id INT PRIMARY KEY)");
  std::string values;
  for (int i = 1; i <= 300; ++i) values += fmt::format("{}({})", i > 1 ? "," : "", i);
  EXPECT_EQ(Interrupted("INSERT INTO dst VALUES " + values).code, 1317);
  EXPECT_EQ(Flat(Ok("SELECT COUNT(*) FROM dst")), "0");
}

TEST_F(InterruptTest, UpdateAndDelete) {
  EXPECT_EQ(Interrupted("UPDATE big SET v = 0").code, 1317);
  EXPECT_EQ(Interrupted("DELETE FROM big").code, 1317);
  EXPECT_EQ(Flat(Ok("SELECT COUNT(*), SUM(v) FROM big")), "1000,499500");
}

TEST_F(InterruptTest, DeadlineAndReasons) {
  interrupt.Begin(1);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  SqlError e = Fail("SELECT * FROM big");
  EXPECT_EQ(e.code, 3024);
  EXPECT_EQ(interrupt.reason(), InterruptReason::kTimeout);
  // The first reason wins.
  EXPECT_TRUE(interrupt.Raise(InterruptReason::kQuery));
  EXPECT_EQ(interrupt.reason(), InterruptReason::kTimeout);
  interrupt.End();
  // Between statements KILL QUERY does nothing; the next statement starts clean.
  EXPECT_FALSE(interrupt.Raise(InterruptReason::kQuery));
  interrupt.Begin(0);
  EXPECT_EQ(interrupt.reason(), InterruptReason::kNone);
  Ok("SELECT * FROM big");
  interrupt.End();
  // Shutdown (and a connection's end) are final, even raised between statements.
  EXPECT_FALSE(interrupt.Raise(InterruptReason::kShutdown));
  EXPECT_FALSE(interrupt.Raise(InterruptReason::kConnection));
  for (int i = 0; i < 2; ++i) {
    interrupt.Begin(0);
    EXPECT_EQ(interrupt.reason(), InterruptReason::kShutdown);
    EXPECT_EQ(Fail("SELECT * FROM big").code, 1053);
    interrupt.End();
  }
  EXPECT_EQ(InterruptError(InterruptReason::kConnection).code, 1317);
}

}  // namespace
}  // namespace tetradb::rel::sql
