// Cancelling statements: max_execution_time (variable and hint), KILL
// [QUERY | CONNECTION], CONNECTION_ID(), interrupts from other threads, and
// what an interrupted statement leaves behind (nothing) and the session
// afterwards (usable).
//
// The slow statements below run for tens of seconds when nothing stops
// them; every interrupt is expected to end them within kQuick.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "models/relational/sql/session/hints.h"
#include "models/relational/sql/session/process_list.h"
#include "tests/models/relational/session/session_fixture.h"

namespace tetradb::rel::sql {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr auto kQuick = milliseconds(3000);

// ~10^9 joined rows over 1000 rows: half a minute of work.
constexpr std::string_view kSlowSelect = "SELECT COUNT(*) FROM t a, t b, t c";
// Each row's new value counts a join that grows with its id: the first
// rows are written within milliseconds, the whole UPDATE takes minutes.
constexpr std::string_view kSlowUpdate =
    "UPDATE t SET v = v + (SELECT COUNT(*) FROM t a, t b WHERE a.id <= t.id)";

class CancelTest : public SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    Ok("CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL)");
    std::string values;
    for (int i = 1; i <= 1000; ++i) values += fmt::format("{}({}, 0)", i > 1 ? "," : "", i);
    Ok("INSERT INTO t VALUES " + values);
  }

  // Runs `sql` on `s` and returns its error and how long it took.
  std::pair<SqlError, Clock::duration> Timed(Session& s, std::string_view sql) {
    auto start = Clock::now();
    auto r = s.Execute(sql);
    auto took = Clock::now() - start;
    EXPECT_FALSE(r.ok()) << sql << " was not interrupted";
    return {r.ok() ? SqlError{} : r.error(), took};
  }

  // Runs `sql` on s1 while another thread calls `interrupt` every 20 ms
  // until the statement returns (an interrupt that comes before the
  // statement starts is ignored, as KILL QUERY on an idle connection).
  std::pair<SqlError, Clock::duration> RunInterrupted(std::string_view sql,
                                                      const std::function<void()>& interrupt) {
    std::atomic<bool> done{false};
    std::thread killer([&] {
      std::this_thread::sleep_for(milliseconds(50));
      for (int i = 0; i < 500 && !done.load(); ++i) {
        interrupt();
        std::this_thread::sleep_for(milliseconds(20));
      }
    });
    auto result = Timed(*s1_, sql);
    done.store(true);
    killer.join();
    return result;
  }

  std::string SumV(Session& s) { return Scalar(s, "SELECT SUM(v) FROM t"); }
};

TEST_F(CancelTest, MaxExecutionTimeStopsASlowSelect) {
  EXPECT_EQ(Scalar("SELECT @@max_execution_time"), "0");
  Ok("SET SESSION max_execution_time = 50");
  EXPECT_EQ(Scalar("SELECT @@max_execution_time"), "50");
  EXPECT_EQ(Scalar("SELECT @@session.max_execution_time"), "50");
  EXPECT_EQ(s1_->max_execution_time(), 50u);
  auto [e, took] = Timed(*s1_, kSlowSelect);
  EXPECT_EQ(e.code, 3024);
  EXPECT_EQ(e.sqlstate, "HY000");
  EXPECT_EQ(e.message,
            "Query execution was interrupted, maximum statement execution time exceeded");
  EXPECT_GE(took, milliseconds(50));
  EXPECT_LT(took, kQuick);
  // The session goes on, and the limit only stops what runs too long.
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM t"), "1000");
  // Other sessions have their own limit.
  EXPECT_EQ(Scalar(*s2_, "SELECT @@max_execution_time"), "0");
}

TEST_F(CancelTest, MaxExecutionTimeHint) {
  auto [e, took] = Timed(*s1_, "SELECT /*+ MAX_EXECUTION_TIME(50) */ COUNT(*) FROM t a, t b, t c");
  EXPECT_EQ(e.code, 3024);
  EXPECT_LT(took, kQuick);
  // The hint wins over the session's value; other statements keep that.
  Ok("SET max_execution_time = 60000");
  std::tie(e, took) =
      Timed(*s1_, "SELECT /*+ BKA(a) MAX_EXECUTION_TIME(40) */ COUNT(*) FROM t a, t b, t c");
  EXPECT_EQ(e.code, 3024);
  EXPECT_LT(took, kQuick);
  EXPECT_EQ(Scalar("SELECT /*+ MAX_EXECUTION_TIME(1000) */ COUNT(*) FROM t"), "1000");
}

TEST_F(CancelTest, MaxExecutionTimeAppliesToSelectOnly) {
  Ok("CREATE TABLE big (a INT, b INT)");
  Ok("SET max_execution_time = 1");
  // Writing 20000 rows takes far more than 1 ms: not a SELECT, no limit.
  auto r = s1_->Execute("INSERT INTO big SELECT a.id, b.id FROM t a, t b WHERE a.id <= 20");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  EXPECT_EQ(r->rows_affected, 20000u);
  r = s1_->Execute("UPDATE big SET b = b + 1");
  ASSERT_TRUE(r.ok()) << r.error().ToString();
  Ok("SET max_execution_time = 0");
  EXPECT_EQ(Scalar("SELECT SUM(b) FROM big"), "10030000");
}

TEST_F(CancelTest, SettingMaxExecutionTime) {
  Ok("SET max_execution_time = 7");
  EXPECT_EQ(s1_->max_execution_time(), 7u);
  Ok("SET @@max_execution_time = DEFAULT");
  EXPECT_EQ(s1_->max_execution_time(), 0u);
  Ok("SET @@session.max_execution_time = 8");
  EXPECT_EQ(s1_->max_execution_time(), 8u);
  Ok("SET max_execution_time = -5");  // MySQL truncates to the range
  EXPECT_EQ(Scalar("SELECT @@max_execution_time"), "0");
  Ok("SET max_execution_time = 99999999999");
  EXPECT_EQ(Scalar("SELECT @@max_execution_time"), "4294967295");
  SqlError e = Fail("SET max_execution_time = 'soon'");
  EXPECT_EQ(e.code, 1232);
  EXPECT_EQ(e.message, "Incorrect argument type to variable 'max_execution_time'");
  EXPECT_EQ(Fail("SET max_execution_time = NULL").code, 1231);
}

TEST_F(CancelTest, InterruptFromAnotherThread) {
  auto [e, took] = RunInterrupted(kSlowSelect, [&] { s1_->Interrupt(); });
  EXPECT_EQ(e.code, 1317);
  EXPECT_EQ(e.sqlstate, "70100");
  EXPECT_EQ(e.message, "Query execution was interrupted");
  EXPECT_LT(took, kQuick);
  // The next statement is not affected by the last one's interrupt.
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM t a, t b"), "1000000");
  // Nothing runs now: nothing to interrupt.
  EXPECT_FALSE(s1_->Interrupt());
}

TEST_F(CancelTest, InterruptedCorrelatedExists) {
  auto [e, took] = RunInterrupted(
      "SELECT COUNT(*) FROM t x WHERE EXISTS (SELECT 1 FROM t a, t b WHERE a.id + b.id = x.id + "
      "5000)",
      [&] { s1_->Interrupt(); });
  EXPECT_EQ(e.code, 1317);
  EXPECT_LT(took, kQuick);
}

TEST_F(CancelTest, InterruptedUpdateInAutocommitLeavesNothing) {
  auto [e, took] = RunInterrupted(kSlowUpdate, [&] { s1_->Interrupt(); });
  EXPECT_EQ(e.code, 1317);
  EXPECT_LT(took, kQuick);
  EXPECT_EQ(SumV(*s1_), "0");
  EXPECT_EQ(SumV(*s2_), "0");
  EXPECT_FALSE(s1_->in_transaction());
  // No row lock is left behind: another session writes every row.
  Ok(*s2_, "UPDATE t SET v = 1");
  EXPECT_EQ(SumV(*s1_), "1000");
}

TEST_F(CancelTest, InterruptedUpdateInTransactionRollsBackToItsSavepoint) {
  Ok("BEGIN");
  Ok("UPDATE t SET v = 5 WHERE id = 1000");
  auto [e, took] = RunInterrupted(kSlowUpdate, [&] { s1_->Interrupt(); });
  EXPECT_EQ(e.code, 1317);
  EXPECT_LT(took, kQuick);
  // The statement is undone alone; the transaction and its earlier write stay.
  EXPECT_TRUE(s1_->in_transaction());
  EXPECT_EQ(SumV(*s1_), "5");
  EXPECT_EQ(SumV(*s2_), "0");
  Ok("COMMIT");
  EXPECT_EQ(SumV(*s2_), "5");
}

TEST_F(CancelTest, KillDuringARowLockWait) {
  // The kill wakes the engine's lock wait (it looks every 10 ms), long
  // before the lock timeout, and the statement reports the kill, not 1205.
  db_->set_lock_timeout_ms(5000);
  Ok(*s2_, "BEGIN");
  Ok(*s2_, "UPDATE t SET v = 1 WHERE id = 1");
  auto [e, took] = RunInterrupted("UPDATE t SET v = 2 WHERE id = 1", [&] { s1_->Interrupt(); });
  EXPECT_EQ(e.code, 1317);
  EXPECT_LT(took, milliseconds(1000));
  Ok(*s2_, "COMMIT");
  EXPECT_EQ(SumV(*s1_), "1");
}

TEST_F(CancelTest, KillQueryFromAnotherSession) {
  s1_->set_connection_id(41);
  s2_->set_connection_id(42);
  EXPECT_EQ(Scalar("SELECT CONNECTION_ID()"), "41");
  EXPECT_EQ(Scalar(*s2_, "SELECT CONNECTION_ID()"), "42");
  std::atomic<int> kills{0};
  auto [e, took] = RunInterrupted(kSlowSelect, [&] {
    auto r = s2_->Execute("KILL QUERY 41");
    EXPECT_TRUE(r.ok()) << r.error().ToString();
    ++kills;
  });
  EXPECT_EQ(e.code, 1317);
  EXPECT_LT(took, kQuick);
  EXPECT_GE(kills.load(), 1);
  // KILL QUERY leaves the session usable; KILL of an idle session is a no-op.
  Ok(*s2_, "KILL QUERY 41");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM t"), "1000");
}

TEST_F(CancelTest, KillConnectionWithoutAServerIsFinal) {
  s1_->set_connection_id(41);
  auto [e, took] = RunInterrupted(kSlowSelect, [&] {
    auto r = s2_->Execute("KILL 41");  // plain KILL is KILL CONNECTION
    EXPECT_TRUE(r.ok()) << r.error().ToString();
  });
  EXPECT_EQ(e.code, 1317);
  EXPECT_LT(took, kQuick);
  // The connection is gone (here nobody closes it): so is what it would run.
  EXPECT_EQ(Fail("SELECT 1").code, 1317);
  // Also when the session was idle.
  Session s3(db_.get(), &clock_);
  s3.set_connection_id(43);
  EXPECT_EQ(Scalar(s3, "SELECT 1"), "1");
  Ok(*s2_, "KILL CONNECTION 43");
  EXPECT_EQ(Fail(s3, "SELECT 1").code, 1317);
  EXPECT_EQ(Fail(s3, "SET @x = 1").code, 1317);
  Ok(s3, "ROLLBACK");  // harmless: still runs
  EXPECT_EQ(Scalar(*s2_, "SELECT 1"), "1");
}

TEST_F(CancelTest, KillErrors) {
  s1_->set_connection_id(41);
  SqlError e = Fail("KILL 999");
  EXPECT_EQ(e.code, 1094);
  EXPECT_EQ(e.sqlstate, "HY000");
  EXPECT_EQ(e.message, "Unknown thread id: 999");
  EXPECT_EQ(Fail("KILL QUERY 0").code, 1094);
  // Killing one's own statement interrupts the KILL itself.
  e = Fail("KILL QUERY CONNECTION_ID()");
  EXPECT_EQ(e.code, 1317);
  EXPECT_EQ(Scalar("SELECT 1"), "1");
  // A session without an id (an HTTP request) cannot be named.
  EXPECT_EQ(Scalar(*s2_, "SELECT CONNECTION_ID()"), "0");
  EXPECT_EQ(Fail(*s2_, "KILL 0").code, 1094);
  EXPECT_EQ(Fail("KILL").code, 1064);
}

TEST_F(CancelTest, KillGoesThroughTheServersHandler) {
  s1_->set_connection_id(41);
  std::vector<std::pair<uint64_t, bool>> calls;
  s1_->set_kill_handler([&](uint64_t id, bool connection) -> SqlStatus {
    calls.emplace_back(id, connection);
    if (id == 5) return SqlError{1094, "HY000", "Unknown thread id: 5"};
    return SqlStatus::Ok();
  });
  Ok("KILL QUERY 7");
  Ok("KILL CONNECTION 8");
  Ok("KILL 9");
  EXPECT_EQ(Fail("KILL 5").code, 1094);
  EXPECT_EQ(Fail("KILL CONNECTION 41").code, 1317);  // itself: closes, and fails
  EXPECT_EQ(Fail("SELECT 1").code, 1317);            // ... and so does what follows
  std::vector<std::pair<uint64_t, bool>> want = {
      {7, false}, {8, true}, {9, true}, {5, true}, {41, true}};
  EXPECT_EQ(calls, want);
}

TEST_F(CancelTest, ShutdownInterruptsEveryStatement) {
  std::atomic<int> running{0};
  auto [e, took] = RunInterrupted(
      kSlowSelect, [&] { running += InterruptAll(db_.get(), InterruptReason::kShutdown); });
  EXPECT_EQ(e.code, 1053);
  EXPECT_EQ(e.sqlstate, "08S01");
  EXPECT_EQ(e.message, "Server shutdown in progress");
  EXPECT_LT(took, kQuick);
  EXPECT_GE(running.load(), 1);
  // Every later statement fails the same way, also on the idle session.
  EXPECT_EQ(Fail("SELECT 1").code, 1053);
  EXPECT_EQ(Fail(*s2_, "COMMIT").code, 1053);
  // Another Database's sessions are not touched.
  EXPECT_EQ(InterruptAll(nullptr, InterruptReason::kShutdown), 0);
}

TEST_F(CancelTest, InterruptedSortAndAggregation) {
  Ok("SET max_execution_time = 30");
  // Grouping and sorting a million joined rows, again and again.
  auto [e, took] = Timed(*s1_,
                         "SELECT a.id + b.id AS k, COUNT(*) FROM t a, t b, t c "
                         "GROUP BY k ORDER BY k DESC");
  EXPECT_EQ(e.code, 3024);
  EXPECT_LT(took, kQuick);
}

TEST(MaxExecutionTimeHintTest, ReadsTheHintAfterSelect) {
  EXPECT_EQ(MaxExecutionTimeHint("SELECT /*+ MAX_EXECUTION_TIME(1000) */ 1", 0), 1000u);
  EXPECT_EQ(MaxExecutionTimeHint("select/*+ max_execution_time ( 5 ) */ 1", 0), 5u);
  EXPECT_EQ(MaxExecutionTimeHint("  (SELECT /*+ NO_ICP(t) MAX_EXECUTION_TIME(7) */ 1)", 2), 7u);
  EXPECT_EQ(MaxExecutionTimeHint("SELECT /*+ MAX_EXECUTION_TIME(99999999999) */ 1", 0),
            4294967295u);
  // Not a hint: a plain comment, elsewhere than after SELECT, not a number.
  EXPECT_EQ(MaxExecutionTimeHint("SELECT /* MAX_EXECUTION_TIME(1) */ 1", 0), std::nullopt);
  EXPECT_EQ(MaxExecutionTimeHint("SELECT 1, /*+ MAX_EXECUTION_TIME(1) */ 2", 0), std::nullopt);
  EXPECT_EQ(MaxExecutionTimeHint("SELECT /*+ MAX_EXECUTION_TIME(x) */ 1", 0), std::nullopt);
  EXPECT_EQ(MaxExecutionTimeHint("SELECT /*+ NOMAX_EXECUTION_TIME(1) */ 1", 0), std::nullopt);
  EXPECT_EQ(MaxExecutionTimeHint("SELECTX /*+ MAX_EXECUTION_TIME(1) */", 0), std::nullopt);
  EXPECT_EQ(MaxExecutionTimeHint("SELECT /*+ MAX_EXECUTION_TIME(1)", 0), std::nullopt);
  EXPECT_EQ(MaxExecutionTimeHint("SELECT", 10), std::nullopt);
}

}  // namespace
}  // namespace tetradb::rel::sql
