#include "engine/transaction.h"

#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/key_codec.h"
#include "tests/engine/test_util.h"

namespace tetradb {
namespace {

using testing::OpenEngine;

class TransactionTest : public ::testing::Test {
 protected:
  void SetUp() override { engine_ = OpenEngine({.in_memory = true, .lock_timeout_ms = 50}); }

  std::string Read(Cf cf, std::string_view key) {
    std::string v;
    Status s = engine_->Get(cf, key, &v);
    return testing::ValueOr(s, v);
  }

  std::unique_ptr<Engine> engine_;
};

TEST_F(TransactionTest, ReadsItsOwnWritesBeforeCommitOthersDoNot) {
  auto txn = engine_->BeginTransaction();
  ASSERT_OK(txn->Put(Cf::kRows, "a", "1"));
  std::string v;
  ASSERT_OK(txn->Get(Cf::kRows, "a", &v));
  EXPECT_EQ(v, "1");
  EXPECT_EQ(Read(Cf::kRows, "a"), "<NotFound>");
  ASSERT_OK(txn->Delete(Cf::kRows, "a"));
  EXPECT_TRUE(txn->Get(Cf::kRows, "a", &v).IsNotFound());
  ASSERT_OK(txn->Put(Cf::kRows, "a", "2"));
  ASSERT_OK(txn->Commit());
  EXPECT_EQ(Read(Cf::kRows, "a"), "2");
}

TEST_F(TransactionTest, CommitIsAtomicAcrossColumnFamilies) {
  auto txn = engine_->BeginTransaction();
  ASSERT_OK(txn->Put(Cf::kKv, "cart", "moved"));
  ASSERT_OK(txn->Put(Cf::kRows, "order", "written"));
  ASSERT_OK(txn->Put(Cf::kGraphEdges, "purchased", "added"));
  EXPECT_EQ(Read(Cf::kRows, "order"), "<NotFound>");
  ASSERT_OK(txn->Commit());
  EXPECT_EQ(Read(Cf::kKv, "cart"), "moved");
  EXPECT_EQ(Read(Cf::kRows, "order"), "written");
  EXPECT_EQ(Read(Cf::kGraphEdges, "purchased"), "added");
}

TEST_F(TransactionTest, RollbackAndDestructionLeaveNothing) {
  {
    auto txn = engine_->BeginTransaction();
    ASSERT_OK(txn->Put(Cf::kRows, "a", "1"));
    ASSERT_OK(txn->Rollback());
    EXPECT_TRUE(txn->Put(Cf::kRows, "b", "1").IsInvalidArgument());
  }
  {
    auto txn = engine_->BeginTransaction();
    ASSERT_OK(txn->Put(Cf::kRows, "c", "1"));
  }  // destroyed uncommitted
  EXPECT_EQ(Read(Cf::kRows, "a"), "<NotFound>");
  EXPECT_EQ(Read(Cf::kRows, "c"), "<NotFound>");
}

TEST_F(TransactionTest, SecondWriterOfSameKeyIsRefused) {
  auto t1 = engine_->BeginTransaction();
  auto t2 = engine_->BeginTransaction();
  ASSERT_OK(t1->Put(Cf::kRows, "stock", "9"));
  Status s = t2->Put(Cf::kRows, "stock", "8");
  EXPECT_TRUE(s.IsBusy() || s.IsConflict()) << s.ToString();
  ASSERT_OK(t1->Commit());
  EXPECT_EQ(Read(Cf::kRows, "stock"), "9");
}

TEST_F(TransactionTest, FailedCommitLeavesNothingHalfWritten) {
  ASSERT_OK(engine_->Put(Cf::kRows, "stock", "10"));
  auto t1 = engine_->BeginTransaction({.snapshot = true});
  // t1 reads stock at its snapshot; then someone else changes it.
  ASSERT_OK(engine_->Put(Cf::kRows, "stock", "3"));
  ASSERT_OK(t1->Put(Cf::kRows, "order", "new order"));
  std::string v;
  Status s = t1->GetForUpdate(Cf::kRows, "stock", &v);
  EXPECT_TRUE(s.IsConflict()) << s.ToString();
  // The application gives up on a conflict; the order row must not exist.
  ASSERT_OK(t1->Rollback());
  EXPECT_EQ(Read(Cf::kRows, "order"), "<NotFound>");
  EXPECT_EQ(Read(Cf::kRows, "stock"), "3");
}

// A large transaction commits its records sorted by key and deduplicated:
// the last write of each key must win, deletes of committed keys must stay,
// and a savepoint rollback inside it must still be undone.
TEST_F(TransactionTest, LargeTransactionCommitsLastWriteOfEveryKey) {
  for (int i = 0; i < 50; ++i) {
    ASSERT_OK(engine_->Put(Cf::kRowIndex, "old" + std::to_string(i), "x"));
  }
  auto txn = engine_->BeginTransaction();
  for (int i = 199; i >= 0; --i) {
    ASSERT_OK(txn->Put(Cf::kRows, "k" + std::to_string(i), "first"));
    ASSERT_OK(txn->PutUnlocked(Cf::kRowIndex, "i" + std::to_string(i), "v"));
  }
  for (int i = 0; i < 200; i += 2) {
    ASSERT_OK(txn->Put(Cf::kRows, "k" + std::to_string(i), "second"));
  }
  for (int i = 0; i < 200; i += 3) ASSERT_OK(txn->Delete(Cf::kRows, "k" + std::to_string(i)));
  for (int i = 0; i < 50; i += 5) ASSERT_OK(txn->Delete(Cf::kRowIndex, "old" + std::to_string(i)));
  ASSERT_OK(txn->SetSavePoint());
  ASSERT_OK(txn->Put(Cf::kRows, "k1", "rolled back"));
  ASSERT_OK(txn->Put(Cf::kRows, "zz", "rolled back"));
  ASSERT_OK(txn->RollbackToSavePoint());
  ASSERT_OK(txn->Commit());
  for (int i = 0; i < 200; ++i) {
    const std::string want = i % 3 == 0 ? "<NotFound>" : i % 2 == 0 ? "second" : "first";
    EXPECT_EQ(Read(Cf::kRows, "k" + std::to_string(i)), want) << i;
    EXPECT_EQ(Read(Cf::kRowIndex, "i" + std::to_string(i)), "v") << i;
  }
  for (int i = 0; i < 50; ++i) {
    EXPECT_EQ(Read(Cf::kRowIndex, "old" + std::to_string(i)), i % 5 == 0 ? "<NotFound>" : "x");
  }
  EXPECT_EQ(Read(Cf::kRows, "zz"), "<NotFound>");
}

// The own write set reaches RocksDB's indexed batch only when an iterator
// needs it; these mix iterators with savepoints, where the index and the
// write set must agree after every rollback.
class WriteSetTest : public TransactionTest {
 protected:
  // "key=value ..." of cf kRows as an iterator of `txn` sees it.
  static std::string Scan(Transaction& txn) {
    std::string out;
    auto it = txn.NewIterator(Cf::kRows, KeyRange::All());
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (!out.empty()) out += ' ';
      out += std::string(it->key()) + "=" + std::string(it->value());
    }
    EXPECT_TRUE(it->status().ok());
    return out;
  }
  static std::string Get(Transaction& txn, std::string_view key) {
    std::string v;
    Status s = txn.Get(Cf::kRows, key, &v);
    return testing::ValueOr(s, v);
  }
};

TEST_F(WriteSetTest, IteratorsSeeWritesMadeBeforeAndAfterEarlierIterators) {
  ASSERT_OK(engine_->Put(Cf::kRows, "c", "old"));
  auto txn = engine_->BeginTransaction();
  ASSERT_OK(txn->Put(Cf::kRows, "a", "1"));
  EXPECT_EQ(Scan(*txn), "a=1 c=old");
  ASSERT_OK(txn->PutUnlocked(Cf::kRows, "b", "2"));
  ASSERT_OK(txn->Put(Cf::kRows, "a", "1b"));
  ASSERT_OK(txn->Delete(Cf::kRows, "c"));
  EXPECT_EQ(Scan(*txn), "a=1b b=2");
  std::vector<std::string> values;
  std::vector<Status> statuses;
  ASSERT_OK(txn->MultiGet(Cf::kRows, {"a", "b", "c", "d"}, &values, &statuses));
  EXPECT_EQ(values[0], "1b");
  EXPECT_EQ(values[1], "2");
  EXPECT_TRUE(statuses[2].IsNotFound());
  EXPECT_TRUE(statuses[3].IsNotFound());
  std::string v;
  ASSERT_OK(txn->GetForUpdate(Cf::kRows, "b", &v));  // an unlocked own write: locked now
  EXPECT_EQ(v, "2");
  ASSERT_OK(txn->Commit());
  EXPECT_EQ(Read(Cf::kRows, "a"), "1b");
  EXPECT_EQ(Read(Cf::kRows, "b"), "2");
  EXPECT_EQ(Read(Cf::kRows, "c"), "<NotFound>");
}

TEST_F(WriteSetTest, RollbackAfterAnIteratorKeepsWritesFromBeforeTheSavepoint) {
  auto txn = engine_->BeginTransaction();
  ASSERT_OK(txn->Put(Cf::kRows, "a", "1"));  // not yet in the index
  ASSERT_OK(txn->SetSavePoint());
  EXPECT_EQ(Scan(*txn), "a=1");  // indexed after the savepoint
  ASSERT_OK(txn->Put(Cf::kRows, "b", "2"));
  EXPECT_EQ(Scan(*txn), "a=1 b=2");
  ASSERT_OK(txn->RollbackToSavePoint());  // the index loses both
  EXPECT_EQ(Get(*txn, "a"), "1");
  EXPECT_EQ(Get(*txn, "b"), "<NotFound>");
  EXPECT_EQ(Scan(*txn), "a=1");
  ASSERT_OK(txn->Commit());
  EXPECT_EQ(Read(Cf::kRows, "a"), "1");
  EXPECT_EQ(Read(Cf::kRows, "b"), "<NotFound>");
}

// Reads under a snapshot of keys without a live own write go to the
// database alone; the rolled-back states RocksDB's index held must not
// answer, and the database's must.
TEST_F(WriteSetTest, SnapshotReadsAfterARollbackSeeTheDatabaseWhereTheWriteSetHasNothing) {
  ASSERT_OK(engine_->Put(Cf::kRows, "c", "db"));
  auto txn = engine_->BeginTransaction({.consistent_reads = true});
  ASSERT_OK(txn->Put(Cf::kRows, "a", "1"));
  EXPECT_EQ(Get(*txn, "c"), "db");  // takes the snapshot
  ASSERT_OK(txn->SetSavePoint());
  ASSERT_OK(txn->Put(Cf::kRows, "b", "2"));
  ASSERT_OK(txn->Delete(Cf::kRows, "c"));
  EXPECT_EQ(Scan(*txn), "a=1 b=2");  // indexed after the savepoint
  ASSERT_OK(txn->RollbackToSavePoint());
  EXPECT_EQ(Get(*txn, "a"), "1");
  EXPECT_EQ(Get(*txn, "b"), "<NotFound>");
  EXPECT_EQ(Get(*txn, "c"), "db");
  std::vector<std::string> values;
  std::vector<Status> statuses;
  ASSERT_OK(txn->MultiGet(Cf::kRows, {"a", "b", "c"}, &values, &statuses));
  EXPECT_EQ(values[0], "1");
  EXPECT_TRUE(statuses[1].IsNotFound());
  EXPECT_EQ(values[2], "db");
  ASSERT_OK(txn->Commit());
  EXPECT_EQ(Read(Cf::kRows, "b"), "<NotFound>");
  EXPECT_EQ(Read(Cf::kRows, "c"), "db");
}

TEST_F(WriteSetTest, AKeyWrittenAgainAfterARollbackReachesTheNextIterator) {
  auto txn = engine_->BeginTransaction();
  ASSERT_OK(txn->SetSavePoint());
  ASSERT_OK(txn->Put(Cf::kRows, "a", "1"));
  ASSERT_OK(txn->RollbackToSavePoint());
  EXPECT_EQ(Scan(*txn), "");
  ASSERT_OK(txn->Put(Cf::kRows, "a", "2"));
  EXPECT_EQ(Scan(*txn), "a=2");
  ASSERT_OK(txn->Commit());
  EXPECT_EQ(Read(Cf::kRows, "a"), "2");
}

TEST_F(WriteSetTest, NestedSavepointsWithOverwritesOfIndexedKeys) {
  auto txn = engine_->BeginTransaction();
  ASSERT_OK(txn->Put(Cf::kRows, "a", "1"));
  EXPECT_EQ(Scan(*txn), "a=1");
  ASSERT_OK(txn->SetSavePoint());
  ASSERT_OK(txn->Put(Cf::kRows, "a", "2"));
  ASSERT_OK(txn->SetSavePoint());
  ASSERT_OK(txn->Put(Cf::kRows, "a", "3"));
  ASSERT_OK(txn->Delete(Cf::kRows, "a"));
  EXPECT_EQ(Scan(*txn), "");
  ASSERT_OK(txn->RollbackToSavePoint());
  EXPECT_EQ(Get(*txn, "a"), "2");
  EXPECT_EQ(Scan(*txn), "a=2");
  ASSERT_OK(txn->PopSavePoint());  // keeps "2"
  ASSERT_OK(txn->SetSavePoint());
  ASSERT_OK(txn->Put(Cf::kRows, "b", "x"));
  ASSERT_OK(txn->RollbackToSavePoint());
  EXPECT_EQ(Scan(*txn), "a=2");
  ASSERT_OK(txn->Commit());
  EXPECT_EQ(Read(Cf::kRows, "a"), "2");
  EXPECT_EQ(Read(Cf::kRows, "b"), "<NotFound>");
}

// A first plain read that an own write answers still fixes the consistent
// snapshot (InnoDB's consistent read), for Get and MultiGet alike.
TEST_F(WriteSetTest, AReadOfAnOwnWriteTakesTheConsistentSnapshot) {
  ASSERT_OK(engine_->Put(Cf::kRows, "other", "old"));
  for (bool multi : {false, true}) {
    auto txn = engine_->BeginTransaction({.consistent_reads = true});
    ASSERT_OK(txn->Put(Cf::kRows, "mine", "x"));
    std::string v;
    if (multi) {
      std::vector<std::string> values;
      std::vector<Status> statuses;
      ASSERT_OK(txn->MultiGet(Cf::kRows, {"mine"}, &values, &statuses));
      EXPECT_EQ(values[0], "x");
    } else {
      ASSERT_OK(txn->Get(Cf::kRows, "mine", &v));
      EXPECT_EQ(v, "x");
    }
    ASSERT_OK(engine_->Put(Cf::kRows, "other", multi ? "new2" : "new1"));  // after the first read
    ASSERT_OK(txn->Get(Cf::kRows, "other", &v));
    EXPECT_EQ(v, multi ? "new1" : "old") << "multi=" << multi;
    ASSERT_OK(txn->Commit());
  }
}

// A savepoint's rollback undoes the writes but keeps their locks until the
// transaction ends, as InnoDB does.
TEST_F(WriteSetTest, RollbackKeepsTheLocksOfWritesSinceTheSavepoint) {
  auto txn = engine_->BeginTransaction();
  ASSERT_OK(txn->Put(Cf::kRows, "kept", "1"));
  ASSERT_OK(txn->SetSavePoint());
  ASSERT_OK(txn->Put(Cf::kRows, "undone", "1"));
  ASSERT_OK(txn->RollbackToSavePoint());
  EXPECT_EQ(Get(*txn, "undone"), "<NotFound>");
  auto other = engine_->BeginTransaction();
  EXPECT_TRUE(other->Put(Cf::kRows, "undone", "other").IsBusy());  // still locked
  EXPECT_TRUE(other->Put(Cf::kRows, "kept", "other").IsBusy());
  ASSERT_OK(txn->Commit());
  ASSERT_OK(other->Put(Cf::kRows, "undone", "other"));  // released at commit
  ASSERT_OK(other->Commit());
  EXPECT_EQ(Read(Cf::kRows, "undone"), "other");
  EXPECT_EQ(Read(Cf::kRows, "kept"), "1");
}

// The commit orders the write set by runs of one id prefix when it can,
// and sorts everything when there are too many prefixes: either way every
// key arrives once, with its last value.
TEST_F(TransactionTest, CommitOrderKeepsEveryWriteWithManyOrFewKeyPrefixes) {
  for (int prefixes : {3, 40}) {
    auto txn = engine_->BeginTransaction();
    std::vector<std::string> keys;
    for (int i = 99; i >= 0; --i) {  // each prefix's run out of order
      std::string k = std::string(9, static_cast<char>('a' + i % prefixes)) + "-" +
                      std::to_string(1000 + i) + "-" + std::to_string(prefixes);
      ASSERT_OK(txn->PutUnlocked(Cf::kRowIndex, k, "first"));
      keys.push_back(k);
    }
    for (int i = 0; i < 100; ++i) {
      std::string k = "row" + std::to_string(100000 + i) + "-" + std::to_string(prefixes);
      ASSERT_OK(txn->Put(Cf::kRows, k, "r"));  // one run, in order
      keys.push_back(k);
    }
    for (size_t i = 0; i < 100; i += 7) ASSERT_OK(txn->PutUnlocked(Cf::kRowIndex, keys[i], "second"));
    ASSERT_OK(txn->Commit());
    for (size_t i = 0; i < keys.size(); ++i) {
      Cf cf = i < 100 ? Cf::kRowIndex : Cf::kRows;
      std::string want = i >= 100 ? "r" : i % 7 == 0 ? "second" : "first";
      EXPECT_EQ(Read(cf, keys[i]), want) << keys[i];
    }
  }
}

TEST_F(TransactionTest, SnapshotTransactionReadsAsOfItsStart) {
  ASSERT_OK(engine_->Put(Cf::kRows, "k", "before"));
  auto txn = engine_->BeginTransaction({.snapshot = true});
  ASSERT_OK(engine_->Put(Cf::kRows, "k", "after"));
  std::string v;
  ASSERT_OK(txn->Get(Cf::kRows, "k", &v));
  EXPECT_EQ(v, "before");
  auto plain = engine_->BeginTransaction();
  ASSERT_OK(plain->Get(Cf::kRows, "k", &v));
  EXPECT_EQ(v, "after");
}

TEST_F(TransactionTest, ConsistentReadsSeeTheFirstReadButLockAndWriteTheLatest) {
  ASSERT_OK(engine_->Put(Cf::kRows, "stock", "6"));
  ASSERT_OK(engine_->Put(Cf::kRows, "k1", "a"));
  auto txn = engine_->BeginTransaction({.consistent_reads = true});
  ASSERT_OK(engine_->Put(Cf::kRows, "stock", "5"));  // before the first read: visible
  std::string v;
  ASSERT_OK(txn->Get(Cf::kRows, "stock", &v));
  EXPECT_EQ(v, "5");  // the first plain read takes the snapshot
  ASSERT_OK(engine_->Put(Cf::kRows, "stock", "4"));  // committed after it
  ASSERT_OK(engine_->Put(Cf::kRows, "k2", "b"));

  ASSERT_OK(txn->Get(Cf::kRows, "stock", &v));
  EXPECT_EQ(v, "5");  // plain read: the snapshot
  auto snap = txn->NewIterator(Cf::kRows, KeyRange::Prefix("k"));
  int n = 0;
  for (snap->SeekToFirst(); snap->Valid(); snap->Next()) ++n;
  EXPECT_EQ(n, 1);
  auto latest = txn->NewLatestIterator(Cf::kRows, KeyRange::Prefix("k"));
  n = 0;
  for (latest->SeekToFirst(); latest->Valid(); latest->Next()) ++n;
  EXPECT_EQ(n, 2);

  ASSERT_OK(txn->GetForUpdate(Cf::kRows, "stock", &v));
  EXPECT_EQ(v, "4");  // locking read: the latest, no conflict error
  ASSERT_OK(txn->Put(Cf::kRows, "stock", "3"));  // not validated against the snapshot
  EXPECT_TRUE(engine_->Put(Cf::kRows, "stock", "9").IsBusy());  // locked until commit
  ASSERT_OK(txn->Commit());
  EXPECT_EQ(Read(Cf::kRows, "stock"), "3");
}

TEST_F(TransactionTest, ConcurrentIncrementsNeverLoseAnUpdate) {
  ASSERT_OK(engine_->Put(Cf::kRows, "counter", "0"));
  constexpr int kThreads = 4, kPerThread = 200;
  std::atomic<int> retries{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread;) {
        auto txn = engine_->BeginTransaction({.snapshot = true, .lock_timeout_ms = 1000});
        std::string v;
        Status s = txn->GetForUpdate(Cf::kRows, "counter", &v);
        if (s.ok()) s = txn->Put(Cf::kRows, "counter", std::to_string(std::stoi(v) + 1));
        if (s.ok()) s = txn->Commit();
        if (s.ok()) {
          ++i;
        } else {
          ++retries;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(Read(Cf::kRows, "counter"), std::to_string(kThreads * kPerThread));
}

// Lock waits (engine/lock_wait.h): a waiter that outlasts its spin sleeps
// and is woken by the unlock, well before its timeout; one that is never
// unlocked fails after the timeout, not before.
TEST_F(TransactionTest, LockWaiterSleepsThenWakesAtUnlockAndTimesOutOtherwise) {
  auto holder = engine_->BeginTransaction();
  ASSERT_OK(holder->Put(Cf::kRows, "k", "holder"));

  auto waited = [&](int64_t timeout_ms, Status* status) {
    auto start = std::chrono::steady_clock::now();
    auto waiter = engine_->BeginTransaction({.lock_timeout_ms = timeout_ms});
    *status = waiter->Put(Cf::kRows, "k", "waiter");
    if (status->ok()) *status = waiter->Commit();
    return std::chrono::steady_clock::now() - start;
  };

  Status timed_out;
  auto elapsed = waited(30, &timed_out);
  EXPECT_TRUE(timed_out.IsBusy()) << timed_out.ToString();
  EXPECT_GE(elapsed, std::chrono::milliseconds(25));

  Status woken;
  std::chrono::steady_clock::duration woken_after{};
  std::thread waiter([&] { woken_after = waited(5000, &woken); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));  // long past any spin
  ASSERT_OK(holder->Commit());
  waiter.join();
  EXPECT_OK(woken);
  EXPECT_GE(woken_after, std::chrono::milliseconds(40));
  EXPECT_LT(woken_after, std::chrono::milliseconds(2000));
  EXPECT_EQ(Read(Cf::kRows, "k"), "waiter");
}

// Many short waits on one hot key, from more threads than cores: every
// hand-off is seen (spinning or asleep) and no update is lost.
TEST_F(TransactionTest, HotKeyHandOffsLoseNoUpdateAndNeverHang) {
  ASSERT_OK(engine_->Put(Cf::kRows, "hot", "0"));
  constexpr int kThreads = 6, kPerThread = 2000;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        auto txn = engine_->BeginTransaction({.lock_timeout_ms = 10000});
        std::string v;
        Status s = txn->GetForUpdate(Cf::kRows, "hot", &v);
        if (s.ok()) s = txn->Put(Cf::kRows, "hot", std::to_string(std::stoi(v) + 1));
        if (s.ok()) s = txn->Commit();
        if (!s.ok()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  // A missed wake-up would leave a waiter asleep until its 10 s timeout.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Read(Cf::kRows, "hot"), std::to_string(kThreads * kPerThread));
}

class IteratorTest : public TransactionTest {
 protected:
  void SetUp() override {
    TransactionTest::SetUp();
    for (int i = 0; i < 10; ++i) {
      ASSERT_OK(engine_->Put(Cf::kRows, Key("t1", i), std::to_string(i)));
      ASSERT_OK(engine_->Put(Cf::kRows, Key("t2", i), std::to_string(100 + i)));
    }
  }
  static std::string Key(std::string_view table, int64_t id) {
    std::string k;
    KeyEncoder(&k).Bytes(table).Int(id);
    return k;
  }
  static std::string Prefix(std::string_view table) {
    std::string k;
    KeyEncoder(&k).Bytes(table);
    return k;
  }
  static std::vector<std::string> Collect(Iterator& it, bool reverse) {
    std::vector<std::string> out;
    if (reverse) {
      for (it.SeekToLast(); it.Valid(); it.Prev()) out.emplace_back(it.value());
    } else {
      for (it.SeekToFirst(); it.Valid(); it.Next()) out.emplace_back(it.value());
    }
    EXPECT_TRUE(it.status().ok());
    return out;
  }
};

TEST_F(IteratorTest, PrefixScanForwardAndReverseStaysInPrefix) {
  auto it = engine_->NewIterator(Cf::kRows, KeyRange::Prefix(Prefix("t1")));
  auto fwd = Collect(*it, false);
  ASSERT_EQ(fwd.size(), 10u);
  EXPECT_EQ(fwd.front(), "0");
  EXPECT_EQ(fwd.back(), "9");
  auto rev = Collect(*it, true);
  ASSERT_EQ(rev.size(), 10u);
  EXPECT_EQ(rev.front(), "9");
  EXPECT_EQ(rev.back(), "0");
}

TEST_F(IteratorTest, RangeScanIsHalfOpen) {
  auto it = engine_->NewIterator(Cf::kRows, KeyRange{Key("t1", 3), Key("t1", 7)});
  EXPECT_EQ(Collect(*it, false), (std::vector<std::string>{"3", "4", "5", "6"}));
  EXPECT_EQ(Collect(*it, true), (std::vector<std::string>{"6", "5", "4", "3"}));
  it->Seek(Key("t1", 5));
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->value(), "5");
  it->SeekForPrev(Key("t9", 0));  // past the range: clamps to its last key
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->value(), "6");
}

// The transaction's own writes outside the range (in the tables before and
// after it, and in a table with no committed rows) must not show in a
// bounded scan, forward or backward, or from a seek.
TEST_F(IteratorTest, TransactionIteratorKeepsItsOwnOtherWritesOutOfRange) {
  auto txn = engine_->BeginTransaction();
  ASSERT_OK(txn->Put(Cf::kRows, Key("t0", 5), "t0"));
  ASSERT_OK(txn->Put(Cf::kRows, Key("t2", 50), "t2"));
  ASSERT_OK(txn->Put(Cf::kRows, Key("t3", 1), "t3"));
  ASSERT_OK(txn->Put(Cf::kRows, Key("t1", 20), "20"));
  auto it = txn->NewIterator(Cf::kRows, KeyRange::Prefix(Prefix("t1")));
  auto fwd = Collect(*it, false);
  ASSERT_EQ(fwd.size(), 11u);
  EXPECT_EQ(fwd.back(), "20");
  auto rev = Collect(*it, true);
  ASSERT_EQ(rev.size(), 11u);
  EXPECT_EQ(rev.front(), "20");
  EXPECT_EQ(rev.back(), "0");
  it->Seek(Key("t1", 21));
  EXPECT_FALSE(it->Valid());
  it->SeekForPrev(Key("t1", -1));
  EXPECT_FALSE(it->Valid());

  // Only uncommitted rows in the range, and only uncommitted rows around it.
  auto only = txn->NewIterator(Cf::kRows, KeyRange::Prefix(Prefix("t25")));
  only->SeekToLast();
  EXPECT_FALSE(only->Valid());
  ASSERT_OK(txn->Put(Cf::kRows, Key("t25", 1), "t25"));
  auto one = txn->NewIterator(Cf::kRows, KeyRange::Prefix(Prefix("t25")));
  EXPECT_EQ(Collect(*one, false), std::vector<std::string>{"t25"});
  EXPECT_EQ(Collect(*one, true), std::vector<std::string>{"t25"});
}

TEST_F(IteratorTest, TransactionIteratorMergesUncommittedWrites) {
  auto txn = engine_->BeginTransaction();
  ASSERT_OK(txn->Delete(Cf::kRows, Key("t1", 0)));
  ASSERT_OK(txn->Put(Cf::kRows, Key("t1", 42), "42"));
  auto it = txn->NewIterator(Cf::kRows, KeyRange::Prefix(Prefix("t1")));
  auto got = Collect(*it, false);
  ASSERT_EQ(got.size(), 10u);
  EXPECT_EQ(got.front(), "1");
  EXPECT_EQ(got.back(), "42");
  // Outside the transaction nothing changed.
  auto outside = engine_->NewIterator(Cf::kRows, KeyRange::Prefix(Prefix("t1")));
  EXPECT_EQ(Collect(*outside, false).front(), "0");
}

}  // namespace
}  // namespace tetradb
