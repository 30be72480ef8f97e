// The read cache of the key-value families (engine/read_cache.h): a read
// never returns a value that a finished write replaced, whatever path the
// write took, and snapshot reads never go through the cache.
#include "engine/read_cache.h"

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "tests/engine/test_util.h"

namespace tetradb {
namespace {

using testing::OpenEngine;

std::string Read(Engine& e, Cf cf, std::string_view key) {
  std::string v;
  return testing::ValueOr(e.Get(cf, key, &v), v);
}

// Each read below follows a read of the same key, so a stale cache entry
// would answer it.
TEST(ReadCacheTest, EveryWritePathShowsAtOnce) {
  auto engine = OpenEngine({.in_memory = true});
  for (Cf cf : {Cf::kKv, Cf::kKvMembers, Cf::kKvScores}) {
    SCOPED_TRACE(CfName(cf));
    Engine& e = *engine;
    EXPECT_EQ(Read(e, cf, "k"), "<NotFound>");
    EXPECT_EQ(Read(e, cf, "k"), "<NotFound>");
    ASSERT_OK(e.Put(cf, "k", "put"));
    EXPECT_EQ(Read(e, cf, "k"), "put");
    EXPECT_EQ(Read(e, cf, "k"), "put");

    auto txn = e.BeginTransaction();
    ASSERT_OK(txn->Put(cf, "k", "txn"));
    EXPECT_EQ(Read(e, cf, "k"), "put");  // not committed yet
    ASSERT_OK(txn->Commit());
    EXPECT_EQ(Read(e, cf, "k"), "txn");

    auto rolled_back = e.BeginTransaction();
    ASSERT_OK(rolled_back->Put(cf, "k", "never"));
    ASSERT_OK(rolled_back->Rollback());
    EXPECT_EQ(Read(e, cf, "k"), "txn");

    auto unlocked = e.BeginTransaction();
    ASSERT_OK(unlocked->PutUnlocked(cf, "k", "unlocked"));
    ASSERT_OK(unlocked->Commit());
    EXPECT_EQ(Read(e, cf, "k"), "unlocked");

    ASSERT_OK(e.Delete(cf, "k"));
    EXPECT_EQ(Read(e, cf, "k"), "<NotFound>");

    ASSERT_OK(e.Put(cf, "k", "again"));
    EXPECT_EQ(Read(e, cf, "k"), "again");
    ASSERT_OK(e.DeleteRange(cf, "a", "z"));
    EXPECT_EQ(Read(e, cf, "k"), "<NotFound>");

    // A transaction's plain read without an own write goes the same way.
    ASSERT_OK(e.Put(cf, "k", "v1"));
    auto reader = e.BeginTransaction();
    std::string v;
    ASSERT_OK(reader->Get(cf, "k", &v));
    EXPECT_EQ(v, "v1");
    ASSERT_OK(e.Put(cf, "k", "v2"));
    ASSERT_OK(reader->Get(cf, "k", &v));
    EXPECT_EQ(v, "v2");
    ASSERT_OK(reader->Rollback());
  }
}

TEST(ReadCacheTest, SnapshotReadsKeepTheirView) {
  auto engine = OpenEngine({.in_memory = true});
  ASSERT_OK(engine->Put(Cf::kKv, "k", "old"));
  EXPECT_EQ(Read(*engine, Cf::kKv, "k"), "old");
  for (TxnOptions options : {TxnOptions{.snapshot = true}, TxnOptions{.consistent_reads = true}}) {
    ASSERT_OK(engine->Put(Cf::kKv, "k", "old"));
    auto txn = engine->BeginTransaction(options);
    std::string v;
    ASSERT_OK(txn->Get(Cf::kKv, "k", &v));
    EXPECT_EQ(v, "old");
    ASSERT_OK(engine->Put(Cf::kKv, "k", "new"));
    EXPECT_EQ(Read(*engine, Cf::kKv, "k"), "new");
    ASSERT_OK(txn->Get(Cf::kKv, "k", &v));
    EXPECT_EQ(v, "old");
    ASSERT_OK(txn->Rollback());
  }
  auto snapshot = engine->GetSnapshot();
  ASSERT_OK(engine->Put(Cf::kKv, "k", "newer"));
  std::string v;
  ASSERT_OK(engine->Get(Cf::kKv, "k", &v, snapshot.get()));
  EXPECT_EQ(v, "new");
  EXPECT_EQ(Read(*engine, Cf::kKv, "k"), "newer");
}

// A thread's cache outlives an engine; a new engine must not be answered
// from the old one's entries (it may even get the same address).
TEST(ReadCacheTest, AnotherEnginesEntriesNeverAnswer) {
  for (int round = 0; round < 3; ++round) {
    auto engine = OpenEngine({.in_memory = true});
    EXPECT_EQ(Read(*engine, Cf::kKv, "k"), "<NotFound>");
    ASSERT_OK(engine->Put(Cf::kKv, "k", "round " + std::to_string(round)));
    EXPECT_EQ(Read(*engine, Cf::kKv, "k"), "round " + std::to_string(round));
  }
}

TEST(ReadCacheTest, LargeValuesAreReadThrough) {
  auto engine = OpenEngine({.in_memory = true});
  const std::string big(ReadCache::kMaxValueBytes + 1, 'x');
  ASSERT_OK(engine->Put(Cf::kKvMembers, "big", big));
  EXPECT_EQ(Read(*engine, Cf::kKvMembers, "big"), big);
  ASSERT_OK(engine->Put(Cf::kKvMembers, "big", big + "y"));
  EXPECT_EQ(Read(*engine, Cf::kKvMembers, "big"), big + "y");
}

// Linearizable reads: once a write has returned, or a read has returned
// its value, no read that starts later returns an older value, on any
// thread, while hits are frequent (each reader reads the key many times
// between two writes).
TEST(ReadCacheTest, NoReadStartedAfterAWriteReturnsAnOlderValue) {
  auto engine = OpenEngine({.in_memory = true});
  ASSERT_OK(engine->Put(Cf::kKv, "n", "0"));
  constexpr int kWrites = 3000;
  std::atomic<int> acked{0};
  std::atomic<int> seen_max{0};  // the newest value any read has returned
  std::atomic<bool> done{false};
  std::atomic<int> stale{0}, backwards{0};
  std::atomic<long> reads{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      int last = 0;
      while (!done.load()) {
        const int floor = std::max(acked.load(), seen_max.load());
        std::string v;
        if (!engine->Get(Cf::kKv, "n", &v).ok()) {
          ++stale;
          continue;
        }
        const int seen = std::stoi(v);
        if (seen < floor) ++stale;
        if (seen < last) ++backwards;
        last = seen;
        for (int m = seen_max.load(); m < seen && !seen_max.compare_exchange_weak(m, seen);) {
        }
        ++reads;
      }
    });
  }
  for (int n = 1; n <= kWrites; ++n) {
    // Every write path in turn, and a write of another key of the same
    // stripe range now and then.
    const std::string value = std::to_string(n);
    if (n % 3 == 0) {
      ASSERT_OK(engine->Put(Cf::kKv, "n", value));
    } else {
      auto txn = engine->BeginTransaction();
      ASSERT_OK(txn->Put(Cf::kKv, "n", value));
      if (n % 3 == 1) ASSERT_OK(txn->Put(Cf::kKv, "other" + value, value));
      ASSERT_OK(txn->Commit());
    }
    acked.store(n);
    if (n % 64 == 0) std::this_thread::yield();
  }
  done.store(true);
  for (auto& t : readers) t.join();
  EXPECT_EQ(stale.load(), 0);
  EXPECT_EQ(backwards.load(), 0);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(Read(*engine, Cf::kKv, "n"), std::to_string(kWrites));
}

}  // namespace
}  // namespace tetradb
