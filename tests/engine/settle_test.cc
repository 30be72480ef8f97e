// Settling (settle.h): a family that takes no more writes is flushed and its
// level 0 merged, once, and only when that is worth its cost.
#include <chrono>
#include <string>

#include <gtest/gtest.h>
#include <rocksdb/metadata.h>

#include "engine/engine.h"
#include "engine/key_codec.h"
#include "engine/rocks_internal.h"
#include "engine/settle.h"
#include "engine/transaction.h"
#include "tests/engine/test_util.h"

namespace tetradb {
namespace {

using testing::OpenEngine;
using Clock = std::chrono::steady_clock;

// The engine runs no settler of its own; the tests tick one they never
// start, with made-up times.
constexpr int kQuietMs = 3'600'000;
constexpr auto kQuiet = std::chrono::milliseconds(kQuietMs);
constexpr size_t kValueBytes = 1000;

std::string Key(int64_t n) {
  std::string k;
  KeyEncoder(&k).Int(7).Int(n);
  return k;
}
std::string Value(int64_t n) { return std::string(kValueBytes, static_cast<char>('a' + n % 26)); }

// Keys [first, first + count) of kRows, 100 per transaction.
void WriteRows(Engine& engine, int64_t first, int64_t count) {
  for (int64_t done = 0; done < count;) {
    auto txn = engine.BeginTransaction();
    for (int i = 0; i < 100 && done < count; ++i, ++done) {
      ASSERT_OK(txn->Put(Cf::kRows, Key(first + done), Value(first + done)));
    }
    ASSERT_OK(txn->Commit());
  }
}

class SettleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = OpenEngine({.dir = dir_.path() + "/db", .settle_after_ms = 0});
    settler_ = std::make_unique<Settler>(&engine_->internals(), kQuietMs);
  }
  void TearDown() override { settler_.reset(); }

  void Write(int64_t first, int64_t count) { WriteRows(*engine_, first, count); }
  // Enough bytes for a memtable worth flushing (a quarter of 32 MB).
  void WriteMegabytes(int64_t first, int mb) { Write(first, mb * 1000); }

  uint64_t MemtableEntries() {
    uint64_t n = 0;
    engine_->internals().db->GetIntProperty(engine_->internals().cf(Cf::kRows),
                                            "rocksdb.num-entries-active-mem-table", &n);
    return n;
  }
  // Sorted runs of kRows: each level-0 file, and each other non-empty level.
  size_t Runs() {
    rocksdb::ColumnFamilyMetaData meta;
    engine_->internals().db->GetColumnFamilyMetaData(engine_->internals().cf(Cf::kRows), &meta);
    size_t runs = meta.levels[0].files.size();
    for (size_t i = 1; i < meta.levels.size(); ++i) runs += meta.levels[i].files.empty() ? 0 : 1;
    return runs;
  }
  std::string Read(int64_t n) {
    std::string v;
    Status s = engine_->Get(Cf::kRows, Key(n), &v);
    return testing::ValueOr(s, v);
  }
  // A first look at t0, then one a quiet period later.
  void TickQuietPeriod() {
    Settler& s = *settler_;
    s.Tick(t_);
    t_ += kQuiet + std::chrono::milliseconds(1);
    s.Tick(t_);
  }

  testing::TempDir dir_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Settler> settler_;
  Clock::time_point t_ = Clock::now();
};

TEST_F(SettleTest, AQuietFamilyIsFlushedAndMergedIntoOneRun) {
  WriteMegabytes(0, 3);
  ASSERT_OK(engine_->Flush());
  WriteMegabytes(3000, 3);
  ASSERT_OK(engine_->Flush());
  WriteMegabytes(6000, 9);
  ASSERT_EQ(Runs(), 2u);
  ASSERT_GT(MemtableEntries(), 0u);
  EXPECT_FALSE(settler_->Idle());

  TickQuietPeriod();
  EXPECT_EQ(settler_->flushes(), 1u);
  EXPECT_EQ(settler_->merges(), 1u);
  EXPECT_EQ(MemtableEntries(), 0u);
  EXPECT_EQ(Runs(), 1u);
  EXPECT_TRUE(settler_->Idle());
  for (int64_t n : {0, 2999, 3000, 8999, 9000, 14999}) EXPECT_EQ(Read(n), Value(n)) << n;
  EXPECT_EQ(Read(15000), "<NotFound>");
}

TEST_F(SettleTest, WritesRestartTheQuietPeriod) {
  WriteMegabytes(0, 9);
  Settler& s = *settler_;
  s.Tick(t_);
  Write(100'000, Settler::kTrickleEntries);
  t_ += kQuiet + std::chrono::milliseconds(1);
  s.Tick(t_);  // sees the write
  EXPECT_EQ(s.flushes(), 0u);
  t_ += kQuiet - std::chrono::milliseconds(1);
  s.Tick(t_);
  EXPECT_EQ(s.flushes(), 0u);
  t_ += std::chrono::milliseconds(1);
  s.Tick(t_);
  EXPECT_EQ(s.flushes(), 1u);
  EXPECT_EQ(MemtableEntries(), 0u);
}

TEST_F(SettleTest, ATrickleOfWritesStillSettles) {
  WriteMegabytes(0, 9);
  Settler& s = *settler_;
  s.Tick(t_);
  // Fewer than kTrickleEntries writes over the whole period, a few per look.
  const int looks = 10;
  const int per_look = static_cast<int>(Settler::kTrickleEntries - 1) / looks;
  for (int i = 0; i < looks; ++i) {
    Write(200'000 + i * per_look, per_look);
    t_ += kQuiet / looks;
    s.Tick(t_);
  }
  t_ += std::chrono::milliseconds(1);
  s.Tick(t_);
  EXPECT_EQ(s.flushes(), 1u);
  EXPECT_EQ(MemtableEntries(), 0u);
  EXPECT_EQ(Read(200'000), Value(200'000));
}

TEST_F(SettleTest, NewWritesAreSettledAfterTheirOwnQuietPeriod) {
  WriteMegabytes(0, 9);
  TickQuietPeriod();
  ASSERT_EQ(settler_->flushes(), 1u);
  t_ += 2 * kQuiet;
  settler_->Tick(t_);
  EXPECT_EQ(settler_->flushes(), 1u);

  WriteMegabytes(100'000, 9);
  TickQuietPeriod();
  EXPECT_EQ(settler_->flushes(), 2u);
  EXPECT_EQ(settler_->merges(), 1u);  // the second flush made two runs
  EXPECT_EQ(Runs(), 1u);
}

TEST_F(SettleTest, ASmallMemtableStaysInMemory) {
  Write(0, 500);
  TickQuietPeriod();
  EXPECT_EQ(settler_->flushes(), 0u);
  EXPECT_EQ(MemtableEntries(), 500u);
  EXPECT_TRUE(settler_->Idle());
}

TEST_F(SettleTest, ASmallLevelZeroIsLeftToRocksDB) {
  WriteMegabytes(0, 12);
  ASSERT_OK(engine_->CompactAll(Cf::kRows));
  Write(100'000, 2000);  // 2 MB: under a quarter of the family
  ASSERT_OK(engine_->Flush());
  ASSERT_EQ(Runs(), 2u);
  TickQuietPeriod();
  EXPECT_EQ(settler_->merges(), 0u);
  EXPECT_EQ(Runs(), 2u);
}

TEST(SettleThreadTest, TheEngineSettlesByItselfAfterTheQuietPeriod) {
  testing::TempDir dir;
  auto engine = OpenEngine({.dir = dir.path() + "/db", .settle_after_ms = 200});
  WriteRows(*engine, 0, 9000);
  ASSERT_TRUE(engine->WaitUntilSettled(std::chrono::seconds(60)));
  EXPECT_EQ(engine->settler().flushes(), 1u);
  std::string v;
  ASSERT_OK(engine->Get(Cf::kRows, Key(4321), &v));
  EXPECT_EQ(v, Value(4321));
  // Closing does not wait for a quiet period, nor for a merge.
  ASSERT_OK(engine->Close());
}

TEST(SettleThreadTest, ZeroNeverSettles) {
  testing::TempDir dir;
  auto engine = OpenEngine({.dir = dir.path() + "/db", .settle_after_ms = 0});
  WriteRows(*engine, 0, 9000);
  engine->settler().Tick(Clock::now() + std::chrono::hours(1));
  EXPECT_TRUE(engine->WaitUntilSettled(std::chrono::seconds(0)));
  EXPECT_EQ(engine->settler().flushes(), 0u);
}

}  // namespace
}  // namespace tetradb
