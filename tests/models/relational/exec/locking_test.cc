// Locking reads: UPDATE and SELECT ... FOR UPDATE read the latest committed
// row under a lock, so two transactions decrementing one stock level
// serialize instead of losing an update.
#include <thread>

#include "tests/models/relational/exec/exec_fixture.h"

namespace tetradb::rel::sql {
namespace {

class LockingTest : public ExecFixture {
 protected:
  void SetUp() override {
    lock_timeout_ms_ = 300;
    ExecFixture::SetUp();
    Create("CREATE TABLE stock (id INT PRIMARY KEY, qty INT NOT NULL)");
    Ok("INSERT INTO stock VALUES (1, 10), (2, 10)");
  }
};

TEST_F(LockingTest, ConcurrentDecrementsSerialize) {
  auto t1 = db_->Begin();
  auto t2 = db_->Begin();
  // t2's snapshot predates t1's write; its UPDATE must still see it.
  ASSERT_TRUE(RunIn(t2.get(), "SELECT qty FROM stock WHERE id = 1").ok());
  auto r1 = RunIn(t1.get(), "UPDATE stock SET qty = qty - 3 WHERE id = 1 AND qty >= 3");
  ASSERT_TRUE(r1.ok()) << r1.error().ToString();
  SqlResult<ResultSet> r2 = SqlError{};
  std::thread other(
      [&] { r2 = RunIn(t2.get(), "UPDATE stock SET qty = qty - 8 WHERE id = 1 AND qty >= 8"); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_TRUE(t1->Commit().ok());
  other.join();
  ASSERT_TRUE(r2.ok()) << r2.error().ToString();
  // 10 - 3 = 7 is not enough for 8: the guard sees the committed value.
  EXPECT_EQ(r2->rows_affected, 0u);
  ASSERT_TRUE(t2->Commit().ok());
  EXPECT_EQ(Q("SELECT qty FROM stock WHERE id = 1"), "7");
}

TEST_F(LockingTest, SelectForUpdateSeesLatestAndLocks) {
  auto t1 = db_->Begin();
  auto t2 = db_->Begin();
  ASSERT_TRUE(RunIn(t2.get(), "SELECT qty FROM stock WHERE id = 2").ok());
  ASSERT_TRUE(RunIn(t1.get(), "UPDATE stock SET qty = 4 WHERE id = 2").ok());
  ASSERT_TRUE(t1->Commit().ok());
  // A plain read keeps t2's snapshot; a locking read sees the commit.
  EXPECT_EQ(Flat(RunIn(t2.get(), "SELECT qty FROM stock WHERE id = 2").value()), "10");
  EXPECT_EQ(Flat(RunIn(t2.get(), "SELECT qty FROM stock WHERE id = 2 FOR UPDATE").value()), "4");
  // While t2 holds the lock, another writer times out (1205).
  auto t3 = db_->Begin();
  auto r3 = RunIn(t3.get(), "UPDATE stock SET qty = 0 WHERE id = 2");
  ASSERT_FALSE(r3.ok());
  EXPECT_EQ(r3.error().code, 1205);
}

}  // namespace
}  // namespace tetradb::rel::sql
