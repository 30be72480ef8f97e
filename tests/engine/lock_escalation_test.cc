// Lock escalation (transaction.h): a transaction that locks many keys of one
// table or index id run stops locking them one by one.
#include <string>

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/key_codec.h"
#include "engine/transaction.h"
#include "tests/engine/test_util.h"

namespace tetradb {
namespace {

using testing::OpenEngine;
constexpr uint32_t kMany = Transaction::kEscalateAfter + 10;

// A kRows key of run `id`, as the relational model writes them.
std::string Key(int64_t id, int64_t n) {
  std::string k;
  KeyEncoder(&k).Int(id).Int(n);
  return k;
}

class LockEscalationTest : public ::testing::Test {
 protected:
  void SetUp() override { engine_ = OpenEngine({.in_memory = true, .lock_timeout_ms = 50}); }

  // Locks `count` keys of run `id`, from key number `first` on.
  static void WriteMany(Transaction* txn, int64_t id, int64_t first, uint32_t count) {
    for (uint32_t i = 0; i < count; ++i) ASSERT_OK(txn->Put(Cf::kRows, Key(id, first + i), "v"));
  }

  std::string ReadRow(std::string_view key) {
    std::string v;
    Status s = engine_->Get(Cf::kRows, key, &v);
    return testing::ValueOr(s, v);
  }

  std::unique_ptr<Engine> engine_;
};

TEST_F(LockEscalationTest, FewLocksLeaveTheRestOfTheRunToOthers) {
  auto big = engine_->BeginTransaction();
  WriteMany(big.get(), 7, 0, Transaction::kEscalateAfter - 1);
  auto other = engine_->BeginTransaction();
  EXPECT_OK(other->Put(Cf::kRows, Key(7, 1'000'000), "other"));
  EXPECT_TRUE(other->Put(Cf::kRows, Key(7, 0), "other").IsBusy());  // its key stays locked
}

TEST_F(LockEscalationTest, AKeyLockedAgainCountsOnce) {
  auto big = engine_->BeginTransaction();
  std::string v;
  for (uint32_t i = 0; i < 2 * kMany; ++i) {
    // A read for update and a write of the same key, as an UPDATE does.
    Status s = big->GetForUpdate(Cf::kRows, Key(7, i % 600), &v);
    ASSERT_TRUE(s.ok() || s.IsNotFound()) << s.ToString();
    ASSERT_OK(big->Put(Cf::kRows, Key(7, i % 600), "v"));
  }
  EXPECT_EQ(big->locked_keys(), 600u + 1);  // not escalated
  auto other = engine_->BeginTransaction();
  EXPECT_OK(other->Put(Cf::kRows, Key(7, 1'000'000), "other"));
}

TEST_F(LockEscalationTest, ManyLocksTakeTheRunUntilTheTransactionEnds) {
  auto big = engine_->BeginTransaction();
  WriteMany(big.get(), 7, 0, kMany);
  // The keys up to the escalation and the run: no more.
  EXPECT_EQ(big->locked_keys(), Transaction::kEscalateAfter + 1);
  WriteMany(big.get(), 7, kMany, 500);
  std::string v;
  ASSERT_TRUE(big->GetForUpdate(Cf::kRows, Key(7, 5'000'000), &v).IsNotFound());
  EXPECT_EQ(big->locked_keys(), Transaction::kEscalateAfter + 1);
  auto other = engine_->BeginTransaction();
  // Any key of the run waits, written or read for update, present or not.
  EXPECT_TRUE(other->Put(Cf::kRows, Key(7, 1'000'000), "other").IsBusy());
  EXPECT_TRUE(other->GetForUpdate(Cf::kRows, Key(7, 1'000'001), &v).IsBusy());
  // Other runs and families are free.
  EXPECT_OK(other->Put(Cf::kRows, Key(8, 0), "other"));
  EXPECT_OK(other->Put(Cf::kRowIndex, Key(7, 0), "other"));
  // Keys the big transaction locks now without the lock manager are its own.
  ASSERT_OK(big->Put(Cf::kRows, Key(7, 2'000'000), "big"));
  ASSERT_OK(big->Commit());
  EXPECT_OK(other->Put(Cf::kRows, Key(7, 1'000'000), "other"));
  EXPECT_TRUE(other->Put(Cf::kRows, Key(7, 2'000'000), "other").ok());
  ASSERT_OK(other->Commit());
  EXPECT_EQ(ReadRow(Key(7, 5)), "v");
  EXPECT_EQ(ReadRow(Key(7, 2'000'000)), "other");
}

TEST_F(LockEscalationTest, ARunAnotherTransactionHoldsIsNotEscalated) {
  auto small = engine_->BeginTransaction();
  ASSERT_OK(small->Put(Cf::kRows, Key(7, 1'000'000), "small"));
  auto big = engine_->BeginTransaction();
  WriteMany(big.get(), 7, 0, 2 * kMany);  // never waits for the run
  EXPECT_EQ(big->locked_keys(), 2 * kMany + 1);  // every key, and the run shared
  // Its key locks still count: the small transaction's key is not its own.
  EXPECT_TRUE(big->Put(Cf::kRows, Key(7, 1'000'000), "big").IsBusy());
  // Neither blocks the other beyond their own keys.
  EXPECT_OK(small->Put(Cf::kRows, Key(7, 1'000'001), "small"));
  auto third = engine_->BeginTransaction();
  EXPECT_OK(third->Put(Cf::kRows, Key(7, 3'000'000), "third"));
  EXPECT_TRUE(third->Put(Cf::kRows, Key(7, 0), "third").IsBusy());
  EXPECT_TRUE(third->Put(Cf::kRows, Key(7, 1'000'000), "third").IsBusy());
  ASSERT_OK(small->Commit());
  ASSERT_OK(third->Commit());
  ASSERT_OK(big->Commit());
}

TEST_F(LockEscalationTest, LockingReadsOfAnEscalatedRunSeeTheLatestCommits) {
  {
    auto before = engine_->BeginTransaction();
    ASSERT_OK(before->Put(Cf::kRows, Key(7, 1'000'000), "committed"));
    ASSERT_OK(before->Commit());
  }
  auto big = engine_->BeginTransaction({.consistent_reads = true});
  std::string v;
  // The consistent snapshot is taken now; the run is escalated later.
  EXPECT_TRUE(big->Get(Cf::kRows, Key(7, 1'000'001), &v).IsNotFound());
  {
    auto between = engine_->BeginTransaction();
    ASSERT_OK(between->Put(Cf::kRows, Key(7, 1'000'001), "later"));
    ASSERT_OK(between->Commit());
  }
  WriteMany(big.get(), 7, 0, kMany);
  ASSERT_EQ(big->locked_keys(), Transaction::kEscalateAfter + 1);  // escalated
  ASSERT_OK(big->GetForUpdate(Cf::kRows, Key(7, 1'000'000), &v));
  EXPECT_EQ(v, "committed");
  ASSERT_OK(big->GetForUpdate(Cf::kRows, Key(7, 1'000'001), &v));
  EXPECT_EQ(v, "later");  // a locking read is of the latest, as before
  ASSERT_OK(big->GetForUpdate(Cf::kRows, Key(7, 3), &v));
  EXPECT_EQ(v, "v");  // its own write
  EXPECT_TRUE(big->GetForUpdate(Cf::kRows, Key(7, 4'000'000), &v).IsNotFound());
  ASSERT_OK(big->Delete(Cf::kRows, Key(7, 1'000'000)));
  EXPECT_TRUE(big->GetForUpdate(Cf::kRows, Key(7, 1'000'000), &v).IsNotFound());
  // None of that took a key lock, and the run is its own: nobody else can
  // write there meanwhile, not even a key it never touched.
  EXPECT_EQ(big->locked_keys(), Transaction::kEscalateAfter + 1);
  auto other = engine_->BeginTransaction();
  EXPECT_TRUE(other->Put(Cf::kRows, Key(7, 6'000'000), "other").IsBusy());
}

TEST_F(LockEscalationTest, SnapshotTransactionsKeepTheirKeyLocks) {
  auto big = engine_->BeginTransaction({.snapshot = true});
  WriteMany(big.get(), 7, 0, kMany);
  EXPECT_EQ(big->locked_keys(), kMany + 1);
  auto other = engine_->BeginTransaction();
  EXPECT_OK(other->Put(Cf::kRows, Key(7, 1'000'000), "other"));
  ASSERT_OK(other->Commit());
  // Its locking read still checks the key against its snapshot.
  std::string v;
  Status s = big->GetForUpdate(Cf::kRows, Key(7, 1'000'000), &v);
  EXPECT_TRUE(s.IsBusy() || s.IsConflict()) << s.ToString();
}

}  // namespace
}  // namespace tetradb
