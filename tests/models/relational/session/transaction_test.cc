// Session transactions as two connections see them: autocommit, BEGIN /
// COMMIT / ROLLBACK, statement atomicity inside a transaction, implicit
// commit by DDL, SET autocommit, closing a session, lock escalation and
// DDL waiting for the transactions that use its table.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "tests/models/relational/session/session_fixture.h"

namespace tetradb::rel::sql {
namespace {

class TransactionTest : public SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    Ok("CREATE TABLE acct (id INT PRIMARY KEY, bal INT NOT NULL)");
  }
  std::string Count(Session& s) { return Scalar(s, "SELECT COUNT(*) FROM acct"); }
  std::string Ids(Session& s) {
    std::string out;
    for (const auto& row : Query(s, "SELECT id FROM acct ORDER BY id")) {
      out += (out.empty() ? "" : ",") + row[0];
    }
    return out;
  }
};

TEST_F(TransactionTest, AutocommitMakesEachStatementVisible) {
  EXPECT_FALSE(s1_->in_transaction());
  auto rs = Ok("INSERT INTO acct VALUES (1, 100), (2, 50)");
  EXPECT_EQ(rs.rows_affected, 2u);
  EXPECT_FALSE(s1_->in_transaction());
  EXPECT_EQ(Count(*s2_), "2");
  // A failing autocommit statement leaves nothing behind.
  EXPECT_EQ(Fail("INSERT INTO acct VALUES (3, 1), (1, 1)").code, 1062);
  EXPECT_EQ(Ids(*s2_), "1,2");
}

TEST_F(TransactionTest, RollbackDiscardsAndCommitPublishes) {
  Ok("INSERT INTO acct VALUES (1, 100)");
  Ok("BEGIN");
  EXPECT_TRUE(s1_->in_transaction());
  Ok("UPDATE acct SET bal = 50 WHERE id = 1");
  Ok("INSERT INTO acct VALUES (2, 7)");
  EXPECT_EQ(Scalar("SELECT bal FROM acct WHERE id = 1"), "50");  // own writes
  EXPECT_EQ(Scalar(*s2_, "SELECT bal FROM acct WHERE id = 1"), "100");
  EXPECT_EQ(Count(*s2_), "1");
  Ok("ROLLBACK");
  EXPECT_FALSE(s1_->in_transaction());
  EXPECT_EQ(Scalar("SELECT bal FROM acct WHERE id = 1"), "100");
  EXPECT_EQ(Count(*s1_), "1");

  Ok("START TRANSACTION");
  Ok("INSERT INTO acct VALUES (3, 1)");
  EXPECT_EQ(Count(*s2_), "1");
  Ok("COMMIT");
  EXPECT_FALSE(s1_->in_transaction());
  EXPECT_EQ(Ids(*s2_), "1,3");
  // COMMIT and ROLLBACK without a transaction are no-ops.
  Ok("COMMIT");
  Ok("ROLLBACK");
}

TEST_F(TransactionTest, FailingStatementIsUndoneAlone) {
  Ok("BEGIN");
  Ok("INSERT INTO acct VALUES (1, 1)");
  // The second row collides: the whole statement goes, including row 4.
  SqlError e = Fail(*s1_, "INSERT INTO acct VALUES (4, 1), (1, 1)");
  EXPECT_EQ(e.code, 1062);
  EXPECT_TRUE(s1_->in_transaction());
  EXPECT_EQ(Ids(*s1_), "1");
  Ok("INSERT INTO acct VALUES (5, 1)");
  Ok("COMMIT");
  EXPECT_EQ(Ids(*s2_), "1,5");
}

TEST_F(TransactionTest, DdlCommitsTheOpenTransaction) {
  Ok("BEGIN");
  Ok("INSERT INTO acct VALUES (6, 1)");
  Ok("CREATE TABLE other (id INT)");
  EXPECT_FALSE(s1_->in_transaction());
  EXPECT_EQ(Ids(*s2_), "6");
  Ok("ROLLBACK");  // nothing left to roll back
  EXPECT_EQ(Ids(*s2_), "6");
  // SHOW does not commit.
  Ok("BEGIN");
  Ok("INSERT INTO acct VALUES (7, 1)");
  Ok("SHOW TABLES");
  EXPECT_TRUE(s1_->in_transaction());
  Ok("ROLLBACK");
  EXPECT_EQ(Ids(*s2_), "6");
}

TEST_F(TransactionTest, BeginCommitsThePreviousTransaction) {
  Ok("BEGIN");
  Ok("INSERT INTO acct VALUES (7, 1)");
  Ok("BEGIN");
  Ok("ROLLBACK");
  EXPECT_EQ(Ids(*s2_), "7");
}

TEST_F(TransactionTest, AutocommitOff) {
  Ok("SET autocommit = 0");
  EXPECT_FALSE(s1_->autocommit());
  EXPECT_FALSE(s1_->in_transaction());
  Ok("INSERT INTO acct VALUES (8, 1)");
  EXPECT_TRUE(s1_->in_transaction());
  EXPECT_EQ(Count(*s2_), "0");
  Ok("COMMIT");
  EXPECT_EQ(Ids(*s2_), "8");
  Ok("INSERT INTO acct VALUES (9, 1)");
  Ok("ROLLBACK");
  EXPECT_EQ(Ids(*s1_), "8");
  Ok("INSERT INTO acct VALUES (10, 1)");
  Ok("SET autocommit = 1");  // commits
  EXPECT_FALSE(s1_->in_transaction());
  EXPECT_EQ(Ids(*s2_), "8,10");
  Ok("SET @@session.autocommit = OFF");
  EXPECT_FALSE(s1_->autocommit());
  Ok("SET autocommit = 'ON'");
  EXPECT_TRUE(s1_->autocommit());
  SqlError e = Fail("SET autocommit = 2");
  EXPECT_EQ(e.code, 1231);
  EXPECT_EQ(e.message, "Variable 'autocommit' can't be set to the value of '2'");
}

TEST_F(TransactionTest, ClosingASessionRollsBack) {
  Ok(*s2_, "BEGIN");
  Ok(*s2_, "INSERT INTO acct VALUES (11, 1)");
  s2_.reset();
  EXPECT_EQ(Count(*s1_), "0");
  // The row lock went with it: another session can write the key.
  Ok("INSERT INTO acct VALUES (11, 2)");
}

TEST_F(TransactionTest, OtherSettingsAreAccepted) {
  Ok("SET NAMES utf8mb4");
  Ok("SET sql_mode = 'STRICT_TRANS_TABLES'");
  Ok("SET time_zone = '+00:00'");
  Ok("SET SESSION wait_timeout = 28800");
  Ok("USE tetradb");
  EXPECT_FALSE(s1_->in_transaction());
}

TEST_F(TransactionTest, SelectForUpdateLocksUntilCommit) {
  Ok("INSERT INTO acct VALUES (1, 100)");
  Ok("BEGIN");
  EXPECT_EQ(Query("SELECT bal FROM acct WHERE id = 1 FOR UPDATE"), (Rows{{"100"}}));
  Ok("UPDATE acct SET bal = bal - 30 WHERE id = 1");
  Ok("COMMIT");
  EXPECT_EQ(Scalar(*s2_, "SELECT bal FROM acct WHERE id = 1"), "70");
}

TEST_F(TransactionTest, LockWaitTimeoutUndoesTheStatementOnly) {
  db_->set_lock_timeout_ms(200);
  Ok("INSERT INTO acct VALUES (1, 100)");
  Ok("BEGIN");
  Ok("UPDATE acct SET bal = 1 WHERE id = 1");
  Ok(*s2_, "BEGIN");
  Ok(*s2_, "INSERT INTO acct VALUES (2, 2)");
  SqlError e = Fail(*s2_, "UPDATE acct SET bal = 2 WHERE id = 1");
  EXPECT_EQ(e.code, 1205);
  EXPECT_EQ(e.message, "Lock wait timeout exceeded; try restarting transaction");
  EXPECT_TRUE(s2_->in_transaction());  // InnoDB keeps the transaction
  Ok("COMMIT");
  Ok(*s2_, "COMMIT");
  EXPECT_EQ(Query("SELECT id, bal FROM acct ORDER BY id"), (Rows{{"1", "1"}, {"2", "2"}}));
}

TEST_F(TransactionTest, DeadlockRollsBackTheWholeTransaction) {
  Ok("INSERT INTO acct VALUES (1, 0), (2, 0)");
  Ok("BEGIN");
  Ok("UPDATE acct SET bal = 1 WHERE id = 1");
  Ok(*s2_, "BEGIN");
  Ok(*s2_, "UPDATE acct SET bal = 2 WHERE id = 2");
  // s1 waits for s2's row; s2 then asks for s1's row and closes the cycle.
  SqlResult<ResultSet> r1 = err::Unknown("not run");
  std::thread waiter([&] { r1 = s1_->Execute("UPDATE acct SET bal = 1 WHERE id = 2"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  SqlResult<ResultSet> r2 = s2_->Execute("UPDATE acct SET bal = 2 WHERE id = 1");
  waiter.join();
  // Exactly one is the victim: its transaction is gone, the other goes on.
  ASSERT_NE(r1.ok(), r2.ok()) << (r1.ok() ? r2.error().ToString() : r1.error().ToString());
  Session& victim = r1.ok() ? *s2_ : *s1_;
  Session& survivor = r1.ok() ? *s1_ : *s2_;
  EXPECT_EQ((r1.ok() ? r2 : r1).error().code, 1213);
  EXPECT_FALSE(victim.in_transaction());
  EXPECT_TRUE(survivor.in_transaction());
  Ok(survivor, "COMMIT");
  std::string bal = &survivor == s1_.get() ? "1" : "2";
  EXPECT_EQ(Query("SELECT bal FROM acct ORDER BY id"), (Rows{{bal}, {bal}}));
}

// Lock escalation (docs/sql.md): a transaction with over 1,024 row locks in
// one table takes the table's rows while no other transaction holds any.
class LockEscalationTest : public TransactionTest {
 protected:
  void InsertMany(Session& s, int64_t first, int64_t count) {
    for (int64_t id = first; id < first + count; ++id) {
      Ok(s, "INSERT INTO acct VALUES (?, 0)", {Value::Int(id)});
    }
  }
};

TEST_F(LockEscalationTest, ABulkLoadMakesOtherWritersOfTheTableWaitUntilItEnds) {
  db_->set_lock_timeout_ms(200);
  Ok("CREATE TABLE other (id INT PRIMARY KEY)");
  Ok("BEGIN");
  InsertMany(*s1_, 1, 1100);
  EXPECT_EQ(Fail(*s2_, "INSERT INTO acct VALUES (5000, 1)").code, 1205);
  EXPECT_EQ(Fail(*s2_, "SELECT * FROM acct WHERE id = 5001 FOR UPDATE").code, 1205);
  EXPECT_EQ(Count(*s2_), "0");          // plain reads never wait
  Ok(*s2_, "INSERT INTO other VALUES (1)");  // nor do other tables
  Ok("COMMIT");
  Ok(*s2_, "INSERT INTO acct VALUES (5000, 1)");
  EXPECT_EQ(Count(*s2_), "1101");
}

TEST_F(LockEscalationTest, AnotherTransactionsRowKeepsTheTableShared) {
  db_->set_lock_timeout_ms(200);
  Ok(*s2_, "BEGIN");
  Ok(*s2_, "INSERT INTO acct VALUES (9000, 1)");
  Ok("BEGIN");
  InsertMany(*s1_, 1, 1100);
  Ok(*s2_, "INSERT INTO acct VALUES (9001, 1)");  // no wait for the bulk load
  EXPECT_EQ(Fail(*s2_, "UPDATE acct SET bal = 2 WHERE id = 7").code, 1205);  // its rows stay locked
  EXPECT_EQ(Fail("INSERT INTO acct VALUES (9000, 0)").code, 1205);
  Ok("COMMIT");
  Ok(*s2_, "COMMIT");
  EXPECT_EQ(Count(*s1_), "1102");
}

// MySQL's metadata locks: DDL on a table waits for the transactions that
// read it, so none of them finds the table rewritten under its snapshot.
TEST_F(TransactionTest, DdlWaitsForTransactionsThatReadTheTable) {
  db_->set_lock_timeout_ms(200);
  Ok("INSERT INTO acct VALUES (1, 100), (2, 50)");
  Ok("BEGIN");
  EXPECT_EQ(Count(*s1_), "2");
  EXPECT_EQ(Fail(*s2_, "TRUNCATE TABLE acct").code, 1205);
  EXPECT_EQ(Fail(*s2_, "ALTER TABLE acct MODIFY bal BIGINT NOT NULL").code, 1205);
  EXPECT_EQ(Count(*s1_), "2");  // still there, under the same snapshot
  Ok("COMMIT");
  Ok(*s2_, "TRUNCATE TABLE acct");
  EXPECT_EQ(Count(*s1_), "0");
  // An autocommit read holds nothing once it is done.
  Ok(*s2_, "ALTER TABLE acct ADD COLUMN note INT");
}

}  // namespace
}  // namespace tetradb::rel::sql
